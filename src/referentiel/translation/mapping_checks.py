"""Quality checks of SSSOM mapping sets: SSSOM well-formedness and SKOS integrity against the framework.

The checks are data: :data:`CHECKS` is the registry (id, severity, title, how to fix) that the CLI, the
JSON output and docs/translation.md all read. Each check is then one small function registered under
its id. They are Python over the parsed rows rather than SPARQL over the mapping set converted to RDF
because half of them are about the TSV itself (a malformed CURIE, an undeclared prefix, a date that is
not ISO) and must point at the file's line and column: a row that cannot be converted to RDF cannot be
queried, and RDF has no line numbers. The SKOS checks need the framework's ``skos:broader`` hierarchy,
which :mod:`referentiel.translation.framework` already holds in memory.

This module is the entry point (read files, run, render); the registry is
:mod:`referentiel.translation.mapping_check_registry`, the checks
:mod:`referentiel.translation.mapping_check_rules`.
"""

from __future__ import annotations

from collections.abc import Iterable

from referentiel.translation.framework import Framework
from referentiel.translation.mapping_check_messages import say
from referentiel.translation.mapping_check_registry import (
    CHECKS,
    ERROR,
    INFO,
    SEVERITY_ORDER,
    WARN,
    CheckReport,
    CheckSpec,
    Finding,
)
from referentiel.translation.mapping_check_rules import check_mapping_set

__all__ = [
    "CHECKS",
    "ERROR",
    "INFO",
    "SEVERITY_ORDER",
    "WARN",
    "CheckReport",
    "CheckSpec",
    "Finding",
    "check_mapping_files",
    "check_mapping_set",
    "render_text",
]


def check_mapping_files(paths: Iterable[str], framework: Framework | None = None) -> CheckReport:
    """Read and check mapping-set files (leniently, so that every problem is listed).

    Raises :class:`referentiel.errors.InputError` (exit 2) when a file is unusable.
    """
    from referentiel.translation.sssom_read import read_mapping_set

    report = CheckReport()
    for path in paths:
        ms = read_mapping_set(path, strict=False)
        report.files.append(str(path))
        report.mappings += len(ms.mappings)
        report.findings.extend(check_mapping_set(ms, framework))
    return report


def render_text(report: CheckReport, lang: str = "en") -> str:
    """A human-readable report in ``lang`` (fr, nl, en): one block per finding, then a summary line."""
    colon = ": " if lang != "fr" else " : "
    lines = []
    for f in report.findings:
        where = ", ".join(
            p
            for p in (
                f.file,
                say("line {line}", lang, {"line": f.line}) if f.line else None,
                say("column {column}", lang, {"column": f.column}) if f.column else None,
            )
            if p
        )
        lines.append(f"{f.severity} [{f.check}] {where}{colon}{f.message_in(lang)}")
        if f.hint and f.severity != INFO:
            lines.append(f"  {say('how to fix', lang)}{colon}{f.hint_in(lang)}")
    counts = {
        "verdict": say("OK" if report.ok else "FAILED", lang),
        "files": len(report.files),
        "mappings": report.mappings,
        "errors": report.count(ERROR),
        "warnings": report.count(WARN),
        "infos": report.count(INFO),
    }
    lines.append(
        say(
            "{verdict}: {files} mapping set(s), {mappings} mapping(s): {errors} error(s), "
            "{warnings} warning(s), {infos} info(s)",
            lang,
            counts,
        )
    )
    return "\n".join(lines) + "\n"
