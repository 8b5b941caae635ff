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


# Phones and e-mails the bundled SPARQL constraints (ASCII separators, plain "@") cannot see, and
# one each they can: the scan finds the first ones, and reports the others once, not twice.
CONTACTS = {
    "phone-nbsp": ("appeler le 0487\u00a012\u00a034\u00a056", REFSH.NoPhone),
    "phone-thin": ("+32\u20092\u2009555\u200912\u200912", REFSH.NoPhone),
    "phone-narrow": ("0032\u202f487\u202f12\u202f34\u202f56 (mère)", REFSH.NoPhone),
    "phone-full-width": ("\uff10\uff14\uff18\uff17 12 34 56", REFSH.NoPhone),
    "phone-ascii": ("tel 0487 12 34 56", REFSH.NoPhone),
    # beside other digits: libphonenumber's matcher reads one number, too long; the shape's ASCII
    # pattern sees the first, only the scan the second
    "phone-beside-digits": ("ref 2023 0472 12 34 56 12", REFSH.NoPhone),
    "phone-beside-digits-nbsp": (
        "2023\u00a00472\u00a012\u00a034\u00a056\u00a00472\u00a012\u00a034\u00a057",
        REFSH.NoPhone,
    ),
    "email-brackets": ("jan [at] example [dot] be", REFSH.NoEmail),
    "email-words": ("écrire à jan at example dot be", REFSH.NoEmail),
    "email-parentheses": ("marie (at) mail (dot) fr", REFSH.NoEmail),
    "email-arobase": ("paul arobase exemple point be", REFSH.NoEmail),
    "email-ascii": ("jan@example.be", REFSH.NoEmail),
}
# What generated and translated data hold: pseudonymous hex ids, dates, postcodes, file numbers
NOT_CONTACTS = {
    "hex-id": "0487a3f09c1e2b7d4e110a9b",
    "hex-ids-of-generated-data": "90b48b1c0645445950fd 2f055920781d2badcdc8 a9c089617746a25b7597",
    "hex-digits": "04871234560987654321",
    "date": "2023-02-20",
    "date-fr": "20/02/2023",
    "date-time": "2023-02-20T10:15:00+01:00",
    "postcode": "1000",
    "commune": "1080 Molenbeek-Saint-Jean",
    "file-number": "dossier 2023/0400",
    "term": "Aide administrative",
    "at-in-words": "data statut attente",
}


@pytest.fixture(scope="module", params=["sparql", "pyshacl", "pyshacl-turbo"])
def contacts_report(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("contacts") / "data.ttl"
    values = {name: text for name, (text, _) in CONTACTS.items()} | NOT_CONTACTS
    path.write_text(_turtle(values), encoding="utf-8")
    return validate(path, engine=request.param, lang="en")


def test_phones_and_emails_in_any_spelling_are_found_once(contacts_report) -> None:
    found: dict[str, list] = {}
    for result in contacts_report.results:
        if result.source_shape == REFSH.NoIdentifyingLiteral:
            found.setdefault(str(result.focus_node).rsplit("/", 1)[-1], []).append(result)
    assert set(found) == set(CONTACTS)
    for name, results in found.items():
        assert [r.source_constraint for r in results] == [CONTACTS[name][1]], name
        assert results[0].value_masked
    for name, render in RENDERERS.items():
        text = render(contacts_report)
        assert not any(value in text for value, _ in CONTACTS.values()), name
        assert "12\u00a034" not in text and "[at] example" not in text, name


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


def _hits(graph: Graph) -> dict[str, int]:
    from referentiel.validation.privacy_scan import find_personal_values

    return {str(c).rsplit("#", 1)[-1]: len(v) for c, v in find_personal_values(graph).items() if v}


EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples" / "rdf").glob("*.ttl"))


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_no_false_positive_in_the_bundled_examples(example: Path) -> None:
    graph = Graph()
    graph.parse(example)
    planted = {"NoNationalNumber": 1, "NoPhone": 1, "NoEmail": 1}  # the example made to show them
    expected = planted if example.name == "invalid-privacy.ttl" else {}
    assert _hits(graph) == expected


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_false_positive_in_generated_and_translated_data(tmp_path: Path, seed: int) -> None:
    # pseudonymous hex ids ("90b48b1c0645445950fd" holds a run libphonenumber reads as a phone),
    # dates, postcodes, file numbers, terms: 40 families of each example organisation
    from referentiel.intake.generator import generate
    from referentiel.translation.translator import translate

    out = tmp_path / "gen"
    generate(out, families=40, seed=seed, defect_rate=0.0)
    merged = Graph()
    for profile in sorted(out.glob("*/profile.yaml")):
        merged += translate([profile.parent / "export"], profile, key_file=out / "SYNTHETIC-ONLY.key").graph
    assert len(merged) > 5_000  # ~27 triples a row with the compact provenance
    assert _hits(merged) == {}
