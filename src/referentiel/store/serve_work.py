"""The work of ``referentiel serve`` done in a child process, and what it may cost (:class:`Limits`).

A query runs in a child process that opens the store read-only: on timeout the parent kills it, the
only way to stop a running pyoxigraph query. The child checks the answer against the limits before
sending it: a cell longer than ``max_cell`` characters (``GROUP_CONCAT`` folding many rows into one
value) or an answer larger than ``max_response`` bytes is refused, never cut (a cut cell still shows
what it holds).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from referentiel.errors import ReferentielError

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


@dataclass(frozen=True)
class Limits:
    """What one request may cost (the ``serve`` options)."""

    timeout: float = 30.0
    max_results: int = 10000
    max_cell: int = 2000
    max_response: int = 16 * 1024 * 1024
    max_body: int = 64 * 1024
    max_concurrent: int = 2


def _too_large(result: Any, limits: Limits) -> str | None:
    """Why a result may not be sent (a cell over ``max_cell`` characters), or None."""
    terms = [t for row in result.rows for t in row if t is not None]
    terms += [t for triple in result.triples for t in (triple.subject, triple.object)]
    for term in terms:
        if len(getattr(term, "value", "")) > limits.max_cell:
            return (
                f"a value of the answer holds more than {limits.max_cell} characters (the server's "
                "--max-cell): values folded together (GROUP_CONCAT) count as one row each would"
            )
    return None


def execute(
    path: str,
    sparql: str,
    default_graphs: list[str],
    named_graphs: list[str],
    accept: str | None,
    limits: Limits,
    conn: Any,
) -> None:
    """Child process: run one free query on the store opened read-only, send (status, payload...) back."""
    try:
        import pyoxigraph as ox

        from referentiel.store.sparql import QueryResult, serialise
        from referentiel.store.staging import query_dataset

        store = ox.Store.read_only(path)
        kwargs: dict[str, Any] = query_dataset(store)  # a graph left staged by a killed load is not served
        if default_graphs:
            kwargs.pop("use_default_graph_as_union", None)
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        limit = limits.max_results
        result = QueryResult.from_oxigraph(store.query(sparql, **kwargs), limit)
        fmt = negotiate(accept, result.kind)
        if fmt is None:
            conn.send(("406", result.kind))
            return
        truncated = len(result.rows) > limit or len(result.triples) > limit
        result.rows = result.rows[:limit]
        result.triples = result.triples[:limit]
        why = _too_large(result, limits)
        if why:
            conn.send(("422", why))
            return
        extra = (
            {"referentiel": {"truncated": True, "maxResults": limit}} if truncated and fmt == "json" else None
        )
        _send_body(conn, serialise(result, fmt, extra).encode("utf-8"), MEDIA[fmt], truncated, limits)
    except SyntaxError as exc:
        conn.send(("400", str(exc).splitlines()[0][:500]))
    except Exception as exc:  # noqa: BLE001 - reported as a 500 without data
        conn.send(("500", type(exc).__name__))
    finally:
        conn.close()


def _send_body(conn: Any, data: bytes, media: str, truncated: bool, limits: Limits, note: str = "") -> None:
    if len(data) > limits.max_response:
        conn.send(
            ("422", f"the answer is larger than {limits.max_response} bytes (the server's --max-response)")
        )
    else:
        conn.send(("ok", data, media, truncated, note))


def execute_catalogue(
    path: str,
    name: str,
    values: dict[str, str],
    lang: str,
    min_count: int,
    accept: str | None,
    limits: Limits,
    conn: Any,
) -> None:
    """Child process: run one catalogue query under disclosure control, send the answer back."""
    try:
        from referentiel.queries.runner import render, run
        from referentiel.store.embedded import EmbeddedStore

        fmt = negotiate(accept, "select")
        if fmt is None:
            conn.send(("406", "select"))
            return
        store = EmbeddedStore(path, create=False, read_only=True)
        try:
            research = run(name, store, values, lang=lang, min_count=min_count)
        finally:
            store.close()
        note = research.note("en").replace("→", "->").encode("ascii", "replace").decode("ascii")
        _send_body(conn, render(research, fmt, lang).encode("utf-8"), MEDIA[fmt], False, limits, note)
    except ReferentielError as exc:
        conn.send(("400", exc.message + (f" ({exc.hint})" if exc.hint else "")))
    except Exception as exc:  # noqa: BLE001 - reported as a 500 without data
        conn.send(("500", type(exc).__name__))
    finally:
        conn.close()
