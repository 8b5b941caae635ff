"""Reading one sheet of an .xlsx workbook, every row of it, in bounded time and memory.

openpyxl's read-only worksheets trust the ``<dimension>`` an exporter wrote: with a stale one
(``A1:C10`` over 30 rows) the rows past it are silently left out. They also pad every row up to the
furthest cell and fill every gap between row numbers, so a cell at column XFD or a row numbered
1,048,576 in a 1 MB file makes millions of empty values; and they parse a sheet without a
``<dimension>`` once more on opening. Here openpyxl reads only the workbook's small parts (manifest,
sheets, styles) and :mod:`.xlsx_parse` streams each sheet's XML once with expat, keeping only the
cells that are there (the values openpyxl would give): every row is read whatever the dimension
says, and its size is that of the file.

Before anything is parsed, the zip directory is checked against the ``unzipped`` and ``ratio``
limits (a zip bomb is refused without being inflated; :mod:`zipfile` never inflates a part beyond
the size its directory declares), and no XML is parsed with entity expansion or external references
(defusedxml for openpyxl's parts, the same refusals in :mod:`.xlsx_parse`).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from referentiel import limits
from referentiel.errors import ConfigError, InputError, input_error
from referentiel.translation import xlsx_parse

# Parts smaller than this are not checked for their ratio: a short run of spaces compresses well.
_RATIO_FLOOR = 1024**2
_MAX_PARTS = 10_000
_HINT = "xlsx.refused.hint"


def check_archive(path: Path) -> None:
    """Refuse a workbook whose zip directory announces more than the limits allow."""
    current = limits.current()
    limits.check_file_size(path)
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise input_error("xlsx.not-zip", file=str(path), hint_id=_HINT) from None
    if len(parts) > _MAX_PARTS:
        raise InputError.of(
            "the workbook has more than {count} parts",
            count=_MAX_PARTS,
            file=str(path),
            hint="open it in Excel/LibreOffice and save it again as .xlsx",
        )
    total = sum(part.file_size for part in parts)
    if total > current.unzipped:
        raise limits.too_large("unzipped", str(path), size=total)
    for part in parts:
        # openpyxl streams the worksheets but reads every other XML part whole (shared strings...)
        whole = part.filename.endswith((".xml", ".rels")) and not part.filename.startswith("xl/worksheets/")
        if whole and part.file_size > current.part:
            raise limits.too_large("part", str(path), size=part.file_size)
        if part.file_size > _RATIO_FLOOR and part.file_size > current.ratio * max(part.compress_size, 1):
            ratio = part.file_size // max(part.compress_size, 1)
            raise limits.too_large("ratio", str(path), size=ratio)


def _xml_error(exc: BaseException | None) -> str | None:
    """The message id of a defusedxml refusal (openpyxl may wrap it in a ValueError), or None."""
    from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, EntitiesForbidden):
            return "xlsx.entities"
        if isinstance(exc, ExternalReferenceForbidden | DTDForbidden):
            return "xlsx.external"
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return None


class Workbook:
    """An open workbook: its worksheets by name (in the workbook's order), the date styles and epoch
    its cells are read with, and its shared strings (read on first use)."""

    def __init__(self, path: Path) -> None:
        from openpyxl.reader.excel import ExcelReader
        from openpyxl.styles.stylesheet import apply_stylesheet
        from openpyxl.xml.constants import SHARED_STRINGS

        # openpyxl reads the small parts (manifest, workbook, relationships, styles: defused), not
        # the sheets nor the shared strings: its read-only worksheets would parse each sheet on
        # opening, and its string table builds an object per string (xlsx_parse reads them).
        reader = ExcelReader(path, read_only=True, data_only=True)
        self.path = path
        self.archive = reader.archive
        try:
            reader.read_manifest()
            reader.read_workbook()
            apply_stylesheet(reader.archive, reader.parser.wb)
            book = reader.parser.wb
            self.epoch = book.epoch
            self.date_formats = book._date_formats
            self.timedelta_formats = book._timedelta_formats
            self.sheets: dict[str, str] = {}
            for sheet, rel in reader.parser.find_sheets():
                if rel.target in reader.valid_files and "chartsheet" not in rel.Type:
                    self.sheets.setdefault(sheet.name, rel.target)
            strings = reader.package.find(SHARED_STRINGS)
            self._strings_path = strings.PartName[1:] if strings is not None else None
        except BaseException:
            self.archive.close()
            raise
        self._strings: list[str] | None = None

    @property
    def sheetnames(self) -> list[str]:
        """The names of the worksheets, in the workbook's order."""
        return list(self.sheets)

    def shared_strings(self) -> list[str]:
        if self._strings is None:
            self._strings = []
            if self._strings_path is not None:
                where = f"{self.path} ({self._strings_path})"
                with self.archive.open(self._strings_path) as source:
                    self._strings = xlsx_parse.shared_strings(
                        source, limits.current().part, lambda: limits.too_large("part", where)
                    )
        return self._strings

    def close(self) -> None:
        self.archive.close()


def open_workbook(path: Path) -> Workbook:
    """The workbook's structure (sheets, date styles), after :func:`check_archive`."""
    import openpyxl  # heavy: only when a workbook is read

    if not openpyxl.DEFUSEDXML:
        # openpyxl picks defusedxml at import time unless OPENPYXL_DEFUSEDXML=False
        raise ConfigError.of(
            "workbooks are read only through defusedxml, which openpyxl is not using",
            hint="install defusedxml and do not set OPENPYXL_DEFUSEDXML=False",
        )
    check_archive(path)
    try:
        return Workbook(path)
    except Exception as exc:  # noqa: BLE001 - zipfile, XML and openpyxl errors all mean "not a workbook"
        refused = _xml_error(exc)
        if refused:
            raise input_error(refused, file=str(path), hint_id=_HINT) from None
        raise InputError.of(
            "cannot be opened as an .xlsx workbook ({why})",
            why=type(exc).__name__,
            file=str(path),
            hint="open it in Excel/LibreOffice and save it again as .xlsx",
        ) from None


def sheet_rows(workbook: Workbook, name: str) -> Any:
    """``(row number, {column: value})`` for every ``<row>`` of the sheet ``name``, in the file's order.

    Only cells holding a value are given; errors of the XML or the archive become an InputError.
    """
    where = f"{workbook.path} (sheet {name})"
    reader = xlsx_parse.SheetReader(
        workbook.shared_strings, workbook.epoch, workbook.date_formats, workbook.timedelta_formats, where
    )
    try:
        with workbook.archive.open(workbook.sheets[name]) as source:
            yield from reader.rows(source)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - XML, zip and cell errors all mean "damaged sheet"
        refused = _xml_error(exc)
        if refused:
            raise input_error(refused, file=where, hint_id=_HINT) from None
        raise InputError.of(
            "the sheet cannot be read ({why})",
            why=type(exc).__name__,
            file=where,
            hint="open it in Excel/LibreOffice and save it again as .xlsx",
        ) from None
