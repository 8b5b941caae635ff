"""SSSOM mapping sets in memory: the slots, a mapping (:class:`Mapping`), a mapping set
(:class:`MappingSet`), CURIEs expanded and compressed, terms normalised for comparison.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from referentiel.errors import ConfigError

NO_TERM_FOUND = "sssom:NoTermFound"
"""The object of a mapping that states "this term has no equivalent in the framework"."""

SKOS_PREDICATES = (
    "skos:exactMatch",
    "skos:closeMatch",
    "skos:broadMatch",
    "skos:narrowMatch",
    "skos:relatedMatch",
)

REQUIRED_COLUMNS = ("subject_id", "predicate_id", "object_id", "mapping_justification")
"""Columns every mapping must have (SSSOM spec; ``subject_id``/``object_id`` unless literal mappings)."""

REQUIRED_METADATA = ("mapping_set_id", "license")
"""Mapping-set metadata the SSSOM spec requires."""

BUILTIN_PREFIXES: dict[str, str] = {
    "sssom": "https://w3id.org/sssom/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "semapv": "https://w3id.org/semapv/vocab/",
}
"""Prefixes the SSSOM spec declares built in: a mapping set may use them without a curie_map entry."""

MAPPING_SLOTS: tuple[str, ...] = (
    "record_id",
    "subject_id",
    "subject_label",
    "subject_category",
    "predicate_id",
    "predicate_label",
    "predicate_modifier",
    "object_id",
    "object_label",
    "object_category",
    "mapping_justification",
    "author_id",
    "author_label",
    "reviewer_id",
    "reviewer_label",
    "creator_id",
    "creator_label",
    "license",
    "subject_type",
    "subject_source",
    "subject_source_version",
    "object_type",
    "object_source",
    "object_source_version",
    "predicate_type",
    "mapping_provider",
    "mapping_source",
    "mapping_cardinality",
    "cardinality_scope",
    "mapping_tool",
    "mapping_tool_id",
    "mapping_tool_version",
    "mapping_date",
    "publication_date",
    "review_date",
    "confidence",
    "reviewer_agreement",
    "curation_rule",
    "curation_rule_text",
    "subject_match_field",
    "object_match_field",
    "match_string",
    "subject_preprocessing",
    "object_preprocessing",
    "similarity_score",
    "similarity_measure",
    "see_also",
    "issue_tracker_item",
    "other",
    "comment",
)
"""The mapping slots of the SSSOM schema (1.1), in the schema's order (used to order written columns)."""

PROPAGATABLE_SLOTS = frozenset(
    {
        "mapping_date",
        "mapping_provider",
        "mapping_tool",
        "mapping_tool_id",
        "mapping_tool_version",
        "object_match_field",
        "object_preprocessing",
        "object_source",
        "object_source_version",
        "object_type",
        "predicate_type",
        "similarity_measure",
        "subject_match_field",
        "subject_preprocessing",
        "subject_source",
        "subject_source_version",
        "subject_type",
        "cardinality_scope",
        "curation_rule",
        "curation_rule_text",
    }
)
"""Mapping-set slots whose value applies to every mapping that does not give its own (SSSOM 1.1)."""

# Fields held as attributes of Mapping; every other column lands in Mapping.extra.
_FIELDS = (
    "subject_id",
    "subject_label",
    "predicate_id",
    "object_id",
    "object_label",
    "mapping_justification",
    "confidence",
    "author_id",
    "author_label",
    "mapping_date",
    "comment",
    "predicate_modifier",
)

_CURIE = re.compile(r"^([A-Za-z_][A-Za-z0-9_.\-]*):(\S*)$")
_WS = re.compile(r"\s+")


# --------------------------------------------------------------------------------------------- model


@dataclass
class Mapping:
    """One row of a mapping set. ``line`` is the row's line number in the TSV file (1-based)."""

    subject_id: str = ""
    predicate_id: str = ""
    object_id: str = ""
    mapping_justification: str = ""
    subject_label: str | None = None
    object_label: str | None = None
    confidence: float | None = None
    author_id: str | None = None
    author_label: str | None = None
    mapping_date: str | None = None
    comment: str | None = None
    predicate_modifier: str | None = None
    line: int | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def no_equivalent(self) -> bool:
        """True when the mapping states that the subject has no equivalent (``sssom:NoTermFound``)."""
        return self.object_id == NO_TERM_FOUND

    @property
    def negated(self) -> bool:
        """True when ``predicate_modifier`` is ``Not`` (the mapping states a non-match)."""
        return (self.predicate_modifier or "").strip() == "Not"

    def get(self, column: str) -> str | None:
        """The value of any column, as text (``None`` when empty or absent)."""
        if column in _FIELDS:
            value = getattr(self, column)
            if value is None or value == "":
                return None
            return _format_confidence(value) if column == "confidence" else str(value)
        value = self.extra.get(column)
        return value if value not in (None, "") else None

    def to_row(self) -> dict[str, str]:
        """The mapping as a TSV row: column name -> text (empty columns omitted)."""
        row: dict[str, str] = {}
        for name in _FIELDS:
            value = self.get(name)
            if value is not None:
                row[name] = value
        for name, value in self.extra.items():
            if value not in (None, ""):
                row[name] = value
        return row

    def key(self) -> tuple[str, str, str, str]:
        """(subject_id, predicate_id, object_id, predicate_modifier): what the mapping asserts."""
        return (self.subject_id, self.predicate_id, self.object_id, self.predicate_modifier or "")


