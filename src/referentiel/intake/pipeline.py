"""The main job: take a directory of partner exports, translate, validate and load what conforms.

For each organisation's export (a folder holding its files and its profile), :func:`ingest`

1. finds the organisation's profile (next to the exports, or in a separate profiles folder);
   an export with no profile is reported, never guessed;
2. translates the export with :func:`referentiel.translation.translate` (pseudonymising personal
   identifiers with the project's key), its triples streaming into a staging graph of the store that
   no query sees (bulk loader, bounded memory: no rdflib graph of the export is ever built);
3. validates it (:func:`referentiel.intake.adapters.validate_staged`) against the framework's
   shapes, in an in-memory twin up to :data:`MEMORY_VALIDATION` statements;
4. commits it (one named graph per organisation, made visible in one transaction, with its
   provenance) when it conforms, or when the caller forces it; otherwise drops it and refuses it;

and returns an :class:`~referentiel.intake.summary.IngestSummary` saying, per organisation, how many
rows were read, what share of its terms are mapped, what is wrong and where (file, row, column), and
whether it was loaded.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from referentiel.errors import ConfigError, InputError, ReferentielError
from referentiel.intake import adapters
from referentiel.intake.summary import (
    CONFORMS,
    LOADED,
    NO_PROFILE,
    REFUSED,
    UNUSABLE,
    ExportResult,
    IngestSummary,
    safe_text,
    say,
)
from referentiel.progress import NullProgress, Progress
from referentiel.translation.pseudonym import check_key_use, key_fingerprint, key_kind

DEMO_KEY_NAME = "DEMO-ONLY.key"
"""The demonstration key shipped with the bundled examples; used for them and nothing else."""

KEY_ENV = "REFERENTIEL_PSEUDONYM_KEY"
MEMORY_VALIDATION = 5_000_000
"""Exports of at most this many statements are validated in an in-memory twin (docs/store.md,
"Staging"; 2.5-4.7x faster than on disk). It costs ~370 bytes a statement (9.3M: 4.0 GiB peak while
validated, docs/performance.md); larger exports are validated on disk, within the 4 GiB goal."""
KEY_FILE_ENV = "REFERENTIEL_PSEUDONYM_KEY_FILE"


@dataclass(frozen=True)
class Export:
    """One organisation's export found in the intake directory."""

    organisation: str
    directory: Path
    files: tuple[Path, ...]
    profile: Path | None
    key_fingerprint: str | None = None
    """The fingerprint of the key the run pseudonymises it with, recorded with its graph."""


# ------------------------------------------------------------------ discovery


def _is_profile(path: Path) -> bool:
    return (
        path.is_file()
        and path.stem == adapters.PROFILE_STEM
        and path.suffix.lower() in adapters.PROFILE_SUFFIXES
    )


def _data_files(directory: Path, recursive: bool = False) -> tuple[Path, ...]:
    """Export files in ``directory`` (and, with ``recursive``, its sub-folders such as ``export/``)."""
    candidates = directory.rglob("*") if recursive else directory.iterdir()
    return tuple(
        sorted(
            p
            for p in candidates
            if p.is_file()
            and p.suffix.lower() in adapters.EXPORT_SUFFIXES
            and not any(part.startswith((".", "_")) for part in p.relative_to(directory).parts)
            and not p.name.startswith("~$")
            and not _is_profile(p)
            and not adapters.is_auxiliary(p)
        )
    )


def _profile_in(folder: Path, organisation: str) -> Path | None:
    """``folder/{organisation}/profile.*`` or ``folder/{organisation}.*`` (a profiles folder)."""
    nested = folder / organisation
    if nested.is_dir():
        for candidate in sorted(nested.iterdir()):
            if _is_profile(candidate):
                return candidate
    for suffix in adapters.PROFILE_SUFFIXES:
        candidate = folder / f"{organisation}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def bundled_original(organisation: str, files: list[tuple[str, bytes]]) -> Path | None:
    """The bundled example folder of ``organisation`` when ``files`` (name, bytes) are exactly its export
    files, byte for byte; else None.

    The demo key serves files inside the bundled examples and nothing else, not even a copy: a caller
    that received the bundled export as an upload (the workbench's demonstration) reads the original.
    """
    import hashlib

    examples = bundled_examples_dir()
    folder = examples / organisation if examples is not None else None
    if folder is None or not folder.is_dir():
        return None
    originals = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in _data_files(folder, recursive=True)
    }
    given = {name: hashlib.sha256(data).hexdigest() for name, data in files}
    return folder if given and given == originals else None


