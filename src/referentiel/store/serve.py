"""``referentiel serve``: the embedded store as a read-only SPARQL 1.1 Protocol endpoint.

Why our own small server rather than delegating to ``oxigraph serve-read-only``: that binary is a
separate install (the ``oxigraph`` package, only a test dependency here) and has a timeout but no
result-size limit. The standard library's ``ThreadingHTTPServer`` is enough for a read-only
endpoint (no extra dependency) and lets us enforce both limits.

Each query runs in a child process (multiprocessing "forkserver": safe with threads, cheap to start)
that opens the store read-only; on timeout the child is killed, which is the only way to really
cancel a running pyoxigraph query (a thread cannot be stopped). The store is opened read-only, so
``referentiel load`` must not run on the same directory while the server runs (RocksDB read-only
opening beside a writer is undefined behaviour); reload by stopping the server, loading, restarting.

Protocol: ``GET /sparql?query=...`` (also ``/query``), ``POST`` with
``application/x-www-form-urlencoded`` (``query=...``) or ``application/sparql-query``;
``default-graph-uri`` / ``named-graph-uri`` honoured, otherwise the default graph is the union of
all graphs (as for ``referentiel query``). Results by content negotiation: SPARQL JSON (default),
XML, CSV, TSV; graphs as Turtle (default) or N-Triples. Updates are refused with 403. Results longer
than ``max_results`` are cut and flagged with the ``X-SPARQL-MaxRows`` header (Virtuoso's convention)
and ``X-Referentiel-Truncated: true``.
"""

from __future__ import annotations

import multiprocessing
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from referentiel.errors import StoreError

SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
}
MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "nt": "application/n-triples",
}


def negotiate(accept: str | None, kind: str) -> str | None:
    """The result format for an ``Accept`` header and a result kind (``select``/``ask``/``graph``);
    None when nothing acceptable can be produced (406)."""
    table = GRAPH_TYPES if kind == "graph" else SELECT_TYPES
    default = "turtle" if kind == "graph" else "json"
    if not accept:
        return default
    choices = []
    for position, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        choices.append((-q, position, media))
    for neg_q, _, media in sorted(choices):
        if neg_q == 0:
            continue
        if media in table:
            return table[media]
        if media in ("*/*", "application/*", "text/*"):
            return default
    return None


def _execute(
    path: str,
    sparql: str,
    default_graphs: list[str],
    named_graphs: list[str],
    accept: str | None,
    limit: int,
    conn: Any,
) -> None:
    """Child process: run one query on the store opened read-only, send (status, payload...) back."""
    try:
        import pyoxigraph as ox

        from referentiel.store.sparql import QueryResult, serialise

        store = ox.Store.read_only(path)
        kwargs: dict[str, Any] = {}
        if default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        else:
            kwargs["use_default_graph_as_union"] = True
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        result = QueryResult.from_oxigraph(store.query(sparql, **kwargs), limit)
        fmt = negotiate(accept, result.kind)
        if fmt is None:
            conn.send(("406", result.kind))
            return
        truncated = len(result.rows) > limit or len(result.triples) > limit
        result.rows = result.rows[:limit]
        result.triples = result.triples[:limit]
        extra = (
            {"referentiel": {"truncated": True, "maxResults": limit}} if truncated and fmt == "json" else None
        )
        conn.send(("ok", serialise(result, fmt, extra).encode("utf-8"), MEDIA[fmt], truncated))
    except SyntaxError as exc:
        conn.send(("400", str(exc).splitlines()[0][:500]))
    except Exception as exc:  # noqa: BLE001 - reported as a 500 without data
        conn.send(("500", type(exc).__name__))
    finally:
        conn.close()


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server holding the endpoint's settings."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], store_path: Path, timeout: float, max_results: int) -> None:
        super().__init__(address, SparqlHandler)
        self.store_path = store_path
        self.query_timeout = timeout
        self.max_results = max_results
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(["pyoxigraph", "referentiel.store.sparql"])


