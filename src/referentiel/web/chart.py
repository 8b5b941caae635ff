"""A chart of a query's answer as an SVG drawn on the server (no script, nothing inline to allow in the CSP).

The first column whose values are all numbers is the measure (a column of years is a time axis, not
a measure, when another numeric column exists); the other non-numeric columns, joined, label the
points. Rows whose labels look like dates or years, in order,
make a line; anything else makes horizontal bars.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")
_TIME = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
WIDTH = 720
BAR = 22
COLOUR = "#1f5f99"


def _short(text: str) -> str:
    """``refd:organisation/cpas-ixelles`` -> ``cpas-ixelles``: the table keeps the full name."""
    return text.rsplit("/", 1)[-1] if ":" in text and "/" in text and " " not in text else text


@dataclass
class Chart:
    """What the chart shows: its kind, axis names and the (label, value) points."""

    kind: str  # "bar" or "line"
    label: str
    measure: str
    points: list[tuple[str, float]]


def choose(variables: list[str], rows: list[list[str]]) -> Chart | None:
    """The chart for a table of display cells, or None when it has no numeric column or no row."""
    if not rows:
        return None
    numeric = [
        i
        for i in range(len(variables))
        if all(_NUMBER.match(r[i] or "") for r in rows if r[i] != "") and any(r[i] for r in rows)
    ]
    # A column of years (2023, 2024...) is a time axis, not a measure, when a measure remains.
    years = [i for i in numeric if all(_TIME.match(r[i] or "") for r in rows)]
    if years and len(numeric) > len(years):
        numeric = [i for i in numeric if i not in years]
    if not numeric:
        return None
    measure = numeric[0]
    labels = [i for i in range(len(variables)) if i not in numeric]
    points = []
    for row in rows:
        if not row[measure]:
            continue
        name = " · ".join(_short(row[i]) for i in labels if row[i]) or str(len(points) + 1)
        points.append((name, float(row[measure].replace(",", "."))))
    if not points:
        return None
    timeline = all(_TIME.match(name) for name, _ in points) and len(points) > 1
    if timeline:
        points.sort()
    label = " · ".join(variables[i] for i in labels) or "#"
    return Chart("line" if timeline else "bar", label, variables[measure], points)


def svg(chart: Chart, title: str) -> str:
    """The chart as an accessible SVG element (``role="img"`` with a title and a description)."""
    top = max(value for _, value in chart.points)
    top = top if top > 0 else 1.0
    parts = []
    if chart.kind == "bar":
        left, right = 260, 70
        height = 30 + BAR * len(chart.points)
        span = WIDTH - left - right
        for i, (name, value) in enumerate(chart.points):
            y = 20 + i * BAR
            w = max(1.0, span * value / top) if value > 0 else 0
            short = name if len(name) <= 40 else name[:39] + "…"
            parts.append(
                f'<text x="{left - 6}" y="{y + 15}" text-anchor="end" font-size="12">{escape(short)}</text>'
                f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{BAR - 6}" fill="{COLOUR}">'
                f"<title>{escape(name)}: {value:g}</title></rect>"
                f'<text x="{left + w + 4:.1f}" y="{y + 15}" font-size="12">{value:g}</text>'
            )
    else:
        height = 260
        left, bottom, span_h = 50, 220, 190
        step = (WIDTH - left - 30) / max(1, len(chart.points) - 1)
        coords = [
            (left + i * step, bottom - span_h * value / top) for i, (_, value) in enumerate(chart.points)
        ]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{COLOUR}" stroke-width="2"/>')
        parts.append(f'<line x1="{left}" y1="{bottom}" x2="{WIDTH - 20}" y2="{bottom}" stroke="#555"/>')
        for (name, value), (x, y) in zip(chart.points, coords, strict=True):
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{COLOUR}"><title>{escape(name)}: {value:g}'
                f'</title></circle><text x="{x:.1f}" y="{bottom + 16}" text-anchor="middle" font-size="11">'
                f"{escape(name)}</text>"
            )
    desc = "; ".join(f"{name}: {value:g}" for name, value in chart.points)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="chart-title '
        f'chart-desc" viewBox="0 0 {WIDTH} {height}" width="100%" font-family="sans-serif">'
        f'<title id="chart-title">{escape(title)} — {escape(chart.measure)}</title>'
        f'<desc id="chart-desc">{escape(desc)}</desc>' + "".join(parts) + "</svg>"
    )
