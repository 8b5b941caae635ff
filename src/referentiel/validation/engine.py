"""The engine seam: what validation needs from a SHACL processor, and the reference engine (pySHACL).

An engine takes an rdflib data graph and shapes graph and returns the W3C validation report graph.
Everything above it (report model, messages, masking, provenance, renderers) reads that graph only,
so another engine can be plugged in as long as it produces the same standard report.

Why the ontology is merged into the data graph by the caller and not given as pySHACL's
``ont_graph``: pySHACL mixes ``ont_graph`` into (a copy of) the data graph anyway, and only makes
sense together with RDFS/OWL inference. We run with ``inference="none"`` so that results are
exactly SHACL Core over *data + ontology*: ``sh:class`` sees the concepts' ``rdf:type`` and the
ontology's ``rdfs:subClassOf`` triples (SHACL Core follows ``rdfs:subClassOf*`` in the data
graph), nothing else is entailed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from rdflib import Graph

from referentiel.errors import InputError


@dataclass
class EngineOutput:
    """What an engine returns: SHACL conformance and the W3C validation report graph."""

    conforms: bool
    report: Graph


@runtime_checkable
class ValidationEngine(Protocol):
    """A SHACL processor. ``advanced`` enables SHACL-AF (SPARQL targets), used by the bundled shapes."""

    name: str

    def validate(self, data_graph: Graph, shapes_graph: Graph, *, advanced: bool = False,
                 check_shapes: bool = False) -> EngineOutput:
        """Validate ``data_graph`` against ``shapes_graph``.

        ``data_graph`` belongs to the caller and is not copied (SHACL Core never changes it; only
        SHACL-AF rules, never run with ``advanced=False``, could).
        """
        ...


class PyshaclEngine:
    """The reference engine: pySHACL, no inference, every result (no abort on first)."""

    name = "pyshacl"
    module = "pyshacl"
    # further exception types by which the engine says "these shapes cannot be compiled"
    shapes_errors: tuple[type[Exception], ...] = ()

    def validate(self, data_graph: Graph, shapes_graph: Graph, *, advanced: bool = False,
                 check_shapes: bool = False) -> EngineOutput:
        """Run pySHACL; a shapes graph pySHACL cannot use raises :class:`InputError` (exit 2)."""
        import importlib

        pyshacl = importlib.import_module(self.module)
        errors = importlib.import_module(f"{self.module}.errors")
        ReportableRuntimeError = errors.ReportableRuntimeError  # noqa: N806
        ShapeLoadError = getattr(errors, "ShapeLoadError", ReportableRuntimeError)  # noqa: N806

        shapes_graph = spec_booleans(shapes_graph)
        with prepared_sparql_cache(), _quiet_pyshacl():
            try:
                conforms, report, _ = pyshacl.validate(
                    data_graph, shacl_graph=shapes_graph, inference="none", advanced=advanced,
                    abort_on_first=False, allow_infos=False, allow_warnings=False, meta_shacl=check_shapes,
                    # callers hand over a graph of their own (api.validate builds a fresh one): no clone
                    inplace=True, iterate_rules=False, debug=False,
                )
            except ShapeLoadError as exc:
                raise InputError.of("the shapes graph is not usable SHACL ({why})", why=_first_line(exc),
                                    hint="fix the shape named in the message") from None
            except ReportableRuntimeError as exc:
                raise InputError.of("the shapes graph is not usable SHACL ({why})", why=_first_line(exc),
                                    hint="check it against SHACL-for-SHACL (check_shapes=True)") from None
            except self.shapes_errors as exc:
                raise InputError.of("the shapes graph is not usable SHACL ({why})", why=_first_line(exc),
                                    hint="fix the shape parameter named in the message") from None
            except NotImplementedError as exc:
                raise InputError.of("the shapes use a SHACL feature pySHACL cannot run ({why})",
                                    why=_first_line(exc),
                                    hint="see docs/validation.md, \"Known engine limitations\"") from None
        if not isinstance(report, Graph):
            # pySHACL returns a ValidationFailure (not a report) when a SPARQL-based constraint is
            # ill-formed, e.g. it binds $this in a way SHACL forbids: a "failure" in SHACL's terms.
            raise InputError.of("the shapes graph is not usable SHACL ({why})",
                                why=_first_line(Exception(str(report))),
                                hint="fix the SPARQL of the constraint named in the message")
        return EngineOutput(bool(conforms), report)


_BOOLEAN_PARAMETERS = ("uniqueLang", "closed", "deactivated", "qualifiedValueShapesDisjoint")


def spec_booleans(shapes: Graph) -> Graph:
    """The shapes graph with boolean parameters read as SHACL says: only ``true`` means true.

    SHACL activates sh:uniqueLang, sh:closed, sh:deactivated... only for the literal ``true``;
    pySHACL also accepts ``"1"^^xsd:boolean`` (W3C test core/property/uniqueLang-002). Such values
    are replaced by ``false`` in a copy; the caller's graph is untouched.
    """
    from rdflib import Literal
    from rdflib.namespace import SH, XSD

    odd = [
        (s, p, o) for name in _BOOLEAN_PARAMETERS for s, p, o in shapes.triples((None, SH[name], None))
        if not (isinstance(o, Literal) and o.datatype == XSD.boolean and str(o) == "true")
        and not (isinstance(o, Literal) and o.datatype == XSD.boolean and str(o) == "false")
    ]
    if not odd:
        return shapes
    fixed = Graph()
    fixed += shapes
    for prefix, namespace in shapes.namespaces():
        fixed.bind(prefix, namespace, override=False)
    for s, p, o in odd:
        fixed.remove((s, p, o))
        fixed.add((s, p, Literal(False)))
    return fixed


@contextmanager
def _quiet_pyshacl() -> Iterator[None]:
    """pySHACL logs errors (with whole reports) on stderr; they become InputError messages instead."""
    import logging

    loggers = [logging.getLogger(name) for name in ("pyshacl", "pyshacl-validate", "pyshacl.validate")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


# Prepared queries by (text, base, namespaces), kept for the process: the bundled shapes' queries
# take ~0.3 s each to parse, and a test run or a long-lived process validates many times.
_PREPARED: dict[tuple, Any] = {}


@contextmanager
def prepared_sparql_cache() -> Iterator[None]:
    """Parse each SPARQL query text once while validating.

    pySHACL runs a SPARQL-based constraint once per focus node with the same query text and
    different initial bindings; rdflib parses the text again every time (pyparsing: ~0.3 s for the
    privacy queries, i.e. minutes on real data). A prepared query is rdflib's own way to evaluate
    one query with several bindings, so results are unchanged; only the parsing is shared.
    """
    from rdflib.plugins.sparql import processor

    original = processor.SPARQLProcessor.query
    cache = _PREPARED

    def query(self: Any, str_or_query: Any, initBindings: Any = None, initNs: Any = None,  # noqa: N803
              base: str | None = None, DEBUG: bool = False) -> Any:  # noqa: N803
        if isinstance(str_or_query, str):
            key = (str_or_query, base, tuple(sorted((k, str(v)) for k, v in (initNs or {}).items())))
            prepared = cache.get(key)
            if prepared is None:
                prepared = processor.translateQuery(processor.parseQuery(str_or_query), base, initNs)
                if len(cache) > 512:
                    cache.clear()
                cache[key] = prepared
            str_or_query = prepared
        return original(self, str_or_query, initBindings, initNs, base, DEBUG)

    processor.SPARQLProcessor.query = query  # type: ignore[method-assign]
    try:
        yield
    finally:
        processor.SPARQLProcessor.query = original  # type: ignore[method-assign]


def _first_line(exc: Exception) -> str:
    text = str(getattr(exc, "message", None) or exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:300]


class PyshaclTurboEngine(PyshaclEngine):
    """pyshacl-turbo (Rust, pySHACL-compatible API): the default engine when installed.

    Adopted after it gave exactly the expected results on the whole W3C suite and exactly pySHACL's
    results on every bundled example and test data set, 5-6x faster (docs/validation.md, "Engines";
    docs/performance.md, "Validation"). pySHACL stays the reference: ``engine="pyshacl"``.
    """

    name = "pyshacl-turbo"
    module = "pyshacl_turbo"
    # pyshacl-turbo compiles the shapes first and raises ValueError for a malformed parameter
    # (e.g. sh:minCount "two"), where pySHACL raises ReportableRuntimeError
    shapes_errors = (ValueError,)


ENGINES: dict[str, type] = {"pyshacl": PyshaclEngine, "pyshacl-turbo": PyshaclTurboEngine}


DEFAULT_ENGINES = ("pyshacl-turbo", "pyshacl")


def default_engine_name() -> str:
    """The engine used when none is chosen: pyshacl-turbo when installed (it is a core dependency),
    else the reference engine pyshacl (e.g. a platform without a pyshacl-turbo wheel)."""
    import importlib.util

    for name in DEFAULT_ENGINES:
        if importlib.util.find_spec(ENGINES[name].module) is not None:
            return name
    return "pyshacl"


def get_engine(engine: str | ValidationEngine | None) -> ValidationEngine:
    """An engine by name (``pyshacl``, ``pyshacl-turbo``), an engine object as is, or the default
    engine (:func:`default_engine_name`) for None."""
    if engine is None:
        engine = default_engine_name()
    if isinstance(engine, str):
        if engine not in ENGINES:
            from referentiel.errors import ConfigError

            raise ConfigError.of("unknown validation engine {engine!r}", engine=engine,
                                 hint="one of: {engines}",
                                 engines=", ".join(ENGINES))
        chosen = ENGINES[engine]()
        import importlib.util

        if importlib.util.find_spec(chosen.module) is None:
            from referentiel.errors import ConfigError

            raise ConfigError.of("the validation engine {engine!r} is not installed", engine=engine,
                                 hint="pip install {package}, or use --engine pyshacl",
                                 package=chosen.module.replace("_", "-"))
        return chosen
    return engine
