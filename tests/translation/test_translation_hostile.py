"""Hostile exports (CSV, XLSX, JSON): refused in bounded time and memory with a located error, or read
completely; never a row lost in silence. Fixtures are generated here (a zip bomb is a few hundred kB).
"""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import pytest

from referentiel import limits
from referentiel.errors import InputError
from referentiel.translation.readers import read_table

SECONDS = 5
MIB = 200
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" '
    f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?>{{prolog}}<workbook xmlns="{NS}" xmlns:r="{REL}"><sheets>'
    '<sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" '
    f'Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
LAUGHS = (
    '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{f"&{chr(97 + i)};" * 10}">' for i in range(9))
    + "]>"
)


def xlsx(
    path: Path,
    rows: list[tuple[int, list[tuple[str, str]]]],
    *,
    dimension: str | None = None,
    prolog: str = "",
    workbook_prolog: str = "",
) -> Path:
    """A minimal workbook written by hand: rows of (row number, [(cell reference, text)])."""
    body = "".join(
        f'<row r="{n}">'
        + "".join(f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>' for ref, text in cells)
        + "</row>"
        for n, cells in rows
    )
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{NS}">{dim}'
        f"<sheetData>{body}</sheetData></worksheet>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK.format(prolog=workbook_prolog))
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def table_rows(count: int, first: int = 2) -> list[tuple[int, list[tuple[str, str]]]]:
    header = [(1, [("A1", "id"), ("B1", "besoin")])]
    return header + [
        (n, [(f"A{n}", f"F{n}"), (f"B{n}", "Aide administrative")]) for n in range(first, first + count)
    ]


def test_xlsx_stale_dimension_loses_no_row(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "stale.xlsx", table_rows(30), dimension="A1:B10")
    table = read_table(path)
    assert [n for n, _ in table.rows] == list(range(2, 32))
    assert table.rows[-1] == (31, ["F31", "Aide administrative"])
    assert table.header == ["id", "besoin"] and table.bad_rows == []


def test_xlsx_dimension_starting_lower_still_reads_the_header(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "dim.xlsx", table_rows(3), dimension="B3:B4")
    table = read_table(path)
    assert table.header == ["id", "besoin"] and len(table.rows) == 3


def test_xlsx_far_cells_and_row_gaps_in_bounded_memory(tmp_path: Path, bounded) -> None:
    # a value in column XFD on every row and rows numbered up to 1,048,576: openpyxl pads every row
    # to 16,384 values and fills every gap with empty rows (gigabytes); only the cells present count
    rows = [(1, [("A1", "id")])] + [
        (n * 500, [(f"A{n * 500}", f"F{n}"), (f"XFD{n * 500}", "x")]) for n in range(1, 2000)
    ]
    rows.append((1_048_576, [("A1048576", "last")]))
    path = xlsx(tmp_path / "far.xlsx", rows)
    outcome = bounded(
        "from pathlib import Path\nfrom referentiel.translation.readers import read_table\nimport openpyxl",
        f"table = read_table(Path({str(path)!r}))\n"
        "assert len(table.bad_rows) == 1999 and table.rows == [(1048576, ['last'])], table.rows[:3]",
    )
    assert outcome["error"] is None, outcome
    assert outcome["seconds"] < SECONDS * 2 and outcome["extra_mib"] < MIB, outcome


@pytest.mark.parametrize("where", ["sheet", "workbook"])
def test_xlsx_with_entities_is_refused_before_expansion(tmp_path: Path, where: str, bounded) -> None:
    kwargs = (
        {"prolog": LAUGHS}
        if where == "sheet"
        else {"workbook_prolog": LAUGHS.replace("worksheet", "workbook")}
    )
    path = xlsx(tmp_path / "laughs.xlsx", table_rows(2), **kwargs)
    with pytest.raises(InputError, match="declares entities"):
        read_table(path)
    outcome = bounded(
        "from pathlib import Path\nfrom referentiel.translation.readers import read_table\nimport openpyxl",
        f"read_table(Path({str(path)!r}))",
    )
    assert outcome["error"].startswith("InputError"), outcome
    assert outcome["seconds"] < SECONDS and outcome["extra_mib"] < MIB, outcome


def test_xlsx_zip_bomb_is_refused_from_its_directory(tmp_path: Path, bounded) -> None:
    path = xlsx(tmp_path / "bomb.xlsx", table_rows(2))
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/media/x.bin", "w") as part,
    ):
        block = b"\0" * 1024**2
        for _ in range(256):  # 256 MiB of zeros: about 250 kB compressed
            part.write(block)
    assert path.stat().st_size < 2 * 1024**2
    with pytest.raises(InputError, match="ratio=200"):
        read_table(path)
    outcome = bounded(
        "from pathlib import Path\nfrom referentiel.translation.readers import read_table\nimport openpyxl",
        f"read_table(Path({str(path)!r}))",
    )
    assert "ratio" in outcome["error"], outcome
    assert outcome["seconds"] < SECONDS and outcome["extra_mib"] < MIB, outcome


