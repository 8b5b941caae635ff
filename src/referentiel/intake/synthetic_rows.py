"""Synthetic exports (:mod:`referentiel.intake.generator`): the rows of every table of one
organisation, with the injected defects (unmapped terms, missing fields, impossible dates, a leak)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from referentiel.intake.synthetic_templates import (
    COMMUNES,
    IMPOSSIBLE_DATE,
    MISSING_FIELD,
    PERIOD_END,
    PERIOD_START,
    UNMAPPED_STEMS,
    UNMAPPED_TERM,
    Defect,
    OrgTemplate,
    table_key,
)
from referentiel.intake.synthetic_world import (
    Pro,
    Sit,
    World,
    _day,
    _format_date,
    _impossible_date,
    _Renderer,
)

# Ties a family can draw on outside the services (informal) and with services (issue 12): the same
# kinds as the store's synthetic data.
from referentiel.store.synthetic_records import INFORMAL_LINK_KINDS, PROFESSIONAL_LINK_KINDS

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
                            # close to the handover, never before the situation it concerns
                            "date": max(sit.start, ended - timedelta(days=self.prng.randint(0, 20))),
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
