"""One table of an export as a whole: its columns against the profile and the personal-data rule
that refuses a table (a column that looks personal and is not declared so), and the screen of the
columns nothing is taken from."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from referentiel.privacy import Screening, looks_like_a_name, screen, shown
from referentiel.privacy.normalise import normalise
from referentiel.privacy.recognisers import find_emails, find_ibans, find_niss, find_phones
from referentiel.privacy.screen import EMAIL, FORMATTED_KINDS, IBAN, NATIONAL_NUMBER, PHONE
from referentiel.translation.messages import Items, Msg, personal_kind, reader_reason
from referentiel.translation.profile import ColumnSpec, TableSpec
from referentiel.translation.readers import Table, read_table
from referentiel.translation.report import ERROR, INFO, WARNING, ColumnStats, FileStats
from referentiel.translation.resolve import cell_text

# Header words that announce personal data (fr, nl, en), compared without accents, as whole words.
_PERSONAL_HEADERS: dict[str, str] = {
    "nom": "names",
    "prenom": "names",
    "naam": "names",
    "voornaam": "names",
    "achternaam": "names",
    "name": "names",
    "surname": "names",
    "firstname": "names",
    "lastname": "names",
    "nom de famille": "names",
    "adresse": "addresses",
    "address": "addresses",
    "adres": "addresses",
    "rue": "addresses",
    "straat": "addresses",
    "street": "addresses",
    "domicile": "addresses",
    "niss": "national numbers",
    "inss": "national numbers",
    "rijksregister": "national numbers",
    "rijksregisternummer": "national numbers",
    "registre national": "national numbers",
    "numero national": "national numbers",
    "national number": "national numbers",
    "nn": "national numbers",
    "email": "e-mail addresses",
    "e mail": "e-mail addresses",
    "mail": "e-mail addresses",
    "courriel": "e-mail addresses",
    "telephone": "phone numbers",
    "tel": "phone numbers",
    "gsm": "phone numbers",
    "phone": "phone numbers",
    "telefoon": "phone numbers",
    "date de naissance": "birth dates",
    "geboortedatum": "birth dates",
    "birth date": "birth dates",
    "remarque": "free-text notes",
    "remarques": "free-text notes",
    "commentaire": "free-text notes",
    "commentaires": "free-text notes",
    "notes": "free-text notes",
    "note": "free-text notes",
    "observation": "free-text notes",
    "observations": "free-text notes",
    "opmerking": "free-text notes",
    "opmerkingen": "free-text notes",
    "comment": "free-text notes",
    "comments": "free-text notes",
}
# cheap test before the formatted recognisers: 8 digits with any separators, an "@" or an "at"
_PREFILTER = re.compile(r"@|\d(?:\W{0,2}\d){7}|(?i:\bat\b|arobase)")


def _identifies_people(col: ColumnSpec, spec: TableSpec) -> bool:
    """Whether ``col`` holds identifiers of people, families or their records (not of organisations).

    Organisations are legitimately identified by their names ("ONE Anderlecht"), which look like
    people's names; everything else (situations, professionals, interventions...) is not.
    """
    if col.is_key:
        return spec.entity != "organisation"
    return col.references is not None and col.references != "organisation"


# An identifier of the usual shape: at most four letters all of one case, at most one separator, at
# most seven digits, no space ("TS39", "F-1001", "pep-06", "I0001"). Nothing the screen looks for fits
# in it: a national number needs 10 digits, a phone 8, an IBAN 15 characters, an e-mail an "@", an
# address or a name a space (or, for "Mme"/"Dr" before a name, letters of both cases), a note several
# words; the test suite checks the screen on generated codes of this shape. Every id of a large export
# is distinct, so this saves the screen on nearly each one (it was a quarter of the translation time).
PLAIN_CODE = re.compile(r"(?:[A-Z]{0,4}|[a-z]{0,4})[-_/.]?[0-9]{1,7}")


def _identifier_verdict(text: str, items: list[str], people: bool) -> Msg | None:
    """What an identifier cell holds that must not become an IRI: a note, a name, other personal data."""
    if len(items) == 1 and PLAIN_CODE.fullmatch(items[0]):
        return None
    kinds = {k for item in items for k in screen(item).kinds}
    if len(items) > 1:  # "DUPONT, Marie" split into two harmless words
        kinds |= {k for k in screen(text).kinds if k != "free text"}
    if "free text" in kinds:
        # a note typed where the id goes ("Madame X a peur de son mari")
        return Msg.of("personal.notes")
    if "name" in kinds or (people and any(looks_like_a_name(item) for item in items)):
        return Msg.of("personal.names")
    if kinds:
        return Msg.of(
            "personal.values",
            kinds=Items(tuple(personal_kind(k, header=False) for k in sorted(kinds)), conjunction=True),
        )
    return None


def _personal_message(
    header: str, col: ColumnSpec | None, spec: TableSpec, what: Msg, rows: list[int]
) -> Msg:
    """The personal-data finding of one column: its rows, and advice by the column's declared role."""
    shown_rows: Msg | str = ""
    if rows:
        listed = ", ".join(str(r) for r in rows[:5])
        shown_rows = (
            Msg.of("personal.rows.more", rows=listed, count=len(rows) - 5)
            if len(rows) > 5
            else Msg.of("personal.rows", rows=listed)
        )
    if col is None:
        return Msg.of("personal-data", column=header, what=what, rows=shown_rows)
    identifier = col.is_key or _identifies_people(col, spec)
    name = col.property.name if col.property is not None else (col.composition or header)
    role = Msg.of("personal.role.identifier" if identifier else "personal.role.value", property=name)
    advice = Msg.of("personal.advice.identifier" if identifier else "personal.advice.value", property=name)
    return Msg.of(
        "personal-data.declared", column=header, role=role, what=what, rows=shown_rows, advice=advice
    )


