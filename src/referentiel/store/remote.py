"""A remote SPARQL 1.1 server as the store (Oxigraph, Apache Jena Fuseki, GraphDB, Virtuoso, ...).

Only the standard SPARQL 1.1 Protocol is used: queries are POSTed form-encoded with
``default-graph-uri`` / ``named-graph-uri`` naming the loaded graphs (so every server sees the same
dataset without server-side "union default graph" settings), and a load is ONE SPARQL Update
request, which Oxigraph and Fuseki apply atomically (see docs/store.md for other servers).

The stdlib ``urllib`` is used (no extra dependency). Credentials come from the environment
(``REFERENTIEL_ENDPOINT_USER`` and ``REFERENTIEL_ENDPOINT_PASSWORD``, or the password's file named
by ``REFERENTIEL_ENDPOINT_PASSWORD_FILE``; or ``REFERENTIEL_ENDPOINT_TOKEN`` for a bearer token),
never from the command line, and never appear in errors: messages show the server's URL without
user information. A user and password answer the server's challenge, HTTP Digest (Virtuoso's
``/sparql-auth``) or Basic (a reverse proxy, Fuseki, GraphDB).
"""

from __future__ import annotations

import http.client
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from referentiel.errors import ConfigError, StoreError
from referentiel.store.base import METADATA_GRAPH, GraphWrite, Store
from referentiel.store.remote_errors import http_error, network_error, not_sparql
from referentiel.store.sparql import QueryResult

DEFAULT_TIMEOUT = 300.0
TIMEOUT_ENV = "REFERENTIEL_ENDPOINT_TIMEOUT"


@dataclass
class Endpoint:
    """Where and how to reach a SPARQL 1.1 server.

    ``query_url`` answers queries, ``update_url`` takes SPARQL Update requests. With
    ``union_default_graph`` the server is trusted to query all its graphs by default (no
    ``default-graph-uri`` is sent).
    """

    query_url: str
    update_url: str | None = None
    user: str | None = field(default=None, repr=False)
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)
    union_default_graph: bool = False
    #: seconds without an answer after which a request fails (``--endpoint-timeout``,
    #: ``REFERENTIEL_ENDPOINT_TIMEOUT``); generous: committing a large export may keep a server busy
    timeout: float = DEFAULT_TIMEOUT
    #: SPARQL 1.1 Graph Store Protocol URL (bulk upload of a staged export); guessed when None
    store_url: str | None = None
    #: the update URL was guessed from the query URL (not configured): a Virtuoso server's is its
    #: query URL, used instead once the server is known
    update_guessed: bool = False

    @classmethod
    def from_url(
        cls, url: str, *, update_url: str | None = None, env: dict[str, str] | None = None
    ) -> Endpoint:
        """An endpoint from a URL (and the environment for credentials and overrides).

        ``http://host:7878`` (Oxigraph) -> ``/query`` and ``/update``; ``http://host:3030/ds``
        (Fuseki) -> ``/ds/query`` and ``/ds/update``; a URL ending in ``/query`` or ``/sparql`` is
        the query URL and ``/update`` beside it the update URL. ``REFERENTIEL_ENDPOINT_UPDATE``
        overrides the update URL (GraphDB: ``.../repositories/REPO/statements``); a Virtuoso server
        (recognised by its ``Server`` header) takes updates at its query URL (``.../sparql``).
        ``REFERENTIEL_ENDPOINT_STORE`` sets the Graph Store Protocol URL used to upload exports.
        """
        env = dict(os.environ) if env is None else env
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ConfigError.of(
                "the endpoint is not an http(s) URL", hint="give --endpoint http://host:port/path"
            )
        if parsed.username or parsed.password:
            raise ConfigError.of(
                "the endpoint URL contains credentials; they would leak into shell history and logs",
                hint="remove user:password@ from the URL and set REFERENTIEL_ENDPOINT_USER and "
                "REFERENTIEL_ENDPOINT_PASSWORD (or REFERENTIEL_ENDPOINT_TOKEN) in the environment",
            )
        base = url.rstrip("/")
        if base.endswith(("/query", "/sparql", "/sparql-auth")):
            query_url = base
            guessed_update = base.rsplit("/", 1)[0] + "/update"
        else:
            query_url, guessed_update = base + "/query", base + "/update"
        return cls(
            query_url=query_url,
            update_url=update_url or env.get("REFERENTIEL_ENDPOINT_UPDATE") or guessed_update,
            user=env.get("REFERENTIEL_ENDPOINT_USER") or None,
            password=env.get("REFERENTIEL_ENDPOINT_PASSWORD") or _password_file(env),
            token=env.get("REFERENTIEL_ENDPOINT_TOKEN") or None,
            union_default_graph=env.get("REFERENTIEL_ENDPOINT_UNION", "").lower() in ("1", "true", "yes"),
            store_url=env.get("REFERENTIEL_ENDPOINT_STORE") or None,
            timeout=timeout_from(env.get(TIMEOUT_ENV)),
            update_guessed=not (update_url or env.get("REFERENTIEL_ENDPOINT_UPDATE")),
        )

    def public(self, url: str | None = None) -> str:
        """A URL safe to print (no query string, no user information)."""
        parts = urllib.parse.urlsplit(url or self.query_url)
        host = parts.hostname or ""
        if parts.port:
            host += f":{parts.port}"
        return urllib.parse.urlunsplit((parts.scheme, host, parts.path, "", ""))


