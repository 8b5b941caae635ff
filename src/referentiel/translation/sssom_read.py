"""Reading SSSOM/TSV mapping sets: the YAML header, the rows with their line numbers, every problem
located (file, line, column) in the user's language.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import yaml

from referentiel.errors import ConfigError, InputError
from referentiel.spreadsheet import restore
from referentiel.translation.sssom_model import (
    _FIELDS,
    BUILTIN_PREFIXES,
    PROPAGATABLE_SLOTS,
    REQUIRED_COLUMNS,
    Mapping,
    MappingSet,
    expand,
)


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
