"""The framework (everyone's page): concept schemes and classes with their fr/nl/en labels,
definitions and sources, and each organisation's terms mapped to a concept, both ways.

Entries come from :func:`referentiel.ontology.browse.framework_index`; the translation table from
:class:`referentiel.translation.terms.TermTranslator` (``referentiel terms lookup`` / ``translate``).
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from referentiel.web.app import PageError, State, render


def _index(state: State) -> Any:
    from referentiel.ontology.browse import bundled_index

    return bundled_index()


def _translator(state: State) -> Any:
    from referentiel.translation.terms import TermTranslator

    return TermTranslator.from_directory(state.config.organisations)


def index(request: Request) -> Response:
    state: State = request.app.state.referentiel
    return render(
        request, "framework.html", index=_index(state), organisations=sorted(_translator(state).organisations)
    )


def entry(request: Request) -> Response:
    state: State = request.app.state.referentiel
    index = _index(state)
    found = index.by_local.get(request.path_params["local"])
    if found is None:
        raise PageError(404, "not-found")
    scheme = next((s for s in index.schemes if s.entry.local == found.local), None)
    lookup = None
    if scheme is None and "/concept/" in found.iri:
        lookup = _translator(state).lookup(found.local)
    return render(request, "framework_entry.html", entry=found, scheme=scheme, lookup=lookup)


def organisation(request: Request) -> Response:
    state: State = request.app.state.referentiel
    translator = _translator(state)
    slug = request.path_params["org"]
    org = translator.organisations.get(slug)
    if org is None:
        raise PageError(404, "no-profile", org=slug[:80])
    index = _index(state)
    rows = []
    for m in sorted(org.mapping_set.mappings, key=lambda m: (m.subject_label or m.subject_id).casefold()):
        local = m.object_id.split(":", 1)[-1]
        concept = index.by_local.get(local)
        rows.append((m, local if concept else None, concept))
    return render(request, "framework_org.html", org=org, slug=slug, rows=rows)


ROUTES = [
    Route("/framework", index, methods=["GET"]),
    Route("/framework/organisation/{org}", organisation, methods=["GET"]),
    Route("/framework/{local}", entry, methods=["GET"]),
]
