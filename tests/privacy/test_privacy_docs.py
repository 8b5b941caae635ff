"""The figures of docs/privacy.md are the labelled set's, as benchmarks/eval_privacy_screen.py measures."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "privacy.md").read_text(encoding="utf-8")


def _evaluation() -> dict:
    spec = importlib.util.spec_from_file_location(
        "eval_privacy_screen", ROOT / "benchmarks" / "eval_privacy_screen.py"
    )
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    rows = module.load()
    return {"rows": rows, **module.evaluate(rows)}


def test_the_figures_in_the_docs_are_measured() -> None:
    result = _evaluation()
    total, caught = result["total"], result["caught"]
    for kind in {k for k, _ in total}:
        row = re.search(rf"^\| {re.escape(kind)} \| (\d+) / (\d+) \| (\d+) / (\d+) \|$", DOC, re.M)
        assert row, kind
        fr_caught, fr_total, nl_caught, nl_total = map(int, row.groups())
        assert (fr_caught, fr_total) == (caught[(kind, "fr")], total[(kind, "fr")]), kind
        assert (nl_caught, nl_total) == (caught[(kind, "nl")], total[(kind, "nl")]), kind
    personal, terms = result["personal"], result["terms"]
    assert f"{personal} **personal values**" in DOC and f"{terms} **real terms**" in DOC
    assert f"**{result['recall']:.1%}**".replace("%", " %") in DOC
    assert f"({personal - len(result['misses'])} of {personal};" in DOC
    assert f"**{len(result['refusals'])}** of {terms}" in DOC
    for miss in result["misses"]:
        assert f'"{miss["value"]}"' in DOC  # each miss is named
