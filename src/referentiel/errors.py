"""The error hierarchy of referentiel.

Library code raises these; only the CLI turns them into a message and an exit code. Every error
carries where the problem is (file, line, column) and, when one is known, how to fix it, so that a
data steward who is not an RDF expert can act on it. Messages must never quote personal data.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ReferentielError(Exception):
    """Base class: a problem the user can fix, reported without a traceback.

    ``exit_code`` is the documented code the CLI exits with (see docs/architecture.md).
    """

    message: str
    file: str | None = None
    line: int | None = None
    column: int | str | None = None
    hint: str | None = None
    exit_code: int = 2

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def location(self) -> str:
        """``file, line L, column C`` (only the parts that are known)."""
        parts = []
        if self.file:
            parts.append(str(self.file))
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text += f"\n  how to fix: {self.hint}"
        return text


class InputError(ReferentielError):
    """An input file is missing, unreadable, empty, binary or malformed (exit 2)."""


class ConfigError(ReferentielError):
    """A profile, mapping set, query parameter or option is wrong (exit 2)."""


class StoreError(ReferentielError):
    """The store or a remote endpoint cannot be used (exit 2)."""
