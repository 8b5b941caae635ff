"""``referentiel validate FILE...`` with the SPARQL engine: files bulk-loaded into an in-memory store.

The data never become an rdflib graph: pyoxigraph parses them into its store (named graphs of
N-Quads/TriG merged into the default graph, like the other engines' loader), the ontology is
added, and the compiled queries run there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from referentiel import rdfio
from referentiel.errors import ConfigError
from referentiel.validation import privacy_scan
from referentiel.validation.report import Severity, ValidationReport
from referentiel.validation.sparql import lexical
from referentiel.validation.sparql.api import StoreView, build_report, run, store_select
from referentiel.validation.sparql.model import read_shapes
from referentiel.validation.sparql.runner import Select

_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "xml": ox.RdfFormat.RDF_XML,
}
_QUADS = ("nquads", "trig")
_PREFIX = re.compile(rb"(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>\s]*)>", re.IGNORECASE)


def load_store(
    data: str | Path | Graph | Sequence[str | Path | Graph],
    input_format: str | None = None,
    *,
    exact: bool = False,
) -> tuple[ox.Store, list[str], dict[str, str]]:
    """A new in-memory store holding all data inputs; their names and the prefixes they declare.

    ``exact``: literals the store would rewrite (``"4.0"^^xsd:decimal``) are kept as written under
    a lexical datatype (:mod:`referentiel.validation.sparql.lexical`).
    """
    return _load_all(data, input_format, exact)[:3]


def _load_all(
    data: str | Path | Graph | Sequence[str | Path | Graph],
    input_format: str | None,
    exact: bool,
    written: list[tuple[Any, Any, Any]] | None = None,
) -> tuple[ox.Store, list[str], dict[str, str], int]:
    """The store, input names, prefixes and count of literals kept as written (``exact``); with
    ``written``, the triples whose typed literal the store rewrites and holds a personal value as
    written are added to it (:mod:`referentiel.validation.privacy_written`)."""
    from referentiel.store.base import from_rdflib

    items = [data] if isinstance(data, str | Path | Graph) else list(data)
    if not items:
        raise ConfigError.of("no data to validate", hint="give at least one RDF file, or - for stdin")
    store = ox.Store()
    names: list[str] = []
    prefixes: dict[str, str] = {}
    probe, kept = lexical.Probe(), [0]

    def add(quads: Iterable[ox.Quad]) -> None:
        store.extend(lexical.exact(quads, probe, kept) if exact else quads)

    for item in items:
        if isinstance(item, Graph):
            add(ox.Quad(t.subject, t.predicate, t.object) for t in from_rdflib(item))
            prefixes.update({p: str(n) for p, n in item.namespaces() if p})
            names.append("<graph>")
            continue
        name, payload = rdfio.read_bytes(item)
        fmt = rdfio.guess_format(name if name != "<stdin>" else "x.ttl", input_format)
        rdfio.check_payload(name, payload, fmt)
        base = "urn:referentiel:stdin" if name == "<stdin>" else Path(name).absolute().as_uri()
        if fmt not in _FORMATS:  # JSON-LD: rdflib's parser, as the other engines use
            from referentiel.validation.api import _parse_with_rdflib

            graph = Graph()
            _parse_with_rdflib(graph, name, payload, fmt)
            add(ox.Quad(t.subject, t.predicate, t.object) for t in from_rdflib(graph))
        else:
            careful = False
            if exact:
                rewritten = _rewritten(payload, fmt, probe)
                if rewritten is None:
                    careful = True
                else:
                    payload, count = rewritten
                    kept[0] += count
            if written is not None:
                from referentiel.validation.privacy_written import written_values

                written += written_values([(payload, _FORMATS[fmt], base)])
            _load(store, name, payload, fmt, base, add if careful else None)
            for prefix, namespace in _PREFIX.findall(payload[:200_000]):
                prefixes.setdefault(prefix.decode("utf-8", "replace"), namespace.decode("utf-8", "replace"))
        names.append(name)
    return store, names, prefixes, kept[0]


# Typed literals in N-Triples/Turtle text, and what is left of Turtle once IRIs, strings and comments go
# (Turtle and N-Triples allow blanks around "^^": ``"1" ^^ xsd:int`` is the same literal)
_TYPED = re.compile(rb'"([^"\\\n]*)"\s*\^\^\s*(?:<([^>\s]*)>|([A-Za-z][\w.-]*)?:([\w.-]*))')
_IRIS_STRINGS_COMMENTS = re.compile(rb'<[^>\s]*>|"[^"\\\n]*"|#[^\n]*')
# a bare Turtle number in a form the store would rewrite: decimal, double, leading + or 0
_BARE_NUMBER = re.compile(rb"(?<![\w:.-])(?:[+-]?\d*\.\d|[+-]?\d+[eE]|\+\d|0\d|-0(?![\d.]))")
_XSD = "http://www.w3.org/2001/XMLSchema#"


def _may_be_rewritten(payload: bytes, fmt: str, probe: lexical.Probe) -> bool:
    """Whether a file may hold literals the store would rewrite (:func:`_rewritten`: unknown, or some)."""
    rewritten = _rewritten(payload, fmt, probe)
    return rewritten is None or rewritten[1] > 0


def _rewritten(payload: bytes, fmt: str, probe: lexical.Probe) -> tuple[bytes, int] | None:
    """The file with each typed literal the store would rewrite under its lexical datatype, and how
    many were; None when a fast scan of the text cannot tell (then it is parsed literal by literal).

    Typed literals are asked of the probe; a bare Turtle number not in canonical integer form, a
    single-quoted, long or escaped string, a prefix declared twice, a datatype the scan cannot
    resolve, or another syntax (RDF/XML) count as "cannot tell". Data already as the store writes
    them come back unchanged; otherwise only the changed literals' datatypes are rewritten in the
    text, so that the file is still loaded by the store's parser (a 1M-triple file: 5 s instead of 30 s
    of parsing quad by quad in Python).
    """
    if fmt not in ("nt", "nquads", "turtle", "trig") or b'"""' in payload or b"\\" in payload:
        return None
    prefixes: dict[str, str] = {}
    rest = None
    if fmt in ("turtle", "trig"):
        rest = _IRIS_STRINGS_COMMENTS.sub(b" ", payload)
        if b"'" in rest or _BARE_NUMBER.search(rest):
            return None
        for p, n in _PREFIX.findall(payload):
            prefix, namespace = p.decode("utf-8", "replace"), n.decode("utf-8", "replace")
            if prefixes.setdefault(prefix, namespace) != namespace:
                return None  # redeclared: which one a literal uses depends on where it is
    resolved: dict[tuple[bytes, bytes, bytes], str] = {}
    literals: dict[tuple[bytes, str], ox.Literal] = {}
    typed = _TYPED.findall(payload)
    if len(typed) != payload.count(b"^^"):  # some "^^" in strings, or one the scan did not pair
        rest = _IRIS_STRINGS_COMMENTS.sub(b" ", payload) if rest is None else rest
        if len(typed) != rest.count(b"^^"):
            return None  # a datatype the scan cannot pair with its literal (a comment between them)
    for form, iri, prefix, local in set(typed):
        if iri:
            datatype = iri.decode("utf-8", "replace")
        elif prefix.decode("utf-8", "replace") in prefixes:
            # a local name does not end with ".": "1.0"^^xsd:decimal. ends a statement
            datatype = prefixes[prefix.decode("utf-8", "replace")] + local.rstrip(b".").decode(
                "utf-8", "replace"
            )
        else:
            return None
        resolved[(iri, prefix, local)] = datatype
        if datatype.startswith(_XSD):
            literals[(form, datatype)] = ox.Literal(
                form.decode("utf-8", "replace"), datatype=ox.NamedNode(datatype)
            )
    changed = probe.changed(literals.values())
    if not changed:
        return payload, 0
    rewrite = {key for key, literal in literals.items() if literal in changed}
    count = [0]

    def replace(match: re.Match[bytes]) -> bytes:
        form, iri, prefix, local = match.groups(b"")
        datatype = resolved[(iri, prefix, local)]
        if (form, datatype) not in rewrite:
            return match.group(0)
        count[0] += 1
        tail = local[len(local.rstrip(b".")) :]
        return b'"' + form + b'"^^<' + (lexical.PREFIX + datatype).encode("utf-8") + b">" + tail

    return _TYPED.sub(replace, payload), count[0]


