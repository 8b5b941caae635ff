"""Click commands of the translation capability (thin: parse options, call the library, format output).

``referentiel mappings ...`` works on SSSOM mapping sets (check, suggest; coverage is added by the
translate module), ``referentiel terms ...`` translates single terms between organisations and the
framework. Library modules are imported inside the commands so that ``referentiel --help`` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from referentiel.cli.options import apply, emit, format_option, lang_option, output_option
from referentiel.errors import ConfigError
from referentiel.translation.messages import render
from referentiel.translation.suggest_match import METHODS

EXIT_FINDINGS = 1

_ontology_option = click.option(
    "--ontology", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="Ontology file holding the framework's concepts (default: the bundled ontology/referentiel.ttl).",
)
_mappings_dir_option = click.option(
    "--mappings", "mappings_dir", type=click.Path(path_type=Path), default=None,
    help="Folder of organisation mapping sets ({org}/mappings.sssom.tsv or {org}.sssom.tsv), or one "
    "mapping set (default: the bundled example organisations).",
)


@click.group("mappings")
def mappings() -> None:
    """Work on SSSOM mapping sets (organisation terms -> framework concepts)."""


@mappings.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@format_option(("text", "json"), "text")
@_ontology_option
@output_option
@lang_option
def check_command(files: tuple[Path, ...], fmt: str, ontology: Path | None, output: Path | None,
                  lang: str) -> None:
    """Check mapping sets: SSSOM well-formedness and SKOS integrity against the framework.

    Exit 0 when no check of severity ERROR fires, 1 otherwise, 2 when a file is unusable.
    """
    from referentiel.translation.framework import load_framework
    from referentiel.translation.mapping_checks import check_mapping_files, render_text

    framework = load_framework(ontology)
    report = check_mapping_files([str(f) for f in files], framework)
    if fmt == "json":
        text = json.dumps(report.to_dict(lang), ensure_ascii=False, indent=2)
    else:
        text = render_text(report, lang)
    emit(text, output)
    if not report.ok:
        raise click.exceptions.Exit(EXIT_FINDINGS)


@mappings.command("suggest")
@click.option("--from", "org", default=None,
              help="The organisation (its slug in --mappings): suggest for the unmapped terms of its export, "
              "or, with --terms, name the organisation the terms belong to.")
@click.option("--terms", "terms_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A text file of terms, one per line (# starts a comment).")
@_mappings_dir_option
@click.option("--top", "top_k", type=click.IntRange(1, 50), default=5, show_default=True,
              help="Number of candidates per term.")
@click.option("--method", type=click.Choice(METHODS), default=None,
              help="Matching method (default: hybrid, lexical and embedding evidence fused, the winner of "
              "the evaluation in docs/translation.md; lexical if the embedding model is not installed).")
@click.option("--min-score", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Drop candidates scoring below this (0..1).")
@click.option("--scheme", "schemes", multiple=True,
              help="Only suggest concepts of this scheme (e.g. scheme-role); repeatable.")
@click.option("--prefix", "org_prefix", default=None,
              help="CURIE prefix of the organisation's terms with --terms (default: from --from).")
@_ontology_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The SSSOM/TSV file to write (ready for review).")
@lang_option
def suggest_command(org: str | None, terms_file: Path | None, mappings_dir: Path | None, top_k: int,
                    method: str | None, min_score: float, schemes: tuple[str, ...], org_prefix: str | None,
                    ontology: Path | None, output: Path, lang: str) -> None:
    """Suggest ranked candidate mappings for unmapped terms, written as SSSOM for review."""
    from referentiel.translation.suggest import (
        resolve_method,
        suggest_for_terms,
        suggestion_set,
        terms_to_suggest,
    )

    if org is None and terms_file is None:
        raise ConfigError.of(
            "no terms to suggest mappings for",
            hint="give --from ORG (its unmapped terms) or --terms FILE (with --from naming the organisation "
            "the terms belong to)",
        )
    plan = terms_to_suggest(org=org, terms_file=terms_file, mappings=mappings_dir, prefix=org_prefix)
    used, why = resolve_method(method)
    if why:
        click.echo(render("suggest.fallback", {}, lang), err=True)
    from referentiel.progress import for_terminal

    suggestions = suggest_for_terms(plan.terms, method=used, top_k=top_k, ontology=ontology, schemes=schemes,
                                    min_score=min_score, progress=for_terminal())
    from referentiel.translation.sssom import write_mapping_set

    ms = suggestion_set(plan, suggestions, method=used)
    write_mapping_set(ms, output)
    without = sum(1 for s in suggestions if not s.candidates)
    unsure = sum(1 for s in suggestions if s.candidates and s.no_match)
    counts = {"terms": len(plan.terms), "candidates": len(ms.mappings), "method": used, "output": output}
    line = render("suggest.written", counts, lang)
    line += render("suggest.without", {"count": without}, lang) if without else ""
    line += render("suggest.unsure", {"count": unsure}, lang) if unsure else ""
    click.echo(line, err=True)


@mappings.command("review")
@click.argument("mapping_set", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--term", required=True, help="The organisation's term, as written in its exports.")
@click.option("--accept", "accepted", default=None, help="The framework concept the term maps to (refc:...).")
@click.option("--reject", "rejected", default=None,
              help="A framework concept the term does NOT map to (written as a negated row).")
@click.option("--predicate", type=click.Choice(("skos:exactMatch", "skos:closeMatch", "skos:broadMatch",
                                                "skos:narrowMatch", "skos:relatedMatch")),
              default="skos:exactMatch", show_default=True, help="How close the match is.")
@click.option("--scheme", default=None, help="The scheme of the term's column (e.g. intervention-type-), "
              "for the identifier of a new term.")
@click.option("--author", required=True,
              help="The reviewer's identifier (a role such as 'steward' or an ORCID CURIE), never a name.")
@_ontology_option
@lang_option
def review_command(mapping_set: Path, term: str, accepted: str | None, rejected: str | None, predicate: str,
                   scheme: str | None, author: str, ontology: Path | None, lang: str) -> None:
    """Record a reviewed mapping of TERM in MAPPING_SET, checked by `mappings check` before it is saved.

    Exit 0 when saved, 1 when the checks found an ERROR (nothing is written), 2 for unusable input.
    """
    from referentiel.translation.framework import load_framework
    from referentiel.translation.mapping_check_messages import say
    from referentiel.translation.mapping_checks import CheckReport, render_text
    from referentiel.translation.review import ACCEPT, REJECT, record_decision

    if (accepted is None) == (rejected is None):
        raise ConfigError.of(
            "a decision is either an acceptance or a rejection",
            hint="give exactly one of --accept CONCEPT or --reject CONCEPT",
        )
    result = record_decision(mapping_set, term=term, concept=accepted or rejected or "", author=author,
                             decision=ACCEPT if accepted else REJECT, predicate=predicate, scheme=scheme,
                             framework=load_framework(ontology))
    report = CheckReport(findings=result.findings, files=[str(mapping_set)],
                         mappings=len(result.mapping_set.mappings))
    click.echo(render_text(report, lang), nl=False)
    if not result.saved:
        raise click.exceptions.Exit(EXIT_FINDINGS)
    m = result.mapping
    said = {"subject": m.subject_id, "negation": "Not " if m.negated else "", "predicate": m.predicate_id,
            "object": m.object_id, "file": mapping_set}
    click.echo(say("{subject} {negation}{predicate} {object}: written to {file}", lang, said))


@mappings.command("init")
@click.argument("org")
@click.option("--prefix", "org_prefix", default=None,
              help="CURIE prefix of the organisation's terms (default: the slug without hyphens).")
@click.option("--title", default=None, help="The mapping set's title.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: ORG/mappings.sssom.tsv, the layout --mappings expects).")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@lang_option
def init_command(org: str, org_prefix: str | None, title: str | None, output: Path | None,
                 force: bool, lang: str) -> None:
    """Write an empty, valid SSSOM mapping set for a new organisation ORG (its slug).

    A profile must point at an existing mapping set, and `mappings suggest --from ORG` reads it to
    find the unmapped terms: start a new partner with this, then fill it with `mappings suggest`.
    """
    from referentiel.translation.sssom import new_mapping_set, write_mapping_set

    ms = new_mapping_set(org, prefix=org_prefix, title=title)
    path = output or Path(org) / "mappings.sssom.tsv"
    if path.exists() and not force:
        raise ConfigError.of(
            "this mapping set already exists: it may hold reviewed mappings",
            file=str(path),
            hint="give another -o, or --force to replace it",
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    write_mapping_set(ms, path)
    prefix = next(iter(ms.curie_map))
    click.echo(render("mappings.init-written", {"org": org, "path": path, "prefix": prefix}, lang), err=True)


@click.group("terms")
def terms() -> None:
    """Translate terms between organisations and the framework."""


@terms.command("translate")
@click.argument("term")
@click.option("--from", "source", required=True,
              help="The organisation whose term it is (slug), or 'framework' for a concept.")
@click.option("--to", "target", default="framework", show_default=True,
              help="'framework', an organisation slug, or 'all' (every other organisation).")
@click.option("--scheme", default=None,
              help="Keep only translations into this scheme (e.g. role, need, scheme-sector).")
@_mappings_dir_option
@_ontology_option
@format_option(("text", "json"), "text")
@apply(lang_option, output_option)
def translate_term_command(term: str, source: str, target: str, scheme: str | None, mappings_dir: Path | None,
                           ontology: Path | None, fmt: str, lang: str, output: Path | None) -> None:
    """Translate TERM from one organisation to the framework or to another organisation.

    The answer says how good the translation is: exact, close, broader, narrower or related, and
    through which framework concept, instead of pretending that every match is an equivalence.
    Exit 1 when the term has no translation.
    """
    from referentiel.translation.terms import TermTranslator, render_translations

    translator = TermTranslator.from_directory(mappings_dir, ontology=ontology)
    result = translator.translate(term, source=source, target=target, scheme=scheme)
    text = (json.dumps(result.to_dict(lang), ensure_ascii=False, indent=2) if fmt == "json"
            else render_translations(result, lang=lang))
    emit(text, output)
    if not result.found:
        raise click.exceptions.Exit(EXIT_FINDINGS)


@terms.command("lookup")
@click.argument("concept")
@_mappings_dir_option
@_ontology_option
@click.option("--hierarchy/--no-hierarchy", default=False, show_default=True,
              help="Also list terms mapped to concepts above or below CONCEPT.")
@format_option(("text", "json"), "text")
@apply(lang_option, output_option)
def lookup_command(concept: str, mappings_dir: Path | None, ontology: Path | None, hierarchy: bool, fmt: str,
                   lang: str, output: Path | None) -> None:
    """List each organisation's term(s) for a framework CONCEPT (refc:..., IRI or local name)."""
    from referentiel.translation.terms import TermTranslator, render_lookup

    translator = TermTranslator.from_directory(mappings_dir, ontology=ontology)
    result = translator.lookup(concept, hierarchy=hierarchy)
    text = (json.dumps(result.to_dict(), ensure_ascii=False, indent=2) if fmt == "json"
            else render_lookup(result, lang=lang))
    emit(text, output)


