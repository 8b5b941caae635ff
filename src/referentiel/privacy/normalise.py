"""Unicode normalisation before screening, keeping track of where each character came from.

People (and spreadsheets) write "85 07 30 033 28" with non-breaking or thin spaces, "85–07–30" with en
dashes, and full-width digits: the recognisers see one spelling only. Each character is normalised on
its own (NFKC, then spaces and dashes folded) so that a match found in the normalised text can be
mapped back to the characters of the original one (:class:`Normalised.span`), which is what masking a
part of a message needs.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# every kind of space (NBSP, narrow NBSP, thin, figure, ideographic...) becomes a plain space
_SPACES = {chr(c) for c in (0x00A0, 0x1680, 0x202F, 0x205F, 0x3000, 0xFEFF, 0x180E)} | {
    chr(c) for c in range(0x2000, 0x200B)
}
# hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar, minus sign
_DASHES = {chr(c) for c in (0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE63, 0xFF0D)}
# zero-width characters hide inside a number without showing: dropped
_INVISIBLE = {chr(c) for c in (0x200B, 0x200C, 0x200D, 0x2060, 0x00AD)}
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'", "`": "'"}


def _fold(char: str) -> str:
    if char in _INVISIBLE:
        return ""
    if char in _SPACES or char in "\t\r\n\v\f":
        return " "
    if char in _DASHES:
        return "-"
    if char in _QUOTES:
        return _QUOTES[char]
    if char.isascii():
        return char
    folded = unicodedata.normalize("NFKC", char)
    return "".join(" " if c in _SPACES else "-" if c in _DASHES else c for c in folded)


@dataclass(frozen=True)
class Normalised:
    """A normalised text and, for each of its characters, the index of the original character."""

    text: str
    origin: tuple[int, ...]
    original: str

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``text[start:end]`` comes from."""
        if start >= len(self.origin):
            return len(self.original), len(self.original)
        last = self.origin[end - 1] + 1 if end > start else self.origin[start]
        return self.origin[start], last


def normalise(text: str) -> Normalised:
    """``text`` in NFKC, with every space as " ", every dash as "-", curly quotes straight."""
    if text.isascii() and "\t" not in text and "\n" not in text and "\r" not in text:
        return Normalised(text, tuple(range(len(text))), text)
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = _fold(char)
        out.append(folded)
        origin.extend([index] * len(folded))
    return Normalised("".join(out), tuple(origin), text)