def test_xlsx_uncompressed_size_limit(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "t.xlsx", table_rows(200))
    with limits.applied(limits.parse(["unzipped=4k"])), pytest.raises(InputError, match="unzipped=4096"):
        read_table(path)


def test_xlsx_part_read_whole_is_limited(tmp_path: Path) -> None:
    # shared strings are read whole by openpyxl: a few MB compressed may hold gigabytes of them
    path = xlsx(tmp_path / "t.xlsx", table_rows(2))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", "".join(f"<si><t>{i}</t></si>" for i in range(200_000)))
    assert len(read_table(path).rows) == 2
    with limits.applied(limits.parse(["part=1M"])), pytest.raises(InputError, match="part=1048576"):
        read_table(path)


def test_xlsx_row_and_cell_limits_are_located(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "t.xlsx", table_rows(30))
    with limits.applied(limits.parse(["rows=10"])), pytest.raises(InputError, match="rows=10") as info:
        read_table(path)
    assert info.value.line == 12
    long = xlsx(
        tmp_path / "long.xlsx",
        [(1, [("A1", "id"), ("B1", "note")]), (2, [("A2", "1"), ("B2", "x" * 40_000)])],
    )
    with pytest.raises(InputError, match="cell=32767") as info:
        read_table(long)
    assert (info.value.line, info.value.column) == (2, "B") and "sheet Data" in info.value.file


def test_xlsx_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("id;besoin\n1;x\n")
    with pytest.raises(InputError, match="not a zip archive"):
        read_table(path)


def test_csv_huge_line_is_refused_early(tmp_path: Path, bounded) -> None:
    path = tmp_path / "huge.csv"
    with path.open("w", encoding="utf-8") as stream:
        stream.write("id;note\n1;ok\n2;")
        for _ in range(60):  # one 60 MB line, in non-ASCII text (4 bytes a character once decoded)
            stream.write("é" * 500_000)
        stream.write("\n")
    outcome = bounded(
        "from pathlib import Path\nfrom referentiel.translation.readers import read_table",
        f"read_table(Path({str(path)!r}))",
    )
    assert outcome["error"].startswith("InputError") and "line 3" in outcome["error"], outcome
    assert "line=1048576" in outcome["error"] and "é" not in outcome["error"], outcome
    assert outcome["seconds"] < SECONDS and outcome["extra_mib"] < MIB, outcome


def test_csv_line_limit_counts_every_kind_of_line_break(tmp_path: Path) -> None:
    rows = "".join(f"{i};{'x' * 50}" + ("\r", "\n", "\r\n")[i % 3] for i in range(40_000))
    path = tmp_path / "mac.csv"  # 2 MB, lines ending in CR, LF or CRLF: no line is long
    path.write_bytes(("id;note\r" + rows).encode())
    assert len(read_table(path).rows) == 40_000
    with limits.applied(limits.parse(["line=40"])), pytest.raises(InputError, match="line=40") as info:
        read_table(path)
    assert info.value.line == 2


def test_csv_cell_limit_names_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('id;note\n1;ok\n2;"' + "a\n" * 20_000 + '"\n', encoding="utf-8")
    before = csv.field_size_limit()
    with pytest.raises(InputError, match="cell=32767") as info:
        read_table(path)
    assert (info.value.line, info.value.column) == (3, "note")
    assert csv.field_size_limit() == before  # the csv module's process-wide limit is given back


def test_csv_row_limit(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("id;b\n" + "".join(f"{i};x\n" for i in range(50)))
    assert len(read_table(path).rows) == 50
    with limits.applied(limits.parse(["rows=50"])):
        assert len(read_table(path).rows) == 50
    with limits.applied(limits.parse(["rows=49"])), pytest.raises(InputError, match="rows=49") as info:
        read_table(path)
    assert info.value.line == 51


def test_file_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("id;b\n1;x\n")
    with limits.applied(limits.parse(["file=5"])), pytest.raises(InputError, match="file=5"):
        read_table(path)


def test_json_deep_nesting_is_a_located_error(tmp_path: Path, bounded) -> None:
    path = tmp_path / "deep.json"
    path.write_text('[{"id": "a"},\n {"id": ' + "[" * 100_000)
    outcome = bounded(
        "from pathlib import Path\nfrom referentiel.translation.readers import read_table",
        f"read_table(Path({str(path)!r}))",
    )
    assert outcome["error"].startswith("InputError") and "depth=100" in outcome["error"], outcome
    assert "line 2" in outcome["error"] and "RecursionError" not in outcome["error"], outcome
    assert outcome["seconds"] < SECONDS and outcome["extra_mib"] < MIB, outcome


def test_json_nesting_below_python_limit_but_above_ours(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" + '{"id": ' * 150 + "1" + "}" * 150 + "]")
    with pytest.raises(InputError, match="depth=100") as info:
        read_table(path)
    assert info.value.line == 1 and info.value.column == 695
    with limits.applied(limits.parse(["depth=200"])):
        assert len(read_table(path).rows) == 1