def _load(
    store: ox.Store,
    name: str,
    payload: bytes,
    fmt: str,
    base: str,
    add: Callable[[Iterable[ox.Quad]], None] | None = None,
) -> None:
    try:
        if fmt in _QUADS or add is not None:
            # the parser keeps lexical forms; only the store's encoding rewrites them (lexical.py)
            (add or store.extend)(
                ox.Quad(q.subject, q.predicate, q.object)
                for q in ox.parse(payload, format=_FORMATS[fmt], base_iri=base)
            )
        else:
            # into an in-memory store, one transaction beats the bulk loader: 1M triples 4.0 s
            # and 437 MiB against 6.3 s and 670 MiB (Turtle; N-Triples 9 s, 632 against 856 MiB)
            store.load(payload, format=_FORMATS[fmt], base_iri=base)
    except SyntaxError as exc:
        # as api._parse_with_oxigraph: the position, the kind of error, never the text
        position = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], tuple) else ()
        line, column = (position[1], position[2]) if len(position) > 2 else (exc.lineno, exc.offset)
        raise rdfio.syntax_error(name, fmt, str(exc.args[0] if exc.args else exc), line, column) from None
    except ValueError as exc:
        raise rdfio.syntax_error(name, fmt, str(exc), None, None) from None


def validate_files(
    data: str | Path | Graph | Sequence[str | Path | Graph],
    shapes: Graph,
    shapes_names: list[str],
    ontology: Graph | bool | None,
    *,
    lang: str,
    fail_on: Severity,
    input_format: str | None = None,
    threads: int | None = None,
) -> ValidationReport:
    """Validate data files (or graphs) with the SPARQL engine; the ontology is merged into the data.

    ``ontology``: a graph, True for the bundled ontology, None for none.
    """
    from referentiel.store.base import from_rdflib
    from referentiel.validation.engine import spec_booleans

    shapes = spec_booleans(shapes)
    model = read_shapes(shapes)
    # SPARQL-based constraints are the user's queries, written for the data's own datatypes: with
    # them, literals are stored as the store encodes them (docs/validation.md, "Literals as written")
    exact = not any(s.sparql or s.target_selects for s in model.shapes.values())
    # literals the store rewrites ("0472123456"^^xsd:integer), as written, for the privacy scan
    written: list[tuple[Any, Any, Any]] | None = [] if privacy_scan.applies(shapes) else None
    store, names, prefixes, kept = _load_all(data, input_format, exact, written)
    model.lexical = kept > 0
    triples = len(store)
    if ontology is True:
        store.extend(_bundled_quads())
    elif isinstance(ontology, Graph):
        store.extend(
            ox.Quad(t.subject, t.predicate, t.object) for t in _ontology_triples(ontology, from_rdflib)
        )
    select = privacy_scan.prefetched(shapes, _select(store), written or ())
    results = run(model, select, threads=threads)
    return build_report(
        results,
        StoreView(store, None, prefixes),
        shapes,
        lang=lang,
        fail_on=fail_on,
        data_files=names,
        shapes_files=shapes_names,
        triples=triples,
        select=select,
    )


