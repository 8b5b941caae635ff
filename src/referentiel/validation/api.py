"""``referentiel.validate``: SHACL validation of RDF data, with reports people can act on."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from referentiel import privacy, rdfio, resources
from referentiel.errors import ConfigError, InputError
from referentiel.namespaces import REF, REFSH, SH, XSD
from referentiel.validation import privacy_scan
from referentiel.validation.engine import ValidationEngine, get_engine
from referentiel.validation.messages import fix_hint, generated_message, pick_message
from referentiel.validation.report import (
    Severity,
    Source,
    ValidationReport,
    ValidationResult,
    compact,
    raw_results,
)

LANGS = ("fr", "en", "nl")
BUNDLED = "bundled"

# Properties whose values are personal whatever they look like: their values are always masked.
PERSONAL_PROPERTIES = frozenset(
    URIRef(p)
    for p in (
        "http://xmlns.com/foaf/0.1/name",
        "http://xmlns.com/foaf/0.1/givenName",
        "http://xmlns.com/foaf/0.1/familyName",
        "http://xmlns.com/foaf/0.1/firstName",
        "http://xmlns.com/foaf/0.1/lastName",
        "http://xmlns.com/foaf/0.1/surname",
        "http://xmlns.com/foaf/0.1/nick",
        "http://xmlns.com/foaf/0.1/mbox",
        "http://xmlns.com/foaf/0.1/phone",
        "http://xmlns.com/foaf/0.1/birthday",
        "https://schema.org/name",
        "https://schema.org/givenName",
        "https://schema.org/familyName",
        "https://schema.org/address",
        "https://schema.org/streetAddress",
        "https://schema.org/email",
        "https://schema.org/telephone",
        "https://schema.org/birthDate",
        "http://schema.org/name",
        "http://schema.org/address",
        "http://schema.org/birthDate",
        "http://www.w3.org/2000/01/rdf-schema#comment",
        "http://www.w3.org/2000/01/rdf-schema#label",
        "http://www.w3.org/2004/02/skos/core#note",
        "http://purl.org/dc/terms/description",
        "https://schema.org/description",
        "http://www.w3.org/ns/locn#fullAddress",
        "http://www.w3.org/ns/locn#thoroughfare",
    )
)
VCARD = "http://www.w3.org/2006/vcard/ns#"


InputData = str | Path | Graph


def load_data(
    data: InputData | Sequence[InputData],
    input_format: str | None = None,
) -> tuple[Graph, list[str]]:
    """All data inputs (files, ``-`` for stdin, rdflib graphs) merged into one new graph."""
    items: list[InputData] = [data] if isinstance(data, str | Path | Graph) else list(data)
    if not items:
        raise ConfigError.of("no data to validate", hint="give at least one RDF file, or - for stdin")
    graph = Graph()
    names: list[str] = []
    for item in items:
        if isinstance(item, Graph):
            for triple in item:
                graph.add(triple)
            for prefix, ns in item.namespaces():
                graph.bind(prefix, ns, override=False)
            names.append("<graph>")
        else:
            name, payload = rdfio.read_bytes(item)
            fmt = rdfio.guess_format(name if name != "<stdin>" else "x.ttl", input_format)
            rdfio.check_payload(name, payload, fmt)
            if fmt in _OXIGRAPH_FORMATS:
                _parse_with_oxigraph(graph, name, payload, fmt, len(names))
            else:
                _parse_with_rdflib(graph, name, payload, fmt)
            names.append(name)
    return graph, names


def _parse_with_rdflib(graph: Graph, name: str, payload: bytes, fmt: str) -> None:
    """Parse one document with rdflib (JSON-LD) into ``graph``, named graphs merged."""
    from rdflib import Dataset

    dataset = Dataset(default_union=True)
    base = "urn:referentiel:stdin" if name == "<stdin>" else Path(name).absolute().as_uri()
    try:
        dataset.parse(data=payload, format=fmt, publicID=base)
    except Exception as exc:  # noqa: BLE001 - parsers raise many types; all mean "malformed"
        raise rdfio._parse_error(name, fmt, exc) from None
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    for prefix, namespace in dataset.namespaces():
        graph.bind(prefix, namespace, override=False)


# rdflib format name -> pyoxigraph format name. pyoxigraph parses about twice as fast as rdflib
# even with the conversion of every term into rdflib (benchmarks/bench_validation.py).
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_OXIGRAPH_FORMATS = {
    "turtle": "TURTLE",
    "nt": "N_TRIPLES",
    "nquads": "N_QUADS",
    "trig": "TRIG",
    "xml": "RDF_XML",
}


def _parse_with_oxigraph(graph: Graph, name: str, payload: bytes, fmt: str, index: int) -> None:
    """Parse one document with pyoxigraph into ``graph`` (named graphs merged, like rdfio.load_graph).

    Literals keep their lexical form exactly (SHACL compares RDF terms, so ``"01"^^xsd:integer``
    must stay ``"01"``); blank nodes are renamed per document, as an RDF merge requires.
    """
    import pyoxigraph as ox
    from rdflib import BNode

    base = "urn:referentiel:stdin" if name == "<stdin>" else Path(name).absolute().as_uri()
    iris: dict[str, URIRef] = {}
    bnodes: dict[str, BNode] = {}

    def term(node: Any) -> Node:
        if isinstance(node, ox.NamedNode):
            found = iris.get(node.value)
            if found is None:
                found = iris[node.value] = URIRef(node.value)
            return found
        if isinstance(node, ox.BlankNode):
            found = bnodes.get(node.value)
            if found is None:
                found = bnodes[node.value] = BNode()
            return found
        if isinstance(node, ox.Literal):
            if node.language:
                return Literal(node.value, lang=node.language)
            if node.datatype.value == _XSD_STRING:
                # rdflib writes simple literals without datatype (RDF 1.1: the same term)
                return Literal(node.value)
            return Literal(node.value, datatype=term(node.datatype))
        raise InputError.of("RDF-star triple terms are not supported", file=name)

    add = graph.add
    try:
        parser = ox.parse(payload, format=getattr(ox.RdfFormat, _OXIGRAPH_FORMATS[fmt]), base_iri=base)
        for quad in parser:
            add((term(quad.subject), term(quad.predicate), term(quad.object)))
        # like rdflib, keep the document's prefixes (pySHACL resolves some SPARQL prefixes through them)
        for prefix, namespace in (getattr(parser, "prefixes", None) or {}).items():
            graph.bind(prefix, namespace, override=False)
    except SyntaxError as exc:
        position = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], tuple) else ()
        line, column = (position[1], position[2]) if len(position) > 2 else (exc.lineno, exc.offset)
        raise rdfio.syntax_error(name, fmt, str(exc.args[0] if exc.args else exc), line, column) from None
    except ValueError as exc:
        raise rdfio.syntax_error(name, fmt, str(exc), None, None) from None
    del index


def load_shapes(shapes: str | Path | Graph | Sequence[str | Path | Graph] | None) -> tuple[Graph, list[str]]:
    """The shapes graph: the bundled shapes when ``shapes`` is None, else the given files/graphs."""
    if shapes is None:
        cached, names = _bundled_shapes()
        # a copy: pySHACL adds a few RDFS/OWL axioms to the shapes graph it is given
        graph = Graph()
        graph += cached
        for prefix, namespace in cached.namespaces():
            graph.bind(prefix, namespace, override=False)
        return graph, list(names)
    items = [shapes] if isinstance(shapes, str | Path | Graph) else list(shapes)
    graph = Graph()
    names = []
    for item in items:
        if isinstance(item, Graph):
            graph += item
            names.append("<graph>")
        else:
            rdfio.parse_into(graph, item)
            names.append(str(item))
    if not any(graph.triples((None, None, None))):
        raise InputError.of("the shapes graph is empty", file=names[0] if names else None)
    return graph, names


@lru_cache(maxsize=1)
def _bundled_shapes() -> tuple[Graph, tuple[str, ...]]:
    # Parsed once per process; callers get a copy (see load_shapes).
    graph = Graph()
    names = []
    for node in resources.shapes_files():
        with resources.as_path(node) as path:
            rdfio.parse_into(graph, path)
        names.append(f"shapes/{node.name}")
    if not names:
        raise ConfigError.of("no bundled shapes found", hint="the installation is incomplete")
    return graph, tuple(names)


@lru_cache(maxsize=1)
def _bundled_ontology() -> Graph:
    """The bundled ontology as merged into data graphs: its structure, without its texts.

    Kept: every triple whose object is an IRI, a blank node or a boolean (rdf:type of concepts,
    rdfs:subClassOf, skos:inScheme, ref:interOrganisational...). Left out: labels, definitions,
    comments and citations. No bundled shape reads those texts, so results are the same as with
    the whole ontology, but the privacy shape that scans every literal of the data graph would
    otherwise scan ~5,000 ontology texts on every run. Parsed once per process, never modified.
    """
    node = resources.ontology_file()
    if not node.is_file():
        raise ConfigError.of(
            "the bundled ontology (ontology/referentiel.ttl) is missing",
            hint="the installation is incomplete",
        )
    whole = Graph()
    with resources.as_path(node) as path:
        rdfio.parse_into(whole, path)
    graph = Graph()
    for s, p, o in whole:
        if not isinstance(o, Literal) or o.datatype == XSD.boolean:
            graph.add((s, p, o))
    return graph


@lru_cache(maxsize=1)
def ontology_ntriples() -> bytes:
    """:func:`_bundled_ontology` in N-Triples, as intake loads it beside a staged export (read by
    pyoxigraph's parser: the same triples, without building the rdflib graph)."""
    import pyoxigraph as ox

    from referentiel.validation.sparql.store_input import _bundled_quads

    return ox.serialize([q.triple for q in _bundled_quads()], format=ox.RdfFormat.N_TRIPLES)


def load_ontology(ontology: str | Path | Graph | None | bool) -> Graph | None:
    """The ontology graph to merge into the data graph (the bundled one for ``True``)."""
    if ontology is None or ontology is False:
        return None
    if isinstance(ontology, Graph):
        return ontology
    graph = Graph()
    if ontology is True or ontology == BUNDLED:
        return _bundled_ontology()
    rdfio.parse_into(graph, ontology)
    return graph


def validate(
    data: InputData | Sequence[InputData],
    shapes: str | Path | Graph | Sequence[str | Path | Graph] | None = None,
    *,
    ontology: str | Path | Graph | bool | None = BUNDLED,
    fail_on: str | Severity = "violation",
    lang: str = "fr",
    engine: str | ValidationEngine | None = None,
    input_format: str | None = None,
    advanced: bool | None = None,
    check_shapes: bool = False,
) -> ValidationReport:
    """Validate RDF data against SHACL shapes and return a typed :class:`ValidationReport`.

    - ``data``: a path, ``-`` (stdin), an rdflib Graph, or a list of them (merged into one graph).
    - ``shapes``: None for the framework's bundled shapes, else any SHACL shapes files/graphs.
    - ``ontology``: merged into the data graph so that ``sh:class`` sees concept types and
      ``rdfs:subClassOf``. Default: the bundled ontology with the bundled shapes, nothing with your
      own shapes (pass a path/Graph to add one; ``None`` for none).
    - ``fail_on``: ``violation`` / ``warning`` / ``info``: the threshold of ``report.passed``.
    - ``lang``: ``fr`` / ``en`` / ``nl`` for messages and fix hints.
    - ``engine``: None (the SPARQL engine when it runs every feature the shapes use, always for
      the bundled shapes; else pySHACL, with a note naming the feature), ``"sparql"`` (forced:
      ConfigError when a feature is not supported), ``"pyshacl"`` (the reference engine),
      ``"pyshacl-turbo"`` / ``"turbo"``, or any :class:`ValidationEngine`.
    - ``advanced``: SHACL-AF (SPARQL targets); on by default for the bundled shapes only.
    - ``check_shapes``: first validate the shapes against SHACL-for-SHACL (shsh); off by default
      because shsh also rejects some shapes graphs that SHACL processors must accept.

    Raises :class:`~referentiel.errors.InputError` for unusable data or shapes.
    """
    with _exact_rdflib():
        return _validate(
            data,
            shapes,
            ontology=ontology,
            fail_on=fail_on,
            lang=lang,
            engine=engine,
            input_format=input_format,
            advanced=advanced,
            check_shapes=check_shapes,
        )


@contextmanager
def _exact_rdflib() -> Iterator[None]:
    """rdflib as SHACL needs it while parsing and validating.

    - Literal normalisation off: rdflib rewrites ``"01"^^xsd:integer`` as ``"1"`` and
      ``"1"^^xsd:boolean`` as ``"true"`` when parsing, but those are different RDF terms for SHACL
      (sh:in, sh:hasValue, sh:uniqueLang "1" which must be ignored: W3C test uniqueLang-002).
    - rdflib logs a traceback for every ill-typed literal (``"2023-02-31"^^xsd:date``); SHACL
      reports those as sh:datatype violations, so the log would only be noise.
    """
    import rdflib

    logger = logging.getLogger("rdflib.term")
    level, normalize = logger.level, rdflib.NORMALIZE_LITERALS
    logger.setLevel(logging.ERROR)
    rdflib.NORMALIZE_LITERALS = False
    try:
        yield
    finally:
        logger.setLevel(level)
        rdflib.NORMALIZE_LITERALS = normalize


def check_options(lang: str, fail_on: str | Severity) -> tuple[str, Severity]:
    """The report language and ``fail_on`` threshold, checked (ConfigError, exit 2, when unknown)."""
    lang = lang.lower()
    if lang not in LANGS:
        raise ConfigError.of("unknown language {lang!r}", lang=lang, hint="one of: fr, en, nl")
    try:
        threshold = fail_on if isinstance(fail_on, Severity) else Severity.parse(fail_on)
    except KeyError:
        raise ConfigError.of(
            "unknown severity {severity!r}", severity=fail_on, hint="one of: violation, warning, info"
        ) from None
    return lang, threshold


def _validate(
    data: InputData | Sequence[InputData],
    shapes: str | Path | Graph | Sequence[str | Path | Graph] | None,
    *,
    ontology: str | Path | Graph | bool | None,
    fail_on: str | Severity,
    lang: str,
    engine: str | ValidationEngine | None,
    input_format: str | None,
    advanced: bool | None,
    check_shapes: bool,
) -> ValidationReport:
    lang, threshold = check_options(lang, fail_on)
    bundled_shapes = shapes is None
    if ontology == BUNDLED:
        ontology = True if bundled_shapes else None
    shapes_graph, shapes_names = load_shapes(shapes)
    name, notes = choose_engine(engine, shapes_graph, check_shapes=check_shapes, lang=lang)
    if name == SPARQL:
        from referentiel.validation.sparql import store_input

        # the bundled ontology is read by the store's own parser there (no rdflib graph to build)
        bundled_ontology = ontology is True or ontology == BUNDLED
        return store_input.validate_files(
            data,
            shapes_graph,
            shapes_names,
            True if bundled_ontology else load_ontology(ontology),
            lang=lang,
            fail_on=threshold,
            input_format=input_format,
        )
    data_graph, data_names = load_data(data, input_format)
    triples = len(data_graph)
    ontology_graph = load_ontology(ontology)
    if ontology_graph is not None:
        for triple in ontology_graph:
            data_graph.add(triple)
    chosen = get_engine(name if engine is None or isinstance(engine, str) else engine)
    output = chosen.validate(
        data_graph,
        shapes_graph,
        advanced=bundled_shapes if advanced is None else advanced,
        check_shapes=check_shapes,
    )
    # SPARQL cannot look at every candidate of a literal: the privacy scan completes the shape, and
    # confirms what its patterns (pre-filters) report
    conforms = privacy_scan.settle(data_graph, shapes_graph, output.report, output.conforms)
    results = build_results(output.report, data_graph, shapes_graph, lang)
    return ValidationReport(
        conforms=conforms,
        results=results,
        fail_on=threshold,
        lang=lang,
        report_graph=output.report,
        engine=chosen.name,
        data_files=data_names,
        shapes_files=shapes_names,
        triples=triples,
        notes=notes,
    )


SPARQL = "sparql"


def choose_engine(
    engine: str | ValidationEngine | None, shapes: Graph, *, check_shapes: bool = False, lang: str = "en"
) -> tuple[str, list[str]]:
    """The engine to run and why (notes: the unsupported features that sent the shapes elsewhere).

    None picks the SPARQL engine whenever it runs every feature the shapes use (always for the
    bundled shapes), else the reference engine pySHACL. ``sparql`` forces it (ConfigError, exit 2,
    naming the features it does not run); ``turbo`` is pyshacl-turbo.
    """
    from referentiel.validation.messages import unsupported_note
    from referentiel.validation.sparql.model import read_shapes, unsupported_features

    if not isinstance(engine, str) and engine is not None:
        return getattr(engine, "name", "custom"), []
    if engine == "turbo":
        engine = "pyshacl-turbo"
    if engine not in (None, SPARQL):
        return engine, []
    missing = [] if check_shapes and engine is None else unsupported_features(read_shapes(shapes))
    if engine == SPARQL:
        if missing:
            from referentiel.validation.sparql.api import UnsupportedShapes

            raise UnsupportedShapes(missing)
        return SPARQL, []
    if check_shapes or missing:
        # SHACL-for-SHACL (check_shapes) is pySHACL's: the reference engine runs it
        return "pyshacl", [unsupported_note(missing, lang)] if missing else []
    return SPARQL, []


# Digits and separators only (as translation.resolve._NUMBER_LIKE): a mistyped date or number, safe to quote.
_NUMBER_LIKE = re.compile(r"^[\d\s./:,\-+TZ]{1,30}$")


def build_results(report: Graph, data: Graph, shapes: Graph, lang: str) -> list[ValidationResult]:
    """Typed, presentable results from a report graph; masks personal values in ``report`` in place."""
    results = []
    for raw in raw_results(report):
        results.append(_result(raw, report, data, shapes, lang))
    results.sort(key=lambda r: (-r.severity, str(r.source_shape), str(r.focus_node), r.path or ""))
    return results


def _result(raw: dict[str, Any], report: Graph, data: Graph, shapes: Graph, lang: str) -> ValidationResult:
    value: Node | None = raw["value"]
    masked = value is not None and must_mask(value, raw["path_node"], raw["shape"], shapes)
    value_text = None
    free_text = (
        isinstance(value, Literal) and not masked and privacy.looks_like_free_text(privacy.scrub(str(value)))
    )
    # A cell of a date or number column that could not be read is quoted only when it is made of
    # digits and separators (a typo to see: "2024-13-05"); text there is a shifted column, a name
    # or a note, shown by its length only, as the translation's own message does.
    unreadable_text = (
        not masked
        and not free_text
        and isinstance(value, Literal)
        and raw["constraint"] == REFSH.UnparsableValue
        and not _NUMBER_LIKE.match(str(value))
    )
    if value is not None:
        # a long value with many words is a free-text note typed in the wrong place: never echoed
        value_text = (
            privacy.mask(str(value))
            if masked
            else privacy.shown(str(value))
            if free_text
            else f"[text masked: {len(str(value))} characters]"
            if unreadable_text
            else compact(value, data)
        )
    masked = masked or free_text or unreadable_text
    declared = _declared_messages(shapes, raw["shape"], raw["constraint"])
    message = pick_message(raw["messages"], lang, declared)
    parent = _parent_shape(shapes, raw["shape"])
    if message is None and parent is not None and not declared:
        # A property shape without a message of its own (e.g. the privacy shapes' sh:maxCount 0
        # list) speaks with the words of the node shape that holds it.
        message = pick_message(
            [m for m in shapes.objects(parent, SH.message) if isinstance(m, Literal)],
            lang,
            _declared_messages(shapes, parent, None),
        )
    if message is None:
        message = generated_message(
            raw["component"],
            raw["shape"],
            shapes,
            lang,
            path=raw["path"],
            value=value_text,
            render=lambda n: compact(n, shapes) or "?",
        )
    if masked and value is not None and len(str(value)) > 2:
        # a message template may quote the value ({?value}): quote the mask instead
        message = message.replace(str(value), value_text or "")
    message = privacy.scrub(message)
    _sanitise_report_node(report, raw["node"], value, masked)
    return ValidationResult(
        severity=raw["severity"],
        focus_node=raw["focus"],
        path=raw["path"],
        path_node=raw["path_node"],
        value=value,
        component=raw["component"],
        source_shape=raw["shape"],
        message=message,
        value_text=value_text,
        value_masked=masked,
        fix_hint=fix_hint(shapes, raw["shape"], lang, raw["constraint"]) or fix_hint(shapes, parent, lang),
        source_constraint=raw["constraint"],
        source=source_of(data, raw["focus"], located_path(raw, shapes)),
        details=[_result(d, report, data, shapes, lang) for d in raw["details"]],
        node=raw["node"],
    )


def _parent_shape(shapes: Graph, shape: Node | None) -> Node | None:
    """The node shape that holds a property shape through sh:property, when there is exactly one."""
    if shape is None:
        return None
    parents = list(shapes.subjects(SH.property, shape))
    return parents[0] if len(parents) == 1 else None


def _declared_messages(shapes: Graph, shape: Node | None, constraint: Node | None) -> set[Literal]:
    found: set[Node] = set()
    for owner in (shape, constraint):
        if owner is not None:
            found.update(shapes.objects(owner, SH.message))
    return {m for m in found if isinstance(m, Literal)}


def must_mask(value: Node, path: Node | None, shape: Node | None, shapes: Graph) -> bool:
    """Whether a result's value is personal data and must be shown masked."""
    text = str(value)
    if privacy.looks_personal(text):
        return True
    if not isinstance(value, Literal):
        return False
    if path in PERSONAL_PROPERTIES or (isinstance(path, URIRef) and str(path).startswith(VCARD)):
        return True
    return shape is not None and (shape, REF.maskValue, Literal(True)) in shapes


def _sanitise_report_node(report: Graph, node: Node, value: Node | None, masked: bool) -> None:
    """Mask the value and scrub the messages of one result in the report graph itself."""
    shown = None
    if masked and value is not None:
        shown = (
            privacy.mask(str(value))
            if privacy.looks_personal(str(value)) or not privacy.looks_like_free_text(str(value))
            else privacy.shown(str(value))
        )
        report.remove((node, SH.value, value))
        report.add((node, SH.value, Literal(shown)))
    for message in list(report.objects(node, SH.resultMessage)):
        if isinstance(message, Literal):
            clean = str(message)
            if shown is not None and len(str(value)) > 2:
                clean = clean.replace(str(value), shown)
            clean = privacy.scrub(clean)
            if clean != str(message):
                report.remove((node, SH.resultMessage, message))
                report.add((node, SH.resultMessage, Literal(clean, lang=message.language)))


# Comparison components whose result is located at the other property of the pair: "the end is
# before the start" is reported at the start (sh:path) by SHACL, but it is the end that a steward
# most often mistypes and the end column that must be checked (e.g. date_cloture).
_PAIR_PARAMETERS = {
    SH.LessThanConstraintComponent: SH.lessThan,
    SH.LessThanOrEqualsConstraintComponent: SH.lessThanOrEquals,
}


def located_path(raw: dict[str, Any], shapes: Graph) -> Node | None:
    """The property whose cell a raw result is located at: its path, or the compared property.

    Works on the SHACL report graph, so the location is the same whichever engine made the report.
    """
    parameter = _PAIR_PARAMETERS.get(raw["component"])
    if parameter is not None and raw["shape"] is not None:
        other = shapes.value(raw["shape"], parameter)
        if isinstance(other, URIRef):
            return other
    return raw["path_node"]


def source_of(data: Graph, focus: Node | None, path: Node | None) -> Source | None:
    """The place in the partner's export a result points to, when the data carries provenance."""
    if focus is None:
        return None
    from referentiel.provenance import column_of, locate

    location = locate(data, focus, path)
    if location is None and (focus, None, None) in data:
        # An original value (e.g. an unmapped term) is located through the resource that holds it.
        owner = next(data.subjects(REF.originalValue, focus), None)
        if owner is not None:
            column, feeds = column_of(data, focus)
            where = locate(data, owner, feeds)
            if where is not None:
                return Source(
                    where.file, where.row, str(column) if column is not None else where.column, where.sheet
                )
    if location is None:
        return None
    return Source(location.file, location.row, location.column, location.sheet)


def iter_results(report: ValidationReport) -> Iterable[ValidationResult]:
    """Every result of a report (top level only: details are nested in their parent)."""
    return iter(report.results)
