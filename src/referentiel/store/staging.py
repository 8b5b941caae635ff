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
5. a refused export is dropped (:meth:`Staging.discard`).

A process killed at any moment leaves at most a marked graph: invisible, and dropped by
:func:`recover` the next time the store is opened for writing.
"""

from __future__ import annotations

import contextlib
import secrets
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
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
    """Drop every staged graph and its marker (one update each); the names of the graphs dropped.

    A graph registered in the metadata graph is never dropped here (only its stray marker removed):
    a commit deletes the marker in the transaction that registers the graph, so this cannot happen
    unless someone edited the metadata by hand.
    """
    registered = registered_graphs(store)
    dropped = []
    for graph in staged_graphs(store):
        drop = "" if graph in registered else f"DROP SILENT GRAPH {graph} ;\n"
        store.update(f"{drop}DELETE DATA {{ GRAPH {_META} {{ {graph} {RDF_TYPE} {STAGING_CLASS} }} }}")
        if drop:
            dropped.append(graph.value)
    return dropped


class BulkSink:
    """Where a translation's triples go: N-Triples chunks bulk-loaded into one graph of a store.

    ``append`` takes ``(subject, predicate, object)`` tuples of rdflib terms (what the translator
    makes); every ``chunk`` triples they are written as N-Triples and handed to
    ``Store.bulk_load``, and the tuples are released, so the memory held does not grow with the
    export. Duplicates are harmless (a graph is a set).
    """

    def __init__(self, staging: Staging, chunk: int = 200_000) -> None:
        # the staging area, not its store: closing it must release the store (its lock) for good
        self.staging = staging
        self.graph = ox.NamedNode(staging.staged)
        self.chunk = chunk
        self.buffer: list[tuple[Any, Any, Any]] = []
        self.written = 0

    def append(self, triple: tuple[Any, Any, Any]) -> None:
        """Add one triple (flushed to the store in chunks)."""
        self.buffer.append(triple)
        if len(self.buffer) >= self.chunk:
            self.flush()

    def extend(self, triples: Iterable[tuple[Any, Any, Any]]) -> None:
        """Add several triples."""
        for triple in triples:
            self.append(triple)

    def flush(self) -> None:
        """Write what is buffered."""
        if not self.buffer:
            return
        from referentiel.translation.translator import _ntriples

        data = _ntriples(self.buffer)
        self.written += len(self.buffer)
        self.buffer = []
        try:
            # The bulk loader writes and ingests index files at every call (~0.5 s on a loaded
            # 2-core machine): a small piece is faster through the ordinary loader.
            load = self.staging.store.bulk_load if self.written >= SMALL else self.staging.store.load
            load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=self.graph)
        except SyntaxError as exc:  # a bug of ours, not of the user's data: say so
            raise RuntimeError(f"the translator produced invalid N-Triples ({exc})") from None

    def __len__(self) -> int:
        """Distinct triples written so far (counted in the store)."""
        self.flush()
        return count_triples(self.staging.store, self.graph)


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

    def sink(self, chunk: int = 200_000) -> BulkSink:
        """A sink writing the export into the staged graph."""
        return BulkSink(self, chunk)

    def load_file(self, path: Path, rdf_format: ox.RdfFormat = ox.RdfFormat.N_TRIPLES) -> None:
        """Bulk-load an RDF file of ours (triples) into the staged graph, parsed in Rust."""
        self.store.bulk_load(path=str(path), format=rdf_format, to_graph=ox.NamedNode(self.staged))

    def add_context(self, triples: Iterable[ox.Triple]) -> None:
        """Put validation context (never loaded) into the context graph."""
        g = ox.NamedNode(self.context)
        self.store.extend(ox.Quad(*t, g) for t in triples)

    def triples(self) -> int:
        """Distinct triples staged."""
        return count_triples(self.store, ox.NamedNode(self.staged))

    def ntriples(self) -> str:
        """The staged export and its context as N-Triples text (read back from the store)."""
        return b"".join(
            self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(g))
            for g in (self.staged, self.context)
        ).decode("utf-8")

    def staged_triples(self) -> Iterable[ox.Triple]:
        """The staged export's triples."""
        return (q.triple for q in self.store.quads_for_pattern(None, None, None, ox.NamedNode(self.staged)))

    def discard(self) -> None:
        """Drop what was staged (export and context) and the markers, in one update; then close.

        Nothing happens once the staging area is closed (committed: the graph is no longer staged).
        """
        if self.closed:
            return
        with contextlib.suppress(OSError, RuntimeError):
            self.drop(export=True)
        self.close()

    def drop(self, *, export: bool) -> None:
        """Drop the context graph (and the staged export with ``export``) with their markers."""
        graphs = [self.context] + ([self.staged] if export else [])
        ops = [f"DROP SILENT GRAPH <{g}>" for g in graphs]
        marks = " ".join(f"<{g}> {RDF_TYPE} {STAGING_CLASS} ." for g in graphs)
        ops.append(f"DELETE DATA {{ GRAPH {_META} {{ {marks} }} }}")
        self.store.update(" ;\n".join(ops))

    def close(self) -> None:
        """End the staging (a scratch store is deleted with its folder)."""
        if self.closed:
            return
        self.closed = True
        del self.store
        if self.scratch is not None:
            folder, self.scratch = self.scratch, None
            shutil.rmtree(folder, ignore_errors=True)
