"""The examples of docs/translation.md (translation sections) are true."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from referentiel.cli import cli
from referentiel.errors import ConfigError
from referentiel.translation.profile import load_profile

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "translation.md"
CPAS = ROOT / "examples" / "organisations" / "cpas-ixelles"


def section(title: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


def test_profile_example_in_the_guide_loads(tmp_path: Path) -> None:
    (yaml_block,) = re.findall(r"```yaml\n(.*?)```", section("Organisation profiles"), re.S)
    shutil.copy(CPAS / "mappings.sssom.tsv", tmp_path / "mappings.sssom.tsv")
    (tmp_path / "profile.yaml").write_text(yaml_block, encoding="utf-8")
    profile = load_profile(tmp_path / "profile.yaml")
    table = profile.tables[0]
    assert table.entity == "situation" and table.column("remarque").suppress
    assert table.column("n_dossier").personal and table.column("code_famille").personal


def test_broken_profile_example_in_the_guide(tmp_path: Path) -> None:
    shown = re.search(
        r"error: (cpas\.yaml, line \d+: .*)\n  how to fix: (.*)\n", section("Organisation profiles")
    )
    shutil.copy(CPAS / "mappings.sssom.tsv", tmp_path / "mappings.sssom.tsv")
    text = (CPAS / "profile.yaml").read_text(encoding="utf-8").replace("property: role\n", "property: rol\n")
    (tmp_path / "cpas.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_profile(tmp_path / "cpas.yaml")
    message = str(info.value).replace(str(tmp_path / "cpas.yaml"), "cpas.yaml")
    assert message == f"{shown.group(1)}\n  how to fix: {shown.group(2)}"


def test_translate_output_in_the_guide(runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFERENTIEL_PSEUDONYM_KEY", "doc-key-0123456789abcdef")
    one = ROOT / "examples" / "organisations" / "one-consultation-anderlecht"
    res = runner.invoke(
        cli,
        [
            "translate",
            str(one / "export"),
            "--profile",
            str(one / "profile.yaml"),
            "-o",
            str(tmp_path / "one.ttl"),
            "--lang",
            "en",
        ],
    )
    assert "--lang en" in section("Translating an export")  # the command shown is the one run here
    shown = re.search(r"```\n(activites\.csv \(intervention\).*?)```", section("Translating an export"), re.S)
    for line in shown.group(1).splitlines():
        if line != "...":
            assert line in res.stderr.splitlines(), line


def test_coverage_output_in_the_guide(runner) -> None:
    one = ROOT / "examples" / "organisations" / "one-consultation-anderlecht"
    res = runner.invoke(
        cli,
        ["mappings", "coverage", str(one / "export"), "--profile", str(one / "profile.yaml"), "--lang", "en"],
    )
    assert "--lang en" in section("Mapping coverage")
    shown = re.search(r"```\n(activites\.csv, column type.*?)```", section("Mapping coverage"), re.S)
    assert shown.group(1) in res.output
