"""Recognisers of people's names: titles, known first names beside a surname, initials.

First names come from the list shipped by ``gender-guesser`` (Jörg Michael's ``nam_dict``, 48,000
names with their frequency per country): those given in France, Belgium, Luxembourg, the Netherlands,
Turkey and the Arab world, i.e. the names of the families of Brussels and Wallonia/Flanders. A first
name alone is not a person ("Rose", "Claire" are words too): it must stand beside a surname-like word
("Marie Dupont", "DUPONT, Marie", "Van den Bossche Marie-Claire"). Titles ("Madame", "Mevr.", "Dhr.")
and initials ("J. Dupontelle") mark a name on their own.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources

from referentiel.privacy.recognisers import Span


def _word_lists() -> dict[str, dict[str, frozenset[str]]]:
    """words.json: the screen's word lists, as frozensets (the comments left out)."""
    data = json.loads(
        resources.files("referentiel.privacy").joinpath("words.json").read_text(encoding="utf-8")
    )
    return {
        group: {name: frozenset(words) for name, words in lists.items() if not name.startswith("_")}
        for group, lists in data.items()
        if not group.startswith("_")
    }


WORDS = _word_lists()
# nam_dict.txt: the name in columns 4-29, then one frequency character per country from column 31
# (gender_guesser's own parser reads line[30:]); the countries' order is in the file's header.
_COUNTRIES = {"france": 7, "belgium": 8, "luxembourg": 9, "netherlands": 10, "turkey": 46, "arabia": 47}


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """The first names (case-folded) given in France, Belgium, Luxembourg, the Netherlands, Turkey
    and the Arab world, from gender-guesser's ``nam_dict.txt``; a "+" there joins compound names."""
    text = resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_text(encoding="utf-8")
    names: set[str] = set()
    for line in text.splitlines():
        if line.startswith("#") or len(line) < 31:
            continue
        freqs = line[30:]
        if any(i < len(freqs) and freqs[i] != " " for i in _COUNTRIES.values()):
            for part in re.split(r"[+ -]", line[3:29].strip()):
                if len(part) > 1:
                    names.add(_fold(part))
    return frozenset(names - _NOT_NAMES)


