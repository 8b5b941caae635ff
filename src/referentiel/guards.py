"""Checks made on an input before a parser sees it, for what parsers do without bound.

- XML (RDF/XML): entity declarations expand without limit in pyoxigraph's and rdflib's parsers
  ("billion laughs": 1 KB of text, gigabytes once expanded) and external ones read files or URLs
  (XXE). Only plain text entities whose total expansion is small are let through (ontology editors
  write ``<!ENTITY owl "http://www.w3.org/2002/07/owl#">``); anything else in a DTD is refused.
- JSON: Python's parser recurses once per ``[`` or ``{``; the nesting is limited.
- JSON-LD: rdflib fetches every ``@context`` given as a URL, ``file://`` ones included. No context is
  ever fetched: a document must carry its contexts inline.
- Parser error messages quote the text they could not read, and that text may be a name: only the
  kind of error is kept (:func:`syntax_kind`), with the line and column.
"""

from __future__ import annotations

import json
import re
from typing import Any

from referentiel import limits
from referentiel.errors import InputError, input_error

# ------------------------------------------------------------------------------------------ XML

_SPACE = re.compile(rb"\s*")
_PI = re.compile(rb"<\?.*?\?>", re.S)
_COMMENT = re.compile(rb"<!--.*?-->", re.S)
_DOCTYPE = re.compile(rb"<!DOCTYPE\s+[^\s\[>]+\s*", re.I)
_EXTERNAL = re.compile(rb"(SYSTEM|PUBLIC)\b", re.I)
# A general entity whose value is plain text: no reference to another entity (no nesting), no
# parameter entity, no markup, no external identifier.
_ENTITY = re.compile(rb"""<!ENTITY\s+([A-Za-z_][\w.\-]*)\s+(?:"([^"&%<]*)"|'([^'&%<]*)')\s*>""")
_ANY_ENTITY = re.compile(rb"<!ENTITY", re.I)
_MAX_ENTITIES = 256


def _xml_refused(name: str, why: str, **params: Any) -> InputError:
    from referentiel.translation.messages import Msg

    return input_error("xml.refused", file=name, line=1, why=Msg.of(f"xml.why.{why}", **params))


def check_xml(data: bytes, name: str) -> None:
    """Refuse an XML document whose DTD is external or declares entities that could blow up.

    Raises :class:`~referentiel.errors.InputError` (exit 2) before any parser runs.
    """
    declared: dict[bytes, int] = {}
    pos = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    while True:
        pos = _SPACE.match(data, pos).end()
        found = _PI.match(data, pos) or _COMMENT.match(data, pos)
        if found:
            pos = found.end()
            continue
        doctype = _DOCTYPE.match(data, pos)
        if doctype:
            pos = doctype.end()
            if _EXTERNAL.match(data, pos):
                raise _xml_refused(name, "external")
            if data[pos : pos + 1] == b"[":
                pos = _internal_subset(data, pos + 1, name, declared)
            pos = _SPACE.match(data, pos).end()
            if data[pos : pos + 1] != b">":
                raise _xml_refused(name, "not-plain")
        break
    # Any other "<!ENTITY" (a second DOCTYPE, a DTD this scan did not recognise) is refused too.
    if sum(1 for _ in _ANY_ENTITY.finditer(data)) != len(declared):
        raise _xml_refused(name, "outside")
    expanded = sum(data.count(b"&" + entity + b";") * size for entity, size in declared.items())
    if expanded > limits.current().entities:
        raise limits.too_large("entities", name, size=expanded)


def _internal_subset(data: bytes, pos: int, name: str, declared: dict[bytes, int]) -> int:
    """Read ``<!ENTITY name "text">`` declarations and comments up to ``]``; refuse anything else."""
    while True:
        pos = _SPACE.match(data, pos).end()
        if data[pos : pos + 1] == b"]":
            return pos + 1
        comment = _COMMENT.match(data, pos)
        if comment:
            pos = comment.end()
            continue
        entity = _ENTITY.match(data, pos)
        if not entity:
            raise _xml_refused(name, "nested")
        declared[entity.group(1)] = len(entity.group(2) or entity.group(3) or b"")
        if len(declared) > _MAX_ENTITIES:
            raise _xml_refused(name, "too-many", count=_MAX_ENTITIES)
        pos = entity.end()


