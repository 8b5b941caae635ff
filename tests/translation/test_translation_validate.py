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


@pytest.mark.parametrize("lang", ["fr", "en", "nl"])
def test_a_name_typed_in_a_date_column_is_not_quoted_by_validation(tmp_path: Path, lang: str) -> None:
    # The translation's message gave only its length, but the shapes' "unreadable value" result
    # quoted it in every format (text, JSON, HTML) and in the ingest report.
    import shutil

    from click.testing import CliRunner

    org = tmp_path / "cpas"
    shutil.copytree(ORGS / "cpas-ixelles", org)
    path = org / "export" / "dossiers.csv"
    lines = path.read_text(encoding="cp1252").splitlines()
    for number, value in ((3, "Jeanne Zyxwabert"), (4, "31/02/2023")):
        cells = lines[number].split(";")
        cells[2] = value  # date_ouverture
        lines[number] = ";".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="cp1252")

    report = validate_export([org / "export"], org / "profile.yaml", key=KEY, lang=lang)
    unreadable = [r for r in report.results if r.source and r.source.column == "date_ouverture"]
    assert {r.source.row for r in unreadable} >= {4, 5}
    assert any("31/02/2023" in r.message for r in unreadable)  # a typo is still shown
    base = ["validate", str(org / "export"), "--profile", str(org / "profile.yaml"), "--lang", lang]
    for fmt in ("text", "json", "html", "turtle"):
        out = CliRunner(env={"REFERENTIEL_PSEUDONYM_KEY": KEY}).invoke(cli, [*base, "--format", fmt])
        assert out.exit_code in (0, 1), out.output
        assert "Zyxwabert" not in out.output, fmt
