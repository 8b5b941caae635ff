"""What a partner's table can feed: the entities of the data contract and their properties.

This is the data contract of docs/architecture.md seen from the translation layer: for each entity its
class, the properties a profile may map a column to, and what kind of value each property takes
(a literal of some datatype, a concept of some scheme looked up in the mapping set, or a reference to
another entity). Profiles are validated against it, and the translator builds triples from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from rdflib import URIRef

from referentiel.namespaces import REF

LITERAL, CONCEPT, REFERENCE = "literal", "concept", "reference"

#: entity name (as used in profiles and data IRIs) -> class
ENTITY_CLASSES: dict[str, URIRef] = {
    "organisation": REF.Organisation,
    "professional": REF.Professional,
    "situation": REF.Situation,
    "intervention": REF.Intervention,
    "referral": REF.Referral,
    "meeting": REF.CoordinationMeeting,
    "link": REF.NetworkLink,
    # history tables (issue 12): dated referents of a situation, dated memberships in a role
    "assignment": REF.ReferentAssignment,
    "membership": REF.Membership,
}
ENTITIES = tuple(ENTITY_CLASSES)


@dataclass(frozen=True)
class PropertySpec:
    """One property of the contract as the translator sees it."""

    name: str
    kind: str  # LITERAL, CONCEPT or REFERENCE
    datatype: str | None = None  # for literals: string, date, gYear
    scheme: str | None = None  # for concepts: the concept-name prefix of the scheme, e.g. "role-"
    target: str | None = None  # for references: the entity referred to ("family" for beneficiary)
    multi: bool = False  # may hold several values (list cells)

    @cached_property
    def iri(self) -> URIRef:
        """The property IRI (``ref:{name}``)."""
        return REF[self.name]


def _p(name: str, kind: str, **kw: object) -> PropertySpec:
    return PropertySpec(name, kind, **kw)  # type: ignore[arg-type]


PROPERTIES: dict[str, PropertySpec] = {
    p.name: p
    for p in (
        _p("localId", LITERAL, datatype="string"),
        _p("name", LITERAL, datatype="string"),
        _p("commune", LITERAL, datatype="string"),
        _p("sector", CONCEPT, scheme="sector-", multi=True),
        _p("serviceType", CONCEPT, scheme="service-type-"),
        _p("memberOf", REFERENCE, target="organisation", multi=True),
        _p("role", CONCEPT, scheme="role-", multi=True),
        _p("startDate", LITERAL, datatype="date"),
        _p("endDate", LITERAL, datatype="date"),
        _p("beneficiary", REFERENCE, target="family"),
        _p("hasNeed", CONCEPT, scheme="need-", multi=True),
        _p("hasCompetence", CONCEPT, scheme="competence-", multi=True),
        _p("hasResource", CONCEPT, scheme="resource-", multi=True),
        _p("referenceProfessional", REFERENCE, target="professional"),
        _p("heldBy", REFERENCE, target="organisation"),
        _p("concernsSituation", REFERENCE, target="situation", multi=True),
        _p("date", LITERAL, datatype="date"),
        _p("interventionType", CONCEPT, scheme="intervention-type-"),
        _p("performedBy", REFERENCE, target="professional", multi=True),
        _p("carriedOutBy", REFERENCE, target="organisation"),
        _p("involvedOrganisation", REFERENCE, target="organisation", multi=True),
        _p("referredBy", REFERENCE, target="professional"),
        _p("fromOrganisation", REFERENCE, target="organisation"),
        _p("toOrganisation", REFERENCE, target="organisation"),
        _p("requestDate", LITERAL, datatype="date"),
        _p("firstContactDate", LITERAL, datatype="date"),
        _p("meetingKind", CONCEPT, scheme="meeting-kind-"),
        _p("participant", REFERENCE, target="professional", multi=True),
        _p("linkedActorKind", CONCEPT, scheme="actor-kind-"),
        _p("linkedAgent", REFERENCE, target="professional"),
        _p("linkKind", CONCEPT, scheme="link-kind-"),
        _p("trustStatus", CONCEPT, scheme="trust-status-"),
        # issue 11/12: reasons for referral, the family at meetings, who convenes, mandated or voluntary
        # help, ties over time and the practice that created them
        _p("referralReason", CONCEPT, scheme="need-", multi=True),
        _p("familyParticipant", REFERENCE, target="family", multi=True),
        _p("convenedBy", REFERENCE, target="organisation"),
        _p("helpBasis", CONCEPT, scheme="help-basis-"),
        _p("createdThrough", REFERENCE, target="intervention"),
        _p("enterpriseNumber", LITERAL, datatype="string"),
        _p("municipality", CONCEPT, scheme="municipality-"),
        _p("referent", REFERENCE, target="professional"),
        _p("assignedTo", REFERENCE, target="situation"),
        _p("member", REFERENCE, target="professional"),
        _p("organisation", REFERENCE, target="organisation"),
        _p("membershipRole", CONCEPT, scheme="role-"),
    )
}

#: which properties each entity's table may map columns to (besides localId)
ENTITY_PROPERTIES: dict[str, frozenset[str]] = {
    "organisation": frozenset(
        {"localId", "name", "commune", "sector", "serviceType", "enterpriseNumber", "municipality"}
    ),
    "professional": frozenset({"localId", "memberOf", "role", "startDate", "endDate"}),
    "situation": frozenset(
        {
            "localId",
            "beneficiary",
            "startDate",
            "endDate",
            "commune",
            "hasNeed",
            "hasCompetence",
            "hasResource",
            "referenceProfessional",
            "heldBy",
            "helpBasis",
            "municipality",
        }
    ),
    "intervention": frozenset(
        {
            "localId",
            "date",
            "interventionType",
            "concernsSituation",
            "performedBy",
            "carriedOutBy",
            "involvedOrganisation",
        }
    ),
    "referral": frozenset(
        {
            "localId",
            "concernsSituation",
            "referredBy",
            "fromOrganisation",
            "toOrganisation",
            "requestDate",
            "firstContactDate",
            "performedBy",
            "involvedOrganisation",
            "referralReason",
        }
    ),
    "meeting": frozenset(
        {
            "localId",
            "date",
            "meetingKind",
            "participant",
            "concernsSituation",
            "carriedOutBy",
            "involvedOrganisation",
            "familyParticipant",
            "convenedBy",
        }
    ),
    "link": frozenset(
        {
            "localId",
            "concernsSituation",
            "linkedActorKind",
            "linkedAgent",
            "linkKind",
            "trustStatus",
            "startDate",
            "endDate",
            "createdThrough",
        }
    ),
    "assignment": frozenset({"localId", "referent", "assignedTo", "startDate", "endDate"}),
    "membership": frozenset({"localId", "member", "organisation", "membershipRole", "startDate", "endDate"}),
}

#: the property that links a row to the partner organisation itself when the table has no column for it
DEFAULT_ORGANISATION_PROPERTY: dict[str, str] = {
    "professional": "memberOf",
    "situation": "heldBy",
    "intervention": "carriedOutBy",
    "referral": "fromOrganisation",
    "meeting": "carriedOutBy",
    "membership": "organisation",
}

#: composition columns of a situation table: they describe the members of the family
COMPOSITIONS = ("childrenBirthYears", "parentsCount")

#: how the SKOS mapping predicates are used (see docs/translation.md, "What a match means")
#: True: the concept property is asserted; False: only recorded on the OriginalValue.
ASSERTING_PREDICATES: dict[str, bool] = {
    "skos:exactMatch": True,
    "skos:closeMatch": True,
    # org term skos:broadMatch framework concept = the framework concept is broader: every instance of
    # the partner's term is an instance of it, so asserting it is true (only less precise).
    "skos:broadMatch": True,
    # the framework concept is narrower than the partner's term: asserting it would over-claim.
    "skos:narrowMatch": False,
    "skos:relatedMatch": False,
}
EXACT_PREDICATES = frozenset({"skos:exactMatch"})
