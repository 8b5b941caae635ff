"""`referentiel ingest`: the main job, end to end, on generated data with known defects and on the
bundled examples; plus the unusable inputs, the key rules and the reports."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from referentiel.cli import cli
from referentiel.errors import ConfigError, InputError
from referentiel.intake import ingest
from referentiel.intake.generator import generate
from referentiel.intake.pipeline import bundled_examples_dir
from referentiel.intake.summary import LOADED, NO_PROFILE, REFUSED, to_html, to_json, to_text

# ------------------------------------------------------------------ generated data, known defects


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A generated set with injected defects, ingested once through the Python API."""
    root = tmp_path_factory.mktemp("synthetic")
    data = root / "exports"
    generated = generate(data, families=30, seed=5, defect_rate=0.06)
    summary = ingest(data, store=root / "store", key_file=data / "SYNTHETIC-ONLY.key")
    return root, data, generated, summary


def test_intake_finds_exactly_the_injected_defects(synthetic) -> None:
    _, data, generated, summary = synthetic
    expected = json.loads((data / "expected-defects.json").read_text(encoding="utf-8"))["defects"]
    assert len(expected) >= 4
    wanted = {(d["organisation"], d["file"], d["sheet"], d["row"], d["column"], d["kind"]) for d in expected}
    found = {
        (export.organisation, f.file, f.sheet, f.row, f.column, f.kind)
        for export in summary.exports
        for f in export.findings
        if f.severity in ("violation", "warning")
    }
    assert found - wanted == set(), "reported but not injected"
    assert wanted - found == set(), "injected but not reported"


def test_each_export_is_loaded_or_refused_for_its_violations(synthetic) -> None:
    _, _, generated, summary = synthetic
    assert {e.organisation for e in summary.exports} == set(generated.organisations)
    for export in summary.exports:
        assert export.status == (REFUSED if export.count("violation") else LOADED), export.organisation
        assert export.rows_read > 0 and 0 < export.terms_mapped <= export.terms_total
    assert summary.exit_code == (1 if any(e.status == REFUSED for e in summary.exports) else 0)
    assert summary.key_source == "key-file" and not summary.demo_key


def test_the_store_holds_exactly_the_loaded_exports(synthetic) -> None:
    from referentiel.store import open_store

    root, _, _, summary = synthetic
    loaded = {e.graph: e.triples for e in summary.exports if e.status == LOADED}
    with open_store(root / "store", create=False) as store:
        graphs = {g.iri: g for g in store.graphs() if g.kind == "data"}
        assert set(graphs) == set(loaded)
        for iri, triples in loaded.items():
            count = store.query(
                f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}", union=False
            )
            assert int(count.rows[0][0].value) == triples


def _leaks(text: str, data: Path) -> list[str]:
    """Personal values of the generated exports that show up in ``text``."""
    from referentiel.privacy import find_niss

    found = find_niss(text)
    found += re.findall(r"\bF\d{7}\b", text)  # the generated family codes (personal identifiers)
    return found


def test_reports_carry_no_personal_data(synthetic) -> None:
    _, data, _, summary = synthetic
    for text in (to_text(summary), to_json(summary), to_html(summary)):
        assert _leaks(text, data) == []
    leak = next(f for e in summary.exports for f in e.findings if f.kind == "personal-data")
    assert leak.severity == "violation" and leak.column


def test_json_report_structure(synthetic) -> None:
    _, _, _, summary = synthetic
    document = json.loads(to_json(summary))
    assert document["format"] == "referentiel-intake-summary" and document["version"] == 1
    assert document["exit_code"] == summary.exit_code
    assert document["totals"]["exports"] == len(document["exports"])
    export = document["exports"][0]
    for key in ("organisation", "status", "rows_read", "terms", "counts", "findings", "files", "profile"):
        assert key in export
    assert set(export["terms"]) == {"total", "mapped", "share", "complete", "tables_refused"}
    for finding in (f for e in document["exports"] for f in e["findings"]):
        assert {"severity", "kind", "file", "row", "column", "message"} <= set(finding)


