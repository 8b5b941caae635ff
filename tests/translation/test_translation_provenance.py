"""Compact provenance (docs/translation.md, "Provenance") and the identifier screen's fast path."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF

from referentiel.namespaces import REF
from referentiel.privacy import screen
from referentiel.privacy.names import looks_like_a_name
from referentiel.provenance import column_of, locate
from referentiel.translation import translate
from referentiel.translation.tables import PLAIN_CODE

ROOT = Path(__file__).resolve().parents[2]
ORGS = ROOT / "examples" / "organisations"
KEY = (ORGS / "DEMO-ONLY.key").read_text(encoding="utf-8").strip()


@pytest.fixture(scope="module")
def one():  # noqa: ANN201
    org = "one-consultation-anderlecht"
    return translate([ORGS / org / "export"], ORGS / org / "profile.yaml", key=KEY)


def test_each_column_is_described_once_and_cells_refer_to_it(one) -> None:  # noqa: ANN001
    graph = one.graph
    columns = set(graph.subjects(RDF.type, REF.SourceColumn))
    assert columns
    for column in columns:
        for prop in (REF.sourceColumn, REF.sourceFile, REF.forProperty):
            assert len(list(graph.objects(column, prop))) == 1, (column, prop)
    used = Counter(graph.objects(None, REF.inColumn))
    assert set(used) == columns and max(used.values()) > 10  # one description, many cells
    values = set(graph.objects(None, REF.originalValue))
    assert values == set(graph.subjects(REF.inColumn, None))


def test_no_class_and_no_mapped_status_is_written(one) -> None:  # noqa: ANN001
    graph = one.graph
    assert not list(graph.subjects(RDF.type, REF.OriginalValue))
    statuses = Counter(str(o) for o in graph.objects(None, REF.mappingStatus))
    assert "mapped" not in statuses
    assert statuses["unmapped"] == 2 and statuses["unparsable"] == 1
    # and the statuses given are those of the report: nothing lost by leaving "mapped" out
    assert statuses["unmapped"] == sum(1 for i in one.issues if i.kind == "unmapped-term")


def test_a_mapped_cell_costs_three_triples(one) -> None:  # noqa: ANN001
    graph = one.graph
    ov = next(o for o in graph.subjects(RDF.value, Literal("VAD")))
    assert {p for p, _ in graph.predicate_objects(ov)} == {
        REF.inColumn,
        RDF.value,
        REF.mappedTo,
        REF.mappingPredicate,
    }
    title, feeds = column_of(graph, ov)
    assert (str(title), feeds) == ("type", REF.interventionType)


def test_triples_per_row_went_down(one) -> None:  # noqa: ANN001
    rows = sum(f.rows_translated for f in one.files)
    # 46.9 triples a row with one OriginalValue node of 6 to 8 triples per cell (docs/translation.md)
    assert len(one) / rows < 33


def test_results_are_still_located_at_file_row_and_column(one) -> None:  # noqa: ANN001
    graph = one.graph
    (ov,) = graph.subjects(RDF.value, Literal("2024-13-05"))
    (subject,) = graph.subjects(REF.originalValue, ov)
    where = locate(graph, subject, REF.date)
    located = (where.file, where.row, where.column, where.original)
    assert located == ("activites.csv", 31, "date", "2024-13-05")
    assert (subject, PROV.wasDerivedFrom, None) in graph


def test_the_written_lines_are_the_graph(one) -> None:  # noqa: ANN001
    lines = one.serialize("nt").decode("utf-8")
    assert isomorphic(Graph().parse(data=lines, format="nt"), one.graph)
    turtle = one.serialize("ttl").decode("utf-8")
    assert isomorphic(Graph().parse(data=turtle, format="turtle"), one.graph)
    assert len(one) == len(one.graph) == lines.count("\n")


@settings(max_examples=300, deadline=None)
@given(st.from_regex(PLAIN_CODE, fullmatch=True))
def test_plain_codes_hold_nothing_the_screen_finds(code: str) -> None:
    """The identifier screen skips codes of this shape: the screen must indeed find nothing there."""
    assert not screen(code).kinds, code
    assert not looks_like_a_name(code)


@pytest.mark.parametrize(
    "value",
    ["MrX-1", "Marie", "0470123456", "85073003328", "DUPONT Marie", "TS 39", "AB12345678", "Tom-12"],
)
def test_other_identifiers_still_go_through_the_screen(value: str) -> None:
    assert not PLAIN_CODE.fullmatch(value)


def test_a_sink_still_takes_triples_of_rdflib_terms() -> None:
    """The translator hands lines to a sink; other callers may hand rdflib triples: both are written."""
    from rdflib import BNode, URIRef
    from rdflib.namespace import XSD

    from referentiel.translation.emit import _ntriples

    s, p = URIRef("urn:x:s"), URIRef("urn:x:p")
    triples = [
        (s, p, Literal('a "quoted"\nline', lang="fr")),
        (s, p, Literal("2024-01-02", datatype=XSD.date)),
        (s, p, Literal("plain", datatype=XSD.string)),
        (s, p, BNode("b1")),
    ]
    data = _ntriples([*triples, "<urn:x:s> <urn:x:p> <urn:x:o> .\n"])
    expected = Graph()
    for triple in [*triples[:2], (s, p, Literal("plain")), (s, p, BNode("b1")), (s, p, URIRef("urn:x:o"))]:
        expected.add(triple)
    assert isomorphic(Graph().parse(data=data, format="nt"), expected)
