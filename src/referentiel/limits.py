"""Limits on what an input file may hold, so that a hostile or broken file is refused in bounded
time and memory instead of exhausting the machine (docs/translation.md, "Limits").

One set of limits applies to every reader (CSV, XLSX, JSON, RDF). The defaults fit the largest real
exports with a wide margin; they are changed, for one run, with the ``--limit NAME=VALUE`` option of
the commands that read files or the ``REFERENTIEL_LIMITS`` environment variable (``"rows=5000000
cell=65536"``), and from Python with :func:`applied`. Exceeding a limit is an
:class:`~referentiel.errors.InputError` (exit 2) naming the file, the row or line and the column:
a file is read completely or refused, never cut short.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import BinaryIO

from referentiel.errors import ConfigError, InputError, input_error
from referentiel.privacy import shown

ENV = "REFERENTIEL_LIMITS"
_UNITS = {"k": 1024, "m": 1024**2, "g": 1024**3}


@dataclass(frozen=True)
class Limits:
    """The limits of one run (sizes in bytes unless said otherwise)."""

    file: int = 1024**3  # size of one input file on disk
    line: int = 1024**2  # one physical line of a text file (CSV, Turtle...)
    cell: int = 32767  # characters of one cell (Excel's own maximum)
    rows: int = 2_000_000  # data rows of one table
    depth: int = 100  # nesting of JSON arrays and objects
    unzipped: int = 1024**3  # total uncompressed size of an .xlsx workbook
    ratio: int = 200  # compression ratio of one part of an .xlsx workbook
    part: int = 32 * 1024**2  # one XML part of a workbook read whole (shared strings, styles)
    entities: int = 16 * 1024**2  # bytes an RDF/XML document's entity references expand to

    def describe(self) -> str:
        """``name=value`` for every limit, as the option takes them."""
        return " ".join(f"{f.name}={getattr(self, f.name)}" for f in fields(self))


DEFAULTS = Limits()
NAMES = tuple(f.name for f in fields(Limits))
_current: ContextVar[Limits | None] = ContextVar("referentiel_limits", default=None)


def parse(items: Iterable[str], base: Limits | None = None) -> Limits:
    """``base`` (default: the defaults) with the ``name=value`` items applied; sizes take k/M/G."""
    changes: dict[str, int] = {}
    for item in items:
        for part in item.replace(",", " ").split():
            name, sep, value = part.partition("=")
            name = name.strip().lower()
            if not sep or name not in NAMES:
                raise ConfigError.of(
                    "unknown limit {part!r}",
                    part=shown(part),
                    hint="use NAME=VALUE with NAME one of: {names}",
                    names=", ".join(NAMES),
                )
            text = value.strip().lower().removesuffix("b").removesuffix("i")
            factor = _UNITS.get(text[-1:], 1)
            number = text[:-1] if factor > 1 else text
            if not number.isdigit() or int(number) <= 0:
                raise ConfigError.of(
                    "the limit {name} must be a positive whole number, not {value!r}",
                    name=name,
                    value=shown(value),
                    hint="for example rows=5000000 or file=2G",
                )
            changes[name] = int(number) * factor
    return replace(base or DEFAULTS, **changes)


def from_env() -> Limits:
    """The defaults with ``$REFERENTIEL_LIMITS`` applied."""
    return parse([os.environ.get(ENV, "")])


def current() -> Limits:
    """The limits in force: those of :func:`applied`, else ``$REFERENTIEL_LIMITS``, else the defaults."""
    found = _current.get()
    return found if found is not None else from_env()


@contextmanager
def applied(limits: Limits) -> Iterator[Limits]:
    """Make ``limits`` the limits of every read inside the ``with`` block."""
    token = _current.set(limits)
    try:
        yield limits
    finally:
        _current.reset(token)


def too_large(
    limit: str,
    file: str,
    *,
    size: int | None = None,
    count: int | None = None,
    line: int | None = None,
    column: int | str | None = None,
) -> InputError:
    """The error for an input beyond the limit ``limit`` (one of :data:`NAMES`), located."""
    from referentiel.translation.messages import Msg

    what = Msg.of(f"limit.what.{limit}", size=size, count=count)
    return input_error(
        "limit.exceeded",
        file=file,
        line=line,
        column=column,
        what=what,
        limit=limit,
        value=getattr(current(), limit),
    )


def check_file_size(path: Path, name: str | None = None) -> int:
    """The size of ``path``; an :class:`InputError` when it is beyond the ``file`` limit."""
    size = path.stat().st_size
    if size > current().file:
        raise too_large("file", name or str(path), size=size)
    return size


_BREAK = re.compile(rb"\r\n|\r|\n")


def check_lines(stream: BinaryIO, name: str) -> None:
    """Refuse a text file with a line longer than the ``line`` limit, reading it by blocks.

    A 60 MB line (a whole export without line breaks, or a hostile cell) would otherwise be decoded,
    copied and split in memory several times over before any check could see it. Lines end with
    ``\\n``, ``\\r\\n`` or ``\\r`` alone (old Mac exports), as the csv module reads them.
    """
    limit = current().line
    length = 0  # of the line being read
    number = 1
    while True:
        block = stream.read(1024**2)
        if not block:
            return
        parts = _BREAK.split(block)
        for index, part in enumerate(parts):
            length = length + len(part) if index == 0 else len(part)
            if length > limit:
                raise too_large("line", name, line=number + index)
        number += len(parts) - 1
