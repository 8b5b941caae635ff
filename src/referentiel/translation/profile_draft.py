"""Drafting a profile for an unseen export: every guess written down, marked for review.

``referentiel profile draft EXPORT... -o profile.yaml`` reads the partner's files with the same
readers as ``translate`` (CSV of any delimiter and encoding, XLSX sheets, JSON arrays) and guesses,
from file names, headers (French, Dutch, English) and the values themselves:

- the entity each table holds (professionals, situations, interventions, referrals, meetings,
  organisations, network links);
- each column's role: identifier, date (and its pattern), vocabulary column (and its list
  separator), reference to another table, family identifier (always pseudonymised);
- columns that look personal (names, addresses, phones, e-mails, national numbers, notes, birth
  dates), by header or by value: they are **refused** (``suppressOutput: true``) until a person
  decides otherwise; columns whose role is not recognised are refused too.

Nothing is guessed silently: :func:`render_profile` writes a ``# REVIEW:`` comment on every guessed
line saying what the guess rests on. The result loads with :func:`referentiel.translation.profile.
load_profile`. No cell value is ever written into the profile except the names of partner
organisations (the ``organisations:`` section), which are service names, not people's.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from referentiel.errors import InputError
from referentiel.privacy import looks_like_a_name, looks_like_free_text, personal_data_kinds
from referentiel.translation import xlsx
from referentiel.translation.model import ENTITY_PROPERTIES, PROPERTIES
from referentiel.translation.readers import Table, close_workbooks, read_table

EXPORT_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".json")
SAMPLE = 200  # rows per table looked at: enough to guess, cheap on a large export


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    """The header and file-name words of each guess (``profile_draft_words.json``: data, not code)."""
    text = resources.files("referentiel.translation").joinpath("profile_draft_words.json").read_text("utf-8")
    data = json.loads(text)
    return {
        "entities": {k: tuple(v) for k, v in data["entities"].items()},
        "roles": [(r["property"], tuple(r["words"]), tuple(r["entities"])) for r in data["roles"]],
        "personal": tuple(data["personal"]),
        "identifier": tuple(data["identifier"]),
    }


DATE_PATTERNS = (
    "yyyy-MM-dd",
    "dd/MM/yyyy",
    "dd-MM-yyyy",
    "dd.MM.yyyy",
    "d/M/yyyy",
    "yyyy/MM/dd",
    "MM/dd/yyyy",
    # an agenda tool's date-times (the framework keeps the day; the original value keeps the time)
    "yyyy-MM-dd'T'HH:mm",
    "yyyy-MM-dd'T'HH:mm:ss",
    "yyyy-MM-dd HH:mm",
    "yyyy-MM-dd HH:mm:ss",
    "dd/MM/yyyy HH:mm",
    "iso8601",
)
LIST_SEPARATORS = ("|", ";", ",", "/", "+")


@dataclass
class ColumnGuess:
    """What a column seems to be, and why (the reasons become the REVIEW comments)."""

    title: str
    property: str | None = None
    refused: bool = False
    personal: bool = False
    separator: str | None = None
    date_format: str | None = None
    reasons: list[str] = field(default_factory=list)


@dataclass
class TableGuess:
    """What a table seems to hold."""

    url: str
    entity: str
    entity_reason: str
    sheet: str | None = None
    primary_key: str | None = None
    delimiter: str | None = None
    encoding: str | None = None
    columns: list[ColumnGuess] = field(default_factory=list)


@dataclass
class ProfileDraft:
    """The guesses for a whole export."""

    slug: str
    name: str
    tables: list[TableGuess]
    organisations: dict[str, str] = field(default_factory=dict)  # name as written -> guessed slug
    dates: list[str] = field(default_factory=list)


def _fold(text: str) -> str:
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", "_", text.casefold()).strip("_")


def _has_word(folded: str, words: tuple[str, ...]) -> str | None:
    """The first of ``words`` that is a word (or a prefix of a word) of the folded text."""
    parts = folded.split("_")
    for word in words:
        if "_" in word or word.endswith("_"):
            if word.strip("_") in folded:
                return word.strip("_")
        elif any(p == word or (len(word) >= 4 and p.startswith(word)) for p in parts):
            return word
    return None


def export_files(paths: list[Path]) -> list[Path]:
    """The export files given, folders expanded (their export files, sorted)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.suffix.lower() in EXPORT_SUFFIXES and p.is_file())
        elif path.exists():
            out.append(path)
        else:
            raise InputError.of("export file not found", file=str(path), hint="check the path")
    if not out:
        raise InputError.of(
            "no export file found",
            file=", ".join(map(str, paths)),
            hint="give CSV, XLSX or JSON files, or a folder holding them",
        )
    return out


