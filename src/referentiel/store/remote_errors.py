"""What went wrong talking to a SPARQL server, said so that a person can fix it.

Every failure of an HTTP exchange with a server becomes a :class:`~referentiel.errors.StoreError`
naming the URL (without user information or query string), what happened and what to do: nothing
listening (connection refused), unknown host, no answer in time, a TLS certificate that cannot be
verified, a connection cut, an HTTP error status (401, 403, 404, 405, 413, 429, 500, 502, 503,
504...), and an answer that is not SPARQL (a login page, a proxy's error page). The server's own
words are quoted only as one short line of text: tags removed, personal data scrubbed
(:func:`referentiel.privacy.scrub`), and the endpoint's password, token and user never shown.
"""

from __future__ import annotations

import html
import http.client
import re
import socket
import ssl
import urllib.error
from typing import Any

from referentiel.errors import StoreError

_TAG = re.compile(r"<[^>]*>")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_SPACE = re.compile(r"\s+")


def _status(code: int, credentials: bool, where: str, detail: str) -> StoreError:
    """The error for an HTTP error status (templates written out: the catalogue test reads them)."""
    args: dict[str, Any] = {"file": where, "status": code, "detail": detail}
    if code == 401 and credentials:
        return StoreError.of(
            "the server refused the credentials (HTTP 401{detail})",
            hint="check REFERENTIEL_ENDPOINT_USER / REFERENTIEL_ENDPOINT_PASSWORD (or "
            "REFERENTIEL_ENDPOINT_TOKEN) and the server's access rights",
            **args,
        )
    if code == 401:
        return StoreError.of(
            "the server asks for credentials (HTTP 401{detail})",
            hint="set REFERENTIEL_ENDPOINT_USER and REFERENTIEL_ENDPOINT_PASSWORD (or "
            "REFERENTIEL_ENDPOINT_TOKEN) in the environment",
            **args,
        )
    if code == 403:
        return StoreError.of(
            "the server refused access (HTTP 403{detail})",
            hint="the account needs the right to query, and to update for load and ingest (Virtuoso: the "
            "SPARQL_UPDATE role); ask the server's administrator, or check REFERENTIEL_ENDPOINT_USER / "
            "REFERENTIEL_ENDPOINT_TOKEN",
            **args,
        )
    if code in (404, 410):
        return StoreError.of(
            "nothing at this URL (HTTP {status}{detail})",
            hint=(
                "check the URL: Fuseki uses /DATASET/query and /DATASET/update, Oxigraph /query and /update, "
                "GraphDB /repositories/REPO and .../statements (REFERENTIEL_ENDPOINT_UPDATE)"
            ),
            **args,
        )
    if code == 405:
        return StoreError.of(
            "this URL does not take this request (HTTP 405{detail})",
            hint=(
                "check the URL: Fuseki uses /DATASET/query and /DATASET/update, Oxigraph /query and /update, "
                "GraphDB /repositories/REPO and .../statements (REFERENTIEL_ENDPOINT_UPDATE)"
            ),
            **args,
        )
    if code == 413:
        return StoreError.of(
            "the server refused a request as too large (HTTP 413{detail})",
            hint="raise the request size limit of the server or of the proxy in front of it (nginx: "
            "client_max_body_size)",
            **args,
        )
    if code == 429:
        return StoreError.of(
            "the server asks to slow down (HTTP 429{detail})", hint="try again later", **args
        )
    if code in (502, 504):
        return StoreError.of(
            "a proxy in front of the SPARQL server got no answer from it (HTTP {status}{detail})",
            hint="check that the SPARQL server behind the proxy is running; try again later",
            **args,
        )
    if code == 503:
        return StoreError.of(
            "the server is unavailable or overloaded (HTTP 503{detail})",
            hint="try again later; if it lasts, check the server and its log",
            **args,
        )
    if code >= 500:
        return StoreError.of(
            "the server failed on the request (HTTP {status}{detail})", hint="see the server's log", **args
        )
    return StoreError.of("the server answered HTTP {status}{detail}", hint="see the server's log", **args)