from referentiel.translation.commands_translate import coverage_command, translate_command  # noqa: E402

mappings.add_command(coverage_command)

@click.group("profile")
def profile() -> None:
    """Organisation profiles: how a partner's export files are read."""


@profile.command("draft")
@click.argument("exports", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--org", "slug", default=None,
              help="The organisation's slug (default: the name of the folder holding the export).")
@click.option("--name", default=None, help="The organisation's name (default: the slug).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The profile to write (YAML, every guess marked REVIEW).")
@click.option("--force", is_flag=True, help="Overwrite an existing profile.")
@lang_option
def draft_command(exports: tuple[Path, ...], slug: str | None, name: str | None, output: Path,
                  force: bool, lang: str) -> None:
    """Draft a commented profile for an unseen export (CSV, XLSX, JSON files or folders).

    Guesses each table's entity and each column's role, date pattern and list separator; columns that
    look personal or are not recognised are refused. Writes an empty mapping set next to the profile
    when there is none, so that `mappings suggest --from ORG` can run at once.
    """
    from referentiel.translation.profile import load_profile
    from referentiel.translation.profile_draft import collect_organisations, draft_profile, render_profile
    from referentiel.translation.sssom import new_mapping_set, write_mapping_set

    if output.exists() and not force:
        raise ConfigError.of(
            "this profile already exists: it may be reviewed already",
            file=str(output),
            hint="give another -o, or --force to replace it",
        )
    first = exports[0].resolve()
    folder = first if first.is_dir() else first.parent
    if slug is None:
        slug = folder.parent.name if folder.name in ("export", "exports") else folder.name
    draft = draft_profile(list(exports), slug, name)
    collect_organisations(draft, list(exports))
    mappings = output.parent / "mappings.sssom.tsv"
    output.parent.mkdir(parents=True, exist_ok=True)
    created = not mappings.exists()
    if created:
        write_mapping_set(new_mapping_set(slug), mappings)
    output.write_text(render_profile(draft, mappings.name), encoding="utf-8")
    load_profile(output)  # the draft must load: a failure here is a bug, reported as such
    refused = sum(c.refused for t in draft.tables for c in t.columns)
    counts = {"tables": len(draft.tables), "output": output, "refused": refused}
    line = render("profile.drafted", counts, lang)
    line += render("profile.mappings-written", {"path": mappings}, lang) if created else ""
    click.echo(line, err=True)


COMMANDS: list[click.Command] = [translate_command, mappings, terms, profile]
