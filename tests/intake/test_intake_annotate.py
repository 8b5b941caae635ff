"""`ingest --dry-run` (check without loading) and the annotated copy of an export (`--annotate`)."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl

from referentiel.cli import cli
from referentiel.intake.annotate import annotate
from referentiel.intake.pipeline import (
    bundled_examples_dir,
    bundled_original,
    demo_key_file,
    discover,
    ingest,
    known_profiles,
)

EXAMPLES = bundled_examples_dir()
ONE = "one-consultation-anderlecht"


def test_dry_run_checks_without_opening_the_store(tmp_path):
    store = tmp_path / "store"
    summary = ingest(store=store, dry_run=True, lang="en")
    statuses = {e.organisation: e.status for e in summary.exports}
    assert statuses[ONE] == "refused"
    assert {s for o, s in statuses.items() if o != ONE} == {"conforms"}
    assert not store.exists()
    assert summary.exit_code == 1
    assert summary.to_dict()["target"] == {"kind": "none", "location": ""}
    assert summary.totals()["conforms"] == 3 and summary.totals()["loaded"] == 0


def test_a_load_says_what_it_replaced(tmp_path):
    store = tmp_path / "store"
    first = ingest(store=store)
    assert all(e.replaced is None for e in first.exports)
    second = ingest(store=store)
    cpas = next(e for e in second.exports if e.organisation == "cpas-ixelles")
    assert cpas.replaced["triples"] > 0 and "dossiers.csv" in cpas.replaced["sources"]
    assert cpas.to_dict()["replaced"] == cpas.replaced


def test_an_upload_of_a_bundled_export_is_recognised_byte_for_byte():
    files = [(p.name, p.read_bytes()) for p in sorted((EXAMPLES / ONE / "export").iterdir())]
    assert bundled_original(ONE, files) == EXAMPLES / ONE
    assert bundled_original(ONE, files[:-1]) is None  # a part of it is not the bundled export
    changed = [(files[0][0], files[0][1] + b"\n")] + files[1:]
    assert bundled_original(ONE, changed) is None
    assert bundled_original("no-such-org", files) is None
    assert demo_key_file() == EXAMPLES / "DEMO-ONLY.key"


def test_known_profiles_lists_the_organisations_of_a_folder(tmp_path):
    assert set(known_profiles(EXAMPLES)) == {ONE, "cpas-ixelles", "creche-les-lucioles", "amo-le-tremplin"}
    (tmp_path / "solo.yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    assert set(known_profiles(tmp_path)) == {"solo"}
    assert known_profiles(tmp_path / "missing") == {}


def _one_workbook(lang: str = "fr") -> openpyxl.Workbook:
    from referentiel.intake.adapters import load_profile

    summary = ingest(dry_run=True, lang=lang)
    result = next(e for e in summary.exports if e.organisation == ONE)
    export = next(e for e in discover(EXAMPLES) if e.organisation == ONE)
    return openpyxl.load_workbook(
        io.BytesIO(annotate(result, export.files, load_profile(export.profile), lang))
    )


def test_annotated_copy_highlights_the_faulty_cells_with_the_message():
    workbook = _one_workbook()
    assert workbook.sheetnames == ["Rapport", "activites.csv", "familles.csv", "pep.csv", "reunions.tsv"]
    sheet = workbook["activites.csv"]
    date = sheet["B31"]
    assert date.value == "2024-13-05"
    assert date.fill.start_color.rgb.endswith("FFC7CE")
    assert date.comment.text.startswith("violation : ") or date.comment.text.startswith("violation: ")
    assert "n'est pas une date" in date.comment.text
    assert sheet["C7"].value == "Visite à dom." and sheet["C7"].comment is not None
    warning = sheet["G1"]  # the unknown column: no row, marked on its header, in amber
    assert warning.value == "secteur_stat" and warning.fill.start_color.rgb.endswith("FFEB9C")
    report = workbook["Rapport"]
    assert report["A1"].value == "Statut" and report.max_row == 1 + 8
    links = [c.hyperlink.location for c in report["F"][1:] if c.hyperlink]
    assert "'activites.csv'!B31" in links


def test_annotated_copy_masks_personal_columns_and_speaks_the_language():
    workbook = _one_workbook("nl")
    families = workbook["familles.csv"]
    assert [c.value for c in families[2]][:2] == ["[masqué]", "[masqué]"]
    assert "schending" in workbook["activites.csv"]["B31"].comment.text


def test_ingest_command_dry_run_and_annotate(runner, tmp_path, code_of):
    out = tmp_path / "annotated"
    out.mkdir()
    result = runner.invoke(
        cli,
        ["ingest", "--dry-run", "--annotate", str(out), "--store", str(tmp_path / "s"), "-q", "--lang", "en"],
    )
    assert code_of(result) == 1
    assert "would load" in result.output and "REFUSED" in result.output
    assert (out / f"{ONE}.annotated.xlsx").is_file()
    assert not (tmp_path / "s").exists()
    missing = runner.invoke(cli, ["ingest", "--dry-run", "--annotate", str(tmp_path / "nope")])
    assert code_of(missing) == 2


def test_annotate_without_profile_reads_the_files_as_they_are(tmp_path):
    from referentiel.intake.summary import ExportResult, Finding

    data = tmp_path / "a.csv"
    data.write_text("id,value\n1,x\n2,y\n", encoding="utf-8")
    result = ExportResult(
        "org", str(tmp_path), findings=[Finding("warning", "k", "validation", "m", "a.csv", None, 3, "value")]
    )
    workbook = openpyxl.load_workbook(io.BytesIO(annotate(result, [Path(data)], None, "en")))
    assert workbook.sheetnames == ["Report", "a.csv"]
    assert workbook["a.csv"]["B3"].comment.text == "warning: m"


def test_a_partner_formula_stays_text_in_the_annotated_copy(tmp_path):
    from referentiel.intake.summary import ExportResult, Finding

    data = tmp_path / "a.csv"
    data.write_text('id,note\n1,"=HYPERLINK(""http://x"",""y"")"\n', encoding="utf-8")
    finding = Finding("violation", "k", "validation", "=bad", "a.csv", None, 2, "note")
    result = ExportResult("org", str(tmp_path), findings=[finding])
    workbook = openpyxl.load_workbook(io.BytesIO(annotate(result, [data], None, "en")))
    cell = workbook["a.csv"]["B2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    assert workbook["Report"]["F2"].data_type == "s"
