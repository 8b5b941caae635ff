"""Validate data where it lies: a pyoxigraph store (staging graph) or a remote SPARQL 1.1 endpoint.

Both give the report model of :func:`referentiel.validation.validate` (same results, messages,
masking and source locations): the engine's results become a W3C validation report graph, read
by the same :func:`~referentiel.validation.api.build_results` as the other engines' reports. Only
the results travel from the store into Python, and, for each result, the few provenance triples
that locate it in the partner's export.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from referentiel.errors import ConfigError, InputError
from referentiel.validation.report import Severity, ValidationReport
from referentiel.validation.sparql import lexical
from referentiel.validation.sparql.model import ShapesModel, read_shapes, unsupported_features
from referentiel.validation.sparql.runner import Result, Runner, Select

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
GraphName = ox.NamedNode | ox.DefaultGraph


class UnsupportedShapes(ConfigError):  # noqa: N818 - a usage error, like its base
    """The shapes use SHACL features the SPARQL engine does not run (``features`` names them)."""

    def __init__(self, features: Sequence[str]) -> None:
        self.features = list(features)
        super().__init__(
            "the SPARQL engine does not run these SHACL features: " + "; ".join(features),
            hint="use --engine pyshacl (the reference engine) for these shapes",
        )


def default_threads() -> int:
    """Queries run in parallel on this many threads (pyoxigraph releases the GIL while querying)."""
    return max(1, min(4, os.cpu_count() or 1))


def to_rdflib(term: Any) -> Node | None:
    """A store term as an rdflib term (plain literal for xsd:string, as the other loaders make it)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    term = lexical.original(term)
    if term.datatype.value == XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def to_store(node: Node) -> Any:
    """An rdflib term as a store term (inverse of :func:`to_rdflib`)."""
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    assert isinstance(node, Literal)
    if node.language:
        return ox.Literal(str(node), language=node.language)
    if node.datatype is not None:
        return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
    return ox.Literal(str(node))


def store_select(store: ox.Store, graphs: Sequence[GraphName] | None) -> Select:
    """The ``select`` of a local store; ``graphs`` (None: the store's default graph) are the data."""
    options: dict[str, Any] = {} if graphs is None else {"default_graph": list(graphs)}

    def select(query: str, names: Sequence[str], this: Any = None) -> list[tuple[Any, ...]]:
        extra = {}
        if isinstance(this, ox.BlankNode):
            # a blank node cannot be written in a query: Oxigraph's substitution binds it at the
            # start of evaluation, which a FILTER of a nested group does not see (docs/validation.md)
            extra = {"substitutions": {ox.Variable("this"): this}}
        elif this is not None:
            query = prebind(query, this)  # SHACL 5.3.1: $this replaced in every group of the query
        solutions = store.query(query, **options, **extra)
        present = {v.value for v in solutions.variables}
        wanted = [n if n in present else None for n in names]
        return [tuple(s[n] if n is not None else None for n in wanted) for s in solutions]

    return select


def remote_select(remote: Any, graphs: Sequence[str] | None) -> Select:
    """The ``select`` of a :class:`~referentiel.store.remote.RemoteStore` (SPARQL 1.1 Protocol)."""

    def select(query: str, names: Sequence[str], this: Any = None) -> list[tuple[Any, ...]]:
        if this is not None:
            query = prebind(query, this)
        result = remote._raw(query, list(graphs) if graphs is not None else None)
        index = {v: i for i, v in enumerate(result.variables)}
        return [tuple(row[index[n]] if n in index else None for n in names) for row in result.rows]

    return select


