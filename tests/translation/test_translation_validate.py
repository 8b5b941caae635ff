"""validate --profile: an export is translated, validated and reported in the partner's terms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from referentiel.cli import cli
from referentiel.translation.validate_export import validate_export

ROOT = Path(__file__).resolve().parents[2]
ORGS = ROOT / "examples" / "organisations"
KEY = "validate-key-0123456789abcdef"


@pytest.fixture(scope="module")
def one_report():  # noqa: ANN201
    one = ORGS / "one-consultation-anderlecht"
    return validate_export([one / "export"], one / "profile.yaml", key=KEY, lang="en")


def test_every_result_is_located_in_the_export(one_report) -> None:  # noqa: ANN001
    assert one_report.results and all(r.source is not None for r in one_report.results)
    assert one_report.exit_code == 1 and not one_report.conforms


def test_unmapped_term_is_reported_in_the_partners_terms(one_report) -> None:  # noqa: ANN001
    found = [r for r in one_report.results if "Visite à dom." in r.message]
    assert found and str(found[0].source) == "activites.csv, row 7, column type"
    # the missing intervention type of the same row is located at the same cell
    typeless = [r for r in one_report.results if r.path == "ref:interventionType" and r.source.row == 7]
    assert typeless and typeless[0].source.column == "type"


def test_translation_issues_are_part_of_the_report(one_report) -> None:  # noqa: ANN001
    rows = {(str(r.source), r.severity.label) for r in one_report.results}
    assert ("activites.csv, row 42", "violation") in rows  # the rejected row
    assert ("activites.csv, column secteur_stat", "warning") in rows  # the undescribed column
    unreadable = [r for r in one_report.results if r.source.row == 31 and r.source.column == "date"]
    assert {r.severity.label for r in unreadable} == {"violation", "warning"}
    # reported once by the shapes, not a second time by the translation
    assert sum("Visite à dom." in r.message for r in one_report.results) == 1


def test_cli_validate_profile_clean_export(runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFERENTIEL_PSEUDONYM_KEY", KEY)
    creche = ORGS / "creche-les-lucioles"
    res = runner.invoke(cli, ["validate", str(creche / "export"), "--profile", str(creche / "profile.yaml"),
                              "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["conforms"] is True and data["counts"]["violation"] == 0
