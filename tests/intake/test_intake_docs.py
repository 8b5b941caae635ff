"""The guides' commands are real: every `$ referentiel ...` line of their ```console blocks is run.

Each guide runs in its own empty folder, its commands in order (later ones use what earlier ones
wrote), through click's CliRunner. A command's expected exit code is 0 unless the line ends with a
comment ``# exit N``. A ``$ cp`` line copies files the guide takes from the repository (the example
partner's raw export) into the guide's folder; a ``$ python3 -c`` line (creating a project key) runs in
a shell there.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from referentiel.cli import cli

DOCS = Path(__file__).resolve().parents[2] / "docs"
GUIDES = ("guide-data-steward.md", "guide-researcher.md", "guide-agency.md")
_BLOCK = re.compile(r"^```console\n(.*?)^```", re.S | re.M)
_EXIT = re.compile(r"#\s*exit\s+(\d+)\s*$")


def commands(text: str) -> list[tuple[list[str], int, str]]:
    """(arguments after `referentiel`, expected exit code, the line) for each `$ referentiel` line."""
    out = []
    for block in _BLOCK.findall(text):
        for line in block.splitlines():
            if line.startswith("$ cp "):  # a guide copying the repository's example files
                out.append((["!cp", *shlex.split(line[len("$ cp ") :])], 0, line))
                continue
            if line.startswith("$ python3 -c "):  # a guide creating a file (a project key)
                out.append((["!sh", line[len("$ ") :]], 0, line))
                continue
            if not line.startswith("$ referentiel "):
                continue
            match = _EXIT.search(line)
            expected = int(match.group(1)) if match else 0
            args = shlex.split(line[len("$ referentiel ") :], comments=True)
            out.append((args, expected, line))
    return out


def test_every_guide_has_commands_and_starts_from_the_readme() -> None:
    for name in GUIDES:
        text = (DOCS / name).read_text(encoding="utf-8")
        assert commands(text), name
        start = text.index("## Start here")
        assert (
            "referentiel ingest" in text[start : start + 600]
            and "bash scripts/test.sh" in text[start : start + 600]
        )


@pytest.mark.parametrize("guide", GUIDES)
def test_guide_commands_run_as_documented(guide: str, tmp_path: Path, monkeypatch, code_of) -> None:
    from click.testing import CliRunner

    for variable in (
        "REFERENTIEL_PSEUDONYM_KEY",
        "REFERENTIEL_PSEUDONYM_KEY_FILE",
        "REFERENTIEL_STORE",
        "REFERENTIEL_ENDPOINT",
    ):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for args, expected, line in commands((DOCS / guide).read_text(encoding="utf-8")):
        if args[0] == "!cp":
            _copy(args[1:], tmp_path)
            continue
        if args[0] == "!sh":
            import subprocess
            import sys

            command = args[1].replace("python3", shlex.quote(sys.executable), 1)
            subprocess.run(command, shell=True, cwd=tmp_path, check=True, timeout=60)  # noqa: S602 - the guide's line
            continue
        result = runner.invoke(cli, args)
        assert code_of(result) == expected, f"{guide}: {line}\n{result.output}\n{result.exception!r}"
        assert "Traceback" not in result.output


def _copy(args: list[str], here: Path) -> None:
    """``cp [-r] SRC DST`` of a guide: SRC is taken from the working folder, else from the repository."""
    import shutil

    paths = [a for a in args if not a.startswith("-")]
    source, target = Path(paths[0]), here / paths[1]
    source = here / source if (here / source).exists() else DOCS.parent / source
    if source.is_dir():
        shutil.copytree(source, target)
    else:
        shutil.copy(source, target / source.name if target.is_dir() else target)