def prebind(query: str, this: Any) -> str:
    """``?this`` replaced by a constant in a query's text, for servers without SEP-0007 pre-binding.

    In a projection it becomes ``(<constant> AS ?this)``, ``BOUND(?this)`` becomes ``(true)``, and
    everywhere else the constant itself.
    """
    import re

    if isinstance(this, ox.BlankNode):
        raise InputError.of(
            "a SPARQL constraint that must be run per focus node reached a blank node on a remote "
            "endpoint, where blank nodes cannot be named in a query",
            hint="validate in an embedded store, or give the focus nodes IRIs",
        )
    constant = str(this)
    outermost = [True]

    def projection(match: re.Match[str]) -> str:
        # the outer SELECT still answers ?this; a sub-SELECT would bind it twice: it drops it
        if outermost.pop() if outermost else False:
            variables = re.sub(r"[?$]this\b", f"({constant} AS ?this)", match.group(2))
        else:
            variables = re.sub(r"[?$]this\b", "", match.group(2))
            variables = variables if variables.strip() else " * "
        return match.group(1) + variables + match.group(3)

    query = re.sub(
        r"(\bSELECT\b(?:\s+(?:DISTINCT|REDUCED)\b)?)(.*?)(\bWHERE\b|\{)",
        projection,
        query,
        flags=re.IGNORECASE | re.DOTALL,
    )
    # bracketed: "FILTER bound($this)" is a call, "FILTER true" would not parse
    query = re.sub(r"\bBOUND\s*\(\s*[?$]this\s*\)", "(true)", query, flags=re.IGNORECASE)
    return re.sub(r"(?<!AS )[?$]this\b", lambda _: constant, query)


def run(model: ShapesModel, select: Select, *, threads: int | None = None) -> list[Result]:
    """The results of ``model`` over the data ``select`` queries; unsupported features are refused."""
    missing = unsupported_features(model)
    if missing:
        raise UnsupportedShapes(missing)
    return Runner(model, select, threads=threads or default_threads()).run()


def report_graph(results: Sequence[Result], shapes: Graph) -> tuple[bool, Graph]:
    """The W3C validation report graph of ``results`` (paths copied from the shapes graph)."""
    report = Graph()
    for prefix, namespace in shapes.namespaces():
        report.bind(prefix, namespace, override=False)
    report.bind("sh", SH)
    root = BNode()
    report.add((root, RDF.type, SH.ValidationReport))
    report.add((root, SH.conforms, Literal(not results)))
    copied: set[Node] = set()
    for result in results:
        node = BNode()
        report.add((root, SH.result, node))
        report.add((node, RDF.type, SH.ValidationResult))
        report.add((node, SH.focusNode, to_rdflib(result.focus)))
        path = to_rdflib(result.path_term) if result.path_term is not None else result.path
        if path is not None:
            report.add((node, SH.resultPath, path))
            if isinstance(path, BNode) and path not in copied:
                _copy_structure(shapes, path, report)
                copied.add(path)
        if result.value is not None:
            report.add((node, SH.value, to_rdflib(result.value)))
        report.add((node, SH.sourceConstraintComponent, result.component))
        report.add((node, SH.sourceShape, result.shape))
        report.add((node, SH.resultSeverity, result.severity))
        if result.constraint is not None:
            report.add((node, SH.sourceConstraint, result.constraint))
        for message in result.messages:
            report.add((node, SH.resultMessage, message))
    return not results, report


def _copy_structure(source: Graph, node: Node, target: Graph) -> None:
    for s, p, o in source.triples((node, None, None)):
        target.add((s, p, o))
        if isinstance(o, BNode):
            _copy_structure(source, o, target)


