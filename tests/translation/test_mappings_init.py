"""`referentiel mappings init ORG`: an empty, valid SSSOM set that a new partner's profile can point at."""

from __future__ import annotations

import shutil
from pathlib import Path

from referentiel.cli import cli
from referentiel.errors import ConfigError
from referentiel.translation.sssom import read_mapping_set

PARTNER = Path(__file__).resolve().parents[2] / "examples" / "partners" / "huis-van-het-kind-gent"


def test_init_writes_an_empty_valid_set(tmp_path: Path, runner, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["mappings", "init", "huis-van-het-kind-gent"])
    assert result.exit_code == 0, result.output
    path = tmp_path / "huis-van-het-kind-gent" / "mappings.sssom.tsv"
    ms = read_mapping_set(path)
    assert ms.mappings == []
    assert ms.mapping_set_id == "https://w3id.org/referentiel/org/huis-van-het-kind-gent/mappings"
    assert ms.curie_map["huisvanhetkindgent"] == "https://w3id.org/referentiel/org/huis-van-het-kind-gent/"
    assert ms.metadata["license"] and "sssom:NoTermFound" in ms.metadata["mapping_set_description"]
    check = runner.invoke(cli, ["mappings", "check", str(path), "--lang", "en"])
    assert check.exit_code == 0 and "0 error(s), 0 warning(s)" in check.output
    again = runner.invoke(cli, ["mappings", "init", "huis-van-het-kind-gent"])
    # refused with the ConfigError that main() says in --lang and exits 2 with
    assert isinstance(again.exception, ConfigError) and again.exception.exit_code == 2
    assert "--force" in str(again.exception)
    forced = runner.invoke(cli, ["mappings", "init", "huis-van-het-kind-gent", "--force", "--prefix", "hvhk"])
    assert forced.exit_code == 0 and "hvhk" in read_mapping_set(path).curie_map


def test_a_bad_slug_is_a_usage_error(tmp_path: Path, capsys) -> None:
    import pytest

    from referentiel.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["mappings", "init", "Huis van het Kind", "-o", str(tmp_path / "x.sssom.tsv")])
    assert exit_info.value.code == 2 and "not an organisation slug" in capsys.readouterr().err


def test_suggest_from_a_new_partner_with_an_empty_set(tmp_path: Path, runner) -> None:
    folder = tmp_path / "huis-van-het-kind-gent"
    shutil.copytree(PARTNER / "export", folder / "export")
    assert (
        runner.invoke(
            cli, ["mappings", "init", "huis-van-het-kind-gent", "-o", str(folder / "mappings.sssom.tsv")]
        ).exit_code
        == 0
    )
    drafted = runner.invoke(
        cli, ["profile", "draft", str(folder / "export"), "-o", str(folder / "profile.yaml")]
    )
    assert drafted.exit_code == 0, drafted.output
    out = tmp_path / "proposals.sssom.tsv"
    result = runner.invoke(
        cli,
        [
            "mappings",
            "suggest",
            "--from",
            "huis-van-het-kind-gent",
            "--mappings",
            str(tmp_path),
            "--method",
            "lexical",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    labels = {m.subject_label for m in read_mapping_set(out).mappings}
    assert {"HB", "MDO", "doorverwijzing", "opvoedingsvragen", "gezinsondersteuner"} <= labels
