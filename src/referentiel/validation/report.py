"""The validation report model: typed results read from the W3C validation report graph.

Results are read from the report graph exactly as the engine produced it (one
:class:`ValidationResult` per ``sh:ValidationResult`` node), so the wrapper neither adds, drops nor
changes a result. What the wrapper adds is presentation: a message in the chosen language, a masked
rendering of personal values, a fix hint and the location in the partner's export.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import IntEnum

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from referentiel.namespaces import PREFIXES, RDF, SH
from referentiel.provenance import SourceLocation


class Severity(IntEnum):
    """SHACL severities, ordered. Any other severity IRI counts as a violation (SHACL allows them)."""

    INFO = 1
    WARNING = 2
    VIOLATION = 3

    @classmethod
    def from_iri(cls, iri: Node | None) -> Severity:
        """The severity of a result from its ``sh:resultSeverity`` IRI."""
        return {SH.Info: cls.INFO, SH.Warning: cls.WARNING}.get(iri, cls.VIOLATION)

    @classmethod
    def parse(cls, name: str) -> Severity:
        """``violation`` / ``warning`` / ``info`` (case-insensitive)."""
        return cls[name.upper()]

    @property
    def label(self) -> str:
        """Lower-case name used in outputs."""
        return self.name.lower()


# Where a result's focus node (and column) came from in a partner's export: the one location type
# shared with translation and intake.
Source = SourceLocation


@dataclass
class ValidationResult:
    """One SHACL validation result, with its presentation for people.

    ``focus_node``, ``path``, ``value``, ``component``, ``source_shape`` and ``severity`` are the
    result as the engine reported it (rdflib terms; ``path`` is the SPARQL rendering of the
    ``sh:resultPath``). ``value_text`` is what outputs show: the value, or a mask when it is
    personal data (``value_masked``). ``message`` is in the report's language, already scrubbed.
    """

    severity: Severity
    focus_node: Node
    path: str | None
    path_node: Node | None
    value: Node | None
    component: URIRef | None
    source_shape: Node | None
    message: str
    source_constraint: Node | None = None
    value_text: str | None = None
    value_masked: bool = False
    fix_hint: str | None = None
    source: Source | None = None
    details: list[ValidationResult] = field(default_factory=list)
    node: Node | None = None  # the sh:ValidationResult node in the report graph

    def key(self) -> tuple:
        """The identity of the result per SHACL: (focus, path, value, component, shape, severity)."""
        return (self.focus_node, self.path, self.value, self.component, self.source_shape, self.severity)


@dataclass
class ValidationReport:
    """The outcome of :func:`referentiel.validate`.

    ``conforms`` is SHACL conformance (no result at all, whatever its severity); ``passed`` applies
    the ``fail_on`` threshold (no result at or above it), which is what the CLI's exit code uses.
    ``report_graph`` is the W3C validation report (personal values masked, messages scrubbed).
    """

    conforms: bool
    results: list[ValidationResult]
    fail_on: Severity
    lang: str
    report_graph: Graph
    engine: str = "pyshacl"
    data_files: list[str] = field(default_factory=list)
    shapes_files: list[str] = field(default_factory=list)
    triples: int = 0
    notes: list[str] = field(default_factory=list)  # e.g. why another engine than the default ran

    @property
    def passed(self) -> bool:
        """True when no result is at or above the ``fail_on`` severity."""
        return not any(r.severity >= self.fail_on for r in self.results)

    @property
    def counts(self) -> dict[str, int]:
        """Number of results per severity (``violation``, ``warning``, ``info``)."""
        counter = Counter(r.severity.label for r in self.results)
        return {s.label: counter.get(s.label, 0) for s in sorted(Severity, reverse=True)}

    @property
    def exit_code(self) -> int:
        """0 when passed, 1 otherwise (see docs/architecture.md)."""
        return 0 if self.passed else 1


def compact(node: Node | None, graph: Graph | None = None) -> str | None:
    """A short, readable rendering of a term (prefixed name when a known prefix applies)."""
    if node is None:
        return None
    if isinstance(node, URIRef):
        text = str(node)
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if text.startswith(ns) and _is_local_name(text[len(ns):]):
                return f"{prefix}:{text[len(ns):]}"
        if graph is not None:
            for prefix, ns in graph.namespaces():
                if prefix and text.startswith(str(ns)) and _is_local_name(text[len(str(ns)):]):
                    return f"{prefix}:{text[len(str(ns)):]}"
        return f"<{text}>"
    if isinstance(node, BNode):
        return f"_:{node}"
    if isinstance(node, Literal) and node.datatype is not None:
        datatype = compact(node.datatype, graph)
        return f"{Literal(str(node)).n3()}^^{datatype}"
    return node.n3()


def _is_local_name(local: str) -> bool:
    return bool(local) and all(c.isalnum() or c in "_-." for c in local) and not local.endswith(".")


def path_text(graph: Graph, path: Node | None) -> str | None:
    """A SHACL property path as a SPARQL property path string (``ex:a/^ex:b``, ``(ex:a|ex:b)*``)."""
    if path is None:
        return None
    if isinstance(path, URIRef):
        return compact(path, graph)
    if (path, RDF.first, None) in graph:
        return "(" + "/".join(path_text(graph, p) or "?" for p in Collection(graph, path)) + ")"
    for predicate, template in (
        (SH.inversePath, "^{}"), (SH.zeroOrMorePath, "({})*"), (SH.oneOrMorePath, "({})+"),
        (SH.zeroOrOnePath, "({})?"),
    ):
        inner = graph.value(path, predicate)
        if inner is not None:
            return template.format(path_text(graph, inner))
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(path_text(graph, p) or "?" for p in Collection(graph, alternatives)) + ")"
    return compact(path, graph)


def raw_results(report: Graph) -> list[dict]:
    """The top-level results of a report graph as plain dicts of rdflib terms (no presentation)."""
    roots = [r for r in report.subjects(RDF.type, SH.ValidationReport)]
    nodes: list[Node] = []
    for root in roots:
        nodes.extend(report.objects(root, SH.result))
    return [_raw(report, n) for n in nodes]


def _raw(report: Graph, node: Node) -> dict:
    path = report.value(node, SH.resultPath)
    return {
        "node": node,
        "focus": report.value(node, SH.focusNode),
        "path_node": path,
        "path": path_text(report, path),
        "value": report.value(node, SH.value),
        "component": report.value(node, SH.sourceConstraintComponent),
        "shape": report.value(node, SH.sourceShape),
        "constraint": report.value(node, SH.sourceConstraint),
        "severity": Severity.from_iri(report.value(node, SH.resultSeverity)),
        "messages": [m for m in report.objects(node, SH.resultMessage) if isinstance(m, Literal)],
        "details": [_raw(report, d) for d in report.objects(node, SH.detail)],
    }