def _header_kind(header: str) -> str | None:
    folded = "".join(
        c for c in unicodedata.normalize("NFD", header.casefold()) if not unicodedata.combining(c)
    )
    words = re.sub(r"[^a-z0-9]+", " ", folded).strip()
    if words in _PERSONAL_HEADERS:
        return _PERSONAL_HEADERS[words]
    tokens = words.split()
    for size in (3, 2, 1):
        for i in range(len(tokens) - size + 1):
            found = _PERSONAL_HEADERS.get(" ".join(tokens[i : i + size]))
            if found and not (size == 1 and tokens[i] == "nn" and len(tokens) > 1):
                return found
    return None


def _whole_cell(raw: Any, text: str, terms: bool) -> Screening | None:
    """The screening of a list cell as a whole (what the screen finds only there: "DUPONT, Marie" split
    on ","). For a list of ``terms``, length alone does not make a note: only the recognisers count."""
    found = screen(", ".join(cell_text(item) for item in raw) if isinstance(raw, list) else text)
    return found if found and not (terms and found.kinds == ("free text",)) else None


class _Whole:
    """The screening of a list cell as a whole (:func:`_whole_cell`), made when first asked for: it
    only decides for an item that is not what its column declares (an unmapped term, a bad date)."""

    __slots__ = ("raw", "text", "terms", "found", "done")

    def __init__(self, raw: Any, text: str, terms: bool) -> None:
        self.raw, self.text, self.terms, self.found, self.done = raw, text, terms, None, False

    def get(self) -> Screening | None:
        if not self.done:
            self.found, self.done = _whole_cell(self.raw, self.text, self.terms), True
        return self.found


@lru_cache(maxsize=65536)
def _formatted_kinds(text: str) -> tuple[str, ...]:
    """``personal_data_kinds(text)`` without the recognisers whose kinds it leaves out (names,
    addresses, sentences): the same formatted recognisers on the same normalised text, in the same
    order. A column of dates passes the 8-digit prefilter on every cell; the whole screen of each
    distinct date cost a fifth of the translation."""
    norm = normalise(text).text
    return tuple(kind for kind, finder in _FORMATTED if finder(norm))


_FORMATTED = ((NATIONAL_NUMBER, find_niss), (PHONE, find_phones), (EMAIL, find_emails), (IBAN, find_ibans))
assert tuple(kind for kind, _ in _FORMATTED) == FORMATTED_KINDS  # the order personal_data_kinds gives


@lru_cache(maxsize=65536)
def _show(value: str) -> str:
    """A value as it may appear in a message: personal data and free text masked (privacy.shown)."""
    return shown(value)


