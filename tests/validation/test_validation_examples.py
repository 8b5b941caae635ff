"""The bundled examples give exactly their documented results (examples/rdf/expected.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import BNode

from referentiel.cli import cli
from referentiel.namespaces import REFD
from referentiel.validation import validate
from referentiel.validation.report import compact

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "rdf"

EXPECTED = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))["files"]


def test_every_example_file_is_in_the_manifest():
    on_disk = {p.name for p in EXAMPLES.iterdir() if p.suffix in {".ttl", ".jsonld", ".nt", ".trig"}}
    assert on_disk == set(EXPECTED)
    assert any(e["conforms"] for e in EXPECTED.values())
    assert sum(not e["conforms"] for e in EXPECTED.values()) >= 4


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_gives_exactly_its_documented_results(name: str) -> None:
    expected = EXPECTED[name]
    report = validate(EXAMPLES / name)
    assert report.conforms is expected["conforms"]
    assert report.exit_code == expected["exit_code"]
    got = sorted((
        (r.severity.label, None if isinstance(r.source_shape, BNode) else compact(r.source_shape),
         None if r.source_constraint is None or isinstance(r.source_constraint, BNode)
         else compact(r.source_constraint),
         compact(r.component), str(r.focus_node).replace(str(REFD), ""), r.path)
        for r in report.results
    ), key=repr)
    want = sorted((
        (e["severity"], e["shape"], e["constraint"], e["component"], e["focus"], e["path"])
        for e in expected["results"]
    ), key=repr)
    assert got == want


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_exit_codes_from_the_cli(name: str) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["validate", str(EXAMPLES / name), "--format", "json"])
    assert result.exit_code == EXPECTED[name]["exit_code"], result.output
    document = json.loads(result.stdout)
    assert document["conforms"] is EXPECTED[name]["conforms"]
    assert len(document["results"]) == len(EXPECTED[name]["results"])
    strict = runner.invoke(cli, ["validate", str(EXAMPLES / name), "--fail-on", "warning"])
    assert strict.exit_code == EXPECTED[name]["exit_code_fail_on_warning"]


def test_unmapped_term_is_located_in_the_partner_export():
    report = validate(EXAMPLES / "invalid-unmapped.ttl", lang="en")
    by_severity = {r.severity.label: r for r in report.results}
    warning, violation = by_severity["warning"], by_severity["violation"]
    assert str(warning.source) == "interventions.csv, row 118, column type_action"
    assert str(violation.source) == "interventions.csv, row 118, column type_action"
    assert "accroche de rue" in warning.message
    assert warning.fix_hint and "SSSOM" in warning.fix_hint
    args = ["validate", str(EXAMPLES / "invalid-unmapped.ttl"), "--lang", "en"]
    text = CliRunner().invoke(cli, args).stdout
    assert "interventions.csv, row 118, column type_action" in text


@pytest.mark.parametrize(
    ("lang", "where"),
    [("fr", "interventions.csv, ligne 118, colonne type_action"),
     ("nl", "interventions.csv, rij 118, kolom type_action")],
)
def test_the_place_in_the_partner_export_is_given_in_the_report_language(lang: str, where: str) -> None:
    # The text and HTML said "row 118, column type_action" in French and Dutch reports too.
    args = ["validate", str(EXAMPLES / "invalid-unmapped.ttl"), "--lang", lang]
    assert where in CliRunner().invoke(cli, args).stdout
    assert where in CliRunner().invoke(cli, [*args, "--format", "html"]).stdout
