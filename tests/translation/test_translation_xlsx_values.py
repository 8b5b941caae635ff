"""The streaming workbook reader (``xlsx_parse``) gives every cell the value openpyxl gives it: the same
types (numbers, dates by cell style in both epochs, durations, booleans, shared, inline and rich
strings), differentially, on workbooks written here by openpyxl and by hand."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from referentiel.translation import xlsx

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _openpyxl_rows(path: Path, sheet: str) -> list[tuple[int, dict[int, object]]]:
    """What openpyxl (full, not read-only) holds: (row, {column: value}) of the cells with a value."""
    ws = openpyxl.load_workbook(path, data_only=True, rich_text=False)[sheet]
    rows: dict[int, dict[int, object]] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None:
                rows.setdefault(cell.row, {})[cell.column] = cell.value
    return sorted(rows.items())


def _ours(path: Path, sheet: str) -> list[tuple[int, dict[int, object]]]:
    workbook = xlsx.open_workbook(path)
    try:
        return [(n, values) for n, values in xlsx.sheet_rows(workbook, sheet) if values]
    finally:
        workbook.close()


def _typed_workbook(path: Path, epoch: object = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Données"
    ws.append(["id", "date", "number", "flag", "text", "time", "when", "duration"])
    for i in range(40):
        ws.append(
            [
                f"X{i}",
                dt.date(2020, 1, 1) + dt.timedelta(days=37 * i),
                i * 1.5 if i % 3 else i,
                i % 2 == 0,
                f"a x005F_ b {i}\nsecond line" if i % 5 else "  ",
                dt.time(10, i % 60, 5),
                dt.datetime(2021, 5, 6, 7, 8, i % 60),
                dt.timedelta(hours=i, minutes=3),
            ]
        )
    ws.append(["rich", None, 1e20, None, CellRichText(["ab", TextBlock(InlineFont(b=True), "cd")])])
    ws["K50"] = "far away"
    ws.cell(row=60, column=2, value=-3.25)
    second = wb.create_sheet("Second")
    second.append(["a", "b"])
    second["A9"] = "after a gap"
    if epoch is not None:
        wb.epoch = epoch
    wb.save(path)
    return path


@pytest.mark.parametrize("epoch", [None, CALENDAR_MAC_1904], ids=["1900", "1904"])
def test_values_are_openpyxls(tmp_path: Path, epoch: object) -> None:
    path = _typed_workbook(tmp_path / "typed.xlsx", epoch)
    for sheet in ("Données", "Second"):
        expected = _openpyxl_rows(path, sheet)
        assert expected  # the fixture holds values
        assert _ours(path, sheet) == expected


def test_inline_shared_rich_and_odd_cells_by_hand(tmp_path: Path) -> None:
    """Inline and shared strings with runs and phonetic text, cells without a reference, a second <v>,
    a formula's cached text, a boolean and an error: the values openpyxl reads from the same file."""
    cells = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>h</t></is></c><c r="B1" t="inlineStr"><is>'
        '<r><rPr><b/></rPr><t xml:space="preserve">un </t></r><r><t>deux</t></r>'
        '<rPh sb="0" eb="1"><t>phonetic</t></rPh></is></c></row>'
        '<row><c t="str"><f>A1</f><v>cached</v></c><c><v>7</v><v>8</v></c><c t="b"><v>1</v></c>'
        '<c t="e"><v>#N/A</v></c><c r="F2" t="inlineStr"><is><t>a</t><t>last t wins</t></is></c></row>'
        '<row r="5"><c r="C5"><v>1.5E3</v></c><c r="D5" t="inlineStr"/><c r="E5"><v></v></c>'
        '<c r="G5" t="s"><v>0</v></c><c r="H5" t="s"><v>1</v></c></row>'
    )
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>{cells}'
        "</sheetData></worksheet>"
    )
    strings = (
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}"><si><t>plain x005F_ text</t></si>'
        "<si><r><t>run </t></r><r><rPr><i/></rPr><t>two</t></r>"
        '<rPh sb="0" eb="1"><t>ph</t></rPh></si></sst>'
    )
    override = (
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    )
    source = _typed_workbook(tmp_path / "base.xlsx")
    path = tmp_path / "odd.xlsx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = sheet.encode()
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", override.encode() + b"</Types>")
            new.writestr(item, data)
        new.writestr("xl/sharedStrings.xml", strings)
    ours = _ours(path, "Données")
    assert ours == _openpyxl_rows(path, "Données")
    assert ours[0][1] == {1: "h", 2: "un deux"}
    assert ours[1][1] == {1: "cached", 2: 7, 3: True, 4: "#N/A", 6: "last t wins"}
    assert ours[2][1] == {3: 1500.0, 7: "plain  text", 8: "run two"}
