"""The mapping-set checks themselves: one small function per check of :data:`CHECKS`, and the run.

Each function is registered under its check by :func:`_check`; :func:`check_mapping_set` runs them
all on a parsed mapping set (SSSOM well-formedness on the rows, SKOS integrity against the
framework's hierarchy).
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
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


# ----------------------------------------------------------------------------------- SKOS integrity


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


def _positive(ctx: _Context) -> list[Mapping]:
    return [m for m in ctx.ms.mappings if not m.negated and m.subject_id and m.object_id and m.predicate_id]


@_check
def _exact_with_hierarchical(ctx: _Context) -> None:
    by_pair: dict[frozenset[str], list[Mapping]] = defaultdict(list)
    for m in _positive(ctx):
        if m.no_equivalent:
            continue
        by_pair[frozenset((m.subject_id, m.object_id))].append(m)
    for rows in by_pair.values():
        predicates = {m.predicate_id for m in rows}
        if "skos:exactMatch" in predicates and predicates & {
            "skos:broadMatch",
            "skos:narrowMatch",
            "skos:relatedMatch",
        }:
            exact = next(m for m in rows if m.predicate_id == "skos:exactMatch")
            for m in rows:
                if m.predicate_id in ("skos:broadMatch", "skos:narrowMatch", "skos:relatedMatch"):
                    ctx.add(
                        "exact-with-hierarchical",
                        phrase(
                            "{subject} is both exactMatch (line {line}) and {predicate} to {object}",
                            subject=m.subject_id,
                            line=exact.line,
                            predicate=m.predicate_id,
                            object=m.object_id,
                        ),
                        m,
                        "predicate_id",
                    )
        hierarchical = predicates & {"skos:broadMatch", "skos:narrowMatch"}
        if hierarchical and "skos:relatedMatch" in predicates:
            for m in rows:
                if m.predicate_id == "skos:relatedMatch":
                    ctx.add(
                        "related-on-hierarchy",
                        phrase(
                            "{subject} is both relatedMatch and {predicate} to {object}",
                            subject=m.subject_id,
                            predicate=sorted(hierarchical)[0],
                            object=m.object_id,
                        ),
                        m,
                        "predicate_id",
                    )


@_check
def _related_on_hierarchy(ctx: _Context) -> None:
    fw = ctx.framework
    if fw is None:
        return
    by_subject: dict[str, list[Mapping]] = defaultdict(list)
    for m in _positive(ctx):
        by_subject[m.subject_id].append(m)
    for rows in by_subject.values():
        for rel in rows:
            if rel.predicate_id != "skos:relatedMatch":
                continue
            rel_iri = ctx.iri(rel.object_id)
            for other in rows:
                if other is rel or other.predicate_id not in (
                    "skos:exactMatch",
                    "skos:closeMatch",
                    "skos:broadMatch",
                    "skos:narrowMatch",
                ):
                    continue
                other_iri = ctx.iri(other.object_id)
                if rel_iri and other_iri and fw.on_hierarchy_path(rel_iri, other_iri):
                    ctx.add(
                        "related-on-hierarchy",
                        phrase(
                            "{subject} relatedMatch {object}, but it is {predicate} {other} (line {line}), "
                            "on the same broader path",
                            subject=rel.subject_id,
                            object=rel.object_id,
                            predicate=other.predicate_id,
                            other=other.object_id,
                            line=other.line,
                        ),
                        rel,
                        "predicate_id",
                    )


@_check
def _broad_cycles(ctx: _Context) -> None:
    # Nodes are equivalence classes under exactMatch; an edge a -> b reads "b is broader than a".
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    mappings = [m for m in _positive(ctx) if not m.no_equivalent]
    iris = {id(m): (ctx.iri(m.subject_id), ctx.iri(m.object_id)) for m in mappings}
    exact_pairs: set[frozenset[str]] = set()
    for m in mappings:
        s, o = iris[id(m)]
        if s and o and m.predicate_id == "skos:exactMatch":
            parent[find(s)] = find(o)
            exact_pairs.add(frozenset((s, o)))
    edges: dict[str, list[tuple[str, Mapping | None]]] = defaultdict(list)
    for m in mappings:
        s, o = iris[id(m)]
        if not (s and o) or frozenset((s, o)) in exact_pairs:
            continue  # exact and broad on the same pair is reported by exact-with-hierarchical
        if m.predicate_id == "skos:broadMatch":
            edges[find(s)].append((find(o), m))
        elif m.predicate_id == "skos:narrowMatch":
            edges[find(o)].append((find(s), m))
    if ctx.framework is not None:
        for concept in ctx.framework:
            for b in concept.broader:
                edges[find(concept.iri)].append((find(b), None))
    reported: set[int] = set()
    for start in list(edges):
        # Iterative DFS from each node looking for a path back to it.
        stack: list[tuple[str, list[Mapping | None]]] = [(start, [])]
        seen: set[str] = set()
        while stack:
            node, path = stack.pop()
            for nxt, via in edges.get(node, ()):
                new_path = [*path, via]
                if nxt == start:
                    culprits = [m for m in new_path if m is not None]
                    if culprits and not any(id(m) in reported for m in culprits):
                        first = min(culprits, key=lambda m: m.line or 0)
                        reported.update(id(m) for m in culprits)
                        lines = ", ".join(str(m.line) for m in sorted(culprits, key=lambda m: m.line or 0))
                        ctx.add(
                            "broad-cycle",
                            phrase(
                                "{subject} {predicate} {object} closes a broader cycle "
                            "(mappings on lines {lines})",
                                subject=first.subject_id,
                                predicate=first.predicate_id,
                                object=first.object_id,
                                lines=lines,
                            ),
                            first,
                            "predicate_id",
                        )
                    continue
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, new_path))


@_check
def _objects_in_framework(ctx: _Context) -> None:
    fw = ctx.framework
    if fw is None:
        return
    for m in _positive(ctx):
        if m.no_equivalent:
            continue
        iri = ctx.iri(m.object_id)
        if iri is None:
            continue  # already reported as malformed / undeclared
        if iri.startswith(ORG_NAMESPACE):
            continue  # organisation-to-organisation mapping: not a framework concept by design
        concept = fw.concepts.get(iri)
        if concept is None:
            import difflib

            close = difflib.get_close_matches(
                iri.rsplit("/", 1)[-1], [c.iri.rsplit("/", 1)[-1] for c in fw], n=1
            )
            ctx.add(
                "object-not-in-framework",
                phrase(
                    "{object} is not a concept of the framework (did you mean refc:{close}?)",
                    object=m.object_id,
                    close=close[0],
                )
                if close
                else phrase("{object} is not a concept of the framework", object=m.object_id),
                m,
                "object_id",
            )
            continue
        if concept.deprecated:
            repl = ", ".join(c.rsplit("/", 1)[-1] for c in concept.replaced_by)
            said = (
                phrase(
                    "{object} is deprecated (replaced by: {replacement})",
                    object=m.object_id,
                    replacement=repl,
                )
                if repl
                else phrase("{object} is deprecated (no replacement given)", object=m.object_id)
            )
            ctx.add("object-deprecated", said, m, "object_id")
        if m.object_label:
            labels = {normalise_term(text) for text, _, _ in concept.all_labels()}
            if labels and normalise_term(m.object_label) not in labels:
                ctx.add(
                    "object-label-mismatch",
                    phrase(
                        "{label!r} is not a label of {object} ({known!r})",
                        label=m.object_label,
                        object=m.object_id,
                        known=concept.label("fr"),
                    ),
                    m,
                    "object_label",
                )


@_check
def _cardinality(ctx: _Context) -> None:
    set_claims_one_to_one = str(ctx.ms.metadata.get("mapping_cardinality", "")).strip() == "1:1"
    exact = [m for m in _positive(ctx) if m.predicate_id == "skos:exactMatch" and not m.no_equivalent]
    by_subject: dict[str, set[str]] = defaultdict(set)
    by_object: dict[str, set[str]] = defaultdict(set)
    for m in exact:
        by_subject[m.subject_id].add(m.object_id)
        by_object[m.object_id].add(m.subject_id)
    for m in exact:
        claimed = set_claims_one_to_one or m.get("mapping_cardinality") == "1:1"
        several_objects = len(by_subject[m.subject_id]) > 1
        several_subjects = len(by_object[m.object_id]) > 1
        if claimed and (several_objects or several_subjects):
            what = (
                phrase(
                    "1:1 is claimed but {subject} has {count} exact matches",
                    subject=m.subject_id,
                    count=len(by_subject[m.subject_id]),
                )
                if several_objects
                else phrase(
                    "1:1 is claimed but {object} is the exact match of {count} subjects",
                    object=m.object_id,
                    count=len(by_object[m.object_id]),
                )
            )
            ctx.add("one-to-one-violated", what, m, "mapping_cardinality")
        elif several_objects and ctx.framework is not None:
            others = sorted(by_subject[m.subject_id] - {m.object_id})
            ctx.add(
                "exact-to-several",
                phrase(
                    "{subject} is also exactMatch to {objects}",
                    subject=m.subject_id,
                    objects=", ".join(others),
                ),
                m,
                "predicate_id",
            )


@_check
def _no_term_found(ctx: _Context) -> None:
    by_subject: dict[str, list[Mapping]] = defaultdict(list)
    for m in _positive(ctx):
        by_subject[m.subject_id].append(m)
    for rows in by_subject.values():
        none = [m for m in rows if m.no_equivalent]
        some = [m for m in rows if not m.no_equivalent]
        if none and some:
            ctx.add(
                "no-term-found-contradicted",
                phrase(
                    "{subject} is declared without equivalent but mapped to {object} (line {line})",
                    subject=none[0].subject_id,
                    object=some[0].object_id,
                    line=some[0].line,
                ),
                none[0],
                "object_id",
            )


# ------------------------------------------------------------------------------------------ running


def check_mapping_set(ms: MappingSet, framework: Framework | None = None) -> list[Finding]:
    """Run every check of :data:`CHECKS` on ``ms``; SKOS checks need ``framework``.

    Returns the findings sorted by file line, then severity.
    """
    ctx = _Context(ms, framework)
    for func in _REGISTRY:
        func(ctx)
    return sorted(ctx.findings, key=lambda f: (f.line or 0, SEVERITY_ORDER[f.severity], f.check))
