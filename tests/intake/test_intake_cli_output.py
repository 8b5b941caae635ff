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


def test_a_table_refused_whole_makes_the_share_incomplete(tmp_path: Path) -> None:
    """100% of the terms read is not 100% of the export when a whole table was not read."""
    import json
    import shutil

    from referentiel.intake import ingest
    from referentiel.intake.summary import to_html, to_json, to_text
    from referentiel.resources import as_path, bundled

    with as_path(bundled("examples", "organisations", "cpas-ixelles")) as source:
        org = tmp_path / "exports" / "cpas-ixelles"
        shutil.copytree(source, org)
    table = org / "export" / "partenaires.csv"
    lines = table.read_text(encoding="cp1252").splitlines()
    # An undeclared column whose header says it holds phone numbers: the table is refused whole.
    lines = [lines[0] + ";telephone"] + [line + ";" for line in lines[1:]]
    table.write_text("\n".join(lines) + "\n", encoding="cp1252")
    key = tmp_path / "network.key"
    key.write_text("a-test-key-of-enough-length-0123456789\n", encoding="utf-8")
    key.chmod(0o600)

    summary = ingest(tmp_path / "exports", store=tmp_path / "store", key_file=key, lang="en")
    export = summary.exports[0]
    assert export.tables_refused == 1
    assert "INCOMPLETE: 1 table(s) refused whole" in to_text(summary)
    assert "INCOMPLETE" in to_html(summary)
    terms = json.loads(to_json(summary))["exports"][0]["terms"]
    assert terms["complete"] is False and terms["tables_refused"] == 1


def test_a_finding_made_severe_by_a_rule_says_why(tmp_path: Path) -> None:
    """An unmapped term is a warning, but in a required column (the intervention's type) the rule the
    row then breaks makes it a violation: the summary says which rule, in the run's language."""
    import json

    from referentiel.intake import ingest
    from referentiel.intake.summary import to_json, to_text

    for lang, because in (("en", "(violation because: "), ("fr", "(violation parce que : ")):
        summary = ingest(store=tmp_path / lang, lang=lang)
        one = next(e for e in summary.exports if e.organisation == "one-consultation-anderlecht")
        unmapped = [f for f in one.findings if f.kind == "unmapped-term"]
        assert unmapped and all(f.severity == "violation" and f.raised_by for f in unmapped)
        line = next(x for x in to_text(summary).splitlines() if "row 7" in x or "ligne 7" in x)
        assert because in line
        findings = json.loads(to_json(summary))["exports"]
        raised = [f for e in findings for f in e["findings"] if f["raised_by"]]
        assert raised and all(f["severity"] == "violation" for f in raised)
    # A warning nobody raised carries no reason.
    assert all(f.raised_by is None for f in one.findings if f.severity == "warning")
