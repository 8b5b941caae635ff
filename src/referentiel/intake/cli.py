"""Click commands of the intake capability (thin: parse options, call the library, format output)."""

from __future__ import annotations

from pathlib import Path

import click

from referentiel.cli.options import (
    apply,
    emit,
    endpoint_option,
    key_file_option,
    lang_option,
    limit_option,
    output_error,
    quiet_option,
    store_option,
)


@click.command("ingest")
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.option(
    "--profiles",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder of organisation profiles ({org}/profile.yaml or {org}.yaml); "
    "default: the profile.yaml in each organisation's folder.",
)
@apply(store_option, endpoint_option)
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the report to FILE: .html (self-contained, to send to partners) or .json.",
)
@click.option(
    "--annotate",
    "annotate_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Also write, into this existing folder, an annotated copy of each export with findings "
    "({org}.annotated.xlsx: faulty cells highlighted, the message as a comment, personal values masked).",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Check the exports (translate and validate) without loading anything: the store is not opened.",
)
@key_file_option
@click.option(
    "--force", is_flag=True, help="Load exports even when they have violations (say so in the report)."
)
@lang_option
@quiet_option
@limit_option
def ingest_command(
    directory: Path | None,
    profiles: Path | None,
    store_dir: Path | None,
    endpoint: str | None,
    report_path: Path | None,
    annotate_dir: Path | None,
    dry_run: bool,
    key_file: Path | None,
    force: bool,
    lang: str,
    quiet: bool,
) -> int:
    """Translate, validate and load every partner export in DIRECTORY (the main job).

    DIRECTORY holds one folder per organisation, with its export files (CSV, XLSX, JSON) and its
    profile (profile.yaml) and mapping set. Without DIRECTORY, the bundled example organisations are
    ingested, pseudonymised with their DEMO-ONLY key (the summary says so). Each export that conforms
    is loaded into the store (one named graph per organisation, atomically); exports with violations
    are refused unless --force. The summary locates every problem in the partner's files; --lang
    gives it (and the report) in French, English or Dutch.

    Exit codes: 0 every export loaded, 1 some refused, 2 unusable input (missing folder, no profile,
    unreadable file, no key), 130 interrupted (what was loaded stays loaded, no report is left behind).
    """
    from referentiel.intake.pipeline import ingest
    from referentiel.intake.summary import say, to_brief, to_html, to_json, to_text
    from referentiel.progress import for_terminal

    if report_path is not None and report_path.suffix.lower() not in (".html", ".htm", ".json"):
        raise click.BadParameter("the report must end in .html or .json", param_hint="--report")
    if report_path is not None and (not report_path.parent.is_dir() or report_path.is_dir()):
        # Said before the work starts, not after an hour of intake.
        raise output_error(report_path, OSError())
    if annotate_dir is not None and not annotate_dir.is_dir():
        raise output_error(annotate_dir / "x.annotated.xlsx", OSError())
    summary = ingest(
        directory,
        profiles=profiles,
        store=store_dir,
        endpoint=endpoint,
        key_file=key_file,
        force=force,
        progress=for_terminal(quiet),
        lang=lang,
        dry_run=dry_run,
    )
    click.echo(to_brief(summary) if quiet else to_text(summary), nl=False)
    if annotate_dir is not None:
        from referentiel.intake.pipeline import write_annotated

        for path in write_annotated(summary, directory, annotate_dir, profiles=profiles):
            if not quiet:
                click.echo(say(summary.lang, "report-written", path=path))
    if report_path is not None:
        render = to_json if report_path.suffix.lower() == ".json" else to_html
        emit(render(summary), report_path)
        if not quiet:
            click.echo(say(summary.lang, "report-written", path=report_path))
    if summary.exit_code:
        click.get_current_context().exit(summary.exit_code)
    return summary.exit_code


@click.command("generate")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="New (or empty) folder to write the synthetic exports into.",
)
@click.option(
    "--families", type=click.IntRange(min=1), default=1000, show_default=True, help="Number of families."
)
@click.option("--seed", type=int, default=1, show_default=True, help="Random seed (same seed, same bytes).")
@click.option(
    "--defect-rate",
    type=click.FloatRange(0, 0.5),
    default=0.01,
    show_default=True,
    help="Share of rows carrying one injected defect (0: clean data, no leak).",
)
@lang_option
@quiet_option
def generate_command(
    output: Path, families: int, seed: int, defect_rate: float, lang: str, quiet: bool
) -> int:
    """Write realistic synthetic partner exports, in the example organisations' dialects.

    One folder per example organisation, with its profile and mapping set copied next to the
    generated files, so that `referentiel ingest OUTPUT --key-file OUTPUT/SYNTHETIC-ONLY.key` reads
    them through the real profiles. Injected defects are listed in OUTPUT/expected-defects.json.
    """
    from referentiel.intake.generator import generate
    from referentiel.intake.summary import say
    from referentiel.progress import for_terminal

    result = generate(
        output, families=families, seed=seed, defect_rate=defect_rate, progress=for_terminal(quiet)
    )
    click.echo(
        say(
            lang,
            "generated",
            families=result.families,
            organisations=len(result.organisations),
            rows=result.total_rows,
            defects=len(result.defects),
            output=output,
        )
    )
    return 0


COMMANDS: list[click.Command] = [ingest_command, generate_command]
