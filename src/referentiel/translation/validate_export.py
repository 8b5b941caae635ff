"""Validate a partner's export directly: translate it with its profile, run the shapes, report in its terms.

``referentiel validate EXPORT... --profile PROFILE`` uses :func:`validate_export`. The SHACL results are
located in the export through the provenance the translation wrote (``referentiel.provenance.locate``,
used by the validation report). The translation's own issues that SHACL cannot see (rejected rows,
undescribed columns, refused tables, missing columns, duplicate ids, non-asserted matches...) are added
to the same report, with their file, sheet, row and column, as results of the organisation's profile
(``refo:{org}-profile``), so that one report lists everything. Issues SHACL already reports from the
translated data (unmapped terms, terms without equivalent, unreadable values) are not added twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef

from referentiel.namespaces import RDF as _RDF  # noqa: N811
from referentiel.namespaces import REFD, REFO, SH

# issues that the shapes report themselves from the OriginalValue nodes (see shapes/provenance.ttl)
SEEN_BY_SHAPES = frozenset({"unmapped-term", "no-equivalent", "unparsable"})

HINTS = {
    "rejected-row": "Correct the row in the export (number of fields, identifier), then translate again.",
    "unknown-column": "Describe the column in the profile (`property:`), "
    "or declare it `suppressOutput: true`.",
    "personal-data": "Declare the column `personal: true` if it is an identifier; "
    "otherwise remove it from the export or declare it `suppressOutput: true`.",
    "withheld": "Remove the personal data from the cell in the export (the report never shows it), "
    "then translate again.",
    "personal-in-column": "Ask the partner to leave this column out of the export.",
    "missing-column": "Export the column again, or correct its title in the profile.",
    "unknown-file": "Give only the files the profile describes, or add a table for this one to the profile.",
    "duplicate-id": "Give each row its own identifier.",
    "missing-value": "Fill in the cell.",
    "not-asserted": "If the partner's term is in fact equivalent or narrower, "
    "change the mapping's predicate.",
    "encoding": "Nothing to do; to silence this, declare the encoding in the profile (dialect: encoding:).",
}


def fix_hint(kind: str, lang: str = "en") -> str | None:
    """How to fix a translation issue of ``kind``, in ``lang`` (the catalogue's ``fix.{kind}``)."""
    from referentiel.translation.messages import MESSAGES, render

    key = f"fix.{kind}"
    return render(key, {}, lang) if key in MESSAGES else HINTS.get(kind)


def validate_export(
    exports: Iterable[str | Path],
    profile: str | Path,
    *,
    key: bytes | str | None = None,
    key_file: str | Path | None = None,
    shapes: str | Path | Graph | Sequence[str | Path | Graph] | None = None,
    ontology: Any = "bundled",
    fail_on: str = "violation",
    lang: str = "fr",
) -> Any:
    """Translate ``exports`` with ``profile``, validate the result, and return one ValidationReport.

    Raises the translation's ConfigError/InputError for a broken profile, a missing key or an unusable
    file (exit 2), like :func:`referentiel.translation.translate`.
    """
    from referentiel.translation.translator import translate
    from referentiel.validation.api import validate
    from referentiel.validation.report import Severity, Source, ValidationResult

    result = translate(list(exports), profile, key=key, key_file=key_file)
    report = validate(result.graph, shapes, ontology=ontology, fail_on=fail_on, lang=lang)
    slug = result.profile.slug
    shape = URIRef(f"{REFO}{slug}-profile")
    severity = {"violation": Severity.VIOLATION, "warning": Severity.WARNING, "info": Severity.INFO}
    root = next(report.report_graph.subjects(_RDF.type, SH.ValidationReport), None)
    added = []
    for issue in result.issues:
        if issue.kind in SEEN_BY_SHAPES:
            continue
        focus = _record_iri(slug, issue.file, issue.sheet, issue.row)
        component = URIRef(f"{REFO}{slug}-profile#{issue.kind}")
        added.append(ValidationResult(
            severity=severity[issue.severity], focus_node=focus, path=None, path_node=None, value=None,
            component=component, source_shape=shape, message=issue.text(report.lang),
            fix_hint=fix_hint(issue.kind, report.lang),
            source=Source(file=issue.file, row=issue.row, column=issue.column, sheet=issue.sheet),
        ))
        if root is not None:
            node = BNode()
            graph = report.report_graph
            graph.add((root, SH.result, node))
            graph.add((node, _RDF.type, SH.ValidationResult))
            graph.add((node, SH.focusNode, focus))
            levels = {Severity.VIOLATION: SH.Violation, Severity.WARNING: SH.Warning, Severity.INFO: SH.Info}
            graph.add((node, SH.resultSeverity, levels[severity[issue.severity]]))
            graph.add((node, SH.resultMessage, Literal(issue.located(report.lang), lang=report.lang)))
            graph.add((node, SH.sourceShape, shape))
            graph.add((node, SH.sourceConstraintComponent, component))
    if added:
        report.results = added + report.results
        report.results.sort(key=lambda r: -r.severity)  # stable: translation issues first within a level
        report.conforms = False
        if root is not None:
            report.report_graph.set((root, SH.conforms, Literal(False)))
    report.data_files = [str(p) for p in exports] if not isinstance(exports, (str, Path)) else [str(exports)]
    return report


def _record_iri(slug: str, file: str, sheet: str | None, row: int | None) -> URIRef:
    from referentiel.translation.translator import _id_token

    iri = f"{REFD}{slug}/record/{_id_token(file)}"
    if sheet:
        iri += f"/{_id_token(sheet)}"
    if row is not None:
        iri += f"/{row}"
    return URIRef(iri)
