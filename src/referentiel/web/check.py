"""Check an export (the steward's page): upload, progress, report, annotated copy, explicit load.

A check is :func:`referentiel.intake.ingest` with ``dry_run=True`` on the uploaded files, read with
the organisation's profile from the server's organisations folder; the annotated copy is
:func:`referentiel.intake.annotate.annotate`; loading is ``ingest`` again, on the same files, into the
store. The files live in a private temporary folder (``mkdtemp``: mode 0700) only while a run reads
them; between the check and the load they are kept in memory, with the run, for at most
:attr:`WebConfig.runs_kept` runs.
"""

from __future__ import annotations

import atexit
import os
import secrets
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from referentiel.errors import ReferentielError
from referentiel.web.app import PageError, State, check_csrf, lang_of, render
from referentiel.web.i18n import size_text

SEVERITIES = ("violation", "warning", "info")

_LIVE: set[Path] = set()
"""Temporary folders of runs in progress: removed at exit too, should the server stop mid-run."""


def _private_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="referentiel-web-"))
    _LIVE.add(folder)
    return folder


def _remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    _LIVE.discard(folder)


@atexit.register
def _remove_all() -> None:
    for folder in list(_LIVE):
        _remove(folder)


@dataclass
class Run:
    """One check of one organisation's upload."""

    id: str
    organisation: str
    lang: str
    files: list[tuple[str, bytes]]
    stage: str = ""
    done: bool = False
    summary: Any = None
    annotated: bytes | None = None
    problem: str = ""
    seconds: float = 0.0
    created: float = field(default_factory=time.monotonic)


class _StageProgress:
    """Keeps the current stage's name (file and stage names only) for the progress display."""

    def __init__(self, run: Run) -> None:
        self.run = run

    def stage(self, name: str, total: int | None = None, unit: str = "") -> None:
        self.run.stage = name

    def advance(self, steps: int = 1) -> None:
        pass

    def note(self, text: str) -> None:
        pass

    def done(self) -> None:
        pass


def known_profiles(state: State) -> dict[str, Path]:
    """The organisations the server has a profile for."""
    from referentiel.intake.pipeline import known_profiles as profiles_in

    return profiles_in(Path(state.config.organisations)) if state.config.organisations else {}


def _write(folder: Path, files: list[tuple[str, bytes]]) -> None:
    folder.mkdir()
    for name, data in files:
        (folder / name).write_bytes(data)


def _source(run: Run, config: Any, tmp: Path) -> tuple[Path, Path | None, Path | None]:
    """Where the run reads the export: ``(directory, profiles, key_file)`` for ``ingest``.

    Normally the private temporary folder, read with the server's profiles and key. In the
    demonstration (bundled organisations, no key) the upload is checked with the DEMO-ONLY key, which
    serves the bundled examples only: the bundled export itself when the upload is that export byte for
    byte, else the upload, which the library then refuses with its reason.
    """
    from referentiel.intake.pipeline import bundled_original, demo_key_file

    if config.demo:
        original = bundled_original(run.organisation, run.files)
        if original is not None:
            return original, None, demo_key_file()
        return tmp, config.organisations, demo_key_file()
    return tmp, config.organisations, config.key_file


def _check(run: Run, state: State) -> None:
    from referentiel.intake.adapters import load_profile
    from referentiel.intake.annotate import annotate
    from referentiel.intake.pipeline import discover, ingest
    from referentiel.intake.summary import NO_PROFILE, UNUSABLE

    started = time.monotonic()
    tmp = _private_folder()
    config = state.config
    directory = tmp
    try:
        _write(tmp / run.organisation, run.files)
        directory, profiles, key_file = _source(run, config, tmp)
        summary = ingest(
            directory,
            profiles=profiles,
            key_file=key_file,
            dry_run=True,
            progress=_StageProgress(run),
            lang=run.lang,
        )
        _forget_folder(summary, (tmp, directory), run.organisation)
        result = summary.exports[0] if summary.exports else None
        if result is not None and result.status not in (UNUSABLE, NO_PROFILE):
            export = discover(directory, profiles)[0]
            profile = load_profile(export.profile) if export.profile else None
            run.stage = "annotate"
            run.annotated = annotate(result, export.files, profile, lang=run.lang)
        run.summary = summary
    except ReferentielError as exc:
        run.problem = _clean(exc.text(run.lang), (tmp, directory), run.organisation)
    except Exception as exc:  # noqa: BLE001 - shown as an internal error, by type only
        from referentiel.web.i18n import t

        run.problem = t(run.lang, "internal", kind=type(exc).__name__)
    finally:
        _remove(tmp)
        run.seconds = time.monotonic() - started
        run.done = True


