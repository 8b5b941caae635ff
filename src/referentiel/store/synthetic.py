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
SKOS = "http://www.w3.org/2004/02/skos/core#"

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
# The framework's intervention types and their practice layer, or direct support outside the layers
# (docs/architecture.md).
INTERVENTION_LAYERS = {
    "intervention-type-needs-assessment": "layer-network-work",
    "intervention-type-home-visit": "direct-support",
    "intervention-type-individual-interview": "direct-support",
    "intervention-type-consultation": "direct-support",
    "intervention-type-accompaniment": "direct-support",
    "intervention-type-linking-to-resource": "layer-network-work",
    "intervention-type-budget-guidance": "direct-support",
    "intervention-type-referral": "layer-networking",
    "intervention-type-handover": "layer-networking",
    "intervention-type-joint-intervention": "layer-networking",
    "intervention-type-partner-contact": "layer-networking",
    "intervention-type-coordination-meeting": "layer-networking",
    "intervention-type-intervision": "layer-coordination",
    "intervention-type-supervision": "layer-coordination",
}
MEETING_KINDS = ["meeting-kind-concertation", "meeting-kind-network-meeting", "meeting-kind-intervision"]
# The meeting kinds' layer (none for an internal team meeting) and whether they are inter-organisational.
MEETING_LAYERS = {
    "meeting-kind-concertation": "layer-networking",
    "meeting-kind-network-meeting": "layer-coordination",
    "meeting-kind-intervision": "layer-coordination",
    "meeting-kind-supervision": "layer-coordination",
    "meeting-kind-team-meeting": None,
}
INTER_ORGANISATIONAL = {"meeting-kind-concertation", "meeting-kind-network-meeting"}
REFLEXIVE_KINDS = ("meeting-kind-intervision", "meeting-kind-supervision")
# Needs and the sector whose services answer them (ref:matchingSector in the ontology).
NEED_SECTORS = {
    "need-housing": "sector-housing",
    "need-childcare": "sector-childcare",
    "need-parenting-support": "sector-parenting-support",
    "need-health": "sector-health",
    "need-income": "sector-social-action",
}
HELP_BASES = [
    "help-basis-voluntary",
    "help-basis-voluntary",
    "help-basis-consented",
    "help-basis-constrained",
]
INFORMAL_LINK_KINDS = (
    "link-kind-family",
    "link-kind-extended-family",
    "link-kind-friend-neighbour",
    "link-kind-community",
)
PROFESSIONAL_LINK_KINDS = ("link-kind-professional", "link-kind-institutional")
TRUST = ["trust-status-established", "trust-status-fragile", "trust-status-broken", "trust-status-rebuilding"]
# Original values: the column, the property it fed, and whether it is a vocabulary term (ids and dates
# are not: vocabulary-coverage leaves them out).
COLUMN_PROPERTIES = {
    "type": "interventionType",
    "fonction": "role",
    "besoin": "hasNeed",
    "id": "localId",
    "date": "date",
}
PREDICATES = ["exactMatch", "exactMatch", "closeMatch", "broadMatch", "relatedMatch"]
STATUSES = ["mapped", "mapped", "mapped", "unmapped", "no-equivalent", "unparsable"]
COLUMNS = ["type", "fonction", "besoin"]
EXTRA_COLUMNS = ["id", "date"]


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
    needs: list[str] = field(default_factory=list)
    help_basis: str | None = None

    @property
    def iri(self) -> str:
        return f"{REFD}{self.org}/situation/{self.id}"


@dataclass
class Assignment:
    """A dated referent assignment (ref:ReferentAssignment)."""

    id: str
    org: str
    situation: str
    prof: str
    start: date
    end: date | None


@dataclass
class Link:
    """A tie of the family's network (ref:NetworkLink), in one trust status over a period."""

    id: str
    org: str
    situation: str
    agent: str
    kind: str
    actor_kind: str
    trust: str
    start: date
    created_through: str | None


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
    reasons: list[str] = field(default_factory=list)


@dataclass
class Meeting:
    id: str
    org: str
    day: date
    kind: str
    participants: list[str]
    situations: list[str]
    families: list[str] = field(default_factory=list)
    convener: str | None = None


