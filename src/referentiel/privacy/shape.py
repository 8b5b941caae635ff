"""The shape of a screened value, in French, English and Dutch: its length and what it looks like.

The shape is all that reports, messages and the store hold of a value the screen caught, so it names
no part of it: only its number of characters and the kinds found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from referentiel.privacy.screen import Screening

_KIND_WORDS: dict[str, dict[str, str]] = {
    "national number": {
        "en": "a national number",
        "fr": "un numéro national",
        "nl": "een rijksregisternummer",
    },
    "phone": {"en": "a phone number", "fr": "un numéro de téléphone", "nl": "een telefoonnummer"},
    "e-mail": {"en": "an e-mail address", "fr": "une adresse e-mail", "nl": "een e-mailadres"},
    "IBAN": {
        "en": "a bank account (IBAN)",
        "fr": "un compte bancaire (IBAN)",
        "nl": "een bankrekening (IBAN)",
    },
    "address": {"en": "an address", "fr": "une adresse", "nl": "een adres"},
    "name": {"en": "a name", "fr": "un nom", "nl": "een naam"},
    "free text": {"en": "a sentence", "fr": "une phrase", "nl": "een zin"},
}
_TEMPLATES = {
    "en": {"shape": "text of {length} characters, looks like {what}", "with": " with ", "and": " and "},
    "fr": {"shape": "texte de {length} caractères, ressemble à {what}", "with": " avec ", "and": " et "},
    "nl": {"shape": "tekst van {length} tekens, lijkt op {what}", "with": " met ", "and": " en "},
}


def kind_words(kind: str, lang: str = "en") -> str:
    """A kind of personal value in ``lang``, with its article ("a name", "un nom", "een naam")."""
    return _KIND_WORDS[kind].get(lang, _KIND_WORDS[kind]["en"])


def describe(screening: Screening, lang: str = "en") -> str:
    """``text of 33 characters, looks like a sentence with a name`` (in ``lang``)."""
    words = _TEMPLATES.get(lang, _TEMPLATES["en"])
    others = [kind_words(k, lang) for k in screening.kinds if k != "free text"]
    listed = words["and"].join(others)
    if "free text" in screening.kinds:
        what = kind_words("free text", lang) + (words["with"] + listed if listed else "")
    else:
        what = listed
    return words["shape"].format(length=screening.length, what=what)
