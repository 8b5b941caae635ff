"""Query results as Python objects, parameter binding, and the SPARQL 1.1 result formats.

Parameters are bound by injecting ``BIND (term AS ?a)`` as the first element of the query's
outermost group and of every ``WHERE`` sub-query using the variable, each term serialised by
pyoxigraph (a typed literal or an IRI): no user text is ever pasted into the query. pyoxigraph's
own ``substitutions`` argument (SEP-0007) was not used because it requires the variable to be in
the SELECT projection and would behave differently from the remote path;
one mechanism for both backends gives the same answers.

The serialisers follow SPARQL 1.1 Query Results JSON, CSV/TSV and XML formats exactly.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from referentiel.errors import ConfigError
from referentiel.spreadsheet import neutralise
from referentiel.store.terms import XSD, Term, to_sparql


@dataclass
class QueryResult:
    """A query's answer: ``kind`` is ``select``, ``ask`` or ``graph`` (CONSTRUCT / DESCRIBE)."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[list[Term | None]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)

    @classmethod
    def from_oxigraph(cls, result: Any, limit: int | None = None) -> QueryResult:
        """From pyoxigraph query results; ``limit`` stops reading after that many rows/triples + 1."""
        if isinstance(result, ox.QueryBoolean):
            return cls("ask", boolean=bool(result))
        if isinstance(result, ox.QueryTriples):
            triples = []
            for t in result:
                triples.append(t)
                if limit is not None and len(triples) > limit:
                    break
            return cls("graph", triples=triples)
        names = [v.value for v in result.variables]
        rows = []
        for solution in result:
            rows.append([solution[name] for name in names])
            if limit is not None and len(rows) > limit:
                break
        return cls("select", variables=names, rows=rows)

    def records(self) -> list[dict[str, Term | None]]:
        """The rows as dictionaries keyed by variable name."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]


# ------------------------------------------------------------------------------------------- binding


def _skip_string(text: str, i: int) -> int:
    """Index just after the string literal starting at ``i``."""
    for quote in ('"""', "'''"):
        if text.startswith(quote, i):
            end = text.find(quote, i + 3)
            while end != -1 and text[end - 1] == "\\":
                end = text.find(quote, end + 1)
            return len(text) if end == -1 else end + 3
    quote = text[i]
    j = i + 1
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text[j] == quote:
            return j + 1
        j += 1
    return j


def group_starts(query: str) -> list[int]:
    """Indexes just after the ``{`` of the outermost WHERE group and of every ``WHERE {`` group
    (sub-queries), skipping comments, strings and IRIs. A CONSTRUCT template is not a group.
    """
    import re

    i, n, depth = 0, len(query), 0
    construct = where_at_top = False
    after_where = False
    starts: list[int] = []
    word = re.compile(r"[A-Za-z_]+")
    while i < n:
        c = query[i]
        if c == "#":
            end = query.find("\n", i)
            i = n if end == -1 else end
        elif c in "\"'":
            i = _skip_string(query, i)
            after_where = False
        elif c == "<" and i + 1 < n and query[i + 1] not in " =\t\n":
            end = query.find(">", i)
            i = n if end == -1 else end + 1
            after_where = False
        elif c == "{":
            if depth == 0 and not starts and (where_at_top or not construct) or after_where:
                starts.append(i + 1)
            after_where = False
            depth += 1
            i += 1
        elif c == "}":
            depth -= 1
            i += 1
            after_where = False
        elif (c.isalpha() or c == "_") and (i == 0 or not (query[i - 1].isalnum() or query[i - 1] in "?$:_")):
            token = word.match(query, i).group(0)
            upper = token.upper()
            if depth == 0:
                construct = construct or upper == "CONSTRUCT"
                where_at_top = where_at_top or upper == "WHERE"
            after_where = upper == "WHERE"
            i += len(token)
        elif c.isspace():
            i += 1
        else:
            after_where = False
            i += 1
    if not starts:
        raise ConfigError.of("cannot bind parameters: the query has no WHERE group {{ ... }}")
    return sorted(set(starts))


def _group_end(query: str, start: int) -> int:
    """Index of the ``}`` closing the group whose ``{`` is just before ``start`` (comments, strings and
    IRIs skipped as in :func:`group_starts`)."""
    i, n, depth = start, len(query), 1
    while i < n:
        c = query[i]
        if c == "#":
            end = query.find("\n", i)
            i = n if end == -1 else end
        elif c in "\"'":
            i = _skip_string(query, i)
        elif c == "<" and i + 1 < n and query[i + 1] not in " =\t\n":
            end = query.find(">", i)
            i = n if end == -1 else end + 1
        else:
            depth += (c == "{") - (c == "}")
            if depth == 0:
                return i
            i += 1
    return n