@dataclass
class MappingSet:
    """A mapping set: metadata (without ``curie_map``), prefixes, mappings, and the table's columns."""

    metadata: dict[str, Any] = field(default_factory=dict)
    curie_map: dict[str, str] = field(default_factory=dict)
    mappings: list[Mapping] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    path: str | None = None

    @property
    def prefixes(self) -> dict[str, str]:
        """The declared prefixes plus SSSOM's built-in ones (declared ones win)."""
        return {**BUILTIN_PREFIXES, **self.curie_map}

    @property
    def mapping_set_id(self) -> str | None:
        """The set's ``mapping_set_id`` metadata, if any."""
        value = self.metadata.get("mapping_set_id")
        return str(value) if value else None

    def expand(self, curie: str) -> str:
        """The IRI of ``curie`` (``refc:role-nurse`` -> ``https://w3id.org/referentiel/concept/role-nurse``).

        Raises :class:`ConfigError` when the prefix is not declared.
        """
        return expand(curie, self.prefixes, file=self.path)

    def compress(self, iri: str) -> str:
        """The CURIE of ``iri`` using the longest matching declared namespace (``iri`` itself if none)."""
        return compress(iri, self.prefixes)

    def __iter__(self) -> Iterator[Mapping]:
        return iter(self.mappings)

    def __len__(self) -> int:
        return len(self.mappings)


# ------------------------------------------------------------------------------------------- CURIEs


# ------------------------------------------------------------------------------------------- CURIEs


def split_curie(curie: str) -> tuple[str, str] | None:
    """``(prefix, local)`` when ``curie`` is a syntactically valid CURIE, else ``None``.

    Absolute IRIs (``https://...``) are not CURIEs: their "local part" starts with ``//``.
    """
    match = _CURIE.match(curie.strip())
    if not match or match.group(2).startswith("//"):
        return None
    return match.group(1), match.group(2)


def expand(
    curie: str,
    prefixes: dict[str, str],
    *,
    file: str | None = None,
    line: int | None = None,
    column: str | None = None,
) -> str:
    """Expand ``curie`` with ``prefixes``; absolute IRIs are returned unchanged.

    Raises :class:`ConfigError` (file, line, column) when the CURIE is malformed or its prefix unknown.
    """
    text = curie.strip()
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.\-]*://", text):
        return text
    parts = split_curie(text)
    if parts is None:
        raise ConfigError.of(
            "{text!r} is not a CURIE (expected prefix:local, e.g. refc:role-nurse)",
            text=text,
            file=file,
            line=line,
            column=column,
            hint="write identifiers as prefix:local with a prefix declared in the curie_map",
        )
    prefix, local = parts
    if prefix not in prefixes:
        raise ConfigError.of(
            "unknown prefix {prefix!r} in {text!r}",
            prefix=prefix,
            text=text,
            file=file,
            line=line,
            column=column,
            hint="declare {prefix!r} in the curie_map of the YAML header (#curie_map:\\n#  {prefix}: <IRI>)",
        )
    return prefixes[prefix] + local


def compress(iri: str, prefixes: dict[str, str]) -> str:
    """The CURIE of ``iri`` using the longest namespace of ``prefixes`` that it starts with."""
    best: tuple[int, str] | None = None
    for prefix, namespace in prefixes.items():
        if iri.startswith(namespace) and (best is None or len(namespace) > best[0]):
            best = (len(namespace), prefix)
    if best is None:
        return iri
    return f"{best[1]}:{iri[best[0] :]}"


# ---------------------------------------------------------------------------------------- reading


def _format_confidence(value: Any) -> str:
    if isinstance(value, float):
        text = repr(round(value, 6))
        return text[:-2] if text.endswith(".0") and value not in (0.0, 1.0) else text
    return str(value)


def normalise_term(term: str) -> str:
    """The form terms are compared in: Unicode NFC, stripped, whitespace collapsed, casefolded.

    Accents are kept on purpose: "délégué" and "delegue" are compared as written (the suggester,
    not the exact lookup, forgives accents).
    """
    return _WS.sub(" ", unicodedata.normalize("NFC", term).strip()).casefold()
