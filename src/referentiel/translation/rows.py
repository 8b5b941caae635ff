"""The rows of a table become resources, original values and issues (one :class:`_Run` per
translation): identity, cells by kind (term, reference, date, literal); compositions are in
:mod:`~referentiel.translation.compositions`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from rdflib.namespace import SKOS

from referentiel.namespaces import REFD
from referentiel.privacy import Screening, screen
from referentiel.progress import NullProgress, Progress
from referentiel.translation.compositions import _Compositions
from referentiel.translation.emit import (
    _NO_BUILD,
    _ORIGINAL_VALUE,
    _STATUS,
    _VALUE,
    _XSD_INTEGER,
    PROV,
    RDF,
    REF,
    XSD_ANYURI,
    XSD_DATE,
    Column,
    _Emitter,
    _id_token,
    column_base,
    nt_iri,
    nt_literal,
)
from referentiel.translation.messages import Items, Msg
from referentiel.translation.model import (
    CONCEPT,
    DEFAULT_ORGANISATION_PROPERTY,
    ENTITY_CLASSES,
    REFERENCE,
)
from referentiel.translation.profile import ColumnSpec, Profile, TableSpec
from referentiel.translation.pseudonym import Pseudonymiser
from referentiel.translation.readers import Table
from referentiel.translation.report import ERROR, INFO, WARNING, ColumnStats, FileStats, TranslationIssue
from referentiel.translation.resolve import (
    _NM,
    MAPPED,
    NO_EQUIVALENT,
    UNMAPPED,
    UNPARSABLE,
    WITHHELD,
    TermResolver,
    _pattern,
    _show_number,
    cell_text,
    parse_date,
)
from referentiel.translation.tables import _show, _Tables, _Whole

_PROGRESS_EVERY = 500  # rows between two progress reports: cheap next to the rows themselves


def _reporting(rows: list[tuple[int, Any]], progress: Progress) -> Iterator[tuple[int, Any]]:
    """Yield ``rows``, telling ``progress`` every few hundred of them and when the table is done."""
    for done, row in enumerate(rows, 1):
        yield row
        if done % _PROGRESS_EVERY == 0:
            progress.advance(_PROGRESS_EVERY)
    progress.advance(len(rows) % _PROGRESS_EVERY)
    progress.done()


class _Run(_Tables, _Compositions, _Emitter):
    """One translation run over the export files of one profile."""

    def __init__(
        self,
        profile: Profile,
        pseudonymiser: Pseudonymiser | None,
        build: bool,
        progress: Progress | None = None,
    ) -> None:
        self.profile = profile
        self.progress = progress or NullProgress()
        self.pseudo = pseudonymiser
        self.build = build
        self.triples: list[str] = []  # N-Triples lines
        self.issues: list[TranslationIssue] = []
        self.files: list[FileStats] = []
        self.columns: list[ColumnStats] = []
        self.resolver = TermResolver(profile.mappings)
        self.org_base = f"{REFD}{profile.slug}/"
        self.own_org = f"<{REFD}organisation/{profile.slug}>"
        self._org_iris: dict[str, str] = {}
        self._lit_cache: dict[tuple[str, str | None], str] = {}
        self._plain_cache: dict[str, str] = {}  # plain literals by their text
        self._iris: dict[tuple[str, str, bool], str] = {}  # entity IRIs by (entity, value, personal)
        self._concepts: dict[Any, tuple[str, str]] = {}  # concept IRI -> (<concept>, predicate literal)
        self._org_refs: dict[str, tuple[str, str]] = {}
        self._org_described: set[str | None] = set()
        self.workbooks: dict[Path, Any] = {}  # open once per run however many of their sheets are read

    def issue(self, kind: str, severity: str, table: Table | TableSpec, message: Msg, **kw: Any) -> None:
        file = table.file if isinstance(table, Table) else table.url
        self.issues.append(TranslationIssue.of(kind, severity, file, message, sheet=table.sheet, **kw))

    def _rows(
        self,
        table: Table,
        spec: TableSpec,
        slots: list[ColumnSpec | None],
        stats: FileStats,
        col_stats: dict[int, ColumnStats],
    ) -> None:
        build = self.build
        t = self.triples.append
        klass = nt_iri(ENTITY_CLASSES[spec.entity])
        key_idx = [i for i, c in enumerate(slots) if c is not None and c.is_key]
        key_personal = any(slots[i].personal for i in key_idx)  # type: ignore[union-attr]
        active = [(i, c) for i, c in enumerate(slots) if c is not None and not c.suppress and not c.is_key]
        columns = self._columns(table, active)
        default_prop = DEFAULT_ORGANISATION_PROPERTY.get(spec.entity)
        if default_prop and any(
            c.property is not None and c.property.name == default_prop for _, c in active
        ):
            default_prop = None
        record_base = f"{self.org_base}record/{_id_token(table.file)}/"
        if table.sheet:
            record_base += f"{_id_token(table.sheet)}/"
        file_lit, sheet_lit = nt_literal(table.file), nt_literal(table.sheet) if table.sheet else None
        sheet_line = f" {REF.sourceSheet} {sheet_lit} .\n" if sheet_lit else ""
        record_lines = f" {RDF.type} {REF.SourceRecord} .\n", f" {REF.sourceFile} {file_lit} .\n"
        default_line = f" {REF[default_prop]} {self.own_org} .\n" if default_prop else ""
        type_line = f" {RDF.type} {klass} .\n"
        # the fixed parts of each row's lines, made once per table
        local_id_p, derived_p = f" {REF.localId} ", f" {PROV.wasDerivedFrom} "
        row_p, row_end = f' {REF.sourceRow} "', f'"^^<{_XSD_INTEGER}> .\n'
        plan = [
            (index, col, col.composition, col.property, columns.get(index), f"/{index + 1}")
            for index, col in active
        ]
        stem = _id_token(Path(table.file).stem + (f"-{table.sheet}" if table.sheet else ""))
        seen_ids: dict[str, int] = {}
        date_cache: dict[tuple[int, Any], tuple[date | None, str | None]] = {}

        for row_no, cells in _reporting(table.rows, self.progress):
            # ---- identity
            if key_idx:
                parts = [(v if (v := cells[i]).__class__ is str else cell_text(v)).strip() for i in key_idx]
                if not all(parts):
                    missing = [slots[i].title for i, p in zip(key_idx, parts, strict=True) if not p]  # type: ignore[union-attr]
                    self.issue(
                        "rejected-row",
                        ERROR,
                        table,
                        Msg.of("rejected-row.empty-id", column=missing[0]),
                        row=row_no,
                        column=missing[0],
                    )
                    stats.rows_rejected += 1
                    continue
                raw_id = " | ".join(parts)
                if raw_id in seen_ids:
                    self.issue(
                        "duplicate-id",
                        WARNING,
                        table,
                        Msg.of("duplicate-id", first=seen_ids[raw_id]),
                        row=row_no,
                        column=slots[key_idx[0]].title,
                    )  # type: ignore[union-attr]
                else:
                    seen_ids[raw_id] = row_no
                local_id = self.pseudonym(spec.entity, raw_id) if (key_personal and build) else raw_id
                subject = (
                    (
                        f"<{self.org_base}{spec.entity}/{local_id}>"
                        if key_personal
                        else self.entity_iri(spec.entity, raw_id, False)
                    )
                    if build
                    else None
                )
            else:
                local_id = None
                subject = f"<{self.org_base}{spec.entity}/{stem}-{row_no}>" if build else None
            stats.rows_translated += 1
            record_iri = f"{record_base}{row_no}"
            record = f"<{record_iri}>" if build else None
            if spec.entity == "organisation":
                self._org_described.add(subject)
            if build:
                t(subject + type_line)
                if local_id is not None:
                    t(f"{subject}{local_id_p}{self.literal(local_id)} .\n")
                t(f"{subject}{derived_p}{record} .\n")
                t(record + record_lines[0])
                t(record + record_lines[1])
                if sheet_line:
                    t(record + sheet_line)
                t(f"{record}{row_p}{row_no}{row_end}")
                if default_line:
                    t(subject + default_line)
            family: str | None = None
            compositions: list[tuple[int, ColumnSpec, Any]] = []

            # ---- cells
            for index, col, composition, prop, column, cell_no in plan:
                raw = cells[index]
                if composition:
                    compositions.append((index, col, raw))
                    continue
                if prop is None:
                    continue
                p_iri = column.prop
                if raw.__class__ is list:  # a JSON array (json gives plain lists)
                    items = [cell_text(v).strip() for v in raw]
                    items = [v for v in items if v not in col.null]
                    raw_items: list[Any] = items
                    text = ""  # a JSON array: _Whole joins its items
                else:
                    text = raw if raw.__class__ is str else cell_text(raw)
                    stripped = text.strip()
                    if stripped in col.null:
                        if col.required:
                            self.issue(
                                "missing-value",
                                ERROR,
                                table,
                                Msg.of("missing-value", column=col.title),
                                row=row_no,
                                column=col.title,
                            )
                        continue
                    if col.separator:
                        raw_items = [v.strip() for v in text.split(col.separator)]
                        raw_items = [v for v in raw_items if v not in col.null]
                    else:
                        # a single cell is kept verbatim (spaces included); list items are trimmed
                        raw_items = [text if raw.__class__ is str else raw]
                many = len(raw_items) > 1
                # "DUPONT, Marie" split on a "," separator is two harmless words: the screen sees the
                # whole cell too, and an item that is not what the column declares takes its finding
                whole = _Whole(raw, text, prop.kind == CONCEPT) if many and not col.personal else None
                for k, item in enumerate(raw_items):
                    ov = (
                        (f"<{record_iri}{cell_no}-{k + 1}>" if many else f"<{record_iri}{cell_no}>")
                        if build
                        else None
                    )
                    if prop.kind == CONCEPT:
                        term = item if item.__class__ is str else cell_text(item)
                        # all that depends on the term alone, worked out once per column and term
                        known = column.terms.get(term)
                        if known is None:
                            res = self.resolver.resolve(term, prop.scheme or "")
                            concept = self._concept(res) if res.concept is not None else None
                            known = column.terms[term] = self._term_known(res, term, concept, p_iri)
                        res, shown_term, concept, tails = known
                        cs = col_stats[index]
                        found = (screen(term) or (whole and whole.get())) if res.status == UNMAPPED else None
                        if found:
                            # not a term of the mapping set, and personal: neither kept nor counted
                            cs.cells[WITHHELD] += 1
                            self.withhold(
                                table, row_no, col, subject, ov, column, found, WARNING, "expected.term"
                            )
                            continue
                        cs.cells[res.klass] += 1
                        # The statistics feed reports, coverage and suggestions: they keep the
                        # term as it may be shown (a note typed in the column is masked).
                        cs.frequency[shown_term] += 1
                        cs.terms.setdefault(shown_term, res.klass)
                        if res.status == UNMAPPED:
                            self.issue(
                                "unmapped-term",
                                WARNING,
                                table,
                                Msg.of(
                                    "unmapped-term.wrong-scheme"
                                    if res.klass == "wrong-scheme"
                                    else "unmapped-term",
                                    term=shown_term,
                                ),
                                row=row_no,
                                column=col.title,
                                term=shown_term,
                            )
                        elif res.status == NO_EQUIVALENT:
                            self.issue(
                                "no-equivalent",
                                INFO,
                                table,
                                Msg.of("no-equivalent", term=shown_term),
                                row=row_no,
                                column=col.title,
                                term=shown_term,
                            )
                        elif not res.asserted:
                            self.issue(
                                "not-asserted",
                                INFO,
                                table,
                                Msg.of(
                                    "not-asserted",
                                    term=shown_term,
                                    predicate=res.predicate,
                                    concept=res.concept.n3(_NM),  # type: ignore[union-attr]
                                    property=prop.name,
                                ),
                                row=row_no,
                                column=col.title,
                                term=shown_term,
                            )
                        if build:
                            # the lines of _original and of the mapping, from the term's own tails
                            asserted_tail, value_tail, status_tail, mapped_tails = tails
                            if asserted_tail:
                                t(subject + asserted_tail)  # type: ignore[operator]
                            if column.lines is not None:
                                self._describe(column)
                            t(f"{subject}{_ORIGINAL_VALUE}{ov} .\n")
                            t(ov + column.in_column)  # type: ignore[operator]
                            t(ov + value_tail)  # type: ignore[operator]
                            if status_tail:
                                t(ov + status_tail)  # type: ignore[operator]
                            if mapped_tails:
                                t(ov + mapped_tails[0])  # type: ignore[operator]
                                t(ov + mapped_tails[1])  # type: ignore[operator]
                    elif prop.kind == REFERENCE:
                        written = item if item.__class__ is str else cell_text(item)
                        value = written.strip()
                        target = col.references or prop.target or ""
                        if not build:
                            if target == "family":
                                family = _NO_BUILD
                            elif target == "organisation" and not col.personal and value:
                                found = self._unknown_organisation(value, whole)
                                if found:
                                    self.withhold(
                                        table,
                                        row_no,
                                        col,
                                        None,
                                        None,
                                        None,
                                        found,
                                        WARNING,
                                        "expected.organisation",
                                    )
                            continue
                        if target == "organisation" and not col.personal and value:
                            found = self._unknown_organisation(value, whole)
                            if found:
                                # a name or a note where an organisation goes: no organisation is made of it
                                self.withhold(
                                    table,
                                    row_no,
                                    col,
                                    subject,
                                    ov,
                                    column,
                                    found,
                                    WARNING,
                                    "expected.organisation",
                                )
                                continue
                        obj = self.entity_iri(target, value, col.personal)
                        t(f"{subject} {p_iri} {obj} .\n")
                        if target == "organisation" and obj != self.own_org:
                            self._org_refs.setdefault(obj, (value, record))  # type: ignore[arg-type]
                        elif target == "family":
                            family = obj
                            t(f"{obj} {RDF.type} {REF.Family} .\n")
                            t(f"{obj} {PROV.wasDerivedFrom} {record} .\n")
                        self._original(
                            subject,  # type: ignore[arg-type]
                            ov,  # type: ignore[arg-type]
                            column,
                            None if col.personal else self.literal(written),
                            MAPPED,
                        )
                    elif col.datatype == "date":
                        cache_key = (index, item)
                        known_date = date_cache.get(cache_key)
                        if known_date is None:
                            parsed = parse_date(item, col.formats)
                            iso = self.literal(parsed.isoformat(), XSD_DATE) if parsed is not None else None
                            known_date = date_cache[cache_key] = (parsed, iso)
                        parsed, iso = known_date
                        written = item if item.__class__ is str else cell_text(item)
                        text = written.strip()
                        found = (screen(text) or (whole and whole.get())) if parsed is None else None
                        if found:
                            self.withhold(
                                table, row_no, col, subject, ov, column, found, ERROR, "expected.date"
                            )
                            continue
                        if parsed is None:
                            self.issue(
                                "unparsable",
                                ERROR,
                                table,
                                Msg.of(
                                    "unparsable.date",
                                    value=_show_number(text),
                                    formats=Items(tuple(_pattern(f) for f in col.formats)),
                                    property=prop.name,
                                ),
                                row=row_no,
                                column=col.title,
                            )
                        if build:
                            if parsed is not None:
                                t(f"{subject} {p_iri} {iso} .\n")
                            self._original(
                                subject,  # type: ignore[arg-type]
                                ov,  # type: ignore[arg-type]
                                column,
                                self.literal(written),
                                MAPPED if parsed is not None else UNPARSABLE,
                            )
                    else:
                        text = (item if item.__class__ is str else cell_text(item)).strip()
                        # every literal but a declared organisation name is screened (communes, codes...)
                        declared_name = spec.entity == "organisation" and prop.name == "name"
                        found = (
                            None
                            if col.personal or declared_name
                            else (screen(text) or (whole and whole.get()))
                        )
                        if found:
                            expected = Msg.of("expected.text", property=prop.name)
                            self.withhold(table, row_no, col, subject, ov, column, found, WARNING, expected)
                            continue
                        if build:
                            if col.personal:
                                t(f"{subject} {p_iri} {self.literal(self.pseudonym(spec.entity, text))} .\n")
                            else:
                                t(f"{subject} {p_iri} {self.literal(text)} .\n")
            if compositions:
                self._compositions(table, row_no, record, record_iri, family, compositions, columns)

    def _unknown_organisation(self, value: str, whole: _Whole | None) -> Screening | None:
        """The screening of an organisation reference the profile does not name (None when it does);
        ``whole``: the screening of the whole cell the value is an item of."""
        if " ".join(value.split()).casefold() in self.profile.organisations:
            return None
        return screen(value) or (whole and whole.get()) or None

    def _columns(self, table: Table, active: list[tuple[int, ColumnSpec]]) -> dict[int, Column]:
        """The provenance of each column of ``table`` that feeds a property (described when first used)."""
        base = column_base(self.org_base, table)
        out = {}
        for index, col in active:
            if col.composition == "childrenBirthYears":
                prop = REF.birthYear
            elif col.composition == "parentsCount":
                prop = REF.hasMember
            elif col.property is not None:
                prop = nt_iri(col.property.iri)
            else:
                continue
            out[index] = Column(table, index, col.title, prop, base)
        return out

    def _term_known(self, res: Any, term: str, concept: tuple[str, str] | None, p_iri: str) -> tuple:
        """What a term column's rows need of one distinct term: its resolution, the term as it may be
        shown, its concept, and the ends of its lines (after the subject or the original value)."""
        tails = (
            f" {p_iri} {concept[0]} .\n" if res.asserted else None,  # type: ignore[index]
            f"{_VALUE}{self.literal(term)} .\n",
            f"{_STATUS}{self.literal(res.status)} .\n" if res.status != MAPPED else None,
            (f" {REF.mappedTo} {concept[0]} .\n", f" {REF.mappingPredicate} {concept[1]} .\n")
            if concept is not None
            else None,
        )
        return res, _show(term), concept, tails

    def _concept(self, res: Any) -> tuple[str, str]:
        """A resolved concept in N-Triples form and the literal of its SKOS predicate (made once)."""
        key = (res.concept, res.predicate)
        found = self._concepts.get(key)
        if found is None:
            predicate = self.literal(str(SKOS) + res.predicate.split(":", 1)[1], XSD_ANYURI)
            found = self._concepts[key] = (nt_iri(res.concept), predicate)
        return found
