"""Run the compiled queries and combine their answers into SHACL validation results.

Single-query components (value type, cardinality, range, string, property pair, hasValue, in,
closed, SPARQL-based constraints) are decided by the store. Shape-based and logical components
(sh:node, sh:not, sh:and, sh:or, sh:xone, sh:qualifiedValueShape) ask the store which value nodes
fail the nested shape (its queries, with the value nodes as focus pattern) and combine those sets
in Python: the nested shape is still checked for all value nodes at once, never node by node.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SH
from rdflib.term import Node

from referentiel.errors import InputError
from referentiel.validation.sparql import compiler, constraints
from referentiel.validation.sparql.model import Shape, ShapesModel, SparqlConstraint

# (query text, projected variable names, ?this pre-bound or None) -> rows (store terms or None)
Select = Callable[[str, Sequence[str], Any], list[tuple[Any, ...]]]


@dataclass(frozen=True)
class Result:
    """One validation result; ``focus``/``value``/``path_term`` are store terms, the rest shapes terms."""

    focus: Any
    value: Any
    component: URIRef
    shape: Node
    severity: URIRef
    path: Node | None = None
    path_term: Any = None
    constraint: Node | None = None
    messages: tuple[Literal, ...] = ()


# At most this many focus nodes of a target query are written into the constraints' queries.
INLINE = 5_000

_TEMPLATE = re.compile(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}")


class Runner:
    """Evaluate a shapes model against a store through ``select``."""

    def __init__(self, model: ShapesModel, select: Select, *, threads: int = 1) -> None:
        self.model = model
        self.select = select
        self.threads = max(1, threads)
        self._failing: dict[tuple[Node, str], set[Any]] = {}
        self._lock = threading.Lock()
        self._classes: dict[Node, list[str] | None] = {}
        self._parents: dict[Node, list[Node]] = defaultdict(list)
        for shape in list(model.shapes.values()):
            for prop in shape.properties:
                self._parents[prop].append(shape.node)

    def classes(self, cls: Node) -> list[str] | None:
        """The subclasses of ``cls`` in the data, itself included (None: a blank node among them)."""
        with self._lock:
            if cls in self._classes:
                return self._classes[cls]
        found = None
        if isinstance(cls, URIRef):
            query = f"SELECT DISTINCT ?c WHERE {{ ?c <{RDFS.subClassOf}>* {compiler.term(cls)} }}"
            rows = self.select(query, ("c",), None)
            if all(isinstance(c, ox.NamedNode) for (c,) in rows):
                found = sorted(str(c) for (c,) in rows)
        with self._lock:
            self._classes[cls] = found
        return found

    def run(self) -> list[Result]:
        """Every result of every targeted, active shape."""
        targeted = []
        for shape in list(self.model.shapes.values()):
            if shape.deactivated:
                continue
            found = compiler.target_pattern(self.model, shape, self.classes)
            if found is not None:
                targeted.append((shape, *found))
        # first the focus nodes of the shapes whose targets are queries, once per shape; then
        # every constraint of the shapes that have focus nodes
        focuses = self._map(lambda item: self.focus(item[1], item[2]), targeted)
        tasks = [
            task
            for (shape, _, prefixes), focus in zip(targeted, focuses, strict=True)
            if focus is not None
            for task in self._tasks(shape, focus, prefixes)
        ]
        return [r for chunk in self._map(lambda task: task(), tasks) for r in chunk]

    def _map(self, function: Callable[[Any], Any], items: list[Any]) -> list[Any]:
        """``function`` over ``items`` in order, on the runner's threads."""
        if self.threads == 1 or len(items) < 2:
            return [function(item) for item in items]
        with ThreadPoolExecutor(self.threads) as pool:
            return list(pool.map(function, items))

    def focus(self, pattern: str, prefixes: dict[str, str]) -> str | None:
        """The focus pattern the constraints of a shape join: None when the shape has no focus node.

        A target that is a query (a SPARQL target, a union of targets) is evaluated once here,
        instead of once inside every constraint's query: the store does not always evaluate it
        first (a union joined to a triple pattern is hash-joined, the union's other side scanned
        in full). Its focus nodes are then written in the queries (``VALUES``) when they are few
        IRIs; otherwise (blank nodes or literals cannot be written back exactly, or too many) the
        constraints join the target query as before. Same focus nodes either way.
        """
        if not pattern.startswith("{ SELECT"):
            return pattern  # one class: an index lookup, cheaper than any list of nodes
        query = (
            compiler.prologue(prefixes) + f"SELECT DISTINCT ?this WHERE {{ {pattern} }} LIMIT {INLINE + 1}"
        )
        nodes = [this for (this,) in self.select(query, ("this",), None)]
        if not nodes:
            return None
        if len(nodes) > INLINE or not all(isinstance(n, ox.NamedNode) for n in nodes):
            return pattern
        return "VALUES ?this { " + " ".join(str(n) for n in nodes) + " }"

    def _tasks(
        self,
        shape: Shape,
        focus: str,
        prefixes: dict[str, str],
        weight: Callable[[], dict[Any, int]] | None = None,
    ) -> list[Callable[[], list[Result]]]:
        """One callable per constraint of ``shape`` (and of its property shapes) over ``focus``.

        ``weight``: how many times each focus node is reached from the targets (None: once).
        """
        if shape.deactivated:
            return []
        shape_path = compiler.path(self.model, shape.path) if shape.path is not None else None
        head = compiler.prologue(prefixes)
        tasks: list[Callable[[], list[Result]]] = []
        for components, query in compiler.component_queries(
            self.model, shape, focus, shape_path, self.classes
        ):
            tasks.append(lambda c=components, q=head + query: self._simple(shape, c, q))
        for constraint in shape.sparql:
            if not constraint.deactivated:
                query, joined = constraints.sparql_query(
                    self.model, shape, constraint, focus, shape_path, prefixes
                )
                if joined:
                    tasks.append(lambda c=constraint, q=query: self._sparql(shape, c, q, [None]))
                else:
                    tasks.append(
                        lambda c=constraint, q=query, f=head + f"SELECT DISTINCT ?this WHERE {{ {focus} }}": (
                            self._sparql(shape, c, q, [row[0] for row in self.select(f, ("this",), None)])
                        )
                    )
        nested = compiler.values_pattern(focus, shape_path)
        logical = [p for p in (SH["not"], SH["and"], SH["or"], SH.xone, SH.node) if p in shape.params]
        if logical:
            tasks.append(lambda: self._logical(shape, focus, nested, shape_path, prefixes, logical))
        if SH.qualifiedValueShape in shape.params and shape_path is not None:
            tasks.append(lambda: self._qualified(shape, focus, nested, shape_path, prefixes))
        if shape.properties and shape_path is not None:
            # SHACL validates each value node once per focus node that reaches it: a nested
            # result is reported once per path from a focus node (W3C core/property-001)
            reached = _Reached(self.select, head + compiler.pairs_query(focus, shape_path), weight)
            for prop in shape.properties:
                tasks.extend(
                    lambda t=task, r=reached: r.repeat(t())
                    for task in self._tasks(self.model.shape(prop), nested, prefixes, reached.counts)
                )
        else:
            for prop in shape.properties:
                tasks.extend(self._tasks(self.model.shape(prop), nested, prefixes, weight))
        return tasks

    def _result(self, shape: Shape, component: URIRef, focus: Any, value: Any = None, **extra: Any) -> Result:
        return Result(
            focus=focus,
            value=value,
            component=component,
            shape=shape.node,
            severity=shape.severity,
            path=shape.path,
            messages=tuple(shape.messages),
            **extra,
        )

    def _simple(self, shape: Shape, components: list[tuple[URIRef, str | None]], query: str) -> list[Result]:
        flags = [flag for _, flag in components if flag is not None]
        results = []
        for row in self.select(query, ("this", "value", "path", *flags), None):
            this, value, path = row[:3]
            extra = {"path_term": path} if path is not None else {}
            flagged = dict(zip(flags, row[3:], strict=True))
            for component, flag in components:
                if flag is None or getattr(flagged[flag], "value", None) == "true":
                    results.append(self._result(shape, component, this, value, **extra))
        return results

    def _sparql(
        self,
        shape: Shape,
        constraint: SparqlConstraint,
        query: str,
        bindings: list[Any],
    ) -> list[Result]:
        """Results of a SPARQL-based constraint, run once per binding of ?this (None: joined)."""
        messages = constraint.messages or shape.messages
        names = ["this", "value", "path", "failure"]
        names += [v for v in dict.fromkeys(_TEMPLATE.findall(" ".join(messages))) if v not in names]
        results = []
        rows = [row for this in bindings for row in self.select(query, names, this)]
        for row in rows:
            bound = dict(zip(names, row, strict=True))
            failure = bound.get("failure")
            if failure is not None and getattr(failure, "value", None) == "true":
                raise InputError.of(
                    "the SPARQL constraint {constraint} reported a failure (?failure)",
                    constraint=constraint.node.n3(),
                    hint="check the data the constraint names",
                )
            texts = tuple(
                Literal(_TEMPLATE.sub(lambda m, b=bound: _text(b.get(m.group(1))), str(m)), lang=m.language)
                for m in messages
            )
            value = bound["value"]
            if value is None and shape.path is None:
                value = bound["this"]
            results.append(
                Result(
                    focus=bound["this"],
                    value=value,
                    component=SH.SPARQLConstraintComponent,
                    shape=shape.node,
                    severity=shape.severity,
                    path=shape.path if bound["path"] is None else None,
                    path_term=bound["path"],
                    constraint=constraint.node,
                    messages=texts,
                )
            )
        return results

    def failing(self, shape: Shape, focus: str, prefixes: dict[str, str]) -> set[Any]:
        """The focus nodes (of ``focus``) that do not conform to ``shape``."""
        key = (shape.node, focus)
        with self._lock:
            found = self._failing.get(key)
        if found is None:
            found = {r.focus for task in self._tasks(shape, focus, prefixes) for r in task()}
            with self._lock:
                self._failing[key] = found
        return found

    def _logical(
        self,
        shape: Shape,
        focus: str,
        nested: str,
        shape_path: str | None,
        prefixes: dict[str, str],
        components: list[URIRef],
    ) -> list[Result]:
        head = compiler.prologue(prefixes)
        pairs = self.select(head + compiler.pairs_query(focus, shape_path), ("this", "value"), None)
        results: list[Result] = []
        for parameter in components:
            for argument in shape.params[parameter]:
                members = [argument] if parameter in (SH["not"], SH.node) else self.model.list_of(argument)
                failing = [self.failing(self.model.shape(m), nested, prefixes) for m in members]
                for this, value in pairs:
                    conforming = sum(value not in f for f in failing)
                    bad = {
                        SH["not"]: conforming == 1,
                        SH["and"]: conforming < len(members),
                        SH["or"]: conforming == 0,
                        SH.xone: conforming != 1,
                        SH.node: conforming == 0,
                    }[parameter]
                    if bad:
                        name = parameter.split("#")[-1]
                        component = SH[name[0].upper() + name[1:] + "ConstraintComponent"]
                        results.append(self._result(shape, component, this, value))
        return results

    def _qualified(
        self, shape: Shape, focus: str, nested: str, shape_path: str, prefixes: dict[str, str]
    ) -> list[Result]:
        head = compiler.prologue(prefixes)
        rows = self.select(head + compiler.count_query(focus, shape_path), ("this", "value"), None)
        disjoint = any(str(v) == "true" for v in shape.params.get(SH.qualifiedValueShapesDisjoint, []))
        results: list[Result] = []
        for qualified in shape.params[SH.qualifiedValueShape]:
            failing = self.failing(self.model.shape(qualified), nested, prefixes)
            siblings = []
            if disjoint:
                for parent in self._parents.get(shape.node, []):
                    for prop in self.model.shape(parent).properties:
                        if prop != shape.node:
                            siblings.extend(self.model.shape(prop).params.get(SH.qualifiedValueShape, []))
            sibling_failing = [
                self.failing(self.model.shape(s), nested, prefixes)
                for s in dict.fromkeys(siblings)
                if s != qualified
            ]
            counts: dict[Any, int] = defaultdict(int)
            for this, value in rows:
                counts[this] += 0
                if value is not None and value not in failing and all(value in f for f in sibling_failing):
                    counts[this] += 1
            for minimum in shape.params.get(SH.qualifiedMinCount, []):
                results += [
                    self._result(shape, SH.QualifiedMinCountConstraintComponent, this)
                    for this, n in counts.items()
                    if n < int(minimum.toPython())
                ]
            for maximum in shape.params.get(SH.qualifiedMaxCount, []):
                results += [
                    self._result(shape, SH.QualifiedMaxCountConstraintComponent, this)
                    for this, n in counts.items()
                    if n > int(maximum.toPython())
                ]
        return results


class _Reached:
    """How many times each value node of a property shape is reached from its shape's targets."""

    def __init__(self, select: Select, pairs: str, weight: Callable[[], dict[Any, int]] | None) -> None:
        self._select, self._pairs, self._weight = select, pairs, weight
        self._counts: dict[Any, int] | None = None
        self._lock = threading.Lock()

    def counts(self) -> dict[Any, int]:
        """Value node -> number of (focus node, value node) paths that reach it (computed once)."""
        with self._lock:
            if self._counts is None:
                outer = self._weight() if self._weight is not None else {}
                counts: dict[Any, int] = defaultdict(int)
                for this, value in self._select(self._pairs, ("this", "value"), None):
                    counts[value] += outer.get(this, 1)
                self._counts = dict(counts)
            return self._counts

    def repeat(self, results: list[Result]) -> list[Result]:
        """Each result as many times as its focus node is reached (most are reached once)."""
        if not results:
            return results
        counts = self.counts()
        return [r for r in results for _ in range(counts.get(r.focus, 1))]


def _text(node: Any) -> str:
    if node is None:
        return ""
    return str(getattr(node, "value", node))