@dataclass
class OriginalValue:
    id: str
    org: str
    intervention: str
    column: str
    status: str
    text: str = ""
    predicate: str | None = None


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
    assignments: list[Assignment] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)

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
            for need in si.needs:
                t(ox.Triple(n(si.iri), p("hasNeed"), n(REFC + need)))
            if si.help_basis:
                t(ox.Triple(n(si.iri), p("helpBasis"), n(REFC + si.help_basis)))
        for asg in self.assignments:
            t = out[asg.org].append
            r = n(f"{REFD}{asg.org}/assignment/{asg.id}")
            t(ox.Triple(r, a, p("ReferentAssignment")))
            t(ox.Triple(r, p("referent"), n(asg.prof)))
            t(ox.Triple(r, p("assignedTo"), n(asg.situation)))
            t(ox.Triple(r, p("startDate"), d(asg.start)))
            if asg.end:
                t(ox.Triple(r, p("endDate"), d(asg.end)))
        for lk in self.links:
            t = out[lk.org].append
            r = n(f"{REFD}{lk.org}/link/{lk.id}")
            t(ox.Triple(r, a, p("NetworkLink")))
            t(ox.Triple(r, p("localId"), s(lk.id)))
            t(ox.Triple(r, p("concernsSituation"), n(lk.situation)))
            t(ox.Triple(r, p("linkedAgent"), n(lk.agent)))
            t(ox.Triple(r, p("linkKind"), n(REFC + lk.kind)))
            t(ox.Triple(r, p("linkedActorKind"), n(REFC + lk.actor_kind)))
            t(ox.Triple(r, p("trustStatus"), n(REFC + lk.trust)))
            t(ox.Triple(r, p("startDate"), d(lk.start)))
            if lk.created_through:
                t(ox.Triple(r, p("createdThrough"), n(lk.created_through)))
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
            for need in rf.reasons:
                t(ox.Triple(r, p("referralReason"), n(REFC + need)))
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
            for fam in mt.families:
                t(ox.Triple(m, p("familyParticipant"), n(REFD + "family/" + fam)))
            if mt.convener:
                t(ox.Triple(m, p("convenedBy"), n(REFD + "organisation/" + mt.convener)))
        described: set[tuple[str, str]] = set()
        for ov in self.originals:
            t = out[ov.org].append
            v = n(f"{REFD}{ov.org}/original/{ov.id}")
            # as the translation writes them: each column described once, status only when not mapped
            column = n(f"{REFD}{ov.org}/column/synthetic/{ov.column}")
            if (ov.org, ov.column) not in described:
                described.add((ov.org, ov.column))
                t(ox.Triple(column, a, p("SourceColumn")))
                t(ox.Triple(column, p("sourceColumn"), s(ov.column)))
                t(ox.Triple(column, p("sourceFile"), s("synthetic")))
                t(ox.Triple(column, p("forProperty"), p(COLUMN_PROPERTIES[ov.column])))
            t(ox.Triple(n(f"{REFD}{ov.org}/intervention/{ov.intervention}"), p("originalValue"), v))
            t(ox.Triple(v, p("inColumn"), column))
            t(
                ox.Triple(
                    v, n("http://www.w3.org/1999/02/22-rdf-syntax-ns#value"), s(ov.text or f"code {ov.id}")
                )
            )
            if ov.status != "mapped":
                t(ox.Triple(v, p("mappingStatus"), s(ov.status)))
            if ov.predicate:
                t(
                    ox.Triple(
                        v,
                        p("mappingPredicate"),
                        ox.Literal(SKOS + ov.predicate, datatype=n(XSD + "anyURI")),
                    )
                )
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
    _enrich(data, profs_by_org, random.Random(seed + 1), start, days)
    data.index()
    return data