class SparqlHandler(BaseHTTPRequestHandler):
    """SPARQL 1.1 Protocol, query operation only."""

    server: SparqlServer
    server_version = "referentiel-sparql"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        # The default log prints the request line, which holds the query: it may quote data. Log nothing.
        return

    # -- helpers
    def _send(
        self,
        status: int,
        body: bytes | str,
        media: str = "text/plain; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Vary", "Accept")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _refuse_update(self) -> None:
        self._send(
            HTTPStatus.FORBIDDEN,
            "This SPARQL endpoint is read-only: SPARQL Update is refused.\n"
            "Load data with `referentiel load` (stop the server first).\n",
        )

    def _route(self) -> str | None:
        path = urllib.parse.urlsplit(self.path).path.rstrip("/")
        if path in ("/sparql", "/query", ""):
            return "query"
        if path in ("/update", "/store", "/data"):
            return "update"
        return None

    # -- methods
    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        route = self._route()
        if route == "update":
            self._send(
                HTTPStatus.METHOD_NOT_ALLOWED,
                "Updates are not allowed on this read-only endpoint.\n",
                headers={"Allow": "GET, POST"},
            )
            return
        if route is None:
            self._send(HTTPStatus.NOT_FOUND, "Not found: the SPARQL endpoint is /sparql (or /query).\n")
            return
        params = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query, keep_blank_values=True)
        if "update" in params:
            self._refuse_update()
            return
        if "query" not in params:
            self._send(
                HTTPStatus.OK,
                "referentiel read-only SPARQL 1.1 endpoint.\n"
                "GET /sparql?query=... or POST a query (form or application/sparql-query).\n",
            )
            return
        self._answer(params)

    do_HEAD = do_GET  # noqa: N815 - stdlib naming

    def do_POST(self) -> None:  # noqa: N802 - stdlib naming
        route = self._route()
        if route is None:
            self._send(HTTPStatus.NOT_FOUND, "Not found: the SPARQL endpoint is /sparql (or /query).\n")
            return
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        if route == "update" or ctype == "application/sparql-update":
            self._refuse_update()
            return
        query_string = urllib.parse.urlsplit(self.path).query
        params = urllib.parse.parse_qs(query_string, keep_blank_values=True)
        if ctype == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            if "update" in form:
                self._refuse_update()
                return
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
        elif ctype == "application/sparql-query":
            params["query"] = [body.decode("utf-8", "replace")]
        else:
            self._send(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                "POST a query as application/x-www-form-urlencoded (query=...) "
                "or application/sparql-query.\n",
            )
            return
        if "query" not in params:
            self._send(HTTPStatus.BAD_REQUEST, "No query given (parameter `query`).\n")
            return
        self._answer(params)

    def _answer(self, params: dict[str, list[str]]) -> None:
        queries = params.get("query", [])
        if len(queries) != 1:
            self._send(HTTPStatus.BAD_REQUEST, "Give exactly one `query` parameter.\n")
            return
        server = self.server
        parent, child = server.context.Pipe(duplex=False)
        process = server.context.Process(
            target=_execute,
            args=(
                str(server.store_path),
                queries[0],
                params.get("default-graph-uri", []),
                params.get("named-graph-uri", []),
                self.headers.get("Accept"),
                server.max_results,
                child,
            ),
            daemon=True,
        )
        process.start()
        child.close()
        try:
            if not parent.poll(server.query_timeout):
                process.kill()
                process.join()
                self._send(
                    HTTPStatus.SERVICE_UNAVAILABLE,
                    f"The query was cancelled after {server.query_timeout:g} s (the server's --timeout).\n"
                    "Narrow it down (filters, LIMIT) or ask for a longer timeout.\n",
                )
                return
            message = parent.recv()
        except EOFError:
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, "The query process ended unexpectedly.\n")
            return
        finally:
            parent.close()
            process.join(timeout=5)
        status = message[0]
        if status == "ok":
            _, body, media, truncated = message
            headers = (
                {"X-SPARQL-MaxRows": str(server.max_results), "X-Referentiel-Truncated": "true"}
                if truncated
                else {}
            )
            self._send(HTTPStatus.OK, body, media, headers)
        elif status == "406":
            self._send(
                HTTPStatus.NOT_ACCEPTABLE,
                "None of the Accept media types can be produced for this query.\n"
                "Results: application/sparql-results+json, +xml, text/csv, text/tab-separated-values; "
                "graphs: text/turtle, application/n-triples.\n",
            )
        elif status == "400":
            if (
                "expected" in message[1]
                and message[1].lower().find("construct") >= 0
                and any(w in queries[0].upper() for w in ("INSERT", "DELETE", "DROP", "CLEAR", "LOAD"))
            ):
                self._refuse_update()
                return
            self._send(HTTPStatus.BAD_REQUEST, f"Malformed SPARQL query: {message[1]}\n")
        else:
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, f"The query failed ({message[1]}).\n")


def make_server(
    store_dir: str | Path | None,
    *,
    host: str = "127.0.0.1",
    port: int = 7879,
    timeout: float = 30.0,
    max_results: int = 10000,
) -> SparqlServer:
    """A ready (not yet serving) read-only SPARQL endpoint over the embedded store at ``store_dir``."""
    from referentiel.store.embedded import EmbeddedStore, default_store_path

    path = Path(store_dir) if store_dir else default_store_path()
    probe = EmbeddedStore(path, create=False, read_only=True)  # fails clearly when there is no store
    probe.close()
    try:
        return SparqlServer((host, port), path, timeout, max_results)
    except OSError as exc:
        raise StoreError(
            f"cannot listen on {host}:{port} ({exc.strerror})",
            hint="choose another --port, or stop the program using it",
        ) from None
