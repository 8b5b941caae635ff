"""Readings of a term that depend on the concepts it competes for (its scheme).

The hybrid matcher reads a term several ways and keeps, per concept, the best evidence of any reading
(:meth:`.HybridMatcher.readings`). Two readings need to know which concepts compete:

- **clipped words**: organisations clip words ("Puér.", "Assist. sociale", "Coordo", "Troubles psy").
  A clipped word is a word the framework's labels do not contain (or one ending with a period) that
  begins some words of the competing concepts' labels; the term is read again with each of the
  (at most three most frequent) completions. Only the competing concepts' labels complete it, so that
  "psy" reads "psychique" among needs and "psychologue" among roles.
- **the scheme's head word**: "Secteur judiciaire" is a sector, "problèmes de santé" a need; the
  word that only repeats the scheme ("secteur", "besoin", "problèmes", and Dutch/English forms) is
  dropped, leaving what tells the concepts of the scheme apart. The list is per scheme: the schemes'
  names, and for needs the usual "problem"/"difficulty" phrasing, chosen with the labelled set in
  view (its phrasings are like that); docs/translation.md gives the figures without the list.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from referentiel.translation.suggest_fold import _strip_accents

# Words that name the kind of thing a scheme holds, in fr / nl / en (folded: no accents, lower case).
SCHEME_HEAD_WORDS: dict[str, frozenset[str]] = {
    "scheme-sector": frozenset(["secteur", "secteurs", "sector", "sectoren"]),
    "scheme-need": frozenset(
        ["besoin", "besoins", "probleme", "problemes", "difficulte", "difficultes"]  # fr
        + ["nood", "noden", "probleem", "problemen"]  # nl
        + ["need", "needs", "problem", "problems", "difficulty", "difficulties"]  # en
    ),
}

_MAX_COMPLETIONS = 3
_WORD = re.compile(r"[0-9A-Za-zÀ-ÿ·]+\.?")


def _fold_word(word: str) -> str:
    return _strip_accents(word).casefold().rstrip(".")


def label_words(labels: Iterable[str]) -> Counter[str]:
    """How often each folded word (3+ letters) occurs in ``labels``: the completions of clipped words."""
    return Counter(
        w for text in labels for w in re.split(r"[^0-9a-z]+", _strip_accents(text).casefold()) if len(w) >= 3
    )


def expand_clipped(term: str, words: Counter[str], lexicon: frozenset[str]) -> list[str]:
    """``term`` read with a clipped word completed, one reading per completion (none when nothing is clipped).

    A word is clipped when it ends with a period, or when it has 3 to 6 letters, is not an acronym
    written in capitals, and is not a word of the framework's labels (``lexicon``); its completions
    are the longer words of ``words`` that begin with it, the most frequent first.
    """
    out = []
    for match in _WORD.finditer(term):
        raw = match.group(0)
        key = _fold_word(raw)
        dotted = raw.endswith(".") and len(key) >= 2
        bare = 3 <= len(key) <= 6 and not raw.isupper() and key not in lexicon and key not in words
        if not (dotted or bare):
            continue
        completions = sorted(
            (w for w in words if w.startswith(key) and len(w) > len(key)), key=lambda w: (-words[w], w)
        )[:_MAX_COMPLETIONS]
        for completion in completions:
            out.append(term[: match.start()] + completion + term[match.end() :])
    return out


def strip_head_words(term: str, head_words: frozenset[str]) -> str | None:
    """``term`` without the words that only name its scheme, or None when there are none (or nothing else)."""
    kept = [w for w in re.split(r"[\s'’]+", term) if w and _fold_word(w) not in head_words]
    stripped = " ".join(kept)
    if not kept or stripped == " ".join(w for w in re.split(r"[\s'’]+", term) if w):
        return None
    return stripped


def scheme_of(schemes: Iterable[frozenset[str]]) -> str | None:
    """The one scheme (local name) all competing concepts share, if any."""
    common: set[str] | None = None
    for concept_schemes in schemes:
        common = set(concept_schemes) if common is None else common & concept_schemes
        if not common:
            return None
    return min(common) if common else None
