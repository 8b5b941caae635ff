"""Click commands ``referentiel translate`` and ``referentiel mappings coverage`` (thin).

Kept apart from :mod:`referentiel.translation.cli` (the SSSOM commands) so that the two can evolve
without clashing; ``cli.py`` registers them.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from referentiel.cli.options import (
    AliasChoice,
    emit,
    emit_all,
    format_option,
    key_file_option,
    lang_option,
    limit_option,
    output_option,
    quiet_option,
)

EXIT_FINDINGS = 1
RDF_FORMATS = {"ttl": "turtle", "turtle": "turtle", "nt": "nt", "jsonld": "json-ld"}
SEVERITIES = ("violation", "warning", "info")
MAX_LINES = 40

profile_option = click.option(
    "--profile",
    "profile_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The organisation profile (YAML) describing the export (see docs/translation.md).",
)


def summary_lines(result: object, *, limit: int = MAX_LINES, lang: str = "fr") -> list[str]:
    """Human summary of a translation in ``lang``: rows per table, then the issues (errors and
    warnings first)."""
    from referentiel.translation.messages import check_lang, location, render, word
    from referentiel.translation.translator import SEVERITY_ORDER, TranslationResult

    assert isinstance(result, TranslationResult)
    lang = check_lang(lang)
    lines = []
    for f in result.files:
        if f.refused:
            state = render("translate.refused", {}, lang)
        else:
            state = render(
                "translate.rows", {"translated": f.rows_translated, "rejected": f.rows_rejected}, lang
            )
        read_as = (
            render("translate.read-as", {"encoding": f.encoding, "delimiter": f.delimiter}, lang)
            if f.delimiter
            else ""
        )
        where = location(f.file, f.sheet, None, None, lang)
        lines.append(
            render(
                "translate.table",
                {"where": where, "entity": f.entity, "read": f.rows_read, "state": state, "read_as": read_as},
                lang,
            )
        )
    shown = sorted(
        (i for i in result.issues if i.severity != "info"), key=lambda i: -SEVERITY_ORDER[i.severity]
    )
    for issue in shown[:limit]:
        lines.append(word(issue.severity, lang) + word("colon", lang) + issue.located(lang))
    if len(shown) > limit:
        lines.append(render("translate.more", {"count": len(shown) - limit}, lang))
    counts = {f"{s}s": result.count(s) for s in SEVERITIES}
    lines.append(
        render("translate.counts", {"triples": len(result), **counts}, lang)
        + (render("translate.infos", {}, lang) if result.count("info") else "")
    )
    return lines


@click.command("translate")
@click.argument("exports", nargs=-1, required=True, type=click.Path(path_type=Path))
@profile_option
@format_option(("ttl", "nt", "jsonld"), "ttl", "RDF output format.")
@output_option
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the translation report (counts, issues located in the export) as JSON.",
)
@key_file_option
@click.option(
    "--fail-on",
    # "error" was translate's word for what validation and ingest call a violation.
    type=AliasChoice(("violation", "warning", "never"), {"error": "violation"}),
    default="violation",
    show_default=True,
    help="Exit 1 when an issue of this severity or worse was met (rejected rows, refused tables...).",
)
@lang_option
@quiet_option
@limit_option
def translate_command(
    exports: tuple[Path, ...],
    profile_path: Path,
    fmt: str,
    output: Path | None,
    report_path: Path | None,
    key_file: Path | None,
    fail_on: str,
    lang: str,
    quiet: bool,
) -> None:
    """Translate a partner's EXPORT (CSV, XLSX or JSON files, or their folder) into RDF of the framework.

    The organisation PROFILE says which file holds which entity, which column feeds which property,
    which columns are personal (pseudonymised with the key) and which mapping set translates the
    vocabulary. Every resource keeps its provenance (file, sheet, row) and every translated cell its
    original value. Unmapped terms, unknown columns and rejected rows are reported, never dropped
    silently. Exit 0 when nothing at or above --fail-on was met, 1 otherwise, 2 for unusable input.
    --lang sets the language of the summary and of the report's messages (kinds and keys stay English).
    """
    from referentiel.progress import for_terminal
    from referentiel.translation.translator import SEVERITY_ORDER, translate

    result = translate(list(exports), profile_path, key_file=key_file, progress=for_terminal(quiet))
    outputs = [(result.serialize(RDF_FORMATS[fmt]).decode("utf-8"), output)]
    if report_path is not None:
        document = result.report(lang=lang.lower())
        outputs.append((json.dumps(document, ensure_ascii=False, indent=2) + "\n", report_path))
    emit_all(outputs)
    if not quiet:
        for line in summary_lines(result, lang=lang.lower()):
            click.echo(line, err=True)
    worst = result.worst
    if fail_on != "never" and worst is not None and SEVERITY_ORDER[worst] >= SEVERITY_ORDER[fail_on]:
        raise click.exceptions.Exit(EXIT_FINDINGS)


@click.command("coverage")
@click.argument("exports", nargs=-1, required=True, type=click.Path(path_type=Path))
@profile_option
@format_option(("text", "json", "csv"), "text")
@output_option
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    default=None,
    help="Exit 1 when less than this percentage of cells map to the framework.",
)
@lang_option
@limit_option
def coverage_command(
    exports: tuple[Path, ...],
    profile_path: Path,
    fmt: str,
    output: Path | None,
    fail_under: float | None,
    lang: str,
) -> None:
    """How much of the export's vocabulary maps to the framework, column by column.

    Per translated column: distinct terms and cells that map exactly, map with a non-exact SKOS
    predicate, are declared without equivalent, or are unmapped; then the unmapped terms by
    frequency (the to-do list for the mapping set). Needs no pseudonymisation key. Exit 1 when a
    table could not be read (the figures are then incomplete, and say so first) or with --fail-under.
    --lang sets the language of the text and of the problems' messages (JSON keys, classes and CSV
    columns stay English).
    """
    from referentiel.translation.mapping_coverage import coverage, render_csv, render_json, render_text

    report = coverage(list(exports), profile_path)
    lang = lang.lower()
    if fmt == "text":
        text = render_text(report, lang=lang)
    elif fmt == "json":
        text = render_json(report, lang=lang)
    else:
        text = render_csv(report)
    emit(text, output)
    if report.refused_tables and fmt != "text":
        # The CSV has no room to say that its figures are partial, and JSON readers look at numbers.
        from referentiel.translation.messages import location, render

        tables = "; ".join(location(file, sheet, None, None, lang) for file, sheet in report.refused_sheets)
        click.echo(render("coverage.incomplete-elsewhere", {"count": len(report.refused_sheets),
                                                            "tables": tables}, lang), err=True)
    if report.refused_tables or (fail_under is not None and 100 * report.mapped_share < fail_under):
        raise click.exceptions.Exit(EXIT_FINDINGS)
