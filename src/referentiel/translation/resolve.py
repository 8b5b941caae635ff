"""Cell values to framework values: terms through the mapping set, dates, shown numbers and formats."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from rdflib import URIRef

from referentiel.errors import ConfigError
from referentiel.namespaces import REFC
from referentiel.privacy import shown
from referentiel.translation.messages import Msg
from referentiel.translation.model import (
    ASSERTING_PREDICATES,
    EXACT_PREDICATES,
)
from referentiel.translation.profile import ISO8601

# statuses of ref:mappingStatus (docs/architecture.md)
MAPPED, UNMAPPED, NO_EQUIVALENT, UNPARSABLE = "mapped", "unmapped", "no-equivalent", "unparsable"
WITHHELD = "withheld"  # the screen found personal data: no rdf:value, a ref:valueShape instead


@dataclass(frozen=True)
class Resolution:
    """How one term of a vocabulary column translates."""

    status: str  # MAPPED, UNMAPPED, NO_EQUIVALENT
    klass: str  # "exact", "non-exact", "no-equivalent", "unmapped", "wrong-scheme"
    concept: URIRef | None = None
    predicate: str | None = None  # CURIE, e.g. skos:closeMatch
    asserted: bool = False
    mapping_line: int | None = None


class TermResolver:
    """Looks terms up in the organisation's mapping set, per concept scheme, caching each distinct term."""

    def __init__(self, mapping_path: Path | None) -> None:
        self.index = None
        self.mapping_set = None
        if mapping_path is not None:
            from referentiel.translation.sssom import MappingIndex, read_mapping_set

            self.mapping_set = read_mapping_set(mapping_path)
            self.index = MappingIndex(self.mapping_set)
        self._cache: dict[tuple[str, str], Resolution] = {}

    def resolve(self, term: str, scheme_prefix: str) -> Resolution:
        """The resolution of ``term`` for a property whose concepts start with ``scheme_prefix``."""
        key = (term, scheme_prefix)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._resolve(term, scheme_prefix)
        return found

    def _resolve(self, term: str, scheme_prefix: str) -> Resolution:
        if self.index is None:
            return Resolution(UNMAPPED, "unmapped")
        candidates = self.index.candidates(term)
        if not candidates:
            return Resolution(UNMAPPED, "unmapped")
        namespace = str(REFC) + scheme_prefix
        in_scheme, no_equivalent, elsewhere = [], [], []
        for mapping in candidates:
            if mapping.no_equivalent:
                no_equivalent.append(mapping)
                continue
            try:
                iri = self.mapping_set.expand(mapping.object_id)  # type: ignore[union-attr]
            except ConfigError:
                elsewhere.append(mapping)
                continue
            (in_scheme if iri.startswith(namespace) else elsewhere).append((mapping, iri))
        if in_scheme:
            rank = {p: i for i, p in enumerate(ASSERTING_PREDICATES)}
            mapping, iri = min(
                in_scheme, key=lambda mi: (rank.get(mi[0].predicate_id, 99), -(mi[0].confidence or 0.0))
            )
            predicate = mapping.predicate_id
            return Resolution(
                MAPPED,
                "exact" if predicate in EXACT_PREDICATES else "non-exact",
                URIRef(iri),
                predicate,
                ASSERTING_PREDICATES.get(predicate, False),
                mapping.line,
            )
        if no_equivalent:
            return Resolution(NO_EQUIVALENT, "no-equivalent", None, None, False, no_equivalent[0].line)
        return Resolution(
            UNMAPPED,
            "wrong-scheme",
            None,
            None,
            False,
            elsewhere[0][0].line if elsewhere and isinstance(elsewhere[0], tuple) else None,
        )


# ------------------------------------------------------------------------------------------ values


def cell_text(value: Any) -> str:
    """A cell as text: XLSX numbers without a spurious ``.0``, dates as ISO, None as empty."""
    kind = value.__class__  # the usual kinds first, by exact class (bool is not int here)
    if kind is str:
        return value
    if kind is int:
        return str(value)
    if kind is date:
        return value.isoformat()
    return _cell_text(value)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


_EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(value: Any, formats: Sequence[str]) -> date | None:
    """A date from a cell: XLSX date, Excel serial number, or text in one of the strptime ``formats``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # A number in a date column of a workbook is an Excel serial day (1900 system).
        return _EXCEL_EPOCH + timedelta(days=int(value)) if 1 <= value < 2958466 else None
    text = str(value).strip()
    for fmt in formats:
        if fmt == "excel":
            if text.isdigit() and 1 <= int(text) < 2958466:
                return _EXCEL_EPOCH + timedelta(days=int(text))
            continue
        if fmt == ISO8601:
            # fromisoformat also reads week dates and compact forms; a profile that says ISO 8601
            # means the usual extended forms, which all start with yyyy-MM-dd.
            if len(text) >= 10 and text[4] == "-" and text[7] == "-":
                try:
                    return datetime.fromisoformat(text).date()
                except ValueError:
                    pass
            continue
        fast = _FIXED_WIDTH.get(fmt)
        if fast is not None:
            # dd/MM/yyyy-like text of exactly two, two and four ASCII digits: what strptime would
            # read, without its regular expression and locale machinery (a third of the cost)
            match = fast[0].fullmatch(text)
            if match is not None:
                day, month, year = (int(match.group(i)) for i in fast[1])
                try:
                    return date(year, month, day)
                except ValueError:
                    continue
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


# formats whose fields are all numbers: text with exactly 2-digit day and month and a 4-digit year
# gives strptime's own result (any other text, e.g. "5/1/2023", goes to strptime)
_FIXED_WIDTH = {
    "%d/%m/%Y": (re.compile(r"([0-9]{2})/([0-9]{2})/([0-9]{4})"), (1, 2, 3)),
    "%d-%m-%Y": (re.compile(r"([0-9]{2})-([0-9]{2})-([0-9]{4})"), (1, 2, 3)),
    "%d.%m.%Y": (re.compile(r"([0-9]{2})\.([0-9]{2})\.([0-9]{4})"), (1, 2, 3)),
    "%Y-%m-%d": (re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})"), (3, 2, 1)),
}


_NUMBER_LIKE = re.compile(r"^[\d\s./:,\-+TZ]{1,30}$")


def _show_number(value: str) -> str | Msg:
    """A cell of a date or number column, for a message: quoted when it is made of digits and
    separators (a typo the user must see: '2023-13-45'), else only its length, since text there is
    a shifted column or a note (a family code, a name...)."""
    text = shown(value)
    if text == value and _NUMBER_LIKE.match(value):
        return repr(value)
    return Msg.of("value.length", length=len(value)) if text == value else repr(text)


class _NM:
    """Minimal namespace manager for messages: refc:xxx instead of full IRIs."""

    @staticmethod
    def normalizeUri(iri: str) -> str:  # noqa: N802 - rdflib's protocol
        return "refc:" + iri[len(str(REFC)) :] if iri.startswith(str(REFC)) else f"<{iri}>"


_NM = _NM()  # type: ignore[misc,assignment]


_PATTERN_LETTERS = {
    "%Y": "yyyy",
    "%y": "yy",
    "%m": "MM",
    "%d": "dd",
    "%H": "HH",
    "%M": "mm",
    "%S": "ss",
    "%f": "SSS",
    "%z": "XXX",
    "%%": "%",
}


def _pattern(fmt: str) -> str | Msg:
    """A strptime format shown to the user as the UAX-35 pattern of the profile (``dd/MM/yyyy HH:mm``)."""
    if fmt == "excel":
        return Msg.of("format.excel")
    if fmt == ISO8601:
        return "ISO 8601"
    return re.sub(r"%.", lambda m: _PATTERN_LETTERS.get(m.group(0), m.group(0)), fmt)
