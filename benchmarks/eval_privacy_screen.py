"""Measure the personal-data screen on its labelled set (tests/privacy/data/labelled_values.tsv).

Prints, per kind and language, how many personal values the screen catches (recall) and whether it
names the right kind, then how many real vocabulary terms it would refuse (false refusals), and the
time per value. The figures are copied into docs/privacy.md.

Run from the repository root: ``PYTHONPATH=src python benchmarks/eval_privacy_screen.py [--show-misses]``.
"""

from __future__ import annotations

import csv
import sys
import time
from collections import Counter
from pathlib import Path

from referentiel.privacy import screen

LABELS = Path(__file__).resolve().parent.parent / "tests" / "privacy" / "data" / "labelled_values.tsv"


def load(path: Path = LABELS) -> list[dict[str, str]]:
    """The labelled values: ``label`` (personal/term), ``kind``, ``lang``, ``source``, ``value``."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def evaluate(rows: list[dict[str, str]]) -> dict[str, object]:
    """Recall per kind and language, kind accuracy, false refusals of real terms (with the misses)."""
    total, caught, right_kind = Counter(), Counter(), Counter()
    misses, refusals = [], []
    for row in rows:
        found = screen.__wrapped__(row["value"])  # uncached: every value measured for itself
        if row["label"] == "personal":
            key = (row["kind"], row["lang"])
            total[key] += 1
            if found:
                caught[key] += 1
                right_kind[key] += row["kind"] in found.kinds
            else:
                misses.append(row)
        elif found:
            refusals.append((row, found.kinds))
    personal = sum(total.values())
    return {
        "total": total,
        "caught": caught,
        "right_kind": right_kind,
        "misses": misses,
        "refusals": refusals,
        "personal": personal,
        "recall": sum(caught.values()) / personal,
        "terms": sum(1 for r in rows if r["label"] == "term"),
    }


def main() -> None:
    rows = load()
    started = time.perf_counter()
    result = evaluate(rows)
    elapsed = time.perf_counter() - started
    total, caught, right = result["total"], result["caught"], result["right_kind"]
    print(f"{'kind':<16}{'lang':<6}{'values':>7}{'caught':>8}{'recall':>8}{'kind ok':>9}")
    for key in sorted(total):
        print(
            f"{key[0]:<16}{key[1]:<6}{total[key]:>7}{caught[key]:>8}{caught[key] / total[key]:>8.1%}"
            f"{right[key]:>9}"
        )
    print(
        f"personal values: {result['personal']}, recall {result['recall']:.1%} "
        f"({len(result['misses'])} missed)"
    )
    print(f"real terms: {result['terms']}, false refusals {len(result['refusals'])}")
    print(f"time: {elapsed / len(rows) * 1e6:.0f} µs per value ({len(rows)} values, uncached)")
    if "--show-misses" in sys.argv:
        for row in result["misses"]:
            print("missed:", row["kind"], repr(row["value"]))
        for row, kinds in result["refusals"]:
            print("refused:", kinds, repr(row["value"]), row["source"])


if __name__ == "__main__":
    main()
