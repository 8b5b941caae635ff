"""Fit the suggester's calibration and write it into the package (``translation/calibration.json``).

    python benchmarks/calibrate_suggest.py [--methods lexical,embedding] [--labelled FILE] [--check]

For each method, the labelled terms (tests/translation/data/suggest_labelled.tsv) are ranked with their
scheme known (as `mappings suggest --from ORG` and a typed reconciliation query rank them); Platt
scaling is fitted on (first score, margin) -> "the first candidate is the labelled concept", and the
"no good candidate" threshold is the highest confidence below which at least 90 % of the terms have no
equivalent (gold "none"). The fit is deterministic: running the script again on the same labelled set
and ontology writes the same file. ``--check`` compares instead of writing (exit 1 when stale).
Held-out quality of this procedure is measured by benchmarks/eval_suggest.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from eval_suggest import LABELLED, ROOT, first_is_right, fusion_tables, read_labelled, score_rows

from referentiel.translation.calibration import DEFAULT_MATCH_THRESHOLD, choose_no_match_threshold, fit_platt
from referentiel.translation.framework import load_framework
from referentiel.translation.suggest import HYBRID, matcher
from referentiel.translation.suggest_hybrid import fit_fusion

TARGET = ROOT / "src" / "referentiel" / "translation" / "calibration.json"


def fit(labelled: Path, methods: list[str], k: int = 5) -> dict[str, object]:
    """The calibration document for ``methods``, fitted on every row of ``labelled``."""
    rows = read_labelled(labelled)
    framework = load_framework()
    out: dict[str, object] = {
        "_comment": "Written by benchmarks/calibrate_suggest.py; do not edit by hand. confidence = "
        "sigmoid(intercept + coef . (top_score, margin)); see referentiel.translation.calibration.",
    }
    for method in methods:
        prepare = getattr(matcher(method, framework), "prepare", None)
        if prepare is not None:  # embed the terms in batches (same vectors, much faster)
            prepare([r["term"] for r in rows])
        fusion = None
        if method == HYBRID:
            fusion = fit_fusion(fusion_tables(rows, True, framework))
        scored, _, _ = score_rows(rows, method, k, True, framework, fusion=fusion)
        calibration = fit_platt([(s["scores"], first_is_right(s)) for s in scored], method)
        calibration.match_threshold = DEFAULT_MATCH_THRESHOLD
        calibration.no_match_threshold = choose_no_match_threshold(
            calibration, [(s["scores"], s["none"]) for s in scored]
        )
        calibration.fitted_on = {
            "labelled_set": str(labelled.relative_to(ROOT))
            if labelled.is_relative_to(ROOT)
            else labelled.name,
            "terms": len(scored),
            "without_equivalent": sum(bool(s["none"]) for s in scored),
            "setting": "scheme known, top 5",
        }
        data = calibration.to_dict()
        data["coef"] = [round(c, 6) for c in data["coef"]]
        data["intercept"] = round(float(data["intercept"]), 6)
        if fusion is not None:
            data["fusion"] = fusion.to_dict()
        out[method] = data
    return out


def main(argv: list[str] | None = None) -> int:
    """Fit and write (or check) the calibration file."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--methods", default="lexical,embedding,hybrid")
    parser.add_argument("--labelled", type=Path, default=LABELLED)
    parser.add_argument("--check", action="store_true", help="compare with the shipped file, write nothing")
    args = parser.parse_args(argv)
    text = json.dumps(fit(args.labelled, args.methods.split(",")), ensure_ascii=False, indent=2) + "\n"
    if args.check:
        same = TARGET.exists() and TARGET.read_text(encoding="utf-8") == text
        print("calibration.json is up to date" if same else "calibration.json is stale: run without --check")
        return 0 if same else 1
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
