"""Masking: how a value, a message or a parser's error may be shown once the screen has looked at it.

Every output of the tool (reports, messages, suggestions) shows values through :func:`shown` or
:func:`scrub`: what the screen (:func:`referentiel.privacy.screen`) finds is replaced by its kind and
length, a sentence-like note as a whole, so that its content never leaves the tool.
"""

from __future__ import annotations

import re

from referentiel.privacy.screen import FORMATTED_KINDS, screen


def mask(text: str, keep: int = 0) -> str:
    """A masked rendering of a personal value: its kind and length, never its content.

    ``keep`` leading characters may be shown for values the screen finds nothing in (never for
    national numbers, names, notes...).
    """
    kinds = screen(text).kinds
    label = kinds[0] if kinds else "personal data"
    shown_part = text[:keep] if keep and not kinds else ""
    return f"[{label} masked: {len(text)} characters{', starts ' + repr(shown_part) if shown_part else ''}]"


def scrub(text: str) -> str:
    """``text`` with every personal value the screen finds in it (national numbers, phones, e-mails,
    IBANs, addresses, names) replaced by a mask; sentence-like notes are left to :func:`shown`."""
    spans = list(screen(text).spans)
    if not spans:
        return text
    out, last = [], 0
    for start, end in _merged(spans):
        out.append(text[last:start])
        out.append(mask(text[start:end]) if text[start:end].strip() else text[start:end])
        last = end
    out.append(text[last:])
    return "".join(out)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def shown(value: str) -> str:
    """``value`` as a message, report or suggestion may echo it.

    A value the screen finds anything in is replaced as a whole by its shape (kinds and length,
    ``[personal data masked: text of 33 characters, looks like a sentence with a name]``); a value it
    finds nothing in is shown as it is.
    """
    found = screen(value)
    if not found:
        return value
    if found.kinds == ("free text",):
        return f"[free text masked: {len(value)} characters]"
    label = found.kinds[0] if found.kinds[0] in FORMATTED_KINDS else "personal data"
    return f"[{label} masked: {found.text('en')}]"


def is_masked(text: str) -> bool:
    """True when ``text`` is a rendering made by :func:`mask` or :func:`shown` (no content left)."""
    return text.startswith("[") and " masked: " in text and text.endswith("]")


# RDF parsers quote the offending token ("Jeanne is not a valid RDF object"): the token is data.
_ECHOED_TOKEN = re.compile(r"^\S[^\n]{0,200}? is not a valid ")
_PARSER_WHERE = re.compile(r"^(Parser error at line \d+[^:]*: )")


def scrub_parser_message(text: str) -> str:
    """A parser's error message without the data it quotes (the location says where to look)."""
    text = scrub(text)
    where = _PARSER_WHERE.match(text)
    head, message = (where.group(1), text[where.end() :]) if where else ("", text)
    return head + _ECHOED_TOKEN.sub("the text there is not a valid ", message)