def _clean(text: str, folders: tuple[Path, ...], organisation: str) -> str:
    """``text`` naming files by their own name, not by the folder the run read them from."""
    for folder in folders:
        text = text.replace(f"{folder / organisation}{os.sep}", "").replace(f"{folder}{os.sep}", "")
        text = text.replace(str(folder), organisation)
    return text


def _forget_folder(summary: Any, folders: tuple[Path, ...], organisation: str) -> None:
    """Name the upload by its organisation, not by the folder it was read from."""
    summary.directory = organisation
    for result in summary.exports:
        result.directory = organisation
        result.reason = _clean(result.reason, folders, organisation)
        for finding in result.findings:
            finding.message = _clean(finding.message, folders, organisation)


def _remember(state: State, run: Run) -> None:
    with state.lock:
        state.runs[run.id] = run
        while len(state.runs) > state.config.runs_kept:
            oldest = min(state.runs.values(), key=lambda r: r.created)
            del state.runs[oldest.id]


def _run(request: Request) -> Run:
    state: State = request.app.state.referentiel
    run = state.runs.get(request.path_params["run"])
    if run is None:
        raise PageError(404, "run-gone")
    return run


# ------------------------------------------------------------------ routes


async def form(request: Request) -> Response:
    state: State = request.app.state.referentiel
    return render(
        request,
        "check.html",
        organisations=sorted(known_profiles(state)),
        max_files=state.config.max_files,
        max_size=size_text(state.config.max_upload_bytes, lang_of(request)),
    )


async def submit(request: Request) -> Response:
    from referentiel.intake.adapters import EXPORT_SUFFIXES

    state: State = request.app.state.referentiel
    config = state.config
    try:
        data = await request.form(max_files=config.max_files, max_fields=20)
    except HTTPException as exc:
        if "files" in str(exc.detail).lower():
            raise PageError(400, "too-many", files=config.max_files) from None
        raise
    check_csrf(request, data)
    organisation = str(data.get("organisation", ""))
    if organisation not in known_profiles(state):
        raise PageError(400, "no-profile", org=organisation[:80])
    files: list[tuple[str, bytes]] = []
    names: set[str] = set()
    for upload in data.getlist("files") + data.getlist("folder"):
        if not isinstance(upload, UploadFile) or not upload.filename:
            continue
        # A dropped folder sends "folder/sub/file.csv": only the file's own name is kept.
        name = Path(upload.filename.replace("\\", "/")).name
        if name.startswith((".", "~$")) or name in ("profile.yaml", "profile.yml"):
            continue
        if Path(name).suffix.lower() not in EXPORT_SUFFIXES:
            if upload in data.getlist("folder"):
                continue  # a folder may hold the profile, notes...: only export files are taken
            raise PageError(400, "bad-file", name=name[:80])
        if name in names:
            continue
        names.add(name)
        files.append((name, await upload.read()))
    if not files:
        raise PageError(400, "no-files")
    run = Run(secrets.token_urlsafe(16), organisation, lang_of(request), files)
    _remember(state, run)
    threading.Thread(target=_check, args=(run, state), daemon=True, name="referentiel-check").start()
    return RedirectResponse(f"/check/{run.id}", status_code=303)


