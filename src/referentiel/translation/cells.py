"""One cell of a row, two ways (a mixin of :class:`referentiel.translation.rows._Run`):

- :meth:`_Cells._outcome`: what a column makes of one distinct value when that is a pure function of
  the value (a mapped and asserted term, a readable date, a literal the screen passes, a reference):
  the ends of its N-Triples lines, worked out once per column and value; the rows then only join them
  to their subject and original-value IRIs (:meth:`_Run._rows`). Anything that gives an issue
  (missing, unmapped, not asserted, no equivalent, unparsable, withheld), a list cell or a cell of an
  unusual kind is not an outcome: it goes to
- :meth:`_Cells._cell`: the cell worked out in full, with its issues, in row order.

Both make exactly the same triples for a cell; the screen still decides on every cell (an outcome is
only made for a value the screen has passed, and :func:`referentiel.privacy.screen` is a pure
function of the text).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from referentiel.privacy import screen
from referentiel.translation.emit import _NO_BUILD, _ORIGINAL_VALUE, _VALUE, PROV, RDF, REF, XSD_DATE, Column
from referentiel.translation.messages import Items, Msg
from referentiel.translation.model import CONCEPT, REFERENCE
from referentiel.translation.profile import ColumnSpec, TableSpec
from referentiel.translation.readers import Table
from referentiel.translation.report import ERROR, INFO, WARNING, ColumnStats
from referentiel.translation.resolve import (
    _NM,
    MAPPED,
    NO_EQUIVALENT,
    UNMAPPED,
    UNPARSABLE,
    WITHHELD,
    _pattern,
    _show_number,
    cell_text,
    parse_date,
)
from referentiel.translation.tables import _Whole

# the kinds of an outcome (its first item)
SKIP, TERM, DATE, LITERAL, REF_PLAIN, REF_ORGANISATION, REF_FAMILY, MANY = range(8)
SLOW = ()  # a value whose cells are worked out in full (:meth:`_Cells._cell`)
# the cell classes whose values are hashable and compare only with their own kind once paired with
# their class (True == 1, but (bool, True) != (int, 1)); str cells are keyed by themselves
SCALARS = frozenset((int, float, bool, date, datetime, type(None)))
OUTCOMES_PER_COLUMN = 100_000  # beyond, a column's values are worked out each time (memory bound)


def list_key(raw: list) -> tuple | None:
    """The key of a JSON array cell among a column's outcomes: its items when all are text, else None
    (a number or an object among them: worked out in full)."""
    for v in raw:
        if v.__class__ is not str:
            return None
    return (list, *raw)


class _Cells:
    """The cells of a row (a mixin of :class:`referentiel.translation.rows._Run`, whose state it uses)."""

    def _outcome(
        self,
        spec: TableSpec,
        index: int,
        col: ColumnSpec,
        prop: Any,
        column: Column,
        raw: Any,
        date_cache: dict,
    ) -> tuple:
        """What ``column`` makes of the value ``raw`` when it depends on the value alone, else ``SLOW``.

        Mirrors :meth:`_cell` (which see) for one single-item cell without issue; called once per
        distinct value of a column, in row order (the first cell of a value decides when its column is
        described and where its term is first counted, as in :meth:`_cell`).
        """
        if raw.__class__ is list:  # a JSON array: its items, trimmed, without the empty ones
            items = [cell_text(v).strip() for v in raw]
            items = [v for v in items if v not in col.null]
        else:
            text = raw if raw.__class__ is str else cell_text(raw)
            if text.strip() in col.null:
                return SLOW if col.required else (SKIP,)  # a missing required value: an issue
            if col.separator:
                items = [v.strip() for v in text.split(col.separator)]
                items = [v for v in items if v not in col.null]
            else:
                items = [text if raw.__class__ is str else raw]  # kept verbatim
        if len(items) == 1:
            return self._item_outcome(spec, index, col, prop, column, items[0], date_cache, False)
        if not items:
            return (SKIP,)
        parts = []
        for k, item in enumerate(items, 1):
            out = self._item_outcome(spec, index, col, prop, column, item, date_cache, True)
            if out is SLOW:
                return SLOW
            parts.append((out, f"/{index + 1}-{k}>", f"/{index + 1}-{k}> .\n"))
        return (MANY, tuple(parts))

    def _date(self, date_cache: dict, index: int, item: Any, formats: Any) -> tuple[date | None, str | None]:
        """A date cell's date and literal, worked out once per column and distinct value."""
        # True == 1 and 1 == 1.0 as keys: the type is part of the key, or one cell reads as another
        cache_key = (index, item.__class__, item)
        known = date_cache.get(cache_key)
        if known is None:
            parsed = parse_date(item, formats)
            iso = self.literal(parsed.isoformat(), XSD_DATE) if parsed is not None else None
            known = date_cache[cache_key] = (parsed, iso)
        return known

    def _item_outcome(
        self,
        spec: TableSpec,
        index: int,
        col: ColumnSpec,
        prop: Any,
        column: Column,
        item: Any,
        date_cache: dict,
        many: bool,
    ) -> tuple:
        """The outcome of one item of a cell (the whole cell when it has one item), else ``SLOW``.

        ``many``: the item is one of several in its cell, where the screen of the whole cell decides
        for an item that is not what the column declares (:class:`~.tables._Whole`): such items (an
        organisation the profile does not name, a free literal) are left to :meth:`_cell`.
        """
        p_iri = column.prop
        if prop.kind == CONCEPT:
            term = item if item.__class__ is str else cell_text(item)
            known = column.terms.get(term)
            if known is None:
                res = self.resolver.resolve(term, prop.scheme or "")
                concept = self._concept(res) if res.concept is not None else None
                known = column.terms[term] = self._term_known(res, term, concept, p_iri)
            res, shown_term, concept, tails = known
            if res.status != MAPPED or not res.asserted:
                return SLOW  # an issue for each cell (unmapped, no equivalent, not asserted)
            asserted_tail, value_tail, status_tail, mapped_tails = tails
            if status_tail is not None or mapped_tails is None:
                return SLOW
            return (TERM, asserted_tail, value_tail, mapped_tails[0], mapped_tails[1], shown_term, res.klass)
        if prop.kind == REFERENCE:
            written = item if item.__class__ is str else cell_text(item)
            value = written.strip()
            target = col.references or prop.target or ""
            if (
                target == "organisation"
                and not col.personal
                and value
                and (
                    self._unknown_organisation(value, None)
                    if not many
                    else not self._known_organisation(value)
                )
            ):
                return SLOW  # withheld (an issue), or decided by the whole cell
            obj = self.entity_iri(target, value, col.personal)
            value_tail = None if col.personal else f"{_VALUE}{self.literal(written)} .\n"
            kind = REF_PLAIN
            if target == "organisation":
                kind = REF_ORGANISATION if obj != self.own_org else REF_PLAIN
            elif target == "family":
                kind = REF_FAMILY
            return (kind, f" {p_iri} {obj} .\n", value_tail, obj, value, f"{obj} {RDF.type} {REF.Family} .\n")
        if col.datatype == "date":
            parsed, iso = self._date(date_cache, index, item, col.formats)
            if parsed is None:
                return SLOW  # unparsable or withheld: an issue
            written = item if item.__class__ is str else cell_text(item)
            return (DATE, f" {p_iri} {iso} .\n", f"{_VALUE}{self.literal(written)} .\n")
        text = (item if item.__class__ is str else cell_text(item)).strip()
        declared_name = spec.entity == "organisation" and prop.name == "name"
        if not (col.personal or declared_name) and (many or screen(text)):
            return SLOW  # withheld (an issue), or decided by the whole cell
        if col.personal:
            return (LITERAL, f" {p_iri} {self.literal(self.pseudonym(spec.entity, text))} .\n")
        return (LITERAL, f" {p_iri} {self.literal(text)} .\n")

    def _emit_items(
        self,
        items: tuple,
        subject: str,
        s_orig: str,
        ov_base: str,
        record: str,
        column: Column,
        cs: ColumnStats | None,
    ) -> str | None:
        """The lines of a cell of several items (each an outcome, with the end of its original value's
        IRI and of its link), as :meth:`_Run._rows` makes those of a single one. Returns the family
        the cell refers to, if it does."""
        t = self.triples.append
        family = None
        for out, ov_end, link_end in items:
            what = out[0]
            ov = ov_base + ov_end
            if what == TERM:
                for line in (
                    subject + out[1],
                    s_orig + link_end,
                    ov + column.in_column,
                    ov + out[2],
                    ov + out[3],
                    ov + out[4],
                ):
                    t(line)
                cs.cells[out[6]] += 1  # type: ignore[union-attr]
                cs.frequency[out[5]] += 1  # type: ignore[union-attr]
            elif what == LITERAL:
                t(subject + out[1])
            elif what == DATE:
                for line in (subject + out[1], s_orig + link_end, ov + column.in_column, ov + out[2]):
                    t(line)
            else:  # a reference
                t(subject + out[1])
                if what == REF_ORGANISATION:
                    self._org_refs.setdefault(out[3], (out[4], record))
                elif what == REF_FAMILY:
                    family = out[3]
                    t(out[5])
                    t(f"{family} {PROV.wasDerivedFrom} {record} .\n")
                t(s_orig + link_end)
                t(ov + column.in_column)
                if out[2] is not None:
                    t(ov + out[2])
        return family

    def _cell(
        self,
        table: Table,
        spec: TableSpec,
        row_no: int,
        subject: str | None,
        record: str | None,
        record_iri: str,
        index: int,
        col: ColumnSpec,
        prop: Any,
        column: Column,
        cell_no: str,
        raw: Any,
        col_stats: dict[int, ColumnStats],
        date_cache: dict,
    ) -> str | None:
        """One cell worked out in full: its triples and its issues. Returns the family the cell refers
        to, if it does (the row's compositions need it)."""
        build = self.build
        t = self.triples.append
        family: str | None = None
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
                return None
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
                    self.withhold(table, row_no, col, subject, ov, column, found, WARNING, "expected.term")
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
                            "unmapped-term.wrong-scheme" if res.klass == "wrong-scheme" else "unmapped-term",
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
                parsed, iso = self._date(date_cache, index, item, col.formats)
                written = item if item.__class__ is str else cell_text(item)
                text = written.strip()
                found = (screen(text) or (whole and whole.get())) if parsed is None else None
                if found:
                    self.withhold(table, row_no, col, subject, ov, column, found, ERROR, "expected.date")
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
                found = None if col.personal or declared_name else (screen(text) or (whole and whole.get()))
                if found:
                    expected = Msg.of("expected.text", property=prop.name)
                    self.withhold(table, row_no, col, subject, ov, column, found, WARNING, expected)
                    continue
                if build:
                    if col.personal:
                        t(f"{subject} {p_iri} {self.literal(self.pseudonym(spec.entity, text))} .\n")
                    else:
                        t(f"{subject} {p_iri} {self.literal(text)} .\n")
        return family
