"""Synthetic exports (:mod:`referentiel.intake.generator`): the world (families, professionals,
situations) and how its records become cells in one organisation's dialect."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from referentiel.intake.synthetic_templates import (
    PERIOD_END,
    PERIOD_START,
    REFERENCE_YEAR,
    OrgTemplate,
    table_key,
)

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
