"""Synthetic exports (:mod:`referentiel.intake.generator`): writing the files, CSV and JSON
streamed, XLSX through a write-only workbook, normalised so that the same arguments give the same bytes."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from referentiel.intake.synthetic_templates import OrgTemplate, table_key


class _Writer:
    """Writes one file's tables: CSV/JSON streamed, XLSX through a write-only workbook."""

    def __init__(self, path: Path, template: OrgTemplate) -> None:
        self.path = path
        self.t = template
        self.suffix = path.suffix.lower()
        self._workbook = None
        if self.suffix in (".xlsx", ".xlsm"):
            import openpyxl

            self._workbook = openpyxl.Workbook(write_only=True)

    def write(self, table: Any, header: list[str], rows: Iterator[list[Any]]) -> int:
        if self._workbook is not None:
            ws = self._workbook.create_sheet(title=table.sheet or "Feuil1")
            ws.append(header)
            count = 0
            for row in rows:
                ws.append([None if v == "" else (",".join(v) if isinstance(v, list) else v) for v in row])
                count += 1
            return count
        if self.suffix == ".json":
            return self._write_json(table, header, rows)
        return self._write_csv(table, header, rows)

    def _write_csv(self, table: Any, header: list[str], rows: Iterator[list[Any]]) -> int:
        encoding = self.t.encodings.get(table_key(table), "utf-8")
        delimiter = table.delimiter or ";"
        count = 0
        # newline="" and an explicit \r\n: Excel's CSV line ending, identical on every platform.
        with self.path.open("w", encoding=encoding, errors="strict", newline="") as handle:
            writer = csv.writer(
                handle, delimiter=delimiter, quotechar=table.quotechar or '"', lineterminator="\r\n"
            )
            writer.writerow(header)
            for row in rows:
                writer.writerow(
                    ["" if v is None else (",".join(v) if isinstance(v, list) else v) for v in row]
                )
                count += 1
        return count

    def _write_json(self, table: Any, header: list[str], rows: Iterator[list[Any]]) -> int:
        count = 0
        with self.path.open("w", encoding="utf-8", newline="\n") as handle:
            prefix, suffix = "", ""
            if table.json_path:
                parts = table.json_path.split(".")
                prefix = "".join("{" + json.dumps(p, ensure_ascii=False) + ": " for p in parts)
                suffix = "}" * len(parts)
            handle.write(prefix + "[\n")
            for row in rows:
                record = {h: v for h, v in zip(header, row, strict=False) if v not in ("", None)}
                handle.write(("  " if count == 0 else ",\n  ") + json.dumps(record, ensure_ascii=False))
                count += 1
            handle.write("\n]" + suffix + "\n")
        return count

    def close(self) -> None:
        if self._workbook is not None:
            buffer = io.BytesIO()
            self._workbook.save(buffer)
            _normalise_xlsx(buffer.getvalue(), self.path)


def _normalise_xlsx(data: bytes, path: Path) -> None:
    """Rewrite an .xlsx with fixed timestamps so that the same seed gives the same bytes."""
    fixed = (2025, 1, 1, 0, 0, 0)
    stamp = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = stamp.sub(
                    lambda m: (
                        b"<dcterms:" + m.group(1) + b' xsi:type="dcterms:W3CDTF">'
                        b"2025-01-01T00:00:00Z</dcterms:" + m.group(1) + b">"
                    ),
                    content,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=fixed)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, content)
