"""The personal-data screen: what a cell holds, said without saying it.

:func:`screen` normalises a text (:mod:`~referentiel.privacy.normalise`), runs every recogniser on it
(:mod:`~referentiel.privacy.recognisers`, :mod:`~referentiel.privacy.names`) and looks for sentences;
the :class:`Screening` it returns names the kinds found and describes the text's shape in fr, en or nl
("text of 33 characters, looks like a sentence with a name"): that description, never the text, is
what reports and the store may hold of a value the screen caught.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from referentiel.privacy.names import WORDS, find_names
from referentiel.privacy.normalise import normalise
from referentiel.privacy.recognisers import (
    Span,
    find_addresses,
    find_emails,
    find_ibans,
    find_niss,
    find_phones,
)

# the kinds, in the order they are named
NATIONAL_NUMBER, PHONE, EMAIL, IBAN = "national number", "phone", "e-mail", "IBAN"
ADDRESS, NAME, FREE_TEXT = "address", "name", "free text"
KINDS = (NATIONAL_NUMBER, PHONE, EMAIL, IBAN, ADDRESS, NAME, FREE_TEXT)
# the kinds that have a checkable format: a column holding one is a column of personal data
FORMATTED_KINDS = (NATIONAL_NUMBER, PHONE, EMAIL, IBAN)

# A vocabulary term is a noun phrase ("Aide administrative", "directrice de la protection de la
# jeunesse"); a cell of many content words or a long one is a free-text note typed in the wrong column,
# and a note may tell anything about a family.
FREE_TEXT_WORDS = 6  # content words (articles and prepositions not counted)
FREE_TEXT_CHARS = 60
_FUNCTION_WORDS = WORDS["sentence"]["function_words"]
# Words that make a sentence about someone, not a term (fr, nl). Subject pronouns and finite verbs
# tell a sentence on their own; possessives, kin, negations and events about a person ("sa", "mère",
# "pas", "enceinte") are found in terms too ("gère ses papiers", "6 ans et plus"): two are needed.
_STRONG_WORDS = WORDS["sentence"]["strong_words"]
_WEAK_WORDS = WORDS["sentence"]["weak_words"]
_TOKEN = re.compile(r"[\w'·-]+")


@dataclass(frozen=True)
class Screening:
    """What the screen found in one text: its kinds (empty when nothing) and its shape."""

    kinds: tuple[str, ...]
    length: int
    words: int
    spans: tuple[Span, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def text(self, lang: str = "en") -> str:
        """The shape, safe to show: ``text of 33 characters, looks like a sentence with a name``."""
        from referentiel.privacy.shape import describe

        return describe(self, lang)

    def __str__(self) -> str:
        return self.text("en")


# A term's closing qualifier of acronyms and place names ("(OCJ, Flandre)", "(SDJ, Vlaanderen)"):
# it says which body is meant, not what happened, and its words are not counted as a note's.
_QUALIFIER = re.compile(r"\s*\((?:[A-ZÀ-Ý][\w'·-]*)(?:[,/ ]+[A-ZÀ-Ý][\w'·-]*){0,2}\)\s*$")


def _sentence(text: str) -> bool:
    words = _QUALIFIER.sub("", text)
    tokens = [t.strip("-") for t in _TOKEN.findall(words.casefold().replace("’", "'"))]
    # "l'école", "n'a": the elided article or negation is a word of its own
    tokens = [part for t in tokens for part in re.findall(r"\w+'|[\w·-]+", t)]
    if len(text) > FREE_TEXT_CHARS or sum(t not in _FUNCTION_WORDS for t in tokens) >= FREE_TEXT_WORDS:
        return True
    distinct = set(tokens)
    if len(tokens) == 2:  # "il boit", "hij drinkt": a subject and a verb
        return len(distinct & _STRONG_WORDS) == 2
    if len(tokens) < 2:
        return False
    return bool(distinct & _STRONG_WORDS) or len(distinct & _WEAK_WORDS) >= 2


def looks_like_free_text(text: str) -> bool:
    """True when ``text`` is too long or has too many words to be a term of a vocabulary, or reads
    like a sentence about someone (a pronoun, a verb, a possessive or a relative in three words)."""
    return _sentence(normalise(text).text)


@lru_cache(maxsize=65536)
def screen(text: str) -> Screening:
    """Every personal value in ``text``: its kinds, their spans (in ``text``) and the text's shape.

    Runs every recogniser on the whole text (every candidate, not the first few), after Unicode
    normalisation (NFKC, all spaces and dashes folded).
    """
    norm = normalise(text)
    found: dict[str, list[Span]] = {}
    for kind, finder in (
        (NATIONAL_NUMBER, find_niss),
        (PHONE, find_phones),
        (EMAIL, find_emails),
        (IBAN, find_ibans),
        (ADDRESS, find_addresses),
        (NAME, find_names),
    ):
        spans = finder(norm.text)
        if spans:
            found[kind] = [norm.span(s, e) for s, e in spans]
    kinds = tuple(k for k in KINDS if k in found) + ((FREE_TEXT,) if _sentence(norm.text) else ())
    # the spans of what the recognisers found (a sentence is the whole text, not a span of it)
    spans = tuple(sorted(s for k in kinds if k != FREE_TEXT for s in found[k]))
    return Screening(kinds, len(text), len(text.split()), spans)


def personal_data_kinds(text: str) -> list[str]:
    """The formatted kinds of personal data ``text`` holds: ``national number``, ``phone``,
    ``e-mail``, ``IBAN`` (the kinds whose presence proves a column personal)."""
    return [k for k in screen(text).kinds if k in FORMATTED_KINDS]


def looks_personal(text: str) -> bool:
    """True when the screen finds anything in ``text`` (any kind, names, addresses and notes included)."""
    return bool(screen(text))
