"""`referentiel validate` from the command line: exit codes 0/1/2, formats, bad input, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic

from referentiel.cli import cli
from referentiel.namespaces import SH

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "rdf"
GOOD = EXAMPLES / "conforming-network.ttl"
BAD = EXAMPLES / "invalid-dates.ttl"

SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:PersonShape a sh:NodeShape ; sh:targetClass ex:Person ;
  sh:property [ sh:path ex:age ; sh:datatype xsd:integer ; sh:maxCount 1 ] .
"""


def run(*args: str, input: str | bytes | None = None):
    result = CliRunner().invoke(cli, list(args), input=input)
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    return result


def test_conforming_data_exit_0():
    result = run("validate", str(GOOD))
    assert result.exit_code == 0
    assert "0 violations" in result.stdout


def test_non_conforming_data_exit_1_with_sentences_in_each_language():
    for lang, word in (("fr", "précède"), ("en", "before"), ("nl", "vóór")):
        result = run("validate", str(BAD), "--lang", lang)
        assert result.exit_code == 1
        assert word in result.stdout
        assert "refsh:ProfessionalPeriod" in result.stdout


def test_fail_on_thresholds():
    warnings = EXAMPLES / "warnings-only.ttl"
    assert run("validate", str(warnings)).exit_code == 0
    assert run("validate", str(warnings), "--fail-on", "warning").exit_code == 1
    assert run("validate", str(warnings), "--fail-on", "info").exit_code == 1
    assert run("validate", str(GOOD), "--fail-on", "info").exit_code == 0


@pytest.mark.parametrize("content,needle", [
    ("@prefix ex: <https://example.org/> .\nex:a ex:b ex:c ;\n ex:d .\n", "line 3"),
    ('@prefix ex: <https://example.org/> .\nex:a ex:b "unterminated .\n', "line"),
])
def test_malformed_rdf_names_file_and_line(tmp_path: Path, content: str, needle: str, capsys):
    path = tmp_path / "broken.ttl"
    path.write_text(content, encoding="utf-8")
    code, output = _main_exit(["validate", str(path), "--lang", "en"], capsys)
    assert code == 2
    assert "broken.ttl" in output and needle in output and "Traceback" not in output


def _main_exit(args: list[str], capsys) -> tuple[int, str]:
    from referentiel.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(args)
    captured = capsys.readouterr()
    return exit_info.value.code, captured.out + captured.err


def test_missing_empty_binary_files_exit_2(tmp_path: Path, capsys):
    empty = tmp_path / "empty.ttl"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "export.ttl"
    binary.write_bytes(b"PK\x03\x04\x00\x00binary")
    for path, words in ((tmp_path / "nope.ttl", "not found"), (empty, "empty"), (binary, "binary")):
        code, output = _main_exit(["validate", str(path)], capsys)
        assert code == 2, output
        assert words in output and path.name in output
        assert "Traceback" not in output


def test_malformed_rdf_through_main(tmp_path: Path, capsys):
    path = tmp_path / "broken.ttl"
    path.write_text("@prefix ex: <https://example.org/> .\n\nex:a ex:b .\n", encoding="utf-8")
    code, output = _main_exit(["validate", str(path), "--lang", "en"], capsys)
    assert code == 2
    assert "broken.ttl" in output and "line 3" in output and "Traceback" not in output


def test_malformed_shapes_exit_2(tmp_path: Path, capsys):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
                      "<urn:s> a sh:NodeShape ; sh:minCount \"x\" ",
                      encoding="utf-8")
    code, output = _main_exit(["validate", str(GOOD), "--shapes", str(shapes)], capsys)
    assert code == 2 and "shapes.ttl" in output
    unusable = tmp_path / "unusable.ttl"
    unusable.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<urn:s> a sh:NodeShape ; sh:targetNode <urn:x> ;\n"
        "  sh:property [ sh:path <urn:p> ; sh:minCount \"two\" ] .\n",
        encoding="utf-8")
    code, output = _main_exit(["validate", str(GOOD), "--shapes", str(unusable)], capsys)
    assert code == 2, output
    assert "Traceback" not in output


