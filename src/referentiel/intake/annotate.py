"""The annotated copy of a partner's export: the spreadsheet a steward sends back.

:func:`annotate` turns one organisation's export files and the findings of its intake
(:class:`~referentiel.intake.summary.ExportResult`) into an XLSX workbook:

- a first sheet listing every finding (severity, file, sheet, row, column, message), each linked to
  its cell;
- one sheet per table of the export (a CSV/TSV/JSON file, or a sheet of a workbook), rows at the
  numbers the partner knows (header = row 1), each faulty cell filled (red for a violation, amber for
  a warning) and carrying a comment with the message(s), in the run's language.

Privacy: the copy is made to leave the steward's office, so it follows the same rules as the reports.
Columns the profile declares personal (and family identifiers) are masked whole; every other cell
goes through :func:`referentiel.privacy.shown` (national numbers, e-mail addresses and phone numbers
masked, free-text notes replaced by their length). The partner still has the original; the copy
points at its rows and columns.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from referentiel.intake.summary import ExportResult, Finding, say

FILLS = {"violation": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
_SEVERITY_ORDER = {"violation": 0, "warning": 1, "info": 2}
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")

REPORT_SHEET = {"fr": "Rapport", "en": "Report", "nl": "Rapport"}
MASKED = "[masqué]"


def _put(ws: Any, row: int, column: int, value: Any) -> Any:
    """Write ``value`` in a cell as data: a text starting with ``=`` stays text, never a formula (a
    partner's cell ``=HYPERLINK(...)`` must not run when the copy is opened)."""
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def _sheet_title(name: str, taken: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("_", name)[:31] or "sheet"
    title, n = base, 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def _tables(files: Iterable[Path], profile: Any) -> list[tuple[str, str | None, Any, Any]]:
    """``(file name, sheet, Table, TableSpec | None)`` for every table of the export files."""
    from referentiel.translation.readers import close_workbooks, read_table

    out = []
    workbooks: dict[Path, Any] = {}
    try:
        for path in files:
            specs = profile.table_for(path) if profile is not None else []
            if path.suffix.lower() in (".xlsx", ".xlsm"):
                sheets = [s.sheet for s in specs if s.sheet] or [None]
                for sheet in sheets:
                    spec = next((s for s in specs if s.sheet == sheet), None)
                    table = read_table(path, sheet=sheet, workbooks=workbooks)
                    out.append((path.name, table.sheet, table, spec))
                continue
            spec = specs[0] if specs else None
            kwargs = {}
            if spec is not None:
                kwargs = {"delimiter": spec.delimiter, "encoding": spec.encoding, "quotechar": spec.quotechar}
                if spec.json_path:
                    kwargs["json_path"] = spec.json_path
            out.append((path.name, None, read_table(path, **kwargs), spec))
    finally:
        close_workbooks(workbooks)
    return out


def _personal(spec: Any, title: str) -> bool:
    if spec is None:
        return False
    column = spec.column(title)
    if column is None:
        return False
    return bool(column.personal or (column.property is not None and column.property.target == "family"))


def _cell_value(value: Any, masked: bool) -> Any:
    from referentiel.privacy import shown

    if value is None or value == "":
        return None
    if masked:
        return MASKED
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return shown(str(value))


def annotate(result: ExportResult, files: Iterable[Path], profile: Any = None, lang: str = "fr") -> bytes:
    """The annotated copy (XLSX bytes) of one export: ``files`` as read with ``profile`` (a loaded
    :class:`~referentiel.translation.profile.Profile`, or None), ``result``'s findings marked on them,
    the words in ``lang``."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.hyperlink import Hyperlink

    workbook = Workbook()
    report = workbook.active
    taken: set[str] = set()
    report.title = _sheet_title(REPORT_SHEET.get(lang, "Report"), taken)
    bold = Font(bold=True)
    sheets: dict[tuple[str, str | None], tuple[Any, dict[str, int]]] = {}
    tables = _tables(files, profile)
    single_file = len({name for name, *_ in tables}) == 1
    for name, sheet, table, spec in tables:
        title = sheet if (sheet and single_file) else (f"{Path(name).stem} - {sheet}" if sheet else name)
        ws = workbook.create_sheet(_sheet_title(title, taken))
        columns: dict[str, int] = {}
        for index, header in enumerate(table.header, start=1):
            _put(ws, 1, index, str(header)).font = bold
            columns.setdefault(str(header).strip().casefold(), index)
        masked = [_personal(spec, str(h)) for h in table.header]
        for row_no, cells in table.rows:
            for index, value in enumerate(cells, start=1):
                hide = masked[index - 1] if index - 1 < len(masked) else False
                _put(ws, row_no, index, _cell_value(value, hide))
        ws.freeze_panes = "A2"
        sheets[(name, sheet)] = (ws, columns)
        if sheet is None:
            sheets.setdefault((name, table.sheet), (ws, columns))

    heads = ("h-file", "h-sheet", "h-row", "h-column", "h-what")
    for index, text in enumerate([say(lang, "h-status")] + [say(lang, key) for key in heads], start=1):
        _put(report, 1, index, text).font = bold
    notes: dict[tuple[int, int, int], list[Finding]] = {}
    targets: dict[int, Any] = {}
    for finding in sorted(result.findings, key=lambda f: _SEVERITY_ORDER.get(f.severity, 3)):
        line = report.max_row + 1
        values = [
            say(lang, finding.severity) if finding.severity in FILLS else finding.severity,
            finding.file,
            finding.sheet,
            finding.row,
            finding.column,
            finding.message,
        ]
        for index, value in enumerate(values, start=1):
            _put(report, line, index, value)
        found = sheets.get((finding.file or "", finding.sheet))
        if found is None and finding.sheet is None:
            found = next((v for (f, _), v in sheets.items() if f == finding.file), None)
        if found is None:
            continue
        ws, columns = found
        column = columns.get((finding.column or "").strip().casefold(), 1)
        row = finding.row if finding.row is not None else 1
        key = (id(ws), row, column)
        targets[id(ws)] = ws
        notes.setdefault(key, []).append(finding)
        link = report.cell(row=report.max_row, column=6)
        location = f"{quote_sheetname(ws.title)}!{get_column_letter(column)}{row}"
        link.hyperlink = Hyperlink(ref=link.coordinate, location=location)
    for (ws_id, row, column), items in notes.items():
        cell = targets[ws_id].cell(row=row, column=column)
        worst = min(items, key=lambda f: _SEVERITY_ORDER.get(f.severity, 3)).severity
        cell.fill = PatternFill("solid", start_color=FILLS.get(worst, FILLS["info"]))
        text = "\n".join(
            f"{say(lang, f.severity) if f.severity in FILLS else f.severity}: {f.message}" for f in items
        )
        cell.comment = Comment(text[:32000], "referentiel", width=320, height=160)
    report.column_dimensions["F"].width = 100
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def annotated_name(organisation: str) -> str:
    """The file name of an organisation's annotated copy."""
    return f"{organisation}.annotated.xlsx"
