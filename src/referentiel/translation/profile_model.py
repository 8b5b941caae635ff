"""An organisation profile in memory: its tables and columns (:class:`Profile`, :class:`TableSpec`,
:class:`ColumnSpec`), the keys and values a profile may use, and date patterns read as UAX 35 or
strftime formats (:func:`date_format`).
"""

from __future__ import annotations

import builtins
import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path

from referentiel.translation.model import CONCEPT, PropertySpec

PROFILE_VERSION = 1
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ENCODINGS = ("auto", "utf-8", "utf-8-sig", "cp1252", "latin-1", "iso-8859-1", "iso-8859-15", "utf-16")
DATATYPES = ("string", "date", "dateTime", "gYear", "integer")
# CSVW / UAX-35 date and date-time patterns we accept, and "excel" for serial day numbers (1900 date
# system). Longest tokens first. M is the month and m the minute, as in UAX-35; a run of S is a fraction
# of a second; X/x/Z are time-zone offsets ("Z", "+01:00", "+0100"); text between quotes is literal.
_DATE_TOKENS = (
    ("yyyy", "%Y"), ("yy", "%y"), ("MM", "%m"), ("M", "%m"), ("dd", "%d"), ("d", "%d"),
    ("HH", "%H"), ("H", "%H"), ("mm", "%M"), ("m", "%M"), ("ss", "%S"), ("s", "%S"),
    ("XXX", "%z"), ("XX", "%z"), ("X", "%z"), ("xxx", "%z"), ("xx", "%z"), ("x", "%z"), ("ZZZZZ", "%z"),
    ("Z", "%z"),
)

ISO8601 = "iso8601"


@dataclass
class ColumnSpec:
    """How one column of a table is read and what it feeds."""

    titles: list[str]
    line: int
    property: PropertySpec | None = None
    datatype: str = "string"
    formats: list[str] = field(default_factory=list)  # strptime formats, or "excel"
    separator: str | None = None
    null: list[str] = field(default_factory=lambda: [""])
    required: bool = False
    personal: bool = False
    references: str | None = None
    composition: str | None = None
    suppress: bool = False
    is_key: bool = False

    @builtins.property
    def title(self) -> str:
        """The first title: how messages name the column."""
        return self.titles[0]

    @builtins.property
    def vocabulary(self) -> bool:
        """True when the cells are terms to look up in the mapping set."""
        return self.property is not None and self.property.kind == CONCEPT


@dataclass
class TableSpec:
    """One table (CSV file, XLSX sheet or JSON array) of the export, holding one entity."""

    url: str
    entity: str
    line: int
    sheet: str | None = None
    primary_key: list[str] = field(default_factory=list)
    columns: list[ColumnSpec] = field(default_factory=list)
    delimiter: str | None = None
    encoding: str = "auto"
    quotechar: str = '"'
    json_path: str | None = None

    def matches(self, path: Path) -> bool:
        """True when the export file ``path`` is this table's file (name or glob pattern)."""
        return fnmatch.fnmatch(path.name.lower(), self.url.lower())

    def column(self, title: str) -> ColumnSpec | None:
        """The column description whose titles include ``title`` (case and spacing insensitive)."""
        key = _norm_title(title)
        for col in self.columns:
            if any(_norm_title(t) == key for t in col.titles):
                return col
        return None

    @property
    def where(self) -> str:
        """``file`` or ``file, sheet S``: how messages name the table."""
        return f"{self.url}, sheet {self.sheet}" if self.sheet else self.url


@dataclass
class Profile:
    """A validated organisation profile."""

    path: Path
    slug: str
    name: str
    tables: list[TableSpec]
    commune: str | None = None
    sector: str | None = None
    service_type: str | None = None
    mappings: Path | None = None
    organisations: dict[str, str] = field(default_factory=dict)  # normalised local name/id -> org slug
    organisation_info: dict[str, dict[str, str]] = field(default_factory=dict)  # slug -> sector, serviceType

    @property
    def personal_columns(self) -> list[tuple[TableSpec, ColumnSpec]]:
        """Every column declared personal (they need a pseudonymisation key)."""
        return [
            (t, c)
            for t in self.tables
            for c in t.columns
            if c.personal or (c.property is not None and c.property.target == "family")
        ]

    def table_for(self, path: Path) -> list[TableSpec]:
        """The tables whose ``url`` matches an export file (several for the sheets of one workbook)."""
        return [t for t in self.tables if t.matches(path)]


def _norm_title(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def date_format(pattern: str) -> str:
    """A CSVW/UAX-35 date or date-time pattern (``dd/MM/yyyy``, ``yyyy-MM-dd'T'HH:mm``, ``dd/MM/yyyy
    HH:mm:ssXXX``) as a strptime format; ``excel`` stays as is.

    A date-time pattern reads the date of the moment as written (its own time zone, not converted).
    ``iso8601`` accepts any ISO 8601 date or date-time (``2025-02-03``, ``2025-02-03T10:00``,
    ``2025-02-03 10:00:00+01:00``, ``2025-02-03T09:00Z``).
    """
    if pattern in ("excel", ISO8601):
        return pattern
    out, i = [], 0
    while i < len(pattern):
        if pattern[i] == "'":
            # 'T' is a literal T; '' is a literal quote (UAX-35).
            end = pattern.find("'", i + 1)
            if end == i + 1:
                out.append("'")
                i += 2
                continue
            if end < 0:
                raise ValueError(f"unclosed quote in date pattern {pattern!r}")
            out.append(pattern[i + 1 : end].replace("%", "%%"))
            i = end + 1
            continue
        if pattern[i] == "S":
            while i < len(pattern) and pattern[i] == "S":
                i += 1
            out.append("%f")
            continue
        if pattern.startswith("MMM", i):
            raise ValueError(
                f"month names (MMM) are not supported in date pattern {pattern!r}: they depend on the "
                "language; ask for month numbers (MM), or use quotes for literal text"
            )
        for token, directive in _DATE_TOKENS:
            if pattern.startswith(token, i):
                if directive in out:
                    raise ValueError(f"{token!r} appears twice in date pattern {pattern!r}")
                out.append(directive)
                i += len(token)
                break
        else:
            ch = pattern[i]
            if ch.isalpha():
                raise ValueError(
                    f"unknown letter {ch!r} in date pattern {pattern!r} (letters: yyyy MM dd HH mm ss "
                    "SSS XXX; put literal text between quotes, e.g. 'T')"
                )
            out.append("%%" if ch == "%" else ch)
            i += 1
    return "".join(out)
