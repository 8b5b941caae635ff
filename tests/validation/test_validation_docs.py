"""docs/validation.md: its commands run as written, and every rule of the shapes is explained."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import BNode

from referentiel.cli import cli
from referentiel.namespaces import SH
from referentiel.validation.api import _bundled_shapes
from referentiel.validation.report import compact

REPO = Path(__file__).resolve().parents[2]
DOC = (REPO / "docs" / "validation.md").read_text(encoding="utf-8")


def _commands() -> list[tuple[str, int]]:
    found = []
    for block in re.findall(r"```console\n(.*?)```", DOC, flags=re.S):
        for line in block.splitlines():
            if line.startswith("$ referentiel "):
                command, _, comment = line[2:].partition("#")
                code = re.search(r"exit code (\d+)", comment)
                assert code, f"documented command without its exit code: {line}"
                found.append((command.strip(), int(code.group(1))))
    return found


COMMANDS = _commands()


def test_the_guide_has_commands():
    assert len(COMMANDS) >= 8
    assert {code for _, code in COMMANDS} == {0, 1, 2}


@pytest.mark.parametrize("command,code", COMMANDS, ids=[c for c, _ in COMMANDS])
def test_documented_command(command: str, code: int, tmp_path: Path) -> None:
    from referentiel.cli import main

    args = shlex.split(command)[1:]
    args = [str(REPO / a) if a.startswith("examples/") else a for a in args]
    if "-o" in args:
        args[args.index("-o") + 1] = str(tmp_path / args[args.index("-o") + 1])
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        if code == 2:
            with pytest.raises(SystemExit) as exit_info:
                main(args)
            assert exit_info.value.code == 2
        else:
            result = CliRunner().invoke(cli, args)
            assert result.exit_code == code, result.output
    finally:
        os.chdir(cwd)


def test_every_rule_is_explained():
    shapes, _ = _bundled_shapes()
    for owner in set(shapes.subjects(SH.message, None)):
        if isinstance(owner, BNode):
            continue
        assert f"`{compact(owner)}`" in DOC, owner
