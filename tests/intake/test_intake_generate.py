"""`referentiel generate`: deterministic synthetic exports that go through the real profiles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from referentiel.cli import cli
from referentiel.errors import InputError
from referentiel.intake.generator import DEFECT_KINDS, generate
from referentiel.intake.pipeline import discover


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    generate(tmp_path / "a", families=60, seed=42)
    generate(tmp_path / "b", families=60, seed=42)
    first, second = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert first.keys() == second.keys()
    assert any(name.endswith(".xlsx") for name in first)  # the workbook too, not only text files
    for name in first:
        assert first[name] == second[name], name


def test_another_seed_gives_other_data(tmp_path: Path) -> None:
    generate(tmp_path / "a", families=60, seed=1)
    generate(tmp_path / "b", families=60, seed=2)
    first, second = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert any(first[n] != second[n] for n in first if n.endswith((".csv", ".json")))


def test_layout_follows_the_example_organisations(tmp_path: Path) -> None:
    result = generate(tmp_path / "g", families=40, seed=3)
    exports = discover(tmp_path / "g")
    assert {e.organisation for e in exports} == set(result.organisations)
    assert len(exports) >= 4
    for export in exports:
        # the real profile and mapping set are copied next to the exports
        assert export.profile is not None and export.profile.name == "profile.yaml"
        assert (export.directory / "mappings.sssom.tsv").is_file()
        assert export.files
    formats = {f.suffix for e in exports for f in e.files}
    assert {".csv", ".json", ".xlsx"} <= formats


def test_expected_defects_are_written_down(tmp_path: Path) -> None:
    result = generate(tmp_path / "g", families=120, seed=5, defect_rate=0.05)
    document = json.loads((tmp_path / "g" / "expected-defects.json").read_text(encoding="utf-8"))
    assert document["seed"] == 5 and document["families"] == 120
    kinds = {d["kind"] for d in document["defects"]}
    assert kinds == set(DEFECT_KINDS)
    assert len(document["defects"]) == len(result.defects)
    leaks = [d for d in document["defects"] if d["kind"] == "personal-data"]
    assert len(leaks) == 1 and leaks[0]["row"] is None and leaks[0]["injected_row"] >= 2
    for defect in document["defects"]:
        assert defect["file"] and defect["column"] and defect["organisation"] in result.organisations


def test_clean_data_has_no_defect(tmp_path: Path) -> None:
    result = generate(tmp_path / "g", families=40, seed=3, defect_rate=0)
    assert result.defects == []


def test_generated_exports_translate_with_the_real_profiles(tmp_path: Path) -> None:
    from referentiel.intake import adapters

    generate(tmp_path / "g", families=40, seed=9, defect_rate=0)
    key = (tmp_path / "g" / "SYNTHETIC-ONLY.key").read_bytes().strip()
    for export in discover(tmp_path / "g"):
        profile = adapters.load_profile(export.profile)
        result = adapters.translate(export, profile, key=key)
        problems = [i for i in result.issues if i.severity in ("violation", "warning")]
        assert problems == [], (export.organisation, problems[:3])
        stats = adapters.translation_stats(result)
        assert stats["rows"] > 0 and stats["terms_mapped"] == stats["terms_total"] > 0


def test_refuses_a_non_empty_output(tmp_path: Path) -> None:
    (tmp_path / "g").mkdir()
    (tmp_path / "g" / "keep.txt").write_text("mine")
    with pytest.raises(InputError):
        generate(tmp_path / "g", families=5)


def test_scales_linearly(tmp_path: Path) -> None:
    import time

    started = time.perf_counter()
    small = generate(tmp_path / "s", families=500, seed=1)
    small_time = time.perf_counter() - started
    started = time.perf_counter()
    big = generate(tmp_path / "b", families=5000, seed=1)
    big_time = time.perf_counter() - started
    assert big.total_rows > 8 * small.total_rows
    # O(n): ten times the families must not cost much more than ten times the time (+ fixed costs)
    assert big_time < 15 * small_time + 2, (small_time, big_time)


def test_cli(runner, code_of, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["generate", "-o", str(tmp_path / "g"), "--families", "20", "--seed", "4"])
    assert result.exit_code == 0, result.output
    assert "20 familles" in result.output
    assert (tmp_path / "g" / "expected-defects.json").is_file()
    again = runner.invoke(cli, ["generate", "-o", str(tmp_path / "g"), "--families", "20"])
    assert code_of(again) == 2


def test_no_intervention_is_dated_before_its_situation(tmp_path: Path) -> None:
    """Outside the injected defects, the generated data keeps the framework's chronology rule: at
    10,000 families a joint intervention close to a handover once fell before the situation's start,
    and the intake reported findings the defect record did not list."""
    from datetime import datetime

    generate(tmp_path, families=10_000, seed=1, defect_rate=0.0)
    export = tmp_path / "amo-le-tremplin" / "export"

    def day(text: str) -> datetime:
        return datetime.strptime(text, "%d/%m/%Y")

    start = {row["id"]: day(row["debut"]) for row in json.loads((export / "jeunes.json").read_text("utf-8"))}
    actions = json.loads((export / "actions.json").read_text("utf-8"))
    early = [a["id"] for a in actions for j in a["jeune"] if day(a["date"]) < start[j]]
    assert len(actions) > 10_000 and early == []
