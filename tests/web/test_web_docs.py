"""The workbench's documentation: its commands run, the README shows it after command 1."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_BLOCK = re.compile(r"^```console\n(.*?)^```", re.S | re.M)


def test_web_doc_commands_run(runner):
    from referentiel.cli import cli

    text = (ROOT / "docs" / "web.md").read_text(encoding="utf-8")
    lines = [line for block in _BLOCK.findall(text) for line in block.splitlines() if line.startswith("$ ")]
    assert lines
    for line in lines:
        args = shlex.split(line[len("$ referentiel ") :])
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, (line, result.output)
    for option in ("--store", "--endpoint", "--host", "--port", "--organisations", "--max-upload-mb"):
        assert option in text


def test_readme_keeps_two_commands_and_shows_the_workbench_after_command_one():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    two = text[text.index("## Two commands") : text.index("## Workbench")]
    assert len(_BLOCK.findall(two)) == 2
    workbench = text[text.index("## Workbench") : text.index("## Guides")]
    assert _BLOCK.findall(workbench) == [".venv/bin/referentiel web\n"]
    for link in re.findall(r"\]\((docs/web[^)]*)\)", text):
        assert (ROOT / link).exists(), link
    shots = {p.name for p in (ROOT / "docs" / "web").glob("*.png")}
    linked = {Path(link).name for link in re.findall(r"\]\((docs/web/[^)]*\.png)\)", text)}
    assert shots and linked == shots  # every screenshot the browser tests make is linked
