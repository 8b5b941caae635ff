"""The hybrid matcher: lexical and embedding evidence fused by a model fitted on the labelled terms.

Neither matcher alone is right most often: the lexical one is sure of an acronym or a spelling
variant and lost on a paraphrase, the embedding one finds the paraphrase and confuses neighbours
("begeleider kinderopvang": childminder or childcare worker?). For every concept of the term's scheme
the hybrid matcher gathers four pieces of evidence,

- ``embedding``: the best cosine between the term and one of the concept's labels (fr, nl, en),
- ``lexical``: the lexical matcher's score (folded spelling, acronyms),
- ``definition``: the best cosine between the term and the concept's definitions,
- ``centroid``: the cosine between the term and the mean of the concept's label embeddings,

each also as its gap to the best concept for that piece of evidence (``*_gap``, 0 for the leader:
whether the lexical and the embedding matchers agree is in there). The fused score is a logistic
model of "this concept is the one a data steward would choose", fitted per concept row on the
labelled set, terms without equivalent included (:func:`fit_fusion`, by
``benchmarks/calibrate_suggest.py``, stored as ``fusion`` in ``calibration.json``;
``benchmarks/eval_suggest.py`` fits it on training folds only and measures it on held-out folds).
A term is read several ways (:meth:`HybridMatcher.readings`: acronyms written out, Dutch compounds
split, clipped words completed, the scheme's head word dropped) and each piece of evidence keeps
its best reading. The fused score is in 0..1; it is ranked and calibrated like the others.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from referentiel.progress import Progress
from referentiel.translation.framework import Framework
from referentiel.translation.suggest_fold import compound_lexicon, expand_acronyms, split_compounds
from referentiel.translation.suggest_match import HYBRID
from referentiel.translation.suggest_readings import (
    SCHEME_HEAD_WORDS,
    expand_clipped,
    label_words,
    scheme_of,
    strip_head_words,
)

EVIDENCE = ("embedding", "lexical", "definition", "centroid")
FUSION_FEATURES = EVIDENCE + tuple(f"{name}_gap" for name in EVIDENCE)


@dataclass
class Fusion:
    """Logistic weights of :data:`FUSION_FEATURES`: score = sigmoid(intercept + coef . features)."""

    coef: tuple[float, ...]
    intercept: float

    def to_dict(self) -> dict[str, object]:
        """The JSON form stored in ``calibration.json``."""
        return {
            "features": list(FUSION_FEATURES),
            "coef": [round(c, 6) for c in self.coef],
            "intercept": round(self.intercept, 6),
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Fusion:
        """The inverse of :meth:`to_dict` (checks that the features are the ones computed here)."""
        from referentiel.errors import ConfigError

        if list(data.get("features") or []) != list(FUSION_FEATURES):  # type: ignore[call-overload]
            raise ConfigError.of(
                "the shipped fusion model does not match this version's evidence",
                hint="run benchmarks/calibrate_suggest.py to fit one",
            )
        return cls(tuple(float(c) for c in data["coef"]), float(data["intercept"]))  # type: ignore[union-attr,arg-type]


def load_fusion() -> Fusion:
    """The fusion model shipped in ``calibration.json`` (entry ``hybrid``)."""
    from referentiel.errors import ConfigError
    from referentiel.translation.calibration import _stored

    data = (_stored().get(HYBRID) or {}).get("fusion")
    if not data:
        raise ConfigError.of(
            "no calibration is shipped for the {method!r} matching method",
            method=HYBRID,
            hint="run benchmarks/calibrate_suggest.py to fit one",
        )
    return Fusion.from_dict(data)  # type: ignore[arg-type]


def _shipped_fusion() -> Fusion | None:
    """The shipped fusion, or None before calibrate_suggest.py has fitted one (it needs the matcher)."""
    from referentiel.errors import ConfigError

    try:
        return load_fusion()
    except ConfigError:
        return None


def fit_fusion(tables: Sequence[tuple[object, Sequence[bool]]], l2: float = 1e-2) -> Fusion:
    """Fit the fusion on ``(evidence table, is the labelled concept per row)`` pairs, one per term.

    Terms without equivalent (gold "none": every row wrong) are part of the fit: they teach the
    model what a plausible but wrong neighbour looks like (a dentist beside the physician), so that
    the first candidate of such a term scores low and the "no good candidate" decision can see it.
    Leaving them out gave the same ranking but a weaker decision (held-out no-match recall 0.38 vs
    0.54 at the same threshold rule; docs/translation.md).
    """
    import numpy as np

    from referentiel.translation.calibration import fit_logistic

    rows = [t for t, _ in tables]
    labels = [v for _, y in tables for v in y]
    x = np.vstack([np.asarray(t) for t in rows]) if rows else np.zeros((0, len(FUSION_FEATURES)))
    w = fit_logistic(x.tolist(), labels, l2=l2, iterations=60)
    return Fusion(tuple(w[1:]), w[0])


class HybridMatcher:
    """Lexical and embedding evidence fused by a fitted logistic model (see the module docstring)."""

    method = HYBRID
    measure = (
        "logistic fusion of lexical (rapidfuzz on folded labels, acronyms) and embedding evidence "
        "(multilingual-e5-small cosine to labels, label centroid and definitions), fitted on a labelled set"
    )

    def __init__(
        self, framework: Framework, progress: Progress | None = None, fusion: Fusion | None = None
    ) -> None:
        from referentiel.translation.suggest_match import EMBEDDING, LEXICAL, _matcher

        self.framework = framework
        self.lexical = _matcher(LEXICAL, framework)
        self.embedding = _matcher(EMBEDDING, framework, progress)
        self.fusion = fusion if fusion is not None else _shipped_fusion()
        self._progress = progress
        self._scheme_cache: dict[frozenset[str], tuple[Counter[str], frozenset[str]]] = {}
        self.lexicon = compound_lexicon(
            text
            for concept in framework
            if not concept.deprecated
            for text, _, kind in concept.all_labels()
            if kind != "notation"
        )

    def prepare(self, terms: list[str], allowed: Sequence[set[str] | None] | None = None) -> None:
        """Embed ``terms`` (and their other readings) in batches ahead of ranking them; ``allowed``:
        per term the concepts it will compete with, for the readings that depend on them."""
        competing = allowed if allowed is not None else [None] * len(terms)
        self.embedding.prepare(
            [r for t, a in zip(terms, competing, strict=True) for r in self.readings(t, a)]
        )

    def readings(self, term: str, allowed: set[str] | None = None) -> list[str]:
        """The ways ``term`` is read: as written, with its acronyms written out (:func:`.expand_acronyms`:
        the embedding model cannot guess what "VPK" stands for), each with its Dutch compounds split;
        then, knowing the competing concepts (``allowed``), with clipped words completed from their
        labels and without the word that only names their scheme (:mod:`.suggest_readings`)."""
        out = [term]
        expanded = expand_acronyms(term)
        if expanded is not None:
            out.append(expanded)
        for reading in list(out):
            split = split_compounds(reading, self.lexicon)
            if split is not None:
                out.append(split)
        if allowed is not None:
            words, head_words = self._scheme_words(allowed)
            for reading in list(out):
                out.extend(expand_clipped(reading, words, self.lexicon))
            if head_words:
                for reading in list(out):
                    stripped = strip_head_words(reading, head_words)
                    if stripped is not None:
                        out.append(stripped)
        return list(dict.fromkeys(out))

    def _scheme_words(self, allowed: set[str]) -> tuple[Counter[str], frozenset[str]]:
        """(the words of the competing concepts' labels, their scheme's head words), cached per set."""
        key = frozenset(allowed)
        found = self._scheme_cache.get(key)
        if found is None:
            concepts = [
                self.framework.concepts[iri] for iri in sorted(allowed) if iri in self.framework.concepts
            ]
            words = label_words(
                text for c in concepts for text, _, kind in c.all_labels() if kind != "notation"
            )
            scheme = scheme_of(frozenset(s.rsplit("/", 1)[-1] for s in c.schemes) for c in concepts)
            found = (words, SCHEME_HEAD_WORDS.get(scheme or "", frozenset()))
            if len(self._scheme_cache) > 64:
                self._scheme_cache.clear()
            self._scheme_cache[key] = found
        return found

    def evidence(self, term: str, allowed: set[str] | None) -> tuple[list[str], object, dict]:
        """(concept IRIs, evidence table of :data:`FUSION_FEATURES` per concept, matched label per IRI).

        A term is also read with its acronyms written out and its Dutch compounds split
        (:meth:`readings`); each piece of evidence keeps the best of the readings.
        """
        import numpy as np

        emb = self.embedding
        iris = [iri for iri in emb.concepts if allowed is None or iri in allowed]
        index = {iri: i for i, iri in enumerate(emb.concepts)}
        rows = [index[iri] for iri in iris]
        defined = np.array([bool(self.framework.concepts[iri].definitions) for iri in iris], dtype=bool)
        table = np.zeros((len(iris), len(FUSION_FEATURES)), dtype=float)
        matched: dict[str, tuple[str, str]] = {}
        for n, reading in enumerate(self.readings(term, allowed)):
            by_label = emb.scores(reading, allowed)
            lexical = self.lexical.scores(reading, allowed)
            concept_level = emb.concept_evidence(reading, self._progress)
            raw = np.zeros((len(iris), len(EVIDENCE)), dtype=float)
            raw[:, 0] = [by_label[iri][0] for iri in iris]
            raw[:, 1] = [lexical[iri][0] if iri in lexical else 0.0 for iri in iris]
            raw[:, 3] = concept_level["centroid"][rows]
            # A concept without definition (another ontology than the bundled one, where every concept
            # has one) takes its centroid's cosine there: the fusion weighs how close the term is, and
            # a missing definition must not read as "far from everything".
            raw[:, 2] = np.where(defined, concept_level["definition"][rows], raw[:, 3])
            for i, iri in enumerate(iris):
                if iri in matched and max(raw[i, :2]) <= max(table[i, :2]):
                    continue
                # The label shown to the reviewer: the lexical one when spelling decides (an acronym,
                # a variant), else the label the embedding found closest.
                lex = lexical.get(iri)
                use_lexical = lex is not None and lex[0] >= by_label[iri][0]
                matched[iri] = (lex[1], lex[2]) if use_lexical else by_label[iri][1:]  # type: ignore[index]
            table[:, :4] = raw if n == 0 else np.maximum(table[:, :4], raw)
        if iris:
            table[:, 4:] = table[:, :4] - table[:, :4].max(axis=0)
        return iris, table, matched

    def scores(self, term: str, allowed: set[str] | None) -> dict[str, tuple[float, str, str]]:
        """concept IRI -> (fused score 0..1, matched label, field)."""
        import numpy as np

        if self.fusion is None:
            self.fusion = load_fusion()  # raises the "run calibrate_suggest.py" error
        iris, table, matched = self.evidence(term, allowed)
        if not iris:
            return {}
        z = np.asarray(table) @ np.array(self.fusion.coef) + self.fusion.intercept
        fused = 1.0 / (1.0 + np.exp(-z))
        return {iri: (float(fused[i]), *matched[iri]) for i, iri in enumerate(iris)}