def test_json_limits_on_records_and_values(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps([{"id": str(i), "note": "x" * (40_000 if i == 3 else 1)} for i in range(5)]))
    with pytest.raises(InputError, match="cell=32767") as info:
        read_table(path)
    assert (info.value.line, info.value.column) == (4, "note")
    with limits.applied(limits.parse(["rows=4", "cell=64k"])), pytest.raises(InputError, match="rows=4"):
        read_table(path)


CRECHE = Path(__file__).resolve().parents[2] / "examples" / "organisations" / "creche-les-lucioles"


def rewrite_sheets(source: Path, target: Path, change) -> None:  # noqa: ANN001
    """``source`` with ``change(xml text)`` applied to every worksheet part."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = change(data.decode("utf-8")).encode("utf-8")
            zout.writestr(info, data)


def translate_main(export: Path, tmp_path: Path, capsys, monkeypatch, lang: str) -> tuple[int, str]:  # noqa: ANN001
    from referentiel.cli import main

    monkeypatch.setenv("REFERENTIEL_PSEUDONYM_KEY", "hostile-input-test-key-0123456789abcdef")
    args = ["translate", str(export), "--profile", str(CRECHE / "profile.yaml"), "-q", "--lang", lang]
    with pytest.raises(SystemExit) as exited:
        main([*args, "-o", str(tmp_path / "out.ttl"), "--report", str(tmp_path / "report.json")])
    return exited.value.code, capsys.readouterr().err


def test_translate_reads_every_row_of_a_workbook_with_stale_dimensions(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    import re

    def rows_read(export: Path) -> list[int]:
        translate_main(export, tmp_path, capsys, monkeypatch, "en")
        report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
        return [f["rows_read"] for f in report["files"]]

    original = CRECHE / "export" / "export_lucioles.xlsx"
    stale = tmp_path / "stale" / original.name
    stale.parent.mkdir()
    rewrite_sheets(
        original, stale, lambda xml: re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:B3"/>', xml)
    )
    expected = rows_read(original)
    assert all(count > 3 for count in expected)
    assert rows_read(stale) == expected


@pytest.mark.parametrize(
    ("lang", "words"),
    [("fr", "déclare des entités"), ("nl", "declareert entiteiten"), ("en", "declares entities")],
)
def test_translate_refuses_a_workbook_with_entities_exit_2(
    tmp_path: Path, capsys, monkeypatch, lang, words
) -> None:  # noqa: ANN001
    original = CRECHE / "export" / "export_lucioles.xlsx"
    hostile = tmp_path / "hostile" / original.name
    hostile.parent.mkdir()
    rewrite_sheets(
        original,
        hostile,
        lambda xml: xml.replace("?>", "?>" + LAUGHS, 1) if xml.startswith("<?") else LAUGHS + xml,
    )
    code, err = translate_main(hostile, tmp_path, capsys, monkeypatch, lang)
    assert code == 2 and words in err and "Traceback" not in err, err


def _with_shared_strings(path: Path, strings: str) -> Path:
    """The workbook of :func:`xlsx` whose cell B2 refers to the first shared string of ``strings``."""
    source = xlsx(path.with_suffix(".src.xlsx"), [(1, [("A1", "id"), ("B1", "note")]), (2, [("A2", "1")])])
    override = (
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    )
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", override.encode() + b"</Types>")
            elif item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</row></sheetData>", b'<c r="B2" t="s"><v>0</v></c></row></sheetData>')
            new.writestr(item.filename, data)
        new.writestr("xl/sharedStrings.xml", strings)
    return path


def test_xlsx_shared_strings_with_entities_or_too_long_are_refused(tmp_path: Path, bounded) -> None:
    """The shared strings are read by the streaming reader too: entities refused, the cell limit kept."""
    laughs = _with_shared_strings(
        tmp_path / "laughs.xlsx",
        f'<?xml version="1.0"?>{LAUGHS.replace("worksheet", "sst")}'
        f'<sst xmlns="{NS}"><si><t>&j;</t></si></sst>',
    )
    with pytest.raises(InputError, match="declares entities"):
        read_table(laughs)
    outcome = bounded(
        "from pathlib import Path\nfrom referentiel.translation.readers import read_table\nimport openpyxl",
        f"read_table(Path({str(laughs)!r}))",
    )
    assert outcome["error"].startswith("InputError"), outcome
    assert outcome["seconds"] < SECONDS and outcome["extra_mib"] < MIB, outcome
    long = _with_shared_strings(
        tmp_path / "long.xlsx", f'<sst xmlns="{NS}"><si><t>{"x" * 40_000}</t></si></sst>'
    )
    with pytest.raises(InputError, match="cell=32767") as info:
        read_table(long)
    assert (info.value.line, info.value.column) == (2, "B")
    fine = _with_shared_strings(tmp_path / "fine.xlsx", f'<sst xmlns="{NS}"><si><t>Aide</t></si></sst>')
    assert read_table(fine).rows == [(2, ["1", "Aide"])]
