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


# The refusals of make_server, in the languages of --lang.
_TEXT = {
    "en": {
        "no-token": "refusing to listen on {host} without a token: anyone who can reach this machine "
        "could query the store",
        "token-hint": 'set {env} to a long random secret (e.g. `python -c "import secrets; '
        'print(secrets.token_urlsafe(32))"`) and give it to the researchers, who send it as '
        "`Authorization: Bearer TOKEN`; or listen on 127.0.0.1 only".replace(
            "{env}", "REFERENTIEL_SERVE_TOKEN"
        ),
        "short-token": "the token is too short (fewer than {n} characters)",
        "min-count": "--min-count must be at least 2 on a server",
        "min-count-hint": "the default is 5 families; "
        "exact answers (--min-count 1) are for `referentiel query`",
    },
    "fr": {
        "no-token": "refus d'écouter sur {host} sans jeton : toute personne qui atteint cette machine "
        "pourrait interroger le store",
        "token-hint": 'définissez {env} avec un long secret aléatoire (p. ex. `python -c "import secrets; '
        "print(secrets.token_urlsafe(32))\"`) et donnez-le aux chercheur·es, qui l'envoient en "
        "`Authorization: Bearer JETON` ; ou écoutez sur 127.0.0.1 seulement".replace(
            "{env}", "REFERENTIEL_SERVE_TOKEN"
        ),
        "short-token": "le jeton est trop court (moins de {n} caractères)",
        "min-count": "--min-count doit valoir au moins 2 sur un serveur",
        "min-count-hint": "la valeur par défaut est 5 familles ; les réponses exactes (--min-count 1) "
        "sont pour `referentiel query`",
    },
    "nl": {
        "no-token": "weigert te luisteren op {host} zonder token: iedereen die deze machine bereikt, zou "
        "de store kunnen bevragen",
        "token-hint": 'zet {env} op een lang willekeurig geheim (bv. `python -c "import secrets; '
        'print(secrets.token_urlsafe(32))"`) en geef het aan de onderzoekers, die het sturen als '
        "`Authorization: Bearer TOKEN`; of luister enkel op 127.0.0.1".replace(
            "{env}", "REFERENTIEL_SERVE_TOKEN"
        ),
        "short-token": "de token is te kort (minder dan {n} tekens)",
        "min-count": "--min-count moet op een server minstens 2 zijn",
        "min-count-hint": "de standaard is 5 gezinnen; exacte antwoorden (--min-count 1) zijn voor "
        "`referentiel query`",
    },
}


def say(lang: str, key: str) -> str:
    """The start-up refusal ``key`` of ``make_server`` in ``lang`` (fr, en, nl)."""
    return _TEXT.get(lang, _TEXT["en"])[key].replace("{env}", TOKEN_ENV)
