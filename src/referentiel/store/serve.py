"""``referentiel serve``: the harmonised store for researchers, over HTTP, read-only.

**By default researchers get aggregates only**: the research catalogue (``/catalogue``, one route
per query, ``GET /catalogue/NAME?param=value``), each answer under the same disclosure control as
``referentiel query`` (rows about fewer than ``--min-count`` families suppressed, dates coarsened to
quarters, family counts rounded, minima and maxima withheld; the JSON ``disclosure`` member says
what was done). Free SPARQL (``/sparql``, ``/query``: the SPARQL 1.1 Protocol) reaches family-level
pseudonymous records, so it is off unless the operator starts the server with
``--allow-free-queries``, which the start-up message names as a disclosure risk. Even then:

- ``SERVICE`` is refused before the engine sees the query (no outgoing request, ever:
  :func:`referentiel.store.serve_guard.uses_service`);
- at most ``max_results`` rows (or triples), no cell longer than ``max_cell`` characters (a
  ``GROUP_CONCAT`` folding many rows into one cell is refused, not cut) and no answer larger than
  ``max_response`` bytes;
- request bodies are bounded (``max_body``; a missing, malformed or negative ``Content-Length`` is a
  4xx, never a traceback), at most ``max_concurrent`` queries run at once (503 beyond), every query
  is cancelled after ``timeout`` seconds (503).

Listening beyond loopback requires a token (``REFERENTIEL_SERVE_TOKEN``), then asked of every request
as ``Authorization: Bearer TOKEN`` (on loopback too when set).

Why our own small server rather than ``oxigraph serve-read-only``: that binary is a separate
install, has no result-size limit and would run ``SERVICE``. The standard library's
``ThreadingHTTPServer`` is enough for a read-only endpoint. Each query runs in a child process
(multiprocessing "forkserver": safe with threads, cheap to start) that opens the store read-only; on
timeout the child is killed, the only way to really cancel a running pyoxigraph query. The server
holds the store's lock (``store/lock.py``) while it runs, so ``load``/``ingest`` into it are refused.

Protocol of ``/sparql``: ``GET /sparql?query=...`` (also ``/query``), ``POST`` with
``application/x-www-form-urlencoded`` (``query=...``) or ``application/sparql-query``;
``default-graph-uri`` / ``named-graph-uri`` honoured, otherwise the default graph is the union of
every graph but those being staged (docs/store.md, "Staging"). Results by content negotiation:
SPARQL JSON (default), XML, CSV, TSV; graphs as Turtle (default) or N-Triples. Updates are refused
with 403.
Results longer than ``max_results`` are cut and flagged with ``X-SPARQL-MaxRows`` (Virtuoso's
convention) and ``X-Referentiel-Truncated: true``.
"""

from __future__ import annotations

import hmac
import multiprocessing
import os
import threading
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from referentiel.errors import StoreError
from referentiel.store.lock import StoreLock
from referentiel.store.serve_guard import TOKEN_ENV, BadLength, content_length, is_loopback, uses_service
from referentiel.store.serve_work import Limits, execute, execute_catalogue, negotiate

__all__ = ["TOKEN_ENV", "Limits", "SparqlServer", "make_server", "negotiate"]

MIN_TOKEN_CHARS = 16


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server holding the endpoint's settings."""

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        store_path: Path,
        limits: Limits,
        *,
        allow_free_queries: bool,
        min_count: int,
        token: str | None,
    ) -> None:
        super().__init__(address, SparqlHandler)
        self.store_path = store_path
        self.limits = limits
        self.allow_free_queries = allow_free_queries
        self.min_count = min_count
        self.token = token
        self.slots = threading.BoundedSemaphore(limits.max_concurrent)
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(["pyoxigraph", "referentiel.store.sparql"])
        self.lock: StoreLock | None = None

    # Compatibility with callers reading the two historical settings.
    @property
    def query_timeout(self) -> float:
        return self.limits.timeout

    @property
    def max_results(self) -> int:
        return self.limits.max_results

    def server_close(self) -> None:
        super().server_close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None


