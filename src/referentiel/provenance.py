"""Where a resource of the translated data came from: file, sheet, row, column.

The translation layer records, for each resource, ``prov:wasDerivedFrom`` a ``ref:SourceRecord`` (file,
sheet, row) and, for each translated cell, a ``ref:OriginalValue`` (original value, concept, mapping
predicate, status) in a ``ref:SourceColumn`` (``ref:inColumn``: the column's title and the property it
feeds, described once per export; docs/translation.md, "Provenance"). Validation reports and intake
summaries use :func:`locate` to speak in the partner's terms ("interventions.csv, row 118, column
type_action") instead of node ids.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from referentiel.namespaces import PROV, RDF, REF


@dataclass(frozen=True)
class SourceLocation:
    """A place in a partner's export. ``row`` counts as the spreadsheet shows it (header = row 1)."""

    file: str
    row: int | None = None
    column: str | None = None
    sheet: str | None = None
    original: str | None = None

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: str = "en") -> str:
        """``file, sheet S, row R, column C`` (the known parts), in ``lang`` (``fr``, ``en``, ``nl``)."""
        words = _WHERE_WORDS.get(lang, _WHERE_WORDS["en"])
        parts = [self.file]
        if self.sheet:
            parts.append(f"{words[0]} {self.sheet}")
        if self.row is not None:
            parts.append(f"{words[1]} {self.row}")
        if self.column:
            parts.append(f"{words[2]} {self.column}")
        return ", ".join(parts)


# sheet, row, column: every report that locates a problem in a partner's file says it this way
_WHERE_WORDS = {
    "en": ("sheet", "row", "column"),
    "fr": ("feuille", "ligne", "colonne"),
    "nl": ("blad", "rij", "kolom"),
}


def column_of(graph: Graph, value_node: Node) -> tuple[Node | None, Node | None]:
    """The title of the column an original value was written in, and the property that column feeds."""
    source_column = graph.value(value_node, REF.inColumn)
    if source_column is None:
        return None, None
    return graph.value(source_column, REF.sourceColumn), graph.value(source_column, REF.forProperty)


def _order(node: Node) -> tuple[str, str]:
    return (type(node).__name__, str(node))


def locate(graph: Graph, node: Node, path: Node | None = None) -> SourceLocation | None:
    """The source location of ``node`` (and of its ``path`` property, for the column), if recorded."""
    # A resource described in several rows or files has several records: the first in term order, so
    # that every engine and store (whatever its iteration order) reports the same place.
    record = min(graph.objects(node, PROV.wasDerivedFrom), key=_order, default=None)
    if record is None:
        return None
    file = graph.value(record, REF.sourceFile)
    if file is None:
        return None
    row = graph.value(record, REF.sourceRow)
    sheet = graph.value(record, REF.sourceSheet)
    column = original = None
    if isinstance(path, URIRef):
        for value_node in sorted(graph.objects(node, REF.originalValue), key=_order):
            title, feeds = column_of(graph, value_node)
            if feeds in (path, Literal(str(path))):
                column = title
                original = graph.value(value_node, RDF.value)
                break
    return SourceLocation(
        file=str(file),
        row=int(row) if row is not None else None,
        column=str(column) if column is not None else None,
        sheet=str(sheet) if sheet is not None else None,
        original=str(original) if original is not None else None,
    )
