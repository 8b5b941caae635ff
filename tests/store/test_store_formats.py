"""Parameter typing, binding and the SPARQL 1.1 result formats, on small hand-made cases."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pyoxigraph as ox
import pytest
from rdflib.query import Result

from referentiel.errors import ConfigError
from referentiel.store.embedded import EmbeddedStore
from referentiel.store.sparql import (
    QueryResult,
    bind_parameters,
    group_starts,
    to_csv,
    to_json,
    to_tsv,
    to_xml,
)
from referentiel.store.terms import param_term, python_value

XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.mark.parametrize(
    ("type_name", "text", "lexical"),
    [
        ("xsd:integer", " 42 ", "42"),
        ("xsd:decimal", "0.50", "0.50"),
        ("xsd:boolean", "oui", "true"),
        ("xsd:date", "2024-02-29", "2024-02-29"),
        ("xsd:gYear", "2019", "2019"),
        ("xsd:string", 'a "quoted"\nline', 'a "quoted"\nline'),
    ],
)
def test_parameter_values_become_typed_literals(type_name: str, text: str, lexical: str) -> None:
    term = param_term("p", type_name, text)
    assert term == ox.Literal(lexical, datatype=ox.NamedNode(XSD + type_name.split(":")[1]))


@pytest.mark.parametrize(
    ("type_name", "text"),
    [
        ("xsd:integer", "1.5"),
        ("xsd:date", "29/02/2024"),
        ("xsd:boolean", "maybe"),
        ("iri", "not an iri"),
        ("xsd:decimal", "NaN"),
    ],
)
def test_bad_parameter_values_are_config_errors(type_name: str, text: str) -> None:
    with pytest.raises(ConfigError) as err:
        param_term("p", type_name, text)
    assert err.value.exit_code == 2 and err.value.hint


def test_parameters_are_bound_in_the_where_groups_that_use_them() -> None:
    query = (
        "PREFIX ex: <http://ex/{weird}> # a { in a comment\n"
        'CONSTRUCT { ?s ex:p "{" } WHERE { ?s ?p ?o { SELECT ?s WHERE { ?s ?q ?x } } '
        "FILTER NOT EXISTS { ?s ?r ?y } }"
    )
    bound = bind_parameters(query, {"x": ox.Literal("v")})
    assert bound.count('BIND ("v" AS ?x)') == 2
    assert bound.startswith(
        'PREFIX ex: <http://ex/{weird}> # a { in a comment\nCONSTRUCT { ?s ex:p "{" } WHERE {'
    )
    assert len(group_starts("SELECT * { ?s ?p ?o }")) == 1
    # a sub-query gets the parameters it uses (in its projection too), not those of its sub-queries
    nested = (
        "SELECT ?a WHERE { { SELECT ?a (SUM(IF(?v <= ?limit, 1, 0)) AS ?n) WHERE { ?a ?p ?v "
        "{ SELECT ?a WHERE { ?a ?q ?other } } } GROUP BY ?a } }"
    )
    bound = bind_parameters(nested, {"limit": ox.Literal("3"), "other": ox.Literal("o")})
    assert 'WHERE { BIND ("3" AS ?limit)\n ?a ?p ?v' in bound
    assert 'WHERE { BIND ("o" AS ?other)\n ?a ?q ?other' in bound
    assert bound.count("AS ?limit)") == 2 and bound.count("AS ?other)") == 2
    with pytest.raises(ConfigError):
        group_starts("ASK")


def test_bound_query_runs_with_hostile_text() -> None:
    store = EmbeddedStore(memory=True)
    text = '" } } ; DROP ALL ; #'
    result = store.query("SELECT ?v WHERE { BIND (?x AS ?v) }", {"x": ox.Literal(text)})
    assert result.rows == [[ox.Literal(text)]]


def _result() -> QueryResult:
    return QueryResult(
        "select",
        ["a", "b"],
        [
            [ox.Literal('x, "y"\nz'), ox.NamedNode("http://ex/1")],
            [ox.Literal("3", datatype=ox.NamedNode(XSD + "integer")), None],
            [ox.Literal("bonjour", language="fr"), ox.BlankNode("b0")],
            [ox.Literal("2.5", datatype=ox.NamedNode(XSD + "decimal")), ox.Literal("t\tab")],
        ],
    )


def test_json_csv_tsv_xml_follow_the_w3c_formats() -> None:
    result = _result()
    doc = json.loads(to_json(result, {"disclosure": {"k": 5}}))
    assert list(doc) == ["head", "disclosure", "results"]
    assert doc["results"]["bindings"][1] == {
        "a": {"type": "literal", "value": "3", "datatype": XSD + "integer"}
    }
    assert doc["results"]["bindings"][2]["a"] == {"type": "literal", "value": "bonjour", "xml:lang": "fr"}
    assert doc["results"]["bindings"][0]["a"] == {"type": "literal", "value": 'x, "y"\nz'}
    parsed = list(
        ox.parse_query_results(
            to_json(result, {"disclosure": {}}).encode(), format=ox.QueryResultsFormat.JSON
        )
    )
    assert [s["a"] for s in parsed] == [row[0] for row in result.rows]
    assert len(Result.parse(io.StringIO(to_json(result)), format="json")) == 4
    text = to_csv(result)
    assert text.startswith("a,b\r\n")
    assert list(csv.reader(io.StringIO(text))) == [
        ["a", "b"],
        ['x, "y"\nz', "http://ex/1"],
        ["3", ""],
        ["bonjour", "_:b0"],
        ["2.5", "t\tab"],
    ]
    tsv = to_tsv(result)
    assert tsv.splitlines()[0] == "?a\t?b" and "\t\t" not in tsv.splitlines()[1]
    parsed = list(ox.parse_query_results(tsv.encode(), format=ox.QueryResultsFormat.TSV))
    assert [s["a"] for s in parsed] == [row[0] for row in result.rows]
    assert parsed[3]["b"] == ox.Literal("t\tab")
    parsed = list(ox.parse_query_results(to_xml(result).encode(), format=ox.QueryResultsFormat.XML))
    assert [s["b"] for s in parsed] == [row[1] for row in result.rows]
    ask = QueryResult("ask", boolean=True)
    assert json.loads(to_json(ask)) == {"head": {}, "boolean": True}
    assert to_csv(ask) == "_askResult\r\ntrue\r\n"


def test_python_values() -> None:
    assert python_value(ox.Literal("2.50", datatype=ox.NamedNode(XSD + "decimal"))) == Decimal("2.50")
    assert python_value(ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean"))) is True
    assert python_value(None) is None and python_value(ox.NamedNode("http://ex/1")) == "http://ex/1"
