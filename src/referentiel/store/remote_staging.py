"""Writing an export to a SPARQL server: uploaded into a staging graph no query sees, then committed.

Queries through :class:`~referentiel.store.remote.RemoteStore` see the registered graphs only (those
registered in the metadata graph are passed as ``default-graph-uri`` / ``named-graph-uri``), so an
export can be uploaded in pieces without anyone seeing half of it:

1. a marker ``<staged> a refstore:Staging`` (with its time) goes into the metadata graph;
2. the N-Triples are uploaded into the staged graph in chunks with the SPARQL 1.1 Graph Store
   HTTP Protocol (``POST store?graph=...``: Oxigraph ``/store``, Virtuoso ``/sparql-graph-crud``),
   or, when the server has none, with chunks of ``INSERT DATA``: no request holds the whole export
   (Virtuoso refuses updates whose generated SQL exceeds 10,000 lines, a few thousand triples);
3. ONE update commits it: the old description deleted, the data put in place (a new graph was staged
   under its own name: nothing to move; a reload was staged beside it and is copied over it), the
   marker deleted and the new description inserted, in that order.

Oxigraph and Fuseki apply an update request atomically. Virtuoso applies the operations of a request
one after the other and keeps those done when a later one fails; the order above then leaves the
export unregistered (invisible), never half visible, and the next load of it starts by dropping it.
Staged graphs whose load died are dropped by the next load on that server once their marker is a
day old (another client may be staging right now).
"""

from __future__ import annotations

import secrets
import tempfile
import urllib.parse
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pyoxigraph as ox

from referentiel.store.base import METADATA_GRAPH, GraphWrite, _delete_metadata, now
from referentiel.store.staging import STAGING_BASE, STAGING_CLASS

CHUNK = 100_000  # triples per upload request
STALE = timedelta(days=1)
_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_CREATED = "<http://purl.org/dc/terms/created>"
_META = f"<{METADATA_GRAPH}>"


def chunks(staging: Any, size: int = CHUNK) -> Iterator[bytes]:
    """The staged export as N-Triples documents of at most ``size`` triples each.

    The store writes the graph as N-Triples itself (in Rust, into a temporary file beside the
    scratch store), and the documents are cut from it at line ends (one statement a line): no
    statement becomes a Python object, and one document is in memory at a time.
    """
    with tempfile.TemporaryFile(prefix="referentiel-upload-") as spool:
        # from the in-memory twin when the export was validated there (the scratch store may be empty)
        store = staging.validated_store
        store.dump(spool, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(staging.staged))
        spool.seek(0)
        batch: list[bytes] = []
        for line in spool:
            batch.append(line)
            if len(batch) >= size:
                yield b"".join(batch)
                batch = []
        if batch:
            yield b"".join(batch)


def store_url(remote: Any) -> str:
    """The server's Graph Store Protocol URL: configured, else guessed from the server and the URL."""
    if remote.endpoint.store_url:
        return remote.endpoint.store_url
    parts = urllib.parse.urlsplit(remote.endpoint.query_url)
    if remote.virtuoso:
        # beside /sparql-auth (Digest) its authenticated twin, else the anonymous one
        crud = "/sparql-graph-crud-auth" if parts.path.endswith("-auth") else "/sparql-graph-crud"
        return urllib.parse.urlunsplit((parts.scheme, parts.netloc, crud, "", ""))
    return remote.endpoint.query_url.rsplit("/", 1)[0] + "/store"


def write_staged(
    remote: Any, graph: str, documents: Iterable[bytes], metadata: list[ox.Triple]
) -> GraphWrite:
    """Upload ``documents`` (N-Triples) as the new content of ``graph`` and commit them with
    ``metadata`` as its description (see the module's docstring)."""
    held = any(g.iri == graph for g in remote.graphs())
    staged = f"{STAGING_BASE}{secrets.token_hex(8)}" if held else graph
    drop_stale(remote)
    remote._update(
        f"DROP SILENT GRAPH <{staged}> ;\n"
        f"INSERT DATA {{ GRAPH {_META} {{ <{staged}> {_RDF_TYPE} {STAGING_CLASS} ; "
        f'{_CREATED} "{now()}"^^<http://www.w3.org/2001/XMLSchema#dateTime> }} }}'
    )
    try:
        for document in documents:
            upload(remote, staged, document)
        parts = _delete_metadata(graph)
        if held:
            parts += [
                f"DROP SILENT GRAPH <{graph}> ;\n",
                f"INSERT {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} "
                f"WHERE {{ GRAPH <{staged}> {{ ?s ?p ?o }} }} ;\n",
                f"DROP SILENT GRAPH <{staged}> ;\n",
            ]
        parts.append(f"DELETE WHERE {{ GRAPH {_META} {{ <{staged}> ?p ?o }} }} ;\n")
        described = "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in metadata)
        parts.append(f"INSERT DATA {{ GRAPH {_META} {{\n{described}}} }}\n")
        remote._update("".join(parts))
    except BaseException:
        _drop(remote, staged)
        raise
    return GraphWrite("replace" if held else "insert")


def upload(remote: Any, graph: str, document: bytes) -> None:
    """Add N-Triples to ``graph`` on the server (Graph Store Protocol, else ``INSERT DATA``)."""
    from referentiel.errors import StoreError

    if getattr(remote, "_gsp", True):
        url = store_url(remote) + "?" + urllib.parse.urlencode({"graph": graph})
        try:
            remote._post(url, document, "application/n-triples", "*/*")
            return
        except StoreError as exc:
            if getattr(exc, "http_status", None) not in (400, 404, 405, 415, 501):
                raise
            remote._gsp = False  # no Graph Store Protocol there: SPARQL Update from now on
    remote._update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{document.decode('utf-8')}}} }}")


def drop_stale(remote: Any) -> None:
    """Drop the staged graphs whose marker is more than a day old (their load died)."""
    result = remote._raw(
        f"SELECT ?g ?t WHERE {{ GRAPH {_META} {{ ?g {_RDF_TYPE} {STAGING_CLASS} ; {_CREATED} ?t }} }}", None
    )
    limit = datetime.now(UTC) - STALE
    for g, t in result.rows:
        try:
            created = datetime.fromisoformat(t.value.replace("Z", "+00:00"))
        except (AttributeError, ValueError):
            continue
        if created < limit:
            _drop(remote, g.value)


def _drop(remote: Any, staged: str) -> None:
    """Drop a staged graph and its marker, unless it was registered meanwhile."""
    from referentiel.errors import StoreError

    try:
        if any(g.iri == staged for g in remote.graphs()):
            return
        remote._update(
            f"DROP SILENT GRAPH <{staged}> ;\nDELETE WHERE {{ GRAPH {_META} {{ <{staged}> ?p ?o }} }}"
        )
    except StoreError:
        pass  # the server is gone: the marker lets the next load drop it