def test_unknown_option_value_is_usage_error():
    assert CliRunner().invoke(cli, ["validate", str(GOOD), "--format", "pdf"]).exit_code == 2
    assert CliRunner().invoke(cli, ["validate"]).exit_code == 2


def test_general_purpose_validator_with_own_shapes(tmp_path: Path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(SHAPES, encoding="utf-8")
    data = tmp_path / "data.ttl"
    data.write_text('@prefix ex: <https://example.org/> .\n'
                    '@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n'
                    'ex:a a ex:Person ; ex:age "abc"^^xsd:integer .\nex:b a ex:Person ; ex:age 4 .\n',
                    encoding="utf-8")
    result = run("validate", str(data), "--shapes", str(shapes), "--format", "json", "--lang", "en")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["counts"] == {"violation": 1, "warning": 0, "info": 0}
    only = document["results"][0]
    assert only["focus_node"] == "https://example.org/a"
    assert only["constraint_component"] == str(SH.DatatypeConstraintComponent)
    assert "xsd:integer" in only["message"]  # a generated English sentence


def test_several_files_and_stdin(tmp_path: Path):
    part1 = tmp_path / "a.ttl"
    part2 = tmp_path / "b.nt"
    graph = Graph().parse(GOOD)
    triples = sorted(graph, key=str)
    half = len(triples) // 2
    g1, g2 = Graph(), Graph()
    for t in triples[:half]:
        g1.add(t)
    for t in triples[half:]:
        g2.add(t)
    part1.write_text(g1.serialize(format="turtle"), encoding="utf-8")
    part2.write_text(g2.serialize(format="nt"), encoding="utf-8")
    assert run("validate", str(part1), str(part2)).exit_code == 0
    assert run("validate", str(part1)).exit_code == 1  # half a data set does not conform
    assert run("validate", "-", input=BAD.read_bytes()).exit_code == 1
    assert run("validate", "-", "--input-format", "nt", input=g2.serialize(format="nt")).exit_code in (0, 1)
    jsonld = tmp_path / "data.jsonld"
    jsonld.write_text(graph.serialize(format="json-ld"), encoding="utf-8")
    assert run("validate", str(jsonld)).exit_code == 0


def test_json_schema_is_stable():
    document = json.loads(run("validate", str(EXAMPLES / "invalid-unmapped.ttl"), "--format", "json").stdout)
    assert set(document) >= {"schema_version", "conforms", "passed", "fail_on", "lang", "counts", "results",
                             "data_files", "shapes_files", "triples", "engine"}
    for result in document["results"]:
        assert set(result) == {"severity", "focus_node", "path", "value", "value_masked",
                               "constraint_component",
                               "source_shape", "message", "fix_hint", "source", "details"}
    located = [r for r in document["results"] if r["source"]]
    assert located and located[0]["source"] == {"file": "interventions.csv", "sheet": None, "row": 118,
                                               "column": "type_action"}


def test_turtle_is_the_w3c_report_graph(tmp_path: Path):
    out = tmp_path / "report.ttl"
    result = run("validate", str(BAD), "--format", "turtle", "-o", str(out))
    assert result.exit_code == 1
    report = Graph().parse(out)
    assert (None, SH.conforms, None) in report
    assert len(list(report.subjects(SH.focusNode, None))) >= 4
    from referentiel.validation import validate

    assert isomorphic(report, Graph().parse(data=validate(BAD).report_graph.serialize(format="turtle"),
                                            format="turtle"))


def test_html_is_self_contained_and_escaped(tmp_path: Path):
    data = tmp_path / "x.ttl"
    data.write_text('@prefix ref: <https://w3id.org/referentiel/ontology#> .\n'
                    '<https://w3id.org/referentiel/data/o/organisation/1> a ref:Organisation ; '
                    'ref:name "Service" ; ref:localId "<script>alert(1)</script>"^^<urn:x> .\n',
                    encoding="utf-8")
    page = run("validate", str(data), "--format", "html").stdout
    assert page.startswith("<!DOCTYPE html>")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "http://" not in page.split("<body>")[0].replace("http://www.w3.org", "")  # no external assets
    assert "<link" not in page and "src=" not in page
