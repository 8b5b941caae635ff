"""Readers: CSV in the encodings and dialects partners use, XLSX (dates as cells or serials), JSON."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from referentiel.errors import InputError
from referentiel.translation.readers import read_csv, read_json, read_table, read_xlsx, sniff_delimiter
from referentiel.translation.translator import cell_text, parse_date

TEXT = "id;fonction;date\r\n1;Assistante sociale;03/02/2024\r\n2;Puéricultrice;04/02/2024\r\n"


@pytest.mark.parametrize(
    ("encoding", "declared", "used", "note"),
    [
        ("utf-8", "auto", "utf-8", False),
        ("utf-8-sig", "auto", "utf-8-sig", False),
        ("cp1252", "auto", "cp1252", True),
        ("cp1252", "cp1252", "cp1252", False),
        ("utf-16", "auto", "utf-16", False),
    ],
)
def test_csv_encodings(tmp_path: Path, encoding: str, declared: str, used: str, note: bool) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(TEXT.encode(encoding))
    table = read_csv(path, encoding=declared)
    assert table.encoding == used
    assert bool(table.encoding_note) is note
    assert table.header == ["id", "fonction", "date"]  # no BOM left in the first header
    assert table.rows[1] == (3, ["2", "Puéricultrice", "04/02/2024"])


def test_declared_encoding_that_does_not_fit_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(TEXT.encode("cp1252"))
    with pytest.raises(InputError, match="not valid utf-8") as info:
        read_csv(path, encoding="utf-8")
    assert info.value.line == 3


@pytest.mark.parametrize("delimiter", [";", ",", "\t", "|"])
def test_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "t.csv"
    path.write_text(TEXT.replace(";", delimiter), encoding="utf-8")
    table = read_csv(path)
    assert table.delimiter == delimiter
    assert table.rows[0][1] == ["1", "Assistante sociale", "03/02/2024"]


def test_sniffing_single_column_falls_back() -> None:
    assert sniff_delimiter("id\n1\n2\n") == ","


def test_quoted_cells_and_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        'id;besoins;note\n1;"logement; santé";"deux\nlignes"\n2;revenus\n\n3;emploi;x;\n4;a;b;c\n',
        encoding="utf-8",
    )
    table = read_csv(path, delimiter=";")
    assert table.rows[0] == (2, ["1", "logement; santé", "deux\nlignes"])
    # row numbers count records as a spreadsheet shows them, not physical lines
    assert table.bad_rows == [
        (3, "has 2 fields where the header has 3 (a delimiter or a quote in a cell?)"),
        (6, "has 4 fields where the header has 3 (a delimiter or a quote in a cell?)"),
    ]
    assert (5, ["3", "emploi", "x"]) in table.rows  # a trailing delimiter is tolerated


@pytest.mark.parametrize(("data", "words"), [(b"", "empty"), (b"\x00\x01PK", "binary")])
def test_unusable_csv(tmp_path: Path, data: bytes, words: str) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    with pytest.raises(InputError, match=words):
        read_csv(path)


def test_missing_and_xls(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        read_table(tmp_path / "nope.csv")
    (tmp_path / "old.xls").write_bytes(b"x")
    with pytest.raises(InputError, match="xls"):
        read_table(tmp_path / "old.xls")


def test_xlsx_dates_serials_and_sheets(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Personnel"
    ws.append(["Code", "Entrée", "Nombre"])
    ws.append(["A1", 45000, 3.0])
    ws.append([None, None, None])
    ws.append(["A2", datetime(2024, 2, 3), 2.5])
    ws.append(["A3", None, None, "en trop"])
    wb.create_sheet("Autre").append(["x"])
    path = tmp_path / "w.xlsx"
    wb.save(path)
    table = read_xlsx(path, "Personnel")
    assert table.sheet == "Personnel"
    assert table.header == ["Code", "Entrée", "Nombre"]
    assert [r[0] for r in table.rows] == [2, 4]  # the blank row 3 is skipped, numbering is kept
    assert table.bad_rows == [(5, "has values beyond the last column of the header")]
    serial = table.rows[0][1][1]
    assert parse_date(serial, []) == date(2023, 3, 15)
    assert parse_date(table.rows[1][1][1], []) == date(2024, 2, 3)
    assert cell_text(table.rows[0][1][2]) == "3" and cell_text(table.rows[1][1][2]) == "2.5"
    with pytest.raises(InputError, match="no sheet 'Nope'"):
        read_xlsx(path, "Nope")
    (tmp_path / "bad.xlsx").write_bytes(b"not a zip")
    with pytest.raises(InputError, match="cannot be opened"):
        read_xlsx(tmp_path / "bad.xlsx", None)


def test_workbook_is_opened_once_per_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import openpyxl

    from referentiel.translation import readers, xlsx

    wb = openpyxl.Workbook()
    wb.active.title = "Un"
    wb.active.append(["a"])
    wb.active.append(["1"])
    wb.create_sheet("Deux").append(["b"])
    wb["Deux"].append(["2"])
    path = tmp_path / "w.xlsx"
    wb.save(path)
    opened = []
    real = xlsx.open_workbook
    monkeypatch.setattr(xlsx, "open_workbook", lambda p: opened.append(p) or real(p))
    workbooks: dict = {}
    first = read_table(path, sheet="Un", workbooks=workbooks)
    second = read_table(path, sheet="Deux", workbooks=workbooks)
    assert (first.header, first.rows) == (["a"], [(2, ["1"])])
    assert (second.header, second.rows) == (["b"], [(2, ["2"])])
    assert len(opened) == 1 and len(workbooks) == 1
    readers.close_workbooks(workbooks)
    assert workbooks == {}
    read_table(path, sheet="Deux")  # without a cache: opened (and closed) each time
    assert len(opened) == 2


def test_json_records(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"data": {"rows": [{"id": "a", "b": ["x", "y"]}, {"id": "b", "c": 1}, 5]}}))
    table = read_json(path, "data.rows")
    assert table.header == ["id", "b", "c"]
    assert table.rows == [(1, ["a", ["x", "y"], None]), (2, ["b", None, 1])]
    assert table.bad_rows == [(3, "is not a JSON object (record)")]
    with pytest.raises(InputError, match="no 'nope'"):
        read_json(path, "nope")
    with pytest.raises(InputError, match="JSON array"):
        read_json(path)
    path.write_text('[{"a": 1},\n {"a": }]')
    with pytest.raises(InputError, match="malformed JSON") as info:
        read_json(path)
    assert info.value.line == 2


def test_parse_date_formats() -> None:
    assert parse_date("03/02/2024", ["%d/%m/%Y"]) == date(2024, 2, 3)
    assert parse_date(" 2024-02-03 ", ["%d/%m/%Y", "%Y-%m-%d"]) == date(2024, 2, 3)
    assert parse_date("45000", ["excel"]) == date(2023, 3, 15)
    assert parse_date("45000", ["%d/%m/%Y"]) is None
    assert parse_date("31/02/2024", ["%d/%m/%Y"]) is None


@pytest.mark.parametrize(
    "text,formats,expected",
    [
        ("2025-02-03T10:00", ["%Y-%m-%dT%H:%M"], date(2025, 2, 3)),
        ("03/02/2025 10:00", ["%d/%m/%Y %H:%M"], date(2025, 2, 3)),
        # the date of the moment as written, in its own zone (not converted to UTC)
        ("2025-02-03T00:30:00+01:00", ["%Y-%m-%dT%H:%M:%S%z"], date(2025, 2, 3)),
        ("2025-02-03T23:30Z", ["iso8601"], date(2025, 2, 3)),
        ("2025-02-03 10:00:00.25", ["iso8601"], date(2025, 2, 3)),
        ("2025-02-03", ["iso8601"], date(2025, 2, 3)),
        ("2025-02-30T10:00", ["iso8601"], None),
        ("2025W061", ["iso8601"], None),  # compact/week forms are not what "ISO 8601" means in a profile
        ("2025-02-03T25:00", ["%Y-%m-%dT%H:%M"], None),
    ],
)
def test_parse_date_times(text: str, formats: list[str], expected: date | None) -> None:
    assert parse_date(text, formats) == expected
