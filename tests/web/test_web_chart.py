"""The server-side SVG chart of a query's answer."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from referentiel.web.chart import choose, svg

SVG = "{http://www.w3.org/2000/svg}"


def test_categories_make_bars_with_one_rect_per_row():
    chart = choose(
        ["organisation", "layer", "interventions", "families"],
        [
            ["refd:organisation/cpas-ixelles", "travail de réseau", "40", "24"],
            ["refd:organisation/amo", "travail en réseau", "13", "12"],
        ],
    )
    assert chart.kind == "bar" and chart.measure == "interventions"
    assert chart.points == [("cpas-ixelles · travail de réseau", 40.0), ("amo · travail en réseau", 13.0)]
    root = ET.fromstring(svg(chart, "Couches"))
    assert root.get("role") == "img" and len(root.findall(f"{SVG}rect")) == 2
    assert "cpas-ixelles · travail de réseau: 40" in root.find(f"{SVG}desc").text


def test_years_make_a_line_in_order():
    chart = choose(["year", "families"], [["2025", "12"], ["2023", "7"], ["2024", "9"]])
    assert chart.kind == "line" and [p[0] for p in chart.points] == ["2023", "2024", "2025"]
    root = ET.fromstring(svg(chart, "t"))
    assert root.find(f"{SVG}polyline") is not None and len(root.findall(f"{SVG}circle")) == 3


def test_no_chart_without_numbers_or_rows():
    assert choose(["a", "b"], [["x", "y"]]) is None
    assert choose(["a", "n"], []) is None


def test_labels_are_escaped():
    chart = choose(["name", "n"], [["<script>alert(1)</script>", "3"]])
    text = svg(chart, "<b>t</b>")
    assert "<script>" not in text and "&lt;script&gt;" in text
    ET.fromstring(text)  # well-formed
