"""Folding and acronyms for the suggester: the comparison form of a term, as both sides are compared.

Organisations write their terms their own way: accents or not, inclusive writing ("assistant·e
social·e", "assistant(e)", "animateur·rice"), plurals, acronyms ("AS", "TMS", "PEP's", "VAD"), typos,
sometimes Dutch or English. :func:`fold` folds a term and a framework label the same way (accents,
case, punctuation, inclusive writing, light French plural/gender stemming, stop words);
:func:`query_variants` adds the term with the field's acronyms written out (``abbreviations.json``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

_STOPWORDS_FR = "a au aux avec d de des du en et l la le les pour par sur un une dans chez ou"
_STOPWORDS_NL = "het een van voor met op te bij"
_STOPWORDS_EN = "the of and for an with to in on at"
STOPWORDS = frozenset(f"{_STOPWORDS_FR} {_STOPWORDS_NL} {_STOPWORDS_EN}".split())

# Inclusive-writing endings after a middle dot / period / hyphen: "social·e·s", "animateur·rice",
# "délégué.e", "assistant-e". Applied after accent folding, so "ère" is "ere".
_INCLUSIVE = re.compile(
    r"(?<=\w)[·•.∙\-](?:e|es|s|rice|rices|trice|trices|euse|euses|ere|eres|ne|nes|le|les)"
    r"(?:[·•.∙\-]s)?\b"
)
_DOTTED = re.compile(r"\b(?:[A-Za-z]\.){2,}")  # "V.A.D." -> "VAD"
_PARENS = re.compile(r"\((?:e|es|s|x|ne|le|rice|trice|euse|ere|fe)\)")
_POSSESSIVE_S = re.compile(r"(\w)['’`]s\b")
_NON_ALNUM = re.compile(r"[^0-9a-z&]+")
_SUFFIXES = (
    ("trices", "teur"),
    ("trice", "teur"),
    ("euses", "eur"),
    ("euse", "eur"),
    ("ieres", "ier"),
    ("iere", "ier"),
    ("eres", "er"),
    ("ere", "er"),
    ("iennes", "ien"),
    ("ienne", "ien"),
    ("ives", "if"),
    ("ive", "if"),
    ("aux", "al"),
    ("ales", "al"),
    ("ale", "al"),
    ("elles", "el"),
    ("elle", "el"),
)


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def stem(token: str) -> str:
    """A light French plural/gender stem ("sociales" -> "social", "animatrice" -> "animateur")."""
    if len(token) <= 3 or token.isdigit():
        return token
    for suffix, replacement in _SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            return token[: -len(suffix)] + replacement
    if token[-1] in "sx" and len(token) > 4:
        token = token[:-1]
    if token.endswith("ee"):  # "déléguée" and "délégué.e" must meet
        token = token[:-1]
    if token.endswith("e") and len(token) > 4:
        token = token[:-1]
    return token


def fold_tokens(text: str) -> list[str]:
    """The content tokens of ``text``: folded and stemmed, stop words removed."""
    t = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), _strip_accents(text)).casefold()
    t = _PARENS.sub("", t)
    t = _INCLUSIVE.sub("", t)
    t = _POSSESSIVE_S.sub(r"\1", t)
    tokens = [tok for tok in _NON_ALNUM.sub(" ", t).split() if tok]
    content = [tok for tok in tokens if tok not in STOPWORDS]
    return [stem(tok) for tok in (content or tokens)]


def fold(text: str) -> str:
    """The comparison form of a term: accents, case, punctuation, inclusive writing, plurals folded."""
    return " ".join(fold_tokens(text))


def _initials(text: str) -> set[str]:
    """Acronyms a label may be abbreviated to: initials of its content words, and of all its words."""
    t = _PARENS.sub("", _INCLUSIVE.sub("", _strip_accents(text).casefold()))
    words = [w for w in re.split(r"[^0-9a-z]+", t) if w]
    content = [w for w in words if w not in STOPWORDS]
    out = set()
    for seq in (content, words):
        if len(seq) >= 2:
            out.add("".join(w[0] for w in seq))
    return out


def _acronym_key(term: str) -> str | None:
    """The folded acronym a term is, if it looks like one ("PEP's" -> "pep", "C.P.A.S." -> "cpas")."""
    raw = term.strip()
    compact = _POSSESSIVE_S.sub(r"\1", _strip_accents(raw)).replace(".", "").replace(" ", "")
    if not 2 <= len(compact) <= 6 or not re.fullmatch(r"[A-Za-z&]+", compact):
        return None
    if raw.replace(".", "").replace("'s", "").replace("’s", "").isupper() or len(compact) <= 4:
        return compact.casefold()
    return None


_ABBREVIATION_FILES = ("abbreviations.json", "abbreviations_nl.json")


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, list[str]]:
    """The field's acronyms written out: French-speaking Belgium (``abbreviations.json``: those that
    are not the initials of a framework label) and the Flemish sector (``abbreviations_nl.json``)."""
    merged: dict[str, list[str]] = {}
    for name in _ABBREVIATION_FILES:
        text = resources.files("referentiel.translation").joinpath(name).read_text(encoding="utf-8")
        for key, values in json.loads(text).items():
            if not key.startswith("_"):
                merged.setdefault(key, []).extend(v for v in values if v not in merged.get(key, []))
    return merged


def expand_acronyms(term: str) -> str | None:
    """``term`` with the field's acronyms written out (first expansion), or None when it has none.

    For the embedding model, which cannot guess what "VPK" or "MDO" stands for: the whole term
    ("VPK" -> "verpleegkundige") or upper-case words inside it, also before a hyphen ("CLB-arts" ->
    "centrum voor leerlingenbegeleiding arts").
    """
    abbrev = abbreviations()
    key = _acronym_key(term)
    if key and key in abbrev:
        return abbrev[key][0]
    out, changed = [], False
    for word in re.split(r"([\s\-]+)", term):
        k = _acronym_key(word) if word.strip(".,;:()").isupper() else None
        if k and k in abbrev:
            out.append(abbrev[k][0])
            changed = True
        else:
            out.append(word)
    return "".join(out) if changed else None


def query_variants(term: str) -> list[str]:
    """The folded forms of ``term`` to match: itself, and with acronyms written out."""
    variants = [fold(term)]
    abbrev = abbreviations()
    key = _acronym_key(term)
    if key and key in abbrev:
        variants += [fold(x) for x in abbrev[key]]
    # Acronyms inside a longer term: "délégué SAJ", "AS de première ligne".
    words = term.split()
    if len(words) > 1:
        expanded, changed = [], False
        for word in words:
            k = _acronym_key(word) if word.strip(".,;:()").isupper() else None
            if k and k in abbrev:
                expanded.append(abbrev[k][0])
                changed = True
            else:
                expanded.append(word)
        if changed:
            variants.append(fold(" ".join(expanded)))
    return [v for i, v in enumerate(variants) if v and v not in variants[:i]]


# Dutch writes compounds as one word ("thuisbegeleidingsdienst", "cliëntoverleg") where French and
# English write several; the embedding model sees such a word as rare sub-word pieces. Splitting it
# into words the framework's labels use ("thuis begeleiding dienst") gives it the words back.
_LINKING = ("", "s", "e", "en", "er")  # Dutch linking morphemes ("gezin-s-", "kind-er-opvang")
_MIN_PART = 4


def compound_lexicon(labels: Iterable[str]) -> frozenset[str]:
    """The words compounds are split into: the words of ``labels`` (accent- and case-folded, 4+ letters),
    and the last part of the labels' own compounds ("netwerkvergadering" teaches "vergadering")."""
    words = {w for text in labels for w in _words(text) if len(w) >= _MIN_PART}
    found = set()
    for word in words:
        head = _longest_head(word, words)
        if head is not None and len(word) - head >= 6:  # a short leftover is more often a suffix
            found.add(word[head:])
    return frozenset(words | found)


