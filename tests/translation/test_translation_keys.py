"""Keys: the public demo and synthetic keys serve their own data only; key files must be private;
what the commands write is readable by its owner only."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

from referentiel.cli import cli
from referentiel.errors import ConfigError, ReferentielError
from referentiel.intake.generator import generate
from referentiel.translation.pseudonym import check_key_use, resolve_key
from referentiel.translation.translator import translate

ORGS = Path(__file__).resolve().parents[2] / "examples" / "organisations"
CPAS = ORGS / "cpas-ixelles"
DEMO = ORGS / "DEMO-ONLY.key"


def code(result) -> int:  # noqa: ANN001
    """The exit code the console script would give (a library error carries its own)."""
    if isinstance(result.exception, ReferentielError):
        return result.exception.exit_code
    return result.exit_code


def message(result) -> str:  # noqa: ANN001
    return str(result.exception) if isinstance(result.exception, ReferentielError) else result.output


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def translate_cli(runner, export: Path, profile: Path, key: Path, out: Path):  # noqa: ANN001, ANN201
    return runner.invoke(
        cli,
        ["translate", str(export), "--profile", str(profile), "--key-file", str(key), "-o", str(out), "-q"],
    )


def test_demo_key_serves_the_bundled_examples_only(tmp_path: Path, runner) -> None:  # noqa: ANN001
    result = translate_cli(runner, CPAS / "export", CPAS / "profile.yaml", DEMO, tmp_path / "out.ttl")
    assert result.exit_code in (0, 1), result.output
    copy = tmp_path / "copy"
    shutil.copytree(ORGS, copy)  # the demo data themselves, elsewhere (a source checkout, a copy)
    export, profile = copy / "cpas-ixelles" / "export", copy / "cpas-ixelles" / "profile.yaml"
    result = translate_cli(runner, export, profile, DEMO, tmp_path / "c.ttl")
    assert result.exit_code in (0, 1), result.output
    # One changed cell and it is no longer the demo data: real data could be there (every file is
    # checked on its own, so one such file among unchanged copies is enough to refuse).
    table = copy / "cpas-ixelles" / "export" / "partenaires.csv"
    table.write_bytes(table.read_bytes().replace(b"P01;", b"P99;", 1))
    result = translate_cli(runner, export, profile, DEMO, tmp_path / "x.ttl")
    assert code(result) == 2 and "demo pseudonymisation key is public" in message(result)
    assert not (tmp_path / "x.ttl").exists()
    with pytest.raises(ConfigError, match="bundled examples"):
        translate([export], profile, key=DEMO.read_bytes())


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("gen") / "synth"
    generate(folder, families=6, seed=4, defect_rate=0)
    return folder


def test_synthetic_key_serves_the_generated_data_only(synthetic: Path, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    key_file = synthetic / "SYNTHETIC-ONLY.key"
    assert mode(key_file) == 0o600 and mode(synthetic) == 0o700
    key = resolve_key(None, key_file)
    assert key is not None and key.startswith(b"SYNTHETIC-ONLY-")
    org = synthetic / "cpas-ixelles"
    translate([org / "export"], org / "profile.yaml", key=key)  # its own data: accepted
    real = tmp_path / "real"
    shutil.copytree(org, real)  # the same files outside the generated folder
    with pytest.raises(ConfigError, match="synthetic pseudonymisation key is public"):
        translate([real / "export"], real / "profile.yaml", key=key)
    # Given through the environment, the same key is refused the same way.
    monkeypatch.setenv("REFERENTIEL_PSEUDONYM_KEY", key.decode())
    with pytest.raises(ConfigError, match="synthetic"):
        translate([real / "export"], real / "profile.yaml")
    # A real key is accepted anywhere; a synthetic key beside other data is not its own.
    check_key_use(b"0" * 64, [real / "export" / "x.csv"])
    (tmp_path / "SYNTHETIC-ONLY.key").write_text("SYNTHETIC-ONLY-other\n", encoding="ascii")
    with pytest.raises(ConfigError):
        check_key_use(key, [real / "export" / "x.csv"])


def test_ingest_refuses_a_public_key_on_other_data(synthetic: Path, tmp_path: Path, runner) -> None:  # noqa: ANN001
    real = tmp_path / "real"
    shutil.copytree(synthetic / "cpas-ixelles", real / "cpas-ixelles")
    result = runner.invoke(
        cli, ["ingest", str(real), "--key-file", str(DEMO), "--store", str(tmp_path / "store"), "-q"]
    )
    assert code(result) == 2 and "demo" in message(result) and not (tmp_path / "store").exists()


@pytest.mark.parametrize("bits", [0o644, 0o640, 0o604, 0o620, 0o666])
def test_key_files_open_to_others_are_refused(tmp_path: Path, bits: int) -> None:
    key = tmp_path / "project.key"
    key.write_text("a" * 64 + "\n", encoding="ascii")
    key.chmod(bits)
    with pytest.raises(ConfigError, match="other users") as info:
        resolve_key(None, key)
    assert f"chmod 600 {key}" in (info.value.hint or "")
    key.chmod(0o600)
    assert resolve_key(None, key) == b"a" * 64
    key.chmod(0o400)
    assert resolve_key(None, key) == b"a" * 64


def test_cli_refuses_an_open_key_file_with_the_fix(tmp_path: Path, runner) -> None:  # noqa: ANN001
    key = tmp_path / "project.key"
    key.write_text("b" * 64 + "\n", encoding="ascii")
    key.chmod(0o644)
    result = translate_cli(runner, CPAS / "export", CPAS / "profile.yaml", key, tmp_path / "out.ttl")
    assert code(result) == 2 and "chmod 600" in message(result)


def test_outputs_reports_and_stores_are_owner_only(tmp_path: Path, runner) -> None:  # noqa: ANN001
    out, report = tmp_path / "out.ttl", tmp_path / "report.json"
    result = runner.invoke(
        cli,
        [
            "translate",
            str(CPAS / "export"),
            "--profile",
            str(CPAS / "profile.yaml"),
            "--key-file",
            str(DEMO),
            "-o",
            str(out),
            "--report",
            str(report),
            "-q",
        ],
    )
    assert result.exit_code in (0, 1), result.output
    assert mode(out) == 0o600 and mode(report) == 0o600
    store = tmp_path / "store"
    result = runner.invoke(cli, ["load", str(out), "--store", str(store), "--force", "-q"])
    assert result.exit_code in (0, 1), result.output
    assert mode(store) == 0o700
    assert all(mode(p) & 0o077 == 0 for p in store.rglob("*") if p.is_file())


def test_the_summary_says_demo_however_the_demo_key_was_given(tmp_path: Path) -> None:
    from referentiel.intake import ingest

    summary = ingest(ORGS / "amo-le-tremplin", store=tmp_path / "store", key_file=DEMO)
    key = summary.to_dict()["key"]
    assert summary.key_source == "demo" and key["source"] == "demo" and key["demo"] is True