def _ontology_triples(ontology: Graph, convert: Callable[[Graph], list[ox.Triple]]) -> list[ox.Triple]:
    from referentiel.validation.api import _bundled_ontology

    # the bundled ontology is one cached graph: converted once per process
    return _bundled_triples() if ontology is _bundled_ontology() else convert(ontology)


_BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")


@lru_cache(maxsize=1)
def _bundled_quads() -> list[ox.Quad]:
    """The triples of ``api._bundled_ontology`` (its structure: objects that are IRIs, blank nodes or
    booleans), read by pyoxigraph's parser: 40x faster than building the rdflib graph (1.6 s), the
    same triples (tests/validation/test_validation_sparql.py compares them)."""
    from referentiel import resources

    if not resources.ontology_file().is_file():
        from referentiel.validation.api import _bundled_ontology

        _bundled_ontology()  # the installation is incomplete: its error
    with resources.as_path(resources.ontology_file()) as path:
        quads = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
        return [
            ox.Quad(q.subject, q.predicate, q.object)
            for q in quads
            if not isinstance(q.object, ox.Literal) or q.object.datatype == _BOOLEAN
        ]


@lru_cache(maxsize=1)
def _bundled_triples() -> list[ox.Triple]:
    from referentiel.store.base import from_rdflib
    from referentiel.validation.api import _bundled_ontology

    return from_rdflib(_bundled_ontology())


def _select(store: ox.Store) -> Select:
    return store_select(store, None)
