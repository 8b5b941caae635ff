"""Detection and masking of personal data.

The data describe children and families in difficulty: no tool output may print a name, a national
register number (NISS), an address or a free-text note. This module is the one place that knows what
such values look like; validation (reports), translation (refusing undeclared personal columns) and
every error message use it.

Belgian national register numbers (NISS / rijksregisternummer) have 11 digits ``YYMMDDSSSCC``: the
check ``CC`` is ``97 - (YYMMDDSSS mod 97)`` for people born before 2000 and
``97 - (2YYMMDDSSS mod 97)`` for those born from 2000. The same rule is written in SPARQL in the
privacy shapes (shapes/privacy.ttl); tests check that both agree.
"""

from __future__ import annotations

import re

_SEP = r"[ .\-/]?"
NISS_CANDIDATE = re.compile(
    rf"(?<![\w.])(\d{{2}}){_SEP}(\d{{2}}){_SEP}(\d{{2}}){_SEP}(\d{{3}}){_SEP}(\d{{2}})(?![\w])"
)
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w])")
# Belgian numbers: +32 / 0032 / 0, then 8 (landline) or 9 (mobile) digits, with the usual separators.
PHONE = re.compile(r"(?<![\w+])(?:\+32|0032|0)[ ./\-]?\(?0?\)?[1-9](?:[ ./\-]?\d){7,8}(?![\w])")


