"""Every command that a message, a fix hint or a document tells the user to run exists.

A hint that names a command the tool does not have (it once said ``referentiel terms suggest``) sends
a steward to a dead end; this test reads every place where such a hint can live.
"""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from referentiel.cli import cli

ROOT = Path(__file__).resolve().parents[2]
# Code spans, shell prompts and the first word of a line inside a fenced block name commands; prose
# such as "referentiel does not..." outside code does not.
INLINE = re.compile(r"(?:`|\$ )referentiel ([a-z][a-z-]*)(?: ([a-z][a-z-]*))?")
FENCED_LINE = re.compile(r"^\s*(?:\$ )?(?:\S*/)?referentiel ([a-z][a-z-]*)(?: ([a-z][a-z-]*))?", re.M)


def _sources() -> list[Path]:
    files = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    files += sorted((ROOT / "shapes").glob("*.ttl"))
    for pattern in ("*.py", "*.rq", "*.html", "*.json"):
        files += sorted((ROOT / "src" / "referentiel").rglob(pattern))
    return [f for f in files if f.is_file()]


def _fenced_blocks(text: str) -> list[str]:
    return re.findall(r"^```[^\n]*\n(.*?)^```", text, flags=re.M | re.S)


def _named_commands() -> list[tuple[str, str, str | None]]:
    found = []
    for path in _sources():
        text = path.read_text(encoding="utf-8", errors="replace")
        where = str(path.relative_to(ROOT))
        for match in INLINE.finditer(text):
            found.append((where, match.group(1), match.group(2)))
        if path.suffix == ".md":
            for block in _fenced_blocks(text):
                for match in FENCED_LINE.finditer(block):
                    found.append((where, match.group(1), match.group(2)))
    return found


def test_the_sources_name_commands_at_all() -> None:
    # Guards the test itself: if the patterns stopped matching, every check below would pass vacuously.
    names = {(cmd, sub) for _, cmd, sub in _named_commands()}
    assert ("ingest", None) in names or any(cmd == "ingest" for cmd, _ in names)
    assert any(cmd == "mappings" and sub == "suggest" for cmd, sub in names)


@pytest.mark.parametrize("where,command,sub", sorted(set(_named_commands()), key=str))
def test_every_named_command_exists(where: str, command: str, sub: str | None) -> None:
    ctx = click.Context(cli)
    found = cli.get_command(ctx, command)
    assert found is not None, f"{where} names `referentiel {command}`, which does not exist"
    if isinstance(found, click.Group) and sub is not None:
        assert found.get_command(ctx, sub) is not None, (
            f"{where} names `referentiel {command} {sub}`, which does not exist"
        )
