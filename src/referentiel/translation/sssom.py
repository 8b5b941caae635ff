"""SSSOM mapping sets: read, write, index and expand/compress CURIEs.

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

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from referentiel.error_messages import phrase
from referentiel.errors import ConfigError, InputError
from referentiel.spreadsheet import neutralise, restore

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


def read_mapping_set(path: str | Path, *, strict: bool = True) -> MappingSet:
    """Read an SSSOM/TSV mapping set (embedded YAML metadata).

    With ``strict`` (the default) every CURIE must use a declared or built-in prefix and
    ``confidence`` must be a number; without it those problems are left for
    :func:`referentiel.translation.mapping_checks.check_mapping_set` to report, so that
    ``mappings check`` lists them all instead of stopping at the first.

    Raises :class:`InputError` (exit 2) when the file is missing, unreadable, has a broken YAML
    header or lacks a required column, with the file, line and column of the problem.
    """
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise InputError.of("mapping set not found", file=name, hint="check the path of the .sssom.tsv file")
    if path.is_dir():
        raise InputError.of(
            "this is a folder, not a mapping set", file=name, hint="give the .sssom.tsv file itself"
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError.of("cannot read the mapping set ({why})", file=name, why=exc.strerror) from exc
    if b"\x00" in raw[:4096]:
        raise InputError.of(
            "this is a binary file, not an SSSOM/TSV mapping set",
            file=name,
            hint="mapping sets are tab-separated text files (.sssom.tsv)",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError.of(
            "the mapping set is not UTF-8 text",
            file=name,
            line=line,
            hint="save the file as UTF-8 (SSSOM/TSV files are UTF-8)",
        ) from exc
    return parse_mapping_set(text, source=name, strict=strict)


def parse_mapping_set(text: str, *, source: str | None = None, strict: bool = True) -> MappingSet:
    """Parse the text of an SSSOM/TSV mapping set (see :func:`read_mapping_set`)."""
    lines = text.splitlines(keepends=True)
    header: list[str] = []
    index = 0
    while index < len(lines) and (lines[index].startswith("#") or not lines[index].strip()):
        if lines[index].startswith("#"):
            header.append(lines[index][1:])
        index += 1
    metadata = _parse_header(header, source)
    curie_map = metadata.pop("curie_map", None) or {}
    if not isinstance(curie_map, dict) or not all(isinstance(v, str) for v in curie_map.values()):
        raise InputError.of(
            "curie_map must map each prefix to an IRI (prefix: IRI)",
            file=source,
            hint="write '#curie_map:' then one '#  prefix: https://...' line per prefix",
        )
    curie_map = {str(k): v for k, v in curie_map.items()}
    first_table_line = index + 1

    reader = csv.reader(
        io.StringIO("".join(lines[index:])), delimiter="\t", quoting=csv.QUOTE_MINIMAL, strict=False
    )
    try:
        columns = next(reader)
    except StopIteration:
        raise InputError.of(
            "the mapping set has no table (no header row after the metadata)",
            file=source,
            line=first_table_line,
            hint="add a tab-separated header row: subject_id, predicate_id, object_id, ...",
        ) from None
    columns = [c.strip() for c in columns]
    # Literal mappings (SSSOM 1.1) identify the subject by its label alone: no subject_id column.
    literal_subjects = _metadata_text(metadata, "subject_type") == "rdfs literal" or (
        "subject_type" in columns and "subject_id" not in columns
    )
    required = [c for c in REQUIRED_COLUMNS if not (c == "subject_id" and literal_subjects)]
    if literal_subjects and "subject_label" not in columns:
        required.append("subject_label")
    missing = [c for c in required if c not in columns]
    if missing:
        raise InputError.of(
            "missing required column(s): {columns}",
            columns=", ".join(missing),
            file=source,
            line=first_table_line,
            column=missing[0],
            hint="an SSSOM table needs subject_id, predicate_id, object_id and mapping_justification "
            "(see docs/translation.md, 'Mapping sets (SSSOM)')",
        )
    duplicates = sorted({c for c in columns if columns.count(c) > 1})
    if duplicates:
        raise InputError.of(
            "column {name!r} appears twice in the header",
            name=duplicates[0],
            file=source,
            line=first_table_line,
            column=duplicates[0],
            hint="keep one column per name",
        )
    prefixes = {**BUILTIN_PREFIXES, **curie_map}
    # Mapping-set level values that SSSOM propagates down to every mapping (spec: "propagatable slots").
    propagated = {
        k: str(v) for k, v in metadata.items() if k in PROPAGATABLE_SLOTS and not isinstance(v, (dict, list))
    }

    mappings: list[Mapping] = []
    for offset, cells in enumerate(reader):
        line = first_table_line + 1 + offset
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(columns):
            raise InputError.of(
                "the row has {cells} cells but the header has {columns} columns",
                cells=len(cells),
                columns=len(columns),
                file=source,
                line=line,
                hint="remove the extra tab(s) or add the missing column name",
            )
        # restore(): a cell written neutralised against spreadsheet formulas reads back as it was.
        row = {col: (restore(cells[i].strip()) if i < len(cells) else "") for i, col in enumerate(columns)}
        for key, value in propagated.items():
            if not row.get(key):
                row[key] = value
        mappings.append(_mapping_from_row(row, line, source, prefixes, strict))
    return MappingSet(metadata=metadata, curie_map=curie_map, mappings=mappings, columns=columns, path=source)


def _metadata_text(metadata: dict[str, Any], key: str) -> str | None:
    value = metadata.get(key)
    return str(value).strip() if value not in (None, "") else None


def _parse_header(header: list[str], source: str | None) -> dict[str, Any]:
    if not header:
        return {}
    try:
        data = yaml.safe_load("".join(header))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise InputError.of(
            "the YAML metadata block (the '#' lines) is malformed: {problem}",
            problem=problem,
            file=source,
            line=line,
            hint="each metadata line starts with '#' followed by YAML (key: value); "
            "indent curie_map entries by two spaces after the '#'",
        ) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError.of(
            "the YAML metadata block must be a mapping of key: value lines",
            file=source,
            line=1,
            hint="write '#mapping_set_id: https://...' and similar key: value lines",
        )
    return {str(k): v for k, v in data.items()}


def _mapping_from_row(
    row: dict[str, str], line: int, source: str | None, prefixes: dict[str, str], strict: bool
) -> Mapping:
    values: dict[str, Any] = {}
    extra: dict[str, str] = {}
    for key, value in row.items():
        if key in _FIELDS:
            values[key] = value
        elif value != "":
            extra[key] = value
    confidence: float | None = None
    raw_conf = values.pop("confidence", "")
    if raw_conf:
        try:
            confidence = float(raw_conf)
        except ValueError:
            if strict:
                raise ConfigError.of(
                    "confidence {value!r} is not a number",
                    value=raw_conf,
                    file=source,
                    line=line,
                    column="confidence",
                    hint="write a number between 0 and 1, e.g. 0.95",
                ) from None
            extra["confidence"] = raw_conf
    if strict:
        for column in ("subject_id", "predicate_id", "object_id", "mapping_justification"):
            value = values.get(column) or ""
            if value:
                expand(value, prefixes, file=source, line=line, column=column)
    mapping = Mapping(
        subject_id=values.get("subject_id", ""),
        predicate_id=values.get("predicate_id", ""),
        object_id=values.get("object_id", ""),
        mapping_justification=values.get("mapping_justification", ""),
        subject_label=values.get("subject_label") or None,
        object_label=values.get("object_label") or None,
        confidence=confidence,
        author_id=values.get("author_id") or None,
        author_label=values.get("author_label") or None,
        mapping_date=values.get("mapping_date") or None,
        comment=values.get("comment") or None,
        predicate_modifier=values.get("predicate_modifier") or None,
        line=line,
        extra=extra,
    )
    return mapping


# ---------------------------------------------------------------------------------------- writing


def _ordered_columns(ms: MappingSet) -> list[str]:
    present: set[str] = set()
    for mapping in ms.mappings:
        present.update(mapping.to_row())
    for required in REQUIRED_COLUMNS:
        present.add(required)
    known = [c for c in MAPPING_SLOTS if c in present]
    others = [c for c in ms.columns if c in present and c not in MAPPING_SLOTS]
    others += sorted(c for c in present if c not in MAPPING_SLOTS and c not in others)
    return known + others


ORG_NAMESPACE_TEMPLATE = "https://w3id.org/referentiel/org/{slug}/"
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def new_mapping_set(slug: str, prefix: str | None = None, title: str | None = None) -> MappingSet:
    """An empty, valid mapping set for a new organisation (the header `mappings check` requires).

    ``slug`` is the organisation's kebab-case slug (``huis-van-het-kind-gent``); its terms get the
    CURIE prefix ``prefix`` (default: the slug without hyphens) in
    ``https://w3id.org/referentiel/org/{slug}/``. Raises :class:`ConfigError` for a malformed slug.
    """
    import datetime as dt

    if not _SLUG.match(slug):
        raise ConfigError.of(
            "{slug!r} is not an organisation slug",
            slug=slug,
            hint="use lowercase letters, digits and hyphens, e.g. huis-van-het-kind-gent",
        )
    prefix = prefix or slug.replace("-", "")
    if not re.match(r"^[A-Za-z_][A-Za-z0-9_.-]*$", prefix):
        raise ConfigError.of(
            "{prefix!r} is not a CURIE prefix", prefix=prefix, hint="use letters and digits, e.g. hvhkgent"
        )
    namespace = ORG_NAMESPACE_TEMPLATE.format(slug=slug)
    return MappingSet(
        metadata={
            "mapping_set_id": namespace + "mappings",
            "mapping_set_version": "0.1",
            "mapping_set_title": title or f"{slug}: terms mapped onto the shared framework",
            "mapping_set_description": f"The terms of {slug}'s exports mapped onto the framework's concepts. "
            "A term without equivalent is written with predicate_id skos:exactMatch and object_id "
            "sssom:NoTermFound.",
            "license": "https://creativecommons.org/licenses/by/4.0/",
            "mapping_date": dt.date.today().isoformat(),
        },
        curie_map={
            prefix: namespace,
            "refc": "https://w3id.org/referentiel/concept/",
            "skos": "http://www.w3.org/2004/02/skos/core#",
            "semapv": "https://w3id.org/semapv/vocab/",
            "sssom": "https://w3id.org/sssom/",
        },
    )


def dumps_mapping_set(ms: MappingSet) -> str:
    """The SSSOM/TSV text of ``ms`` (YAML header with ``curie_map``, then the table)."""
    metadata: dict[str, Any] = {}
    if ms.curie_map:
        metadata["curie_map"] = dict(ms.curie_map)
    metadata.update(ms.metadata)
    header = yaml.safe_dump(metadata, allow_unicode=True, sort_keys=False, width=1000) if metadata else ""
    out = io.StringIO()
    for line in header.splitlines():
        out.write(f"#{line}\n")
    columns = _ordered_columns(ms)
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for mapping in ms.mappings:
        row = mapping.to_row()
        # Stewards review mapping sets in a spreadsheet; partner terms may start like a formula.
        writer.writerow([neutralise(_clean_cell(row.get(c, ""))) for c in columns])
    return out.getvalue()


def _clean_cell(value: str) -> str:
    # A tab or newline inside a cell would break the TSV for every other tool: SSSOM has no escaping.
    return _WS.sub(" ", value) if ("\t" in value or "\n" in value or "\r" in value) else value


def write_mapping_set(ms: MappingSet, path: str | Path) -> Path:
    """Write ``ms`` to ``path`` as SSSOM/TSV, atomically (a ``.part`` file renamed at the end)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_text(dumps_mapping_set(ms), encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        if tmp.parent.is_dir():
            tmp.unlink(missing_ok=True)
        where = path.parent
        why = (
            phrase("the folder {folder} does not exist", folder=str(where))
            if not where.exists()
            else phrase("{folder} is not a folder", folder=str(where))
            if not where.is_dir()
            else exc.strerror or type(exc).__name__
        )
        raise InputError.of(
            "cannot write the mapping set: {why}",
            why=why,
            file=str(path),
            hint="choose a path in a folder you may write to",
        ) from None
    return path


# ----------------------------------------------------------------------------------------- lookup


def normalise_term(term: str) -> str:
    """The form terms are compared in: Unicode NFC, stripped, whitespace collapsed, casefolded.

    Accents are kept on purpose: "délégué" and "delegue" are compared as written (the suggester,
    not the exact lookup, forgives accents).
    """
    return _WS.sub(" ", unicodedata.normalize("NFC", term).strip()).casefold()


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