def _tables(path: Path, workbooks: dict[Path, Any]) -> list[Table]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        # opened once, through the same guards as the sheets (kept for read_table, closed by the caller)
        key = path.resolve()
        if key not in workbooks:
            workbooks[key] = xlsx.open_workbook(path)
        names = workbooks[key].sheetnames
        return [read_table(path, sheet=name, workbooks=workbooks) for name in names]
    return [read_table(path)]


def draft_profile(exports: list[Path], slug: str, name: str | None = None) -> ProfileDraft:
    """Guess a profile for the export files (or folders) ``exports`` of organisation ``slug``."""
    workbooks: dict[Path, Any] = {}
    guesses = []
    try:
        for path in export_files(exports):
            for table in _tables(path, workbooks):
                guesses.append(_guess_table(path, table))
    finally:
        close_workbooks(workbooks)
    draft = ProfileDraft(slug, name or slug, guesses)
    draft.dates = sorted({c.date_format for t in guesses for c in t.columns if c.date_format})
    return draft


def _guess_table(path: Path, table: Table) -> TableGuess:
    folded_name = _fold(Path(table.file).stem + (f"_{table.sheet}" if table.sheet else ""))
    scores: dict[str, float] = {}
    reasons: dict[str, str] = {}
    for entity, words in _words()["entities"].items():
        word = _has_word(folded_name, words)
        if word:
            scores[entity] = scores.get(entity, 0) + 3
            reasons.setdefault(entity, f"the file name contains {word!r}")
    headers = [_fold(h) for h in table.header]
    for entity in _words()["entities"]:
        for prop, words, entities in _words()["roles"]:
            if (
                entity in entities
                and prop != "concernsSituation"
                and any(_has_word(h, words) for h in headers)
            ):
                scores[entity] = scores.get(entity, 0) + 1
                reasons.setdefault(entity, f"its columns look like a {entity} table's")
    entity = (
        max(scores, key=lambda e: (scores[e], -list(_words()["entities"]).index(e)))
        if scores
        else "situation"
    )
    guess = TableGuess(
        url=path.name,
        entity=entity,
        entity_reason=reasons.get(entity, "nothing recognisable: a guess, check it"),
        sheet=table.sheet,
        delimiter=table.delimiter,
        encoding=table.encoding,
    )
    rows = [cells for _, cells in table.rows[:SAMPLE]]
    used: set[str] = set()
    for index, title in enumerate(table.header):
        values = [str(r[index]).strip() for r in rows if index < len(r) and r[index] not in (None, "")]
        column = _guess_column(title, values, entity, used, first=index == 0)
        if column.property:
            used.add(column.property)
        guess.columns.append(column)
    ids = [c for c in guess.columns if c.property == "localId"]
    if ids:
        guess.primary_key = ids[0].title
    return guess


