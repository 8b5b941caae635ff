"""Synthetic exports (:mod:`referentiel.intake.generator`): defect kinds, the period, and the
organisation templates read from the examples (profile, mapping set, headers, identifiers)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from referentiel.errors import InputError

# Canonical defect kinds, shared with the intake summary (see adapters.KIND_OF).
UNMAPPED_TERM = "unmapped-term"
MISSING_FIELD = "missing-field"
IMPOSSIBLE_DATE = "impossible-date"
PERSONAL_DATA = "personal-data"
DEFECT_KINDS = (UNMAPPED_TERM, MISSING_FIELD, IMPOSSIBLE_DATE, PERSONAL_DATA)

PERIOD_START = date(2023, 1, 1)
PERIOD_END = date(2025, 6, 30)
REFERENCE_YEAR = 2025

COMMUNES = (
    "Anderlecht",
    "Bruxelles",
    "Etterbeek",
    "Forest",
    "Ixelles",
    "Jette",
    "Molenbeek-Saint-Jean",
    "Saint-Gilles",
    "Schaerbeek",
    "Uccle",
    "Charleroi",
    "Liège",
    "Namur",
    "Mons",
    "Verviers",
    "Tournai",
)

# Invented terms nobody's mapping set holds: each injected one is made unique with a number.
UNMAPPED_STEMS = (
    "accompagnement renforcé",
    "atelier cuisine",
    "bilan express",
    "permanence mobile",
    "soutien hybride",
    "rencontre informelle",
    "suivi spécial",
)

KEY_NAME = "SYNTHETIC-ONLY.key"

# Meeting kinds that require participants of two organisations (ref:interOrganisational true in the
# contract): an export lists its own professionals only, so they are left to hand-made examples.
INTER_ORGANISATIONAL = frozenset(
    {
        "meeting-kind-concertation",
        "meeting-kind-network-meeting",
        "meeting-kind-multidisciplinary-concertation",
    }
)


@dataclass
class OrgTemplate:
    """One example organisation: its folder, profile, mapping set and vocabulary."""

    slug: str
    folder: Path
    profile: Any  # referentiel.translation.profile.Profile
    terms: dict[str, list[str]]  # scheme prefix ("role-") -> the organisation's own terms
    concepts: dict[str, str]  # term -> framework concept local name
    samples: dict[tuple[str, str], list[Any]]  # (table url/sheet, column title) -> example cell values
    headers: dict[str, list[str]]  # table key -> header as in the example file
    id_patterns: dict[tuple[str, str], tuple[str, int]]  # (table key, title) -> (prefix, digits)
    encodings: dict[str, str]
    locations: dict[str, str]  # export file name -> its folder relative to the organisation's folder


@dataclass
class Defect:
    """One injected defect and where intake must report it."""

    file: str
    row: int | None
    column: str
    kind: str
    sheet: str | None = None
    organisation: str = ""
    injected_row: int | None = None
    """For defects reported per column (a personal-data leak refuses the whole table): the row it is in."""

    def to_dict(self) -> dict:  # noqa: D102
        out = {
            "organisation": self.organisation,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "kind": self.kind,
        }
        if self.injected_row is not None:
            out["injected_row"] = self.injected_row
        return out


@dataclass
class GenerationResult:
    """What :func:`generate` wrote."""

    directory: Path
    families: int
    seed: int
    organisations: list[str]
    defect_rate: float = 0.0
    rows: dict[str, int] = field(default_factory=dict)  # file -> rows written
    defects: list[Defect] = field(default_factory=list)

    @property
    def total_rows(self) -> int:
        """Rows written over every file."""
        return sum(self.rows.values())


# ------------------------------------------------------------------ templates


def table_key(table: Any) -> str:
    """``file`` or ``file#sheet``: one table of an export."""
    return f"{table.url}#{table.sheet}" if table.sheet else table.url


