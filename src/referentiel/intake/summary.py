"""The intake summary: what happened to each partner export, in the partner's own terms.

An :class:`IngestSummary` is what :func:`referentiel.intake.ingest` returns and what the command prints
and writes as a report. A data steward sends it back to partners, so it speaks in files, rows and
columns, and it never carries personal data: every message and every echoed term goes through
:func:`referentiel.privacy.scrub`, and cell values are never copied except the organisation's own
vocabulary terms that could not be mapped (scrubbed and shortened too).

JSON structure (``format = "referentiel-intake-summary"``, ``version = 1``)::

    {
      "format": "referentiel-intake-summary", "version": 1,
      "directory": "examples/organisations",           # what was ingested
      "started": "2026-11-26T17:40:00+00:00", "finished": "...", "duration_s": 1.23,
      "key": {"source": "key-file" | "environment" | "demo", "demo": false},
      "target": {"kind": "store" | "endpoint", "location": "./.referentiel-store"},
      "forced": false,
      "exit_code": 0 | 1 | 2,
      "totals": {"exports": 4, "loaded": 3, "refused": 1, "unusable": 0,
                 "rows": 812, "violations": 5, "warnings": 12},
      "exports": [{
          "organisation": "one-bruxelles", "label": "ONE ...", "directory": "...",
          "profile": "profile.yaml", "files": ["families.csv", ...],
          "status": "loaded" | "refused" | "unusable" | "no-profile",
          "reason": "why it was refused or unusable (empty when loaded)",
          "rows_read": 210, "triples": 4120, "graph": "https://w3id.org/referentiel/data/graph/...",
          "terms": {"total": 140, "mapped": 131, "share": 0.936},
          "counts": {"violation": {"missing-field": 2}, "warning": {"unmapped-term": 9}},
          "findings": [{"severity": "violation", "kind": "missing-field", "stage": "validation",
                        "file": "familles.csv", "sheet": null, "row": 17, "column": "date_debut",
                        "message": "...", "term": null}]
      }]
    }

Severities are ``violation`` (the export is refused unless forced), ``warning`` and ``info``.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime

from referentiel.privacy import scrub

FORMAT = "referentiel-intake-summary"
VERSION = 1

LOADED = "loaded"
REFUSED = "refused"
UNUSABLE = "unusable"
NO_PROFILE = "no-profile"
INTERRUPTED = "interrupted"

SEVERITIES = ("violation", "warning", "info")


def safe_text(text: object, limit: int = 300) -> str:
    """``text`` with personal data masked and its length capped: the only way data reaches a report."""
    value = scrub(str(text))
    return value if len(value) <= limit else value[: limit - 1] + "…"


@dataclass
class Finding:
    """One problem found in an export, located in the partner's file."""

    severity: str
    kind: str
    stage: str
    message: str
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    term: str | None = None
    also: list[str] = field(default_factory=list)
    """Messages of the other stage about the same cell (e.g. validation after a translation issue)."""

    def where(self) -> str:
        """``file, sheet S, row R, column C`` (the known parts)."""
        parts = [self.file or "(export)"]
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)


@dataclass
class ExportResult:
    """What happened to one organisation's export."""

    organisation: str
    directory: str
    label: str = ""
    profile: str | None = None
    files: list[str] = field(default_factory=list)
    status: str = UNUSABLE
    reason: str = ""
    rows_read: int = 0
    triples: int = 0
    graph: str | None = None
    terms_total: int = 0
    terms_mapped: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def mapped_share(self) -> float | None:
        """Share of the organisation's terms that were mapped to the framework (None: no terms)."""
        return self.terms_mapped / self.terms_total if self.terms_total else None

    def count(self, severity: str) -> int:
        """How many findings of ``severity``."""
        return sum(1 for f in self.findings if f.severity == severity)

    def counts(self) -> dict[str, dict[str, int]]:
        """Findings counted by severity, then kind."""
        result: dict[str, dict[str, int]] = {}
        for severity in SEVERITIES:
            kinds = Counter(f.kind for f in self.findings if f.severity == severity)
            if kinds:
                result[severity] = dict(sorted(kinds.items()))
        return result

    def to_dict(self) -> dict:
        """The JSON form of this export (see the module docstring)."""
        share = self.mapped_share
        return {
            "organisation": self.organisation,
            "label": self.label,
            "directory": self.directory,
            "profile": self.profile,
            "files": list(self.files),
            "status": self.status,
            "reason": self.reason,
            "rows_read": self.rows_read,
            "triples": self.triples,
            "graph": self.graph,
            "terms": {
                "total": self.terms_total,
                "mapped": self.terms_mapped,
                "share": round(share, 4) if share is not None else None,
            },
            "counts": self.counts(),
            "findings": [asdict(f) for f in self.findings],
        }


