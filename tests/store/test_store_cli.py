"""``referentiel load`` and ``referentiel graphs`` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from referentiel import resources
from referentiel.cli import cli
from referentiel.store import GRAPH_BASE, open_store


def example(name: str) -> str:
    with resources.as_path(resources.bundled("examples", "rdf", name)) as path:
        return str(path)


def invoke(runner, args: list[str], **kw):  # noqa: ANN001, ANN201
    return runner.invoke(cli, args, catch_exceptions=False, standalone_mode=False, **kw)


def run_main(args: list[str], capsys, monkeypatch=None) -> tuple[int, str, str]:  # noqa: ANN001
    """The real entry point (error handling and exit codes included)."""
    from referentiel.cli import main

    try:
        main(args)
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


def test_load_conforming_then_refused_then_forced(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db = str(tmp_path / "db")
    code, out, err = run_main(
        [
            "load",
            example("conforming-network.ttl"),
            "--store",
            db,
            "--organisation",
            "Réseau test",
            "--lang",
            "en",
        ],
        capsys,
    )
    assert code == 0 and "into graph <https://w3id.org/referentiel/graph/reseau-test>" in out
    assert "conforms" in out
    code, out, err = run_main(
        ["load", example("invalid-dates.ttl"), "--store", db, "--format", "json"], capsys
    )
    assert code == 1 and "does not conform" in err and "--force" in err and out == ""
    code, out, err = run_main(
        ["load", example("invalid-dates.ttl"), "--store", db, "--format", "json", "--force"], capsys
    )
    assert code == 0
    doc = json.loads(out)
    assert (
        doc["forced"] is True
        and doc["validation"]["violations"] > 0
        and doc["graph"] == GRAPH_BASE + "invalid-dates"
    )
    code, out, err = run_main(["graphs", "--store", db, "--format", "json"], capsys)
    graphs = {g["iri"]: g for g in json.loads(out)}
    assert graphs[GRAPH_BASE + "invalid-dates"]["forced"] is True
    assert graphs[GRAPH_BASE + "reseau-test"]["conforms"] is True


def test_malformed_input_is_exit_2_with_location(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        '@prefix ref: <https://w3id.org/referentiel/ontology#> .\nref:a ref:b "open .\n', encoding="utf-8"
    )
    code, out, err = run_main(["load", str(bad), "--store", str(tmp_path / "db"), "--lang", "en"], capsys)
    assert code == 2 and "bad.ttl, line 2" in err and "Traceback" not in err
    code, out, err = run_main(
        ["load", str(tmp_path / "missing.ttl"), "--store", str(tmp_path / "db")], capsys
    )
    assert code == 2 and "file not found" in err


def test_store_location_from_environment(tmp_path: Path, runner, monkeypatch) -> None:  # noqa: ANN001
    db = tmp_path / "from-env"
    monkeypatch.setenv("REFERENTIEL_STORE", str(db))
    result = invoke(
        runner, ["load", example("conforming-network.ttl"), "--graph", "https://example.org/g/1", "--quiet"]
    )
    assert result.exit_code in (0, None) and result.output == ""
    with open_store(db, create=False) as store:
        assert "https://example.org/g/1" in {g.iri for g in store.graphs()}
    result = invoke(runner, ["graphs"])
    assert "https://example.org/g/1" in result.output and "ontology" in result.output


def test_graphs_on_missing_store(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    code, out, err = run_main(["graphs", "--store", str(tmp_path / "none")], capsys)
    assert code == 2 and "no store here yet" in err and "referentiel load" in err



def test_reload_reports_what_changed(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """A reload into the local store writes only the difference and says how big it was."""
    db = str(tmp_path / "db")
    export = tmp_path / "export.ttl"
    text = Path(example("invalid-dates.ttl")).read_text(encoding="utf-8")
    export.write_text(text, encoding="utf-8")
    args = ["load", str(export), "--store", db, "--organisation", "org-x", "--force"]
    code, out, _ = run_main([*args, "--format", "json"], capsys)
    doc = json.loads(out)
    assert code == 0 and doc["write"] == {"mode": "insert", "removed": 0, "added": doc["triples"]}
    code, out, _ = run_main([*args, "--format", "json"], capsys)
    doc = json.loads(out)
    assert code == 0 and doc["replaced"] and doc["write"] == {"mode": "diff", "removed": 0, "added": 0}
    # the steward's correction: one date fixed
    assert text.count('"2023-05-02"') == 1
    export.write_text(text.replace('"2023-05-02"', '"2023-05-03"'), encoding="utf-8")
    code, out, _ = run_main([*args, "--lang", "en"], capsys)
    assert code == 0 and "(replacing the previous version: 1 triple(s) removed, 1 added)" in out


def test_graphs_counts_violations_like_the_intake_summary(tmp_path, capsys) -> None:
    """An export the summary called clean shows 0 violations, even with advice-only (Info) results,
    which make SHACL's sh:conforms false."""
    db = str(tmp_path / "store")
    code, out, _ = run_main(["ingest", "--store", db, "--quiet", "--lang", "en"], capsys)
    assert code == 1 and "cpas-ixelles: loaded" in out
    code, out, _ = run_main(["graphs", "--store", db], capsys)
    assert code == 0
    head, *rows = out.splitlines()
    assert "violations" in head.split() and "conforms" not in head.split()
    column = head.split().index("violations")
    cpas = next(r for r in rows if "cpas-ixelles" in r)
    assert cpas.split()[column] == "0"
