"""The harmonised store and SPARQL access for researchers.

Embedded by default (pyoxigraph on disk, ``./.referentiel-store`` or ``$REFERENTIEL_STORE``); any
SPARQL 1.1 server at scale (``endpoint=...``). Example::

    from referentiel.store import open_store
    with open_store("my-store") as store:
        store.load(["cpas-namur.ttl"], organisation="CPAS Namur")
        result = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        print(result.rows[0][0].value)

See docs/store.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from referentiel.store.base import (
    GRAPH_BASE,
    METADATA_GRAPH,
    ONTOLOGY_GRAPH,
    GraphInfo,
    GraphWrite,
    LoadContext,
    LoadRefused,
    LoadResult,
    SourceFile,
    Store,
    ValidationOutcome,
    default_graph_iri,
)
from referentiel.store.sparql import QueryResult


def open_store(
    path: str | Path | None = None,
    *,
    endpoint: str | None = None,
    create: bool = True,
    read_only: bool = False,
) -> Store:
    """Open the embedded store at ``path`` (default ``$REFERENTIEL_STORE`` or ``./.referentiel-store``)
    or, with ``endpoint``, a SPARQL 1.1 server (credentials from the environment).

    ``create=False`` raises :class:`referentiel.errors.StoreError` when no embedded store exists yet.
    """
    if endpoint:
        from referentiel.store.remote import Endpoint, RemoteStore

        return RemoteStore(Endpoint.from_url(endpoint))
    from referentiel.store.embedded import EmbeddedStore

    try:
        return EmbeddedStore(path, create=create, read_only=read_only)
    except RuntimeError as exc:
        # RocksDB reports a damaged store directory ("Corruption: ...") as a RuntimeError.
        from referentiel.errors import StoreError

        where = str(path) if path is not None else None
        raise StoreError.of(
            "the store cannot be opened: it is damaged or not a referentiel store ({why})",
            file=where,
            hint="give --store an empty or new directory and load the exports again "
            "(the store can always be rebuilt from the exports)",
            why=str(exc).splitlines()[0][:120],
        ) from None


def load(
    store: Store,
    data: Any,
    graph: str | None = None,
    *,
    source: Sequence[str | Path] = (),
    force: bool = False,
    conforms: bool | None = None,
    report: Any = None,
    context: LoadContext | None = None,
    organisation: str | None = None,
) -> LoadResult:
    """Load one export into ``store``: ``data`` is RDF files (paths) or an in-memory rdflib Graph.

    For an in-memory graph, ``source`` names the files it came from (their SHA-256 is recorded when
    they exist), and ``report`` (a ValidationReport) or ``conforms`` records a validation already done
    by the caller instead of validating again.
    """
    if isinstance(data, str | Path) or (
        isinstance(data, list | tuple) and all(isinstance(d, str | Path) for d in data)
    ):
        files = [data] if isinstance(data, str | Path) else list(data)
        return store.load(files, graph, force=force, context=context, organisation=organisation)
    import dataclasses
    import hashlib

    context = context or LoadContext()
    if organisation:
        context = dataclasses.replace(context, organisation=organisation)
    files = []
    for item in source:
        path = Path(item)
        if path.is_file():
            raw = path.read_bytes()
            files.append(SourceFile(path.name, hashlib.sha256(raw).hexdigest(), len(raw), 0))
    if graph is None:
        graph = default_graph_iri(context.organisation, list(source))
    if report is None and conforms is not None:
        outcome = ValidationOutcome(True, conforms, passed=conforms)
        from referentiel.store.base import from_rdflib

        triples = from_rdflib(data)
        return store.load_triples(
            triples, graph, files=files, validation=outcome, force=force, context=context
        )
    return store.load_graph(data, graph, sources=files, force=force, context=context, report=report)


__all__ = [
    "GRAPH_BASE",
    "METADATA_GRAPH",
    "ONTOLOGY_GRAPH",
    "GraphInfo",
    "GraphWrite",
    "LoadContext",
    "LoadRefused",
    "LoadResult",
    "QueryResult",
    "SourceFile",
    "Store",
    "ValidationOutcome",
    "default_graph_iri",
    "load",
    "open_store",
]
