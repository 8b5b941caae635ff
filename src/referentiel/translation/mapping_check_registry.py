"""The registry of mapping-set checks (id, severity, title, how to fix) and what a run of them reports.

:data:`CHECKS` is read by the checks themselves (:mod:`referentiel.translation.mapping_check_rules`),
the CLI, the JSON output and docs/translation.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from referentiel.error_messages import Phrase
from referentiel.translation.mapping_check_messages import say

ERROR, WARN, INFO = "ERROR", "WARN", "INFO"


SEVERITY_ORDER = {ERROR: 0, WARN: 1, INFO: 2}


@dataclass(frozen=True)
class CheckSpec:
    """A check of the registry: what it finds, how severe it is, how to fix it."""

    id: str
    severity: str
    title: str
    hint: str
    kind: str  # "sssom" (well-formedness) or "skos" (integrity against the framework)

    def title_in(self, lang: str) -> str:
        """What the check finds, in ``lang``."""
        return say(self.title, lang)

    def hint_in(self, lang: str) -> str:
        """How to fix it, in ``lang``."""
        return say(self.hint, lang)


CHECKS: dict[str, CheckSpec] = {
    spec.id: spec
    for spec in (
        CheckSpec(
            "metadata-missing",
            ERROR,
            "required mapping-set metadata is missing (mapping_set_id, license)",
            "add '#mapping_set_id: https://...' and '#license: https://...' lines to the YAML header",
            "sssom",
        ),
        CheckSpec(
            "value-missing",
            ERROR,
            "a required column is empty on this row",
            "fill subject_id, predicate_id, object_id and mapping_justification on every row; "
            "when the term has no equivalent, write predicate_id skos:exactMatch and object_id "
            "sssom:NoTermFound",
            "sssom",
        ),
        CheckSpec(
            "curie-malformed",
            ERROR,
            "an identifier is not a valid CURIE",
            "write identifiers as prefix:local without spaces, e.g. refc:role-social-worker",
            "sssom",
        ),
        CheckSpec(
            "prefix-undeclared",
            ERROR,
            "a CURIE uses a prefix that the curie_map does not declare",
            "declare the prefix in the YAML header: '#curie_map:' then '#  prefix: https://...'",
            "sssom",
        ),
        CheckSpec(
            "justification-unknown",
            ERROR,
            "mapping_justification is not a SEMAPV justification",
            "use semapv:ManualMappingCuration for curated mappings, semapv:LexicalMatching for "
            "lexical suggestions (https://w3id.org/semapv/vocab/)",
            "sssom",
        ),
        CheckSpec(
            "predicate-not-skos",
            WARN,
            "the predicate is not a SKOS mapping predicate",
            "the framework's mappings use skos:exactMatch, closeMatch, broadMatch, narrowMatch or "
            "relatedMatch",
            "sssom",
        ),
        CheckSpec(
            "predicate-unknown",
            ERROR,
            "the predicate is not a mapping predicate SSSOM knows",
            "use skos:exactMatch, closeMatch, broadMatch, narrowMatch or relatedMatch",
            "sssom",
        ),
        CheckSpec(
            "confidence-invalid",
            ERROR,
            "confidence is not a number between 0 and 1",
            "write the confidence as a decimal number between 0 and 1, e.g. 0.9",
            "sssom",
        ),
        CheckSpec(
            "date-invalid",
            ERROR,
            "a date is not an ISO 8601 date (YYYY-MM-DD)",
            "write dates as YYYY-MM-DD, e.g. 2026-11-20",
            "sssom",
        ),
        CheckSpec(
            "modifier-invalid",
            ERROR,
            "predicate_modifier has a value other than Not",
            "leave predicate_modifier empty, or write Not to state that the terms do NOT match",
            "sssom",
        ),
        CheckSpec(
            "cardinality-invalid",
            ERROR,
            "mapping_cardinality is not one of 1:1, 1:n, n:1, n:n, 1:0, 0:1, 0:0",
            "use the SSSOM cardinality values, or leave the column empty",
            "sssom",
        ),
        CheckSpec(
            "duplicate-mapping",
            WARN,
            "the same mapping (subject, predicate, object) appears twice",
            "delete one of the two rows (keep the one with the better justification)",
            "sssom",
        ),
        CheckSpec(
            "subject-label-missing",
            WARN,
            "the row has no subject_label: the organisation's term as written",
            "write the term exactly as the organisation writes it in subject_label; translation looks "
            "terms up by this label",
            "sssom",
        ),
        CheckSpec(
            "label-ambiguous",
            ERROR,
            "the same term (subject_label) names two different subjects mapped into the same scheme",
            "give each subject_id its own label, or merge the two subjects into one",
            "sssom",
        ),
        CheckSpec(
            "subject-outside-org-namespace",
            INFO,
            "the subject is not an organisation concept (https://w3id.org/referentiel/org/...)",
            "organisation terms are SKOS concepts in the organisation's namespace, see docs/translation.md",
            "sssom",
        ),
        CheckSpec(
            "exact-with-hierarchical",
            ERROR,
            "exactMatch and broadMatch/narrowMatch/relatedMatch on the same pair (SKOS S46, S27)",
            "keep one predicate for the pair: exactMatch if they mean the same, else the hierarchical one",
            "skos",
        ),
        CheckSpec(
            "related-on-hierarchy",
            ERROR,
            "relatedMatch to a concept that is above or below another concept the subject is mapped to "
            "(relatedMatch is disjoint from the broader hierarchy, SKOS S27)",
            "use broadMatch or narrowMatch for a hierarchical relation, or drop one of the mappings",
            "skos",
        ),
        CheckSpec(
            "broad-cycle",
            ERROR,
            "broadMatch/narrowMatch/exactMatch and the framework's skos:broader form a cycle "
            "(something would be broader than itself)",
            "one of the mappings on the cycle has the wrong direction: check broadMatch (the object is "
            "BROADER than the subject) versus narrowMatch",
            "skos",
        ),
        CheckSpec(
            "object-not-in-framework",
            ERROR,
            "the object is not a concept of the framework",
            "map to a refc: concept that the ontology declares (skos:Concept); check the spelling, or, if "
            "the framework has no equivalent, write predicate_id skos:exactMatch and object_id "
            "sssom:NoTermFound",
            "skos",
        ),
        CheckSpec(
            "object-deprecated",
            WARN,
            "the object is a deprecated concept of the framework (owl:deprecated)",
            "map to the concept that replaces it (dcterms:isReplacedBy in the ontology)",
            "skos",
        ),
        CheckSpec(
            "one-to-one-violated",
            ERROR,
            "the mapping claims 1:1 cardinality but the subject or object has several exact matches",
            "keep one exactMatch per subject and per object, or change mapping_cardinality",
            "skos",
        ),
        CheckSpec(
            "exact-to-several",
            WARN,
            "the subject is exactMatch to several framework concepts (exactMatch is transitive: it would "
            "make those concepts equivalent)",
            "keep the exactMatch to the right concept; use closeMatch or broadMatch for the others",
            "skos",
        ),
        CheckSpec(
            "no-term-found-contradicted",
            WARN,
            "the subject is declared without equivalent (sssom:NoTermFound) and also mapped to a concept",
            "delete the sssom:NoTermFound row (predicate skos:exactMatch: 'no exact equivalent exists'), "
            "or the mapping, whichever is wrong",
            "skos",
        ),
        CheckSpec(
            "object-label-mismatch",
            WARN,
            "object_label is not a label of the object concept (the identifier or the label is wrong)",
            "copy the concept's label from the ontology, or fix object_id",
            "skos",
        ),
    )
}


"""The registry of mapping-set checks, by id (see docs/translation.md, "Checking mapping sets")."""


@dataclass
class Finding:
    """One problem found in a mapping set (``message`` and ``hint`` in English; ``*_in(lang)`` translate)."""

    check: str
    severity: str
    message: str
    file: str | None = None
    line: int | None = None
    column: str | None = None
    hint: str | None = None
    phrase: Phrase | None = field(default=None, repr=False, compare=False)

    def message_in(self, lang: str) -> str:
        """The message in ``lang`` (fr, nl, en)."""
        return say(self.phrase.template, lang, self.phrase.params) if self.phrase else self.message

    def hint_in(self, lang: str) -> str | None:
        """How to fix it, in ``lang``."""
        return say(self.hint, lang) if self.hint else None

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """A JSON-ready dict, its message and hint in ``lang``."""
        return {
            "check": self.check,
            "severity": self.severity,
            "message": self.message_in(lang),
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "hint": self.hint_in(lang),
        }


@dataclass
class CheckReport:
    """The findings of one or more mapping sets."""

    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    mappings: int = 0

    def count(self, severity: str) -> int:
        """The number of findings of ``severity``."""
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def ok(self) -> bool:
        """True when no finding is an ERROR."""
        return self.count(ERROR) == 0

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """A JSON-ready dict (``files``, ``mappings``, counts, ``findings`` in ``lang``)."""
        return {
            "files": self.files,
            "mappings": self.mappings,
            "errors": self.count(ERROR),
            "warnings": self.count(WARN),
            "infos": self.count(INFO),
            "conforms": self.ok,
            "findings": [f.to_dict(lang) for f in self.findings],
        }
