"""Synthetic harmonised data (RDF in the framework) with the records kept as plain Python objects.

Used by the query tests (which compute the expected answers from the records in plain Python, not
SPARQL) and by ``benchmarks/bench_store.py``. Every value is invented: pseudonymous ids, no names of
persons, organisation names like ``Service 3``. One named graph per organisation, as partners'
exports would be. (``referentiel generate``, in the intake capability, produces partner CSV exports;
this module produces their translation directly.)
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pyoxigraph as ox

REF = "https://w3id.org/referentiel/ontology#"
REFC = "https://w3id.org/referentiel/concept/"
REFD = "https://w3id.org/referentiel/data/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"

SECTORS = [
    "sector-early-childhood",
    "sector-social-action",
    "sector-youth-aid",
    "sector-childcare",
    "sector-school-health",
    "sector-health",
    "sector-community",
    "sector-parenting-support",
]
# The framework's intervention types and their practice layer (docs/architecture.md).
INTERVENTION_LAYERS = {
    "intervention-type-needs-assessment": "layer-network-work",
    "intervention-type-home-visit": "layer-network-work",
    "intervention-type-individual-interview": "layer-network-work",
    "intervention-type-consultation": "layer-network-work",
    "intervention-type-accompaniment": "layer-network-work",
    "intervention-type-linking-to-resource": "layer-network-work",
    "intervention-type-budget-guidance": "layer-network-work",
    "intervention-type-referral": "layer-networking",
    "intervention-type-handover": "layer-networking",
    "intervention-type-joint-intervention": "layer-networking",
    "intervention-type-partner-contact": "layer-networking",
    "intervention-type-coordination-meeting": "layer-coordination",
    "intervention-type-intervision": "layer-coordination",
    "intervention-type-supervision": "layer-coordination",
}
MEETING_KINDS = ["meeting-kind-concertation", "meeting-kind-network-meeting", "meeting-kind-intervision"]
STATUSES = ["mapped", "mapped", "mapped", "unmapped", "no-equivalent", "unparsable"]
COLUMNS = ["type", "fonction", "besoin"]


@dataclass
class Org:
    slug: str
    sector: str

    @property
    def iri(self) -> str:
        return f"{REFD}organisation/{self.slug}"


@dataclass
class Professional:
    id: str
    org: str
    start: date
    end: date | None

    @property
    def iri(self) -> str:
        return f"{REFD}{self.org}/professional/{self.id}"


@dataclass
class Situation:
    id: str
    org: str
    family: str
    ref_prof: str
    start: date
    end: date | None

    @property
    def iri(self) -> str:
        return f"{REFD}{self.org}/situation/{self.id}"


@dataclass
class Intervention:
    id: str
    org: str
    situation: str
    prof: str
    day: date
    type: str


@dataclass
class Referral:
    id: str
    from_org: str
    to_org: str
    prof: str
    situation: str
    request: date
    first_contact: date | None


@dataclass
class Meeting:
    id: str
    org: str
    day: date
    kind: str
    participants: list[str]
    situations: list[str]


@dataclass
class OriginalValue:
    id: str
    org: str
    intervention: str
    column: str
    status: str


@dataclass
class SyntheticData:
    """The records and their RDF (one list of triples per organisation)."""

    orgs: list[Org] = field(default_factory=list)
    professionals: list[Professional] = field(default_factory=list)
    situations: list[Situation] = field(default_factory=list)
    interventions: list[Intervention] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    originals: list[OriginalValue] = field(default_factory=list)

    # ------------------------------------------------------------------ lookups for expected answers
    def org(self, slug: str) -> Org:
        return next(o for o in self.orgs if o.slug == slug)

    def prof(self, iri: str) -> Professional:
        return self._profs[iri]

    def situation(self, iri: str) -> Situation:
        return self._sits[iri]

    def index(self) -> None:
        self._profs = {p.iri: p for p in self.professionals}
        self._sits = {s.iri: s for s in self.situations}

    # ------------------------------------------------------------------ RDF
    def graphs(self) -> dict[str, list[ox.Triple]]:
        """The triples of each organisation's export, keyed by organisation slug."""
        out: dict[str, list[ox.Triple]] = {o.slug: [] for o in self.orgs}

        def n(value: str) -> ox.NamedNode:
            return ox.NamedNode(value)

        def d(value: date) -> ox.Literal:
            return ox.Literal(value.isoformat(), datatype=n(XSD + "date"))

        def s(value: str) -> ox.Literal:
            return ox.Literal(value)

        a = n(RDF_TYPE)

        def p(local: str) -> ox.NamedNode:
            return n(REF + local)

        for o in self.orgs:
            t = out[o.slug].append
            t(ox.Triple(n(o.iri), a, p("Organisation")))
            t(ox.Triple(n(o.iri), p("localId"), s(o.slug)))
            t(ox.Triple(n(o.iri), p("name"), s("Service " + o.slug.split("-")[-1])))
            t(ox.Triple(n(o.iri), p("sector"), n(REFC + o.sector)))
        for pr in self.professionals:
            t = out[pr.org].append
            t(ox.Triple(n(pr.iri), a, p("Professional")))
            t(ox.Triple(n(pr.iri), p("localId"), s(pr.id)))
            t(ox.Triple(n(pr.iri), p("memberOf"), n(REFD + "organisation/" + pr.org)))
            t(ox.Triple(n(pr.iri), p("role"), n(REFC + "role-social-worker")))
            t(ox.Triple(n(pr.iri), p("startDate"), d(pr.start)))
            if pr.end:
                t(ox.Triple(n(pr.iri), p("endDate"), d(pr.end)))
        for si in self.situations:
            t = out[si.org].append
            fam = n(REFD + "family/" + si.family)
            t(ox.Triple(n(si.iri), a, p("Situation")))
            t(ox.Triple(n(si.iri), p("localId"), s(si.id)))
            t(ox.Triple(n(si.iri), p("beneficiary"), fam))
            t(ox.Triple(fam, a, p("Family")))
            t(ox.Triple(n(si.iri), p("heldBy"), n(REFD + "organisation/" + si.org)))
            t(ox.Triple(n(si.iri), p("referenceProfessional"), n(si.ref_prof)))
            t(ox.Triple(n(si.iri), p("startDate"), d(si.start)))
            if si.end:
                t(ox.Triple(n(si.iri), p("endDate"), d(si.end)))
        for it in self.interventions:
            t = out[it.org].append
            i = n(f"{REFD}{it.org}/intervention/{it.id}")
            t(ox.Triple(i, a, p("Intervention")))
            t(ox.Triple(i, p("localId"), s(it.id)))
            t(ox.Triple(i, p("date"), d(it.day)))
            t(ox.Triple(i, p("interventionType"), n(REFC + it.type)))
            t(ox.Triple(i, p("concernsSituation"), n(it.situation)))
            t(ox.Triple(i, p("performedBy"), n(it.prof)))
            t(ox.Triple(i, p("carriedOutBy"), n(REFD + "organisation/" + it.org)))
        for rf in self.referrals:
            t = out[rf.from_org].append
            r = n(f"{REFD}{rf.from_org}/referral/{rf.id}")
            t(ox.Triple(r, a, p("Referral")))
            t(ox.Triple(r, p("localId"), s(rf.id)))
            t(ox.Triple(r, p("referredBy"), n(rf.prof)))
            t(ox.Triple(r, p("fromOrganisation"), n(REFD + "organisation/" + rf.from_org)))
            t(ox.Triple(r, p("toOrganisation"), n(REFD + "organisation/" + rf.to_org)))
            # As the translation layer does: an organisation referred to is described where it is cited.
            t(ox.Triple(n(REFD + "organisation/" + rf.to_org), a, p("Organisation")))
            t(
                ox.Triple(
                    n(REFD + "organisation/" + rf.to_org), p("name"), s("Service " + rf.to_org.split("-")[-1])
                )
            )
            t(ox.Triple(r, p("concernsSituation"), n(rf.situation)))
            t(ox.Triple(r, p("requestDate"), d(rf.request)))
            if rf.first_contact:
                t(ox.Triple(r, p("firstContactDate"), d(rf.first_contact)))
        for mt in self.meetings:
            t = out[mt.org].append
            m = n(f"{REFD}{mt.org}/meeting/{mt.id}")
            t(ox.Triple(m, a, p("CoordinationMeeting")))
            t(ox.Triple(m, p("localId"), s(mt.id)))
            t(ox.Triple(m, p("date"), d(mt.day)))
            t(ox.Triple(m, p("meetingKind"), n(REFC + mt.kind)))
            t(ox.Triple(m, p("carriedOutBy"), n(REFD + "organisation/" + mt.org)))
            for part in mt.participants:
                t(ox.Triple(m, p("participant"), n(part)))
                guest = self._profs[part]
                if guest.org != mt.org:  # a participant from another service is described where cited
                    t(ox.Triple(n(part), a, p("Professional")))
                    t(ox.Triple(n(part), p("memberOf"), n(REFD + "organisation/" + guest.org)))
            for sit in mt.situations:
                t(ox.Triple(m, p("concernsSituation"), n(sit)))
        for ov in self.originals:
            t = out[ov.org].append
            v = n(f"{REFD}{ov.org}/original/{ov.id}")
            t(ox.Triple(n(f"{REFD}{ov.org}/intervention/{ov.intervention}"), p("originalValue"), v))
            t(ox.Triple(v, a, p("OriginalValue")))
            t(ox.Triple(v, p("sourceColumn"), s(ov.column)))
            t(ox.Triple(v, n("http://www.w3.org/1999/02/22-rdf-syntax-ns#value"), s(f"code {ov.id}")))
            t(ox.Triple(v, p("mappingStatus"), s(ov.status)))
        return out

    def write(self, folder: Path, fmt: str = "nt") -> list[Path]:
        """Write one file per organisation (``{slug}.nt`` or ``.ttl``); returns the paths."""
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        rdf_format = ox.RdfFormat.N_TRIPLES if fmt == "nt" else ox.RdfFormat.TURTLE
        for slug, triples in self.graphs().items():
            path = folder / f"{slug}.{fmt}"
            ox.serialize(triples, str(path), rdf_format)
            paths.append(path)
        return paths

    def triple_count(self) -> int:
        return sum(len(t) for t in self.graphs().values())