def timeout_from(text: str | None) -> float:
    """The request timeout from its setting (seconds, > 0); the default when unset."""
    if not text:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds <= 86400:
        raise ConfigError.of(
            "the endpoint timeout must be a number of seconds between 0 and 86400, not {value!r}",
            hint="give --endpoint-timeout 300 (or REFERENTIEL_ENDPOINT_TIMEOUT=300)",
            value=text[:40],
        )
    return seconds


def _password_file(env: dict[str, str]) -> str | None:
    """The password in the file ``REFERENTIEL_ENDPOINT_PASSWORD_FILE`` names (its first line), if set
    (a secret mounted by Docker, systemd or Kubernetes: never on a command line)."""
    name = env.get("REFERENTIEL_ENDPOINT_PASSWORD_FILE")
    if not name:
        return None
    try:
        with open(name, encoding="utf-8") as handle:
            return handle.readline().rstrip("\r\n") or None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError.of(
            "cannot read the password file named by REFERENTIEL_ENDPOINT_PASSWORD_FILE ({why})",
            file=name,
            hint="give a readable UTF-8 file holding the password on its first line",
            why=getattr(exc, "strerror", None) or type(exc).__name__,
        ) from None


def _opener(endpoint: Endpoint) -> urllib.request.OpenerDirector:
    """An HTTP opener answering the server's Digest or Basic challenge with the endpoint's credentials
    (Basic is then sent up front to that server: one round trip per request, not two)."""
    if not endpoint.user or endpoint.token:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithPriorAuth()
    for url in (endpoint.query_url, endpoint.update_url, endpoint.store_url):
        if url:
            parts = urllib.parse.urlsplit(url)
            passwords.add_password(
                None, f"{parts.scheme}://{parts.netloc}/", endpoint.user, endpoint.password or ""
            )
    return urllib.request.build_opener(
        urllib.request.HTTPDigestAuthHandler(passwords), urllib.request.HTTPBasicAuthHandler(passwords)
    )


