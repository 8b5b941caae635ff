"""Staging: an export written at bulk speed where no query sees it, then made visible in one step.

A graph being staged is marked ``<graph> a refstore:Staging`` in the metadata graph; the dataset of
every query on the embedded store (``referentiel query``, ``graphs``, the catalogue, ``referentiel
serve``) is every graph but the marked ones (:func:`query_dataset`). On a server the dataset is the
graphs registered in the metadata graph (``default-graph-uri`` / ``named-graph-uri``), which a staged
graph is not yet.

That makes Oxigraph's bulk loader usable although it is not transactional (``Store.bulk_load`` and
``bulk_extend`` write and ingest index files as they go: a crash half-way leaves part of the data):

1. :meth:`Staging.open` records the marker (one ``extend``, a transaction) before anything else;
2. the export is bulk-loaded into the staged graph (:class:`BulkSink`, in chunks: bounded memory);
3. it is validated there (:func:`referentiel.intake.adapters.validate_staged`);
4. :meth:`referentiel.store.base.Store.commit` makes it visible in ONE transaction: for a graph the
   store does not hold yet, the export was staged under its final name and the commit is one small
   SPARQL update (marker deleted, description inserted); for a reload, the export was staged beside
   the current graph and one update writes the difference between the two inside the store;
5. a refused export is dropped (:meth:`Staging.discard`: emptied in bounded updates, marker last).

A process killed at any moment leaves at most a marked graph: invisible, and dropped by
:func:`recover` the next time the store is opened for writing.

**In-memory twin.** A sink may also feed the same chunks into an in-memory pyoxigraph store
(:attr:`Staging.memory`, up to ``memory`` statements), where validation runs: the engine's queries
run several times faster there than on the on-disk store (docs/performance.md). With ``defer``
the on-disk staged graph is not written while the translation runs: :meth:`Staging.persist`
writes it from the twin just before the commit, so an export that is refused never touches the
disk. An export that outgrows the limit spills: the twin is written to the staged graph (when
deferred) and dropped, and the export is staged and validated on disk as without it. The
guarantees above do not change: the staged graph is marked before anything is written to it.
"""

from __future__ import annotations

import contextlib
import secrets
import shutil
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from referentiel.store.base import GRAPH_BASE, METADATA_GRAPH, RDF_TYPE, STORE_NS

STAGING_CLASS = ox.NamedNode(STORE_NS + "Staging")
SMALL = 10_000  # fewer statements than this are written with the ordinary loader, not the bulk one
STAGING_BASE = GRAPH_BASE + "staging/"
_DATASET = ox.NamedNode("http://www.w3.org/ns/dcat#Dataset")
_META = ox.NamedNode(METADATA_GRAPH)


def registered_graphs(store: ox.Store) -> set[ox.NamedNode]:
    """The graphs described in the metadata graph (loaded exports and the ontology)."""
    return {
        quad.subject
        for quad in store.quads_for_pattern(None, RDF_TYPE, _DATASET, _META)
        if isinstance(quad.subject, ox.NamedNode)
    }


def query_dataset(store: ox.Store) -> dict[str, Any]:
    """The dataset of a query on ``store`` (keyword arguments of ``Store.query``): every graph but
    those being staged. With nothing staged (no load running, nothing left by a crash) it is
    Oxigraph's union default graph, its fastest path."""
    staged = set(staged_graphs(store))
    if not staged:
        return {"use_default_graph_as_union": True}
    graphs = [g for g in store.named_graphs() if g not in staged]
    return {"default_graph": [ox.DefaultGraph(), *graphs], "named_graphs": graphs}


def staged_graphs(store: ox.Store) -> list[ox.NamedNode]:
    """Graphs marked as staging in the metadata graph (left by a load that did not finish)."""
    return [
        quad.subject
        for quad in store.quads_for_pattern(None, RDF_TYPE, STAGING_CLASS, _META)
        if isinstance(quad.subject, ox.NamedNode)
    ]


