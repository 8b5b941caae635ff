"""The records of the synthetic harmonised data (organisations, professionals, situations, ties,
interventions, referrals, meetings, original values) and their RDF, one graph per organisation.

:func:`referentiel.store.synthetic.generate` makes them; the query tests compute expected answers
from these plain Python records and compare them with what SPARQL says about the RDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
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