def _enrich(
    data: SyntheticData,
    profs_by_org: dict[str, list[Professional]],
    rng: random.Random,
    start: date,
    days: int,
) -> None:
    """Patterns of the network questions, drawn from their own random stream so that the records above
    stay the same for a given seed: needs and the basis of the help, referral reasons, dated referents and
    handovers, families at meetings and who convened them, reflexive meetings, ties of each family's
    network over time, and vocabulary terms with their mapping predicate."""
    # Some needs have a matching sector among the services, some none (no housing service here).
    for si in data.situations:
        si.needs = rng.sample(sorted(NEED_SECTORS), k=rng.randint(0, 2))
        si.help_basis = rng.choice(HELP_BASES)
    for rf in data.referrals:
        rf.reasons = rng.sample(sorted(NEED_SECTORS), k=rng.randint(0, 1))
    n_a = 0
    for si in data.situations:
        if rng.random() < 0.1:
            continue  # not every partner dates its referents: the reference professional stands
        staff = profs_by_org[si.org]
        current, since = si.ref_prof, si.start
        for _ in range(rng.choice([0, 0, 1, 2])):  # successive referents
            change = since + timedelta(days=rng.randint(30, 300))
            n_a += 1
            data.assignments.append(Assignment(f"a{n_a}", si.org, si.iri, current, since, change))
            current = rng.choice(staff).iri
            since = change
        n_a += 1
        data.assignments.append(Assignment(f"a{n_a}", si.org, si.iri, current, since, si.end))
    for mt in data.meetings:
        fams = sorted({s.family for s in data.situations if s.iri in mt.situations})
        if mt.kind == "meeting-kind-concertation" and rng.random() < 0.5:
            mt.families = fams[: rng.randint(1, len(fams))]
        mt.convener = mt.org if rng.random() < 0.7 else rng.choice(data.orgs).slug
    n_m = len(data.meetings)
    for o in data.orgs:
        staff = profs_by_org[o.slug]
        for _ in range(rng.randint(2, 6)):  # intervision and supervision of the team
            n_m += 1
            kind = rng.choice(REFLEXIVE_KINDS)
            people = [p.iri for p in rng.sample(staff, k=rng.randint(2, len(staff)))]
            data.meetings.append(
                Meeting(f"m{n_m}", o.slug, start + timedelta(days=rng.randint(0, days)), kind, people, [])
            )
    by_situation: dict[str, list[Intervention]] = {}
    for it in data.interventions:
        by_situation.setdefault(it.situation, []).append(it)
    n_l = 0
    for si in data.situations:
        if rng.random() < 0.25:
            continue  # no tie recorded for this situation
        for k in range(rng.randint(1, 3)):
            informal = rng.random() < 0.55
            kind = rng.choice(INFORMAL_LINK_KINDS if informal else PROFESSIONAL_LINK_KINDS)
            actor = "actor-kind-relative" if informal else "actor-kind-professional"
            agent = f"{REFD}{si.org}/person/{si.id}-{k}"
            when = si.start + timedelta(days=rng.randint(0, 60))
            first = rng.choice(TRUST)
            n_l += 1
            data.links.append(Link(f"l{n_l}", si.org, si.iri, agent, kind, actor, first, when, None))
            if first in ("trust-status-broken", "trust-status-fragile") and rng.random() < 0.6:
                later = rng.choice(
                    ["trust-status-established", "trust-status-rebuilding", "trust-status-broken"]
                )
                through = rng.choice(by_situation.get(si.iri, [None]))
                n_l += 1
                data.links.append(
                    Link(
                        f"l{n_l}",
                        si.org,
                        si.iri,
                        agent,
                        kind,
                        actor,
                        later,
                        when + timedelta(days=rng.randint(30, 200)),
                        f"{REFD}{through.org}/intervention/{through.id}"
                        if through and rng.random() < 0.7
                        else None,
                    )
                )
    for ov in data.originals:
        # a term is mapped one way by its organisation's mapping set: its text names its mapping
        if ov.status == "mapped":
            ov.predicate = rng.choice(PREDICATES)
        ov.text = f"{ov.column} {ov.status} {ov.predicate or ''} {rng.randint(1, 3)}"
    extra = len(data.originals)
    for it in rng.sample(data.interventions, k=len(data.interventions) // 5):
        extra += 1
        column = rng.choice(EXTRA_COLUMNS)
        data.originals.append(
            OriginalValue(f"v{extra}", it.org, it.id, column, "mapped", f"{column} {extra}")
        )


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