def is_valid_niss(digits: str) -> bool:
    """True when ``digits`` (11 digits, no separators) passes the NISS mod-97 check."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    body, check = int(digits[:9]), int(digits[9:])
    return check in (97 - body % 97, 97 - (2_000_000_000 + body) % 97)


def find_niss(text: str) -> list[str]:
    """The national-number-like substrings of ``text`` that pass the mod-97 check."""
    found = []
    for match in NISS_CANDIDATE.finditer(text):
        if is_valid_niss("".join(match.groups())):
            found.append(match.group(0))
    return found


def personal_data_kinds(text: str) -> list[str]:
    """The kinds of personal data that ``text`` looks like: ``national number``, ``e-mail``, ``phone``."""
    kinds = []
    if find_niss(text):
        kinds.append("national number")
    if EMAIL.search(text):
        kinds.append("e-mail")
    if PHONE.search(text):
        kinds.append("phone")
    return kinds


def looks_personal(text: str) -> bool:
    """True when ``text`` contains a national number, an e-mail address or a phone number."""
    return bool(personal_data_kinds(text))


def mask(text: str, keep: int = 0) -> str:
    """A masked rendering of a personal value: its kind and length, never its content.

    ``keep`` leading characters may be shown for values that are not identifying on their own
    (never used for national numbers).
    """
    kinds = personal_data_kinds(text)
    label = kinds[0] if kinds else "personal data"
    shown = text[:keep] if keep and not kinds else ""
    return f"[{label} masked: {len(text)} characters{', starts ' + repr(shown) if shown else ''}]"


def scrub(text: str) -> str:
    """``text`` with every national number, e-mail address and phone number replaced by a mask."""
    for pattern in (EMAIL, PHONE):
        text = pattern.sub(lambda m: mask(m.group(0)), text)
    for value in find_niss(text):
        text = text.replace(value, mask(value))
    return text


# A vocabulary term is a short label ("Aide administrative", "réunion de concertation
# pluridisciplinaire"); a cell of many words or a long one is a free-text note typed in the wrong
# column, and a note may tell anything about a family: it is never echoed, not even its beginning.
FREE_TEXT_WORDS = 7
FREE_TEXT_CHARS = 60


def looks_like_free_text(text: str) -> bool:
    """True when ``text`` is too long or has too many words to be a term of a vocabulary."""
    return len(text) > FREE_TEXT_CHARS or len(text.split()) >= FREE_TEXT_WORDS


def shown(value: str) -> str:
    """``value`` as a message, report or suggestion may echo it.

    National numbers, e-mail addresses and phone numbers are masked (see :func:`scrub`); a value
    that looks like a free-text note (:func:`looks_like_free_text`) is replaced as a whole by its
    length, so that its content never leaves the tool.
    """
    text = scrub(value)
    if looks_like_free_text(text):
        return f"[free text masked: {len(value)} characters]"
    return text


# A person's name as people type it where an identifier should be: two to four words of letters
# (accents, hyphens and apostrophes allowed), each capitalised or in capitals (or all of them in
# lower case), and no digit.
# Identifiers ("2023/0400", "TS02", "F-1001", "I0001") never look like that; one-word surnames can't
# be told from codes and are not caught.
_NAME_WORD = r"(?:[A-ZÀ-ÖØ-Þ]['’])?(?:[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+|[A-ZÀ-ÖØ-Þ]{2,})(?:[-'’][A-ZÀ-ÖØ-Þa-zß-öø-ÿ]+)*"
_PARTICLE = r"(?:de|van|der|den|le|la|du|da|di|von|d'|l')"
# "DUPONT, Marie": exports often write the surname first, followed by a comma.
NAME_LIKE = re.compile(
    rf"^(?:{_PARTICLE}\s*)?{_NAME_WORD}(?:,?\s+(?:{_PARTICLE}\s*)*{_NAME_WORD}){{1,3}}$"
)
# Services and teams used as identifiers ("Service Social", "AS NORD", "Équipe Petite Enfance",
# "OCMW Brussel") look like names too; a value holding one of these words (in any case)
# is not taken for a person's. Only words that are not also surnames belong here.
SERVICE_WORDS = frozenset(
    {
        "service", "services", "equipe", "cellule", "pole", "antenne", "accueil", "consultation",
        "permanence", "departement", "unite", "atelier", "reunion", "secteur", "groupe", "projet", "cpas",
        "ocmw", "one", "saj", "spj", "amo", "pms", "pse", "caw", "sap", "saf", "as", "ts", "pep", "dienst",
        "team", "welzijn", "onthaal", "afdeling", "werking", "consultatiebureau", "kinderopvang", "gezin",
        "creche",
        # as written, accents and all (cheaper than removing accents from every value checked)
        "équipe", "pôle", "département", "unité", "réunion", "crèche",
    }
)
_WORD_SPLIT = re.compile(r"[\s,\-'’]+")


def looks_like_a_name(text: str) -> bool:
    """True when ``text`` looks like a person's name ("Jeanne Dupontelle", "DUPONT, Marie").

    Only meaningful for identifier columns: organisation names look the same. Service and team
    names ("Service Social", "AS NORD") are not taken for names (:data:`SERVICE_WORDS`).
    """
    text = text.strip()
    if " " not in text or len(text) > 60:
        return False
    # "jeanne dupont", typed all in lower case, is a name as much as "Jeanne Dupont"
    if not NAME_LIKE.match(text) and not (text.islower() and NAME_LIKE.match(text.title())):
        return False
    return not any(word in SERVICE_WORDS for word in _WORD_SPLIT.split(text.casefold()))


def is_masked(text: str) -> bool:
    """True when ``text`` is a rendering made by :func:`mask` or :func:`shown` (no content left)."""
    return text.startswith("[") and " masked: " in text and text.endswith("]")


# RDF parsers quote the offending token ("Jeanne is not a valid RDF object"): the token is data.
_ECHOED_TOKEN = re.compile(r"^\S[^\n]{0,200}? is not a valid ")
_PARSER_WHERE = re.compile(r"^(Parser error at line \d+[^:]*: )")


def scrub_parser_message(text: str) -> str:
    """A parser's error message without the data it quotes (the location says where to look)."""
    text = scrub(text)
    where = _PARSER_WHERE.match(text)
    head, message = (where.group(1), text[where.end():]) if where else ("", text)
    return head + _ECHOED_TOKEN.sub("the text there is not a valid ", message)
