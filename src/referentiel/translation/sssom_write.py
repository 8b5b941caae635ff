"""Writing SSSOM/TSV mapping sets: a new, empty set for an organisation, and any set as text or file
(columns in the specification's order, cells safe for spreadsheets).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import yaml

from referentiel.error_messages import phrase
from referentiel.errors import ConfigError, InputError
from referentiel.spreadsheet import neutralise
from referentiel.translation.sssom_model import _WS, MAPPING_SLOTS, REQUIRED_COLUMNS, MappingSet


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
