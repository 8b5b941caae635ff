"""Detection and masking of personal data.

The data describe children and families in difficulty: no tool output may print a name, a national
register number (NISS), a phone, an e-mail, an IBAN, an address or a free-text note. This package is
the one place that knows what such values look like; translation (what is kept of a cell),
validation (reports) and every error message use it.

- :func:`screen` finds every personal value in a text (:mod:`.screen`, with the recognisers of
  :mod:`.recognisers` and :mod:`.names`, after :mod:`.normalise`) and describes its shape (:mod:`.shape`);
- :func:`shown`, :func:`mask`, :func:`scrub` render values and messages without them (:mod:`.masking`).

docs/privacy.md says what is screened, how, how well (measured) and the limits.
"""

from __future__ import annotations

from referentiel.privacy.masking import is_masked, mask, scrub, scrub_parser_message, shown
from referentiel.privacy.names import NAME_LIKE, SERVICE_WORDS, first_names, looks_like_a_name
from referentiel.privacy.normalise import normalise
from referentiel.privacy.recognisers import EMAIL, is_valid_niss
from referentiel.privacy.screen import (
    FORMATTED_KINDS,
    FREE_TEXT_CHARS,
    FREE_TEXT_WORDS,
    KINDS,
    Screening,
    looks_like_free_text,
    looks_personal,
    personal_data_kinds,
    screen,
)


def find_niss(text: str) -> list[str]:
    """The national-number-like substrings of ``text`` that pass the mod-97 check (every one of them)."""
    from referentiel.privacy.recognisers import find_niss as spans

    norm = normalise(text)
    return [text[slice(*norm.span(s, e))] for s, e in spans(norm.text)]


def find_phones(text: str) -> list[str]:
    """The phone numbers in ``text``, as the screen finds them (any space, dash or digit form)."""
    from referentiel.privacy.recognisers import find_phones as spans

    norm = normalise(text)
    return [text[slice(*norm.span(s, e))] for s, e in spans(norm.text)]


def find_emails(text: str) -> list[str]:
    """The e-mail addresses in ``text``, plain or obfuscated ("jan [at] example [dot] be")."""
    from referentiel.privacy.recognisers import find_emails as spans

    norm = normalise(text)
    return [text[slice(*norm.span(s, e))] for s, e in spans(norm.text)]


__all__ = [
    "EMAIL",
    "FORMATTED_KINDS",
    "FREE_TEXT_CHARS",
    "FREE_TEXT_WORDS",
    "KINDS",
    "NAME_LIKE",
    "SERVICE_WORDS",
    "Screening",
    "find_emails",
    "find_niss",
    "find_phones",
    "first_names",
    "is_masked",
    "is_valid_niss",
    "looks_like_a_name",
    "looks_like_free_text",
    "looks_personal",
    "mask",
    "normalise",
    "personal_data_kinds",
    "screen",
    "scrub",
    "scrub_parser_message",
    "shown",
]
