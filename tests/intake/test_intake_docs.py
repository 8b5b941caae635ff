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


def _clean_environment(monkeypatch, folder: Path) -> None:
    for variable in (
        "REFERENTIEL_PSEUDONYM_KEY",
        "REFERENTIEL_PSEUDONYM_KEY_FILE",
        "REFERENTIEL_STORE",
        "REFERENTIEL_ENDPOINT",
    ):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.chdir(folder)


def _answer_rows(args: list[str], output: str) -> int:
    """The number of rows a `query` command answered (table footer, or CSV lines after the header)."""
    if "--format" in args and args[args.index("--format") + 1] == "csv":
        return len([line for line in output.splitlines() if line.count(",") >= 2]) - 1
    found = re.search(r"\((\d+) row\(s\)\)", output)
    return int(found.group(1)) if found else 0


def run_guide(guide: str, code_of) -> None:
    """Every command of ``guide``, in order, in the current folder, with its documented exit code; the
    research queries must answer with rows (not nothing, not everything suppressed)."""
    from click.testing import CliRunner

    runner = CliRunner()
    for args, expected, line in commands((DOCS / guide).read_text(encoding="utf-8")):
        if args[0] == "!cp":
            _copy(args[1:], Path.cwd())
            continue
        if args[0] == "!sh":
            import subprocess
            import sys

            command = args[1].replace("python3", shlex.quote(sys.executable), 1)
            subprocess.run(command, shell=True, cwd=Path.cwd(), check=True, timeout=60)  # noqa: S602 - the guide's line
            continue
        result = runner.invoke(cli, args)
        assert code_of(result) == expected, f"{guide}: {line}\n{result.output}\n{result.exception!r}"
        assert "Traceback" not in result.output
        if args[0] == "query":
            assert _answer_rows(args, result.output) > 0, f"{guide}: {line} answers nothing\n{result.output}"


@pytest.mark.parametrize("guide", GUIDES)
def test_guide_commands_run_as_documented(guide: str, tmp_path: Path, monkeypatch, code_of) -> None:
    _clean_environment(monkeypatch, tmp_path)
    run_guide(guide, code_of)


def test_the_guides_run_one_after_another_in_one_folder(tmp_path: Path, monkeypatch, code_of) -> None:
    """A newcomer follows the three guides in one clone: each uses its own folders, nothing collides."""
    _clean_environment(monkeypatch, tmp_path)
    for guide in GUIDES:
        run_guide(guide, code_of)
    stores = {p.name for p in tmp_path.iterdir() if p.is_dir() and "store" in p.name}
    assert {"steward-store", "steward-synth-store", "research-store"} <= stores


def test_each_guide_uses_its_own_folders() -> None:
    prefixes = {
        "guide-data-steward.md": "steward-",
        "guide-researcher.md": "research-",
        "guide-agency.md": "agency-",
    }
    for guide, prefix in prefixes.items():
        for args, _, line in commands((DOCS / guide).read_text(encoding="utf-8")):
            for option in ("--store", "-o", "--output"):
                if option in args and args[0] in ("ingest", "generate", "load", "graphs", "query"):
                    assert args[args.index(option) + 1].startswith(prefix), f"{guide}: {line}"


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