def _example_dir() -> Path:
    from referentiel.intake.pipeline import bundled_examples_dir

    folder = bundled_examples_dir()
    if folder is None:  # pragma: no cover - broken install
        raise InputError("the bundled example organisations are missing", hint="reinstall referentiel")
    return folder


def _detect_encoding(path: Path) -> str:
    data = path.read_bytes()[: 1 << 16]
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        path.read_bytes().decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


_ID = re.compile(r"^(.*?)(\d+)$")


def load_templates(examples: Path | None = None) -> list[OrgTemplate]:
    """Read every example organisation (profile, mapping set, example files) under ``examples``."""
    from referentiel.intake import adapters
    from referentiel.translation.profile import load_profile
    from referentiel.translation.readers import read_table
    from referentiel.translation.sssom import read_mapping_set

    examples = examples or _example_dir()
    templates = []
    for folder in sorted(p for p in examples.iterdir() if p.is_dir()):
        profile_path = next(
            (
                p
                for p in sorted(folder.iterdir())
                if p.stem == adapters.PROFILE_STEM and p.suffix in adapters.PROFILE_SUFFIXES
            ),
            None,
        )
        if profile_path is None:
            continue
        profile = load_profile(profile_path)
        terms: dict[str, list[str]] = {}
        concepts: dict[str, str] = {}
        if profile.mappings is not None:
            asserting = adapters.asserting_predicates()
            seen: set[tuple[str, str]] = set()
            for mapping in read_mapping_set(profile.mappings):
                label = (mapping.get("subject_label") or "").strip()
                predicate = mapping.get("predicate_id") or ""
                obj = mapping.get("object_id") or ""
                if not label or predicate not in asserting or mapping.negated:
                    continue
                local = obj.split(":", 1)[1] if obj.startswith("refc:") else obj.rsplit("/", 1)[-1]
                for prefix in adapters.SCHEME_PREFIXES:
                    if local.startswith(prefix) and (prefix, label) not in seen:
                        seen.add((prefix, label))
                        if local in INTER_ORGANISATIONAL:
                            continue  # needs participants of two organisations: not generated
                        terms.setdefault(prefix, []).append(label)
                        concepts[label] = local
        samples: dict[tuple[str, str], list[Any]] = {}
        headers: dict[str, list[str]] = {}
        id_patterns: dict[tuple[str, str], tuple[str, int]] = {}
        encodings: dict[str, str] = {}
        locations: dict[str, str] = {}
        for table in profile.tables:
            matches = sorted(p for p in folder.rglob("*") if p.is_file() and table.matches(p))
            if not matches:
                continue
            path = matches[0]
            locations[path.name] = str(path.parent.relative_to(folder))
            key = table_key(table)
            example = read_table(
                path,
                sheet=table.sheet,
                delimiter=table.delimiter,
                encoding=table.encoding,
                quotechar=table.quotechar,
                json_path=table.json_path,
            )
            headers[key] = list(example.header)
            if path.suffix.lower() not in (".xlsx", ".xlsm", ".json"):
                encodings[key] = table.encoding if table.encoding not in ("auto",) else _detect_encoding(path)
            for index, title in enumerate(example.header):
                spec = table.column(title)
                separator = spec.separator if spec is not None else None
                values = []
                for _, cells in example.rows:
                    cell = cells[index]
                    if isinstance(cell, str) and separator:
                        cell = [part.strip() for part in cell.split(separator)]
                    values.extend(
                        v for v in (cell if isinstance(cell, list) else [cell]) if v not in (None, "")
                    )
                samples[(key, title)] = values
                text = [str(v) for v in values]
                match = _ID.match(text[0]) if text else None
                if match:
                    id_patterns[(key, title)] = (match.group(1), len(match.group(2)))
        templates.append(
            OrgTemplate(
                profile.slug,
                folder,
                profile,
                terms,
                concepts,
                samples,
                headers,
                id_patterns,
                encodings,
                locations,
            )
        )
    if not templates:
        raise InputError("no example organisation with a profile was found", file=str(examples))
    return templates