def demo_key_file() -> Path | None:
    """The bundled DEMO-ONLY key file (for the bundled examples only), if installed."""
    examples = bundled_examples_dir()
    path = examples / DEMO_KEY_NAME if examples is not None else None
    return path if path is not None and path.is_file() else None


def known_profiles(folder: Path) -> dict[str, Path]:
    """The organisations of a profiles folder (``{org}/profile.*`` or ``{org}.yaml``) and their profile."""
    if not folder.is_dir():
        return {}
    found = {}
    for child in sorted(folder.iterdir()):
        if child.name.startswith((".", "_")):
            continue
        organisation = child.name if child.is_dir() else child.stem
        if child.is_dir() or child.suffix.lower() in adapters.PROFILE_SUFFIXES:
            profile = _profile_in(folder, organisation)
            if profile is not None:
                found.setdefault(organisation, profile)
    return found


def discover(directory: Path, profiles: Path | None = None) -> list[Export]:
    """The exports under ``directory``: each sub-folder holding export files is one organisation.

    ``directory`` may itself be one organisation's folder (it holds export files directly). The profile
    of organisation ``org`` is ``directory/org/profile.*`` or, when ``profiles`` is given,
    ``profiles/org/profile.*`` or ``profiles/org.*`` (a separate profiles folder wins).
    """
    if not directory.exists():
        raise InputError.of(
            "the intake directory does not exist",
            file=str(directory),
            hint="give the folder that holds one sub-folder per partner export",
        )
    if not directory.is_dir():
        raise InputError.of(
            "the intake path is not a directory",
            file=str(directory),
            hint="give the folder that holds one sub-folder per partner export",
        )
    if profiles is not None and not profiles.is_dir():
        raise InputError.of(
            "the profiles folder does not exist",
            file=str(profiles),
            hint="give the folder holding one profile per organisation",
        )
    # ``directory`` is one organisation's folder when it has its profile (here or in ``profiles``) or
    # export files of its own; otherwise each of its sub-folders is one organisation.
    single = (
        any(_is_profile(p) for p in directory.iterdir())
        or (profiles is not None and _profile_in(profiles, directory.name) is not None)
        or bool(_data_files(directory))
    )
    folders = (
        [directory]
        if single
        else sorted(p for p in directory.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
    )
    exports = []
    for folder in folders:
        # An organisation's files may sit in its folder or in sub-folders (e.g. ``export/``).
        files = _data_files(folder, recursive=True)
        if not files:
            continue
        organisation = folder.name
        profile = _profile_in(profiles, organisation) if profiles is not None else None
        if profile is None:
            profile = next((p for p in sorted(folder.iterdir()) if _is_profile(p)), None)
        exports.append(Export(organisation, folder, files, profile))
    return exports


# ------------------------------------------------------------------ key


def bundled_examples_dir() -> Path | None:
    """The bundled examples folder on disk (``resources.bundled("examples", "organisations")``)."""
    from referentiel.resources import bundled

    node = bundled("examples", "organisations")
    try:
        path = Path(str(node))
    except TypeError:  # pragma: no cover - zipped installs have no filesystem path
        return None
    return path if path.is_dir() else None


def _is_bundled(directory: Path) -> bool:
    bundled_dir = bundled_examples_dir()
    if bundled_dir is None:
        return False
    try:
        return directory.resolve() == bundled_dir.resolve()
    except OSError:
        return False


def resolve_key(
    directory: Path, key: bytes | str | None = None, key_file: Path | None = None
) -> tuple[bytes, str]:
    """The pseudonymisation key and where it came from: ``argument``, ``key-file``, ``environment``, ``demo``.

    Order: the ``key`` argument, ``key_file``, ``$REFERENTIEL_PSEUDONYM_KEY``,
    ``$REFERENTIEL_PSEUDONYM_KEY_FILE``, and, **only** when ``directory`` is the bundled examples folder,
    the bundled ``DEMO-ONLY.key``. Anything else is a configuration error: a real export is never
    pseudonymised with a key everybody has.
    """
    if key is not None:
        return (key.encode("utf-8") if isinstance(key, str) else key), "argument"
    if key_file is not None:
        return adapters.read_key_file(key_file), "key-file"
    if os.environ.get(KEY_ENV):
        return os.environ[KEY_ENV].encode("utf-8"), "environment"
    if os.environ.get(KEY_FILE_ENV):
        return adapters.read_key_file(Path(os.environ[KEY_FILE_ENV])), "key-file"
    if _is_bundled(directory):
        demo = bundled_examples_dir() / DEMO_KEY_NAME  # type: ignore[operator]
        if demo.is_file():
            return adapters.read_key_file(demo), "demo"
    raise ConfigError.of(
        "no pseudonymisation key: personal identifiers cannot be pseudonymised",
        file=str(directory),
        hint="give --key-file FILE or set {variable}; the bundled demo key only serves the bundled examples",
        variable=KEY_ENV,
    )


# ------------------------------------------------------------------ the job


def network_context(exports: list[Export]) -> Any:
    """What validation may know beyond one export: the organisations whose profiles are in this intake."""
    profiles = []
    for export in exports:
        if export.profile is None:
            continue
        try:
            profiles.append(adapters.load_profile(export.profile))
        except ReferentielError:
            continue  # reported when that export itself is ingested
    return adapters.organisation_context(profiles)


def ingest_export(
    export: Export,
    *,
    key: bytes,
    target: Any,
    force: bool = False,
    progress: Progress | None = None,
    load: bool = True,
    context: Any = None,
    lang: str = "fr",
) -> ExportResult:
    """Translate, validate and (if it conforms or ``force``) load one organisation's export.

    ``context`` is validated with the export but not loaded (see :func:`network_context`). Messages
    and the reason are written in ``lang`` (fr, en, nl). With ``load=False`` a conforming export is
    only checked (status ``conforms``). A load records in ``replaced`` the organisation's graph it
    replaced, if any.
    """
    progress = progress or NullProgress()
    result = ExportResult(
        organisation=export.organisation,
        directory=str(export.directory),
        profile=export.profile.name if export.profile else None,
        files=[f.name for f in export.files],
    )
    if export.profile is None:
        result.status = NO_PROFILE
        result.reason = say(lang, "reason-no-profile", name=f"{adapters.PROFILE_STEM}.yaml")
        return result
    staging = None
    try:
        profile = adapters.load_profile(export.profile)
        result.label = adapters.profile_label(profile) or export.organisation
        # The triples stream into a staging graph no query sees (docs/store.md, "Staging").
        staging = adapters.stage(target, export.organisation)
        # An in-memory twin is validated; unless forced, the disk is written once the export is accepted
        # (a server's scratch store never: the upload is read from the twin)
        defer = not (force and load) or staging.scratch is not None
        sink = staging.sink(memory=MEMORY_VALIDATION, defer=defer)
        translation = adapters.translate(export, profile, key=key, progress=progress, sink=sink)
        result.triples = len(translation)
    except ReferentielError as exc:
        if staging is not None:
            staging.discard()
        result.status = UNUSABLE
        result.reason = safe_text(exc.text(lang))
        return result
    try:
        return _check_and_commit(
            export,
            result,
            translation,
            staging,
            target=target,
            profile=profile,
            force=force,
            progress=progress,
            load=load,
            context=context,
            lang=lang,
        )
    finally:
        staging.discard()  # nothing once committed; otherwise the staged export is dropped


def _check_and_commit(
    export: Export,
    result: ExportResult,
    translation: Any,
    staging: Any,
    *,
    target: Any,
    profile: Any,
    force: bool,
    progress: Progress,
    load: bool,
    context: Any,
    lang: str,
) -> ExportResult:
    """Validate a staged export, then commit it (when it conforms or ``force``) or refuse it."""
    stats = adapters.translation_stats(translation)
    result.rows_read = stats["rows"]
    result.terms_total = stats["terms_total"]
    result.terms_mapped = stats["terms_mapped"]
    result.tables_refused = stats["tables_refused"]
    progress.stage(f"validate {export.organisation}", total=None, unit="")
    report = adapters.validate_staged(staging, context, lang=lang, prefixes=translation.prefixes)
    progress.done()
    result.findings = adapters.merge(
        adapters.translation_findings(translation, lang),
        adapters.validation_findings(report, profile=profile),
    )

    violations = result.count("violation")
    if violations and not force:
        result.status = REFUSED
        result.reason = say(lang, "reason-refused", count=violations)
        # what stays in the store instead (the organisation's earlier load), if anything
        result.kept = adapters.previous_graph(target, export.organisation) if target is not None else None
        return result
    if not load:
        result.status = CONFORMS
        return result
    progress.stage(f"load {export.organisation}", total=None)
    try:
        result.replaced = adapters.previous_graph(target, export.organisation)
        result.graph = adapters.commit(target, staging, export, profile=profile, report=report, force=force)
    except ReferentielError as exc:
        # The store has the last word (e.g. it refuses what its own check finds non-conforming).
        result.status = REFUSED if exc.exit_code == 1 else UNUSABLE
        result.reason = safe_text(exc.text(lang))
        return result
    finally:
        progress.done()
    result.status = LOADED
    if violations:
        result.reason = say(lang, "reason-forced", count=violations)
    return result


def ingest(
    directory: str | Path | None = None,
    *,
    profiles: str | Path | None = None,
    store: str | Path | None = None,
    endpoint: str | None = None,
    key: bytes | str | None = None,
    key_file: str | Path | None = None,
    force: bool = False,
    progress: Progress | None = None,
    lang: str = "fr",
    dry_run: bool = False,
) -> IngestSummary:
    """Ingest every partner export under ``directory`` and return what happened to each.

    ``directory`` defaults to the bundled examples (``examples/organisations``), which are pseudonymised
    with the bundled demonstration key unless another key is given. ``store`` is the embedded store's
    folder (default ``./.referentiel-store``) and ``endpoint`` a SPARQL 1.1 server to use instead.
    Exports with violations are refused unless ``force``. Raises :class:`~referentiel.errors.InputError`
    when ``directory`` is unusable and :class:`~referentiel.errors.ConfigError` when there is no key.
    ``KeyboardInterrupt`` is let through: exports loaded before it stay loaded, the one in progress is not.

    ``lang`` (``fr``, the default as for :func:`referentiel.validation.validate` and the command,
    ``en`` or ``nl``) is the language of every human message of the summary: the shapes' messages,
    the translation's, the reasons, and the renderers' words; keys, statuses and kinds do not change.

    ``dry_run`` checks every export (translation and validation) without opening the store: an
    export that would be loaded gets the status ``conforms`` and nothing is written anywhere.
    """
    lang = adapters.check_lang(lang)
    progress = progress or NullProgress()
    if directory is None:
        bundled_dir = bundled_examples_dir()
        if bundled_dir is None:  # pragma: no cover - broken install
            raise InputError.of(
                "the bundled examples are missing from this installation", hint="reinstall referentiel"
            )
        directory = bundled_dir
    directory = Path(directory)
    profiles_dir = Path(profiles) if profiles is not None else None
    summary = IngestSummary(directory=str(directory), started=datetime.now(UTC), forced=force, lang=lang)
    exports = discover(directory, profiles_dir)
    if not exports:
        summary.problem = say(lang, "problem-no-export")
        summary.finished = datetime.now(UTC)
        return summary
    key_bytes, summary.key_source = resolve_key(directory, key, Path(key_file) if key_file else None)
    # Before the store is opened: a public key on real data stops the whole run (exit 2).
    check_key_use(key_bytes, [path for export in exports for path in export.files])
    if key_kind(key_bytes) == "demo":
        summary.key_source = "demo"  # however it was given, the summary says these are demo pseudonyms
    summary.key_fingerprint = key_fingerprint(key_bytes)
    exports = [replace(export, key_fingerprint=summary.key_fingerprint) for export in exports]
    target = None if dry_run else adapters.open_target(store=store, endpoint=endpoint)
    if target is not None:
        summary.target_kind, summary.target_location = adapters.target_description(target, store, endpoint)
    else:
        summary.target_kind, summary.target_location = "none", ""
    context = network_context(exports)
    try:
        for export in exports:
            progress.note(f"{export.organisation}: {len(export.files)} file(s)")
            result = ingest_export(
                export,
                key=key_bytes,
                target=target,
                force=force,
                progress=progress,
                context=context,
                lang=lang,
                load=not dry_run,
            )
            summary.exports.append(result)
            progress.note(f"{export.organisation}: {result.status}")
        if target is not None:
            summary.other_keys = adapters.other_key_graphs(target, summary.key_fingerprint)
    finally:
        if target is not None:
            adapters.close_target(target)
    summary.finished = datetime.now(UTC)
    return summary


def write_annotated(
    summary: IngestSummary,
    directory: str | Path | None,
    output: str | Path,
    *,
    profiles: str | Path | None = None,
) -> list[Path]:
    """Write the annotated copy of every export of ``summary`` that has findings into ``output``
    (``{organisation}.annotated.xlsx``, see :mod:`referentiel.intake.annotate`); the paths written.

    ``directory`` and ``profiles`` are those the summary was made from (None: the bundled examples).
    """
    from referentiel.intake.annotate import annotate, annotated_name

    directory = Path(directory) if directory is not None else bundled_examples_dir()
    exports = {e.organisation: e for e in discover(directory, Path(profiles) if profiles else None)}
    written = []
    for result in summary.exports:
        export = exports.get(result.organisation)
        if export is None or not result.findings:
            continue
        profile = adapters.load_profile(export.profile) if export.profile else None
        data = annotate(result, export.files, profile, lang=summary.lang)
        path = Path(output) / annotated_name(result.organisation)
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(path)
        written.append(path)
    return written
