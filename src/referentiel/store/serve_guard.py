"""The checks ``referentiel serve`` makes before running anything: who may ask, how much, and what.

- :func:`uses_service`: a query holding a ``SERVICE`` clause is refused before it reaches the engine
  (pyoxigraph would send the query to the URL it names: an outgoing request chosen by the client).
  The check is lexical on the query as the SPARQL grammar reads it: ``\\u``/``\\U`` escapes decoded first
  (SPARQL 1.1 section 19.2 decodes them before parsing), comments, strings and IRIs skipped, then the
  keyword looked for as a token. Nested, variable (``SERVICE ?x``) and ``SERVICE SILENT`` forms are
  all the keyword; a prefixed name (``ex:service``) or a variable (``?service``) is not.
- :func:`content_length`: the request body's announced size, read strictly.
- :func:`is_loopback`: whether an address only serves this machine (no token needed then).
"""

from __future__ import annotations

import ipaddress
import re
import socket

from referentiel.store.sparql import _skip_string

TOKEN_ENV = "REFERENTIEL_SERVE_TOKEN"
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")


def _decode_escapes(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else "\ufffd"

    return _ESCAPE.sub(one, text)


def uses_service(query: str) -> bool:
    """Whether ``query`` holds the ``SERVICE`` keyword anywhere outside comments, strings and IRIs."""
    text = _decode_escapes(query)
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            end = text.find("\n", i)
            i = n if end == -1 else end
        elif c in "\"'":
            i = _skip_string(text, i)
        elif c == "<":
            # An IRI only when the grammar's IRIREF matches; otherwise `<` is "less than".
            iri = _IRIREF.match(text, i)
            i = iri.end() if iri else i + 1
        elif c.isalpha() or c == "_":
            token = _WORD.match(text, i).group(0)  # type: ignore[union-attr]
            previous = text[i - 1] if i else " "
            following = text[i + len(token)] if i + len(token) < n else " "
            if token.upper() == "SERVICE" and previous not in "?$:_" and following != ":":
                return True
            i += len(token)
        else:
            i += 1
    return False


class BadLength(ValueError):
    """A Content-Length that cannot be honoured: ``status`` is 400, 411 or 413."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def content_length(values: list[str], limit: int) -> int:
    """The body size announced by the ``Content-Length`` header(s) ``values``, at most ``limit``."""
    if not values:
        raise BadLength(411, "a POST needs a Content-Length header (chunked bodies are not accepted)")
    if len(set(v.strip() for v in values)) != 1:
        raise BadLength(400, "several different Content-Length headers")
    text = values[0].strip()
    if not text.isdigit() or not text.isascii():
        raise BadLength(400, "the Content-Length header is not a non-negative whole number")
    length = int(text)
    if length > limit:
        raise BadLength(413, f"the request body is larger than {limit} bytes (the server's --max-body)")
    return length


def is_loopback(host: str) -> bool:
    """Whether every address ``host`` names is a loopback address (127.0.0.0/8, ::1)."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback for info in infos)
