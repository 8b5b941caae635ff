"""translate: the examples become RDF with provenance; nothing is lost; personal ids are pseudonymised."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF, SKOS, XSD

from referentiel.cli import cli
from referentiel.errors import ConfigError
from referentiel.namespaces import REF, REFC, REFD
from referentiel.provenance import locate
from referentiel.translation.translator import TranslationResult, translate

ROOT = Path(__file__).resolve().parents[2]
ORGS = ROOT / "examples" / "organisations"
EXAMPLES = ["cpas-ixelles", "one-consultation-anderlecht", "creche-les-lucioles", "amo-le-tremplin"]
KEY = "test-key-0123456789abcdef"


def run(org: str, key: str = KEY) -> TranslationResult:
    return translate([ORGS / org / "export"], ORGS / org / "profile.yaml", key=key)


@pytest.fixture(scope="module")
def results() -> dict[str, TranslationResult]:
    return {org: run(org) for org in EXAMPLES}


def by_value(graph: Graph, value: str) -> list[URIRef]:
    return list(graph.subjects(RDF.value, Literal(value)))


@pytest.mark.parametrize("org", ["cpas-ixelles", "creche-les-lucioles", "amo-le-tremplin"])
def test_clean_examples_translate_without_errors_or_warnings(results: dict, org: str) -> None:
    result = results[org]
    assert result.count("violation") == 0 and result.count("warning") == 0, [str(i) for i in result.issues]
    assert all(f.rows_rejected == 0 and f.rows_translated == f.rows_read > 0 for f in result.files)
    assert len(result.graph) > 1000


def test_defective_example_reports_each_defect_in_the_partners_terms(results: dict) -> None:
    issues = {
        (i.kind, i.file, i.row, i.column)
        for i in results["one-consultation-anderlecht"].issues
        if i.severity != "info"
    }
    assert issues == {
        ("unknown-column", "activites.csv", None, "secteur_stat"),
        ("rejected-row", "activites.csv", 42, None),
        ("unmapped-term", "activites.csv", 7, "type"),
        ("unmapped-term", "activites.csv", 19, "type"),
        ("unparsable", "activites.csv", 31, "date"),
    }
    texts = [str(i) for i in results["one-consultation-anderlecht"].issues]
    assert "activites.csv, row 7, column type: 'Visite à dom.' has no mapping to the framework" in texts


def test_unmapped_term_is_kept_verbatim_and_located(results: dict) -> None:
    graph = results["one-consultation-anderlecht"].graph
    (ov,) = by_value(graph, "Visite à dom.")
    assert graph.value(ov, REF.mappingStatus) == Literal("unmapped")
    assert graph.value(ov, REF.mappedTo) is None
    (subject,) = graph.subjects(REF.originalValue, ov)
    assert graph.value(subject, REF.interventionType) is None  # not turned into something else
    where = locate(graph, subject, REF.interventionType)
    assert (where.file, where.row, where.column, where.original) == (
        "activites.csv",
        7,
        "type",
        "Visite à dom.",
    )
    assert str(where) == "activites.csv, row 7, column type"


def test_match_predicates_are_kept_and_only_sound_ones_asserted(results: dict) -> None:
    graph = results["one-consultation-anderlecht"].graph

    def one_cell(term: str) -> tuple[URIRef, URIRef]:
        ov = by_value(graph, term)[0]
        return ov, next(graph.subjects(REF.originalValue, ov))

    ov, subject = one_cell("Soutien à la parentalité")  # relatedMatch: recorded, not asserted
    assert graph.value(ov, REF.mappedTo) == REFC["intervention-type-accompaniment"]
    assert graph.value(ov, REF.mappingPredicate) == Literal(str(SKOS.relatedMatch), datatype=XSD.anyURI)
    assert graph.value(subject, REF.interventionType) is None
    ov, subject = one_cell("Entretien prénatal")  # broadMatch: the framework concept is broader -> asserted
    assert graph.value(ov, REF.mappingPredicate) == Literal(str(SKOS.broadMatch), datatype=XSD.anyURI)
    assert graph.value(subject, REF.interventionType) == REFC["intervention-type-individual-interview"]
    ov, subject = one_cell("VAD")
    assert graph.value(ov, REF.mappingPredicate) == Literal(str(SKOS.exactMatch), datatype=XSD.anyURI)
    assert graph.value(subject, REF.interventionType) == REFC["intervention-type-home-visit"]


def test_no_equivalent_is_explicit(results: dict) -> None:
    graph = results["cpas-ixelles"].graph
    ovs = by_value(graph, "mobilité")
    assert ovs
    for ov in ovs:
        assert graph.value(ov, REF.mappingStatus) == Literal("no-equivalent")
        assert graph.value(ov, REF.mappedTo) is None
        assert graph.value(graph.value(ov, REF.inColumn), REF.forProperty) == REF.hasNeed


def test_bad_date_is_kept_as_unparsable(results: dict) -> None:
    graph = results["one-consultation-anderlecht"].graph
    (ov,) = by_value(graph, "2024-13-05")
    assert graph.value(ov, REF.mappingStatus) == Literal("unparsable")
    subject = next(graph.subjects(REF.originalValue, ov))
    assert graph.value(subject, REF.date) is None
    assert graph.value(subject, REF.interventionType) is not None  # the rest of the row is translated


def test_rejected_row_makes_no_resource(results: dict) -> None:
    graph = results["one-consultation-anderlecht"].graph
    rows = {
        int(r)
        for r in graph.objects(None, REF.sourceRow)
        if (next(graph.subjects(REF.sourceRow, r)), REF.sourceFile, Literal("activites.csv")) in graph
    }
    assert 42 not in rows and {2, 41, 43, 59} <= rows


def test_provenance_of_every_resource(results: dict) -> None:
    for result in results.values():
        graph = result.graph
        for klass in (REF.Professional, REF.Situation, REF.Intervention, REF.Organisation):
            for subject in graph.subjects(RDF.type, klass):
                record = graph.value(subject, PROV.wasDerivedFrom)
                assert record is not None and graph.value(record, REF.sourceFile) is not None, subject


def test_xlsx_sheet_and_serial_dates(results: dict) -> None:
    graph = results["creche-les-lucioles"].graph
    pro = REFD["creche-les-lucioles/professional/LUC01"]
    where = locate(graph, pro, REF.startDate)
    assert (where.file, where.sheet, where.row, where.column) == (
        "export_lucioles.xlsx",
        "Personnel",
        2,
        "Entrée",
    )
    start = graph.value(pro, REF.startDate)
    assert start.datatype == XSD.date
    assert graph.value(pro, REF.role) == REFC["role-childcare-worker"]
    links = list(graph.subjects(RDF.type, REF.NetworkLink))
    assert len(links) == 40 and all(graph.value(x, REF.trustStatus) for x in links)


def test_referrals_link_organisations_across_partners(results: dict) -> None:
    graph = results["cpas-ixelles"].graph
    targets = set(graph.objects(None, REF.toOrganisation))
    assert REFD["organisation/amo-le-tremplin"] in targets
    assert (REFD["organisation/amo-le-tremplin"], RDF.type, REF.Organisation) in graph
    amo = results["amo-le-tremplin"].graph
    assert REFD["organisation/cpas-ixelles"] in set(amo.objects(None, REF.toOrganisation))


def _personal_values(org: str) -> set[str]:
    from referentiel.translation.profile import load_profile
    from referentiel.translation.readers import read_table
    from referentiel.translation.translator import cell_text

    profile = load_profile(ORGS / org / "profile.yaml")
    values = set()
    for table, col in profile.personal_columns:
        export = ORGS / org / "export" / table.url
        data = read_table(export, sheet=table.sheet, delimiter=table.delimiter, encoding=table.encoding)
        index = data.header.index(col.title)
        for _, cells in data.rows:
            raw = cells[index]
            items = raw if isinstance(raw, list) else cell_text(raw).split(col.separator or "\x00")
            values.update(cell_text(v).strip() for v in items if cell_text(v).strip())
    return values


@pytest.mark.parametrize("org", EXAMPLES)
def test_raw_personal_ids_appear_nowhere_in_the_output(results: dict, org: str) -> None:
    values = _personal_values(org)
    assert len(values) > 20
    result = results[org]
    for fmt in ("nt", "turtle", "json-ld"):
        text = result.graph.serialize(format=fmt)
        leaked = [v for v in values if v in text]
        assert not leaked, (fmt, leaked[:3])
    report = json.dumps(result.report(), ensure_ascii=False)
    assert not [v for v in values if v in report]
    assert KEY not in report


def test_same_family_links_across_partners_with_the_same_key(results: dict) -> None:
    def families(graph: Graph) -> set:
        return set(graph.subjects(RDF.type, REF.Family))

    shared = families(results["cpas-ixelles"].graph) & families(results["amo-le-tremplin"].graph)
    assert len(shared) == 25  # F-1001..F-1025 are followed by both (see make_examples.py)
    other = run("amo-le-tremplin", key="another-key-0123456789")
    assert not families(results["cpas-ixelles"].graph) & families(other.graph)


def test_no_key_is_a_clear_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REFERENTIEL_PSEUDONYM_KEY", raising=False)
    with pytest.raises(ConfigError, match="no pseudonymisation key") as info:
        translate([ORGS / "cpas-ixelles" / "export"], ORGS / "cpas-ixelles" / "profile.yaml")
    assert info.value.exit_code == 2 and "REFERENTIEL_PSEUDONYM_KEY" in info.value.hint
    with pytest.raises(ConfigError, match="too short"):
        translate([ORGS / "cpas-ixelles" / "export"], ORGS / "cpas-ixelles" / "profile.yaml", key="short")


def test_key_from_environment_and_key_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, results: dict
) -> None:
    monkeypatch.setenv("REFERENTIEL_PSEUDONYM_KEY", KEY)
    from_env = translate([ORGS / "amo-le-tremplin" / "export"], ORGS / "amo-le-tremplin" / "profile.yaml")
    assert isomorphic(from_env.graph, results["amo-le-tremplin"].graph)
    monkeypatch.delenv("REFERENTIEL_PSEUDONYM_KEY")
    key_file = tmp_path / "key"
    key_file.write_text(KEY + "\n")
    key_file.chmod(0o600)  # a key file others can read is refused (whatever the umask of the run)
    from_file = translate(
        [ORGS / "amo-le-tremplin" / "export"], ORGS / "amo-le-tremplin" / "profile.yaml", key_file=key_file
    )
    assert isomorphic(from_file.graph, results["amo-le-tremplin"].graph)


# ------------------------------------------------------------------ personal data that is not declared

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


def valid_niss() -> str:
    body = "850101123"
    return body + f"{97 - int(body) % 97:02d}"


def make_export(tmp_path: Path, header: str, rows: list[str]) -> tuple[Path, Path]:
    (tmp_path / "m.sssom.tsv").write_text(MAPPINGS, encoding="utf-8")
    profile = tmp_path / "p.yaml"
    profile.write_text(PROFILE, encoding="utf-8")
    export = tmp_path / "pros.csv"
    export.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return export, profile


@pytest.mark.parametrize(
    ("header", "cells", "kind"),
    [
        ("id;fonction;Nom", ["Martin", "Dupont"], "names"),
        ("id;fonction;Prénom de la mère", ["Awa", "Sofia"], "names"),
        ("id;fonction;Adresse", ["rue Haute 1", "rue Basse 2"], "addresses"),
        ("id;fonction;Remarques", ["a vu le juge", "rien"], "free-text notes"),
        ("id;fonction;ref", [valid_niss(), "x"], "national numbers"),
        ("id;fonction;contact", ["parent@example.org", "x"], "e-mail"),
    ],
)
def test_undeclared_personal_column_refuses_the_table(
    tmp_path: Path, header: str, cells: list[str], kind: str
) -> None:
    export, profile = make_export(tmp_path, header, [f"1;AS;{cells[0]}", f"2;AS;{cells[1]}"])
    result = translate([export], profile, key=KEY)
    (issue,) = [i for i in result.issues if i.kind == "personal-data"]
    assert issue.severity == "violation" and issue.column == header.split(";")[2] and kind in issue.message
    assert "personal: true" in issue.message and "suppressOutput" in issue.message
    assert result.files[0].refused and result.files[0].rows_translated == 0
    assert not list(result.graph.subjects(RDF.type, REF.Professional))
    dumped = json.dumps(result.report(), ensure_ascii=False) + result.graph.serialize(format="nt")
    assert not any(c in dumped for c in cells if len(c) > 2)


def test_suppressed_column_is_dropped_not_refused(tmp_path: Path) -> None:
    export, profile = make_export(tmp_path, "id;fonction;Nom", ["1;AS;Martin"])
    profile.write_text(PROFILE + "      - {titles: Nom, suppressOutput: true}\n", encoding="utf-8")
    result = translate([export], profile, key=KEY)
    assert not result.issues and "Martin" not in result.graph.serialize(format="nt")


def test_missing_key_column_refuses_and_unknown_file_is_reported(tmp_path: Path) -> None:
    export, profile = make_export(tmp_path, "code;fonction", ["1;AS"])
    other = tmp_path / "autre.csv"
    other.write_text("a;b\n1;2\n", encoding="utf-8")
    result = translate([export, other], profile, key=KEY)
    kinds = {(i.kind, i.file) for i in result.issues}
    assert ("missing-column", "pros.csv") in kinds and ("unknown-file", "autre.csv") in kinds
    assert result.worst == "violation"


def test_duplicate_ids_and_empty_ids(tmp_path: Path) -> None:
    export, profile = make_export(tmp_path, "id;fonction", ["1;AS", "1;AS", ";AS"])
    result = translate([export], profile, key=KEY)
    kinds = sorted((i.kind, i.row) for i in result.issues)
    assert kinds == [("duplicate-id", 3), ("rejected-row", 4)]


# ----------------------------------------------------------------------------------------- the CLI


def test_cli_translate_writes_the_same_graph(
    runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, results: dict
) -> None:
    monkeypatch.setenv("REFERENTIEL_PSEUDONYM_KEY", KEY)
    out, report = tmp_path / "amo.nt", tmp_path / "report.json"
    args = [
        "translate",
        str(ORGS / "amo-le-tremplin" / "export"),
        "--profile",
        str(ORGS / "amo-le-tremplin" / "profile.yaml"),
        "--format",
        "nt",
        "-o",
        str(out),
        "--report",
        str(report),
    ]
    res = runner.invoke(cli, args)
    assert res.exit_code == 0, res.output
    assert isomorphic(Graph().parse(out, format="nt"), results["amo-le-tremplin"].graph)
    data = json.loads(report.read_text())
    assert data["organisation"] == "amo-le-tremplin" and data["issues_by_severity"]["violation"] == 0
    assert KEY not in res.output + report.read_text()


def test_cli_translate_exit_codes(runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFERENTIEL_PSEUDONYM_KEY", KEY)
    base = [
        "translate",
        str(ORGS / "one-consultation-anderlecht" / "export"),
        "--profile",
        str(ORGS / "one-consultation-anderlecht" / "profile.yaml"),
        "-o",
        str(tmp_path / "one.ttl"),
    ]
    res = runner.invoke(cli, [*base, "--lang", "en"])
    assert res.exit_code == 1
    assert "activites.csv, row 7, column type: 'Visite à dom.' has no mapping to the framework" in res.stderr
    res = runner.invoke(cli, base)  # French by default, like `validate`
    assert res.exit_code == 1
    assert (
        "avertissement : activites.csv, ligne 7, colonne type : "
        "'Visite à dom.' n'a pas de correspondance dans le référentiel"
    ) in res.stderr
    assert runner.invoke(cli, [*base, "--fail-on", "never"]).exit_code == 0
    assert (tmp_path / "one.ttl").exists()
    monkeypatch.delenv("REFERENTIEL_PSEUDONYM_KEY")
    from referentiel.cli import main

    with pytest.raises(SystemExit) as info:
        main(base)
    assert info.value.code == 2


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_serialisations_agree_with_the_graph(results: dict, fmt: str, rdflib_format: str) -> None:
    result = results["creche-les-lucioles"]
    parsed = Graph().parse(data=result.serialize(fmt).decode("utf-8"), format=rdflib_format)
    assert isomorphic(parsed, result.graph)
    assert len(result) == len(result.graph)


def test_progress_counts_the_rows_of_every_file() -> None:
    from referentiel.progress import RecordingProgress

    progress = RecordingProgress()
    org = ORGS / "cpas-ixelles"
    result = translate(org / "export", org / "profile.yaml", key=KEY, progress=progress)
    stages = [event for event in progress.events if event[0] == "stage"]
    assert sorted(name for _, name, _, _ in stages) == sorted(f"translate {f.file}" for f in result.files)
    assert all(unit == "rows" for *_, unit in stages)
    advanced = sum(event[1] for event in progress.events if event[0] == "advance")
    rows = sum(total for _, _, total, _ in stages)
    assert advanced == rows == sum(len(f_rows) for f_rows in _data_rows(org / "export"))


def _data_rows(folder: Path) -> list[list[str]]:
    import csv

    tables = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="cp1252", newline="") as handle:
            tables.append([row for row in csv.reader(handle, delimiter=";")][1:])
    return tables


@pytest.mark.parametrize(("table", "column"), [("interventions.csv", 0), ("interventions.csv", 4)])
def test_a_name_typed_in_an_identifier_column_refuses_the_table(
    tmp_path: Path, table: str, column: int
) -> None:
    import shutil

    export = tmp_path / "export"
    shutil.copytree(ORGS / "cpas-ixelles" / "export", export)
    path = export / table
    lines = path.read_text(encoding="cp1252").splitlines()
    cells = lines[3].split(";")
    cells[column] = "Jeanne Dupontelle"  # the intervention number / the worker's code (not personal)
    lines[3] = ";".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="cp1252")

    result = translate(export, ORGS / "cpas-ixelles" / "profile.yaml", key=KEY)
    (issue,) = [i for i in result.issues if i.kind == "personal-data"]
    assert issue.file == table and issue.severity == "violation" and "look like names" in issue.message
    assert [f.file for f in result.files if f.refused] == [table]
    text = result.serialize("nt").decode() + json.dumps(result.report(), ensure_ascii=False)
    assert "Dupontelle" not in text


def test_a_name_in_a_list_of_references_refuses_the_table(tmp_path: Path) -> None:
    # "Marie Dupontelle/pep-01" (a separator) or ["Marie Dupontelle", "T8"] (a JSON array) used to
    # pass the check on the whole cell, and the name was published in a professional's IRI.
    import shutil

    one = tmp_path / "one"
    shutil.copytree(ORGS / "one-consultation-anderlecht", one)
    path = one / "export" / "reunions.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[2].split("\t")
    cells[3] = "Marie Dupontelle/pep-01"
    lines[2] = "\t".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    amo = tmp_path / "amo"
    shutil.copytree(ORGS / "amo-le-tremplin", amo)
    path = amo / "export" / "reunions.json"
    meetings = json.loads(path.read_text(encoding="utf-8"))
    meetings[0]["participants"] = ["Marie Dupontelle", "T8"]
    path.write_text(json.dumps(meetings, ensure_ascii=False), encoding="utf-8")

    for org, table in ((one, "reunions.tsv"), (amo, "reunions.json")):
        result = translate(org / "export", org / "profile.yaml", key=KEY)
        assert [f.file for f in result.files if f.refused] == [table]
        (issue,) = [i for i in result.issues if i.kind == "personal-data"]
        assert issue.column == "participants" and "look like names" in issue.message
        assert "Dupontelle" not in result.serialize("nt").decode()


def test_service_names_used_as_professional_ids_are_not_refused(tmp_path: Path) -> None:
    import shutil

    export = tmp_path / "export"
    shutil.copytree(ORGS / "cpas-ixelles" / "export", export)
    path = export / "travailleurs.csv"
    lines = path.read_text(encoding="cp1252").splitlines()
    lines[3] = "Service Social" + lines[3][lines[3].index(";"):]
    lines[4] = "AS NORD" + lines[4][lines[4].index(";"):]
    path.write_text("\n".join(lines) + "\n", encoding="cp1252")

    result = translate(export, ORGS / "cpas-ixelles" / "profile.yaml", key=KEY)
    assert not [f.file for f in result.files if f.refused]
    assert not [i for i in result.issues if i.kind == "personal-data"]


def test_a_refused_table_ends_its_progress_stage(tmp_path: Path) -> None:
    # A refused last table left its progress line open: the summary was printed on the same line.
    import shutil

    from referentiel.progress import RecordingProgress

    org = tmp_path / "cpas"
    shutil.copytree(ORGS / "cpas-ixelles", org)
    path = org / "export" / "travailleurs.csv"  # the last table read
    text = path.read_text(encoding="cp1252")
    path.write_text(text.replace("TS02;", "Jeanne Dupontelle;", 1), encoding="cp1252")
    (org / "export" / "partenaires.csv").write_text("nothing;here\n1;2\n", encoding="cp1252")

    progress = RecordingProgress()
    result = translate(org / "export", org / "profile.yaml", key=KEY, progress=progress)
    assert {f.file for f in result.files if f.refused} == {"travailleurs.csv", "partenaires.csv"}
    kinds = [event[0] for event in progress.events if event[0] in ("stage", "done")]
    assert kinds == ["stage", "done"] * len(result.files)


def test_a_note_typed_in_a_reference_column_refuses_the_table(tmp_path: Path) -> None:
    # Seven words are not a name by the name rule: the note became the professional's IRI.
    import csv
    import io
    import shutil

    export = tmp_path / "export"
    shutil.copytree(ORGS / "cpas-ixelles" / "export", export)
    path = export / "dossiers.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="cp1252")), delimiter=";"))
    rows[3][rows[0].index("as_referent")] = "Madame Quxworth a peur de son mari"
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="cp1252")

    result = translate(export, ORGS / "cpas-ixelles" / "profile.yaml", key=KEY)
    assert [f.file for f in result.files if f.refused] == ["dossiers.csv"]
    (issue,) = [i for i in result.issues if i.kind == "personal-data"]
    assert issue.column == "as_referent" and "free-text notes" in issue.message
    assert "notes en texte libre" in issue.text("fr")
    text = result.serialize("nt").decode() + json.dumps(result.report(lang="nl"), ensure_ascii=False)
    assert "Quxworth" not in text


def test_an_unreadable_birth_year_does_not_name_the_child_iri(tmp_path: Path) -> None:
    # The child's IRI was made of the cell's text: "family/.../child/Zyxwabert-1".
    import csv
    import io
    import shutil

    export = tmp_path / "export"
    shutil.copytree(ORGS / "cpas-ixelles" / "export", export)
    path = export / "dossiers.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="cp1252")), delimiter=";"))
    rows[3][rows[0].index("enfants_naissance")] = "2019,Zyxwabert"
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="cp1252")

    result = translate(export, ORGS / "cpas-ixelles" / "profile.yaml", key=KEY)
    assert [i for i in result.issues if i.kind == "unparsable" and i.row == 4]
    children = {str(s) for s in result.graph.subjects(RDF.type, REF.Child)}
    assert not [c for c in children if "Zyxwabert" in c]
    assert [c for c in children if c.endswith("/child/unparsable-1")]
    assert [c for c in children if c.endswith("/child/2019-1")]


def test_date_times_keep_their_date_and_the_time_as_written(tmp_path: Path) -> None:
    """An agenda tool's ISO date-times: the meeting gets its date, the original value keeps the time."""
    profile = Path(__file__).parent / "data" / "date-times" / "profile.yaml"
    (tmp_path / "vergaderingen.csv").write_text(
        "id;datum\nV1;2025-02-03T10:00\nV2;2025-02-04 14:30:00+01:00\nV3;2025-02-30T10:00\n", encoding="utf-8"
    )
    result = translate([tmp_path / "vergaderingen.csv"], profile, key=KEY)
    graph = result.graph
    dates = sorted(str(o) for o in graph.objects(None, REF.date))
    assert dates == ["2025-02-03", "2025-02-04"]
    assert by_value(graph, "2025-02-03T10:00") and by_value(graph, "2025-02-04 14:30:00+01:00")
    [issue] = [i for i in result.issues if i.kind == "unparsable"]
    assert (issue.row, issue.column) == (4, "datum")
    assert "yyyy-MM-ddTHH:mm" in str(issue) and "ISO 8601" in str(issue)