class SparqlHandler(BaseHTTPRequestHandler):
    """The catalogue routes and, when allowed, the SPARQL 1.1 Protocol (query operation only)."""

    server: SparqlServer
    server_version = "referentiel-sparql"
    timeout = 60  # seconds a client may take to send its request (a stalled body frees its thread)

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

    def _authorised(self) -> bool:
        token = self.server.token
        if not token:
            return True
        given = self.headers.get("Authorization") or ""
        scheme, _, value = given.partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(value.strip().encode(), token.encode()):
            return True
        self._send(
            HTTPStatus.UNAUTHORIZED,
            "This endpoint needs a token: send `Authorization: Bearer TOKEN` (ask its operator).\n",
            headers={"WWW-Authenticate": 'Bearer realm="referentiel"'},
        )
        return False

    def _route(self) -> str | None:
        path = urllib.parse.urlsplit(self.path).path.rstrip("/")
        if path in ("/sparql", "/query"):
            return "query"
        if path == "":
            return "index"
        if path == "/catalogue":
            return "catalogue"
        if path.startswith("/catalogue/"):
            return "catalogue-query"
        if path in ("/update", "/store", "/data"):
            return "update"
        return None

    def _not_found(self) -> None:
        self._send(
            HTTPStatus.NOT_FOUND,
            "Not found: the research catalogue is at /catalogue"
            + (
                ", the SPARQL endpoint at /sparql (or /query).\n" if self.server.allow_free_queries else ".\n"
            ),
        )

    def _free_queries_off(self) -> None:
        self._send(
            HTTPStatus.FORBIDDEN,
            "Free SPARQL queries are off on this server: researchers get aggregates, through the research "
            "catalogue at /catalogue (GET /catalogue/NAME?param=value).\n"
            "Its operator may start it with --allow-free-queries, a disclosure risk: free queries reach "
            "family-level pseudonymous records.\n",
        )

    # -- methods
    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        if not self._authorised():
            return
        route = self._route()
        if route == "update":
            self._send(
                HTTPStatus.METHOD_NOT_ALLOWED,
                "Updates are not allowed on this read-only endpoint.\n",
                headers={"Allow": "GET, POST"},
            )
            return
        if route is None:
            self._not_found()
            return
        try:
            params = urllib.parse.parse_qs(
                urllib.parse.urlsplit(self.path).query,
                keep_blank_values=True,
                strict_parsing=False,
                errors="strict",
            )
        except (UnicodeDecodeError, ValueError):
            self._send(HTTPStatus.BAD_REQUEST, "Malformed query string (it must be UTF-8, URL-encoded).\n")
            return
        if route in ("index", "catalogue"):
            self._index()
            return
        if route == "catalogue-query":
            self._catalogue(params)
            return
        if not self.server.allow_free_queries:
            self._free_queries_off()
            return
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
        if not self._authorised():
            return
        route = self._route()
        if route is None:
            self._not_found()
            return
        try:
            length = content_length(self.headers.get_all("Content-Length") or [], self.server.limits.max_body)
        except BadLength as exc:
            self.close_connection = True  # the body, if any, is not read: the connection cannot go on
            self._send(exc.status, f"{exc.reason}.\n")
            return
        body = self.rfile.read(length) if length > 0 else b""
        if len(body) != length:
            self.close_connection = True
            self._send(HTTPStatus.BAD_REQUEST, "The request body is shorter than its Content-Length.\n")
            return
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if route == "update" or ctype == "application/sparql-update":
            self._refuse_update()
            return
        if route in ("index", "catalogue", "catalogue-query"):
            self._send(
                HTTPStatus.METHOD_NOT_ALLOWED,
                "The research catalogue is read with GET /catalogue/NAME?param=value.\n",
                headers={"Allow": "GET"},
            )
            return
        if not self.server.allow_free_queries:
            self._free_queries_off()
            return
        try:
            params = urllib.parse.parse_qs(
                urllib.parse.urlsplit(self.path).query, keep_blank_values=True, errors="strict"
            )
            if ctype == "application/x-www-form-urlencoded":
                form = urllib.parse.parse_qs(body.decode("utf-8"), keep_blank_values=True, errors="strict")
                if "update" in form:
                    self._refuse_update()
                    return
                for key, values in form.items():
                    params.setdefault(key, []).extend(values)
            elif ctype == "application/sparql-query":
                params["query"] = [body.decode("utf-8")]
            else:
                self._send(
                    HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                    "POST a query as application/x-www-form-urlencoded (query=...) "
                    "or application/sparql-query.\n",
                )
                return
        except (UnicodeDecodeError, ValueError):
            self._send(HTTPStatus.BAD_REQUEST, "Malformed request body (it must be UTF-8 text).\n")
            return
        if "query" not in params:
            self._send(HTTPStatus.BAD_REQUEST, "No query given (parameter `query`).\n")
            return
        self._answer(params)

    # -- the catalogue
    def _index(self) -> None:
        import json

        from referentiel.queries.catalogue import catalogue

        doc = {
            "catalogue": [
                {
                    "name": q.name,
                    "url": f"/catalogue/{q.name}",
                    "title": q.titles,
                    "parameters": [
                        {"name": p.name, "type": p.type, "default": p.default, "description": p.description}
                        for p in q.params
                    ],
                    "countColumns": q.count_columns,
                }
                for q in catalogue()
            ],
            "minCount": self.server.min_count,
            "freeQueries": self.server.allow_free_queries,
            "note": "GET /catalogue/NAME?PARAM=VALUE[&lang=fr|en|nl]; answers under disclosure control "
            "(see their `disclosure` member).",
        }
        self._send(HTTPStatus.OK, json.dumps(doc, ensure_ascii=False, indent=1) + "\n", "application/json")

    def _catalogue(self, params: dict[str, list[str]]) -> None:
        from referentiel.queries.catalogue import catalogue

        name = urllib.parse.urlsplit(self.path).path.rstrip("/")[len("/catalogue/") :]
        # Only the bundled catalogue's names: never a file path.
        if name not in {q.name for q in catalogue()}:
            self._send(HTTPStatus.NOT_FOUND, "No research query of that name: see GET /catalogue.\n")
            return
        if any(len(v) != 1 for v in params.values()):
            self._send(HTTPStatus.BAD_REQUEST, "Give each parameter once.\n")
            return
        values = {k: v[0] for k, v in params.items()}
        lang = values.pop("lang", "en")
        if lang not in ("fr", "en", "nl"):
            self._send(HTTPStatus.BAD_REQUEST, "lang is one of fr, en, nl.\n")
            return
        server = self.server
        args = (str(server.store_path), name, values, lang, server.min_count, self.headers.get("Accept"))
        self._spawn(execute_catalogue, args)

    # -- free queries
    def _answer(self, params: dict[str, list[str]]) -> None:
        queries = params.get("query", [])
        if len(queries) != 1:
            self._send(HTTPStatus.BAD_REQUEST, "Give exactly one `query` parameter.\n")
            return
        if uses_service(queries[0]):
            self._send(
                HTTPStatus.FORBIDDEN,
                "SERVICE is refused: this endpoint never sends a request to another server.\n",
            )
            return
        args = (
            str(self.server.store_path),
            queries[0],
            params.get("default-graph-uri", []),
            params.get("named-graph-uri", []),
            self.headers.get("Accept"),
        )
        message = self._spawn(execute, args)
        if message and message[0] == "400":
            if (
                "expected" in message[1]
                and message[1].lower().find("construct") >= 0
                and any(w in queries[0].upper() for w in ("INSERT", "DELETE", "DROP", "CLEAR", "LOAD"))
            ):
                self._refuse_update()
                return
            self._send(HTTPStatus.BAD_REQUEST, f"Malformed SPARQL query: {message[1]}\n")

    def _spawn(self, target: Any, args: tuple[Any, ...]) -> tuple[Any, ...] | None:
        """Run ``target(*args, limits, conn)`` in a child process within the limits and answer; return
        a "400" message for the caller to word, None otherwise."""
        server = self.server
        limits = server.limits
        if not server.slots.acquire(blocking=False):
            self._send(
                HTTPStatus.SERVICE_UNAVAILABLE,
                f"The server is already running {limits.max_concurrent} queries (its --max-concurrent): "
                "try again in a moment.\n",
                headers={"Retry-After": "2"},
            )
            return None
        # The slot is given back before the answer goes out: a client that reads the answer and asks
        # again at once must find it free.
        refusal: tuple[HTTPStatus, str] | None = None
        try:
            parent, child = server.context.Pipe(duplex=False)
            process = server.context.Process(target=target, args=(*args, limits, child), daemon=True)
            process.start()
            child.close()
            try:
                if not parent.poll(limits.timeout):
                    process.kill()
                    process.join()
                    refusal = (
                        HTTPStatus.SERVICE_UNAVAILABLE,
                        f"The query was cancelled after {limits.timeout:g} s (the server's --timeout).\n"
                        "Narrow it down (filters, LIMIT) or ask for a longer timeout.\n",
                    )
                else:
                    message = parent.recv()
            except EOFError:
                refusal = (HTTPStatus.INTERNAL_SERVER_ERROR, "The query process ended unexpectedly.\n")
            finally:
                parent.close()
                process.join(timeout=5)
        finally:
            server.slots.release()
        if refusal is not None:
            self._send(*refusal)
            return None
        return self._reply(message)

    def _reply(self, message: tuple[Any, ...]) -> tuple[Any, ...] | None:
        status = message[0]
        if status == "ok":
            _, body, media, truncated, note = message
            headers = (
                {"X-SPARQL-MaxRows": str(self.server.max_results), "X-Referentiel-Truncated": "true"}
                if truncated
                else {}
            )
            if note:
                headers["X-Referentiel-Disclosure"] = note
            self._send(HTTPStatus.OK, body, media, headers)
        elif status == "406":
            self._send(
                HTTPStatus.NOT_ACCEPTABLE,
                "None of the Accept media types can be produced for this query.\n"
                "Results: application/sparql-results+json, +xml, text/csv, text/tab-separated-values; "
                "graphs: text/turtle, application/n-triples.\n",
            )
        elif status == "422":
            self._send(HTTPStatus.UNPROCESSABLE_ENTITY, f"The answer is refused: {message[1]}.\n")
        elif status == "400":
            if self.path.startswith("/catalogue/"):
                self._send(HTTPStatus.BAD_REQUEST, f"{message[1]}\n")
                return None
            return message
        else:
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, f"The query failed ({message[1]}).\n")
        return None