def recover(store: ox.Store) -> list[str]:
    """Drop every staged graph (:func:`empty_graph`), then its marker; the names of the graphs dropped.

    A graph registered in the metadata graph is never dropped here (only its stray marker removed):
    a commit deletes the marker in the transaction that registers the graph, so this cannot happen
    unless someone edited the metadata by hand.
    """
    registered = registered_graphs(store)
    dropped = []
    for graph in staged_graphs(store):
        if graph not in registered:
            empty_graph(store, graph)
            dropped.append(graph.value)
        store.update(f"DELETE DATA {{ GRAPH {_META} {{ {graph} {RDF_TYPE} {STAGING_CLASS} }} }}")
    return dropped


def empty_graph(store: ox.Store, graph: ox.NamedNode, batch: int = 50_000) -> None:
    """Delete the statements of a staged (invisible) graph, ``batch`` per update.

    ``DROP GRAPH`` is one transaction, which Oxigraph holds in memory whole: dropping a refused
    export of 10,000 families took ~1 GiB and longer than these batches (docs/performance.md).
    The graph is invisible until its marker goes, which its caller deletes last: a process killed
    half-way leaves a marked, partly emptied graph, emptied at the next open (:func:`recover`).
    """
    update = (
        f"DELETE {{ GRAPH {graph} {{ ?s ?p ?o }} }} "
        f"WHERE {{ SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }} LIMIT {batch} }}"
    )
    while next(iter(store.quads_for_pattern(None, None, None, graph)), None) is not None:
        store.update(update)
        # each deletion is a tombstone in RocksDB's in-memory tables until they are flushed:
        # without this, emptying the exports of 10,000 families still peaked at 1.27 GiB (0.70 with)
        store.flush()
    store.update(f"DROP SILENT GRAPH {graph}")  # its name: cheap once it is empty


class BulkSink:
    """Where a translation's triples go: N-Triples chunks bulk-loaded into one graph of a store.

    ``append`` takes N-Triples lines (what the translator makes) or ``(subject, predicate, object)``
    tuples of rdflib terms; every ``chunk`` triples they are handed to ``Store.bulk_load`` and
    released, so the memory held does not grow with the export. Duplicates are harmless (a graph is
    a set).

    The store loads a chunk in a background thread while the translation makes the next one
    (pyoxigraph releases the GIL while it loads: on two cores the load costs almost no wall time
    of its own, docs/performance.md). One load at most is in flight, and the chunks are loaded in
    order; :meth:`finish` loads the last one and waits. A load's error is raised in the caller's
    thread, at the next :meth:`append` that hands over a chunk or at :meth:`finish`.
    """

    def __init__(
        self, staging: Staging, chunk: int = 200_000, *, memory: int = 0, defer: bool = False
    ) -> None:
        # the staging area, not its store: closing it must release the store (its lock) for good
        self.staging = staging
        self.graph = ox.NamedNode(staging.staged)
        self.chunk = chunk
        self.buffer: list[Any] = []
        self.written = 0
        self.memory_limit = memory
        self._loading: threading.Thread | None = None
        self._twin: threading.Thread | None = None
        self._error: BaseException | None = None
        if memory > 0 and staging.memory is None and not staging.sinks:
            staging.memory = ox.Store()
            staging.deferred = defer
        staging.sinks.append(self)

    def append(self, triple: Any) -> None:
        """Add one triple (flushed to the store in chunks)."""
        self.buffer.append(triple)
        if len(self.buffer) >= self.chunk:
            self.flush()

    def extend(self, triples: Iterable[Any]) -> None:
        """Add several triples."""
        for triple in triples:
            self.append(triple)

    def flush(self) -> None:
        """Hand what is buffered to the store (loaded in the background: :meth:`wait` for it)."""
        if not self.buffer:
            return
        lines, self.buffer = self.buffer, []
        try:
            # The translator makes lines: joining them is all there is to do (the store drops
            # duplicates itself). Anything else (rdflib terms) is written as lines first.
            data = "".join(lines).encode("utf-8")
        except TypeError:
            from referentiel.translation.emit import _ntriples

            data = _ntriples(lines)
        self.written += len(lines)
        del lines
        self.wait()  # one load in flight at most: bounded memory, chunks loaded in order
        staging = self.staging
        staging.count = None
        if staging.memory is not None and self.written > self.memory_limit:
            staging.spill()  # too large for the memory goal: staged and validated on disk
        if staging.memory is not None:
            # the twin is loaded on a thread of its own, beside the on-disk load (both release the GIL)
            self._twin = threading.Thread(
                target=self._load, args=(staging.memory, data, False), name="referentiel-staging-twin"
            )
            self._twin.start()
        if not staging.deferred:
            # The bulk loader writes and ingests index files at every call (~0.5 s on a loaded
            # 2-core machine): a small piece is faster through the ordinary loader.
            bulk = self.written >= SMALL
            self._loading = threading.Thread(
                target=self._load, args=(staging.store, data, bulk), name="referentiel-staging-load"
            )
            self._loading.start()

    def _load(self, store: ox.Store, data: bytes, bulk: bool) -> None:
        try:
            load = store.bulk_load if bulk else store.load
            load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=self.graph)
        except BaseException as exc:  # raised in the caller's thread by ``wait``
            self._error = exc

    def wait(self) -> None:
        """Wait for the loads in flight, if any; raise their error."""
        for attribute in ("_loading", "_twin"):
            thread = getattr(self, attribute)
            if thread is not None:
                thread.join()  # (an interrupted join leaves it in flight: waited for again)
                setattr(self, attribute, None)
        error, self._error = self._error, None
        if isinstance(error, SyntaxError):  # a bug of ours, not of the user's data: say so
            raise RuntimeError(f"the translator produced invalid N-Triples ({error})") from None
        if error is not None:
            raise error

    def finish(self) -> int:
        """Load what is left and wait for it; the distinct triples staged."""
        self.flush()
        self.wait()
        return self.staging.triples()

    def __len__(self) -> int:
        """Distinct triples written (:meth:`finish`; counted once in the store, then remembered)."""
        return self.finish()