def _filtered(run: Run, severity: str, kind: str) -> list[Any]:
    export = run.summary.exports[0] if run.summary and run.summary.exports else None
    if export is None:
        return []
    return [
        f
        for f in export.findings
        if (not severity or f.severity == severity) and (not kind or f.kind == kind)
    ]


async def show(request: Request) -> Response:
    run = _run(request)
    if not run.done:
        return render(request, "check_running.html", run=run)
    export = run.summary.exports[0] if run.summary and run.summary.exports else None
    severity = request.query_params.get("severity", "")
    kind = request.query_params.get("kind", "")
    severity = severity if severity in SEVERITIES else ""
    kinds = sorted({f.kind for f in export.findings}) if export else []
    kind = kind if kind in kinds else ""
    findings = _filtered(run, severity, kind)
    groups: dict[tuple[str, str], list[Any]] = {}
    for finding in sorted(findings, key=lambda f: (SEVERITIES.index(f.severity), f.kind)):
        groups.setdefault((finding.severity, finding.kind), []).append(finding)
    from referentiel.intake.summary import say, status_word

    return render(
        request,
        "check_report.html",
        severity_word=lambda s: say(run.lang, s),
        run=run,
        export=export,
        status_text=status_word(export.status, run.lang) if export else "",
        groups=groups,
        kinds=kinds,
        severities=SEVERITIES,
        severity=severity,
        kind=kind,
    )


async def progress(request: Request) -> Response:
    run = _run(request)
    if run.done:
        response = Response(status_code=204)
        response.headers["HX-Redirect"] = f"/check/{run.id}"
        return response
    return render(request, "_progress.html", run=run)


async def download(request: Request) -> Response:
    from referentiel.intake.annotate import annotated_name
    from referentiel.intake.summary import to_html, to_json

    run = _run(request)
    if not run.done or run.summary is None:
        raise PageError(404, "run-gone")
    what = request.path_params["what"]
    base = f"{run.organisation}-check"
    if what == "report.html":
        body, media, name = to_html(run.summary).encode(), "text/html; charset=utf-8", f"{base}.html"
    elif what == "report.json":
        body, media, name = to_json(run.summary).encode(), "application/json", f"{base}.json"
    elif what == "annotated.xlsx" and run.annotated is not None:
        body = run.annotated
        media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        name = annotated_name(run.organisation)
    else:
        raise PageError(404, "not-found")
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


async def load(request: Request) -> Response:
    from referentiel.intake.pipeline import ingest

    state: State = request.app.state.referentiel
    run = _run(request)
    check_csrf(request, await request.form(max_files=0, max_fields=5))
    config = state.config
    tmp = _private_folder()
    try:
        _write(tmp / run.organisation, run.files)
        directory, profiles, key_file = _source(run, config, tmp)

        def load_now() -> Any:
            with state.store_lock:
                return ingest(
                    directory,
                    profiles=profiles,
                    key_file=key_file,
                    store=config.store,
                    endpoint=config.endpoint,
                    lang=run.lang,
                )

        try:
            summary = await run_in_threadpool(load_now)
        except ReferentielError as exc:
            raise PageError(
                400 if exc.exit_code == 2 else 422,
                "problem",
                text=_clean(exc.text(run.lang), (tmp, directory), run.organisation),
            ) from None
        _forget_folder(summary, (tmp, directory), run.organisation)
    finally:
        _remove(tmp)
    from referentiel.intake.summary import status_word

    export = summary.exports[0] if summary.exports else None
    return render(
        request,
        "check_loaded.html",
        run=run,
        export=export,
        summary=summary,
        status_text=status_word(export.status, run.lang) if export else "",
    )


ROUTES = [
    Route("/check", form, methods=["GET"]),
    Route("/check", submit, methods=["POST"]),
    Route("/check/{run}", show, methods=["GET"]),
    Route("/check/{run}/progress", progress, methods=["GET"]),
    Route("/check/{run}/load", load, methods=["POST"]),
    Route("/check/{run}/{what}", download, methods=["GET"]),
]
