"""Validating what is in a pyoxigraph store (a staged export) without building an rdflib graph of it.

:func:`validate_store` is the seam the intake pipeline calls (through
:func:`referentiel.intake.adapters.validate_staged`). Today it hands the default engine the graphs'
N-Triples text: pyshacl-turbo parses and validates it in Rust, so no Python object is made per
triple (the rdflib graph an export used to be held as cost about 3.5 GiB per million triples). Only
the report's neighbourhood is read back from the store into a small rdflib graph, to locate each
result in the partner's files (file, sheet, row, column) exactly as :func:`referentiel.validate`
does. The results are the ones :func:`referentiel.validate` gives on the same triples (same shapes,
same bundled ontology merged, same masking and messages): ``tests/intake`` compares the defect
record of generated exports with what ``ingest`` reports.

``ingest`` validates its staged exports with the SPARQL engine instead
(:func:`referentiel.intake.adapters.validate_staged`); this function is the pyshacl-turbo way of
validating a store's graphs, for comparing engines on the same staged data.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from referentiel.namespaces import PROV, REF, SH
from referentiel.validation.api import (
    _bundled_ontology,
    _exact_rdflib,
    _parse_with_oxigraph,
    build_results,
    load_shapes,
)
from referentiel.validation.engine import EngineOutput, _quiet_pyshacl, get_engine, spec_booleans
from referentiel.validation.report import Severity, ValidationReport

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_FOLLOW = (PROV.wasDerivedFrom, REF.originalValue)  # what locating a result reads beyond its node
_IN_COLUMN = REF.inColumn


@lru_cache(maxsize=1)
def ontology_ntriples() -> bytes:
    """The bundled ontology as validation merges it into the data (structure only), in N-Triples."""
    return _bundled_ontology().serialize(format="nt", encoding="utf-8")


def validate_store(
    store: ox.Store,
    graphs: Sequence[str],
    *,
    lang: str = "fr",
    fail_on: str = "violation",
    engine: str | None = None,
    prefixes: dict[str, str] | None = None,
    text: str | None = None,
) -> ValidationReport:
    """Validate the union of ``graphs`` of ``store`` against the bundled shapes and ontology.

    ``prefixes`` are used to write terms in messages (as the data's own prefixes are by
    :func:`referentiel.validate`). ``text``: the same statements as N-Triples **followed by**
    :func:`ontology_ntriples` when the caller has them (one string, no copy made
    here), read instead of the store. Raises
    :class:`~referentiel.errors.InputError` as :func:`referentiel.validate` does.
    """
    with _exact_rdflib():
        return _validate(
            store, graphs, lang=lang, fail_on=fail_on, engine=engine, prefixes=prefixes or {}, text=text
        )


def _validate(
    store: ox.Store,
    graphs: Sequence[str],
    *,
    lang: str,
    fail_on: str,
    engine: str | None,
    prefixes: dict[str, str],
    text: str | None,
) -> ValidationReport:
    names = [ox.NamedNode(g) for g in graphs]
    if text is None:
        dumped = [store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g) for g in names]
        text = b"".join([*dumped, ontology_ntriples()]).decode("utf-8")
        del dumped
    triples = _count(store, names)
    shapes, shapes_names = load_shapes(None)
    chosen = get_engine(engine)
    if chosen.name == "pyshacl-turbo":
        output = _turbo(text, shapes)
    else:  # the reference engine needs an rdflib graph: only when chosen or turbo is missing
        graph = Graph()
        _parse_with_oxigraph(graph, "<store>", text.encode("utf-8"), "nt", 0)
        output = chosen.validate(graph, shapes, advanced=True)
    del text
    neighbourhood = _neighbourhood(store, names, output.report)
    for prefix, namespace in prefixes.items():
        neighbourhood.bind(prefix, namespace, override=False)
    results = build_results(output.report, neighbourhood, shapes, lang)
    return ValidationReport(
        conforms=output.conforms,
        results=results,
        fail_on=Severity.parse(fail_on),
        lang=lang,
        report_graph=output.report,
        engine=chosen.name,
        data_files=[f"<graph {g}>" for g in graphs],
        shapes_files=shapes_names,
        triples=triples,
    )


def _turbo(text: str, shapes: Graph) -> EngineOutput:
    """pyshacl-turbo over N-Triples text (parsed in Rust), as the engine runs it on a graph (the
    bundled shapes only: their compilation errors are not the user's to see)."""
    import pyshacl_turbo
    from pyshacl_turbo.rdf import Input

    # An ``Input`` is handed to the Rust engine as text (a string or a path would be parsed into an
    # rdflib graph first); N-Triples reads simple literals as RDF 1.1 says (xsd:string).
    data = Input(text, "nt", None, {})
    with _quiet_pyshacl():
        conforms, report, _ = pyshacl_turbo.validate(
            data,
            shacl_graph=spec_booleans(shapes),
            inference="none",
            advanced=True,
            abort_on_first=False,
            allow_infos=False,
            allow_warnings=False,
        )
    return EngineOutput(bool(conforms), report)


def _count(store: ox.Store, graphs: list[ox.NamedNode]) -> int:
    """Distinct triples in the union of ``graphs``."""
    result = store.query(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }", default_graph=graphs
    )
    return int(next(iter(result))["n"].value)


def _neighbourhood(store: ox.Store, graphs: list[ox.NamedNode], report: Graph) -> Graph:
    """What locating the report's results reads, from the store: each focus node's statements, the
    resources holding it as an original value, and their records and original values."""
    focus = {node for node in report.objects(None, SH.focusNode) if isinstance(node, URIRef)}
    out = Graph()
    seen: set[str] = set()
    pending = list(focus)
    for node in focus:  # an original value is located through the resource that holds it
        for graph in graphs:
            for quad in store.quads_for_pattern(None, _ox(REF.originalValue), ox.NamedNode(node), graph):
                pending.append(URIRef(quad.subject.value))
    depth = {node: 0 for node in pending}
    while pending:
        node = pending.pop()
        if node in seen:
            continue
        seen.add(node)
        for graph in graphs:
            for quad in store.quads_for_pattern(ox.NamedNode(node), None, None, graph):
                predicate, value = URIRef(quad.predicate.value), _rdflib(quad.object)
                out.add((node, predicate, value))
                if not isinstance(value, URIRef):
                    continue
                if predicate == _IN_COLUMN or (depth[node] == 0 and predicate in _FOLLOW):
                    # an original value's column (its title and property) is read wherever it is met
                    depth.setdefault(value, depth[node] + 1)
                    pending.append(value)
    return out


def _ox(node: URIRef) -> ox.NamedNode:
    return ox.NamedNode(str(node))


def _rdflib(term: Any) -> Node:
    """An rdflib term as :func:`referentiel.validation.api.load_data` makes it (simple literals plain)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == _XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))