def count_triples(store: ox.Store, graph: ox.NamedNode) -> int:
    """Number of triples in ``graph``."""
    result = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
    return int(next(iter(result))["n"].value)


@dataclass
class Staging:
    """An export being staged for graph ``graph``: its triples are in ``staged`` of ``store``.

    ``store`` is the embedded store itself, or, for a server, a scratch pyoxigraph store on disk
    (``scratch``, deleted by :meth:`close`). ``context`` is a second staged graph holding what
    validation may know beyond the export (never committed).
    """

    store: ox.Store
    graph: str
    staged: str
    context: str
    scratch: Path | None = None
    closed: bool = False
    sinks: list[BulkSink] = field(default_factory=list, repr=False)
    count: int | None = field(default=None, repr=False)
    """The distinct triples staged, once counted (forgotten at the next write)."""
    memory: ox.Store | None = field(default=None, repr=False)
    """The in-memory twin of the staged export and its context (validated there), if any."""
    deferred: bool = False
    """True while the staged graph on disk is left unwritten (the twin holds the export)."""

    @classmethod
    def open(cls, store: ox.Store, graph: str, *, beside: bool, scratch: Path | None = None) -> Staging:
        """Mark the graphs to stage into (``beside``: a new graph next to ``graph``, which exists)."""
        token = secrets.token_hex(8)
        staged = f"{STAGING_BASE}{token}" if beside else graph
        context = f"{STAGING_BASE}{token}-context"
        store.extend([ox.Quad(ox.NamedNode(g), RDF_TYPE, STAGING_CLASS, _META) for g in (staged, context)])
        return cls(store, graph, staged, context, scratch)

    @classmethod
    def scratch_store(cls, graph: str) -> Staging:
        """A staging area in a new scratch store on disk (for a server: validated here, then sent)."""
        folder = Path(tempfile.mkdtemp(prefix="referentiel-staging-"))
        return cls.open(ox.Store(str(folder)), graph, beside=False, scratch=folder)

    def sink(self, chunk: int = 200_000, *, memory: int = 0, defer: bool = False) -> BulkSink:
        """A sink writing the export into the staged graph; with ``memory`` (statements), into an
        in-memory twin as well while the export is no larger, and with ``defer`` into the twin only
        until :meth:`persist` (see the module's docstring)."""
        return BulkSink(self, chunk, memory=memory, defer=defer)

    @property
    def validated_store(self) -> ox.Store:
        """Where the export is whole and validation runs: the in-memory twin, else the store."""
        return self.memory if self.memory is not None else self.store

    def spill(self) -> None:
        """Give the twin up: the export is staged (and will be validated) on disk from now on."""
        self.wait()
        self.persist()
        self.memory = None

    def persist(self, chunk: int = 200_000) -> None:
        """Write the twin's export into the staged graph on disk, if that was deferred.

        The twin writes it as N-Triples into a temporary file (in Rust), read back ``chunk`` lines
        at a time into the bulk loader, as the translation's chunks are: bounded memory (one bulk
        load of the whole file holds far more).
        """
        self.wait()
        if not self.deferred or self.memory is None:
            self.deferred = False
            return
        graph = ox.NamedNode(self.staged)
        with tempfile.TemporaryFile(prefix="referentiel-staging-") as spool:
            self.memory.dump(spool, format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
            total = spool.tell()
            spool.seek(0)
            bulk = total > SMALL * 100  # about SMALL statements of ~100 bytes: the bulk loader pays
            batch: list[bytes] = []
            for line in spool:
                batch.append(line)
                if len(batch) >= chunk:
                    self._write(b"".join(batch), graph, bulk)
                    batch = []
            if batch:
                self._write(b"".join(batch), graph, bulk)
        self.deferred = False

    def _write(self, data: bytes, graph: ox.NamedNode, bulk: bool) -> None:
        load = self.store.bulk_load if bulk else self.store.load
        load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)

    def load_file(self, path: Path, rdf_format: ox.RdfFormat = ox.RdfFormat.N_TRIPLES) -> None:
        """Bulk-load an RDF file of ours (triples) into the staged graph, parsed in Rust."""
        self.count = None
        self.store.bulk_load(path=str(path), format=rdf_format, to_graph=ox.NamedNode(self.staged))

    def add_context(self, triples: Iterable[ox.Triple]) -> None:
        """Put validation context (never loaded) into the context graph (of the store validated)."""
        g = ox.NamedNode(self.context)
        self.validated_store.extend(ox.Quad(*t, g) for t in triples)

    def triples(self) -> int:
        """Distinct triples staged (what the sinks have handed over; counted once: a COUNT of a
        large graph takes seconds)."""
        self.wait()
        if self.count is None:
            self.count = count_triples(self.validated_store, ox.NamedNode(self.staged))
        return self.count

    def wait(self) -> None:
        """Wait for the sinks' loads in flight; raise their errors."""
        for sink in self.sinks:
            sink.wait()

    def ntriples(self) -> str:
        """The staged export and its context as N-Triples text (read back from the store)."""
        self.wait()
        store = self.validated_store
        return b"".join(
            store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(g))
            for g in (self.staged, self.context)
        ).decode("utf-8")

    def staged_triples(self) -> Iterable[ox.Triple]:
        """The staged export's triples."""
        self.wait()
        store = self.validated_store
        return (q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(self.staged)))

    def discard(self) -> None:
        """Drop what was staged (export and context), then the markers (:meth:`drop`); then close.

        Nothing happens once the staging area is closed (committed: the graph is no longer staged).
        """
        if self.closed:
            return
        # a load still running would write into the graph after it is dropped: wait for it
        self._settle()
        with contextlib.suppress(OSError, RuntimeError):
            self.drop(export=True)
        self.close()

    def _settle(self) -> None:
        """Wait for every load in flight, whatever it ends with (the staging area is given up)."""
        for sink in self.sinks:
            with contextlib.suppress(Exception):
                sink.wait()

    def drop(self, *, export: bool) -> None:
        """Empty the context graph (and the staged export with ``export``), then delete their markers."""
        graphs = [self.context] + ([self.staged] if export else [])
        for g in graphs:
            empty_graph(self.store, ox.NamedNode(g))
        marks = " ".join(f"<{g}> {RDF_TYPE} {STAGING_CLASS} ." for g in graphs)
        self.store.update(f"DELETE DATA {{ GRAPH {_META} {{ {marks} }} }}")

    def close(self) -> None:
        """End the staging (a scratch store is deleted with its folder)."""
        if self.closed:
            return
        self._settle()
        self.closed = True
        del self.store
        self.memory = None
        if self.scratch is not None:
            folder, self.scratch = self.scratch, None
            shutil.rmtree(folder, ignore_errors=True)
