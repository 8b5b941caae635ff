"""The embedded store: pyoxigraph (RocksDB) in a local directory, nothing to install or run."""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from referentiel.errors import StoreError
from referentiel.store.base import (
    METADATA_GRAPH,
    GraphWrite,
    Store,
    _delete_metadata,
    check_graph_name,
    diff_graph_update,
    metadata_node_base,
    replace_graph_update,
)
from referentiel.store.lock import StoreLock
from referentiel.store.sparql import QueryResult
from referentiel.store.staging import (
    RDF_TYPE,
    SMALL,
    STAGING_CLASS,
    Staging,
    count_triples,
    query_dataset,
    recover,
)

DEFAULT_STORE_DIR = ".referentiel-store"


def default_store_path() -> Path:
    """``$REFERENTIEL_STORE``, else ``./.referentiel-store``."""
    return Path(os.environ.get("REFERENTIEL_STORE") or DEFAULT_STORE_DIR)


def _create_store(path: Path) -> None:
    """A new, empty Oxigraph database at ``path``, made whole or not at all.

    RocksDB writes a new database's files one by one: a process killed meanwhile (Ctrl-C is
    handled, SIGKILL or a power cut are not) left a directory that no later open could read
    ("Column family not found") and that `load` then refused as "not a store". The database is
    therefore made in a hidden sibling directory and renamed into place, which is atomic; a
    leftover sibling of a dead process is removed by the next creation.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    prefix = f".{path.name}.creating-"
    for leftover in path.parent.glob(prefix + "*"):
        pid = leftover.name.removeprefix(prefix)
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)
    scratch = path.parent / f"{prefix}{os.getpid()}"
    shutil.rmtree(scratch, ignore_errors=True)
    # Owner-only whatever the umask: the store holds family-level pseudonymous records.
    scratch.mkdir(mode=0o700)
    try:
        database = ox.Store(str(scratch))
        database.flush()
        del database  # closes RocksDB
        try:
            # onto a missing or an empty directory (checked by the caller): both atomic on POSIX
            os.replace(scratch, path)
        except OSError:
            if not path.is_dir():
                raise
            # an empty directory that cannot be replaced (a mount point): made in place, as before
            shutil.rmtree(scratch, ignore_errors=True)
            database = ox.Store(str(path))
            del database
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class EmbeddedStore(Store):
    """A pyoxigraph store on disk (or in memory when ``path`` is None and ``memory`` is True)."""

    #: A reload is written as a difference only while the statements it deletes and inserts number
    #: at most ``diff_limit`` times the new export's; beyond, the full replacement is cheaper
    #: (``DROP`` empties a graph faster than ``DELETE DATA`` deletes its statements one by one:
    #: docs/performance.md). Deleting and inserting a statement each cost about as much as
    #: inserting one anew, so at 1.0 a difference never writes more than the replacement would.
    diff_limit: float = 1.0

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        create: bool = True,
        read_only: bool = False,
        memory: bool = False,
    ) -> None:
        self.path = None if memory else Path(path) if path else default_store_path()
        self.read_only = read_only
        self.location = str(self.path) if self.path else "(in memory)"
        if self.path is not None:
            if self.path.exists() and not self.path.is_dir():
                raise StoreError.of(
                    "the store location is a file, not a directory",
                    file=str(self.path),
                    hint="give --store a directory",
                )
            if self.path.is_dir() and not (self.path / "CURRENT").exists() and any(self.path.iterdir()):
                # An Oxigraph (RocksDB) store always has a CURRENT file; writing its database
                # files among a user's own files would be hard to undo.
                raise StoreError.of(
                    "this directory is not empty and holds no referentiel store",
                    file=str(self.path),
                    hint="give --store a new or empty directory, or the directory of an existing store",
                )
            if not create and not self.path.exists():
                raise StoreError.of(
                    "no store here yet",
                    file=str(self.path),
                    hint="load data first with `referentiel load FILE...`, or give --store DIR",
                )
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                if not (self.path / "CURRENT").exists():
                    _create_store(self.path)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            text = str(exc)
            if "lock" in text.lower():
                raise StoreError.of(
                    "the store is in use by another process",
                    file=str(self.path),
                    hint="wait for the other `referentiel` command (a load, or `referentiel serve`) to end",
                ) from None
            raise StoreError.of(
                "cannot open the store ({why})",
                file=str(self.path),
                hint="check the directory and its permissions",
                why=text.splitlines()[0][:200],
            ) from None
        self._lock: StoreLock | None = None
        if self.path is not None and not read_only:
            # After RocksDB's own lock: two writers are told apart by RocksDB, a writer beside
            # `serve` (which RocksDB would let in) by this lock (store/lock.py).
            try:
                self._lock = StoreLock(self.path, "load/ingest").acquire()
            except StoreError:
                del self._store
                raise
        if not read_only:
            # What a load killed half-way left: invisible to queries, dropped now (docs/store.md).
            self.recovered = self._write(lambda: recover(self._store), "cleanup")

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store (advanced use)."""
        return self._store

    def _update(self, update: str) -> None:
        try:
            self._store.update(update)
        except SyntaxError as exc:
            raise StoreError.of("invalid SPARQL update ({why})", why=str(exc)[:200]) from None
        except (OSError, RuntimeError) as exc:
            # pyoxigraph raises RuntimeError when an operation fails while the update runs (e.g.
            # CREATE GRAPH of an existing graph); the whole update is then rolled back.
            raise StoreError.of(
                "the store refused the update ({why})", file=self.location, why=str(exc)[:200]
            ) from None

    def _replace_graph(self, graph: str, data: list[ox.Triple], metadata: list[ox.Triple]) -> GraphWrite:
        """Replace ``graph`` and its description in ONE pyoxigraph transaction, the fast way.

        - a graph the store has never held (the usual first load of an export): ONE
          ``Store.extend`` call with the data quads and the metadata quads. pyoxigraph documents
          ``extend`` as transactional ("either the full operation succeeds, or nothing is written"),
          and it skips building and parsing an ``INSERT DATA`` text (loads 1.2-1.8x faster);
        - a graph already there (reloading an export, usually 95-100 % unchanged): its current
          statements are read and compared with the new ones (sets of pyoxigraph terms), and ONE
          SPARQL update deletes the statements that disappeared (``DELETE DATA``), inserts the new
          ones and replaces the metadata as the full replacement does. pyoxigraph 0.5 has no
          transaction object (``remove`` and ``add`` are one transaction per quad), so one
          ``update`` is the only way to delete and insert all or nothing;
        - the same reload when either version holds a blank node (not allowed in ``DELETE DATA``,
          and its label differs at every parse), or when the difference is larger than
          :attr:`diff_limit` allows (another export in the graph's place): the ONE
          full-replacement update a server receives (``DROP SILENT GRAPH``, metadata deleted,
          ``INSERT DATA``).

        Statements are compared as the store keeps them: Oxigraph stores some literals in canonical
        form (``"01"^^xsd:integer`` as ``"1"``, ``"1.0"^^xsd:decimal`` as ``"1"``), so a statement written
        otherwise in the export is deleted and inserted again at every reload (the graph ends
        right; only the write is larger).

        Reading the graph and writing the difference are two steps, but the embedded store's
        directory is locked by this process (RocksDB) and a load runs them back to back, so
        nothing else can write in between.

        ``bulk_extend`` / ``bulk_load`` are not used: they are not transactional (see
        docs/performance.md for the measurements and why a staging scheme was not adopted).
        """
        g = ox.NamedNode(graph)
        if not self._holds(graph):
            staging = self._write(lambda: Staging.open(self._store, graph, beside=False), "load")
            try:
                self._bulk([ox.Quad(*t, g) for t in data])
                self._update(_commit_new(staging, metadata))
            except BaseException:
                staging.discard()
                raise
            return GraphWrite("insert", 0, len(data))
        current = self._plain_graph(g) if all(map(_plain, data)) else None
        if current is None:
            self._update(replace_graph_update(graph, data, metadata))
            return GraphWrite("replace")
        new = set(data)
        removed = [t for t in current if t not in new]
        added = [t for t in data if t not in current]
        if len(removed) + len(added) > self.diff_limit * len(data):
            self._update(replace_graph_update(graph, data, metadata))
            return GraphWrite("replace")
        self._update(diff_graph_update(graph, removed, added, metadata))
        return GraphWrite("diff", len(removed), len(added))

    def _plain_graph(self, graph: ox.NamedNode) -> set[ox.Triple] | None:
        """The statements of ``graph``, or None as soon as one holds a blank node (or a triple term)."""
        current: set[ox.Triple] = set()
        for quad in self._store.quads_for_pattern(None, None, None, graph):
            triple = quad.triple
            if not _plain(triple):
                return None
            current.add(triple)
        return current

    def _holds(self, graph: str) -> bool:
        """Whether the store has any quad in ``graph`` or any metadata about it (then a load must
        delete before it inserts)."""
        store, g, meta = self._store, ox.NamedNode(graph), ox.NamedNode(METADATA_GRAPH)
        if next(iter(store.quads_for_pattern(None, None, None, g)), None) is not None:
            return True
        if next(iter(store.quads_for_pattern(g, None, None, meta)), None) is not None:
            return True
        # The nodes describing a load (load, validation, sources...) are removed with the graph's
        # description; check the fixed ones anyway so that a stray node can never survive a load.
        node_base = metadata_node_base(graph)
        return any(
            next(iter(store.quads_for_pattern(ox.NamedNode(node_base + name), None, None, meta)), None)
            is not None
            for name in ("load", "validation", "source-1", "source-1-checksum", "profile", "mapping-set")
        )

    def _bulk(self, quads: list[ox.Quad]) -> None:
        """Add quads with the bulk loader (not a transaction: only into a staged graph)."""
        write = self._store.bulk_extend if len(quads) >= SMALL else self._store.extend
        self._write(lambda: write(quads), "load")

    def _write(self, action: Any, what: str) -> Any:
        """Run ``action``; ``what`` (``load`` or ``cleanup``) names it in the error if the store refuses."""
        try:
            return action()
        except (OSError, RuntimeError) as exc:
            raise StoreError.of(
                "the store refused the cleanup ({why})"
                if what == "cleanup"
                else "the store refused the load ({why})",
                file=self.location,
                why=str(exc)[:200],
            ) from None

    def stage(self, graph: str) -> Staging:
        """Stage in this store: under ``graph`` itself when the store does not hold it yet (nothing to
        replace: the commit only registers it), else in a staging graph beside it."""
        check_graph_name(graph)
        beside = self._holds(graph)
        return self._write(lambda: Staging.open(self._store, graph, beside=beside), "load")

    def _commit_staged(self, staging: Staging, metadata: list[ox.Triple]) -> GraphWrite:
        """ONE update: a new graph is registered; a reload writes the difference inside the store.

        A reload is the full replacement instead (``DROP`` of the old graph, the staged one copied)
        when either version holds a blank node (its label differs at every load: the difference
        would rewrite all of them anyway) or when the difference is larger than :attr:`diff_limit`
        allows, as :meth:`_replace_graph` decides for a graph given in memory. The counts come from
        the store (the directory is locked by this process: nothing changes them before the update).
        """
        staging.persist()  # an export validated in memory only is written to its staged graph now
        if staging.staged == staging.graph:
            self._update(_commit_new(staging, metadata))
            return GraphWrite("insert")
        graph, staged = ox.NamedNode(staging.graph), ox.NamedNode(staging.staged)
        removed, added, new = self._difference(graph, staged)
        if self._blank(graph) or self._blank(staged) or removed + added > self.diff_limit * new:
            parts = [f"DROP SILENT GRAPH {graph} ;\n", *_delete_metadata(staging.graph)]
            parts += [
                f"INSERT {{ GRAPH {graph} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {staged} {{ ?s ?p ?o }} }} ;\n",
                f"DROP SILENT GRAPH {staged} ;\n",
                _commit_new(staging, metadata),
            ]
            self._update("".join(parts))
            return GraphWrite("replace")
        parts = _delete_metadata(staging.graph)
        parts += [
            f"DELETE {{ GRAPH {graph} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH {staged} {{ ?s ?p ?o }} }} }} ;\n",
            f"INSERT {{ GRAPH {graph} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {staged} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH {graph} {{ ?s ?p ?o }} }} }} ;\n",
            f"DROP SILENT GRAPH {staged} ;\n",
            _commit_new(staging, metadata),
        ]
        self._update("".join(parts))
        return GraphWrite("diff", removed, added)

    def _difference(self, graph: ox.NamedNode, staged: ox.NamedNode) -> tuple[int, int, int]:
        """Statements of ``graph`` not in ``staged``, of ``staged`` not in ``graph``, and in ``staged``."""
        row = next(
            iter(
                self._store.query(
                    "SELECT (COUNT(*) AS ?common) WHERE "
                    f"{{ GRAPH {staged} {{ ?s ?p ?o }} GRAPH {graph} {{ ?s ?p ?o }} }}"
                )
            )
        )
        common = int(row["common"].value)
        old, new = count_triples(self._store, graph), count_triples(self._store, staged)
        return old - common, new - common, new

    def _blank(self, graph: ox.NamedNode) -> bool:
        """Whether ``graph`` holds a blank node (as subject or object)."""
        return bool(
            self._store.query(f"ASK {{ GRAPH {graph} {{ ?s ?p ?o FILTER (isBlank(?s) || isBlank(?o)) }} }}")
        )

    def _query(self, sparql: str, union: bool, limit: int | None = None) -> QueryResult:
        try:
            if union:
                # Every graph but those being staged (docs/store.md, "Staging").
                result = self._store.query(sparql, **query_dataset(self._store))
            else:
                result = self._store.query(sparql)
            return QueryResult.from_oxigraph(result, limit)
        except SyntaxError as exc:
            from referentiel.errors import ConfigError

            raise ConfigError.of(
                "invalid SPARQL query ({why})",
                hint="check the query syntax (SPARQL 1.1)",
                why=str(exc).splitlines()[0][:300],
            ) from None
        except OSError as exc:
            raise StoreError.of("the query failed ({why})", file=self.location, why=str(exc)[:200]) from None

    def close(self) -> None:
        """Flush and release the store directory."""
        store = getattr(self, "_store", None)
        if store is not None:
            if self.path is not None and not self.read_only:
                with contextlib.suppress(OSError, RuntimeError):
                    store.flush()
            del self._store
        lock = getattr(self, "_lock", None)
        if lock is not None:
            lock.release()
            self._lock = None


_PLAIN_OBJECTS = (ox.NamedNode, ox.Literal)


def _plain(triple: ox.Triple) -> bool:
    """Whether a statement can be written in ``DELETE DATA``: IRIs and literals only."""
    return type(triple.subject) is ox.NamedNode and type(triple.object) in _PLAIN_OBJECTS


def _commit_new(staging: Staging, metadata: list[ox.Triple]) -> str:
    """The update making a graph staged under its own name visible: the context graph dropped, the
    staging markers deleted and the graph's description inserted, in one request."""
    meta = ox.NamedNode(METADATA_GRAPH)
    marks = "".join(
        f"{ox.NamedNode(g)} {RDF_TYPE} {STAGING_CLASS} .\n" for g in (staging.staged, staging.context)
    )
    described = "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in metadata)
    return (
        f"DROP SILENT GRAPH {ox.NamedNode(staging.context)} ;\n"
        f"DELETE DATA {{ GRAPH {meta} {{\n{marks}}} }} ;\n"
        f"INSERT DATA {{ GRAPH {meta} {{\n{described}}} }}\n"
    )
