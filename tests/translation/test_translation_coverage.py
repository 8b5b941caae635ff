"""mappings coverage: per column, the share of terms and cells that map, and the unmapped to-do list."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from referentiel.cli import cli
from referentiel.errors import ConfigError
from referentiel.translation.mapping_coverage import coverage, render_csv, render_json, render_text

ROOT = Path(__file__).resolve().parents[2]
ORGS = ROOT / "examples" / "organisations"
ONE = ORGS / "one-consultation-anderlecht"


def test_coverage_of_the_defective_example() -> None:
    report = coverage(ONE / "export", ONE / "profile.yaml")
    (types,) = [c for c in report.columns if c.column == "type"]
    assert types.unmapped == [("Visite à dom.", 1), ("Pesée", 1)]
    assert types.terms["unmapped"] == 2 and types.cells["unmapped"] == 2
    assert sum(types.cells.values()) == 57  # row 42 was rejected
    assert types.terms["non-exact"] == 3  # Entretien prénatal, Atelier massage bébé, Soutien à la parentalité
    assert 0.95 < report.mapped_share < 1.0
    kinds = {p["kind"] for p in report.as_dict()["problems"]}
    assert kinds == {"unknown-column", "rejected-row", "unparsable"}


@pytest.mark.parametrize("org", ["cpas-ixelles", "creche-les-lucioles", "amo-le-tremplin"])
def test_clean_examples_have_no_unmapped_terms(org: str) -> None:
    report = coverage(ORGS / org / "export", ORGS / org / "profile.yaml")
    assert report.columns and all(not c.unmapped for c in report.columns)
    assert report.total()["unmapped"] == 0


def test_coverage_needs_no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REFERENTIEL_PSEUDONYM_KEY", raising=False)
    report = coverage(ORGS / "cpas-ixelles" / "export", ORGS / "cpas-ixelles" / "profile.yaml")
    no_eq = {c.column: c.terms["no-equivalent"] for c in report.columns}
    assert no_eq == {"besoins": 1, "ressources": 0, "secteur": 0, "fonction": 0, "type_action": 0}  # mobilité


def test_renderings_agree() -> None:
    report = coverage(ONE / "export", ONE / "profile.yaml")
    text = render_text(report, lang="en")
    assert "'Visite à dom.' (1)" in text and "To do (unmapped terms by frequency)" in text
    assert "À faire (termes non traduits, par fréquence)" in render_text(report)  # French by default
    assert "Te doen (niet vertaalde termen, volgens frequentie)" in render_text(report, lang="nl")
    data = json.loads(render_json(report))
    assert data["total"]["cells"]["unmapped"] == 2
    rows = list(csv.DictReader(io.StringIO(render_csv(report))))
    assert len(rows) == 4 * len(report.columns)
    unmapped = [r for r in rows if r["column"] == "type" and r["class"] == "unmapped"][0]
    assert unmapped["cells"] == "2" and "Pesée (1)" in unmapped["unmapped_terms"]


def test_cli_coverage(runner, tmp_path: Path) -> None:
    args = ["mappings", "coverage", str(ONE / "export"), "--profile", str(ONE / "profile.yaml")]
    res = runner.invoke(cli, [*args, "--format", "json", "-o", str(tmp_path / "c.json")])
    assert res.exit_code == 0, res.output
    assert json.loads((tmp_path / "c.json").read_text())["organisation"] == "one-consultation-anderlecht"
    assert runner.invoke(cli, [*args, "--fail-under", "99.5"]).exit_code == 1
    assert runner.invoke(cli, [*args, "--fail-under", "90"]).exit_code == 0
    res = runner.invoke(
        cli, ["mappings", "coverage", str(ONE / "export"), "--profile", str(tmp_path / "no.yaml")]
    )
    assert isinstance(res.exception, ConfigError) and res.exception.exit_code == 2  # main() exits with it


def test_a_refused_table_makes_the_coverage_incomplete_and_says_so_first(runner, tmp_path: Path) -> None:
    import shutil

    export = tmp_path / "export"
    shutil.copytree(ORGS / "cpas-ixelles" / "export", export)
    path = export / "interventions.csv"
    lines = path.read_text(encoding="cp1252").splitlines()
    emails = [f"{line};parent{i}@example.org" for i, line in enumerate(lines[1:])]
    lines = [lines[0] + ";email_parent", *emails]
    path.write_text("\n".join(lines) + "\n", encoding="cp1252")
    profile = ORGS / "cpas-ixelles" / "profile.yaml"

    report = coverage(export, profile)
    assert report.refused_tables == ["interventions.csv"]
    assert not [c for c in report.columns if c.file == "interventions.csv" and sum(c.cells.values())]
    assert render_text(report, lang="en").splitlines()[2].startswith("INCOMPLETE: 1 table(s)")
    assert render_text(report, lang="nl").splitlines()[2].startswith("ONVOLLEDIG: 1 tabel(len)")
    data = json.loads(render_json(report))
    assert data["complete"] is False and data["refused_tables"] == ["interventions.csv"]
    res = runner.invoke(cli, ["mappings", "coverage", str(export), "--profile", str(profile)])
    assert res.exit_code == 1 and "INCOMPLET :" in res.output and "example.org" not in res.output
    for lang in ("en", "nl"):  # the problems, in every language, say why without the e-mails
        args = ["mappings", "coverage", str(export), "--profile", str(profile), "--lang", lang]
        res = runner.invoke(cli, args)
        assert res.exit_code == 1 and "example.org" not in res.output and "@" not in res.output
    clean = runner.invoke(
        cli, ["mappings", "coverage", str(ORGS / "cpas-ixelles" / "export"), "--profile", str(profile)]
    )
    assert clean.exit_code == 0 and "INCOMPLET" not in clean.output


def test_a_refused_sheet_is_named_in_the_language_of_the_text(tmp_path: Path) -> None:
    # "export_lucioles.xlsx, sheet Personnel" was left in English in the French and Dutch text.
    import shutil

    import openpyxl

    org = tmp_path / "creche"
    shutil.copytree(ORGS / "creche-les-lucioles", org)
    workbook_path = org / "export" / "export_lucioles.xlsx"
    workbook = openpyxl.load_workbook(workbook_path)
    workbook["Personnel"]["A3"] = "Jeanne Dupontelle"  # a name as a professional's code: refused
    workbook.save(workbook_path)

    report = coverage(org / "export", org / "profile.yaml")
    assert report.refused_tables == ["export_lucioles.xlsx, sheet Personnel"]
    headline = {lang: render_text(report, lang=lang).splitlines()[2] for lang in ("fr", "en", "nl")}
    assert "export_lucioles.xlsx, feuille Personnel" in headline["fr"]
    assert "export_lucioles.xlsx, sheet Personnel" in headline["en"]
    assert "export_lucioles.xlsx, blad Personnel" in headline["nl"]
    assert not any("Dupontelle" in text for text in headline.values())


def test_csv_and_json_coverage_say_on_stderr_that_a_table_is_missing(runner, tmp_path: Path) -> None:
    # The CSV had no sign that its figures left a refused table out (only the exit code).
    import shutil

    import openpyxl

    org = tmp_path / "creche"
    shutil.copytree(ORGS / "creche-les-lucioles", org)
    workbook_path = org / "export" / "export_lucioles.xlsx"
    workbook = openpyxl.load_workbook(workbook_path)
    workbook["Personnel"]["A3"] = "Jeanne Dupontelle"
    workbook.save(workbook_path)

    args = ["mappings", "coverage", str(org / "export"), "--profile", str(org / "profile.yaml")]
    for fmt in ("csv", "json"):
        res = runner.invoke(cli, [*args, "--format", fmt, "--lang", "nl"])
        assert res.exit_code == 1
        assert res.stderr.startswith("ONVOLLEDIG: 1 tabel(len)") and "blad Personnel" in res.stderr
        assert "ONVOLLEDIG" not in res.stdout and "Dupontelle" not in res.stdout + res.stderr
    text = runner.invoke(cli, args)
    assert text.exit_code == 1 and text.stderr == ""  # the text says it itself, first