class StoreView:
    """The read-only part of rdflib's Graph API that locating a result needs, over a store.

    :func:`referentiel.validation.api.build_results` locates each result in the partner's export
    through a handful of provenance triples; this view answers those look-ups from the store
    (index lookups), so the data never become an rdflib graph.
    """

    def __init__(
        self, store: ox.Store, graphs: Sequence[GraphName] | None, namespaces: dict[str, str] | None = None
    ) -> None:
        self.store = store
        self.graphs = list(graphs) if graphs is not None else [ox.DefaultGraph()]
        self._namespaces = namespaces or {}

    def _quads(self, s: Node | None, p: Node | None, o: Node | None) -> Iterator[Any]:
        if isinstance(s, Literal) or (p is not None and not isinstance(p, URIRef)):
            return  # no triple has a literal subject
        for graph in self.graphs:
            yield from self.store.quads_for_pattern(
                None if s is None else to_store(s),
                None if p is None else to_store(p),
                None if o is None else to_store(o),
                graph,
            )

    def objects(self, subject: Node | None = None, predicate: Node | None = None) -> Iterator[Node]:
        """Objects of the matching triples (rdflib terms)."""
        for quad in self._quads(subject, predicate, None):
            yield to_rdflib(quad.object)

    def subjects(self, predicate: Node | None = None, obj: Node | None = None) -> Iterator[Node]:
        """Subjects of the matching triples (rdflib terms)."""
        for quad in self._quads(None, predicate, obj):
            yield to_rdflib(quad.subject)

    def value(self, subject: Node | None = None, predicate: Node | None = None) -> Node | None:
        """One object of (subject, predicate, ?), or None."""
        return next(self.objects(subject, predicate), None)

    def __contains__(self, triple: tuple[Node | None, Node | None, Node | None]) -> bool:
        return next(self._quads(*triple), None) is not None

    def namespaces(self) -> Iterator[tuple[str, URIRef]]:
        """The data's prefixes, to render results compactly."""
        for prefix, namespace in self._namespaces.items():
            yield prefix, URIRef(namespace)


def build_report(
    results: Sequence[Result],
    data: Any,
    shapes: Graph,
    *,
    lang: str,
    fail_on: Severity,
    data_files: Sequence[str] = (),
    shapes_files: Sequence[str] = (),
    triples: int = 0,
    select: Select | None = None,
) -> ValidationReport:
    """The :class:`ValidationReport` of the engine's results (``data``: a Graph or a :class:`StoreView`;
    ``select``: the engine's query function over the data, which the privacy scan uses)."""
    import logging

    from referentiel.validation.api import build_results

    # rdflib logs a traceback for each ill-typed literal it is given; they are results, not errors
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        conforms, graph = report_graph(results, shapes)
    finally:
        logger.setLevel(level)
    from referentiel.validation import privacy_scan

    # SPARQL cannot look at every candidate of a literal: the privacy scan completes the shape, and
    # confirms what its patterns (pre-filters) report
    conforms = privacy_scan.settle(data, shapes, graph, conforms, select)
    return ValidationReport(
        conforms=conforms,
        results=build_results(graph, data, shapes, lang),
        fail_on=fail_on,
        lang=lang,
        report_graph=graph,
        engine="sparql",
        data_files=list(data_files),
        shapes_files=list(shapes_files),
        triples=triples,
    )


def _shapes(shapes: str | Path | Graph | Sequence[str | Path | Graph] | None) -> tuple[Graph, list[str]]:
    from referentiel.validation.api import load_shapes
    from referentiel.validation.engine import spec_booleans

    graph, names = load_shapes(shapes)
    return spec_booleans(graph), names


def validate_store(
    store: ox.Store,
    *,
    graph: GraphName | Sequence[GraphName] | None = None,
    shapes: str | Path | Graph | Sequence[str | Path | Graph] | None = None,
    lang: str = "fr",
    fail_on: str | Severity = "violation",
    threads: int | None = None,
    written: Sequence[tuple[Any, Any, Any]] = (),
) -> ValidationReport:
    """Validate the data of a pyoxigraph store in place against SHACL shapes (bundled by default).

    ``graph``: the graph(s) holding the data (e.g. a staging graph, plus the ontology graph when
    ``sh:class`` must see the ontology's ``rdfs:subClassOf``); None for the store's default graph.
    ``written``: triples whose literal the store rewrote, as the files wrote them, for the privacy
    scan (:func:`referentiel.validation.privacy_written.written_values`).
    Raises :class:`UnsupportedShapes` when the shapes use a feature this engine does not run.
    """
    from referentiel.validation.api import check_options

    lang, threshold = check_options(lang, fail_on)
    graphs = None if graph is None else [graph] if isinstance(graph, GraphName) else list(graph)
    shapes_graph, names = _shapes(shapes)
    from referentiel.validation import privacy_scan

    # the privacy scan's pre-filter runs beside the engine's queries
    select = privacy_scan.prefetched(shapes_graph, store_select(store, graphs), written)
    results = run(read_shapes(shapes_graph), select, threads=threads)
    return build_report(
        results, StoreView(store, graphs), shapes_graph, lang=lang, fail_on=threshold, shapes_files=names,
        select=select,
    )


