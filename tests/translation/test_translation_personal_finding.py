"""The personal-data finding a steward acts on: every offending column of a table in one run, with the
rows, never "not declared" for a declared column, advice by the column's declared role, and shown
whole (not cut at 300 characters) in the intake summary's text, HTML and JSON, in fr/nl/en."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from referentiel.intake import ingest
from referentiel.intake.summary import to_html, to_json, to_text
from referentiel.translation import translate

PROFILE = """profile: 1
organisation: {slug: test-org, name: Test}
mappings: m.sssom.tsv
dialect: {delimiter: ";"}
tables:
  - url: pros.csv
    entity: professional
    primaryKey: id
    columns:
      - {titles: id, property: localId}
      - {titles: fonction, property: role}
"""
MAPPINGS = """#mapping_set_id: https://w3id.org/referentiel/org/test-org/mappings
#license: https://creativecommons.org/licenses/by/4.0/
#curie_map:
#  testorg: https://w3id.org/referentiel/org/test-org/
#  refc: https://w3id.org/referentiel/concept/
subject_id\tsubject_label\tpredicate_id\tobject_id\tmapping_justification
testorg:job-title-as\tAS\tskos:exactMatch\trefc:role-social-worker\tsemapv:ManualMappingCuration
"""


def niss(body: str = "850101123") -> str:
    return body + f"{97 - int(body) % 97:02d}"


def export(folder: Path, rows: list[str], header: str = "id;fonction;contact") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "m.sssom.tsv").write_text(MAPPINGS, encoding="utf-8")
    (folder / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    (folder / "pros.csv").write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return folder


ROWS = ["P1;AS;", f"P2;{niss()};", "P3;AS;parent@example.org", f"P4;{niss('900202456')};"]


def _personal(result):
    return {i.column: i for i in result.issues if i.kind == "personal-data"}


def test_every_offending_column_in_one_run_with_rows_and_advice_by_role(tmp_path: Path) -> None:
    folder = export(tmp_path / "org", ROWS)
    result = translate(folder / "pros.csv", folder / "profile.yaml", key=b"k" * 32)
    found = _personal(result)
    assert set(found) == {"fonction", "contact"}  # both columns, one run
    declared = found["fonction"].text("en")
    assert "declared in the profile as `role`" in declared and "not declared" not in declared
    assert "rows 3, 5" in declared  # header is row 1
    assert "remove these values from the cells" in declared and "personal: true" not in declared
    undescribed = found["contact"].text("en")  # not in the profile at all
    assert "is not declared in the profile" in undescribed and "rows 4" in undescribed
    for lang, words in (
        ("fr", ("déclarée dans le profil comme", "lignes 3, 5", "retirez ces valeurs")),
        ("nl", ("in het profiel opgegeven als", "rijen 3, 5", "verwijder deze waarden")),
    ):
        text = found["fonction"].text(lang)
        assert all(w in text for w in words), text
    assert niss() not in declared  # the value itself is never quoted


def test_an_identifier_holding_names_is_advised_to_be_declared_personal(tmp_path: Path) -> None:
    folder = export(tmp_path / "org", ["Marie Dupont;AS", "P2;AS", "Jean Martin;AS"], header="id;fonction")
    result = translate(folder / "pros.csv", folder / "profile.yaml", key=b"k" * 32)
    issue = _personal(result)["id"]
    text = issue.text("en")
    assert "declared in the profile as an identifier (`localId`)" in text
    assert "personal: true" in text and "rows 2, 4" in text


@pytest.mark.parametrize("lang", ["fr", "nl", "en"])
def test_the_intake_summary_shows_the_whole_finding(tmp_path: Path, lang: str) -> None:
    export(tmp_path / "exports" / "test-org", ROWS)
    key = tmp_path / "k.key"
    key.write_text("c0ffee" * 8, encoding="utf-8")
    key.chmod(0o600)
    summary = ingest(tmp_path / "exports", store=tmp_path / "store", key_file=key, lang=lang)
    (result,) = summary.exports
    messages = [f.message for f in result.findings if f.kind == "personal-data"]
    assert len(messages) == 2
    longest = max(messages, key=len)
    assert len(longest) > 300 and not longest.endswith("…")
    assert longest in to_text(summary)
    page = to_html(summary)
    assert longest.replace("'", "&#x27;") in page or longest in page
    assert longest in {f["message"] for e in json.loads(to_json(summary))["exports"] for f in e["findings"]}
