"""Formula neutralisation of CSV/TSV cells (OWASP CSV injection rule)."""

from __future__ import annotations

import csv
import io

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
