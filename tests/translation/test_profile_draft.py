"""`referentiel profile draft`: guesses from an unseen export, all marked for review, loadable."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from referentiel.cli import cli
from referentiel.errors import ConfigError
from referentiel.translation.profile import load_profile
from referentiel.translation.profile_draft import (
    collect_organisations,
    draft_profile,
    guess_date_format,
    guess_separator,
    render_profile,
)
from referentiel.translation.sssom import read_mapping_set

ROOT = Path(__file__).resolve().parents[2]
PARTNER = ROOT / "examples" / "partners" / "huis-van-het-kind-gent"


@pytest.fixture
def partner(tmp_path: Path) -> Path:
    target = tmp_path / "huis-van-het-kind-gent"
    shutil.copytree(PARTNER / "export", target / "export")
    return target


def test_dutch_partner_export_is_drafted_into_a_loadable_profile(partner: Path, runner) -> None:
    out = partner / "profile.yaml"
    result = runner.invoke(cli, ["profile", "draft", str(partner / "export"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    profile = load_profile(out)
    assert profile.slug == "huis-van-het-kind-gent"  # from the folder holding export/
    entities = {t.url: t.entity for t in profile.tables}
    assert entities == {
        "contacten.csv": "intervention",
        "doorverwijzingen.csv": "referral",
        "gezinnen.csv": "situation",
        "medewerkers.csv": "professional",
        "overleg.csv": "meeting",
    }
    tables = {t.url: t for t in profile.tables}
    situation = tables["gezinnen.csv"]
    assert (
        situation.column("gezinscode").property.name == "beneficiary"
        and situation.column("gezinscode").personal
    )
    assert situation.column("hulpvragen").separator == ","
    assert situation.column("telefoon").suppress and tables["medewerkers.csv"].column("naam").suppress
    assert tables["overleg.csv"].column("deelnemers").property.name == "participant"
    # the agenda tool's ISO date-times are recognised as such (the day is kept, the time stays written)
    assert tables["overleg.csv"].column("datum").formats == ["%Y-%m-%dT%H:%M"]
    assert tables["contacten.csv"].column("datum").formats == ["%Y-%m-%d"]
    assert tables["contacten.csv"].column("partner").property.name == "involvedOrganisation"
    assert situation.delimiter == ";" and situation.primary_key == ["dossiernr"]
    assert profile.organisations["ocmw gent"] == "ocmw-gent"
    text = out.read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip().startswith(("property:", "suppressOutput:", "entity:")):
            assert "# REVIEW:" in line, line
    # Nothing of the personal columns' cells leaks into the profile.
    cells = (partner / "export" / "medewerkers.csv").read_text(encoding="utf-8")
    assert "Verhaegen" in cells and "Verhaegen" not in text and "09 2" not in text
    assert read_mapping_set(partner / "mappings.sssom.tsv").mappings == []  # written for `mappings suggest`
    again = runner.invoke(cli, ["profile", "draft", str(partner / "export"), "-o", str(out)])
    # refused with the ConfigError that main() says in --lang and exits 2 with
    assert isinstance(again.exception, ConfigError) and again.exception.exit_code == 2
    assert "--force" in str(again.exception)


def test_other_dialects_workbooks_and_json(tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    (export / "Personnel.csv").write_bytes(
        "matricule,fonction,date_entree,date_sortie,remarque\n"
        "T01,Assistante sociale,03/02/2020,,Très impliquée auprès des familles du quartier nord depuis "
        "longtemps\n"
        "T02,Éducateur,15/09/2021,31/12/2024,\n".encode("cp1252")
    )
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Reunions"
    sheet.append(["id_reunion", "date", "type_reunion", "participants"])
    sheet.append(["R1", "2025-03-01", "Réunion de réseau", "T01|T02"])
    sheet.append(["R2", "2025-03-08", "Intervision", "T02"])
    notes = book.create_sheet("Contacts")
    notes.append(["id", "nom_parent", "niss"])
    notes.append(["X1", "Marie Dupont", "85.07.30-033.61"])
    book.save(export / "agenda.xlsx")
    (export / "dossiers.json").write_text(
        json.dumps([{"dossier": "D1", "famille": "F1", "debut": "2024-01-02", "besoins": "logement; santé"}]),
        encoding="utf-8",
    )
    draft = draft_profile([export], "service-test", "Service test")
    collect_organisations(draft, [export])
    tables = {(t.url, t.sheet): t for t in draft.tables}
    staff = tables[("Personnel.csv", None)]
    assert staff.entity == "professional" and staff.delimiter == "," and staff.encoding == "cp1252"
    roles = {c.title: (c.property, c.refused, c.date_format) for c in staff.columns}
    assert roles["date_entree"] == ("startDate", False, "dd/MM/yyyy")
    assert roles["remarque"][1] is True  # a note
    assert tables[("agenda.xlsx", "Reunions")].entity == "meeting"
    contacts = {c.title: c for c in tables[("agenda.xlsx", "Contacts")].columns}
    assert contacts["nom_parent"].refused and contacts["niss"].refused
    dossiers = tables[("dossiers.json", None)]
    assert dossiers.entity == "situation"
    assert {c.title: c.separator for c in dossiers.columns}["besoins"] == ";"
    profile_path = tmp_path / "profile.yaml"
    (tmp_path / "mappings.sssom.tsv").write_text("", encoding="utf-8")
    profile_path.write_text(render_profile(draft), encoding="utf-8")
    profile = load_profile(profile_path)
    assert {(t.url, t.sheet) for t in profile.tables} == set(tables)
    assert "Dupont" not in profile_path.read_text(encoding="utf-8")
    assert "85.07.30" not in profile_path.read_text(encoding="utf-8")


def test_date_and_separator_guesses() -> None:
    assert guess_date_format(["2025-02-03", "2024-12-31"]) == "yyyy-MM-dd"
    assert guess_date_format(["03/02/2025", "31/12/2024"]) == "dd/MM/yyyy"
    assert guess_date_format(["12/31/2024"]) == "MM/dd/yyyy"
    assert guess_date_format(["soon"]) is None
    assert guess_separator(["a|b", "c", "d|e|f"]) == "|"
    assert guess_separator(["logement", "santé"]) is None


def test_missing_export_is_a_clear_error(tmp_path: Path, capsys) -> None:
    from referentiel.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["profile", "draft", str(tmp_path / "nope"), "-o", str(tmp_path / "p.yaml")])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "export file not found" in err and "Traceback" not in err


def test_the_agenda_tools_date_times_are_translated_with_the_times_as_written(partner: Path, runner) -> None:
    """Issue 11's Dutch partner: meetings exported as `2025-08-09T09:00` get their day as the meeting
    date, and the cell's original value keeps the time exactly as the partner wrote it."""
    from rdflib import Literal
    from rdflib.namespace import RDF

    from referentiel.namespaces import REF
    from referentiel.translation import translate

    out = partner / "profile.yaml"
    assert runner.invoke(cli, ["profile", "draft", str(partner / "export"), "-o", str(out)]).exit_code == 0
    result = translate([partner / "export" / "overleg.csv"], out, key="a-test-key-0123456789abcdef")
    graph = result.graph
    written = (partner / "export" / "overleg.csv").read_text(encoding="utf-8").splitlines()[1].split(";")[1]
    assert written == "2025-08-09T09:00"
    assert list(graph.subjects(RDF.value, Literal(written)))  # the time, as written
    dates = {str(o) for o in graph.objects(None, REF.date)}
    assert "2025-08-09" in dates and not any("T" in d for d in dates)
    assert not [i for i in result.issues if i.kind == "unparsable"]
