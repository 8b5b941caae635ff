"""``referentiel queries`` and ``referentiel query`` through the CLI: formats, parameters, errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, Graph
from rdflib.namespace import SKOS
from rdflib.query import Result

from referentiel.errors import ConfigError
from referentiel.namespaces import REFC
from referentiel.queries import catalogue, parse_query
from referentiel.resources import ontology_file

FRAMEWORK = Graph().parse(data=ontology_file().read_text(encoding="utf-8"), format="turtle")


@pytest.fixture(scope="module")
def store_dir(embedded) -> str:  # noqa: ANN001
    # The session store is open (locked) in this process; the CLI opens it again, so copy it.
    import shutil
    import tempfile

    embedded.oxigraph.flush()
    target = Path(tempfile.mkdtemp()) / "copy"
    embedded.oxigraph.backup(str(target))
    yield str(target)
    shutil.rmtree(target.parent, ignore_errors=True)


def run_main(args: list[str], capsys, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:  # noqa: ANN001
    from referentiel.cli import main

    code = 0
    try:
        main(args)
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


def test_catalogue_headers_are_complete() -> None:
    queries = catalogue()
    assert len(queries) >= 8
    for q in queries:
        assert q.titles.keys() >= {"fr", "en"} and q.descriptions.keys() >= {"fr", "en"}, q.name
        assert bool(q.count_columns) != bool(q.disclosure), q.name
        # the framework concept (or list) the query measures: it must exist in the ontology
        assert q.concept and (REFC[q.concept], None, None) in FRAMEWORK, q.name
        kinds = set(FRAMEWORK.objects(REFC[q.concept], RDF.type))
        assert kinds & {SKOS.Concept, SKOS.ConceptScheme}, q.name


def test_header_syntax_errors_and_parameters() -> None:
    query = parse_query(
        "# title@en: t\n# param: n xsd:integer = 5 — a number\n# param: day xsd:date — required\n"
        "#   continued\nSELECT * WHERE { }\n",
        "x",
        source="x.rq",
    )
    assert [(p.name, p.type, p.default, p.required) for p in query.params] == [
        ("n", "xsd:integer", "5", False),
        ("day", "xsd:date", None, True),
    ]
    with pytest.raises(ConfigError, match="needs the parameter 'day'"):
        query.bindings({})
    with pytest.raises(ConfigError, match="not a valid xsd:date"):
        query.bindings({"day": "31/01/2024"})
    assert query.bindings({"day": "2024-01-31"})["day"] == ox.Literal(
        "2024-01-31", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
    )
    with pytest.raises(ConfigError) as err:
        parse_query("# param: n integer = 5\nSELECT * {}", "x", source="x.rq")
    assert err.value.line == 1 and err.value.file == "x.rq"


def test_queries_lists_names_titles_parameters(capsys) -> None:  # noqa: ANN001
    code, out, _ = run_main(["queries", "--lang", "en"], capsys)
    assert code == 0
    for q in catalogue():
        assert q.name in out and q.title("en") in out
    assert "--param within_days  xsd:integer = 30" in out
    code, out, _ = run_main(["queries", "--lang", "fr", "--format", "json"], capsys)
    doc = json.loads(out)
    assert {d["name"] for d in doc} == {q.name for q in catalogue()}
    assert next(d for d in doc if d["name"] == "plurality")["title"].startswith("Pluralité")


def test_query_json_is_sparql_json_with_disclosure_member(store_dir: str, capsys) -> None:  # noqa: ANN001
    code, out, _ = run_main(["query", "desynchronisation", "--store", store_dir, "--format", "json"], capsys)
    assert code == 0
    doc = json.loads(out)
    assert set(doc) == {"head", "results", "disclosure"}
    assert doc["disclosure"]["minCount"] == 5 and doc["disclosure"]["controlled"] is True
    # Standard readers ignore the extra member.
    parsed = Result.parse(io.StringIO(out), format="json")
    assert len(list(parsed)) == len(doc["results"]["bindings"])
    oxi = list(ox.parse_query_results(out.encode(), format=ox.QueryResultsFormat.JSON))
    assert len(oxi) == len(doc["results"]["bindings"])
    for binding in doc["results"]["bindings"]:
        assert int(binding["families"]["value"]) >= 5
        assert binding["referrals"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"


def test_query_csv_tsv_and_notice_on_stderr(store_dir: str, capsys) -> None:  # noqa: ANN001
    code, out, err = run_main(
        ["query", "plurality", "--store", store_dir, "--format", "csv", "--lang", "en"], capsys
    )
    assert code == 0 and "Disclosure control" in err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["organisations", "families", "avg_sectors", "max_sectors"]
    assert out.split("\n")[0].endswith("\r")
    code, out, err = run_main(["query", "plurality", "--store", store_dir, "--format", "tsv"], capsys)
    lines = out.splitlines()
    assert lines[0] == "?organisations\t?families\t?avg_sectors\t?max_sectors"
    parsed = list(ox.parse_query_results(out.encode(), format=ox.QueryResultsFormat.TSV))
    assert len(parsed) == len(lines) - 1


def test_query_table_with_labels_and_footer(store_dir: str, capsys) -> None:  # noqa: ANN001
    code, out, _ = run_main(["query", "work-layers", "--store", store_dir, "--lang", "fr"], capsys)
    assert code == 0 and out.startswith("Couches de pratique et accompagnement direct par service")
    assert "travail de réseau" in out, "concept labels in the chosen language"
    assert "Contrôle de divulgation" in out
    code, out, _ = run_main(
        ["query", "desynchronisation", "--store", store_dir, "--lang", "en", "--min-count", "8"], capsys
    )
    assert "suppressed (statistical disclosure control" in out and "--min-count 8" in out


def test_query_parameter_errors_exit_2(store_dir: str, capsys) -> None:  # noqa: ANN001
    code, _, err = run_main(["query", "plurality", "--store", store_dir, "--param", "x=1"], capsys)
    assert code == 2 and "has no parameter 'x'" in err
    code, _, err = run_main(
        ["query", "coordination-gaps", "--store", store_dir, "--param", "from=yesterday"], capsys
    )
    assert code == 2 and "not a valid xsd:date" in err
    code, _, err = run_main(["query", "coordination-gaps", "--store", store_dir, "--param", "from"], capsys)
    assert code == 2 and "NAME=VALUE" in err
    code, _, err = run_main(["query", "no-such-query", "--store", store_dir], capsys)
    assert code == 2 and "no catalogue query named" in err


def test_ad_hoc_query_from_file_and_stdin(store_dir: str, tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    mine = tmp_path / "count.rq"
    mine.write_text(
        "SELECT (COUNT(DISTINCT ?f) AS ?families) WHERE { ?s "
        "<https://w3id.org/referentiel/ontology#beneficiary> ?f }\n",
        encoding="utf-8",
    )
    code, out, err = run_main(
        ["query", str(mine), "--store", store_dir, "--format", "csv", "--lang", "en"], capsys
    )
    assert code == 0 and out.splitlines()[1] == "80" and "Ad-hoc query" in err
    monkeypatch.setattr("sys.stdin", io.StringIO("ASK { ?s ?p ?o }"))
    code, out, _ = run_main(["query", "-", "--store", store_dir, "--format", "json"], capsys)
    assert json.loads(out)["boolean"] is True
    broken = tmp_path / "broken.rq"
    broken.write_text("SELECT WHERE {", encoding="utf-8")
    code, _, err = run_main(["query", str(broken), "--store", store_dir], capsys)
    assert code == 2 and "invalid SPARQL query" in err


def test_query_against_a_server(remote, oxigraph_url: str, store_dir: str, capsys) -> None:  # noqa: ANN001
    code, served, _ = run_main(
        ["query", "reciprocity", "--endpoint", oxigraph_url, "--format", "csv"], capsys
    )
    assert code == 0
    code, local, _ = run_main(["query", "reciprocity", "--store", store_dir, "--format", "csv"], capsys)
    assert sorted(served.splitlines()) == sorted(local.splitlines()) and len(local.splitlines()) > 2