@dataclass
class IngestSummary:
    """The outcome of one intake run over a directory of partner exports."""

    directory: str
    started: datetime
    finished: datetime | None = None
    exports: list[ExportResult] = field(default_factory=list)
    key_source: str = "key-file"
    target_kind: str = "store"
    target_location: str = ""
    forced: bool = False
    problem: str = ""
    """Set when the directory itself is unusable (nothing to ingest)."""

    @property
    def label(self) -> str:
        """How outputs name what was ingested."""
        return "the bundled example organisations" if self.demo_key else self.directory

    @property
    def demo_key(self) -> bool:
        """True when the bundled demonstration key pseudonymised the data (bundled examples only)."""
        return self.key_source == "demo"

    @property
    def exit_code(self) -> int:
        """0 every export loaded, 1 some refused, 2 unusable input (no profile, unreadable, empty)."""
        if self.problem or not self.exports:
            return 2
        if any(e.status in (UNUSABLE, NO_PROFILE) for e in self.exports):
            return 2
        if any(e.status != LOADED for e in self.exports):
            return 1
        return 0

    def totals(self) -> dict[str, int]:
        """Counts over every export."""
        return {
            "exports": len(self.exports),
            "loaded": sum(e.status == LOADED for e in self.exports),
            "refused": sum(e.status == REFUSED for e in self.exports),
            "unusable": sum(e.status in (UNUSABLE, NO_PROFILE) for e in self.exports),
            "rows": sum(e.rows_read for e in self.exports),
            "violations": sum(e.count("violation") for e in self.exports),
            "warnings": sum(e.count("warning") for e in self.exports),
        }

    @property
    def duration(self) -> float:
        """Seconds the run took."""
        end = self.finished or self.started
        return (end - self.started).total_seconds()

    def findings(self) -> list[tuple[ExportResult, Finding]]:
        """Every finding with its export."""
        return [(e, f) for e in self.exports for f in e.findings]

    def to_dict(self) -> dict:
        """The JSON form (see the module docstring)."""
        return {
            "format": FORMAT,
            "version": VERSION,
            "directory": self.directory,
            "started": self.started.isoformat(timespec="seconds"),
            "finished": self.finished.isoformat(timespec="seconds") if self.finished else None,
            "duration_s": round(self.duration, 3),
            "key": {"source": self.key_source, "demo": self.demo_key},
            "target": {"kind": self.target_kind, "location": self.target_location},
            "forced": self.forced,
            "problem": self.problem,
            "exit_code": self.exit_code,
            "totals": self.totals(),
            "exports": [e.to_dict() for e in self.exports],
        }


# ---------------------------------------------------------------- renderers


def to_json(summary: IngestSummary) -> str:
    """The summary as JSON text."""
    return json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _share(export: ExportResult) -> str:
    share = export.mapped_share
    return "–" if share is None else f"{share:.0%}"


STATUS_WORDS = {
    LOADED: "loaded",
    REFUSED: "REFUSED",
    UNUSABLE: "UNUSABLE",
    NO_PROFILE: "NO PROFILE",
    INTERRUPTED: "interrupted",
}