def _guess_column(title: str, values: list[str], entity: str, used: set[str], first: bool) -> ColumnGuess:
    folded = _fold(title)
    column = ColumnGuess(title)
    distinct = set(values)
    personal_word = _has_word(folded, _words()["personal"])
    if entity == "organisation" and personal_word in ("naam", "nom", "name"):
        personal_word = None  # an organisation's name is not a person's
    kinds = sorted({k for v in values[:50] for k in personal_data_kinds(v)})
    # Organisation names look like people's names ("CLB Gent"): not held against a column whose
    # header says it names organisations.
    org_column = any(
        _has_word(folded, words) and (PROPERTIES[prop].target == "organisation" or prop == "name")
        for prop, words, entities in _words()["roles"]
        if entity in entities and prop in ENTITY_PROPERTIES[entity]
    )
    names = 0 if org_column else sum(looks_like_a_name(v) for v in values[:50])
    notes = sum(looks_like_free_text(v) for v in values[:50])
    if (
        personal_word
        or kinds
        or (values and names >= max(2, len(values[:50]) // 3))
        or (values and notes >= max(2, len(values[:50]) // 3))
    ):
        why = (
            f"its header says {personal_word!r}"
            if personal_word
            else f"its values look like {', '.join(kinds)}"
            if kinds
            else "its values look like people's names"
            if names
            else "its values look like free-text notes"
        )
        column.refused = True
        column.reasons.append(f"looks personal ({why}): refused by default; never map it unless it is not")
        return column

    allowed = ENTITY_PROPERTIES[entity]
    id_word = _has_word(folded, _words()["identifier"])
    unique = bool(values) and len(distinct) == len(values)
    if first and unique and (id_word or "localId" not in used) and "localId" not in used:
        column.property = "localId"
        column.reasons.append("first column, every value distinct: the table's identifier")
        return column
    for prop, words, entities in _words()["roles"]:
        if entity not in entities or prop not in allowed or (prop in used and not PROPERTIES[prop].multi):
            continue
        word = _has_word(folded, words)
        if not word:
            continue
        spec = PROPERTIES[prop]
        if spec.datatype == "date" or prop in ("startDate", "endDate", "date"):
            pattern = guess_date_format(values)
            if values and pattern is None:
                continue
            column.date_format = pattern
            column.reasons.append(
                f"header {word!r}; values read as {pattern}"
                if pattern
                else f"header {word!r} (no values to check)"
            )
        else:
            column.reasons.append(f"header {word!r}")
        column.property = prop
        if spec.target == "family":
            column.personal = True
            column.reasons.append("family identifiers are always pseudonymised")
        if spec.kind == "concept" and spec.multi:
            column.separator = guess_separator(values)
            if column.separator:
                column.reasons.append(f"several terms per cell, separated by {column.separator!r}")
        elif spec.kind == "reference" and spec.multi and guess_separator(values):
            column.separator = guess_separator(values)
            column.reasons.append(f"several values per cell, separated by {column.separator!r}")
        return column
    pattern = guess_date_format(values)
    if pattern:
        column.reasons.append(f"dates ({pattern}) but no date property recognised from the header")
    column.refused = True
    column.reasons.append(
        "role not recognised: refused; give it a property (docs/translation.md) or leave it"
    )
    return column


def guess_date_format(values: list[str]) -> str | None:
    """The first UAX-35 pattern (of :data:`DATE_PATTERNS`) that reads every value, or None."""
    from referentiel.translation.profile import date_format
    from referentiel.translation.resolve import parse_date

    sample = [v for v in values if v][:100]
    if not sample:
        return None
    for pattern in DATE_PATTERNS:
        fmt = date_format(pattern)
        if all(parse_date(value, [fmt]) is not None for value in sample):
            return pattern
    return None


def guess_separator(values: list[str]) -> str | None:
    """The list separator used in at least a tenth of the cells, between short parts, or None."""
    if not values:
        return None
    best, best_count = None, 0
    for sep in LIST_SEPARATORS:
        count = sum(1 for v in values if sep in v and all(0 < len(p.strip()) <= 60 for p in v.split(sep)))
        if count > best_count:
            best, best_count = sep, count
    return best if best_count >= max(1, len(values) // 10) else None


def _partner_slug(text: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", "-", folded.casefold()).strip("-") or "partner"


def collect_organisations(draft: ProfileDraft, exports: list[Path]) -> None:
    """Fill ``draft.organisations`` with the partner names found in organisation-reference columns."""
    names: dict[str, str] = {}
    workbooks: dict[Path, Any] = {}
    try:
        files = {p.name: p for p in export_files(exports)}
        for table in draft.tables:
            refs = [
                c for c in table.columns if c.property and PROPERTIES[c.property].target == "organisation"
            ]
            if not refs or table.url not in files:
                continue
            read = read_table(files[table.url], sheet=table.sheet, workbooks=workbooks)
            for column in refs:
                index = read.header.index(column.title)
                for _, cells in read.rows:
                    value = str(cells[index]).strip() if index < len(cells) and cells[index] else ""
                    parts = value.split(column.separator) if column.separator else [value]
                    for part in (p.strip() for p in parts):
                        if part and not personal_data_kinds(part) and not looks_like_a_name(part):
                            names.setdefault(part, _partner_slug(part))
    finally:
        close_workbooks(workbooks)
    draft.organisations = dict(sorted(names.items()))


def _quoted(text: str) -> str:
    return yaml.safe_dump(text, default_style='"', allow_unicode=True).strip()


def render_profile(draft: ProfileDraft, mappings: str = "mappings.sssom.tsv") -> str:
    """The commented YAML profile: every guess carries a ``# REVIEW:`` comment saying why."""

    def q(value: str) -> str:
        return (
            yaml.safe_dump(value, default_style=None, allow_unicode=True, width=1000)
            .strip()
            .removesuffix("\n...")
            .strip()
        )

    lines = [
        f"# Profile DRAFTED by `referentiel profile draft` for {draft.slug}:",
        "# every line marked REVIEW is a guess.",
        "# Check each one against the export, fix what is wrong, then delete the REVIEW comments.",
        "# Columns that look personal, and columns whose role was not recognised, are refused",
        "# (suppressOutput: true): nothing of them is read. See docs/translation.md for every key.",
        "profile: 1",
        "organisation:",
        f"  slug: {q(draft.slug)}",
        f"  name: {q(draft.name)}  # REVIEW: the organisation's name as the network knows it",
        "  # sector: sector-...        # REVIEW: add the framework sector and service type, e.g.",
        "  # serviceType: service-type-...",
        f"mappings: {q(mappings)}",
    ]
    if draft.dates:
        lines.append(f"dates: [{', '.join(draft.dates)}]  # REVIEW: date patterns found in the export")
    if draft.organisations:
        lines.append("# How this partner names other services -> their slug in the network.")
        lines.append("organisations:  # REVIEW: slugs guessed from the names; use the network's slugs")
        for text, slug in draft.organisations.items():
            lines.append(f"  {q(text)}: {q(slug)}")
    lines.append("tables:")
    for table in draft.tables:
        lines.append(f"  - url: {q(table.url)}")
        if table.sheet:
            lines.append(f"    sheet: {q(table.sheet)}")
        lines.append(f"    entity: {table.entity}  # REVIEW: {table.entity_reason}")
        if table.delimiter or table.encoding:
            lines.append("    dialect:  # REVIEW: as read")
            if table.delimiter:
                lines.append(f"      delimiter: {_quoted(table.delimiter)}")
            if table.encoding:
                lines.append(f"      encoding: {q(table.encoding)}")
        if table.primary_key:
            lines.append(
                f"    primaryKey: {q(table.primary_key)}  # REVIEW: first column, values all distinct"
            )
        lines.append("    columns:")
        for column in table.columns:
            lines.append(f"      - titles: {q(column.title)}")
            why = "; ".join(column.reasons)
            if column.refused:
                lines.append(f"        suppressOutput: true  # REVIEW: {why}")
                continue
            lines.append(f"        property: {column.property}  # REVIEW: {why}")
            if column.personal:
                lines.append("        personal: true")
            if column.separator:
                lines.append(f"        separator: {_quoted(column.separator)}")
            if column.date_format and len(draft.dates) > 1:
                lines.append(f"        format: {q(column.date_format)}")
    return "\n".join(lines) + "\n"