def test_html_report_is_self_contained(synthetic) -> None:
    _, _, _, summary = synthetic
    page = to_html(summary)
    assert page.startswith("<!DOCTYPE html>") and "</html>" in page
    assert "<script" not in page and "<link" not in page and "src=" not in page
    for export in summary.exports:
        assert export.organisation in page
    assert "unmapped-term" in page and "personal-data" in page


# ------------------------------------------------------------------ bundled examples, from the CLI


@pytest.fixture(scope="module")
def bundled_cli(tmp_path_factory):
    """`referentiel ingest` with no directory: the bundled examples, as the README's first command."""
    import os

    from click.testing import CliRunner

    work = tmp_path_factory.mktemp("bundled")
    before = os.getcwd()
    os.chdir(work)  # relative paths, as a user types them
    try:
        result = CliRunner().invoke(cli, ["ingest", "--store", "store", "--report", "report.html"])
    finally:
        os.chdir(before)
    return work, result


def test_bundled_examples_ingest_from_the_cli(bundled_cli, code_of) -> None:
    cwd, result = bundled_cli
    assert code_of(result) in (0, 1), result.output
    out = result.output
    assert "DEMO-ONLY" in out  # the run says which key made the pseudonyms
    for slug in ("cpas-ixelles", "amo-le-tremplin", "creche-les-lucioles", "one-consultation-anderlecht"):
        assert f"[{slug}]" in out
    assert "lignes lues" in out and "termes traduits" in out  # French unless --lang says otherwise
    assert (cwd / "report.html").is_file() and not (cwd / "report.html.part").exists()
    page = (cwd / "report.html").read_text(encoding="utf-8")
    assert "DEMO-ONLY" in page


def test_real_exports_never_use_the_demo_key(tmp_path: Path, monkeypatch, code_of, runner) -> None:
    monkeypatch.delenv("REFERENTIEL_PSEUDONYM_KEY", raising=False)
    monkeypatch.delenv("REFERENTIEL_PSEUDONYM_KEY_FILE", raising=False)
    copy = tmp_path / "copy"
    shutil.copytree(bundled_examples_dir(), copy)
    assert (copy / "DEMO-ONLY.key").is_file()
    with pytest.raises(ConfigError, match="no pseudonymisation key"):
        ingest(copy, store=tmp_path / "store")
    result = runner.invoke(cli, ["ingest", str(copy), "--store", str(tmp_path / "store")])
    assert code_of(result) == 2
    assert not (tmp_path / "store").exists()


# ------------------------------------------------------------------ unusable input


def test_missing_directory_is_exit_2(runner, code_of, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["ingest", str(tmp_path / "nowhere"), "--store", str(tmp_path / "s")])
    assert code_of(result) == 2
    assert isinstance(result.exception, InputError)


def test_directory_without_exports_is_exit_2(runner, code_of, tmp_path: Path) -> None:
    (tmp_path / "empty" / "org").mkdir(parents=True)
    result = runner.invoke(
        cli,
        [
            "ingest",
            str(tmp_path / "empty"),
            "--store",
            str(tmp_path / "s"),
            "--report",
            str(tmp_path / "r.json"),
        ],
    )
    assert code_of(result) == 2
    assert "aucun export trouvé" in result.output
    assert json.loads((tmp_path / "r.json").read_text())["exit_code"] == 2


