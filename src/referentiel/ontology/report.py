"""The result of ``check_ontology``: findings, the reasoner's run, and their text and JSON renderings.

The JSON structure is documented in docs/ontology.md ("Quality checks") and is stable: keys are only
ever added, never renamed or removed, within one ``formatVersion``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from referentiel.error_messages import Phrase
from referentiel.ontology.catalogue import SEVERITIES, Check
from referentiel.ontology.messages import say

REPORT_FORMAT = "referentiel-ontology-report"
REPORT_FORMAT_VERSION = 1


@dataclass(frozen=True)
class Finding:
    """One problem found by one check on one term (or on the ontology as a whole)."""

    check: str
    severity: str
    term: str | None = None
    label: str | None = None
    label_lang: str | None = None
    property: str | None = None
    value: str | None = None
    lang: str | None = None
    other: str | None = None
    message: str | None = None
    # ``message`` as a template and its values, to say it in another language
    phrase: Phrase | None = field(default=None, hash=False, compare=False, repr=False)

    def message_in(self, lang: str) -> str | None:
        """The message in ``lang`` (fr, nl, en)."""
        return say(self.phrase.template, lang, self.phrase.params) if self.phrase else self.message

    def to_dict(self, lang: str = "en") -> dict[str, str | None]:
        """JSON-ready form (camelCase keys, documented in docs/ontology.md), the message in ``lang``."""
        return {
            "check": self.check, "severity": self.severity, "term": self.term, "label": self.label,
            "labelLang": self.label_lang, "property": self.property, "value": self.value,
            "lang": self.lang, "other": self.other, "message": self.message_in(lang),
        }


@dataclass
class ReasonerRun:
    """What the reasoner did: ``ran``, ``skipped`` (--no-reasoner), ``unavailable`` (no Java), ``failed``."""

    name: str = "HermiT"
    version: str | None = None
    status: str = "skipped"
    seconds: float = 0.0
    consistent: bool | None = None
    unsatisfiable: list[str] = field(default_factory=list)
    message: str | None = None
    phrase: Phrase | None = field(default=None, repr=False)  # ``message``, translatable

    def said(self, template: str, **params: object) -> None:
        """Set the message (English in ``message``, translatable in ``phrase``)."""
        self.phrase = Phrase(template, params)
        self.message = str(self.phrase)

    def message_in(self, lang: str) -> str | None:
        """The message in ``lang`` (fr, nl, en); HermiT's own words stay as it wrote them."""
        if self.phrase is None:
            return self.message
        params = {k: say(v, lang) if k == "hint" else v for k, v in self.phrase.params.items()}
        return say(self.phrase.template, lang, params)

    def to_dict(self, lang: str = "en") -> dict[str, object]:
        """JSON-ready form, the message in ``lang``."""
        return {
            "name": self.name, "version": self.version, "status": self.status,
            "seconds": round(self.seconds, 3), "consistent": self.consistent,
            "unsatisfiableClasses": list(self.unsatisfiable), "message": self.message_in(lang),
        }

    def describe(self, lang: str = "en") -> str:
        """One line for the text report, in ``lang``."""
        name = f"{self.name} {self.version}" if self.version else self.name
        seconds = f"{self.seconds:.2f}"
        if self.status == "ran":
            if not self.consistent:
                verdict = say("INCONSISTENT", lang)
            elif self.unsatisfiable:
                count = {"count": len(self.unsatisfiable)}
                verdict = say("consistent, {count} unsatisfiable class(es)", lang, count)
            else:
                verdict = say("consistent", lang)
            return say("{name} ran in {seconds} s: {verdict}", lang,
                       {"name": name, "seconds": seconds, "verdict": verdict})
        if self.status == "skipped":
            skipped = "{name} NOT run (--no-reasoner): consistency and satisfiability were not checked"
            return say(skipped, lang, {"name": name})
        if self.status == "unavailable":
            return say("{name} NOT run: {message}", lang, {"name": name, "message": self.message_in(lang)})
        return say("{name} FAILED after {seconds} s: {message}", lang,
                   {"name": name, "seconds": seconds, "message": self.message_in(lang)})


