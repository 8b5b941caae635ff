"""Synthetic partner exports at any scale, written in the example organisations' own dialects.

The generator builds a small world — families with children of 0 to 6 years, the organisations that
follow them, professionals who join and leave (turnover), a few over-solicited professionals
(centralisation), interventions, referrals with delays, coordination meetings, links in each family's
network — and writes, for each example organisation, the files its **real profile** describes: the
same file names, formats (CSV/XLSX/JSON), delimiters, encodings, date patterns and column titles, and
the organisation's own vocabulary taken from its SSSOM mapping set. The profile and mapping set are
copied next to the generated files, so that ``referentiel ingest`` reads them exactly as it reads the
examples. Nothing here hard-codes an organisation: the profiles drive everything.

A known share of defects is injected — unmapped terms, missing required fields, impossible dates, a
personal-data leak — and written down in ``expected-defects.json`` (file, sheet, row, column, kind),
so that tests can check that intake finds exactly them.

Rows are written as they are generated (CSV and JSON streamed, XLSX in openpyxl's write-only mode);
memory grows with the number of families (a few small integers each), never with rows × rows.
The output is a function of ``(families, seed, defect_rate)`` only: same arguments, same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from referentiel.errors import ConfigError, InputError
from referentiel.progress import NullProgress, Progress

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
# Ties a family can draw on outside the services (informal) and with services (issue 12).
INFORMAL_LINK_KINDS = (
    "link-kind-family",
    "link-kind-extended-family",
    "link-kind-friend-neighbour",
    "link-kind-community",
)
PROFESSIONAL_LINK_KINDS = ("link-kind-professional", "link-kind-institutional")


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


# ------------------------------------------------------------------ the world


@dataclass
class Pro:
    """A professional of one organisation."""

    index: int
    start: date
    end: date | None
    weight: float


@dataclass
class Sit:
    """A situation: one family followed by one organisation."""

    index: int
    family: int
    start: date
    end: date | None
    children: list[int]
    parents: int


def _day(rng: random.Random, start: date, end: date) -> date:
    span = max(0, (end - start).days)
    return start + timedelta(days=rng.randint(0, span))


class World:
    """Families spread over organisations, with professionals and their turnover.

    Per organisation: situations (one per family it follows) and a pool of professionals whose
    weights follow a Zipf-like law, so that a few of them receive most requests (centralisation).
    """

    def __init__(self, families: int, orgs: list[str], seed: int) -> None:
        rng = random.Random(f"{seed}:world")
        self.orgs = orgs
        self.situations: dict[str, list[Sit]] = {o: [] for o in orgs}
        for family in range(1, families + 1):
            count = rng.choices((1, 2, 3), weights=(55, 33, 12))[0]
            followed = rng.sample(orgs, min(count, len(orgs)))
            children = sorted(
                rng.randint(REFERENCE_YEAR - 6, REFERENCE_YEAR) for _ in range(rng.choice((1, 1, 2, 2, 3)))
            )
            parents = rng.choice((1, 2, 2))
            for org in followed:
                start = _day(rng, PERIOD_START, PERIOD_END - timedelta(days=30))
                end = _day(rng, start + timedelta(days=30), PERIOD_END) if rng.random() < 0.35 else None
                sits = self.situations[org]
                sits.append(Sit(len(sits) + 1, family, start, end, children, parents))
        self.pros: dict[str, list[Pro]] = {}
        for org in orgs:
            prng = random.Random(f"{seed}:pros:{org}")
            size = max(3, len(self.situations[org]) // 25)
            pool = []
            for index in range(1, size + 1):
                start = _day(prng, date(2015, 1, 1), PERIOD_END - timedelta(days=200))
                # turnover: about one in five leaves during the period
                end = (
                    _day(prng, max(start, PERIOD_START) + timedelta(days=60), PERIOD_END)
                    if prng.random() < 0.2
                    else None
                )
                weight = 1.0 / index**0.9
                if index <= max(1, size // 40):
                    weight *= 3  # the over-solicited few
                pool.append(Pro(index, start, end, weight))
            prng.shuffle(pool)
            self.pros[org] = pool


# ------------------------------------------------------------------ rendering


class _Renderer:
    """Turns world records into cells of one organisation's tables, in its dialect."""

    def __init__(self, template: OrgTemplate, rng: random.Random, known: set[str]) -> None:
        self.t = template
        self.rng = rng
        self.known_organisations = known
        self._cum: list[float] | None = None

    def ident(self, key: str, title: str, entity: str, number: int) -> str:
        prefix, digits = self.t.id_patterns.get((key, title), (entity[:3].upper() + "-", 5))
        return f"{prefix}{number:0{max(digits, len(str(number)))}d}"

    def entity_id(self, entity: str, number: int) -> str:
        """The id of entity ``number`` as this organisation writes it in the entity's own table."""
        for table in self.t.profile.tables:
            if table.entity == entity:
                for col in table.columns:
                    if col.property is not None and col.property.name == "localId":
                        return self.ident(table_key(table), col.title, entity, number)
        return f"{entity[:3].upper()}-{number:05d}"

    def term(self, scheme: str, count: int = 1) -> list[str]:
        choices = self.t.terms.get(scheme) or []
        if not choices:
            return []
        return self.rng.sample(choices, min(count, len(choices)))

    def sample(self, key: str, title: str, count: int = 1, organisations: bool = False) -> list[str]:
        values = self.t.samples.get((key, title)) or []
        distinct = sorted({str(v) for v in values})
        if organisations:
            # Partners the network knows (an example organisation, with its sector), when there are some.
            known = [
                v
                for v in distinct
                if self.t.profile.organisations.get(" ".join(v.split()).casefold())
                in self.known_organisations
            ]
            distinct = known or distinct
        if not distinct:
            return []
        return self.rng.sample(distinct, min(count, len(distinct)))


