"""Disclosure control beyond small-cell suppression: what makes two answers hard to subtract.

Small-cell suppression (:func:`referentiel.queries.runner.suppress`) removes rows about fewer than k
families, but two answers that each pass it can still be subtracted: the same query with ``to`` one
day later (one family's meeting shows as a difference of 1), or a total minus its published
subtotals (the suppressed cell comes back). Under disclosure control (k >= 2) the runner therefore

- **coarsens date parameters to calendar quarters**: a period's start moves to the first day of its
  quarter, its end (a parameter named ``to``, ``until``, ``end``, or ending in ``_to``, ``_until``,
  ``_end``) to the last day of its quarter, so that two periods differing by less than a quarter give
  the same answer;
- **rounds family counts** (the ``# count:`` columns) to the nearest multiple of
  :data:`ROUNDING_BASE`, never to 0 when some family is counted, so that a difference of a few
  families between two answers is lost in the rounding;
- **withholds minima and maxima** (a result column computed by ``MIN(...)`` or ``MAX(...)``, the
  lower median included): the extreme of a group is one family's value.

Every change is reported (:class:`Controls`) in the answer's ``disclosure`` note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from referentiel.queries.catalogue import CatalogueQuery
from referentiel.store.sparql import QueryResult
from referentiel.store.terms import python_value, xsd

ROUNDING_BASE = 5
DATE_GRANULARITY = "quarter"
_END_NAMES = re.compile(r"^(to|until|end)$|_(to|until|end)$")
_EXTREME_START = re.compile(r"\(\s*(?:MIN|MAX)\s*\(", re.IGNORECASE)
_AS = re.compile(r"\s*AS\s+[?$](\w+)\s*\)", re.IGNORECASE)


@dataclass
class Controls:
    """What the runner changed in a query's parameters and answer, for the disclosure note."""

    coarsened: dict[str, tuple[str, str]] = field(default_factory=dict)  # param -> (asked, used)
    withheld: list[str] = field(default_factory=list)
    rounded: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The JSON form (members of the answer's ``disclosure``)."""
        return {
            "dateGranularity": DATE_GRANULARITY,
            "coarsenedParameters": {k: {"asked": a, "used": u} for k, (a, u) in self.coarsened.items()},
            "roundingBase": ROUNDING_BASE if self.rounded else None,
            "roundedColumns": self.rounded,
            "withheldColumns": self.withheld,
        }


def _quarter_bounds(day: date) -> tuple[date, date]:
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    end_month = first_month + 2
    following = date(day.year + 1, 1, 1) if end_month == 12 else date(day.year, end_month + 1, 1)
    return start, date.fromordinal(following.toordinal() - 1)


def coarsen_dates(query: CatalogueQuery, values: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Move, in ``values``, every date parameter (given or default) to its quarter's first or last
    day; return what changed as ``{name: (asked, used)}``. Unreadable dates are left for the
    parameter check to report."""
    changed: dict[str, tuple[str, str]] = {}
    for param in query.params:
        if param.type not in ("xsd:date", "xsd:dateTime"):
            continue
        text = values.get(param.name, param.default)
        if text is None:
            continue
        try:
            day = (
                date.fromisoformat(text.strip())
                if param.type == "xsd:date"
                else datetime.fromisoformat(text.strip()).date()
            )
        except ValueError:
            continue
        start, end = _quarter_bounds(day)
        is_end = bool(_END_NAMES.search(param.name))
        used = (end if is_end else start).isoformat()
        if param.type == "xsd:dateTime":
            used += "T23:59:59" if is_end else "T00:00:00"
        if used != text.strip():
            changed[param.name] = (text.strip(), used)
        values[param.name] = used
    return changed


def extreme_columns(query: CatalogueQuery, result: QueryResult) -> list[str]:
    """The result columns computed by ``MIN(...)`` or ``MAX(...)`` somewhere in the query."""
    text, found = query.text, set()
    for start in _EXTREME_START.finditer(text):
        depth, i = 1, start.end()
        while i < len(text) and depth:  # to the parenthesis closing MIN( / MAX(, however nested
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            i += 1
        named = _AS.match(text, i)
        if named:
            found.add(named.group(1))
    return [v for v in result.variables if v in found]


def withhold(result: QueryResult, columns: list[str]) -> None:
    """Blank (leave unbound), in place, every value of ``columns``."""
    idx = [result.variables.index(c) for c in columns]
    for row in result.rows:
        for i in idx:
            row[i] = None


def round_count(value: int) -> int:
    """``value`` rounded to the nearest multiple of :data:`ROUNDING_BASE` (halves up), never to 0
    when it is positive."""
    if value <= 0:
        return value
    return max(ROUNDING_BASE, (value + ROUNDING_BASE // 2) // ROUNDING_BASE * ROUNDING_BASE)


def round_counts(result: QueryResult, columns: list[str]) -> None:
    """Round, in place, the integer values of ``columns`` with :func:`round_count`."""
    import pyoxigraph as ox

    idx = [result.variables.index(c) for c in columns if c in result.variables]
    for row in result.rows:
        for i in idx:
            value = python_value(row[i])
            if isinstance(value, int) and not isinstance(value, bool):
                row[i] = ox.Literal(str(round_count(value)), datatype=xsd("integer"))
