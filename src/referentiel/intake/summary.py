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
      "key": {"source": "key-file" | "environment" | "demo", "demo": false,
              "fingerprint": "3f9a...", "other_keys": [{"graph", "organisation", "loaded_at",
                                                       "key_fingerprint"}]},  # graphs of another key
      "target": {"kind": "store" | "endpoint", "location": "./.referentiel-store"},
      "forced": false,
      "lang": "fr" | "en" | "nl",                      # the language of every human message below
      "exit_code": 0 | 1 | 2,
      "totals": {"exports": 4, "loaded": 3, "refused": 1, "unusable": 0,
                 "rows": 812, "violations": 5, "warnings": 12},
      "exports": [{
          "organisation": "one-bruxelles", "label": "ONE ...", "directory": "...",
          "profile": "profile.yaml", "files": ["families.csv", ...],
          "status": "loaded" | "conforms" (checked, not loaded: --dry-run) | "refused" | "unusable"
                    | "no-profile",
          "reason": "why it was refused or unusable (empty when loaded)",
          "rows_read": 210, "triples": 4120, "graph": "https://w3id.org/referentiel/data/graph/...",
          "terms": {"total": 140, "mapped": 131, "share": 0.936,
                    "complete": true, "tables_refused": 0},  # complete: no table refused whole
          "replaced": {"triples": 4000, "loaded_at": "...", "sources": [...]} | null,  # the previous graph
          "kept": {"triples": 4000, "loaded_at": "...", "sources": [...]} | null,  # refused: what stays
          "counts": {"violation": {"missing-field": 2}, "warning": {"unmapped-term": 9}},
          "findings": [{"severity": "violation", "kind": "missing-field", "stage": "validation",
                        "file": "familles.csv", "sheet": null, "row": 17, "column": "date_debut",
                        "message": "...", "term": null}]
      }]
    }

Severities are ``violation`` (the export is refused unless forced), ``warning`` and ``info``.

Language: a run speaks one language (``lang``: ``fr``, the default, ``en`` or ``nl``), chosen when
:func:`referentiel.intake.ingest` is called, because the messages of the findings (the translation's
and the shapes') and the reasons are written in it then. The renderers follow ``summary.lang`` for
their own words (statuses, headings, ``<html lang>``). Keys, statuses, severities and kinds of the
JSON form are the same in every language: programs read those, people read the messages.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

from referentiel.intake.summary_render import to_brief, to_html, to_json, to_text
from referentiel.intake.summary_words import (
    CONFORMS,
    INTERRUPTED,
    LANGS,
    LOADED,
    NO_PROFILE,
    REFUSED,
    SEVERITIES,
    STATUS_WORDS,
    UNUSABLE,
    WORDS,
    say,
    status_word,
)
from referentiel.privacy import scrub

__all__ = [
    "CONFORMS", "FORMAT", "INTERRUPTED", "LANGS", "LOADED", "NO_PROFILE", "REFUSED", "SEVERITIES",
    "STATUS_WORDS", "UNUSABLE", "VERSION", "WORDS", "ExportResult", "Finding", "IngestSummary", "safe_text",
    "say", "status_word", "to_brief", "to_html", "to_json", "to_text",
]

FORMAT = "referentiel-intake-summary"
VERSION = 1


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
    raised_by: str | None = None
    """The rule that made this finding more severe than its kind usually is (an unmapped term in a
    column the shapes require is a violation, not a warning): its message, shown after the finding's."""

    def text(self, lang: str = "en") -> str:
        """The message, with the reason for its severity when a rule raised it."""
        if not self.raised_by:
            return self.message
        return self.message + say(lang, "raised-by", severity=say(lang, self.severity), rule=self.raised_by)

    def where(self, lang: str = "en") -> str:
        """``file, sheet S, row R, column C`` (the known parts), in ``lang``."""
        parts = [self.file or say(lang, "export")]
        if self.sheet:
            parts.append(say(lang, "sheet", sheet=self.sheet))
        if self.row is not None:
            parts.append(say(lang, "row", row=self.row))
        if self.column:
            parts.append(say(lang, "column", column=self.column))
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
    tables_refused: int = 0
    """Tables refused whole (e.g. undeclared personal data): their terms are not in the share."""
    findings: list[Finding] = field(default_factory=list)
    replaced: dict | None = None
    """What the load replaced in the store: the organisation's previous graph (``triples``,
    ``loaded_at``, ``sources``), or None when there was none (or nothing was loaded)."""
    kept: dict | None = None
    """When the export was refused: the organisation's earlier graph still in the store (``triples``,
    ``loaded_at``, ``sources``), or None when there is none."""

    @property
    def mapped_share(self) -> float | None:
        """Share of the organisation's terms that were mapped to the framework (None: no terms)."""
        return self.terms_mapped / self.terms_total if self.terms_total else None

    def count(self, severity: str) -> int:
        """How many findings of ``severity``."""
        return sum(1 for f in self.findings if f.severity == severity)

    def by_kind(self, severity: str) -> dict[str, list[Finding]]:
        """The findings of ``severity`` grouped by kind: kinds sorted, findings in their order."""
        groups: dict[str, list[Finding]] = {}
        for finding in self.findings:
            if finding.severity == severity:
                groups.setdefault(finding.kind, []).append(finding)
        return dict(sorted(groups.items()))

    def counts(self) -> dict[str, dict[str, int]]:
        """Findings counted by severity, then kind."""
        result: dict[str, dict[str, int]] = {}
        for severity in SEVERITIES:
            groups = self.by_kind(severity)
            if groups:
                result[severity] = {kind: len(items) for kind, items in groups.items()}
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
                "complete": not self.tables_refused,
                "tables_refused": self.tables_refused,
            },
            "counts": self.counts(),
            "replaced": self.replaced,
            "kept": self.kept,
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
    lang: str = "fr"
    """The language of the messages and of the renderers' words (fr, en, nl)."""
    key_fingerprint: str | None = None
    """The fingerprint of the pseudonym key (:func:`referentiel.translation.pseudonym.key_fingerprint`)."""
    other_keys: list[dict] = field(default_factory=list)
    """Graphs already in the store made with another key (``graph``, ``organisation``, ``loaded_at``,
    ``key_fingerprint``): their families cannot be linked with this run's."""

    @property
    def label(self) -> str:
        """How outputs name what was ingested."""
        return say(self.lang, "bundled") if self.demo_key else self.directory

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
        if any(e.status not in (LOADED, CONFORMS) for e in self.exports):
            return 1
        return 0

    def totals(self) -> dict[str, int]:
        """Counts over every export."""
        return {
            "exports": len(self.exports),
            "loaded": sum(e.status == LOADED for e in self.exports),
            "conforms": sum(e.status == CONFORMS for e in self.exports),
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
            "key": {
                "source": self.key_source,
                "demo": self.demo_key,
                "fingerprint": self.key_fingerprint,
                "other_keys": self.other_keys,
            },
            "target": {"kind": self.target_kind, "location": self.target_location},
            "forced": self.forced,
            "lang": self.lang,
            "problem": self.problem,
            "exit_code": self.exit_code,
            "totals": self.totals(),
            "exports": [e.to_dict() for e in self.exports],
        }


# ---------------------------------------------------------------- renderers