def _format_date(value: date, col: Any, xlsx: bool) -> Any:
    formats = col.formats or ["%d/%m/%Y"]
    if xlsx:
        return value  # a real date cell, as Excel stores it
    fmt = formats[0]
    if fmt == "excel":
        return str((value - date(1899, 12, 30)).days)
    return value.strftime(fmt)


def _impossible_date(col: Any, n: int) -> str:
    fmt = next((f for f in (col.formats or []) if f != "excel"), "%d/%m/%Y")
    # 30 or 31 February, 31 April/June: every field in range on its own, the date impossible.
    day, month = ((30, 2), (31, 2), (31, 4), (31, 6), (31, 9), (31, 11))[n % 6]
    return (
        fmt.replace("%d", f"{day:02d}")
        .replace("%m", f"{month:02d}")
        .replace("%Y", str(2024))
        .replace("%y", "24")
    )


def _fake_niss(rng: random.Random) -> str:
    """A national-number-like value that passes the mod-97 check (born 2000 or later): a leak to catch."""
    yy, mm, dd = rng.randint(0, 24), rng.randint(1, 12), rng.randint(1, 28)
    serial = rng.randint(1, 997)
    body = int(f"{yy:02d}{mm:02d}{dd:02d}{serial:03d}")
    check = 97 - (2_000_000_000 + body) % 97
    return f"{yy:02d}.{mm:02d}.{dd:02d}-{serial:03d}.{check:02d}"


