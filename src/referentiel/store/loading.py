"""``referentiel load FILE...``: RDF files streamed into a staging graph, validated there, committed.

No file becomes a Python list of triples or an rdflib graph. Each file is checked (size limit,
empty, binary, RDF/XML entities and JSON-LD contexts refused before any parser runs), then parsed
in Rust by Oxigraph's bulk loader straight into the staged graph of a
:class:`~referentiel.store.staging.Staging` area (docs/store.md, "Staging"):

- the embedded store stages in itself: the export is invisible to queries and ``serve`` until the
  commit, and a process killed half-way leaves at most a staged graph, dropped at the next open;
- a server stages in a scratch store on disk; the commit uploads it in chunks into a staging graph
  of the server (:mod:`referentiel.store.remote_staging`), then registers it with one update.

The export is then validated where it is staged (the SPARQL engine, its privacy scan included),
and :meth:`~referentiel.store.base.Store.commit` makes it visible in one step, or it is discarded.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from referentiel import limits, rdfio
from referentiel.errors import InputError
from referentiel.store.base import (
    LoadContext,
    LoadResult,
    SourceFile,
    ValidationOutcome,
    check_graph_name,
    default_graph_iri,
    now,
    run_validation,
)
from referentiel.store.staging import Staging, count_triples

_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "json-ld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
# Read whole before parsing: their guards (guards.check_xml / check_jsonld) look at the whole text.
_CHECKED_WHOLE = ("xml", "json-ld")
# Below this size a file goes through the ordinary (transactional, in-memory) loader: the bulk
# loader writes and ingests index files at every call, ~0.5 s however small the file.
SMALL_FILE = 2 * 1024**2
_BLOCK = 1024**2
# How to parse a staged file again: the path (or the bytes read whole), its format, base IRI, size
Replay = tuple[Path | bytes, Any, str, int]
# Exports up to this many statements are validated in an in-memory copy (validate_staging).
MEMORY_VALIDATION = 2_000_000


def load_files(
    store: Any,
    sources: Sequence[str | Path],
    graph: str | None,
    *,
    context: LoadContext,
    force: bool,
    rdf_format: str | None,
    validate: bool,
    shapes: Any,
) -> LoadResult:
    """The body of :meth:`Store.load`: stage every file, validate the staged export, commit it."""
    if not sources:
        raise InputError.of("no data file given", hint="give one or more RDF files (Turtle, N-Triples, ...)")
    started = now()
    # the formats first: a wrong extension is refused before the store is written to
    formats = [rdfio.guess_format(_format_name(s), rdf_format) for s in sources]
    graph = graph or default_graph_iri(context.organisation, sources)
    check_graph_name(graph)
    staging = store.stage(graph)
    try:
        replay: list[Replay] = []
        files = [
            stage_file(staging, source, fmt, replay) for source, fmt in zip(sources, formats, strict=True)
        ]
        outcome = validate_staging(staging, shapes, replay) if validate else ValidationOutcome(False, None)
    except BaseException:
        staging.discard()
        raise
    result = store.commit(
        staging, files=files, validation=outcome, force=force, context=context, started=started
    )
    write = result.write
    if write is not None and write.mode == "insert" and write.added is None:
        # a graph the store did not hold: every staged statement is new
        result.write = dataclasses.replace(write, removed=0, added=result.triples)
    return result


def _format_name(source: str | Path) -> str:
    name = str(source)
    return "stdin.ttl" if name == "-" else name


def stage_file(
    staging: Staging, source: str | Path, fmt: str, replay: list[Replay] | None = None
) -> SourceFile:
    """Check one file and bulk-load it into the staged graph; its description (name, SHA-256, size,
    statements it added to the staged graph). What it takes to parse it again is added to
    ``replay`` (the path; the bytes of a file read whole)."""
    name = str(source)
    if name == "-" or fmt in _CHECKED_WHOLE:
        name, data = rdfio.read_bytes(source)  # the file limit applies; guards need the whole text
        rdfio.check_payload(name, data, fmt)
        digest, size, payload = hashlib.sha256(data).hexdigest(), len(data), data
    else:
        digest, size = _checked_digest(Path(name))
        payload = None
    base = "urn:referentiel:stdin" if name == "<stdin>" else Path(name).absolute().as_uri()
    target = ox.NamedNode(staging.staged)
    before = count_triples(staging.store, target)
    try:
        where = Path(name) if payload is None else payload
        _bulk(staging.store, target, where, _FORMATS[fmt], base, size)
    except SyntaxError as exc:
        # the position, the kind of error, never the text (it may be a name: rdfio.syntax_error)
        position = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], tuple) else ()
        line, column = (position[1], position[2]) if len(position) > 2 else (exc.lineno, exc.offset)
        raise rdfio.syntax_error(name, fmt, str(exc.args[0] if exc.args else exc), line, column) from None
    except ValueError as exc:
        raise rdfio.syntax_error(name, fmt, str(exc), None, None) from None
    except OSError as exc:
        from referentiel.errors import StoreError

        raise StoreError.of(
            "the store refused the load ({why})", file=name, why=str(exc).splitlines()[0][:200]
        ) from None
    added = count_triples(staging.store, target) - before
    if replay is not None:
        replay.append((where, _FORMATS[fmt], base, size))
    return SourceFile(Path(name).name, digest, size, added)


def _checked_digest(path: Path) -> tuple[str, int]:
    """SHA-256 and size of a file read by blocks, with :func:`rdfio.read_bytes`'s refusals (missing,
    a directory, beyond the ``file`` limit, empty, binary) but never the whole file in memory."""
    name = str(path)
    if not path.exists():
        raise InputError.of("file not found", file=name, hint="check the path")
    if path.is_dir():
        raise InputError.of("is a directory, not a file", file=name)
    digest = hashlib.sha256()
    blank = True
    try:
        size = limits.check_file_size(path, name)
        with path.open("rb") as stream:
            first = True
            while block := stream.read(_BLOCK):
                if first and b"\x00" in block[:4096]:
                    raise InputError.of(
                        "this is a binary file, not RDF text",
                        file=name,
                        hint="export as Turtle, N-Triples, JSON-LD or RDF/XML (a spreadsheet goes through "
                        "`translate`)",
                    )
                first = False
                blank = blank and not block.strip()
                digest.update(block)
    except OSError as exc:
        raise InputError.of("cannot be read ({why})", file=name, why=exc.strerror) from None
    if blank:
        raise InputError.of("the file is empty", file=name, hint="export the data again")
    return digest.hexdigest(), size


def _bulk(
    store: ox.Store, graph: ox.NamedNode, source: Path | bytes, rdf_format: Any, base: str, size: int
) -> None:
    """Parse ``source`` into ``graph`` of ``store`` in Rust; named graphs of quad formats are merged
    into it (an export is one graph), blank nodes are renamed per file (an RDF merge)."""
    where = {"path": str(source)} if isinstance(source, Path) else {"input": source}
    if rdf_format in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
        # the loaders keep a quad's own graph: the quads are re-addressed on their way in
        quads = (
            ox.Quad(q.subject, q.predicate, q.object, graph)
            for q in ox.parse(format=rdf_format, base_iri=base, rename_blank_nodes=True, **where)
        )
        (store.extend if size < SMALL_FILE else store.bulk_extend)(quads)
    elif size < SMALL_FILE:
        store.load(format=rdf_format, base_iri=base, to_graph=graph, **where)
    else:
        store.bulk_load(format=rdf_format, base_iri=base, to_graph=graph, **where)


def validate_staging(
    staging: Staging, shapes: Any = None, replay: Sequence[Replay] = ()
) -> ValidationOutcome:
    """Validate the staged export, summarised for the metadata.

    The bundled shapes (and any shapes the SPARQL engine runs) run as SPARQL queries, with the
    bundled ontology in a context graph beside the export (never committed), as ``referentiel
    validate`` merges it; the privacy scan completes the results. An export of at most
    :data:`MEMORY_VALIDATION` statements is validated in an in-memory copy of the staged graph
    (its files parsed again in Rust, ``replay``): the engine's queries run ~7x faster there than
    on the on-disk store, and the copy costs less memory than RocksDB's caches
    (docs/performance.md); a larger one where it is staged, in bounded memory. Shapes that need
    the reference engine get the staged statements as a graph (Python API only).
    """
    from referentiel.validation import privacy_scan, privacy_written
    from referentiel.validation.api import choose_engine, load_shapes
    from referentiel.validation.sparql import validate_store

    shapes_graph, _ = load_shapes(shapes)
    engine, _notes = choose_engine(None, shapes_graph)
    if engine != "sparql":
        return run_validation(list(staging.staged_triples()), shapes)
    staged = ox.NamedNode(staging.staged)
    store = staging.store
    if replay and count_triples(store, staged) <= MEMORY_VALIDATION:
        store = _memory_copy(staged, replay)
    graphs = [staged]
    if shapes is None:
        context = ox.NamedNode(staging.context)
        _copy_context(staging.store, context, store)
        graphs.append(context)
    # a typed literal the store rewrote ("0472123456"^^xsd:integer) is scanned as the files write it
    written = (
        privacy_written.written_values((where, fmt, base) for where, fmt, base, _ in replay)
        if privacy_scan.applies(shapes_graph)
        else []
    )
    report = validate_store(
        store, graph=graphs, shapes=shapes_graph if shapes is not None else None, written=written
    )
    return ValidationOutcome.of(report)


def _memory_copy(graph: ox.NamedNode, replay: Sequence[Replay]) -> ox.Store:
    """An in-memory store holding ``graph`` again: its files parsed a second time, in Rust (blank
    nodes get other labels, which no result count depends on)."""
    copy = ox.Store()
    for where, rdf_format, base, size in replay:
        _bulk(copy, graph, where, rdf_format, base, size)
    return copy


def _copy_context(staging_store: ox.Store, context: ox.NamedNode, store: ox.Store) -> None:
    """The bundled ontology into the context graph of the store validated (and what validation
    context the staging area already holds, when validation runs in a copy)."""
    from referentiel.validation.api import ontology_ntriples

    store.load(ontology_ntriples(), format=ox.RdfFormat.N_TRIPLES, to_graph=context)
    if store is not staging_store:
        store.extend(staging_store.quads_for_pattern(None, None, None, context))
