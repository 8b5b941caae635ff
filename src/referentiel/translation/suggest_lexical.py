"""The lexical matcher: rapidfuzz over folded labels, plus acronyms (see :mod:`.suggest_fold`)."""

from __future__ import annotations

from referentiel.translation.framework import Framework
from referentiel.translation.suggest_fold import _acronym_key, _initials, fold, query_variants
from referentiel.translation.suggest_match import _FIELD, LEXICAL


class LexicalMatcher:
    """rapidfuzz over folded labels, plus acronym matching (see the module docstring)."""

    method = LEXICAL
    measure = "rapidfuzz max(ratio, token_sort_ratio, 0.9*token_set_ratio) on folded labels; acronyms"

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self.entries: list[tuple[str, str, str, str]] = []  # (concept iri, folded label, label, field)
        self._index_cache: dict[frozenset[str] | None, object] = {}
        self.acronyms: dict[str, list[tuple[str, str]]] = {}
        for concept in framework:
            if concept.deprecated:
                continue
            for text, _lang, kind in concept.all_labels():
                folded = fold(text)
                if folded:
                    self.entries.append((concept.iri, folded, text, _FIELD[kind]))
                key = _acronym_key(text)
                if key:
                    self.acronyms.setdefault(key, []).append((concept.iri, text))
                for acronym in _initials(text):
                    self.acronyms.setdefault(acronym, []).append((concept.iri, text))

    def scores(self, term: str, allowed: set[str] | None) -> dict[str, tuple[float, str, str]]:
        """concept IRI -> (score 0..1, matched label, field) for every concept that scores at all."""
        from rapidfuzz import fuzz

        best: dict[str, tuple[float, str, str]] = {}

        def offer(iri: str, score: float, matched: str, fld: str) -> None:
            if allowed is not None and iri not in allowed:
                return
            if iri not in best or score > best[iri][0]:
                best[iri] = (score, matched, fld)

        key = _acronym_key(term)
        if key:
            for iri, text in self.acronyms.get(key, ()):
                offer(iri, 0.97, text, "acronym")
        import numpy as np
        from rapidfuzz import process

        indices = self._indices(allowed)
        if not indices.size:
            return best
        choices = [self.entries[i][1] for i in indices]
        for variant in query_variants(term):
            # One vectorised pass per scorer over every label (rapidfuzz's cdist), then the best per concept.
            score = np.maximum.reduce(
                [
                    process.cdist([variant], choices, scorer=fuzz.ratio)[0],
                    process.cdist([variant], choices, scorer=fuzz.token_sort_ratio)[0],
                    0.9 * process.cdist([variant], choices, scorer=fuzz.token_set_ratio)[0],
                ]
            )
            exact = np.array([c == variant for c in choices])
            score = np.where(exact, 100.0, score)
            for j in np.argsort(-score)[:200]:
                iri, _folded, text, fld = self.entries[indices[j]]
                offer(iri, float(score[j]) / 100.0, text, fld)
        return best

    def _indices(self, allowed: set[str] | None) -> object:
        import numpy as np

        cache_key = frozenset(allowed) if allowed is not None else None
        found = self._index_cache.get(cache_key)
        if found is None:
            found = np.array(
                [i for i, e in enumerate(self.entries) if allowed is None or e[0] in allowed], dtype=int
            )
            self._index_cache[cache_key] = found
        return found
