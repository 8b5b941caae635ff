"""Research queries: the bundled catalogue (``catalogue/*.rq``, one file per question of the domain
brief's section 5) and the runner with statistical disclosure control.

Example::

    from referentiel.queries import run
    from referentiel.store import open_store
    with open_store() as store:
        answer = run("desynchronisation", store, {"within_days": "15"}, lang="en")
        print(answer.records(), answer.note("en"))
"""

from __future__ import annotations

from referentiel.queries.catalogue import CatalogueQuery, Param, catalogue, get_query, parse_query
from referentiel.queries.runner import DEFAULT_MIN_COUNT, ResearchResult, render, run, suppress

__all__ = [
    "DEFAULT_MIN_COUNT",
    "CatalogueQuery",
    "Param",
    "ResearchResult",
    "catalogue",
    "get_query",
    "parse_query",
    "render",
    "run",
    "suppress",
]
