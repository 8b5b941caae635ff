"""Click commands of the validation capability (thin: parse options, call the library, format output)."""

from __future__ import annotations

from pathlib import Path

import click

from referentiel.cli.options import apply, emit, format_option, lang_option, limit_option, output_option


@click.command("validate")
@click.argument("data", nargs=-1, required=True)
@click.option("--shapes", "shapes", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="SHACL shapes file (repeatable). Default: the framework's bundled shapes.")
@click.option("--ontology", "ontology", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Ontology merged into the data graph (default: the bundled ontology with the bundled "
              "shapes, none with --shapes).")
@format_option(("text", "json", "turtle", "html"), "text", "Report format.")
@lang_option
@limit_option
@click.option("--fail-on", type=click.Choice(("violation", "warning", "info"), case_sensitive=False),
              default="violation", show_default=True,
              help="Exit 1 when there is a result of this severity or above.")
@click.option("--input-format", default=None,
              help="RDF format of the data when the extension does not tell "
              "(turtle, nt, nquads, trig, json-ld, xml); needed for - (stdin) if not Turtle.")
@click.option("--profile", "profile", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="DATA is a partner's export (CSV, XLSX, JSON files or folder): translate it with this "
              "organisation profile first and report in the partner's terms (file, row, column).")
@click.option("--key-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="With --profile: file holding the pseudonymisation key "
              "(default: $REFERENTIEL_PSEUDONYM_KEY).")
@click.option("--engine", type=click.Choice(("sparql", "turbo", "pyshacl-turbo", "pyshacl")), default=None,
              help="SHACL engine: sparql (shapes compiled into SPARQL over an Oxigraph store; the default "
              "whenever it supports every feature the shapes use), pyshacl (the pure-Python reference "
              "engine) or turbo (pyshacl-turbo).")
@apply(output_option)
def validate_command(data: tuple[str, ...], shapes: tuple[Path, ...], ontology: Path | None, fmt: str,
                     lang: str, fail_on: str, input_format: str | None, output: Path | None,
                     profile: Path | None = None, key_file: Path | None = None,
                     engine: str | None = None) -> None:
    """Validate RDF data against the framework's SHACL shapes (or any SHACL shapes).

    DATA: one or more RDF files (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML), or - for
    standard input; several files are validated together as one graph.

    Exit codes: 0 conforms (nothing at or above --fail-on), 1 results at or above --fail-on,
    2 unusable input or usage.
    """
    from referentiel.validation.api import BUNDLED, validate
    from referentiel.validation.render import render

    if profile is not None:  # a partner's export: translate, validate, report in its terms
        from referentiel.translation.validate_export import validate_export

        report = validate_export(
            list(data), profile, key_file=key_file, shapes=list(shapes) or None,
            ontology=ontology if ontology is not None else BUNDLED, fail_on=fail_on.lower(),
            lang=lang.lower(),
        )
        emit(render(report, fmt.lower()), output)
        click.get_current_context().exit(report.exit_code)
    report = validate(
        list(data), list(shapes) or None,
        ontology=ontology if ontology is not None else BUNDLED,
        fail_on=fail_on.lower(), lang=lang.lower(), input_format=input_format, engine=engine,
    )
    emit(render(report, fmt.lower()), output)
    ctx = click.get_current_context()
    ctx.exit(report.exit_code)


COMMANDS: list[click.Command] = [validate_command]