@dataclass
class OntologyReport:
    """Everything ``referentiel ontology check`` found, as Python objects."""

    source: str
    ontology_iri: str | None
    version_iri: str | None
    version_info: str | None
    own_namespaces: list[str]
    triples: int
    reasoner: ReasonerRun
    checks: list[Check]
    findings: list[Finding]
    seconds: float = 0.0
    checks_seconds: float = 0.0
    prefixes: dict[str, str] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """Number of findings per severity (every severity present, possibly 0)."""
        counts = dict.fromkeys(SEVERITIES, 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    @property
    def errors(self) -> list[Finding]:
        """The ERROR findings."""
        return [f for f in self.findings if f.severity == "ERROR"]

    @property
    def ok(self) -> bool:
        """True when no check found an ERROR and the reasoner was not expected but unable to run."""
        return not self.errors and self.reasoner.status != "unavailable"

    @property
    def exit_code(self) -> int:
        """2 when the reasoner was asked for but Java is missing, 1 with an ERROR, else 0."""
        if self.reasoner.status == "unavailable":
            return 2
        return 1 if self.errors else 0

    def findings_of(self, check_id: str) -> list[Finding]:
        """The findings of one check."""
        return [f for f in self.findings if f.check == check_id]

    def curie(self, iri: str | None) -> str | None:
        """``iri`` shortened with the report's prefixes (``ref:Family``), unchanged when none applies."""
        if not iri:
            return iri
        best = max(((p, ns) for p, ns in self.prefixes.items() if iri.startswith(ns) and len(iri) > len(ns)),
                   key=lambda pair: len(pair[1]), default=None)
        return f"{best[0]}:{iri[len(best[1]):]}" if best else iri

    def to_dict(self, lang: str = "en") -> dict[str, object]:
        """The documented JSON structure (see docs/ontology.md, "Quality checks"); its texts (titles,
        hints, messages) in ``lang``."""
        per_check: dict[str, int] = {}
        for finding in self.findings:
            per_check[finding.check] = per_check.get(finding.check, 0) + 1
        return {
            "format": REPORT_FORMAT,
            "formatVersion": REPORT_FORMAT_VERSION,
            "source": self.source,
            "ontology": {
                "iri": self.ontology_iri, "versionIRI": self.version_iri, "versionInfo": self.version_info,
                "triples": self.triples, "ownNamespaces": list(self.own_namespaces),
            },
            "reasoner": self.reasoner.to_dict(lang),
            "summary": {
                "counts": self.counts(), "checksRun": len(self.checks), "passed": self.ok,
                "exitCode": self.exit_code, "seconds": round(self.seconds, 3),
                "checksSeconds": round(self.checks_seconds, 3),
            },
            "checks": [
                {**check.to_dict(lang), "findings": per_check.get(check.id, 0)} for check in self.checks
            ],
            "findings": [finding.to_dict(lang) for finding in self.findings],
        }

    def to_json(self, lang: str = "en") -> str:
        """The report as indented JSON text, its texts in ``lang``."""
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=2) + "\n"

    def to_text(self, lang: str = "en") -> str:
        """Human-readable report in ``lang``: grouped by severity then check, one line per finding."""
        colon = " : " if lang == "fr" else ": "
        version = self.version_info or self.version_iri
        lines = [say("Ontology: {iri}", lang, {"iri": self.ontology_iri or say("(no owl:Ontology)", lang)})
                 + (say("  version {version}", lang, {"version": version}) if version else ""),
                 say("Source:   {source} ({triples} triples)", lang,
                     {"source": self.source, "triples": self.triples}),
                 say("Own namespaces: {namespaces}", lang,
                     {"namespaces": ", ".join(self.own_namespaces) or say("(none found)", lang)}),
                 say("Reasoner: {reasoner}", lang, {"reasoner": self.reasoner.describe(lang)}),
                 say("Checks:   {count} run in {seconds} s (total {total} s)", lang,
                     {"count": len(self.checks), "seconds": f"{self.checks_seconds:.2f}",
                      "total": f"{self.seconds:.2f}"}), ""]
        by_id = {check.id: check for check in self.checks}
        for severity in SEVERITIES:
            group = [f for f in self.findings if f.severity == severity]
            if not group:
                continue
            lines.append(f"== {severity} ({len(group)}) ==")
            for check_id in sorted({f.check for f in group}):
                found = [f for f in group if f.check == check_id]
                check = by_id.get(check_id)
                title = check.title_in(lang) if check else check_id
                lines.append(f"[{check_id}] {title} ({len(found)})")
                lines.extend("  " + _finding_line(f, self.curie, lang) for f in found)
                if check:
                    lines.append(f"  {say('how to fix', lang)}{colon}{check.hint_in(lang)}")
            lines.append("")
        counts = self.counts()
        summary = ", ".join(f"{counts[s]} {s}" for s in SEVERITIES)
        if self.reasoner.status == "unavailable":
            verdict = say("NOT CHECKED: the reasoner could not run (exit 2)", lang)
        elif self.errors:
            verdict = say("FAILED (exit 1)", lang)
        else:
            verdict = say("passed (no ERROR)", lang)
        lines.append(say("Summary: {summary}: {verdict}", lang, {"summary": summary, "verdict": verdict}))
        return "\n".join(lines) + "\n"


def _finding_line(finding: Finding, curie: Callable[[str | None], str | None], lang: str = "en") -> str:
    parts = []
    if finding.term:
        term = curie(finding.term) or finding.term
        if finding.label:
            label_lang = f"@{finding.label_lang}" if finding.label_lang else ""
            term += f' "{finding.label}"{label_lang}'
        parts.append(term)
    if finding.property:
        parts.append(curie(finding.property) or finding.property)
    if finding.lang:
        parts.append(f"lang={finding.lang}")
    if finding.value is not None:
        value = finding.value
        if value.startswith(("http://", "https://")) and " " not in value:
            value = curie(value) or value
        parts.append(f"value={_short(value)!r}")
    if finding.other:
        parts.append(say("also {other}", lang, {"other": curie(finding.other)}))
    message = finding.message_in(lang)
    if message:
        parts.append(message)
    return "  ".join(parts) if parts else say("(ontology)", lang)


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
