"""Translate a partner's tabular export into RDF in the framework, losing nothing.

For each row of each table the profile describes, one resource of the entity's class is made
(``refd:{org}/{entity}/{id}``), derived from a ``ref:SourceRecord`` (file, sheet, row). Each cell
that feeds a property is kept beside its translation as a ``ref:OriginalValue`` (column, text as
written, property, concept, SKOS predicate, status), so that a validation report can speak in the
partner's terms and nothing the partner wrote is lost:

- a term that maps is translated; the SKOS predicate of the mapping is kept. ``exactMatch``,
  ``closeMatch`` and ``broadMatch`` assert the concept property (the partner's term is then an
  instance of the framework concept); ``narrowMatch`` and ``relatedMatch`` do not (that would
  over-claim), the concept is recorded on the OriginalValue only;
- a term the mapping set says has no equivalent (``sssom:NoTermFound``) is kept with status
  ``no-equivalent``; a term absent from the mapping set is kept with status ``unmapped`` and reported;
- a cell that cannot be parsed (a bad date) is kept with status ``unparsable`` and reported;
- a cell that is not what its column declares (an unmapped term, an unreadable date, an organisation
  not in the profile, a commune) passes the personal-data screen (:func:`referentiel.privacy.screen`)
  first: when the screen finds anything, the value is neither kept nor shown; the report gives its
  location and shape, and the OriginalValue keeps status ``withheld``, its shape and no ``rdf:value``;
- suppressed columns, and columns the profile does not describe, are screened too: what the screen
  finds there is reported (kind, rows), never kept;
- a row that cannot be read at all (wrong number of fields, no id) is rejected and reported with its
  row number; the other rows go on.

Personal identifiers are pseudonymised (:mod:`referentiel.translation.pseudonym`); a column that looks
personal and is not declared refuses its table (nothing of it is translated).

This module is the public API (:func:`translate`, :func:`analyse`, :func:`expand_exports`); the work
is split by responsibility: :mod:`~referentiel.translation.readers` and
:mod:`~referentiel.translation.xlsx` (files), :mod:`~referentiel.translation.tables` (a table against
its profile, the personal-data rule), :mod:`~referentiel.translation.rows` (rows),
:mod:`~referentiel.translation.cells` (cells: each distinct value of a column worked out once),
:mod:`~referentiel.translation.compositions` (family members), :mod:`~referentiel.translation.resolve`
(terms, dates), :mod:`~referentiel.translation.emit` (IRIs, literals, triples, N-Triples) and
:mod:`~referentiel.translation.report` (issues, statistics, result).
The names imported ``as`` themselves are re-exported for the modules that import them from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from referentiel.errors import ConfigError, InputError
from referentiel.namespaces import PREFIXES, REFO
from referentiel.progress import Progress
from referentiel.translation.emit import _gc_paused
from referentiel.translation.emit import _id_token as _id_token
from referentiel.translation.emit import _ntriples as _ntriples
from referentiel.translation.messages import Msg
from referentiel.translation.profile import Profile, TableSpec, load_profile
from referentiel.translation.pseudonym import KEY_ENV, Pseudonymiser, check_key_use, resolve_key
from referentiel.translation.readers import close_workbooks
from referentiel.translation.report import ERROR, TranslationIssue, TranslationResult
from referentiel.translation.report import INFO as INFO
from referentiel.translation.report import SEVERITY_ORDER as SEVERITY_ORDER
from referentiel.translation.report import WARNING as WARNING
from referentiel.translation.report import ColumnStats as ColumnStats
from referentiel.translation.report import FileStats as FileStats
from referentiel.translation.resolve import cell_text as cell_text
from referentiel.translation.resolve import parse_date as parse_date
from referentiel.translation.rows import _Run
from referentiel.translation.tables import _PERSONAL_HEADERS as _PERSONAL_HEADERS
from referentiel.translation.tables import _identifies_people as _identifies_people


def expand_exports(exports: Iterable[str | Path]) -> list[Path]:
    """The export files: files as given, folders expanded to their files (sorted)."""
    out: list[Path] = []
    for item in exports:
        path = Path(item)
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")))
        else:
            out.append(path)
    return out


def _plan(paths: list[Path], profile: Profile) -> tuple[list[tuple[Path, TableSpec]], list[TranslationIssue]]:
    plan, issues = [], []
    for path in paths:
        if not path.exists():
            raise InputError.of("export file not found", file=str(path), hint="check the path")
        tables = profile.table_for(path)
        if not tables:
            if path.suffix.lower() in (".yaml", ".yml", ".tsv") and path.resolve() in (
                profile.path.resolve(),
                profile.mappings,
            ):
                continue  # a folder holding the profile and its mapping set
            issues.append(
                TranslationIssue.of(
                    "unknown-file",
                    ERROR,
                    path.name,
                    Msg.of("unknown-file", expected=", ".join(sorted({t.url for t in profile.tables}))),
                )
            )
            continue
        plan.extend((path, t) for t in tables)
    if not plan and not issues:
        raise InputError.of("no export file given", hint="give the export's files (or its folder)")
    return plan, issues


def _run(
    exports: Iterable[str | Path],
    profile: Profile | str | Path,
    *,
    key: bytes | str | None,
    key_file: str | Path | None,
    build: bool,
    progress: Progress | None = None,
    sink: Any = None,
) -> _Run:
    if not isinstance(profile, Profile):
        profile = load_profile(profile)
    plan, early = _plan(expand_exports(exports), profile)
    pseudonymiser = None
    if build and profile.personal_columns:
        secret = resolve_key(key, key_file)
        if secret is None:
            table, col = profile.personal_columns[0]
            raise ConfigError.of(
                "the profile declares personal columns (e.g. {title!r} in {table}) but no "
                "pseudonymisation key was given",
                file=str(profile.path),
                line=col.line,
                hint="set the environment variable {variable} or give --key-file FILE "
                "(the same key for every partner, so that families link up)",
                title=col.title,
                table=table.url,
                variable=KEY_ENV,
            )
        check_key_use(secret, [path for path, _ in plan])
        pseudonymiser = Pseudonymiser(secret)
    run = _Run(profile, pseudonymiser, build, progress)
    if sink is not None:
        run.triples = sink  # streamed out as made (only ``append`` is used)
    run.issues.extend(early)
    with _gc_paused():
        if build:
            run.own_organisation()
        try:
            for path, spec in plan:
                run.run_table(path, spec)
        finally:
            close_workbooks(run.workbooks)
        if build:
            run.finish()
    return run


def translate(
    exports: Iterable[str | Path] | str | Path,
    profile: Profile | str | Path,
    *,
    key: bytes | str | None = None,
    key_file: str | Path | None = None,
    progress: Progress | None = None,
    sink: Any = None,
) -> TranslationResult:
    """Translate a partner's export files into an RDF graph of the framework.

    ``exports``: files (CSV, XLSX, JSON) or folders; each file is matched to the profile's tables by
    name. ``profile``: a :class:`Profile` or the path of its YAML file. ``key``: the pseudonymisation
    key (else ``key_file``, else ``$REFERENTIEL_PSEUDONYM_KEY``); required when the profile declares
    personal columns. ``progress``: a :class:`~referentiel.progress.Progress` told of each file
    (one stage per table, counted in rows). Raises ConfigError/InputError for a broken profile or
    unusable file; problems in rows and cells become :attr:`TranslationResult.issues`.
    ``sink``: an object whose ``append`` receives each triple as it is made instead of keeping them
    in memory (e.g. :class:`referentiel.store.staging.BulkSink`, which bulk-loads them into a store);
    ``triples`` is then empty and ``len(result)`` is ``len(sink)``.
    """
    if isinstance(exports, (str, Path)):
        exports = [exports]
    run = _run(exports, profile, key=key, key_file=key_file, build=True, progress=progress, sink=sink)
    prefixes = {p: PREFIXES[p] for p in ("ref", "refc", "refd", "prov", "rdf", "xsd", "skos")}
    prefixes[run.profile.slug.replace("-", "")] = str(REFO[f"{run.profile.slug}/"])
    return TranslationResult(
        triples=run.triples if sink is None else [],
        issues=run.issues,
        files=run.files,
        columns=run.columns,
        profile=run.profile,
        prefixes=prefixes,
        sink=sink,
    )


def analyse(exports: Iterable[str | Path] | str | Path, profile: Profile | str | Path) -> TranslationResult:
    """Read and look up an export like :func:`translate` without building RDF nor needing the key.

    Used by ``mappings coverage``: the issues and the column statistics are the same as a translation's.
    """
    if isinstance(exports, (str, Path)):
        exports = [exports]
    run = _run(exports, profile, key=None, key_file=None, build=False)
    return TranslationResult(
        triples=[], issues=run.issues, files=run.files, columns=run.columns, profile=run.profile
    )
