"""Translating single terms: organisation -> framework, framework -> organisations, and between organisations.

Every organisation has one SSSOM mapping set from its own terms to the framework's concepts. A term of
organisation A reaches organisation B through the framework: ``a p1 C`` (A's mapping set), optionally
``C broader/narrower D`` (the framework's hierarchy), and ``b p2 D`` (B's mapping set). The relation
between ``a`` and ``b`` is the composition of those steps (:func:`compose`); it is an equivalence only
when every step is an exactMatch, and the answer says so (``exact``) rather than pretending.

Composition (row: relation of the first step, column: relation of the second step, both read left to
right, "a R x" then "x R b"):

=========  =======  =======  =======  =======  =======
∘          exact    close    broad    narrow   related
=========  =======  =======  =======  =======  =======
exact      exact    close    broad    narrow   related
close      close    close*   broad*   narrow*  related*
broad      broad    broad*   broad    unknown  unknown
narrow     narrow   narrow*  related  narrow   unknown
related    related  related* unknown  unknown  unknown
=========  =======  =======  =======  =======  =======

``a broad x`` means x is broader than a (``a skos:broadMatch x``). ``*`` = approximate: closeMatch is not
transitive in SKOS, so a chain through it is a lead to review, not an entailment. broad∘broad is broad
because ``skos:broadMatch`` is a sub-property of ``skos:broader``, whose chains are
``skos:broaderTransitive``. broad∘narrow means both terms sit under the same concept (siblings: they may
overlap, coincide or be disjoint) and narrow∘broad means both contain the same concept (they overlap, so
they are at least related). Anything else composed with related is unknown.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from referentiel.errors import ConfigError
from referentiel.privacy import shown
from referentiel.translation.framework import Framework, load_framework
from referentiel.translation.messages import Msg
from referentiel.translation.organisations import Organisation, discover_organisations
from referentiel.translation.sssom import normalise_term
from referentiel.translation.term_relations import (
    _STRENGTH,
    BROAD,
    CLOSE,
    EXACT,
    NARROW,
    RELATED,
    RELATION_PREDICATE,
    RELATIONS,
    UNKNOWN,
    compose,
    compose_path,
    inverse,
    relation_of,
)
from referentiel.translation.term_results import (
    LookupResult,
    Step,
    TermEntry,
    Translation,
    TranslationResult,
    render_lookup,
    render_translations,
)

__all__ = [
    "BROAD", "CLOSE", "EXACT", "NARROW", "RELATED", "RELATIONS", "RELATION_PREDICATE", "UNKNOWN",
    "LookupResult", "Organisation", "Step", "TermEntry", "TermTranslator", "Translation", "TranslationResult",
    "compose", "compose_path", "discover_organisations", "inverse", "relation_of", "render_lookup",
    "render_translations",
]



# ------------------------------------------------------------------------------------- translator


class TermTranslator:
    """Translate terms between organisations through the framework (see the module docstring)."""

    def __init__(self, organisations: dict[str, Organisation], framework: Framework) -> None:
        self.organisations = organisations
        self.framework = framework

    @classmethod
    def from_directory(
        cls, directory: str | Path | None = None, ontology: str | Path | None = None
    ) -> TermTranslator:
        """Build a translator from a folder of mapping sets and the (bundled) ontology."""
        return cls(discover_organisations(directory), load_framework(ontology))

    # ----------------------------------------------------------------------------------- helpers

    def organisation(self, name: str) -> Organisation:
        """The organisation named by slug, CURIE prefix or title (case-insensitive)."""
        wanted = name.strip().casefold()
        for org in self.organisations.values():
            if wanted in (org.slug.casefold(), (org.prefix or "").casefold(), org.title.casefold()):
                return org
        raise ConfigError.of(
            "unknown organisation {name!r}",
            hint="known organisations: {known} (or 'framework')",
            name=name,
            known=", ".join(sorted(self.organisations)),
        )

    def _concept_iri(self, org: Organisation, curie: str) -> str | None:
        try:
            return org.mapping_set.expand(curie)
        except ConfigError:
            return None

    def _concept_label(self, iri: str, lang: str = "fr") -> str:
        concept = self.framework.concepts.get(iri)
        return concept.label(lang) if concept else iri

    def _concept_labels(self, iri: str) -> dict[str, str]:
        concept = self.framework.concepts.get(iri)
        return dict(concept.pref_labels) if concept else {}

    def _check_scheme(self, scheme: str) -> None:
        """A ``--scheme`` no concept belongs to is a usage error, not "no translation" (exit 2)."""
        from referentiel.translation.suggest import _in_scheme

        if not any(_in_scheme(concept, None, [scheme]) for concept in self.framework):
            names = sorted({s.rsplit("/", 1)[-1] for c in self.framework for s in c.schemes})
            raise ConfigError.of(
                "{scheme!r} is not a concept scheme of the framework",
                hint="use one of: {names} (or the same without 'scheme-')",
                scheme=scheme,
                names=", ".join(names),
            )

    def _resolve_concept(self, ref: str) -> str:
        """A concept IRI from a CURIE / IRI / local name, or from one of its labels."""
        concept = self.framework.get(ref)
        if concept is not None:
            return concept.iri
        wanted = normalise_term(ref)
        for concept in self.framework:
            if any(normalise_term(text) == wanted for text, _, _ in concept.all_labels()):
                return concept.iri
        return self.framework.require(ref).iri  # raises with "did you mean"

    def _in_scheme(self, org: Organisation, object_id: str, scheme: str) -> bool:
        from referentiel.translation.suggest import _in_scheme

        iri = self._concept_iri(org, object_id)
        concept = self.framework.concepts.get(iri or "")
        return concept is not None and _in_scheme(concept, None, [scheme])

    def _did_you_mean(self, org: Organisation, term: str) -> list[str]:
        from rapidfuzz import fuzz, process

        from referentiel.translation.suggest import fold

        labels = [t for t in org.index.terms() if t]
        hits = process.extract(
            fold(term),
            {i: fold(t) for i, t in enumerate(labels)},
            scorer=fuzz.WRatio,
            limit=3,
            score_cutoff=60,
        )
        return [labels[key] for _, _, key in hits]

    # ------------------------------------------------------------------------------------ API

    def to_framework(self, term: str, source: str, scheme: str | None = None) -> TranslationResult:
        """Translate an organisation's term to framework concept(s) (only ``scheme``'s, if given)."""
        org = self.organisation(source)
        result = TranslationResult(term=term, source=org.slug, target="framework")
        candidates = org.index.candidates(term)
        if scheme:
            candidates = [
                m for m in candidates if m.no_equivalent or self._in_scheme(org, m.object_id, scheme)
            ]
        if not candidates:
            result.message = Msg.of("terms.not-in-set", term=shown(term), organisation=org.slug)
            result.did_you_mean = self._did_you_mean(org, term)
            return result
        for m in candidates:
            step = Step(m.subject_id, m.predicate_id, m.object_id, org.slug, m.line, m.confidence)
            result.source_mappings.append(step)
            if m.no_equivalent:
                continue
            iri = self._concept_iri(org, m.object_id)
            if iri is None:
                continue
            relation = relation_of(m.predicate_id)
            result.translations.append(
                Translation(
                    target="framework",
                    id=self.framework.concepts[iri].curie if iri in self.framework.concepts else m.object_id,
                    label=self._concept_label(iri),
                    labels=self._concept_labels(iri),
                    relation=relation,
                    approximate=False,
                    confidence=m.confidence,
                    path=[step],
                )
            )
        if not result.translations and any(m.no_equivalent for m in candidates):
            result.no_equivalent = True
            result.message = Msg.of("terms.no-equivalent", organisation=org.slug, term=shown(term))
        result.translations.sort(key=lambda t: (_STRENGTH[t.relation], -(t.confidence or 0)))
        return result

    def _org_terms_for(self, iri: str, org: Organisation) -> list[tuple[str, Any]]:
        """(relation of the concept to the org's term, mapping) for the org's mappings onto ``iri``."""
        out = []
        for m in org.mapping_set.mappings:
            if m.negated or m.no_equivalent or not m.subject_label and not m.subject_id:
                continue
            if self._concept_iri(org, m.object_id) == iri:
                out.append((inverse(relation_of(m.predicate_id)), m))
        return out

    def _neighbours(self, iri: str, hierarchy: bool) -> list[tuple[str, str]]:
        """(concept, relation of ``iri`` to it): itself, then above (broad) / below (narrow) if asked."""
        out = [(iri, EXACT)]
        if hierarchy:
            out += [(a, BROAD) for a in sorted(self.framework.ancestors(iri))]
            out += [(d, NARROW) for d in sorted(self.framework.descendants(iri))]
        return out

    def to_organisation(
        self, term: str, source: str, target: str, scheme: str | None = None
    ) -> TranslationResult:
        """Translate organisation ``source``'s term to organisation ``target``'s term(s)."""
        first = self.to_framework(term, source, scheme)
        target_org = self.organisation(target)
        result = TranslationResult(
            term=term,
            source=first.source,
            target=target_org.slug,
            source_mappings=first.source_mappings,
            no_equivalent=first.no_equivalent,
            message=first.message,
            did_you_mean=first.did_you_mean,
        )
        if target_org.slug == first.source:
            raise ConfigError.of(
                "the source and target organisations are the same",
                hint="use --to framework or another organisation",
            )
        seen: dict[str, Translation] = {}
        for hierarchy in (False, True):
            for hop in first.translations:
                start = self.framework.iri(hop.id) if hop.id in self.framework else None
                if start is None:
                    continue
                for concept, fw_relation in self._neighbours(start, hierarchy):
                    if hierarchy and fw_relation == EXACT:
                        continue
                    for org_relation, m in self._org_terms_for(concept, target_org):
                        chain = [hop.relation, fw_relation, org_relation]
                        relation, approx = compose_path(chain)
                        path = list(hop.path)
                        if fw_relation != EXACT:
                            path.append(
                                Step(
                                    hop.id,
                                    "skos:broaderTransitive"
                                    if fw_relation == BROAD
                                    else "skos:narrowerTransitive",
                                    self.framework.concepts[concept].curie,
                                    "framework",
                                )
                            )
                        path.append(
                            Step(
                                m.subject_id,
                                m.predicate_id,
                                m.object_id,
                                target_org.slug,
                                m.line,
                                m.confidence,
                            )
                        )
                        confidence = _product([hop.confidence, m.confidence])
                        candidate = Translation(
                            target=target_org.slug,
                            id=m.subject_id,
                            label=m.subject_label or m.subject_id,
                            relation=relation,
                            approximate=approx,
                            confidence=confidence,
                            path=path,
                        )
                        key = m.subject_id or m.subject_label or ""
                        if key not in seen or _rank(candidate) < _rank(seen[key]):
                            seen[key] = candidate
            if seen:
                break  # walk the hierarchy only when no term sits on the same concept
        result.translations = sorted(seen.values(), key=_rank)
        if not result.translations and first.translations:
            concepts = ", ".join(t.id for t in first.translations)
            result.message = Msg.of(
                "terms.no-term-for-concepts", organisation=target_org.slug, concepts=concepts
            )
        return result

    def translate(
        self, term: str, source: str, target: str = "framework", scheme: str | None = None
    ) -> TranslationResult:
        """Translate ``term`` from an organisation (or ``framework``) to the framework, an org or all.

        ``scheme`` (``role``, ``scheme-need``, ``need-``...) keeps only translations into that scheme, for
        words an organisation uses in several columns ("Santé" as a need and as a sector).
        """
        if not term.strip():
            raise ConfigError.of(
                "the term to translate is empty", hint="give the term as the partner writes it"
            )
        if scheme:
            self._check_scheme(scheme)
        if source.casefold() == "framework":
            if target.casefold() == "framework":
                raise ConfigError.of("--from framework needs --to ORG or --to all")
            iri = self._resolve_concept(term)
            result = TranslationResult(term=term, source="framework", target=target)
            lookup = self.lookup(iri, hierarchy=False)
            orgs = self._targets(target, exclude=None)
            result.without = [o for o in orgs if o in lookup.without_term]
            for entry in lookup.entries:
                if entry.organisation not in orgs:
                    continue
                # entry.relation is term -> concept; the answer reads concept -> term.
                result.translations.append(
                    Translation(
                        target=entry.organisation,
                        id=entry.id,
                        label=entry.term,
                        relation=inverse(entry.relation),
                        approximate=entry.approximate,
                        confidence=entry.confidence,
                        path=[
                            Step(
                                entry.id,
                                RELATION_PREDICATE.get(entry.relation, "unknown"),
                                lookup.concept,
                                entry.organisation,
                                entry.line,
                                entry.confidence,
                            )
                        ],
                    )
                )
            result.translations.sort(key=_rank)
            if not result.translations:
                result.message = Msg.of(
                    "terms.no-organisation-has", organisations=", ".join(orgs), concept=lookup.concept
                )
            return result
        if target.casefold() == "framework":
            return self.to_framework(term, source, scheme)
        source_org = self.organisation(source)
        combined = TranslationResult(term=term, source=source_org.slug, target=target)
        for slug in self._targets(target, exclude=source_org.slug):
            partial = self.to_organisation(term, source_org.slug, slug, scheme)
            if partial.source_mappings and not partial.translations and not partial.no_equivalent:
                combined.without.append(slug)
            combined.source_mappings = partial.source_mappings
            combined.no_equivalent = partial.no_equivalent
            combined.did_you_mean = partial.did_you_mean
            combined.translations.extend(partial.translations)
            if partial.message and (
                len(self._targets(target, source_org.slug)) == 1 or not partial.source_mappings
            ):
                combined.message = partial.message
        combined.translations.sort(key=_rank)
        return combined

    def _targets(self, target: str, exclude: str | None) -> list[str]:
        if target.casefold() == "all":
            return [s for s in sorted(self.organisations) if s != exclude]
        return [self.organisation(target).slug]

    def lookup(self, concept: str, hierarchy: bool = False) -> LookupResult:
        """Each organisation's terms for ``concept`` (CURIE, IRI, local name or label).

        ``relation`` is the relation of the organisation's term TO the concept (``broad``: the
        concept is broader than the term). With ``hierarchy``, terms mapped to concepts above or
        below are listed too, with the composed relation.
        """
        iri = self._resolve_concept(concept)
        c = self.framework.concepts[iri]
        result = LookupResult(concept=c.curie, labels=dict(c.pref_labels))
        for slug, org in sorted(self.organisations.items()):
            count = 0
            for target, fw_relation in self._neighbours(iri, hierarchy):
                for org_relation, m in self._org_terms_for(target, org):
                    # term -> concept: invert "concept fw target, target org term".
                    relation, approx = compose_path([fw_relation, org_relation])
                    result.entries.append(
                        TermEntry(
                            organisation=slug,
                            term=m.subject_label or m.subject_id,
                            id=m.subject_id,
                            relation=inverse(relation),
                            via=self.framework.concepts[target].curie,
                            confidence=m.confidence,
                            line=m.line,
                            approximate=approx,
                        )
                    )
                    count += 1
            if not count:
                result.without_term.append(slug)
        result.entries.sort(key=lambda e: (e.organisation, _STRENGTH[e.relation], e.term))
        return result


def _product(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    if not known:
        return None
    out = 1.0
    for v in known:
        out *= v
    return round(out, 4)


def _rank(t: Translation) -> tuple[int, int, int, float]:
    return (_STRENGTH[t.relation], int(t.approximate), len(t.path), -(t.confidence or 0.0))
