"""The privacy scan: a national number hidden anywhere in a literal is reported by every engine, as the
privacy shape's own result (same shape, constraint, counts, masking and exit code)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from referentiel.cli import cli
from referentiel.namespaces import REFSH
from referentiel.validation import validate
from referentiel.validation.privacy_scan import find_national_numbers
from referentiel.validation.render import RENDERERS

NISS = "85073003328"  # valid, born before 2000
NISS_2000 = "05031212360"  # valid, born from 2000 (leading zero)
NBSP = "\u00a0"


def _decoys(n: int) -> str:
    # 11-digit numbers that fail the mod-97 check
    return " ".join(f"{10_000_000_000 + 7919 * i + 1:011d}"[:9] + "00" for i in range(n))


CASES = {
    "3-decoys": f"dossiers {_decoys(3)} {NISS}",
    "5-decoys": f"dossiers {_decoys(5)} {NISS}",
    "20-decoys": f"{_decoys(20)} puis {NISS}",
    "nbsp": f"{_decoys(3)} 85{NBSP}07{NBSP}30{NBSP}033{NBSP}28",
    "dots-dashes": f"{_decoys(4)} 85.07.30-033.28",
    "en-dashes": f"{_decoys(3)} 85\u201307\u201330\u2013033\u201328",
    "leading-zero-lost": f"{_decoys(3)} {int(NISS_2000)}",
    "full-width": f"{_decoys(3)} " + NISS.translate({ord(d): 0xFF10 + int(d) for d in "0123456789"}),
}
CLEAN = {"only-decoys": _decoys(20), "date-and-file": "2023-02-20, dossier 2023/0400", "term": "Aide"}


def _turtle(values: dict[str, str]) -> str:
    lines = ["@prefix ex: <https://example.org/> ."]
    for case, text in values.items():
        literal = text.replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'ex:{case} ex:note "{literal}" .')
    return "\n".join(lines) + "\n"


def test_decoys_fail_the_check() -> None:
    from referentiel import privacy

    assert not privacy.find_niss(_decoys(20))
    assert privacy.is_valid_niss(NISS) and privacy.is_valid_niss(NISS_2000)


@pytest.fixture(scope="module", params=["sparql", "pyshacl", "pyshacl-turbo"])
def report(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("scan") / "data.ttl"
    path.write_text(_turtle(CASES | CLEAN), encoding="utf-8")
    return validate(path, engine=request.param, lang="en")


def _niss_results(report) -> dict[str, list]:
    found: dict[str, list] = {}
    for result in report.results:
        if result.source_constraint == REFSH.NoNationalNumber:
            found.setdefault(str(result.focus_node).rsplit("/", 1)[-1], []).append(result)
    return found


def test_every_hidden_number_is_found_once(report) -> None:
    found = _niss_results(report)
    assert set(found) == set(CASES)
    for results in found.values():
        assert len(results) == 1  # the engine's result and the scan's are one
        assert results[0].source_shape == REFSH.NoIdentifyingLiteral
        assert results[0].value_masked
    assert not report.conforms and report.exit_code == 1


def test_hidden_numbers_appear_in_no_output(report) -> None:
    for name, render in RENDERERS.items():
        text = render(report)
        for value in CASES.values():
            assert value not in text, name
        for digits in (NISS, NISS_2000, str(int(NISS_2000)), "033" + NBSP + "28", "033.28"):
            assert digits not in text, (name, digits)
    counts = json.loads(RENDERERS["json"](report))["counts"]
    assert counts["violation"] == sum(r.severity.label == "violation" for r in report.results)


def test_own_shapes_are_not_completed(tmp_path: Path) -> None:
    data = tmp_path / "data.ttl"
    data.write_text(_turtle(CASES), encoding="utf-8")
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix ex: <https://example.org/> .\n"
        "ex:S a sh:NodeShape ; sh:targetNode ex:none ; sh:property [ sh:path ex:p ; sh:minCount 0 ] .\n",
        encoding="utf-8",
    )
    assert validate(data, shapes, engine="pyshacl").conforms


def test_cli_exit_code_and_json(tmp_path: Path) -> None:
    data = tmp_path / "data.ttl"
    data.write_text(_turtle({"nbsp": CASES["nbsp"]}), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(data), "--format", "json", "--lang", "en"])
    assert result.exit_code == 1, result.output
    payload = json.loads(result.output)
    assert payload["conforms"] is False
    assert [r["source_shape"] for r in payload["results"]] == [str(REFSH.NoIdentifyingLiteral)]
    assert payload["results"][0]["value_masked"] is True
    assert "033" + NBSP + "28" not in result.output and "28" + NBSP not in result.output


def test_find_national_numbers_looks_at_every_literal_once() -> None:
    graph = Graph()
    graph.parse(data=_turtle(CASES | CLEAN), format="turtle")
    hits = {str(s).rsplit("/", 1)[-1] for s, _, _ in find_national_numbers(graph)}
    assert hits == set(CASES)


def test_a_store_validated_in_place_is_scanned_too() -> None:
    import pyoxigraph as ox

    from referentiel.validation.sparql.api import validate_store

    store = ox.Store()
    store.load(_turtle(CASES | CLEAN).encode("utf-8"), format=ox.RdfFormat.TURTLE)
    report = validate_store(store, lang="en")
    assert set(_niss_results(report)) == set(CASES)
    assert not report.conforms and report.exit_code == 1