def split_compounds(text: str, lexicon: frozenset[str]) -> str | None:
    """``text`` with its compound words split into lexicon words, or None when nothing splits.

    Only a word the lexicon does not know splits (a label's own compound stays whole): into a known
    head (possibly followed by a linking "s", "e", "en" or "er") and a known tail, a head that
    splits in turn ("thuisbegeleidingsdienst" -> "thuis begeleiding dienst"), or any head before a
    known tail of six letters or more ("intakegesprek" -> "intake gesprek").
    """
    out, changed = [], False
    for word in _words(text):
        parts = [word] if word in lexicon else _split(word, lexicon, depth=0)
        changed |= len(parts) > 1
        out.extend(parts)
    return " ".join(out) if changed else None


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^0-9a-z]+", _strip_accents(text).casefold()) if w]


def _known_head(head: str, lexicon: frozenset[str] | set[str]) -> str | None:
    """The lexicon word ``head`` is, once a linking morpheme is dropped."""
    for link in _LINKING:
        if head.endswith(link):
            stem = head[: len(head) - len(link)]
            if len(stem) >= _MIN_PART and stem in lexicon:
                return stem
    return None


def _longest_head(word: str, lexicon: frozenset[str] | set[str]) -> int | None:
    """Where the longest known head of ``word`` ends (leaving at least a part's length), or None."""
    for i in range(len(word) - _MIN_PART, _MIN_PART - 1, -1):
        if _known_head(word[:i], lexicon):
            return i
    return None


def _split(word: str, lexicon: frozenset[str], depth: int) -> list[str]:
    if len(word) < 2 * _MIN_PART or depth > 3:
        return [word]
    for i in range(_MIN_PART, len(word) - _MIN_PART + 1):  # longest known tail first
        head, tail = word[:i], word[i:]
        if tail not in lexicon:
            continue
        stem = _known_head(head, lexicon)
        if stem is not None:
            return [stem, tail]
        for link in _LINKING:
            if head.endswith(link) and len(head) - len(link) >= 2 * _MIN_PART:
                inner = _split(head[: len(head) - len(link)], lexicon, depth + 1)
                if len(inner) > 1:
                    return [*inner, tail]
        if len(tail) >= 6:  # a long known tail is a word of its own even after an unknown head
            return [head, tail]
    return [word]
