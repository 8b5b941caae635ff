"""The intake summary rendered: JSON, the terminal's text and brief forms, and the HTML report a
steward sends back to partners, each in the summary's language.
"""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING

from referentiel.intake.summary_words import NO_PROFILE, REFUSED, WORDS, say, status_word

if TYPE_CHECKING:
    from referentiel.intake.summary import ExportResult, IngestSummary


def to_json(summary: IngestSummary) -> str:
    """The summary as JSON text."""
    return json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _share(export: ExportResult, lang: str) -> str:
    share = export.mapped_share
    text = "–" if share is None else f"{share:.0%}"
    # "100%" of what was read is misleading when a whole table was not read at all.
    return text + say(lang, "incomplete", count=export.tables_refused) if export.tables_refused else text


def _target_kind(summary: IngestSummary) -> str:
    kind = summary.target_kind
    if kind == "none":
        return say(summary.lang, "dry-run")
    return say(summary.lang, kind) if kind in ("store", "endpoint") else kind


def _colon(lang: str) -> str:
    return " : " if lang == "fr" else ": "


def to_text(summary: IngestSummary, details: int = 5) -> str:
    """The summary a steward reads on the terminal: one block per organisation, in ``summary.lang``.

    ``details`` caps the located findings shown per organisation and kind (the report has them all).
    """
    lang = summary.lang
    colon = _colon(lang)
    lines = [say(lang, "title", label=summary.label)]
    if summary.demo_key:
        lines.append(say(lang, "demo"))
    if summary.other_keys:
        lines.append(_other_keys(summary))
    if summary.problem:
        lines.append(f"  {summary.problem}")
    for export in summary.exports:
        title = export.label or export.organisation
        lines.append("")
        lines.append(f"{title} [{export.organisation}]{colon}{status_word(export.status, lang)}")
        if export.reason:
            lines.append(f"  {export.reason}")
        if export.status == REFUSED and summary.target_kind != "none":
            lines.append(_kept(export, lang))
        if export.status not in (NO_PROFILE,):
            lines.append(
                say(
                    lang,
                    "line",
                    rows=export.rows_read,
                    share=_share(export, lang),
                    mapped=export.terms_mapped,
                    total=export.terms_total,
                    violations=export.count("violation"),
                    warnings=export.count("warning"),
                )
            )
        for severity in ("violation", "warning"):
            for kind, items in export.by_kind(severity).items():
                lines.append(f"  {say(lang, severity)} {kind}{colon}{len(items)}")
                for finding in items[:details]:
                    lines.append(f"    {finding.where(lang)}{colon}{finding.text(lang)}")
                if len(items) > details:
                    lines.append(say(lang, "more", count=len(items) - details))
    totals = summary.totals()
    lines.append("")
    lines.append(say(lang, "totals", **totals, duration=f"{summary.duration:.1f}"))
    if summary.target_location:
        lines.append(say(lang, "target", kind=_target_kind(summary), location=summary.target_location))
    return "\n".join(lines) + "\n"


def _other_keys(summary: IngestSummary) -> str:
    organisations = sorted({g.get("organisation") or g["graph"] for g in summary.other_keys})
    return say(
        summary.lang, "other-key", count=len(summary.other_keys), organisations=", ".join(organisations)
    )


def _kept(export: ExportResult, lang: str) -> str:
    if not export.kept:
        return say(lang, "kept-none")
    kept = export.kept
    return say(lang, "kept", loaded_at=kept.get("loaded_at") or "?", triples=kept.get("triples") or 0)