def bind_parameters(query: str, bindings: dict[str, Term]) -> str:
    """``query`` with ``BIND (term AS ?variable)`` for each parameter, injected at the start of the
    outermost group (every parameter) and of every ``WHERE { ... }`` sub-query that uses the variable
    outside its own sub-queries (its projection, WHERE, GROUP BY or HAVING), so that a parameter can
    be used at any level. A BIND at the start of a group is a one-row VALUES block; BIND rather than
    VALUES, and only where used, because Virtuoso 7 plans a sub-query holding a VALUES block badly
    (``desynchronisation`` took minutes instead of 0.6 s; docs/store.md)."""
    import re

    if not bindings:
        return query
    starts = group_starts(query)
    # a sub-query's extent runs from its SELECT to the brace closing it: a parameter may be used in
    # its projection, GROUP BY or HAVING as well as in its WHERE group
    select_word = re.compile(r"(?i)\bSELECT\b")
    spans = [(0, len(query))]
    for at in starts[1:]:
        begin = max((m.start() for m in select_word.finditer(query, 0, at)), default=at)
        spans.append((begin, _group_end(query, query.rfind("{", 0, begin) + 1)))
    blocks: list[tuple[int, str]] = []
    for k, (begin, end) in enumerate(spans):
        own, cursor = [], begin
        for inner_begin, inner_end in sorted(spans[k + 1 :]):
            if cursor <= inner_begin and inner_end <= end:  # a directly nested sub-query: not its scope
                own.append(query[cursor:inner_begin])
                cursor = inner_end
        own.append(query[cursor:end])
        at = starts[k]
        names = sorted(
            n
            for n in bindings
            if k == 0 or re.search(r"[?$]" + re.escape(n) + r"(?![\w\u00B7-])", "".join(own))
        )
        if names:
            blocks.append((at, "".join(f" BIND ({to_sparql(bindings[n])} AS ?{n})" for n in names) + "\n"))
    for at, block in reversed(blocks):
        query = query[:at] + block + query[at:]
    return query


# ------------------------------------------------------------------------------------------- formats

RESULT_MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def to_json(result: QueryResult, extra: dict[str, Any] | None = None) -> str:
    """SPARQL 1.1 Query Results JSON. ``extra`` adds top-level members, placed between ``head`` and
    ``results``: readers ignore unknown members, and streaming readers (Oxigraph's) only accept them
    before the bindings."""
    doc: dict[str, Any] = {"head": {"vars": result.variables} if result.kind != "ask" else {}}
    doc.update(extra or {})
    if result.kind == "ask":
        doc["boolean"] = bool(result.boolean)
    else:
        doc["results"] = {
            "bindings": [
                {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
                for row in result.rows
            ]
        }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.Literal):
        return neutralise(term.value)
    return term.value


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV (RFC 4180, CRLF line ends, plain values)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerow(["_askResult"])
        writer.writerow(["true" if result.boolean else "false"])
        return buf.getvalue()
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_csv_value(t) for t in row])
    return buf.getvalue()


_TSV_BARE = {XSD + "integer", XSD + "decimal", XSD + "double", XSD + "boolean"}


def _tsv_value(term: Term | None) -> str:
    if term is None:
        return ""
    text = to_sparql(term)
    # The TSV format allows numbers and booleans in their short Turtle form; keep full form otherwise.
    if isinstance(term, ox.Literal) and term.datatype.value in _TSV_BARE and not term.language:
        short = term.value
        if term.datatype.value == XSD + "decimal" and "." not in short:
            return text
        return short
    if isinstance(term, ox.Literal) and neutralise(term.value) != term.value:
        # Turtle quotes a string, but a spreadsheet drops the quotes and runs what they held.
        safe = neutralise(term.value)
        text = to_sparql(
            ox.Literal(safe, language=term.language)
            if term.language
            else ox.Literal(safe, datatype=term.datatype)
        )
    return text.replace("\t", "\\t")


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results TSV (terms in Turtle syntax, ``?var`` header, LF line ends)."""
    if result.kind == "ask":
        return "?_askResult\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join("?" + v for v in result.variables)]
    lines += ["\t".join(_tsv_value(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != XSD + "string":
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def to_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML Format (Second Edition)."""
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    if result.kind == "ask":
        out += ["</head>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>", "</sparql>"]
        return "\n".join(out) + "\n"
    out += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    out += ["</head>", "<results>"]
    for row in result.rows:
        out.append("<result>")
        out += [
            f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
            for v, t in zip(result.variables, row, strict=True)
            if t is not None
        ]
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


def serialise(result: QueryResult, fmt: str, extra: dict[str, Any] | None = None) -> str:
    """A SELECT/ASK result in ``json``, ``csv``, ``tsv`` or ``xml``; a graph result in ``turtle``/``nt``."""
    if result.kind == "graph":
        rdf = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}.get(fmt, ox.RdfFormat.N_TRIPLES)
        from referentiel.namespaces import PREFIXES

        data = ox.serialize(
            result.triples, format=rdf, prefixes=PREFIXES if rdf == ox.RdfFormat.TURTLE else None
        )
        return data.decode("utf-8")
    return {"json": lambda r: to_json(r, extra), "csv": to_csv, "tsv": to_tsv, "xml": to_xml}[fmt](result)
