"""Compositions: a cell that describes a family's members (``childrenBirthYears``, ``parentsCount``)
becomes children and parents of the family its row refers to (a mixin of
:class:`referentiel.translation.rows._Run`, whose state it uses)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from referentiel.privacy import screen
from referentiel.translation.emit import PROV, RDF, REF, XSD_GYEAR, Column
from referentiel.translation.messages import Msg
from referentiel.translation.profile import ColumnSpec
from referentiel.translation.readers import Table
from referentiel.translation.report import ERROR
from referentiel.translation.resolve import MAPPED, UNPARSABLE, _show_number, cell_text
from referentiel.translation.tables import _Whole


class _Compositions:
    """The members a composition cell makes (a mixin of :class:`referentiel.translation.rows._Run`)."""

    def _compositions(
        self,
        table: Table,
        row_no: int,
        record: str | None,
        record_iri: str,
        family: str | None,
        compositions: list[tuple[int, ColumnSpec, Any]],
        columns: dict[int, Column],
    ) -> None:
        t = self.triples.append
        for index, col, raw in compositions:
            text = cell_text(raw).strip()
            if text in col.null:
                continue
            if family is None:
                self.issue(
                    "missing-value",
                    ERROR,
                    table,
                    Msg.of("missing-value.composition", column=col.title),
                    row=row_no,
                    column=col.title,
                )
                continue
            column = columns[index]
            family_iri = family[1:-1]
            if col.composition == "childrenBirthYears":
                items = raw if isinstance(raw, list) else text.split(col.separator or ",")
                whole = _Whole(raw, text, False) if len(items) > 1 else None
                years: Counter = Counter()
                for k, item in enumerate(items):
                    year = cell_text(item).strip()
                    ov = f"<{record_iri}/{index + 1}-{k + 1}>" if self.build else None
                    ok = len(year) == 4 and year.isdigit() and 1900 <= int(year) <= 2100
                    found = None if ok else (screen(year) or (whole and whole.get()))
                    if found:
                        child = f"<{family_iri}/child/withheld-{k + 1}>" if self.build else None
                        self.withhold(table, row_no, col, child, ov, column, found, ERROR, "expected.year")
                        continue
                    if not ok:
                        self.issue(
                            "unparsable",
                            ERROR,
                            table,
                            Msg.of("unparsable.birth-year", value=_show_number(year)),
                            row=row_no,
                            column=col.title,
                        )
                    if not self.build:
                        continue
                    # An unreadable year (a name, a note typed there) must not become part of an IRI.
                    key = year if ok else "unparsable"
                    years[key] += 1
                    child = f"<{family_iri}/child/{key}-{years[key]}>"
                    t(f"{family} {REF.hasMember} {child} .\n")
                    t(f"{child} {RDF.type} {REF.Child} .\n")
                    t(f"{child} {PROV.wasDerivedFrom} {record} .\n")
                    if ok:
                        t(f"{child} {REF.birthYear} {self.literal(year, XSD_GYEAR)} .\n")
                    self._original(child, ov, column, self.literal(year), MAPPED if ok else UNPARSABLE)  # type: ignore[arg-type]
            elif col.composition == "parentsCount":
                ok = text.isdigit() and int(text) <= 10
                found = None if ok else screen(text)
                ov = f"<{record_iri}/{index + 1}>" if self.build else None
                if found:
                    self.withhold(table, row_no, col, family, ov, column, found, ERROR, "expected.number")
                    continue
                if not ok:
                    self.issue(
                        "unparsable",
                        ERROR,
                        table,
                        Msg.of("unparsable.parents", value=_show_number(text)),
                        row=row_no,
                        column=col.title,
                    )
                if not self.build:
                    continue
                # the count itself is kept on the family, beside the members it made
                self._original(
                    family,
                    ov,
                    column,
                    self.literal(cell_text(raw)),
                    MAPPED if ok else UNPARSABLE,  # type: ignore[arg-type]
                )
                for k in range(1, int(text) + 1 if ok else 0):
                    parent = f"<{family_iri}/parent/{k}>"
                    t(f"{family} {REF.hasMember} {parent} .\n")
                    t(f"{parent} {RDF.type} {REF.Parent} .\n")
                    t(f"{parent} {PROV.wasDerivedFrom} {record} .\n")
