"""Cells that a spreadsheet would run as formulas, neutralised (OWASP "CSV injection" rule).

A CSV or TSV output is often opened in Excel or LibreOffice, which run a cell starting with ``=``,
``+``, ``-`` or ``@`` as a formula (``=HYPERLINK(...)`` sends data away), and treat a leading tab or
carriage return the same way once trimmed. A partner's free text reaches our outputs (an unmapped term,
a column name), so every CSV/TSV writer passes its text cells through :func:`neutralise`, which
prefixes such a cell with a single quote: spreadsheets show the text as typed and run nothing.
Plain numbers (``-3``, ``-0.5``, ``+1e3``) are left alone: they are no formula and a number column
must stay numeric.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise(text: str) -> str:
    """``text`` prefixed with ``'`` when a spreadsheet would read it as a formula; else unchanged."""
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def restore(text: str) -> str:
    """The text :func:`neutralise` was given, for files we read back (SSSOM mapping sets): a leading
    ``'`` is removed only where :func:`neutralise` would have added it."""
    if text.startswith("'") and neutralise(text[1:]) == text:
        return text[1:]
    return text


def neutralise_row(row: list[object]) -> list[object]:
    """A CSV row with each text cell neutralised (numbers and other values as they are)."""
    return [neutralise(cell) if isinstance(cell, str) else cell for cell in row]


class SafeWriter:
    """A :func:`csv.writer` whose text cells are neutralised (the one CSV/TSV writer of reports)."""

    def __init__(self, stream: Any, **kwargs: Any) -> None:
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, row: Iterable[object]) -> Any:
        """Write one row, its text cells neutralised."""
        return self._writer.writerow(neutralise_row(list(row)))

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        """Write several rows, their text cells neutralised."""
        for row in rows:
            self.writerow(row)