def to_brief(summary: IngestSummary) -> str:
    """What ``ingest --quiet`` prints: one line per export (its status) and the totals, nothing else.

    For scripts and scheduled runs: the exit code says whether anything was refused, the report
    (``--report``) holds the findings.
    """
    lang = summary.lang
    colon = _colon(lang)
    lines = [f"{e.organisation}{colon}{status_word(e.status, lang)}" for e in summary.exports]
    lines.append(say(lang, "totals", **summary.totals(), duration=f"{summary.duration:.1f}"))
    if summary.target_location:
        lines.append(say(lang, "target", kind=_target_kind(summary), location=summary.target_location))
    return "\n".join(lines) + "\n"


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:70rem;
padding:0 1rem;color:#1d1d1f;line-height:1.45}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.92rem}
th{background:#f4f4f6}.num{text-align:right}
.loaded,.conforms{color:#176c2e;font-weight:600}.refused,.unusable,.no-profile{color:#b00020;font-weight:600}
.note{background:#fff6d6;border:1px solid #e6c65c;padding:.5rem .8rem}
.violation{color:#b00020}.warning{color:#8a5a00}details{margin:.3rem 0}
footer{margin-top:2rem;color:#666;font-size:.85rem}
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def to_html(summary: IngestSummary) -> str:
    """A self-contained HTML report in ``summary.lang`` (inline style, no script, no external resource,
    no personal data)."""
    lang = summary.lang if summary.lang in WORDS else "en"
    totals = summary.totals()
    title = say(lang, "html-title", label=summary.label)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        "<p>"
        + say(
            lang,
            "html-run",
            started=_e(summary.started.isoformat(timespec="seconds")),
            duration=f"{summary.duration:.1f}",
            kind=_e(_target_kind(summary)),
            location=_e(summary.target_location),
        )
        + (say(lang, "html-forced") if summary.forced else "")
        + "</p>",
    ]
    if summary.demo_key:
        out.append(f'<p class="note">{say(lang, "html-demo")}</p>')
    if summary.other_keys:
        out.append(f'<p class="note">{_e(_other_keys(summary).strip())}</p>')
    if summary.problem:
        out.append(f'<p class="note">{_e(summary.problem)}</p>')
    out.append(f"<p>{_e(say(lang, 'html-intro'))}</p>")
    head = [
        ("", "h-organisation"),
        ("", "h-status"),
        (" class=num", "h-rows"),
        (" class=num", "h-terms"),
        (" class=num", "h-violations"),
        (" class=num", "h-warnings"),
    ]
    out.append(
        "<table><thead><tr>"
        + "".join(f"<th{attr}>{_e(say(lang, key))}</th>" for attr, key in head)
        + "</tr></thead><tbody>"
    )
    for export in summary.exports:
        out.append(
            f"<tr><td><a href='#{_e(export.organisation)}'>{_e(export.label or export.organisation)}</a></td>"
            f"<td class='{_e(export.status)}'>{_e(status_word(export.status, lang))}</td>"
            f"<td class=num>{export.rows_read}</td>"
            f"<td class=num>{_share(export, lang)} ({export.terms_mapped}/{export.terms_total})</td>"
            f"<td class=num>{export.count('violation')}</td>"
            f"<td class=num>{export.count('warning')}</td></tr>"
        )
    statuses = say(
        lang, "f-statuses", loaded=totals["loaded"], refused=totals["refused"], unusable=totals["unusable"]
    )
    out.append(
        f"</tbody><tfoot><tr><th>{_e(say(lang, 'f-exports', count=totals['exports']))}</th>"
        f"<th>{_e(statuses)}</th>"
        f"<th class=num>{totals['rows']}</th><th></th><th class=num>{totals['violations']}</th>"
        f"<th class=num>{totals['warnings']}</th></tr></tfoot></table>"
    )
    columns = ("h-file", "h-sheet", "h-row", "h-column", "h-term", "h-what")
    for export in summary.exports:
        out.append(
            f"<h2 id='{_e(export.organisation)}'>{_e(export.label or export.organisation)} "
            f"<small>({_e(export.organisation)})</small></h2>"
        )
        status = _e(status_word(export.status, lang))
        out.append(
            f"<p>{_e(say(lang, 'status'))} <span class='{_e(export.status)}'>{status}"
            f"</span>{(' — ' + _e(export.reason)) if export.reason else ''}</p>"
        )
        if export.status == REFUSED and summary.target_kind != "none":
            out.append(f"<p>{_e(_kept(export, lang).strip())}</p>")
        out.append(
            "<p>"
            + say(
                lang,
                "profile",
                profile=_e(export.profile or say(lang, "none")),
                files=", ".join(f"<code>{_e(name)}</code>" for name in export.files),
                triples=export.triples,
            )
            + "</p>"
        )
        if not export.findings:
            out.append(f"<p>{_e(say(lang, 'no-problem'))}</p>")
            continue
        for severity in ("violation", "warning", "info"):
            for kind, items in export.by_kind(severity).items():
                number = len(items)
                header = "".join(
                    f"<th{' class=num' if key == 'h-row' else ''}>{_e(say(lang, key))}</th>"
                    for key in columns
                )
                out.append(
                    f"<details{' open' if severity == 'violation' else ''}><summary>"
                    f"<span class='{severity}'>{_e(say(lang, severity))}</span> <strong>{_e(kind)}</strong>"
                    f"{_colon(lang)}{number}</summary><table><thead><tr>{header}</tr></thead><tbody>"
                )
                for finding in items:
                    out.append(
                        f"<tr><td>{_e(finding.file)}</td><td>{_e(finding.sheet)}</td>"
                        f"<td class=num>{_e(finding.row)}</td><td>{_e(finding.column)}</td>"
                        f"<td>{_e(finding.term)}</td><td>{_e(finding.text(lang))}</td></tr>"
                    )
                out.append("</tbody></table></details>")
    out.append(f"<footer>{_e(say(lang, 'footer', code=summary.exit_code))}</footer>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