def generate(
    families: int = 60,
    orgs: int = 5,
    seed: int = 7,
    interventions_per_situation: int = 4,
    start: date = date(2022, 1, 1),
    days: int = 730,
    staff_per_org: int | None = None,
) -> SyntheticData:
    """A reproducible synthetic dataset; roughly 60 triples per family and organisation following it."""
    rng = random.Random(seed)
    data = SyntheticData()

    def day(lo: int = 0, hi: int = days) -> date:
        return start + timedelta(days=rng.randint(lo, hi))

    data.orgs = [Org(f"org-{i}", SECTORS[i % len(SECTORS)]) for i in range(orgs)]
    profs_by_org: dict[str, list[Professional]] = {}
    for o in data.orgs:
        staff = staff_per_org or max(3, families // 10)
        profs_by_org[o.slug] = []
        for j in range(staff):
            end = day(days // 4, days) if rng.random() < 0.3 else None
            pr = Professional(f"p{j}", o.slug, start - timedelta(days=rng.randint(0, 900)), end)
            profs_by_org[o.slug].append(pr)
            data.professionals.append(pr)
    n_sit = n_int = n_ref = n_ov = 0
    for f in range(families):
        family = f"fam{f:05d}"
        followed = rng.sample(data.orgs, k=min(len(data.orgs), rng.choice([1, 1, 2, 2, 3, 3, 4])))
        sits = []
        for o in followed:
            staff = profs_by_org[o.slug]
            # Zipf-like weights: the first professionals of each service hold most situations.
            ref = rng.choices(staff, weights=[1 / (k + 1) ** 1.2 for k in range(len(staff))])[0]
            s_start = day(0, days // 2)
            s_end = s_start + timedelta(days=rng.randint(60, days)) if rng.random() < 0.4 else None
            n_sit += 1
            si = Situation(f"s{n_sit}", o.slug, family, ref.iri, s_start, s_end)
            data.situations.append(si)
            sits.append(si)
            for _ in range(interventions_per_situation):
                n_int += 1
                performer = ref if rng.random() < 0.6 else rng.choice(staff)
                it_type = rng.choice(list(INTERVENTION_LAYERS))
                when = s_start + timedelta(days=rng.randint(0, days))
                data.interventions.append(
                    Intervention(f"i{n_int}", o.slug, si.iri, performer.iri, when, it_type)
                )
                if rng.random() < 0.3:
                    n_ov += 1
                    data.originals.append(
                        OriginalValue(
                            f"v{n_ov}", o.slug, f"i{n_int}", rng.choice(COLUMNS), rng.choice(STATUSES)
                        )
                    )
        for si in sits:
            for other in sits:
                if other is si or rng.random() < 0.5:
                    continue
                n_ref += 1
                req = si.start + timedelta(days=rng.randint(0, 200))
                contact = req + timedelta(days=rng.randint(0, 90)) if rng.random() < 0.85 else None
                data.referrals.append(
                    Referral(
                        f"r{n_ref}",
                        si.org,
                        other.org,
                        rng.choice(profs_by_org[si.org]).iri,
                        si.iri,
                        req,
                        contact,
                    )
                )
    n_m = 0
    for o in data.orgs:
        held = [s for s in data.situations if s.org == o.slug]
        for _ in range(max(1, len(held) // 4)):
            n_m += 1
            chosen = rng.sample(held, k=min(len(held), rng.randint(1, 3)))
            kind = rng.choice(MEETING_KINDS)
            participants = [rng.choice(profs_by_org[o.slug]).iri]
            if kind != "meeting-kind-intervision":  # inter-organisational kinds gather 2+ services
                other = rng.choice([x for x in data.orgs if x.slug != o.slug] or [o])
                participants.append(rng.choice(profs_by_org[other.slug]).iri)
            data.meetings.append(
                Meeting(f"m{n_m}", o.slug, day(), kind, participants, [s.iri for s in chosen])
            )
    data.index()
    return data


def corrected(triples: list[ox.Triple], fraction: float, seed: int = 1) -> list[ox.Triple]:
    """The same export sent again after ``fraction`` of its rows were corrected.

    A row is a record with a date (situation, intervention, referral, meeting, professional);
    about ``fraction`` of them, chosen at random (``seed``), get every date moved one day later, as
    a partner fixing a date column would. Each changed date is one statement gone and one new
    statement on reload. The order of the other statements is kept.
    """
    date_type = XSD + "date"
    rows = sorted(
        {
            t.subject.value
            for t in triples
            if isinstance(t.object, ox.Literal) and t.object.datatype.value == date_type
        }
    )
    chosen = set(random.Random(seed).sample(rows, k=round(len(rows) * fraction))) if rows else set()
    out = []
    for t in triples:
        obj = t.object
        if t.subject.value in chosen and isinstance(obj, ox.Literal) and obj.datatype.value == date_type:
            later = date.fromisoformat(obj.value) + timedelta(days=1)
            t = ox.Triple(t.subject, t.predicate, ox.Literal(later.isoformat(), datatype=obj.datatype))
        out.append(t)
    return out