# ----------------------------------------------------------------------------------------- JSON

_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]', re.S)


def load_json(text: str, name: str) -> Any:
    """``json.loads(text)`` with the nesting limited to the ``depth`` limit.

    Raises :class:`~referentiel.errors.InputError` with the line and column of a syntax error, or of
    the bracket that goes too deep; the message never quotes the text.
    """
    try:
        data = json.loads(text)
    except RecursionError:
        raise _too_deep(text, name) from None
    except json.JSONDecodeError as exc:
        # exc.msg is one of a fixed set ("Expecting value", "Unterminated string..."): no data in it
        raise input_error(
            "json.malformed", file=name, line=exc.lineno, column=exc.colno, error=exc.msg
        ) from None
    if _depth(data) > limits.current().depth:
        raise _too_deep(text, name)
    return data


def _depth(value: Any) -> int:
    """The nesting depth of a parsed JSON value (iterative: the value may be deep)."""
    # level by level (a list of the containers at each depth): one comprehension per container
    # instead of a push and a pop per item (an export's records were a tenth of reading it)
    depth = 0
    level = [value] if isinstance(value, dict | list) else []
    while level:
        depth += 1
        below: list[Any] = []
        for item in level:
            below += [
                c for c in (item.values() if isinstance(item, dict) else item) if isinstance(c, dict | list)
            ]
        level = below
    return depth


def _too_deep(text: str, name: str) -> InputError:
    limit = limits.current().depth
    level = 0
    for found in _BRACKETS.finditer(text):
        token = found.group()
        if token in "[{":
            level += 1
            if level > limit:
                line = text.count("\n", 0, found.start()) + 1
                column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
                return limits.too_large("depth", name, line=line, column=column)
        elif token in "]}":
            level -= 1
    return limits.too_large("depth", name)


def check_jsonld(data: bytes, name: str) -> None:
    """Refuse a JSON-LD document with a remote, ``file://`` or relative ``@context`` (or ``@import``).

    Contexts are never fetched: that would make reading a file send requests, or read other files.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("the JSON-LD file is not UTF-8", file=name, hint="JSON-LD must be UTF-8") from None
    document = load_json(text, name)
    stack = [document]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            for key in ("@context", "@import"):
                refs = item.get(key)
                for ref in refs if isinstance(refs, list) else [refs]:
                    if isinstance(ref, str):
                        raise input_error("jsonld.context", file=name, context=_shown_iri(ref))
            stack.extend(item.values())


def _shown_iri(ref: str) -> str:
    from referentiel.privacy import scrub

    return repr(scrub(ref)[:120])


# ------------------------------------------------------------------------------- parse errors

# The kind of a parser's error, from its message (pyoxigraph, rdflib, expat): the message itself
# quotes the text it could not read ("Jean is not a valid RDF object", "found Jean", "IRI 'Jean
# Dupont'"), so only the kind is shown. Checked in order; the first that matches wins.
_WHERE = re.compile(r"^\s*Parser error[^:]*:\s*", re.I)
_KINDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.I), kind)
    for pattern, kind in (
        (r"end of (file|input)|\bEOF\b|unterminated|no element found", "end"),
        (r"prefix", "prefix"),
        (r"escape", "escape"),
        (r"is not a valid|must be an? ", "term"),
        (r"IRI|URI", "iri"),
        (r"datatype|language tag|literal|string", "literal"),
        (r"namespace", "namespace"),
        (r"mismatched tag|closing tag|not well-formed|invalid token|XML", "xml"),
        (r"utf-?8|encoding|decode", "encoding"),
        (r"expected|expecting|found|unexpected", "punctuation"),
    )
)


def syntax_kind(message: str) -> str:
    """What kind of syntax error a parser's ``message`` reports (an entry ``syntax.<kind>`` of the
    catalogue referentiel.input_messages), without quoting the message."""
    message = _WHERE.sub("", message)
    for pattern, kind in _KINDS:
        if pattern.search(message):
            return kind
    return "other"
