"""Vocabulary (the agency's page): coverage, unmapped terms, ranked suggestions, reviewed decisions.

Coverage is :func:`referentiel.translation.mapping_coverage.coverage` of the organisation's export on
the server; the terms to map and their candidates are those of ``mappings suggest``
(:func:`~referentiel.translation.suggest.terms_to_suggest`, :func:`~.suggest.suggest_for_terms`); a
decision is :func:`referentiel.translation.review.record_decision` (``mappings review``), which checks
the set as ``mappings check`` does before it writes the organisation's SSSOM file.

Each term shows the calibrated confidence of its first candidate (as a percentage, with what it
means) and, when the calibration says so, that the framework has no good candidate for it: the same
decision ``mappings suggest`` writes as ``sssom:NoTermFound``. Raw similarity scores are not shown:
a cosine of 0.88 may be an excellent or a poor match. The checks' findings on a refused decision are
shown in the page's language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from referentiel.web.app import PageError, State, check_csrf, render
from referentiel.web.check import known_profiles

REVIEWER_COOKIE = "referentiel_reviewer"


def _profile(state: State, organisation: str) -> Any:
    from referentiel.intake.adapters import load_profile

    path = known_profiles(state).get(organisation)
    if path is None:
        raise PageError(404, "no-profile", org=organisation[:80])
    return load_profile(path)


def _export_dir(profile: Any) -> Path | None:
    folder = Path(profile.path).parent / "export"
    return folder if folder.is_dir() else None


def _coverage(profile: Any) -> Any:
    from referentiel.translation.mapping_coverage import coverage

    folder = _export_dir(profile)
    return coverage(folder, profile) if folder is not None else None


def _suggestions(state: State, organisation: str, profile: Any) -> list[Any]:
    """Ranked candidates for the organisation's unmapped terms (cached until its mapping set changes)."""
    from referentiel.translation.suggest import resolve_method, suggest_for_terms, terms_to_suggest

    if _export_dir(profile) is None:
        return []
    mappings = Path(profile.mappings) if profile.mappings else None
    stamp = mappings.stat().st_mtime_ns if mappings and mappings.exists() else 0
    cache = state.cache
    key = ("suggestions", organisation, stamp)
    if key not in cache:
        plan = terms_to_suggest(org=organisation, mappings=Path(state.config.organisations))
        method, _ = resolve_method(state.config.suggest_method)
        cache.clear()
        cache[key] = suggest_for_terms(plan.terms, method=method, top_k=5)
    return cache[key]


def percent(confidence: float | None) -> str:
    """A calibrated confidence as a reader takes it: ``98``, ``< 1`` or ``> 99`` (never "0" or "100")."""
    if confidence is None:
        return "0"
    value = 100 * confidence
    if value < 1:
        return "< 1"
    if value > 99:
        return "> 99"
    return f"{value:.0f}"


def search_concepts(text: str, limit: int = 15) -> list[Any]:
    """Framework concepts one of whose labels (fr, nl, en; pref or alt) contains ``text``, folded."""
    from referentiel.translation.framework import load_framework
    from referentiel.translation.suggest import fold

    wanted = fold(text)
    if not wanted:
        return []
    found = []
    for concept in load_framework():
        if concept.deprecated:
            continue
        if any(wanted in fold(label) for label, _, kind in concept.all_labels() if kind in ("pref", "alt")):
            found.append(concept)
    found.sort(key=lambda c: (not fold(c.label("fr")).startswith(wanted), c.label("fr")))
    return found[:limit]


def index(request: Request) -> Response:
    state: State = request.app.state.referentiel
    rows = []
    for organisation in sorted(known_profiles(state)):
        profile = _profile(state, organisation)
        report = _coverage(profile)
        rows.append((organisation, profile.name, report))
    return render(request, "vocabulary.html", rows=rows)


def organisation_page(request: Request, message: str = "", findings: Any = None) -> Response:
    state: State = request.app.state.referentiel
    organisation = request.path_params["org"]
    profile = _profile(state, organisation)
    report = _coverage(profile)
    suggestions = _suggestions(state, organisation, profile)
    counts: dict[str, int] = {}
    if report is not None:
        for column in report.columns:
            for term, cells in column.unmapped:
                counts[term] = counts.get(term, 0) + cells
    searched_for = request.query_params.get("for", "")
    search = request.query_params.get("search", "")
    found = search_concepts(search) if search else []
    from referentiel.translation.review import PREDICATES

    return render(
        request,
        "vocabulary_org.html",
        organisation=organisation,
        profile=profile,
        report=report,
        suggestions=suggestions,
        counts=counts,
        searched_for=searched_for,
        search=search,
        found=found,
        predicates=PREDICATES,
        reviewer=request.cookies.get(REVIEWER_COOKIE, ""),
        message=message,
        findings=findings or [],
        percent=percent,
    )


async def decide(request: Request) -> Response:
    from referentiel.translation.review import ACCEPT, REJECT, record_decision
    from referentiel.web.app import lang_of
    from referentiel.web.i18n import t

    state: State = request.app.state.referentiel
    organisation = request.path_params["org"]
    form = await request.form(max_files=0, max_fields=12)
    check_csrf(request, form)
    profile = _profile(state, organisation)
    if not profile.mappings:
        raise PageError(400, "no-profile", org=organisation[:80])
    decision = str(form.get("decision", ACCEPT))

    def decide_now() -> Any:
        with state.review_lock:
            return record_decision(
                profile.mappings,
                term=str(form.get("term", "")),
                concept=str(form.get("concept", "")),
                author=str(form.get("author", "")),
                decision=decision if decision in (ACCEPT, REJECT) else ACCEPT,
                predicate=str(form.get("predicate", "skos:exactMatch")),
                scheme=str(form.get("scheme", "")) or None,
            )

    result = await run_in_threadpool(decide_now)
    lang = lang_of(request)
    if result.saved:
        m = result.mapping
        message = t(
            lang,
            "saved",
            file=Path(profile.mappings).name,
            subject=m.subject_id,
            predicate=("NOT " if m.negated else "") + m.predicate_id,
            object=m.object_id,
        )
    else:
        message = t(lang, "not-saved")
    response = await run_in_threadpool(organisation_page, request, message, result.errors)
    if result.saved:
        response.set_cookie(
            REVIEWER_COOKIE, str(form.get("author", ""))[:80], samesite="strict", httponly=True
        )
    return response


def download(request: Request) -> Response:
    state: State = request.app.state.referentiel
    organisation = request.path_params["org"]
    profile = _profile(state, organisation)
    if not profile.mappings or not Path(profile.mappings).is_file():
        raise PageError(404, "not-found")
    return Response(
        Path(profile.mappings).read_bytes(),
        media_type="text/tab-separated-values; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{organisation}.sssom.tsv"'},
    )


ROUTES = [
    Route("/vocabulary", index, methods=["GET"]),
    Route("/vocabulary/{org}", organisation_page, methods=["GET"]),
    Route("/vocabulary/{org}/decide", decide, methods=["POST"]),
    Route("/vocabulary/{org}/mappings.sssom.tsv", download, methods=["GET"]),
]
