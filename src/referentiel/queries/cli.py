"""Click commands of the queries capability: ``queries`` (the catalogue) and ``query`` (run one)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from referentiel.cli.options import (
    apply,
    emit,
    endpoint_option,
    format_option,
    lang_option,
    output_option,
    store_option,
)


@click.command("queries")
@apply(lang_option, format_option(("text", "json"), "text"))
def queries_command(lang: str, fmt: str) -> None:
    """List the catalogue of research queries (name, title, parameters)."""
    from referentiel.queries.catalogue import catalogue

    queries = catalogue()
    if fmt == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "name": q.name,
                        "title": q.title(lang),
                        "description": q.description(lang),
                        "parameters": [
                            {
                                "name": p.name,
                                "type": p.type,
                                "default": p.default,
                                "description": p.description,
                            }
                            for p in q.params
                        ],
                        "countColumns": q.count_columns,
                        "disclosure": q.disclosure,
                        "concept": q.concept,
                    }
                    for q in queries
                ],
                indent=1,
                ensure_ascii=False,
            )
        )
        return
    for q in queries:
        click.echo(f"{q.name}\n  {q.title(lang)}")
        for p in q.params:
            default = f" = {p.default}" if p.default is not None else " (required)"
            click.echo(f"  --param {p.name}  {p.type}{default}  {p.description}")


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    from referentiel.errors import ConfigError
    from referentiel.privacy import shown

    out: dict[str, str] = {}
    for item in values:
        if "=" not in item:
            raise ConfigError.of(
                "--param {item!r} is not NAME=VALUE", item=shown(item), hint="e.g. --param min_share=0.3"
            )
        name, value = item.split("=", 1)
        name = name.strip()
        if not name:
            raise ConfigError.of(
                "--param {item!r} has no NAME before '='", item=shown(item), hint="e.g. --param min_share=0.3"
            )
        if name in out:
            # Keeping only one of the two would silently drop what the user gave.
            raise ConfigError.of("--param {name} is given twice", name=name, hint="give each parameter once")
        out[name] = value
    return out


@click.command("query")
@click.argument("query_ref", metavar="NAME|FILE.rq|-")
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A parameter of the query (repeatable); bound as a typed RDF term.",
)
@click.option(
    "--min-count",
    default=5,
    show_default=True,
    type=click.IntRange(1),
    help="Disclosure control: rows about fewer families than this are suppressed.",
)
@apply(
    store_option,
    endpoint_option,
    format_option(("text", "csv", "tsv", "json", "xml"), "text"),
    lang_option,
    output_option,
)
def query_command(
    query_ref: str,
    params: tuple[str, ...],
    min_count: int,
    store_dir: Path | None,
    endpoint: str | None,
    fmt: str,
    lang: str,
    output: Path | None,
) -> None:
    """Run a research query of the catalogue (by NAME), your own FILE.rq, or a query on stdin (-).

    json/csv/tsv/xml follow the SPARQL 1.1 Query Results formats; json adds a top-level
    "disclosure" member, and csv/tsv/xml print the disclosure notice on stderr.
    """
    from referentiel.queries.catalogue import get_query
    from referentiel.queries.runner import concept_labels, render, run
    from referentiel.store.cli import open_from_options

    query = get_query(query_ref, sys.stdin.read() if query_ref == "-" else None)
    values = _parse_params(params)
    with open_from_options(store_dir, endpoint, create=False) as store:
        result = run(query, store, values, lang=lang, min_count=min_count)
        labels = concept_labels(store, lang) if fmt == "text" else None
    emit(render(result, fmt, lang, labels), output)
    if fmt in ("csv", "tsv", "xml"):
        click.echo(result.note(lang), err=True)


COMMANDS: list[click.Command] = [queries_command, query_command]
