"""The rows of a table become resources, original values and issues (one :class:`_Run` per
translation): identity, then each cell joined from its column's outcome for its value or worked out
in full (:mod:`~referentiel.translation.cells`); compositions are in
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
from referentiel.translation.cells import (
    DATE,
    LITERAL,
    MANY,
    OUTCOMES_PER_COLUMN,
    REF_FAMILY,
    REF_ORGANISATION,
    SCALARS,
    SKIP,
    SLOW,
    TERM,
    _Cells,
    list_key,
)
from referentiel.translation.compositions import _Compositions
from referentiel.translation.emit import (
    _ORIGINAL_VALUE,
    _STATUS,
    _VALUE,
    _XSD_INTEGER,
    PROV,
    RDF,
    REF,
    XSD_ANYURI,
    Column,
    _Emitter,
    _id_token,
    column_base,
    nt_iri,
    nt_literal,
)
from referentiel.translation.messages import Msg
from referentiel.translation.model import (
    DEFAULT_ORGANISATION_PROPERTY,
    ENTITY_CLASSES,
)
from referentiel.translation.profile import ColumnSpec, Profile, TableSpec
from referentiel.translation.pseudonym import Pseudonymiser
from referentiel.translation.readers import Table
from referentiel.translation.report import ERROR, WARNING, ColumnStats, FileStats, TranslationIssue
from referentiel.translation.resolve import (
    MAPPED,
    TermResolver,
    cell_text,
)
from referentiel.translation.tables import _show, _Tables, _Whole

_PROGRESS_EVERY = 500  # rows between two progress reports: cheap next to the rows themselves


def _extender(append: Any) -> Any:
    """``extend`` through a sink's ``append``, line by line."""

    def extend(lines: Any) -> None:
        for line in lines:
            append(line)

    return extend


def _reporting(rows: list[tuple[int, Any]], progress: Progress) -> Iterator[tuple[int, Any]]:
    """Yield ``rows``, telling ``progress`` every few hundred of them and when the table is done."""
    for done, row in enumerate(rows, 1):
        yield row
        if done % _PROGRESS_EVERY == 0:
            progress.advance(_PROGRESS_EVERY)
    progress.advance(len(rows) % _PROGRESS_EVERY)
    progress.done()


class _Run(_Tables, _Cells, _Compositions, _Emitter):
    """One translation run over the export files of one profile."""

    #: a column's distinct values worked out once (:meth:`_Cells._outcome`); False: every cell worked
    #: out in full (:meth:`_Cells._cell`), the reference the tests compare the outcomes with
    outcomes = True

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
        outcomes_on = build and self.outcomes
        t = self.triples.append
        # a sink (BulkSink) gets its lines one by one through its append, as it always has
        ext = self.triples.extend if self.triples.__class__ is list else _extender(t)
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
        # per column: its outcomes by value (cells.py), the end of its original values' IRI and of
        # the line linking them to the row's resource, its statistics
        plan = [
            (
                index,
                col,
                col.composition,
                col.property,
                columns.get(index),
                f"/{index + 1}",
                {},
                f"/{index + 1}>",
                f"/{index + 1}> .\n",
                col_stats.get(index),
            )
            for index, col in active
        ]
        stem = _id_token(Path(table.file).stem + (f"-{table.sheet}" if table.sheet else ""))
        seen_ids: dict[str, int] = {}
        date_cache: dict[tuple[int, type, Any], tuple[date | None, str | None]] = {}

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
            if build:
                s_orig = f"{subject}{_ORIGINAL_VALUE}<{record_iri}"  # + "/3> .\n": the cell's link
                ov_base = f"<{record_iri}"  # + "/3>": the cell's original value
            for index, col, composition, prop, column, cell_no, outcomes, ov_end, link_end, cs in plan:
                raw = cells[index]
                if composition:
                    compositions.append((index, col, raw))
                    continue
                if prop is None:
                    continue
                if outcomes_on:
                    # a value already seen in this column makes the same lines: join them (cells.py)
                    kind = raw.__class__
                    if kind is str:
                        key = raw
                    elif kind in SCALARS:
                        key = (kind, raw)  # True == 1, but not (bool, True) == (int, 1)
                    else:
                        key = list_key(raw) if kind is list else None
                    if key is not None:
                        out = outcomes.get(key)
                        if out is None:
                            out = self._outcome(spec, index, col, prop, column, raw, date_cache)
                            if out is not SLOW:
                                if column.lines is not None and out[0] != SKIP and out[0] != LITERAL:
                                    self._describe(column)
                                for item in out[1] if out[0] == MANY else ((out,),):
                                    if item[0][0] == TERM:
                                        cs.terms.setdefault(item[0][5], item[0][6])
                            if len(outcomes) < OUTCOMES_PER_COLUMN:
                                outcomes[key] = out
                        if out is not SLOW:
                            what = out[0]
                            if what == TERM:
                                ov = ov_base + ov_end
                                ext(
                                    (
                                        subject + out[1],
                                        s_orig + link_end,
                                        ov + column.in_column,
                                        ov + out[2],
                                        ov + out[3],
                                        ov + out[4],
                                    )
                                )
                                cs.cells[out[6]] += 1
                                cs.frequency[out[5]] += 1
                            elif what == LITERAL:
                                t(subject + out[1])
                            elif what == DATE:
                                ov = ov_base + ov_end
                                ext((subject + out[1], s_orig + link_end, ov + column.in_column, ov + out[2]))
                            elif what == MANY:
                                found = self._emit_items(out[1], subject, s_orig, ov_base, record, column, cs)
                                if found is not None:
                                    family = found
                            elif what != SKIP:  # a reference
                                ov = ov_base + ov_end
                                t(subject + out[1])
                                if what == REF_ORGANISATION:
                                    self._org_refs.setdefault(out[3], (out[4], record))
                                elif what == REF_FAMILY:
                                    family = out[3]
                                    ext((out[5], f"{family}{derived_p}{record} .\n"))
                                t(s_orig + link_end)
                                t(ov + column.in_column)
                                if out[2] is not None:
                                    t(ov + out[2])
                            continue
                found = self._cell(
                    table, spec, row_no, subject, record, record_iri, index, col, prop, column, cell_no, raw,
                    col_stats, date_cache,
                )  # fmt: skip
                if found is not None:
                    family = found
            if compositions:
                self._compositions(table, row_no, record, record_iri, family, compositions, columns)

    def _unknown_organisation(self, value: str, whole: _Whole | None) -> Screening | None:
        """The screening of an organisation reference the profile does not name (None when it does);
        ``whole``: the screening of the whole cell the value is an item of."""
        if self._known_organisation(value):
            return None
        return screen(value) or (whole and whole.get()) or None

    def _known_organisation(self, value: str) -> bool:
        """Whether the profile names the organisation ``value`` (spaces and case aside)."""
        return " ".join(value.split()).casefold() in self.profile.organisations

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