def _header_hint(table: Table, spec: TableSpec) -> Msg:
    """Why a column may be "missing": another delimiter, or the header as it was found."""
    header = [h for h in table.header if h]
    if table.delimiter and len(header) == 1:
        others = [d for d in (";", ",", "\t", "|") if d != table.delimiter and d in header[0]]
        if others:
            return Msg.of("hint.delimiter", found=others[0], declared=table.delimiter)
    if not header:
        return Msg.of("hint.no-names")
    if not any(spec.column(h) for h in header):
        # No name of the profile at all: most likely the export has no header row, and its first
        # row holds data (identifiers, perhaps personal): nothing of it is echoed.
        return Msg.of("hint.no-header-row", count=len(header))
    found = ", ".join(repr(_show(h)) for h in header[:12]) + (", …" if len(header) > 12 else "")
    return Msg.of("hint.header", found=found)


class _Tables:
    """One table as a whole (a mixin of :class:`referentiel.translation.rows._Run`): its columns
    against the profile, the personal-data rule that refuses it, the screen of the columns nothing is
    taken from; then its rows (:meth:`_Run._rows`)."""

    # ---- one table
    def run_table(self, path: Path, spec: TableSpec) -> None:
        table = read_table(
            path,
            sheet=spec.sheet,
            delimiter=spec.delimiter,
            encoding=spec.encoding,
            quotechar=spec.quotechar,
            json_path=spec.json_path,
            workbooks=self.workbooks,
        )
        stats = FileStats(
            file=table.file,
            entity=spec.entity,
            sheet=table.sheet,
            encoding=table.encoding,
            delimiter=table.delimiter,
        )
        self.files.append(stats)
        stats.rows_read = len(table.rows) + len(table.bad_rows)
        self.progress.stage(f"translate {table.file}", total=len(table.rows), unit="rows")
        if table.encoding_note:
            self.issue("encoding", INFO, table, reader_reason(table.encoding_note))

        # which column of the header is which description
        slots: list[ColumnSpec | None] = [spec.column(h) if h else None for h in table.header]
        present = {id(c) for c in slots if c is not None}
        is_json = table.file.lower().endswith(".json")
        for col in spec.columns:
            if id(col) not in present and not (col.required or col.is_key) and not is_json:
                # An optional column the profile describes but the export lacks: said, not silent.
                # (JSON records routinely omit keys whose value is null: not worth a warning.)
                self.issue(
                    "missing-column",
                    WARNING,
                    table,
                    Msg.of("missing-column.optional", column=col.title, hint=_header_hint(table, spec)),
                    column=col.title,
                )
            if id(col) not in present and (col.required or col.is_key):
                self.issue(
                    "missing-column",
                    ERROR,
                    table,
                    Msg.of("missing-column.required", column=col.title, hint=_header_hint(table, spec)),
                    column=col.title,
                )
                if col.is_key:
                    stats.rows_rejected = stats.rows_read
                    stats.refused = True
                    self.progress.done()  # else the summary is written on the progress line
                    return
        if self._refuse_personal(table, spec, slots, stats):
            self.progress.done()
            return

        for index, header in enumerate(table.header):
            if slots[index] is None:
                filled = sum(1 for _, cells in table.rows if cell_text(cells[index]).strip())
                self.issue(
                    "unknown-column",
                    WARNING,
                    table,
                    Msg.of("unknown-column", column=header or Msg.of("no-header"), count=filled),
                    column=header or f"#{index + 1}",
                )

        self._screen_ignored_columns(table, slots)

        for row_no, why in table.bad_rows:
            message = Msg.of("rejected-row", why=reader_reason(why))
            self.issue("rejected-row", ERROR, table, message, row=row_no)
            stats.rows_rejected += 1

        col_stats: dict[int, ColumnStats] = {}
        for index, col in enumerate(slots):
            if col is not None and col.vocabulary:
                cs = ColumnStats(
                    file=table.file, sheet=table.sheet, column=table.header[index], property=col.property.name
                )  # type: ignore[union-attr]
                col_stats[index] = cs
                self.columns.append(cs)
        self._rows(table, spec, slots, stats, col_stats)

    def _refuse_personal(
        self, table: Table, spec: TableSpec, slots: list[ColumnSpec | None], stats: FileStats
    ) -> bool:
        """Refuse the table when a column not declared personal looks like personal data.

        Every such column of the table is reported (not only the first), with the rows where its
        values were found, and advice according to what the profile declares the column to be.
        """
        refused = False
        for index, header in enumerate(table.header):
            col = slots[index]
            if col is not None and (col.personal or col.suppress):
                continue
            what: Msg | None = None
            rows: list[int] = []
            if col is None:
                kind = _header_kind(header)
                if kind:
                    what = Msg.of("personal.header", kind=personal_kind(kind, header=True))
            if what is None:
                kinds_of: dict[str, tuple[str, ...]] = {}  # each distinct value is looked at once
                rows_of = table.rows
                found: list[str] = []
                texts = [v if (v := cells[index]).__class__ is str else cell_text(v) for _, cells in rows_of]
                # One search over the whole column first: a cell's match is a match there too (its
                # edges are a line break, which \b, \d and \W see as they see the cell's ends).
                column_has_one = _PREFILTER.search("\n".join(texts))
                candidates = zip(table.rows, texts, strict=True) if column_has_one else ()
                for (row_no, _), text in candidates:
                    kinds = kinds_of.get(text)
                    if kinds is None:
                        hit = _PREFILTER.search(text)
                        kinds = kinds_of[text] = _formatted_kinds(text) if hit else ()
                    if kinds:
                        rows.append(row_no)
                        found.extend(k for k in kinds if k not in found)
                if found:
                    what = Msg.of(
                        "personal.values",
                        kinds=Items(tuple(personal_kind(k, header=False) for k in found), conjunction=True),
                    )
            # Identifiers go into IRIs and ref:localId; an organisation's own code too (organisations
            # are identified by their names, so only the screen's stricter name rules apply there).
            people = col is not None and _identifies_people(col, spec)
            if what is None and col is not None and (people or col.is_key):
                # An identifier goes into IRIs and ref:localId: a name typed there would be published.
                # A list of references ("Marie Dupont/pep-01", a JSON array) is checked item by item.
                verdicts: dict[str, Msg | None] = {}  # each distinct value is screened once
                for row_no, cells in table.rows:
                    raw = cells[index]
                    text = cell_text(raw)
                    if text not in verdicts:
                        if isinstance(raw, list):
                            items = [cell_text(item) for item in raw]
                        else:
                            items = text.split(col.separator) if col.separator else [text]
                        verdicts[text] = _identifier_verdict(text, items, people)
                    if verdicts[text]:
                        what = what or verdicts[text]
                        rows.append(row_no)
            if what:
                self.issue(
                    "personal-data",
                    ERROR,
                    table,
                    _personal_message(header, col, spec, what, rows),
                    column=header,
                )
                refused = True
        if refused:
            stats.refused = True
            stats.rows_rejected = stats.rows_read
        return refused

    def _screen_ignored_columns(self, table: Table, slots: list[ColumnSpec | None]) -> None:
        """Report the personal values of the columns nothing is taken from (suppressed or unknown):
        their kinds and rows, never the values, so that the partner can stop sending them."""
        for index, header in enumerate(table.header):
            col = slots[index]
            if col is not None and not col.suppress:
                continue
            rows: dict[str, list[int]] = {}
            for row_no, cells in table.rows:
                raw = cells[index]
                text = " ".join(cell_text(v) for v in raw) if isinstance(raw, list) else cell_text(raw)
                if text.strip():
                    for kind in screen(text).kinds:
                        rows.setdefault(kind, []).append(row_no)
            if not rows:
                continue
            every = sorted({r for found in rows.values() for r in found})
            message = Msg.of(
                "ignored-column.personal",
                column=header or Msg.of("no-header"),
                state=Msg.of("ignored-column.suppressed" if col is not None else "ignored-column.unknown"),
                kinds=Items(tuple(personal_kind(k, header=False) for k in rows), conjunction=True),
                rows=", ".join(str(r) for r in every[:5]),
                more=Msg.of("ignored-column.more", count=len(every) - 5) if len(every) > 5 else "",
            )
            self.issue(
                "personal-in-column", WARNING, table, message, row=every[0], column=header or f"#{index + 1}"
            )
