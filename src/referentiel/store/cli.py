"""Click commands of the store capability: ``load``, ``graphs``, ``serve`` (thin: options and output)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from referentiel.cli.options import (
    apply,
    endpoint_option,
    format_option,
    lang_option,
    limit_option,
    output_option,
    quiet_option,
    store_option,
)


def open_from_options(store_dir: Path | None, endpoint: str | None, *, create: bool = True):  # noqa: ANN201
    """The store chosen on the command line (``--endpoint`` wins over ``--store``)."""
    from referentiel.store import open_store

    return open_store(store_dir, endpoint=endpoint, create=create)


_LOAD_TEXT = {
    "fr": {
        "loaded": "{n} triplets chargés depuis {files} fichier(s) dans le graphe <{g}>",
        "replaced": " (remplace la version précédente)",
        "diff": " (remplace la version précédente : {removed} triplet(s) retiré(s), {added} ajouté(s))",
        "conforms": "validation : conforme aux formes du référentiel",
        "results": "validation : {v} violation(s), {w} avertissement(s)",
        "forced": "CHARGEMENT FORCÉ (--force) : les données ne sont pas conformes ; c'est noté dans les "
        "métadonnées du store",
        "novalid": "validation : non effectuée",
        "ontology": "ontologie et schémas de concepts (re)chargés dans <{g}>",
    },
    "en": {
        "loaded": "{n} triples loaded from {files} file(s) into graph <{g}>",
        "replaced": " (replacing the previous version)",
        "diff": " (replacing the previous version: {removed} triple(s) removed, {added} added)",
        "conforms": "validation: conforms to the framework's shapes",
        "results": "validation: {v} violation(s), {w} warning(s)",
        "forced": "FORCED LOAD (--force): the data does not conform; "
        "this is recorded in the store's metadata",
        "novalid": "validation: not run",
        "ontology": "ontology and concept schemes (re)loaded into <{g}>",
    },
    "nl": {
        "loaded": "{n} triples geladen uit {files} bestand(en) in graaf <{g}>",
        "replaced": " (vervangt de vorige versie)",
        "diff": " (vervangt de vorige versie: {removed} triple(s) verwijderd, {added} toegevoegd)",
        "conforms": "validatie: conform de vormen van het referentiekader",
        "results": "validatie: {v} schending(en), {w} waarschuwing(en)",
        "forced": "GEFORCEERD GELADEN (--force): de gegevens zijn niet conform; dit staat in de metadata",
        "novalid": "validatie: niet uitgevoerd",
        "ontology": "ontologie en conceptschema's (opnieuw) geladen in <{g}>",
    },
}


@click.command("load")
@click.argument("data", nargs=-1, required=True)
@click.option(
    "--graph",
    "graph",
    default=None,
    metavar="IRI",
    help="Named graph of this export (default: https://w3id.org/referentiel/graph/{organisation or "
    "first file's stem}).",
)
@click.option(
    "--organisation",
    "organisation",
    default=None,
    metavar="ORG",
    help="The partner organisation the export comes from (recorded; names the default graph).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Load data that does not conform to the shapes anyway (recorded as forced in the metadata).",
)
@click.option(
    "--input-format", default=None, help="RDF format of the files when the extension does not tell."
)
@apply(store_option, endpoint_option, format_option(("text", "json"), "text"), lang_option, quiet_option)
@limit_option
def load_command(
    data: tuple[str, ...],
    graph: str | None,
    organisation: str | None,
    force: bool,
    input_format: str | None,
    store_dir: Path | None,
    endpoint: str | None,
    fmt: str,
    lang: str,
    quiet: bool,
) -> None:
    """Load one partner export (RDF files) into the harmonised store, in its own named graph.

    Everything is parsed and validated (SHACL) first; the graph is then replaced in one atomic
    step, so loading the same export again replaces it and a failure leaves the store unchanged
    (in the local store, a reload writes only the triples that changed).
    Data that does not conform is refused (exit 1) unless --force.
    """
    with open_from_options(store_dir, endpoint) as store:
        result = store.load(
            list(data), graph, organisation=organisation, force=force, rdf_format=input_format
        )
    if fmt == "json":
        v = result.validation
        click.echo(
            json.dumps(
                {
                    "graph": result.graph,
                    "triples": result.triples,
                    "replaced": result.replaced,
                    "write": None
                    if result.write is None
                    else {
                        "mode": result.write.mode,
                        "removed": result.write.removed,
                        "added": result.write.added,
                    },
                    "forced": result.forced,
                    "loadedAt": result.loaded_at,
                    "ontologyReloaded": result.ontology_reloaded,
                    "sources": [
                        {"file": s.name, "sha256": s.sha256, "bytes": s.size, "triples": s.triples}
                        for s in result.sources
                    ],
                    "validation": {
                        "validated": v.validated,
                        "conforms": v.conforms,
                        "violations": v.violations,
                        "warnings": v.warnings,
                        "results": v.results,
                    },
                },
                indent=1,
            )
        )
        return
    if quiet:
        return
    text = _LOAD_TEXT.get(lang, _LOAD_TEXT["en"])
    line = text["loaded"].format(n=result.triples, files=len(result.sources), g=result.graph)
    write = result.write
    if result.replaced and write is not None and write.mode == "diff":
        line += text["diff"].format(removed=write.removed, added=write.added)
    elif result.replaced:
        line += text["replaced"]
    click.echo(line)
    v = result.validation
    if not v.validated:
        click.echo(text["novalid"])
    elif v.results == 0:
        click.echo(text["conforms"])
    else:
        click.echo(text["results"].format(v=v.violations, w=v.warnings))
    if result.forced:
        click.echo(text["forced"], err=True)
    if result.ontology_reloaded:
        from referentiel.store import ONTOLOGY_GRAPH

        click.echo(text["ontology"].format(g=ONTOLOGY_GRAPH))


@click.command("graphs")
@apply(store_option, endpoint_option, format_option(("text", "json"), "text"), output_option)
def graphs_command(store_dir: Path | None, endpoint: str | None, fmt: str, output: Path | None) -> None:
    """List the graphs of the store: each loaded export with its metadata, and the ontology."""
    from referentiel.cli.options import emit

    with open_from_options(store_dir, endpoint, create=False) as store:
        graphs = store.graphs()
    if fmt == "json":
        emit(json.dumps([g.__dict__ for g in graphs], indent=1) + "\n", output)
        return
    # "violations", not SHACL's sh:conforms: conforms is false as soon as any result exists, even an
    # Info one, whereas the intake summary (and the decision to load) counts violations only.
    head = ("graph", "kind", "triples", "organisation", "loaded", "violations", "forced", "sources")
    rows = [
        (
            g.iri,
            g.kind,
            str(g.triples or ""),
            g.organisation or "",
            g.loaded_at or "",
            "" if g.violations is None else str(g.violations),
            "" if g.forced is None else str(g.forced).lower(),
            ", ".join(g.sources),
        )
        for g in graphs
    ]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(head)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    emit("\n".join(lines) + "\n", output)


_SERVE_TEXT = {
    "en": {
        "catalogue": "Research catalogue (aggregates under disclosure control, k = {k}) on "
        "http://{host}:{port}/catalogue — Ctrl-C to stop",
        "free": "WARNING — DISCLOSURE RISK: --allow-free-queries opens free SPARQL on "
        "http://{host}:{port}/sparql; it reaches family-level pseudonymous records, whatever the "
        "catalogue suppresses. Open it only to people allowed to see those records.",
        "token": "A token is required (Authorization: Bearer, from ${env}).",
    },
    "fr": {
        "catalogue": "Catalogue de recherche (agrégats sous contrôle de divulgation, k = {k}) sur "
        "http://{host}:{port}/catalogue — Ctrl-C pour arrêter",
        "free": "ATTENTION — RISQUE DE DIVULGATION : --allow-free-queries ouvre le SPARQL libre sur "
        "http://{host}:{port}/sparql ; il atteint les enregistrements pseudonymes de chaque famille, "
        "quoi que le catalogue supprime. Ne l'ouvrez qu'aux personnes autorisées à voir ces "
        "enregistrements.",
        "token": "Un jeton est exigé (Authorization: Bearer, depuis ${env}).",
    },
    "nl": {
        "catalogue": "Onderzoekscatalogus (aggregaten onder statistische geheimhouding, k = {k}) op "
        "http://{host}:{port}/catalogue — Ctrl-C om te stoppen",
        "free": "OPGELET — RISICO OP ONTHULLING: --allow-free-queries opent vrije SPARQL op "
        "http://{host}:{port}/sparql; die bereikt de pseudonieme gegevens van elk gezin, wat de "
        "catalogus ook weglaat. Open ze enkel voor wie die gegevens mag zien.",
        "token": "Een token is vereist (Authorization: Bearer, uit ${env}).",
    },
}


@click.command("serve")
@apply(store_option)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Loopback by default; any other address needs $REFERENTIEL_SERVE_TOKEN.",
)
@click.option(
    "--port", default=7879, show_default=True, type=click.IntRange(0, 65535), help="Port (0 = any free port)."
)
@click.option(
    "--allow-free-queries",
    is_flag=True,
    help="Also answer free SPARQL at /sparql. A DISCLOSURE RISK: free queries reach family-level "
    "pseudonymous records (the catalogue's suppression does not apply to them).",
)
@click.option(
    "--min-count",
    default=5,
    show_default=True,
    type=click.IntRange(2),
    help="Disclosure control of the catalogue: rows about fewer families than this are suppressed.",
)
@click.option(
    "--timeout",
    "timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(0.1, 86400),
    help="Seconds after which a query is cancelled (HTTP 503).",
)
@click.option(
    "--max-results",
    default=10000,
    show_default=True,
    type=click.IntRange(1),
    help="Largest number of result rows (or triples) returned; longer results are cut and flagged.",
)
@click.option(
    "--max-cell",
    default=2000,
    show_default=True,
    type=click.IntRange(1),
    help="Longest value (characters) in an answer; an answer holding a longer one is refused (HTTP 422).",
)
@click.option(
    "--max-response",
    default=16 * 1024 * 1024,
    show_default=True,
    type=click.IntRange(1),
    help="Largest answer (bytes); a larger one is refused (HTTP 422).",
)
@click.option(
    "--max-body",
    default=64 * 1024,
    show_default=True,
    type=click.IntRange(1),
    help="Largest request body (bytes); a larger one is refused (HTTP 413).",
)
@click.option(
    "--max-concurrent",
    default=2,
    show_default=True,
    type=click.IntRange(1),
    help="Queries run at once; more are answered 503 (retry later).",
)
@apply(lang_option)
def serve_command(
    store_dir: Path | None,
    host: str,
    port: int,
    allow_free_queries: bool,
    min_count: int,
    timeout: float,
    max_results: int,
    max_cell: int,
    max_response: int,
    max_body: int,
    max_concurrent: int,
    lang: str,
) -> None:
    """Serve the embedded store read-only to researchers: the research catalogue by default
    (GET /catalogue, /catalogue/NAME?param=value), aggregates under disclosure control.

    Free SPARQL 1.1 Protocol queries (/sparql, /query) only with --allow-free-queries, a disclosure
    risk. While it runs, the server holds the store: `load`/`ingest` into it are refused.
    Stop with Ctrl-C.
    """
    from referentiel.store.serve import TOKEN_ENV, make_server

    server = make_server(
        store_dir,
        host=host,
        port=port,
        timeout=timeout,
        max_results=max_results,
        allow_free_queries=allow_free_queries,
        min_count=min_count,
        max_cell=max_cell,
        max_response=max_response,
        max_body=max_body,
        max_concurrent=max_concurrent,
    )
    bound_host, bound_port = server.server_address[:2]
    text = _SERVE_TEXT.get(lang, _SERVE_TEXT["en"])
    try:
        click.echo(text["catalogue"].format(k=min_count, host=bound_host, port=bound_port), err=True)
        if allow_free_queries:
            click.echo(text["free"].format(host=bound_host, port=bound_port), err=True)
        if server.token:
            click.echo(text["token"].replace("{env}", TOKEN_ENV), err=True)
        server.serve_forever()
    finally:
        server.server_close()


COMMANDS: list[click.Command] = [load_command, graphs_command, serve_command]