def http_error(exc: urllib.error.HTTPError, where: str, endpoint: Any) -> StoreError:
    """The error for an HTTP error status (``http_status`` set on it, for callers that fall back)."""
    try:
        body = exc.read(4096)
    except (OSError, http.client.HTTPException):
        body = b""
    detail = summary(body, exc.headers.get("Content-Type", "") if exc.headers else "", endpoint)
    error = _status(exc.code, bool(endpoint.user or endpoint.token), where, f": {detail}" if detail else "")
    error.http_status = exc.code  # type: ignore[attr-defined]
    return error


def network_error(exc: BaseException, where: str, timeout: float) -> StoreError:
    """The error for a failure below HTTP: refused, unknown host, timeout, TLS, connection cut."""
    reason = getattr(exc, "reason", exc) if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, TimeoutError | socket.timeout):
        return StoreError.of(
            "the SPARQL server did not answer within {seconds} s",
            file=where,
            hint="the server may be overloaded or the request large; try again later, or allow more time "
            "with --endpoint-timeout SECONDS (or REFERENTIEL_ENDPOINT_TIMEOUT)",
            seconds=f"{timeout:g}",
        )
    if isinstance(reason, ConnectionRefusedError):
        return StoreError.of(
            "nothing answers at this address (connection refused)",
            file=where,
            hint="start the SPARQL server, or check the host and port of --endpoint",
        )
    if isinstance(reason, socket.gaierror):
        return StoreError.of(
            "unknown host (the name does not resolve)", file=where, hint="check the host name in --endpoint"
        )
    if isinstance(reason, ssl.SSLCertVerificationError):
        return StoreError.of(
            "the server's TLS certificate could not be verified",
            file=where,
            hint="use the server's name as in its certificate; for a private authority, point SSL_CERT_FILE "
            "at its certificate",
        )
    if isinstance(reason, ConnectionError | http.client.HTTPException):
        return StoreError.of(
            "the connection was cut before the server answered",
            file=where,
            hint="the server (or a proxy) may have stopped or refused a large request; see its log, then try "
            "again",
        )
    text = getattr(reason, "strerror", None) or type(reason).__name__
    return StoreError.of(
        "cannot reach the SPARQL server ({reason})",
        file=where,
        hint="check that the server is running and the URL (--endpoint)",
        reason=str(text)[:200],
    )


def not_sparql(media: str, body: bytes, where: str, endpoint: Any) -> StoreError:
    """The error for an answer that is not SPARQL results: a web page, or another kind of text."""
    if media in ("text/html", "application/xhtml+xml") or body.lstrip()[:15].lower().startswith(
        (b"<!doctype html", b"<html")
    ):
        title = summary(body, "text/html", endpoint)
        return StoreError.of(
            "the server answered a web page, not SPARQL results{title}",
            file=where,
            hint="--endpoint must be the SPARQL endpoint itself (Oxigraph http://host:7878, Virtuoso "
            "http://host:8890/sparql); a login page or a proxy's page means the request did not reach it: "
            "set the credentials (REFERENTIEL_ENDPOINT_USER / REFERENTIEL_ENDPOINT_PASSWORD or "
            "REFERENTIEL_ENDPOINT_TOKEN) or ask the proxy's administrator",
            title=f" ({title})" if title else "",
        )
    return StoreError.of(
        "the server answered {media}, not SPARQL results",
        file=where,
        hint="check that --endpoint is a SPARQL 1.1 endpoint",
        media=media or "no content type",
    )


def summary(body: bytes, content_type: str, endpoint: Any) -> str:
    """One short line of what a server said: a page's title (else its text without tags), scrubbed
    of personal data and of the endpoint's credentials."""
    from referentiel.privacy import scrub

    text = body.decode("utf-8", "replace")
    if "html" in content_type.lower() or _TAG.search(text[:200] or ""):
        found = _TITLE.search(text)
        text = found.group(1) if found else _TAG.sub(" ", text)
        text = html.unescape(text)
    text = _SPACE.sub(" ", text).strip()[:160]
    for secret in (endpoint.password, endpoint.token, endpoint.user):
        if secret and len(secret) >= 3:
            text = text.replace(secret, "***")
    return scrub(text) if text else ""
