"""Fit the suggester's calibration and write it into the package (``translation/calibration.json``).

    python benchmarks/calibrate_suggest.py [--methods lexical,embedding] [--labelled FILE] [--check]

For each method, the labelled terms (tests/translation/data/suggest_labelled.tsv) are ranked with their
scheme known (as `mappings suggest --from ORG` and a typed reconciliation query rank them); Platt
scaling is fitted on (first score, margin) -> "the first candidate is the labelled concept" (for the
hybrid, on the out-of-fold ranking), and the "no good candidate" threshold is the highest confidence
below which the terms have no equivalent (gold "none") with a target precision chosen by 5-fold
cross-validation so that at least 90 % of the flagged terms of the folds left out have none.
The fit is deterministic: running the script again on the same labelled set
and ontology writes the same file. ``--check`` compares instead of writing (exit 1 when stale).
Held-out quality of this procedure is measured by benchmarks/eval_suggest.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from eval_suggest import (
    LABELLED,
    NONE,
    ROOT,
    evidence_tables,
    first_is_right,
    folds_of,
    rank_table,
    read_labelled,
    score_rows,
)

from referentiel.translation.calibration import DEFAULT_MATCH_THRESHOLD, cross_validated_no_match
from referentiel.translation.framework import load_framework
from referentiel.translation.suggest import HYBRID, matcher
from referentiel.translation.suggest_hybrid import fit_fusion

TARGET = ROOT / "src" / "referentiel" / "translation" / "calibration.json"
FOLDS = 5


def fit(labelled: Path, methods: list[str], k: int = 5) -> dict[str, object]:
    """The calibration document for ``methods``, fitted on every row of ``labelled``.

    The hybrid's fusion is fitted on every row; its calibration on the rows ranked out-of-fold (each
    by a fusion fitted without its fold), as a new term's scores come from a fusion that never saw
    it. The "no good candidate" threshold's target precision is chosen by cross-validation over the
    same folds (:func:`referentiel.translation.calibration.cross_validated_no_match`).
    """
    rows = read_labelled(labelled)
    framework = load_framework()
    out: dict[str, object] = {
        "_comment": "Written by benchmarks/calibrate_suggest.py; do not edit by hand. confidence = "
        "sigmoid(intercept + coef . (top_score, margin)); see referentiel.translation.calibration.",
    }
    assignment = folds_of([{"row": r, "none": r["concept"] == NONE} for r in rows], FOLDS)
    for method in methods:
        prepare = getattr(matcher(method, framework), "prepare", None)
        if prepare is not None:  # embed the terms in batches (same vectors, much faster)
            prepare([r["term"] for r in rows])
        fusion = None
        if method == HYBRID:
            tables = evidence_tables(rows, True, framework)
            fusion = fit_fusion([(t, y) for _, t, y in tables])
            scored = [{} for _ in rows]
            for g in range(FOLDS):
                inner = fit_fusion(
                    [(t, y) for (_, t, y), a in zip(tables, assignment, strict=True) if a != g]
                )
                for i, a in enumerate(assignment):
                    if a == g:
                        scored[i] = rank_table(rows[i], tables[i][0], tables[i][1], inner, k, framework)
        else:
            scored, _, _ = score_rows(rows, method, k, True, framework)
        calibration, _ = cross_validated_no_match(
            [(s["scores"], first_is_right(s), bool(s["none"])) for s in scored], assignment, method
        )
        calibration.match_threshold = DEFAULT_MATCH_THRESHOLD
        calibration.fitted_on = {
            "labelled_set": str(labelled.relative_to(ROOT))
            if labelled.is_relative_to(ROOT)
            else labelled.name,
            "terms": len(scored),
            "without_equivalent": sum(bool(s["none"]) for s in scored),
            "setting": "scheme known, top 5",
            **calibration.fitted_on,
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