def validate_endpoint(
    remote: Any,
    *,
    graph: str | Sequence[str] | None = None,
    shapes: str | Path | Graph | Sequence[str | Path | Graph] | None = None,
    lang: str = "fr",
    fail_on: str | Severity = "violation",
    threads: int | None = None,
) -> ValidationReport:
    """Validate data on a SPARQL 1.1 endpoint (a RemoteStore or its URL) without pulling them back.

    ``graph``: the graph IRI(s) that form the default graph of every query (``default-graph-uri``);
    None for the server's own default graph. Results are located in the partner's export through
    their provenance triples, fetched for the results only.
    """
    from referentiel.store.remote import RemoteStore
    from referentiel.validation.api import check_options

    if isinstance(remote, str):
        remote = RemoteStore(remote)
    lang, threshold = check_options(lang, fail_on)
    graphs = None if graph is None else [graph] if isinstance(graph, str) else list(graph)
    shapes_graph, names = _shapes(shapes)
    from referentiel.validation import privacy_scan

    # the privacy scan's pre-filter runs beside the engine's queries
    select = privacy_scan.prefetched(shapes_graph, remote_select(remote, graphs))
    results = run(read_shapes(shapes_graph), select, threads=threads)
    return build_report(
        results, _provenance(results, select), shapes_graph, lang=lang, fail_on=threshold, shapes_files=names,
        select=select,
    )


_PROVENANCE = """
SELECT ?s ?p ?o WHERE {{
  VALUES ?focus {{ {values} }}
  {{ ?focus ?p ?o . BIND (?focus AS ?s)
     FILTER (?p IN (<http://www.w3.org/ns/prov#wasDerivedFrom>, {ref}originalValue>, {ref}inColumn>,
                    <http://www.w3.org/1999/02/22-rdf-syntax-ns#value>)) }}
  UNION {{ ?focus <http://www.w3.org/ns/prov#wasDerivedFrom> ?s . ?s ?p ?o }}
  UNION {{ ?focus {ref}originalValue> ?s . ?s ?p ?o }}
  UNION {{ ?focus {ref}inColumn> ?s . ?s ?p ?o }}
  UNION {{ ?focus {ref}originalValue>/{ref}inColumn> ?s . ?s ?p ?o }}
  UNION {{ ?s {ref}originalValue> ?focus . BIND ({ref}originalValue> AS ?p) BIND (?focus AS ?o) }}
  UNION {{ ?owner {ref}originalValue> ?focus .
           ?owner <http://www.w3.org/ns/prov#wasDerivedFrom> ?s . ?s ?p ?o }}
  UNION {{ ?owner {ref}originalValue> ?focus . ?owner ?p ?o . BIND (?owner AS ?s)
           FILTER (?p IN (<http://www.w3.org/ns/prov#wasDerivedFrom>, {ref}originalValue>)) }}
  UNION {{ ?owner {ref}originalValue> ?focus . ?owner {ref}originalValue> ?s . ?s ?p ?o }}
  UNION {{ ?owner {ref}originalValue> ?focus . ?owner {ref}originalValue>/{ref}inColumn> ?s . ?s ?p ?o }}
}}"""


def _provenance(results: Sequence[Result], select: Select) -> Graph:
    """The provenance triples that locate the results' focus nodes (IRIs), in batches of 200."""
    from referentiel.namespaces import REF

    graph = Graph()
    focus = sorted({r.focus.value for r in results if isinstance(r.focus, ox.NamedNode)})
    for start in range(0, len(focus), 200):
        values = " ".join(f"<{iri}>" for iri in focus[start : start + 200])
        query = _PROVENANCE.format(values=values, ref="<" + str(REF))
        for s, p, o in select(query, ("s", "p", "o"), None):
            graph.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
    return graph
