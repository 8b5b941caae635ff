"""What `ingest` and `generate` print: --quiet is brief, and every line speaks the run's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from referentiel.cli import cli


def test_quiet_ingest_prints_one_line_per_export_and_the_totals(runner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["ingest", "--quiet", "--store", str(tmp_path / "store"), "--lang", "en"])
    assert result.exit_code == 1, result.output  # the ONE example is refused on purpose
    lines = result.stdout.strip().splitlines()
    assert lines[:4] == [
        "amo-le-tremplin: loaded",
        "cpas-ixelles: loaded",
        "creche-les-lucioles: loaded",
        "one-consultation-anderlecht: REFUSED",
    ]
    assert lines[4].startswith("4 export(s): 3 loaded, 1 refused")
    assert lines[5:] == [f"Target: store {tmp_path / 'store'}"]
    # The findings are in the full summary, not in the quiet one.
    assert "row " not in result.stdout


def test_quiet_ingest_still_writes_the_whole_report(runner, tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    result = runner.invoke(
        cli, ["ingest", "-q", "--store", str(tmp_path / "store"), "--report", str(report)]
    )
    assert result.exit_code == 1
    assert report.exists() and '"findings"' in report.read_text(encoding="utf-8")
    assert str(report) not in result.stdout


@pytest.mark.parametrize(
    "lang,expected",
    [
        ("fr", "familles, 4 organisations"),
        ("nl", "gezinnen, 4 organisaties"),
        ("en", "families, 4 organisations"),
    ],
)
def test_generate_speaks_the_language_asked(runner, tmp_path: Path, lang: str, expected: str) -> None:
    args = ["generate", "-o", str(tmp_path / "synth"), "--families", "12", "--lang", lang]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert expected in result.stdout


def test_generate_defaults_to_french_like_ingest(runner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["generate", "-o", str(tmp_path / "synth"), "--families", "12"])
    assert "familles" in result.stdout and "injected" not in result.stdout
