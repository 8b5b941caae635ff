"""Click commands of the ontology capability (thin: parse options, call the library, format output)."""

from __future__ import annotations

from pathlib import Path

import click

from referentiel.cli.options import chosen_lang, emit, format_option, lang_option, output_option
from referentiel.error_messages import error_word
from referentiel.errors import ReferentielError

ontology_file_option = click.option(
    "--ontology", "ontology_file", type=click.Path(path_type=Path), default=None, metavar="FILE",
    help="Ontology file to use (Turtle, RDF/XML, N-Triples, JSON-LD). Default: the bundled ontology.",
)

input_format_option = click.option(
    "--input-format", default=None, metavar="FORMAT",
    help="RDF format of --ontology when its extension does not tell it (turtle, xml, nt, json-ld).",
)


def _fail(ctx: click.Context, exc: ReferentielError) -> None:
    lang = chosen_lang()
    click.echo(f"{error_word(lang)}: {exc.text(lang)}", err=True)
    ctx.exit(exc.exit_code)


@click.group("ontology")
def ontology() -> None:
    """The framework's OWL ontology: reasoner and quality checks, HTML documentation."""


@ontology.command("check")
@ontology_file_option
@input_format_option
@format_option(("text", "json"), "text", "Report format (json: see docs/ontology.md, 'Quality checks').")
@click.option("--no-reasoner", is_flag=True,
              help="Skip HermiT (consistency, unsatisfiable classes); the report says it was skipped.")
@click.option("--namespace", "namespaces", multiple=True, metavar="IRI",
              help="A namespace whose terms are the ontology's own (repeatable). "
              "Default: vann:preferredNamespaceUri, else the ontology IRI (+ refc: for the framework).")
@output_option
@lang_option
@click.pass_context
def check(ctx: click.Context, ontology_file: Path | None, input_format: str | None, fmt: str,
          no_reasoner: bool, namespaces: tuple[str, ...], output: Path | None, lang: str) -> None:
    """Reason over the ontology (HermiT) and run the quality checks.

    Exit 0 when no check found an ERROR, 1 when one did, 2 when the ontology cannot be read or the
    reasoner was asked for but Java is missing.
    """
    from referentiel.ontology import check_ontology

    try:
        report = check_ontology(ontology_file, reasoner=not no_reasoner, namespaces=namespaces or None,
                                input_format=input_format)
    except ReferentielError as exc:
        _fail(ctx, exc)
        return
    emit(report.to_json(lang) if fmt.lower() == "json" else report.to_text(lang), output)
    if report.reasoner.status == "unavailable":
        from referentiel.ontology.messages import say

        why = {"message": report.reasoner.message_in(lang)}
        message = say("the reasoner could not run: {message}", lang, why)
        click.echo(f"{error_word(lang)}: {message}", err=True)
    ctx.exit(report.exit_code)


@ontology.command("docs")
@click.option("-o", "--output-dir", "output_dir", type=click.Path(path_type=Path), required=True,
              metavar="DIR",
              help="Folder to write index.html (pyLODE) and terms.html into (created if needed).")
@ontology_file_option
@input_format_option
@lang_option
@click.pass_context
def docs(ctx: click.Context, output_dir: Path, ontology_file: Path | None, input_format: str | None,
         lang: str) -> None:
    """Write HTML documentation (pyLODE page, fr/en/nl term table)."""
    from referentiel.ontology.docs import generate_docs

    try:
        result = generate_docs(output_dir, ontology_file, input_format)
    except ReferentielError as exc:
        _fail(ctx, exc)
        return
    written = ", ".join(str(path) for path in result.files)
    from referentiel.translation.messages import render

    counts = {"files": written, "generator": result.generator, "terms": result.terms,
              "schemes": result.concept_schemes, "concepts": result.concepts, "seconds": result.seconds}
    click.echo(render("ontology.docs-written", counts, lang), err=True)


COMMANDS: list[click.Command] = [ontology]
