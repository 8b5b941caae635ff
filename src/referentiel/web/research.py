"""Research (the researcher's page): the query catalogue, typed parameters, table, chart, downloads.

Only catalogue queries run here (:func:`referentiel.queries.catalogue.catalogue`), through
:func:`referentiel.queries.runner.run`, so every answer passes the same disclosure control as
``referentiel query``; the page shows its note. There is no free SPARQL box.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from referentiel.web.app import PageError, State, lang_of, render
from referentiel.web.chart import choose, svg

INPUT_TYPES = {
    "xsd:integer": ("number", "1"),
    "xsd:decimal": ("number", "any"),
    "xsd:double": ("number", "any"),
    "xsd:gYear": ("number", "1"),
    "xsd:date": ("date", None),
    "xsd:boolean": ("select", None),
}


def _query(name: str) -> Any:
    from referentiel.queries.catalogue import catalogue

    found = next((q for q in catalogue() if q.name == name), None)
    if found is None:
        raise PageError(404, "not-found")
    return found


def _values(request: Request, query: Any) -> dict[str, str]:
    """The parameters given in the URL (empty fields mean: the default)."""
    out = {}
    for param in query.params:
        value = request.query_params.get(param.name, "").strip()
        if value:
            out[param.name] = value
    return out


def _run(request: Request, query: Any, values: dict[str, str]) -> tuple[Any, dict[str, str]]:
    from referentiel.queries.runner import concept_labels, run
    from referentiel.store import open_store

    state: State = request.app.state.referentiel
    config = state.config
    lang = lang_of(request)
    with state.store_lock:
        store = open_store(config.store, endpoint=config.endpoint, create=False)
        try:
            research = run(query, store, values, lang=lang)
            labels = concept_labels(store, lang)
        finally:
            close = getattr(store, "close", None)
            if callable(close):
                close()
    return research, labels


def index(request: Request) -> Response:
    from referentiel.queries.catalogue import catalogue

    return render(request, "research.html", queries=catalogue())


def query_page(request: Request) -> Response:
    from referentiel.errors import ConfigError, StoreError
    from referentiel.queries.runner import cells

    query = _query(request.path_params["name"])
    values = _values(request, query)
    context: dict[str, Any] = {"query": query, "values": values, "input_types": INPUT_TYPES}
    if request.query_params.get("run"):
        try:
            research, labels = _run(request, query, values)
        except (ConfigError, StoreError) as exc:
            context["problem"] = str(exc)
        else:
            rows = cells(research, labels)
            variables = list(research.result.variables) if research.result.kind == "select" else []
            chart = choose(variables, rows)
            title = query.title(lang_of(request))
            context.update(
                research=research,
                variables=variables,
                rows=rows,
                chart=Markup(svg(chart, title)) if chart else None,  # noqa: S704 - escaped in svg()
                note=research.note(lang_of(request)),
                download_query=request.url.query,
            )
    return render(request, "research_query.html", **context)


def download(request: Request) -> Response:
    from referentiel.queries.runner import render as render_result

    query = _query(request.path_params["name"])
    fmt = request.path_params["fmt"]
    if fmt not in ("csv", "json"):
        raise PageError(404, "not-found")
    research, _ = _run(request, query, _values(request, query))
    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/sparql-results+json"
    return Response(
        render_result(research, fmt, lang_of(request)),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{query.name}.{fmt}"'},
    )


ROUTES = [
    Route("/research", index, methods=["GET"]),
    Route("/research/{name}", query_page, methods=["GET"]),
    Route("/research/{name}/results.{fmt}", download, methods=["GET"]),
]
