"""Errors never quote personal data, whatever raised them: the message, hint and catalogue parameters
of every :class:`ReferentielError` pass the privacy screen when the error is made."""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path

import pytest

from referentiel.errors import ConfigError, input_error

ROOT = Path(__file__).resolve().parents[2]
CPAS = ROOT / "examples" / "organisations" / "cpas-ixelles"
CANARIES = ("Marie Quxwell", "85073003328", "quxmail@skynet.be", "0470/12.34.56", "rue Quxbrook 17")


@pytest.mark.parametrize("value", CANARIES)
def test_message_and_hint_are_screened(value: str) -> None:
    error = ConfigError(
        f"'{value}' is not an organisation slug",
        file="profile.yaml",
        line=3,
        hint=f"replace '{value}' by a slug",
    )
    for text in (str(error), error.text("fr"), error.message, error.hint or ""):
        assert value not in text
    assert "profile.yaml" in str(error) and "masked" in str(error)


def test_catalogue_parameters_are_screened() -> None:
    error = input_error(
        "syntax.malformed", file="x.ttl", line=2, column=5, format="turtle", kind="unexpected 'Marie Quxwell'"
    )
    for lang in ("fr", "en", "nl"):
        assert "Quxwell" not in error.text(lang)


def _profile_with(tmp_path: Path, old: str, new: str) -> Path:
    org = tmp_path / "cpas-ixelles"
    shutil.copytree(CPAS, org)
    profile = org / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    assert old in text
    profile.write_text(text.replace(old, new, 1), encoding="utf-8")
    return org


@pytest.mark.parametrize(
    "old,new",
    [
        ("  P02: amo-le-tremplin", "  P02: Marie Quxwell"),
        ("dates: [dd/MM/yyyy]", "dates: [Marie Quxwell]"),
        ("  commune: Ixelles", "  commune: rue Quxbrook 17, 1050 Ixelles"),
    ],
    ids=["organisation-slug", "date-pattern", "commune-address"],
)
def test_a_profile_holding_personal_data_is_refused_without_quoting_it(
    tmp_path: Path, old: str, new: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from referentiel.cli import main

    org = _profile_with(tmp_path, old, new)
    key = tmp_path / "key"
    key.write_text(secrets.token_hex(32), encoding="utf-8")
    key.chmod(0o600)
    for command in ("translate", "validate"):
        with pytest.raises(SystemExit) as exited:
            main(
                [
                    command,
                    str(org / "export"),
                    "--profile",
                    str(org / "profile.yaml"),
                    "--key-file",
                    str(key),
                    "--lang",
                    "fr",
                ]
            )
        assert exited.value.code == 2
        captured = capsys.readouterr()
        output = captured.out + captured.err
        assert "profile.yaml" in output
        assert "quxwell" not in output.casefold() and "quxbrook" not in output.casefold()


def test_a_refused_option_value_is_not_quoted(capsys: pytest.CaptureFixture[str]) -> None:
    from referentiel.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["validate", "x.ttl", "--engine", "Marie Quxwell"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "--engine" in err and "Quxwell" not in err
