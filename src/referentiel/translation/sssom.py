"""SSSOM mapping sets: read, write, index and expand/compress CURIEs (this module: the index, and
the whole API re-exported from :mod:`.sssom_model`, :mod:`.sssom_read` and :mod:`.sssom_write`).

A mapping set is a TSV file whose leading ``#`` lines hold a YAML block (metadata, ``curie_map``)
and whose table holds one mapping per row (https://mapping-commons.github.io/sssom/spec-model/).
It is read with the standard :mod:`csv` module rather than sssom-py: sssom-py pulls in pandas and
LinkML and takes seconds to import, while a translation run only needs the rows, their line numbers
(for error messages) and every column kept as written. The tests check that what this module writes
is read by sssom-py without loss, and that the SSSOM specification's example files are read here.

The project's conventions (see docs/translation.md, "Mapping sets (SSSOM)"): one mapping set per
organisation; the subjects are the organisation's own SKOS concepts (``{prefix}:{kind}-{slug}``
in ``https://w3id.org/referentiel/org/{org-slug}/``), ``subject_label`` is the term exactly as the
organisation writes it; the objects are framework concepts (``refc:``), or ``sssom:NoTermFound``
when the organisation's term has, explicitly, no equivalent in the framework.
"""

from __future__ import annotations

from collections.abc import Iterable

from referentiel.errors import ConfigError
from referentiel.translation.sssom_model import (
    BUILTIN_PREFIXES,
    MAPPING_SLOTS,
    NO_TERM_FOUND,
    PROPAGATABLE_SLOTS,
    REQUIRED_COLUMNS,
    REQUIRED_METADATA,
    SKOS_PREDICATES,
    Mapping,
    MappingSet,
    compress,
    expand,
    normalise_term,
    split_curie,
)
from referentiel.translation.sssom_read import parse_mapping_set, read_mapping_set
from referentiel.translation.sssom_write import (
    ORG_NAMESPACE_TEMPLATE,
    dumps_mapping_set,
    new_mapping_set,
    write_mapping_set,
)

__all__ = [
    "BUILTIN_PREFIXES", "MAPPING_SLOTS", "NO_TERM_FOUND", "ORG_NAMESPACE_TEMPLATE", "PROPAGATABLE_SLOTS",
    "REQUIRED_COLUMNS", "REQUIRED_METADATA", "SKOS_PREDICATES", "Mapping", "MappingIndex", "MappingSet",
    "compress", "dumps_mapping_set", "expand", "new_mapping_set", "normalise_term", "parse_mapping_set",
    "read_mapping_set", "split_curie", "write_mapping_set",
]


# ----------------------------------------------------------------------------------------- lookup


class MappingIndex:
    """Look up an organisation's term (as written, or by its subject_id) in a mapping set.

    Negated mappings (``predicate_modifier: Not``) are never returned. When a term has several
    mappings, the most precise one wins: exactMatch, then closeMatch, narrowMatch, broadMatch,
    relatedMatch, then an explicit "no equivalent"; ties go to the higher confidence, then file order.
    """

    _RANK = {p: i for i, p in enumerate(SKOS_PREDICATES)}

    def __init__(self, mapping_set: MappingSet) -> None:
        self.mapping_set = mapping_set
        self._by_label: dict[str, list[Mapping]] = {}
        self._by_id: dict[str, list[Mapping]] = {}
        for mapping in mapping_set.mappings:
            if mapping.negated:
                continue
            if mapping.subject_label:
                self._by_label.setdefault(normalise_term(mapping.subject_label), []).append(mapping)
            if mapping.subject_id:
                self._by_id.setdefault(mapping.subject_id, []).append(mapping)
                try:
                    iri = mapping_set.expand(mapping.subject_id)
                except ConfigError:
                    continue
                self._by_id.setdefault(iri, []).append(mapping)

    def _best(self, candidates: list[Mapping]) -> Mapping:
        def rank(m: Mapping) -> tuple[int, float]:
            order = len(SKOS_PREDICATES) if m.no_equivalent else self._RANK.get(m.predicate_id, 99)
            return (order, -(m.confidence if m.confidence is not None else 0.0))

        return min(candidates, key=rank)

    def candidates(self, term: str) -> list[Mapping]:
        """Every (non-negated) mapping of ``term``: by label, else by subject_id or subject IRI."""
        found = self._by_label.get(normalise_term(term))
        if not found:
            found = self._by_id.get(term.strip())
        return list(found or [])

    def lookup(self, term: str) -> Mapping | None:
        """The best mapping for ``term`` (see the class docstring), or ``None`` if it is not in the set."""
        found = self.candidates(term)
        return self._best(found) if found else None

    def __contains__(self, term: str) -> bool:
        return bool(self.candidates(term))

    def terms(self) -> Iterable[str]:
        """The subject labels of the set, as written (first spelling of each normalised form)."""
        return [ms[0].subject_label or "" for ms in self._by_label.values()]