class _Writer:
    """Writes one file's tables: CSV/JSON streamed, XLSX through a write-only workbook."""

    def __init__(self, path: Path, template: OrgTemplate) -> None:
        self.path = path
        self.t = template
        self.suffix = path.suffix.lower()
        self._workbook = None
        if self.suffix in (".xlsx", ".xlsm"):
            import openpyxl

            self._workbook = openpyxl.Workbook(write_only=True)

    def write(self, table: Any, header: list[str], rows: Iterator[list[Any]]) -> int:
        if self._workbook is not None:
            ws = self._workbook.create_sheet(title=table.sheet or "Feuil1")
            ws.append(header)
            count = 0
            for row in rows:
                ws.append([None if v == "" else (",".join(v) if isinstance(v, list) else v) for v in row])
                count += 1
            return count
        if self.suffix == ".json":
            return self._write_json(table, header, rows)
        return self._write_csv(table, header, rows)

    def _write_csv(self, table: Any, header: list[str], rows: Iterator[list[Any]]) -> int:
        encoding = self.t.encodings.get(table_key(table), "utf-8")
        delimiter = table.delimiter or ";"
        count = 0
        # newline="" and an explicit \r\n: Excel's CSV line ending, identical on every platform.
        with self.path.open("w", encoding=encoding, errors="strict", newline="") as handle:
            writer = csv.writer(
                handle, delimiter=delimiter, quotechar=table.quotechar or '"', lineterminator="\r\n"
            )
            writer.writerow(header)
            for row in rows:
                writer.writerow(
                    ["" if v is None else (",".join(v) if isinstance(v, list) else v) for v in row]
                )
                count += 1
        return count

    def _write_json(self, table: Any, header: list[str], rows: Iterator[list[Any]]) -> int:
        count = 0
        with self.path.open("w", encoding="utf-8", newline="\n") as handle:
            prefix, suffix = "", ""
            if table.json_path:
                parts = table.json_path.split(".")
                prefix = "".join("{" + json.dumps(p, ensure_ascii=False) + ": " for p in parts)
                suffix = "}" * len(parts)
            handle.write(prefix + "[\n")
            for row in rows:
                record = {h: v for h, v in zip(header, row, strict=False) if v not in ("", None)}
                handle.write(("  " if count == 0 else ",\n  ") + json.dumps(record, ensure_ascii=False))
                count += 1
            handle.write("\n]" + suffix + "\n")
        return count

    def close(self) -> None:
        if self._workbook is not None:
            buffer = io.BytesIO()
            self._workbook.save(buffer)
            _normalise_xlsx(buffer.getvalue(), self.path)


def _normalise_xlsx(data: bytes, path: Path) -> None:
    """Rewrite an .xlsx with fixed timestamps so that the same seed gives the same bytes."""
    fixed = (2025, 1, 1, 0, 0, 0)
    stamp = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = stamp.sub(
                    lambda m: (
                        b"<dcterms:" + m.group(1) + b' xsi:type="dcterms:W3CDTF">'
                        b"2025-01-01T00:00:00Z</dcterms:" + m.group(1) + b">"
                    ),
                    content,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=fixed)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, content)


# ------------------------------------------------------------------ rows per entity