def to_text(summary: IngestSummary, details: int = 5) -> str:
    """The summary a steward reads on the terminal: one block per organisation.

    ``details`` caps the located findings shown per organisation and kind (the report has them all).
    """
    lines = [f"Intake of {summary.label}"]
    if summary.demo_key:
        lines.append(
            "  NOTE: pseudonyms made with the bundled DEMO-ONLY key (demonstration data only; "
            "real exports need --key-file or REFERENTIEL_PSEUDONYM_KEY)."
        )
    if summary.problem:
        lines.append(f"  {summary.problem}")
    for export in summary.exports:
        title = export.label or export.organisation
        lines.append("")
        lines.append(f"{title} [{export.organisation}]: {STATUS_WORDS.get(export.status, export.status)}")
        if export.reason:
            lines.append(f"  {export.reason}")
        if export.status not in (NO_PROFILE,):
            lines.append(
                f"  rows read {export.rows_read}, terms mapped {_share(export)} "
                f"({export.terms_mapped}/{export.terms_total}), "
                f"violations {export.count('violation')}, warnings {export.count('warning')}"
            )
        for severity in ("violation", "warning"):
            by_kind: dict[str, list[Finding]] = {}
            for finding in export.findings:
                if finding.severity == severity:
                    by_kind.setdefault(finding.kind, []).append(finding)
            for kind, items in sorted(by_kind.items()):
                lines.append(f"  {severity} {kind}: {len(items)}")
                for finding in items[:details]:
                    lines.append(f"    {finding.where()}: {finding.message}")
                if len(items) > details:
                    lines.append(f"    … and {len(items) - details} more (see the report)")
    totals = summary.totals()
    lines.append("")
    lines.append(
        f"{totals['exports']} export(s): {totals['loaded']} loaded, {totals['refused']} refused, "
        f"{totals['unusable']} unusable; {totals['rows']} rows, {totals['violations']} violations, "
        f"{totals['warnings']} warnings; {summary.duration:.1f} s"
    )
    if summary.target_location:
        lines.append(f"Target: {summary.target_kind} {summary.target_location}")
    return "\n".join(lines) + "\n"


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:70rem;
padding:0 1rem;color:#1d1d1f;line-height:1.45}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.92rem}
th{background:#f4f4f6}.num{text-align:right}
.loaded{color:#176c2e;font-weight:600}.refused,.unusable,.no-profile{color:#b00020;font-weight:600}
.note{background:#fff6d6;border:1px solid #e6c65c;padding:.5rem .8rem}
.violation{color:#b00020}.warning{color:#8a5a00}details{margin:.3rem 0}
footer{margin-top:2rem;color:#666;font-size:.85rem}
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def to_html(summary: IngestSummary) -> str:
    """A self-contained HTML report (inline style, no script, no external resource, no personal data)."""
    totals = summary.totals()
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Intake report: {_e(summary.label)}</title><style>{_CSS}</style></head><body>",
        f"<h1>Intake report: {_e(summary.label)}</h1>",
        f"<p>Run {_e(summary.started.isoformat(timespec='seconds'))}, {summary.duration:.1f} s. "
        f"Target: {_e(summary.target_kind)} <code>{_e(summary.target_location)}</code>."
        + (" Loading was <strong>forced</strong> for non-conforming exports." if summary.forced else "")
        + "</p>",
    ]
    if summary.demo_key:
        out.append(
            '<p class="note">Pseudonyms in this run were made with the bundled <strong>DEMO-ONLY</strong> '
            "key. This is right for the demonstration data shipped with referentiel and wrong for "
            "anything else: real exports must be ingested with the project's own key.</p>"
        )
    if summary.problem:
        out.append(f'<p class="note">{_e(summary.problem)}</p>')
    out.append(
        "<p>This report locates each problem in the partner's own files (file, row, column). "
        "It contains no personal data: values that look personal are masked.</p>"
    )
    out.append(
        "<table><thead><tr><th>Organisation</th><th>Status</th><th class=num>Rows read</th>"
        "<th class=num>Terms mapped</th><th class=num>Violations</th><th class=num>Warnings</th>"
        "</tr></thead><tbody>"
    )
    for export in summary.exports:
        out.append(
            f"<tr><td><a href='#{_e(export.organisation)}'>{_e(export.label or export.organisation)}</a></td>"
            f"<td class='{_e(export.status)}'>{_e(STATUS_WORDS.get(export.status, export.status))}</td>"
            f"<td class=num>{export.rows_read}</td>"
            f"<td class=num>{_share(export)} ({export.terms_mapped}/{export.terms_total})</td>"
            f"<td class=num>{export.count('violation')}</td><td class=num>{export.count('warning')}</td></tr>"
        )
    out.append(
        f"</tbody><tfoot><tr><th>{totals['exports']} exports</th>"
        f"<th>{totals['loaded']} loaded, {totals['refused']} refused, {totals['unusable']} unusable</th>"
        f"<th class=num>{totals['rows']}</th><th></th><th class=num>{totals['violations']}</th>"
        f"<th class=num>{totals['warnings']}</th></tr></tfoot></table>"
    )
    for export in summary.exports:
        out.append(
            f"<h2 id='{_e(export.organisation)}'>{_e(export.label or export.organisation)} "
            f"<small>({_e(export.organisation)})</small></h2>"
        )
        status = _e(STATUS_WORDS.get(export.status, export.status))
        out.append(
            f"<p>Status: <span class='{_e(export.status)}'>{status}"
            f"</span>{(' — ' + _e(export.reason)) if export.reason else ''}</p>"
        )
        out.append(
            f"<p>Profile: <code>{_e(export.profile or 'none')}</code>. Files: "
            + ", ".join(f"<code>{_e(name)}</code>" for name in export.files)
            + f". Triples: {export.triples}.</p>"
        )
        counts = export.counts()
        if not export.findings:
            out.append("<p>No problem found.</p>")
            continue
        for severity in ("violation", "warning", "info"):
            for kind, number in counts.get(severity, {}).items():
                items = [f for f in export.findings if f.severity == severity and f.kind == kind]
                out.append(
                    f"<details{' open' if severity == 'violation' else ''}><summary>"
                    f"<span class='{severity}'>{severity}</span> <strong>{_e(kind)}</strong>: {number}"
                    "</summary><table><thead><tr><th>File</th><th>Sheet</th><th class=num>Row</th>"
                    "<th>Column</th><th>Term</th><th>What is wrong</th></tr></thead><tbody>"
                )
                for finding in items:
                    out.append(
                        f"<tr><td>{_e(finding.file)}</td><td>{_e(finding.sheet)}</td>"
                        f"<td class=num>{_e(finding.row)}</td><td>{_e(finding.column)}</td>"
                        f"<td>{_e(finding.term)}</td><td>{_e(finding.message)}</td></tr>"
                    )
                out.append("</tbody></table></details>")
    out.append(
        "<footer>Generated by referentiel intake. Exit code "
        f"{summary.exit_code} (0 all loaded, 1 some refused, 2 unusable input).</footer>"
    )
    out.append("</body></html>")
    return "\n".join(out) + "\n"
