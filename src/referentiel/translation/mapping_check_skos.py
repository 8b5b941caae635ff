"""The SKOS-integrity checks of mapping sets, against the framework's ``skos:broader`` hierarchy:
contradictory predicates on a pair, related matches on the hierarchy, broader cycles, objects that
are not (or no longer) concepts of the framework, cardinality and "no equivalent" contradicted.

Each is registered like the well-formedness checks of :mod:`referentiel.translation.mapping_check_rules`.
"""

from __future__ import annotations

from collections import defaultdict

from referentiel.error_messages import phrase
from referentiel.translation.mapping_check_rules import ORG_NAMESPACE, _check, _Context
from referentiel.translation.sssom_model import Mapping, normalise_term


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