def make_server(
    store_dir: str | Path | None,
    *,
    host: str = "127.0.0.1",
    port: int = 7879,
    timeout: float = 30.0,
    max_results: int = 10000,
    allow_free_queries: bool = False,
    min_count: int = 5,
    token: str | None = None,
    max_cell: int = Limits.max_cell,
    max_response: int = Limits.max_response,
    max_body: int = Limits.max_body,
    max_concurrent: int = Limits.max_concurrent,
) -> SparqlServer:
    """A ready (not yet serving) endpoint over the embedded store at ``store_dir``, holding its lock.

    ``token`` defaults to ``$REFERENTIEL_SERVE_TOKEN``; listening on a non-loopback ``host`` without
    one is refused (:class:`StoreError`). ``min_count`` (at least 2) is the catalogue's k.
    """
    from referentiel.store.embedded import EmbeddedStore, default_store_path

    token = token if token is not None else os.environ.get(TOKEN_ENV) or None
    if min_count < 2:
        raise StoreError.of(
            "--min-count must be at least 2 on a server",
            hint="the default is 5 families; exact answers (--min-count 1) are for `referentiel query`",
        )
    if token is not None and len(token) < MIN_TOKEN_CHARS:
        raise StoreError.of(
            "the token is too short (fewer than {n} characters)",
            hint='set {env} to a long random secret (e.g. `python -c "import secrets; '
            'print(secrets.token_urlsafe(32))"`) and give it to the researchers, who send it as '
            "`Authorization: Bearer TOKEN`; or listen on 127.0.0.1 only",
            n=MIN_TOKEN_CHARS,
            env=TOKEN_ENV,
        )
    if token is None and not is_loopback(host):
        raise StoreError.of(
            "refusing to listen on {host} without a token: anyone who can reach this machine could query "
            "the store",
            hint='set {env} to a long random secret (e.g. `python -c "import secrets; '
            'print(secrets.token_urlsafe(32))"`) and give it to the researchers, who send it as '
            "`Authorization: Bearer TOKEN`; or listen on 127.0.0.1 only",
            host=host,
            env=TOKEN_ENV,
        )
    path = Path(store_dir) if store_dir else default_store_path()
    if not path.exists():
        EmbeddedStore(path, create=False, read_only=True)  # fails clearly when there is no store
    # The lock first: a read-only open beside a writer can meet index files the writer is replacing.
    lock = StoreLock(path, "serve", shared=True).acquire()
    try:
        probe = EmbeddedStore(path, create=False, read_only=True)
        probe.close()
    except BaseException:
        lock.release()
        raise
    limits = Limits(timeout, max_results, max_cell, max_response, max_body, max_concurrent)
    try:
        server = SparqlServer(
            (host, port),
            path,
            limits,
            allow_free_queries=allow_free_queries,
            min_count=min_count,
            token=token,
        )
    except OSError as exc:
        lock.release()
        raise StoreError.of(
            "cannot listen on {host}:{port} ({why})",
            hint="choose another --port, or stop the program using it",
            host=host,
            port=port,
            why=exc.strerror,
        ) from None
    server.lock = lock
    return server