class _OrgGenerator:
    """Generates the rows of every table of one organisation."""

    def __init__(
        self,
        template: OrgTemplate,
        world: World,
        seed: int,
        defect_rate: float,
        all_templates: list[OrgTemplate],
        leak: bool = False,
    ) -> None:
        self.t = template
        self.world = world
        self.seed = seed
        self.rate = defect_rate
        self.rng = random.Random(f"{seed}:rows:{template.slug}")
        self.render = _Renderer(template, self.rng, {t.slug for t in all_templates})
        # The patterns of issue 12 (successive referents, handovers, ties, families at meetings) draw
        # from their own stream, so that adding one does not reshuffle the others.
        self.prng = random.Random(f"{seed}:patterns:{template.slug}")
        self._periods: dict[int, list[tuple[Pro, date, date | None]]] = {}
        self._interventions_of: dict[int, list[int]] = {}
        self.sits = world.situations[template.slug]
        self.pros = world.pros[template.slug]
        cum, total = [], 0.0
        for pro in self.pros:
            total += pro.weight
            cum.append(total)
        self._cum = cum
        self.defects: list[Defect] = []
        self._unmapped = 0
        self._leaked = False
        # The leak refuses its whole table (translation stops at an undeclared personal column), so it
        # goes into a table nothing else refers to, and no other defect is injected there.
        self.leak_table: str | None = None
        if leak:
            for table in template.profile.tables:
                if table.entity in ("intervention", "meeting", "link", "referral") and any(
                    c.vocabulary and not c.personal for c in table.columns
                ):
                    self.leak_table = table_key(table)
                    break
        self.others = [t.slug for t in all_templates if t.slug != template.slug]

    # -- choices
    def pro_for(self, day: date) -> Pro:
        """A professional active on ``day``, weighted (centralisation) and O(log n) per draw."""
        import bisect

        for _ in range(6):
            pick = self.pros[bisect.bisect_left(self._cum, self.rng.random() * self._cum[-1])]
            if pick.start <= day and (pick.end is None or pick.end >= day):
                return pick
        return self.rng.choice(self.pros)

    def _says(self, concept: str) -> bool:
        """Whether this partner has a term of its own for ``concept`` (its mapping set maps one)."""
        return concept in self.t.concepts.values()

    def referents(self, sit: Sit) -> list[tuple[Pro, date, date | None]]:
        """Dated successive referents of a situation: one leaves or hands over, the next takes over."""
        found = self._periods.get(sit.index)
        if found is None:
            rng, found = self.prng, []
            pro, since, last = self.pro_for(sit.start), sit.start, sit.end or PERIOD_END
            while True:
                stop = pro.end if pro.end is not None and since < pro.end < last else None
                if stop is None and rng.random() < 0.15 and (last - since).days > 60:
                    stop = _day(rng, since + timedelta(days=30), last - timedelta(days=30))
                if stop is None or len(found) == 3:
                    found.append((pro, since, sit.end))
                    break
                found.append((pro, since, stop))
                since = stop + timedelta(days=1)
                pro = self.pro_for(since)
            self._periods[sit.index] = found
        return found

    def records(self, entity: str) -> Iterator[dict[str, Any]]:
        """World records of ``entity`` as ``{property or composition: python value}``."""
        rng = self.rng
        org_ids = [f"org:{slug}" for slug in self.others]
        if entity == "professional":
            for pro in sorted(self.pros, key=lambda p: p.index):
                yield {
                    "localId": ("professional", pro.index),
                    "startDate": pro.start,
                    "endDate": pro.end,
                    "role": 1,
                    "memberOf": "self",
                }
        elif entity == "membership":
            number = 0
            for pro in sorted(self.pros, key=lambda p: p.index):
                changed = (
                    _day(self.prng, pro.start, pro.end or PERIOD_END) if self.prng.random() < 0.15 else None
                )
                periods = (
                    [(pro.start, changed), (changed + timedelta(days=1), pro.end)]
                    if changed
                    else [(pro.start, pro.end)]
                )
                for start, end in periods:  # a change of role is a new membership
                    number += 1
                    yield {
                        "localId": ("membership", number),
                        "member": ("professional", pro.index),
                        "organisation": "self",
                        "membershipRole": 1,
                        "startDate": start,
                        "endDate": end,
                    }
        elif entity == "assignment":
            number = 0
            for sit in self.sits:
                for pro, start, end in self.referents(sit):
                    number += 1
                    yield {
                        "localId": ("assignment", number),
                        "referent": ("professional", pro.index),
                        "assignedTo": ("situation", sit.index),
                        "startDate": start,
                        "endDate": end,
                    }
        elif entity == "situation":
            for sit in self.sits:
                ref = self.referents(sit)[-1][0]  # the current referent
                yield {
                    "localId": ("situation", sit.index),
                    "beneficiary": sit.family,
                    "startDate": sit.start,
                    "endDate": sit.end,
                    "commune": rng.choice(COMMUNES),
                    "hasNeed": rng.randint(1, 3),
                    "hasCompetence": rng.randint(0, 2),
                    "hasResource": rng.randint(0, 2),
                    "referenceProfessional": ("professional", ref.index),
                    "heldBy": "self",
                    "helpBasis": 1,
                    "childrenBirthYears": sit.children,
                    "parentsCount": sit.parents,
                }
        elif entity == "intervention":
            number = 0
            for sit in self.sits:
                for _ in range(rng.choice((1, 2, 2, 3, 4))):
                    number += 1
                    day = _day(rng, sit.start, sit.end or PERIOD_END)
                    pro = self.pro_for(day)
                    self._interventions_of.setdefault(sit.index, []).append(number)
                    yield {
                        "localId": ("intervention", number),
                        "date": day,
                        "interventionType": 1,
                        "concernsSituation": [("situation", sit.index)],
                        "performedBy": [("professional", pro.index)],
                        "carriedOutBy": "self",
                        "involvedOrganisation": org_ids[:1] if org_ids and rng.random() < 0.15 else [],
                    }
                # each change of referent is a handover, half of them warm (a joint visit close by)
                periods = self.referents(sit) if self._says("intervention-type-handover") else []
                for (before, _, ended), _after in zip(periods, periods[1:], strict=False):
                    if ended is None:
                        continue
                    number += 1
                    self._interventions_of.setdefault(sit.index, []).append(number)
                    yield {
                        "localId": ("intervention", number),
                        "date": ended,
                        "interventionType": "intervention-type-handover",
                        "concernsSituation": [("situation", sit.index)],
                        "performedBy": [("professional", before.index)],
                        "carriedOutBy": "self",
                        "involvedOrganisation": [],
                    }
                    if self._says("intervention-type-joint-intervention") and self.prng.random() < 0.5:
                        number += 1
                        yield {
                            "localId": ("intervention", number),
                            "date": ended - timedelta(days=self.prng.randint(0, 20)),
                            "interventionType": "intervention-type-joint-intervention",
                            "concernsSituation": [("situation", sit.index)],
                            "performedBy": [("professional", before.index)],
                            "carriedOutBy": "self",
                            "involvedOrganisation": org_ids[:1],
                        }
        elif entity == "referral":
            number = 0
            for sit in self.sits:
                if rng.random() >= 0.3:
                    continue
                number += 1
                asked = _day(rng, sit.start, sit.end or PERIOD_END)
                # temporal desynchronisation: most first contacts within weeks, some after months
                delay = int(rng.expovariate(1 / 18)) if rng.random() < 0.9 else rng.randint(60, 180)
                contact = asked + timedelta(days=delay)
                pro = self.pro_for(asked)
                yield {
                    "localId": ("referral", number),
                    "concernsSituation": [("situation", sit.index)],
                    "referredBy": ("professional", pro.index),
                    "fromOrganisation": "self",
                    "toOrganisation": "other",
                    "requestDate": asked,
                    "firstContactDate": contact if contact <= PERIOD_END and rng.random() < 0.85 else None,
                    "performedBy": [("professional", pro.index)],
                    "involvedOrganisation": [],
                    "referralReason": self.prng.choice((0, 1, 1)),
                }
        elif entity == "meeting":
            count = max(1, len(self.sits) // 8)
            for number in range(1, count + 1):
                sits = (
                    [self.sits[rng.randrange(len(self.sits))] for _ in range(rng.randint(1, 3))]
                    if self.sits
                    else []
                )
                day = _day(rng, PERIOD_START, PERIOD_END)
                participants = {self.pro_for(day).index for _ in range(rng.randint(2, 4))}
                yield {
                    "localId": ("meeting", number),
                    "date": day,
                    "meetingKind": 1,
                    "participant": [("professional", i) for i in sorted(participants)],
                    "concernsSituation": [("situation", i) for i in sorted({s.index for s in sits})],
                    "carriedOutBy": "self",
                    "involvedOrganisation": org_ids[:1] if org_ids and rng.random() < 0.5 else [],
                    # the family takes part in some meetings about it; most are convened by the service
                    "familyParticipant": [s.family for s in sits[:1]]
                    if sits and self.prng.random() < 0.3
                    else [],
                    "convenedBy": "self" if self.prng.random() < 0.7 else "other",
                }
        elif entity == "link":
            number = 0
            for sit in self.sits:
                for _ in range(rng.randint(1, 3)):
                    number += 1
                    informal = self.prng.random() < 0.55  # some families have no informal tie at all
                    made = self._interventions_of.get(sit.index) or []
                    yield {
                        "localId": ("link", number),
                        "concernsSituation": [("situation", sit.index)],
                        "linkedActorKind": 1,
                        "linkKind": self.prng.choice(
                            INFORMAL_LINK_KINDS if informal else PROFESSIONAL_LINK_KINDS
                        ),
                        "trustStatus": 1,
                        "startDate": _day(self.prng, sit.start, sit.end or PERIOD_END),
                        "createdThrough": ("intervention", self.prng.choice(made))
                        if made and self.prng.random() < 0.3
                        else None,
                    }

    # -- cells
    def _join(self, col: Any, items: list[str], json_cells: bool) -> Any:
        """Several values in one cell, as this export writes them (a JSON list, or a separator)."""
        multi = col.property is not None and col.property.multi
        if json_cells and multi and col.separator is None:
            return list(items)
        if not items:
            return ""
        if col.separator:
            return col.separator.join(items)
        return items[0]

    def cell(
        self, table: Any, key: str, col: Any, record: dict[str, Any], xlsx: bool, json_cells: bool
    ) -> Any:
        title = col.title
        if col.suppress:
            return ""
        if col.composition == "childrenBirthYears":
            years = [str(y) for y in record.get("childrenBirthYears", [])]
            if json_cells and col.separator is None:
                return years
            return (col.separator or ",").join(years)
        if col.composition == "parentsCount":
            return str(record.get("parentsCount", 1))
        spec = col.property
        if spec is None:
            return ""
        value = record.get(spec.name)
        if spec.name == "localId":
            entity, number = value
            return self.render.ident(key, title, entity, number)
        if spec.kind == "concept" and isinstance(value, str):
            # a given framework concept (a handover, an informal tie): one of this partner's own terms for it
            own = [
                term for term in self.t.terms.get(spec.scheme or "", []) if self.t.concepts.get(term) == value
            ]
            picked = [self.rng.choice(own)] if own else self.render.term(spec.scheme or "", 1)
            return self._join(col, picked, json_cells)
        if spec.kind == "concept":
            count = value if isinstance(value, int) else 1
            if count == 0:
                return self._join(col, [], json_cells)
            wanted = count if spec.multi and (col.separator or json_cells) else 1
            terms = self.render.term(spec.scheme or "", wanted) or self.render.sample(key, title, 1)
            return self._join(col, terms, json_cells)
        if spec.kind == "literal":
            if spec.datatype == "date" or col.datatype == "date":
                return "" if value is None else _format_date(value, col, xlsx)
            if spec.name == "commune":
                local = self.render.sample(key, title, 1)
                return local[0] if local else (value or "")
            sampled = self.render.sample(key, title, 1)
            return sampled[0] if sampled else ""
        target = col.references or spec.target
        if target == "family":
            families = value if isinstance(value, list) else [value] if value else []
            return self._join(col, [f"F{f:07d}" for f in families], json_cells)
        if target == "organisation":
            if value in (None, [], "self"):
                return (
                    self._join(col, [], json_cells)
                    if value in (None, [])
                    else (self.render.sample(key, title, 1, organisations=True) or [""])[0]
                )
            sampled = self.render.sample(key, title, 1, organisations=True)
            return self._join(col, sampled, json_cells)
        items = value if isinstance(value, list) else ([value] if value else [])
        ids = [self.render.entity_id(entity, number) for entity, number in items]
        return self._join(col, ids, json_cells)

    # -- defects
    def maybe_defect(
        self,
        table: Any,
        file_name: str,
        row_no: int,
        row: list[Any],
        header: list[str],
        columns: dict[str, Any],
    ) -> None:
        if self.rng.random() >= self.rate or table_key(table) == self.leak_table:
            return
        kinds = []
        vocab = [
            t for t, c in columns.items() if c.vocabulary and not c.suppress and row[header.index(t)] != ""
        ]
        required = [
            t
            for t, c in columns.items()
            if c.required and not c.suppress and not c.is_key and row[header.index(t)] not in ("", None)
        ]
        dates = [
            t
            for t, c in columns.items()
            if c.datatype == "date" and c.property is not None and row[header.index(t)] not in ("", None)
        ]
        if vocab:
            kinds.append(UNMAPPED_TERM)
        if required:
            kinds.append(MISSING_FIELD)
        if dates:
            kinds.append(IMPOSSIBLE_DATE)
        if not kinds:
            return
        kind = self.rng.choice(kinds)
        sheet = table.sheet
        if kind == UNMAPPED_TERM:
            title = self.rng.choice(vocab)
            self._unmapped += 1
            row[header.index(title)] = f"{self.rng.choice(UNMAPPED_STEMS)} {self.t.slug[:3]}{self._unmapped}"
        elif kind == MISSING_FIELD:
            title = self.rng.choice(required)
            row[header.index(title)] = ""
        else:
            title = self.rng.choice(dates)
            row[header.index(title)] = _impossible_date(columns[title], row_no)
        self.defects.append(Defect(file_name, row_no, title, kind, sheet, self.t.slug))

    def leak_column(self, table: Any) -> str | None:
        """The column a personal-data leak goes into when ``table`` is this organisation's leak table."""
        if self.leak_table != table_key(table):
            return None
        for col in table.columns:
            if col.vocabulary and not col.suppress and not col.personal:
                return col.title
        return None


def _columns_of(template: OrgTemplate, table: Any) -> tuple[list[str], dict[str, Any]]:
    """The header (the example's order and spelling, only the columns the profile describes)."""
    header = template.headers.get(table_key(table)) or [c.title for c in table.columns]
    columns = {}
    for title in header:
        col = table.column(title)
        if col is not None:
            columns[title] = col
    return [h for h in header if h in columns], columns


def generate(
    output: str | Path,
    *,
    families: int = 1000,
    seed: int = 1,
    defect_rate: float = 0.01,
    examples: str | Path | None = None,
    progress: Progress | None = None,
) -> GenerationResult:
    """Write synthetic exports for ``families`` families into ``output`` (one folder per organisation).

    The example organisations (bundled, or under ``examples``) give the file layouts, dialects and
    vocabularies; their profiles and mapping sets are copied next to the generated files. About
    ``defect_rate`` of the rows carry one injected defect, plus one personal-data leak per organisation;
    all are listed in ``output/expected-defects.json``. Deterministic for a given seed.
    """
    if families < 1:
        raise ConfigError("--families must be at least 1")
    if not 0 <= defect_rate <= 0.5:
        raise ConfigError("the defect rate must be between 0 and 0.5")
    progress = progress or NullProgress()
    output = Path(output)
    if output.exists() and any(output.iterdir()):
        raise InputError(
            "the output directory is not empty",
            file=str(output),
            hint="give a new or empty directory: generated files would mix with existing ones",
        )
    templates = load_templates(Path(examples) if examples else None)
    output.mkdir(mode=0o700, parents=True, exist_ok=True)
    output.chmod(0o700)  # owner-only, as every output (an existing empty folder keeps its mode otherwise)
    world = World(families, [t.slug for t in templates], seed)
    result = GenerationResult(output, families, seed, [t.slug for t in templates], defect_rate)
    leaking = random.Random(f"{seed}:leak").choice([t.slug for t in templates])
    for template in templates:
        target = output / template.slug
        target.mkdir()
        shutil.copy2(template.profile.path, target / template.profile.path.name)
        if template.profile.mappings is not None:
            shutil.copy2(template.profile.mappings, target / template.profile.mappings.name)
        gen = _OrgGenerator(
            template, world, seed, defect_rate, templates, leak=defect_rate > 0 and template.slug == leaking
        )
        by_file: dict[str, list[Any]] = {}
        for table in template.profile.tables:
            by_file.setdefault(_file_name(template, table), []).append(table)
        for file_name, tables in by_file.items():
            folder = target / template.locations.get(file_name, ".")
            folder.mkdir(parents=True, exist_ok=True)
            writer = _Writer(folder / file_name, template)
            for table in tables:
                key = table_key(table)
                header, columns = _columns_of(template, table)
                xlsx = writer.suffix in (".xlsx", ".xlsm")
                progress.stage(f"{template.slug} {file_name}", unit="rows")
                rows = _rows(gen, table, key, header, columns, xlsx, file_name, progress)
                result.rows[f"{template.slug}/{key.replace('*', '')}"] = writer.write(table, header, rows)
                progress.done()
            writer.close()
        result.defects.extend(gen.defects)
    _write_expected(output, result)
    # A clearly labelled key for synthetic data only (random for the seed, never a real project key).
    rng = random.Random(f"{seed}:key")
    # Marked as synthetic (pseudonym.check_key_use): it serves the data of this folder and nothing else.
    key_path = output / KEY_NAME
    key_path.write_text(f"SYNTHETIC-ONLY-{rng.getrandbits(256):064x}\n", encoding="ascii")
    key_path.chmod(0o600)
    return result


def _file_name(template: OrgTemplate, table: Any) -> str:
    if any(ch in table.url for ch in "*?["):
        matches = sorted(p.name for p in template.folder.iterdir() if table.matches(p))
        return matches[0] if matches else table.url.replace("*", "generated")
    return table.url


def _rows(
    gen: _OrgGenerator,
    table: Any,
    key: str,
    header: list[str],
    columns: dict[str, Any],
    xlsx: bool,
    file_name: str,
    progress: Progress,
) -> Iterator[list[Any]]:
    if table.entity == "organisation":
        # the directory of partner organisations: public data, copied as the example has it
        example = [gen.t.samples.get((key, h)) for h in header]
        length = max((len(v) for v in example if v), default=0)
        for index in range(length):
            yield [(v[index] if v and index < len(v) else "") for v in example]
        return
    leak = gen.leak_column(table)
    json_cells = file_name.lower().endswith(".json")
    # Row numbers as the partner sees them: spreadsheet rows (header = 1), JSON records (first = 1).
    row_no = 0 if json_cells else 1
    for record in gen.records(table.entity):
        row_no += 1
        row = [
            gen.cell(table, key, columns[h], record, xlsx, json_cells) if h in columns else "" for h in header
        ]
        gen.maybe_defect(table, file_name, row_no, row, header, columns)
        if leak is not None and not gen._leaked and row_no >= 3:
            # Someone typed a national number into a vocabulary column: the table must be refused.
            row[header.index(leak)] = _fake_niss(gen.rng)
            gen.defects.append(Defect(file_name, None, leak, PERSONAL_DATA, table.sheet, gen.t.slug, row_no))
            gen._leaked = True
        if row_no % 1000 == 0:
            progress.advance(1000)
        yield row


def _write_expected(output: Path, result: GenerationResult) -> None:
    defects = sorted(
        result.defects, key=lambda d: (d.organisation, d.file, d.sheet or "", d.row or 0, d.column)
    )
    document = {
        "generator": "referentiel generate",
        "families": result.families,
        "seed": result.seed,
        "organisations": result.organisations,
        "rows": dict(sorted(result.rows.items())),
        "kinds": list(DEFECT_KINDS),
        "defect_rate": result.defect_rate,
        "defects": [d.to_dict() for d in defects],
    }
    (output / "expected-defects.json").write_text(
        json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
