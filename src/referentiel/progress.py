"""Progress reporting for long work (files, rows, stages), shared by every capability.

Library functions never print. Those that run long accept an optional ``progress`` object with the
small :class:`Progress` interface and call it as they go; the command line passes a
:class:`TerminalProgress` that draws on standard error, or a :class:`NullProgress` when the user asked
for ``--quiet`` or when standard error is not a terminal (piped, redirected, under CI), so that logs
and pipes stay clean.

Messages given to a reporter must not quote data: file names, counts and stage names only.

    >>> from referentiel.progress import for_terminal
    >>> progress = for_terminal(quiet=True)
    >>> progress.stage("translate", total=3)
    >>> progress.advance(3)
    >>> progress.done()
"""

from __future__ import annotations

import sys
import time
from typing import Protocol, TextIO, runtime_checkable

__all__ = ["NullProgress", "Progress", "RecordingProgress", "TerminalProgress", "for_terminal"]


@runtime_checkable
class Progress(Protocol):
    """What a long-running library function may report. All methods are cheap and never fail."""

    def stage(self, name: str, total: int | None = None, unit: str = "") -> None:
        """A new stage begins (``total`` steps of ``unit`` when known, e.g. 1200 rows)."""

    def advance(self, steps: int = 1) -> None:
        """``steps`` more steps of the current stage are done."""

    def note(self, text: str) -> None:
        """A one-line remark (e.g. ``"ONE Bruxelles: loaded"``); must not quote data values."""

    def done(self) -> None:
        """The current stage is finished."""


class NullProgress:
    """Reports nothing (``--quiet``, pipes, tests)."""

    def stage(self, name: str, total: int | None = None, unit: str = "") -> None:  # noqa: D102
        pass

    def advance(self, steps: int = 1) -> None:  # noqa: D102
        pass

    def note(self, text: str) -> None:  # noqa: D102
        pass

    def done(self) -> None:  # noqa: D102
        pass


class RecordingProgress:
    """Keeps every call as a tuple in :attr:`events` (for tests and for callers that log)."""

    def __init__(self) -> None:
        self.events: list[tuple] = []

    def stage(self, name: str, total: int | None = None, unit: str = "") -> None:  # noqa: D102
        self.events.append(("stage", name, total, unit))

    def advance(self, steps: int = 1) -> None:  # noqa: D102
        self.events.append(("advance", steps))

    def note(self, text: str) -> None:  # noqa: D102
        self.events.append(("note", text))

    def done(self) -> None:  # noqa: D102
        self.events.append(("done",))


class TerminalProgress:
    """A one-line progress display on a terminal: ``translate  ████░░░░  1200/3000 rows  2.1 s``.

    Redraws at most ten times a second so that reporting costs nothing next to the work itself.
    """

    WIDTH = 24

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self._name = ""
        self._total: int | None = None
        self._unit = ""
        self._count = 0
        self._started = time.monotonic()
        self._last_draw = 0.0
        self._open = False

    def stage(self, name: str, total: int | None = None, unit: str = "") -> None:  # noqa: D102
        if self._open:
            self.done()
        self._name, self._total, self._unit = name, total, unit
        self._count = 0
        self._started = time.monotonic()
        self._open = True
        self._draw(force=True)

    def advance(self, steps: int = 1) -> None:  # noqa: D102
        self._count += steps
        self._draw()

    def note(self, text: str) -> None:  # noqa: D102
        self._clear()
        self._write(text + "\n")
        if self._open:
            self._draw(force=True)

    def done(self) -> None:  # noqa: D102
        if not self._open:
            return
        self._draw(force=True)
        self._write("\n")
        self._open = False

    def _line(self) -> str:
        elapsed = time.monotonic() - self._started
        unit = f" {self._unit}" if self._unit else ""
        if self._total:
            filled = min(self.WIDTH, int(self.WIDTH * self._count / self._total))
            bar = "█" * filled + "░" * (self.WIDTH - filled)
            return f"{self._name:<12} {bar} {self._count}/{self._total}{unit}  {elapsed:.1f} s"
        return f"{self._name:<12} {self._count}{unit}  {elapsed:.1f} s"

    def _draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last_draw < 0.1:
            return
        self._last_draw = now
        self._write("\r\x1b[K" + self._line())

    def _clear(self) -> None:
        if self._open:
            self._write("\r\x1b[K")

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):
            # A closed or broken terminal must never stop the work it reports on.
            pass


def for_terminal(quiet: bool = False, stream: TextIO | None = None) -> Progress:
    """The reporter a command should use: on a terminal a :class:`TerminalProgress`, else silence.

    Silent when ``quiet`` is true or when ``stream`` (default: standard error) is not a terminal,
    so that ``referentiel ingest ... 2> log`` and CI logs stay free of redraw sequences.
    """
    stream = stream if stream is not None else sys.stderr
    if quiet:
        return NullProgress()
    try:
        interactive = stream.isatty()
    except (AttributeError, ValueError):
        interactive = False
    return TerminalProgress(stream) if interactive else NullProgress()