def test_export_without_profile_is_reported_not_guessed(runner, code_of, tmp_path: Path) -> None:
    org = tmp_path / "in" / "maison-medicale"
    org.mkdir(parents=True)
    (org / "patients.csv").write_text("id;type\nA1;consultation\n", encoding="utf-8")
    key = tmp_path / "k.key"
    key.write_text("a-test-key-of-sufficient-length-0001")
    result = runner.invoke(
        cli,
        [
            "ingest",
            str(tmp_path / "in"),
            "--store",
            str(tmp_path / "s"),
            "--key-file",
            str(key),
            "--report",
            str(tmp_path / "r.json"),
        ],
    )
    assert code_of(result) == 2
    assert "SANS PROFIL" in result.output and "aucun profil trouvé pour cette organisation" in result.output
    document = json.loads((tmp_path / "r.json").read_text())
    assert document["exports"][0]["status"] == NO_PROFILE


def test_report_must_be_html_or_json(runner, code_of, tmp_path: Path) -> None:
    result = runner.invoke(
        cli, ["ingest", "--store", str(tmp_path / "s"), "--report", str(tmp_path / "r.txt")]
    )
    assert code_of(result) == 2


def test_a_report_that_cannot_be_written_is_said_before_the_work(runner, code_of, tmp_path: Path) -> None:
    store = tmp_path / "s"
    report = tmp_path / "no" / "r.html"
    result = runner.invoke(cli, ["ingest", "--store", str(store), "--report", str(report)])
    assert code_of(result) == 2 and "does not exist" in str(result.exception)
    assert not store.exists() and not list(tmp_path.rglob("*.part"))


# ------------------------------------------------------------------ finding exports and profiles


def test_discover_finds_profiles_next_to_exports_or_in_a_profiles_folder(tmp_path: Path) -> None:
    from referentiel.intake import discover

    generate(tmp_path / "g", families=10, seed=1, defect_rate=0)
    exports = discover(tmp_path / "g")
    assert all(e.profile == e.directory / "profile.yaml" for e in exports)
    assert not any(f.name.endswith((".sssom.tsv", ".key", ".yaml")) for e in exports for f in e.files)
    # profiles kept apart: --profiles DIR with DIR/{org}.yaml
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    for export in exports:
        shutil.move(export.profile, profiles / f"{export.organisation}.yaml")
    apart = discover(tmp_path / "g", profiles)
    assert [e.profile for e in apart] == [profiles / f"{e.organisation}.yaml" for e in exports]
    assert all(e.profile is None for e in discover(tmp_path / "g"))
    # one organisation's folder given directly
    single = discover(apart[0].directory, profiles)
    assert len(single) == 1 and single[0].files == apart[0].files


# ------------------------------------------------------------------ a SPARQL 1.1 server as the target


def test_ingest_into_a_sparql_server_matches_the_embedded_store(tmp_path: Path, runner, code_of) -> None:
    """`ingest --endpoint`: the same exports loaded or refused, the same graphs and triples, as locally."""
    from referentiel.store import open_store
    from referentiel.store.testing import OxigraphServer

    data = tmp_path / "exports"
    generate(data, families=12, seed=7, defect_rate=0.03)  # two exports loaded, two refused
    key = data / "SYNTHETIC-ONLY.key"
    local = ingest(data, store=tmp_path / "store", key_file=key)
    with OxigraphServer(tmp_path / "oxigraph") as url:
        remote = ingest(data, endpoint=url, key_file=key)
        assert remote.target_kind != local.target_kind
        assert [(e.organisation, e.status, e.triples) for e in remote.exports] == [
            (e.organisation, e.status, e.triples) for e in local.exports
        ]
        server = open_store(endpoint=url)
        with open_store(tmp_path / "store", create=False) as embedded:
            mine = sorted((g.iri, g.kind, g.triples) for g in embedded.graphs())
            assert sorted((g.iri, g.kind, g.triples) for g in server.graphs()) == mine
        assert any(kind == "data" for _, kind, _ in mine)
        result = runner.invoke(cli, ["ingest", str(data), "--endpoint", url, "--key-file", str(key), "-q"])
        assert code_of(result) == local.exit_code, result.output
        assert f"Destination : serveur SPARQL {url}" in result.output
