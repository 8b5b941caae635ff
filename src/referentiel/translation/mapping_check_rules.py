"""The mapping-set checks themselves: one small function per check of :data:`CHECKS`, and the run.

Each function is registered under its check by :func:`_check`; :func:`check_mapping_set` runs them
all on a parsed mapping set. This module holds the SSSOM well-formedness checks (on the rows);
the SKOS-integrity checks (against the framework's hierarchy) are
:mod:`referentiel.translation.mapping_check_skos`, registered when it is imported below.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

from referentiel.error_messages import Phrase, phrase
from referentiel.privacy import scrub
from referentiel.translation.framework import Framework
from referentiel.translation.mapping_check_registry import CHECKS, SEVERITY_ORDER, Finding
from referentiel.translation.sssom_model import (
    NO_TERM_FOUND,
    REQUIRED_METADATA,
    SKOS_PREDICATES,
    Mapping,
    MappingSet,
    normalise_term,
    split_curie,
)

SEMAPV_JUSTIFICATIONS = frozenset(
    {
        "semapv:LexicalMatching",
        "semapv:LogicalReasoning",
        "semapv:CompositeMatching",
        "semapv:UnspecifiedMatching",
        "semapv:SemanticSimilarityThresholdMatching",
        "semapv:LexicalSimilarityThresholdMatching",
        "semapv:MappingChaining",
        "semapv:MappingReview",
        "semapv:ManualMappingCuration",
        "semapv:MappingInversion",
        "semapv:StructuralMatching",
        "semapv:InstanceBasedMatching",
        "semapv:BackgroundKnowledgeBasedMatching",
    }
)


"""The mapping justifications of the SEMAPV vocabulary (https://w3id.org/semapv/vocab/)."""


OTHER_MAPPING_PREDICATES = frozenset(
    {
        "owl:equivalentClass",
        "owl:equivalentProperty",
        "owl:sameAs",
        "rdfs:subClassOf",
        "rdfs:subPropertyOf",
        "skos:broader",
        "skos:narrower",
        "skos:related",
        "oboInOwl:hasDbXref",
        "semapv:crossSpeciesExactMatch",
        "semapv:crossSpeciesNarrowMatch",
        "semapv:crossSpeciesBroadMatch",
    }
)


CARDINALITIES = frozenset({"1:1", "1:n", "n:1", "n:n", "1:0", "0:1", "0:0"})


ORG_NAMESPACE = "https://w3id.org/referentiel/org/"


class _Context:
    def __init__(self, ms: MappingSet, framework: Framework | None) -> None:
        self.ms = ms
        self.framework = framework
        self.prefixes = ms.prefixes
        self.findings: list[Finding] = []

    def add(
        self,
        check: str,
        message: Phrase,
        mapping: Mapping | None = None,
        column: str | None = None,
        line: int | None = None,
    ) -> None:
        spec = CHECKS[check]
        # the values quoted come from the file: screened before they reach any language's text
        said = Phrase(
            message.template, {k: scrub(v) if isinstance(v, str) else v for k, v in message.params.items()}
        )
        self.findings.append(
            Finding(
                check=check,
                severity=spec.severity,
                message=scrub(str(said)),
                phrase=said,
                file=self.ms.path,
                line=line if line is not None else (mapping.line if mapping else None),
                column=column,
                hint=spec.hint,
            )
        )

    def iri(self, curie: str) -> str | None:
        parts = split_curie(curie)
        if "://" in curie:
            return curie
        if parts is None or parts[0] not in self.prefixes:
            return None
        return self.prefixes[parts[0]] + parts[1]


_Check = Callable[[_Context], None]


_REGISTRY: list[_Check] = []


def _check(func: _Check) -> _Check:
    _REGISTRY.append(func)
    return func


# ---------------------------------------------------------------------------------- well-formedness


@_check
def _metadata(ctx: _Context) -> None:
    for key in REQUIRED_METADATA:
        if not ctx.ms.metadata.get(key):
            ctx.add("metadata-missing", phrase("the mapping set has no {key}", key=key), line=1, column=key)


_CURIE_COLUMNS = (
    "subject_id",
    "predicate_id",
    "object_id",
    "mapping_justification",
    "author_id",
    "reviewer_id",
    "creator_id",
    "subject_source",
    "object_source",
    "mapping_tool_id",
)


@_check
def _row_syntax(ctx: _Context) -> None:
    literal_subjects = str(ctx.ms.metadata.get("subject_type", "")) == "rdfs literal"
    for m in ctx.ms.mappings:
        for column in ("subject_id", "predicate_id", "object_id", "mapping_justification"):
            if column == "subject_id" and (literal_subjects or m.get("subject_type") == "rdfs literal"):
                continue
            if not m.get(column):
                ctx.add("value-missing", phrase("{column} is empty", column=column), m, column)
        for column in _CURIE_COLUMNS:
            value = m.get(column)
            if not value:
                continue
            for item in value.split("|"):
                item = item.strip()
                if "://" in item:
                    continue
                parts = split_curie(item)
                if parts is None:
                    ctx.add(
                        "curie-malformed",
                        phrase("{column} {item!r} is not a CURIE (prefix:local)", column=column, item=item),
                        m,
                        column,
                    )
                elif parts[0] not in ctx.prefixes:
                    ctx.add(
                        "prefix-undeclared",
                        phrase("prefix {prefix!r} of {item!r} is not declared", prefix=parts[0], item=item),
                        m,
                        column,
                    )
        if m.mapping_justification and m.mapping_justification not in SEMAPV_JUSTIFICATIONS:
            ctx.add(
                "justification-unknown",
                phrase("{value!r} is not a SEMAPV justification", value=m.mapping_justification),
                m,
                "mapping_justification",
            )
        if m.predicate_id and m.predicate_id not in SKOS_PREDICATES:
            if m.predicate_id in OTHER_MAPPING_PREDICATES or "://" in m.predicate_id:
                ctx.add(
                    "predicate-not-skos",
                    phrase("predicate {value!r} is not a SKOS mapping predicate", value=m.predicate_id),
                    m,
                    "predicate_id",
                )
            else:
                ctx.add(
                    "predicate-unknown",
                    phrase("predicate {value!r} is not a mapping predicate", value=m.predicate_id),
                    m,
                    "predicate_id",
                )
        raw_conf = m.extra.get("confidence")  # kept as text when it is not a number
        if raw_conf is not None:
            ctx.add(
                "confidence-invalid",
                phrase("confidence {value!r} is not a number", value=raw_conf),
                m,
                "confidence",
            )
        elif m.confidence is not None and not 0.0 <= m.confidence <= 1.0:
            ctx.add(
                "confidence-invalid",
                phrase("confidence {value} is outside [0, 1]", value=m.confidence),
                m,
                "confidence",
            )
        for column in ("mapping_date", "publication_date", "review_date"):
            value = m.get(column)
            if value and not _is_iso_date(value):
                ctx.add(
                    "date-invalid",
                    phrase("{column} {value!r} is not YYYY-MM-DD", column=column, value=value),
                    m,
                    column,
                )
        if m.predicate_modifier and m.predicate_modifier != "Not":
            ctx.add(
                "modifier-invalid",
                phrase("predicate_modifier {value!r} is not 'Not'", value=m.predicate_modifier),
                m,
                "predicate_modifier",
            )
        cardinality = m.get("mapping_cardinality")
        if cardinality and cardinality not in CARDINALITIES:
            ctx.add(
                "cardinality-invalid",
                phrase("mapping_cardinality {value!r} is not an SSSOM value", value=cardinality),
                m,
                "mapping_cardinality",
            )


def _is_iso_date(value: str) -> bool:
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        try:
            _dt.datetime.fromisoformat(value)
        except ValueError:
            return False
    return True


@_check
def _duplicates_and_labels(ctx: _Context) -> None:
    seen: dict[tuple[str, str, str, str], Mapping] = {}
    labels: dict[str, Mapping] = {}
    for m in ctx.ms.mappings:
        if m.subject_id and m.object_id and m.predicate_id:
            first = seen.setdefault(m.key(), m)
            if first is not m:
                ctx.add(
                    "duplicate-mapping",
                    phrase(
                        "{subject} {predicate} {object} repeats line {line}",
                        subject=m.subject_id,
                        predicate=m.predicate_id,
                        object=m.object_id,
                        line=first.line,
                    ),
                    m,
                )
        if m.subject_id and not m.subject_label:
            ctx.add(
                "subject-label-missing",
                phrase("{subject} has no subject_label", subject=m.subject_id),
                m,
                "subject_label",
            )
        if m.subject_label and m.subject_id and not m.negated:
            # The same word may name two subjects of different schemes ("Santé" as a need and as a
            # sector): lookups are per scheme, so only a clash within one scheme is ambiguous.
            scheme = _scheme_of(ctx, m.object_id)
            other = labels.setdefault(f"{normalise_term(m.subject_label)}\t{scheme}", m) if scheme else m
            if other.subject_id != m.subject_id:
                ctx.add(
                    "label-ambiguous",
                    phrase(
                        "the term {label!r} names {other} (line {line}) and {subject}",
                        label=m.subject_label,
                        other=other.subject_id,
                        line=other.line,
                        subject=m.subject_id,
                    ),
                    m,
                    "subject_label",
                )
        iri = ctx.iri(m.subject_id) if m.subject_id else None
        if iri and not iri.startswith(ORG_NAMESPACE) and m.subject_id != NO_TERM_FOUND:
            ctx.add(
                "subject-outside-org-namespace",
                phrase("{subject} is not in {namespace}", subject=m.subject_id, namespace=ORG_NAMESPACE),
                m,
                "subject_id",
            )


def _scheme_of(ctx: _Context, object_id: str) -> str | None:
    """The scheme of a mapping's object: from the framework, else the concept name's kind prefix."""
    iri = ctx.iri(object_id) if object_id and object_id != NO_TERM_FOUND else None
    if iri is None:
        return None
    if ctx.framework is not None and iri in ctx.framework.concepts:
        schemes = ctx.framework.concepts[iri].schemes
        if schemes:
            return " ".join(schemes)
    local = iri.rstrip("/").rsplit("/", 1)[-1]
    return local.rsplit("-", 1)[0] if "-" in local else local


# ------------------------------------------------------------------------------------------ running


def check_mapping_set(ms: MappingSet, framework: Framework | None = None) -> list[Finding]:
    """Run every check of :data:`CHECKS` on ``ms``; SKOS checks need ``framework``.

    Returns the findings sorted by file line, then severity.
    """
    ctx = _Context(ms, framework)
    for func in _REGISTRY:
        func(ctx)
    return sorted(ctx.findings, key=lambda f: (f.line or 0, SEVERITY_ORDER[f.severity], f.check))


# The SKOS checks register themselves with _check, defined above: imported once this module is complete.
import referentiel.translation.mapping_check_skos  # noqa: E402, F401
