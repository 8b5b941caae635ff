"""Click commands of the translation capability (thin: parse options, call the library, format output)."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