class RemoteStore(Store):
    """The store on a SPARQL 1.1 server."""

    def __init__(self, endpoint: Endpoint | str) -> None:
        self.endpoint = Endpoint.from_url(endpoint) if isinstance(endpoint, str) else endpoint
        self.location = self.endpoint.public()
        self.server: str | None = None  # the server's ``Server`` header, once it has answered
        self._opener = _opener(self.endpoint)

    @property
    def virtuoso(self) -> bool:
        """Whether the server is OpenLink Virtuoso (its dialect differences: docs/store.md)."""
        if self.server is None:
            self._raw("ASK {}", None)
        return "virtuoso" in (self.server or "").lower()

    def stage(self, graph: str) -> Any:
        """A scratch staging area on disk (:meth:`Store.stage`), once the server has answered: a
        server that is down, refuses the credentials or is not a SPARQL endpoint is said before
        the files are read and validated, not after."""
        self._raw("ASK {}", None)
        return super().stage(graph)

    def _replace_graph(self, graph: str, data: list[ox.Triple], metadata: list[ox.Triple]) -> GraphWrite:
        """Stage ``data`` on the server, then make it ``graph`` with ONE update (:mod:`.remote_staging`)."""
        from referentiel.store.remote_staging import CHUNK, write_staged

        documents = (
            ox.serialize(data[i : i + CHUNK], format=ox.RdfFormat.N_TRIPLES)
            for i in range(0, len(data), CHUNK)
        )
        return write_staged(self, graph, documents, metadata)

    def _commit_staged(self, staging: Any, metadata: list[ox.Triple]) -> GraphWrite:
        """The export staged locally (validated there) sent to a staging graph, then committed."""
        from referentiel.store.remote_staging import chunks, write_staged

        return write_staged(self, staging.graph, chunks(staging), metadata)

    # -- HTTP
    def _headers(self) -> dict[str, str]:
        headers = {"User-Agent": "referentiel"}
        if self.endpoint.token:
            headers["Authorization"] = "Bearer " + self.endpoint.token
        return headers

    def _post(self, url: str, body: bytes, content_type: str, accept: str) -> tuple[str, bytes]:
        headers = self._headers() | {"Content-Type": content_type, "Accept": accept}
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        where = self.endpoint.public(url)
        try:
            with self._opener.open(request, timeout=self.endpoint.timeout) as response:
                self.server = response.headers.get("Server", "")
                return response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as exc:
            raise http_error(exc, where, self.endpoint) from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            # refused, unknown host, no answer in time, TLS, a connection cut (remote_errors.py)
            raise network_error(exc, where, self.endpoint.timeout) from None

    def _update(self, update: str) -> None:
        if not self.endpoint.update_url:
            raise ConfigError.of("no update URL for this endpoint", hint="set REFERENTIEL_ENDPOINT_UPDATE")
        url = self.endpoint.update_url
        if self.endpoint.update_guessed and self.virtuoso:
            url = self.endpoint.query_url  # Virtuoso takes updates at /sparql
        self._post(
            url,
            update.encode("utf-8"),
            "application/sparql-update; charset=utf-8",
            "*/*",
        )

    def _dataset(self) -> list[str]:
        """The graphs the queries see: every graph registered in the metadata graph, and that graph."""
        res = self._raw(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH <{METADATA_GRAPH}> "
            "{ ?g a <http://www.w3.org/ns/dcat#Dataset> } }",
            [],
        )
        return [row[0].value for row in res.rows] + [METADATA_GRAPH]

    def _raw(self, sparql: str, graphs: list[str] | None) -> QueryResult:
        form: list[tuple[str, str]] = [("query", sparql)]
        if graphs is not None:
            form += [("default-graph-uri", g) for g in graphs] + [("named-graph-uri", g) for g in graphs]
        ctype, body = self._post(
            self.endpoint.query_url,
            urllib.parse.urlencode(form).encode("ascii"),
            "application/x-www-form-urlencoded",
            "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8",
        )
        media = ctype.split(";")[0].strip().lower()
        try:
            if media in ("application/sparql-results+json", "application/json"):
                return QueryResult.from_oxigraph(
                    ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
                )
            if media in ("application/sparql-results+xml", "application/xml"):
                return QueryResult.from_oxigraph(
                    ox.parse_query_results(body, format=ox.QueryResultsFormat.XML)
                )
            # text/plain is N-Triples to Oxigraph, but what a server says in it is rarely RDF
            fmt = ox.RdfFormat.from_media_type(media) if media not in ("", "text/plain") else None
            if fmt is None:  # a login page, a proxy's error page, plain text...
                raise not_sparql(media, body, self.endpoint.public(), self.endpoint)
            return QueryResult(
                "graph",
                triples=[ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, format=fmt)],
            )
        except (SyntaxError, ValueError) as exc:
            raise StoreError.of(
                "the server's answer could not be read ({why})",
                file=self.endpoint.public(),
                hint="check that --endpoint is a SPARQL 1.1 endpoint; see the server's log",
                why=str(exc)[:200],
            ) from None

    def _query(self, sparql: str, union: bool, limit: int | None = None) -> QueryResult:
        if not union:
            return self._raw(sparql, None)
        graphs = None if self.endpoint.union_default_graph else self._dataset()
        result = self._raw(sparql, graphs)
        if limit is not None:
            result.rows = result.rows[: limit + 1]
            result.triples = result.triples[: limit + 1]
        return result
