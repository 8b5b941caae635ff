"""Readers for the tables partners export: CSV (any delimiter and encoding met in practice), XLSX, JSON.

Each reader returns a :class:`Table`: the header and the rows, each row with its number as the
partner sees it (spreadsheet row, header = row 1; for JSON the record's position, first = 1) and its
cells as text or, for XLSX, as the typed values openpyxl gives (dates, numbers). Rows that cannot be
read (wrong number of fields) are returned apart, with their number, so that they are reported
without stopping the others. Which encoding and delimiter were used is recorded so that it can be
told to the user ("read as cp1252: not valid UTF-8").
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from referentiel import guards, limits
from referentiel.errors import InputError
from referentiel.translation import xlsx

SNIFF_DELIMITERS = ";,\t|"


@dataclass
class Table:
    """The content of one table of an export."""

    file: str  # basename, as recorded in ref:sourceFile
    header: list[str]
    rows: list[tuple[int, list[Any]]]
    sheet: str | None = None
    bad_rows: list[tuple[int, str]] = field(default_factory=list)  # (row, why)
    encoding: str | None = None
    encoding_note: str | None = None
    delimiter: str | None = None


def read_table(
    path: Path,
    *,
    sheet: str | None = None,
    delimiter: str | None = None,
    encoding: str = "auto",
    quotechar: str = '"',
    json_path: str | None = None,
    workbooks: dict[Path, Any] | None = None,
) -> Table:
    """Read one table from ``path`` according to its extension (.csv/.tsv/.txt, .xlsx, .json).

    ``workbooks``: a dict the caller keeps for one run, so that a workbook several of whose sheets
    are read is opened once (the caller closes them with :func:`close_workbooks`).
    """
    suffix = path.suffix.lower()
    if not path.exists():
        raise InputError.of("export file not found", file=str(path), hint="check the path")
    if path.is_dir():
        raise InputError.of("is a directory, not an export file", file=str(path))
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path, sheet, workbooks)
    if suffix == ".json":
        return read_json(path, json_path)
    if suffix == ".xls":
        raise InputError.of(
            "old Excel .xls workbooks are not supported",
            file=str(path),
            hint="save the workbook as .xlsx or export each sheet as CSV",
        )
    return read_csv(path, delimiter=delimiter, encoding=encoding, quotechar=quotechar)


_SINGLE_BYTE = {"cp1252", "iso8859-1", "iso8859-15", "cp850", "mac-roman", "latin-1"}


def _known(encoding: str) -> bool:
    try:
        codecs.lookup(encoding)
    except LookupError:
        return False
    return True


def decode(data: bytes, encoding: str, file: str) -> tuple[str, str, str | None]:
    """Decode bytes with the declared encoding, or auto: UTF-8 with/without BOM, else cp1252.

    Returns (text, encoding used, note for the user or None).
    """
    if encoding != "auto":
        declared = codecs.lookup(encoding).name if _known(encoding) else encoding
        # A byte-order mark is unambiguous: Excel's "CSV UTF-8" starts with one even when the
        # profile was written for its older cp1252 exports. Reading it as declared would turn the
        # first column's name into "ï»¿name" and refuse the table for a "missing" column.
        for bom, codec in (
            (codecs.BOM_UTF8, "utf-8-sig"),
            (codecs.BOM_UTF16_LE, "utf-16"),
            (codecs.BOM_UTF16_BE, "utf-16"),
        ):
            if data.startswith(bom):
                family = codec.removesuffix("-sig")
                if declared.startswith(family):
                    if codec == "utf-8-sig":
                        return data.decode(codec), codec, None  # the mark is not part of the header
                    break
                try:
                    return (
                        data.decode(codec),
                        codec,
                        (
                            f"the file starts with a {family.upper()} byte-order mark: read as "
                            f"{family.upper()}, not as {encoding} as the profile says"
                        ),
                    )
                except UnicodeDecodeError:
                    break
        if declared in _SINGLE_BYTE and any(b > 0x7F for b in data):
            # Single-byte code pages decode anything, so a UTF-8 file would silently become
            # mojibake ("Ã©" for "é") and its terms would all be unmapped. Valid UTF-8 with
            # non-ASCII bytes is, in practice, never cp1252 text.
            try:
                return (
                    data.decode("utf-8"),
                    "utf-8",
                    (f"the file is UTF-8 text: read as UTF-8, not as {encoding} as the profile says"),
                )
            except UnicodeDecodeError:
                pass
        try:
            return data.decode(encoding), encoding, None
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise InputError.of(
                "not valid {encoding} text (byte {byte}): the profile's encoding does not match the file",
                encoding=encoding,
                byte=exc.start,
                file=file,
                line=line,
                hint="set dialect: encoding: auto in the profile, or the encoding Excel used (often cp1252)",
            ) from None
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig", None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16", None
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        # Excel on Windows writes "CSV (séparateur: point-virgule)" in the ANSI code page: cp1252 in Belgium.
        text = data.decode("cp1252", errors="replace")
        return (
            text,
            "cp1252",
            "not valid UTF-8: read as cp1252 (Windows Western European), as Excel writes it",
        )


def read_csv(
    path: Path, *, delimiter: str | None = None, encoding: str = "auto", quotechar: str = '"'
) -> Table:
    """Read a delimited text file; sniffs the delimiter among ``; , tab |`` when not declared."""
    name = path.name
    try:
        limits.check_file_size(path)
        with path.open("rb") as stream:
            limits.check_lines(stream, str(path))
        data = path.read_bytes()
    except OSError as exc:
        raise InputError.of("cannot be read ({why})", file=str(path), why=exc.strerror) from None
    if not data.strip():
        raise InputError.of("the export file is empty", file=str(path), hint="export the table again")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError.of(
            "this is a binary file, not a CSV export",
            file=str(path),
            hint="export the table as CSV, or give the .xlsx workbook itself",
        )
    text, used, note = decode(data, encoding, str(path))
    if delimiter is None:
        delimiter = sniff_delimiter(text)
    table = Table(file=name, header=[], rows=[], encoding=used, encoding_note=note, delimiter=delimiter)
    current = limits.current()
    # The csv module's own limit is process-wide: set for this read only. Cells between the
    # ``cell`` and ``line`` limits are caught below, where their column is known.
    previous = csv.field_size_limit(max(current.line, current.cell))
    try:
        _read_records(path, text, table, delimiter, quotechar, current)
    finally:
        csv.field_size_limit(previous)
    return table


def _read_records(
    path: Path, text: str, table: Table, delimiter: str, quotechar: str, current: limits.Limits
) -> None:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar=quotechar, strict=False)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError.of("the export file is empty", file=str(path)) from None
    except csv.Error as exc:
        raise _csv_error(exc, path, 1) from None
    table.header = [h.strip() for h in header]
    width = len(table.header)
    _check_cells(header, table.header, path, 1, current.cell)
    row_no = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            row_no += 1
            if "field larger than field limit" in str(exc):
                raise _csv_error(exc, path, row_no) from None
            table.bad_rows.append((row_no, f"cannot be read as CSV ({exc})"))
            continue
        row_no += 1
        if len(table.rows) + len(table.bad_rows) >= current.rows:
            raise limits.too_large("rows", str(path), count=current.rows, line=row_no)
        if not cells or all(not c.strip() for c in cells):
            continue  # blank line: Excel leaves them at the end
        _check_cells(cells, table.header, path, row_no, current.cell)
        if len(cells) > width and not any(c.strip() for c in cells[width:]):
            cells = cells[:width]  # trailing empty fields (a delimiter at the end of the line)
        if len(cells) != width:
            table.bad_rows.append(
                (
                    row_no,
                    f"has {len(cells)} fields where the header has {width} "
                    "(a delimiter or a quote in a cell?)",
                )
            )
            continue
        table.rows.append((row_no, cells))


def _check_cells(cells: list[str], header: list[str], path: Path, row_no: int, limit: int) -> None:
    """Refuse a row with a cell longer than the ``cell`` limit, naming its column."""
    if cells and max(map(len, cells)) > limit:
        index = next(i for i, cell in enumerate(cells) if len(cell) > limit)
        column = header[index] if index < len(header) and header[index] else f"#{index + 1}"
        raise limits.too_large("cell", str(path), line=row_no, column=column)


def _csv_error(exc: csv.Error, path: Path, row_no: int) -> InputError:
    if "field larger than field limit" in str(exc):
        return limits.too_large("line", str(path), line=row_no)
    return InputError.of("the header cannot be read ({why})", file=str(path), line=row_no, why=str(exc))


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV text: csv.Sniffer on its start, else the most frequent of ``; , tab |``."""
    sample = text[:65536]
    try:
        return csv.Sniffer().sniff(sample, delimiters=SNIFF_DELIMITERS).delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        counts = {d: first.count(d) for d in SNIFF_DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def close_workbooks(workbooks: dict[Path, Any]) -> None:
    """Close the workbooks :func:`read_table` kept open in ``workbooks``."""
    for workbook in workbooks.values():
        workbook.close()
    workbooks.clear()


def read_xlsx(path: Path, sheet: str | None, workbooks: dict[Path, Any] | None = None) -> Table:
    """Read one sheet of a workbook: every row, whatever its ``<dimension>`` says (:mod:`.xlsx`).

    Opening a workbook costs a full parse of every sheet that lacks a ``<dimension>`` (openpyxl sizes
    each read-only sheet on load; many exporters omit it): with one table per sheet, opening it once
    per table made reading a workbook quadratic in its sheets. ``workbooks`` keeps it open for the run.
    """
    key = path.resolve()
    workbook = workbooks.get(key) if workbooks is not None else None
    if workbook is None:
        workbook = xlsx.open_workbook(path)
        if workbooks is not None:
            workbooks[key] = workbook
    try:
        names = workbook.sheetnames
        if sheet is None and names:
            sheet = names[0]
        elif sheet not in workbook.sheets:
            raise InputError.of(
                "the workbook has no sheet {sheet!r}",
                file=str(path),
                hint="sheets: {sheets}",
                sheet=sheet or "",
                sheets=", ".join(names),
            )
        return _sheet_table(path, workbook, sheet)
    finally:
        if workbooks is None:
            workbook.close()


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _sheet_table(path: Path, workbook: xlsx.Workbook, sheet: str) -> Table:
    current = limits.current()
    where = f"{path} (sheet {sheet})"
    table = Table(file=path.name, header=[], rows=[], sheet=sheet)
    width = 0
    read = 0
    rows = table.rows
    columns = range(1)
    for row_no, values in xlsx.sheet_rows(workbook, sheet):  # cells over the ``cell`` limit refused there
        if not table.header:
            header = {c: str(v).strip() for c, v in values.items() if not _blank(v)}
            if header:
                width = max(header)
                table.header = [header.get(c, "") for c in range(1, width + 1)]
                columns = range(1, width + 1)
            continue
        read += 1
        if read > current.rows:
            raise limits.too_large("rows", where, count=current.rows, line=row_no)
        if all(_blank(v) for v in values.values()):
            continue
        if max(values) > width and any(c > width and v != "" for c, v in values.items()):
            table.bad_rows.append((row_no, "has values beyond the last column of the header"))
            continue
        rows.append((row_no, list(map(values.get, columns))))
    if not table.header:
        raise InputError.of("the sheet is empty", file=str(path), hint="sheet {sheet}", sheet=sheet)
    return table


def read_json(path: Path, json_path: str | None = None) -> Table:
    """Read a JSON array of records (objects), optionally found under the key ``json_path``."""
    limits.check_file_size(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError.of("the JSON file is not UTF-8", file=str(path), hint="JSON must be UTF-8") from None
    data = guards.load_json(text, str(path))
    if json_path:
        for part in json_path.split("."):
            if not isinstance(data, dict) or part not in data:
                raise InputError.of(
                    "the JSON has no {path!r}",
                    file=str(path),
                    hint="check `path` in the profile",
                    path=json_path,
                )
            data = data[part]
    if not isinstance(data, list):
        raise InputError.of(
            "expected a JSON array of records",
            file=str(path),
            hint="the file must be [ {{...}}, {{...}} ] or give `path:` to the array in the profile",
        )
    header: list[str] = []
    seen: set[str] = set()
    for record in data:
        if isinstance(record, dict):
            for key in record:
                if key not in seen:
                    seen.add(key)
                    header.append(key)
    current = limits.current()
    if len(data) > current.rows:
        raise limits.too_large("rows", str(path), count=current.rows)
    table = Table(file=path.name, header=header, rows=[], encoding="utf-8")
    for index, record in enumerate(data, start=1):
        if not isinstance(record, dict):
            table.bad_rows.append((index, "is not a JSON object (record)"))
            continue
        for key, value in record.items():
            if isinstance(value, str) and len(value) > current.cell:
                raise limits.too_large("cell", str(path), line=index, column=key)
        table.rows.append((index, [record.get(key) for key in header]))
    return table