def _fold(word: str) -> str:
    # "Aïcha" and "Aicha", "Inès" and "Ines" are one name: compared without accents
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Words of the vocabularies and of organisation names that the list also knows as first names.
_NOT_NAMES = WORDS["names"]["not_first_names"]
_PARTICLES = WORDS["names"]["particles"]
# services, teams and places, which stand beside first names in organisation names
_NOT_SURNAMES = WORDS["names"]["not_surnames"]
_TITLE = re.compile(
    r"(?<![\w])(?:(?i:madame|monsieur|mademoiselle|mevrouw|meneer|mijnheer|juffrouw|docteur|dokter)"
    r"(?:\s+(?:[A-Za-zÀ-ÖØ-öø-ÿ][\w'-]*|[A-Z]\.?))"
    r"|(?:Mme|Mlle|Mr|Mrs|Ms|M\.|Mevr\.?|Mw\.?|Dhr\.?|Hr\.?|Dr\.?|Juf\.?)\s*(?:[A-ZÀ-ÖØ-Þ][\w'-]*|[A-Z](?![\w])))"
)
# "J. Dupontelle", "J.-P. Dupont", "Dupontelle J."
_INITIAL = re.compile(
    r"(?<![\w.])[A-Z]\.(?:\s?-?[A-Z]\.)?\s?[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'-]{2,}"
    r"|(?<![\w.])[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'-]{2,}\s[A-Z]\.(?![\w])"
)
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ](?:[\w]|['-][A-Za-zÀ-ÖØ-öø-ÿ])*")


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and (word[1:].islower() or word.isupper() or "-" in word or "'" in word)


def _is_first_name(word: str) -> bool:
    if word.isupper() and len(word) <= 3:
        return False  # an acronym ("RIS", "SAJ"), not "Ris"
    names = first_names()
    parts = [_fold(p) for p in re.split(r"[-']", word) if p]
    return bool(parts) and all(p in names for p in parts)


def _surname_like(word: str) -> bool:
    return (
        len(word) >= 2
        and _capitalised(word)
        and word.casefold() not in _NOT_SURNAMES
        and word.casefold() not in _PARTICLES
    )


def find_names(text: str) -> list[Span]:
    """Spans of people's names: a title with a name, an initial with a surname, or a known first name
    (capitalised) beside a surname-like word, particles ("van den", "de") and a comma allowed between."""
    found = [m.span() for m in _TITLE.finditer(text)]
    found += [m.span() for m in _INITIAL.finditer(text)]
    words = [(m.group(), m.span()) for m in _WORD.finditer(text)]
    for i, (word, span) in enumerate(words):
        if not _capitalised(word) or not _is_first_name(word):
            continue
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(words) and words[j][0].casefold() in _PARTICLES:
                j += step
            if not 0 <= j < len(words):
                continue
            gap = text[min(span[1], words[j][1][1]) : max(span[0], words[j][1][0])]
            # only spaces, a comma or particles between the two words: "DUPONT, Marie", "Marie van Dijk"
            if re.fullmatch(r"[\s,]*(?:[\w']+[\s,]+)*", gap) and _surname_like(words[j][0]):
                found.append((min(span[0], words[j][1][0]), max(span[1], words[j][1][1])))
                break
    return found


# A person's name as people type it where an identifier should be: two to four words of letters
# (accents, hyphens and apostrophes allowed), each capitalised or in capitals (or all of them in
# lower case), and no digit.
# Identifiers ("2023/0400", "TS02", "F-1001", "I0001") never look like that; one-word surnames can't
# be told from codes and are not caught.
_NAME_WORD = r"(?:[A-ZÀ-ÖØ-Þ]['’])?(?:[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+|[A-ZÀ-ÖØ-Þ]{2,})(?:[-'’][A-ZÀ-ÖØ-Þa-zß-öø-ÿ]+)*"
_PARTICLE = r"(?:de|van|der|den|le|la|du|da|di|von|d'|l')"
# "DUPONT, Marie": exports often write the surname first, followed by a comma.
NAME_LIKE = re.compile(rf"^(?:{_PARTICLE}\s*)?{_NAME_WORD}(?:,?\s+(?:{_PARTICLE}\s*)*{_NAME_WORD}){{1,3}}$")
# Services and teams used as identifiers ("Service Social", "AS NORD", "Équipe Petite Enfance",
# "OCMW Brussel") look like names too; a value holding one of these words (in any case)
# is not taken for a person's. Only words that are not also surnames belong here.
SERVICE_WORDS = frozenset(
    {
        "service",
        "services",
        "equipe",
        "cellule",
        "pole",
        "antenne",
        "accueil",
        "consultation",
        "permanence",
        "departement",
        "unite",
        "atelier",
        "reunion",
        "secteur",
        "groupe",
        "projet",
        "cpas",
        "ocmw",
        "one",
        "saj",
        "spj",
        "amo",
        "pms",
        "pse",
        "caw",
        "sap",
        "saf",
        "as",
        "ts",
        "pep",
        "dienst",
        "team",
        "welzijn",
        "onthaal",
        "afdeling",
        "werking",
        "consultatiebureau",
        "kinderopvang",
        "gezin",
        "creche",
        # as written, accents and all (cheaper than removing accents from every value checked)
        "équipe",
        "pôle",
        "département",
        "unité",
        "réunion",
        "crèche",
    }
)
_WORD_SPLIT = re.compile(r"[\s,\-'’]+")


def looks_like_a_name(text: str) -> bool:
    """True when ``text`` looks like a person's name ("Jeanne Dupontelle", "DUPONT, Marie").

    Only meaningful for identifier columns: organisation names and vocabulary terms look the same
    (the screen, :func:`referentiel.privacy.screen`, asks more: a title, an initial or a known first
    name). Service and team names ("Service Social", "AS NORD") are not taken for names
    (:data:`SERVICE_WORDS`).
    """
    text = text.strip()
    if " " not in text or len(text) > 60:
        return False
    # "jeanne dupont", typed all in lower case, is a name as much as "Jeanne Dupont"
    if not NAME_LIKE.match(text) and not (text.islower() and NAME_LIKE.match(text.title())):
        return False
    return not any(word in SERVICE_WORDS for word in _WORD_SPLIT.split(text.casefold()))
