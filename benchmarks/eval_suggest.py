"""Evaluate `referentiel mappings suggest` on the labelled set: precision@1 and recall@K per method.

    python benchmarks/eval_suggest.py [--methods lexical,embedding] [--k 5] [--open-only]
        [--labelled tests/translation/data/suggest_labelled.tsv] [--ontology FILE] [--errors]

Two settings are measured: "scheme" (the term's scheme is known, as when `mappings suggest --from ORG`
reads a vocabulary column: a job-title column only competes among roles) and "open" (all concepts
compete, as with `--terms FILE` without `--scheme`). precision@1 = share of terms whose first candidate
is the labelled concept; recall@K = share whose labelled concept is among the first K.
The labelled set was written without looking at the ontology's altLabels (see its header).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from referentiel.translation.framework import Framework, load_framework
from referentiel.translation.sssom import normalise_term
from referentiel.translation.suggest import TermToMap, fold, matcher, rank

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "translation" / "data" / "suggest_labelled.tsv"


def read_labelled(path: Path) -> list[dict[str, str]]:
    """The labelled rows (term, concept, scheme, variation)."""
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
    ]
    return list(csv.DictReader(lines, delimiter="\t"))


def pref_only(framework: Framework) -> Framework:
    """The framework without altLabels/hiddenLabels: how far the matcher goes on prefLabels alone."""
    return Framework(
        [replace(c, alt_labels={}, hidden_labels=[]) for c in framework], source=framework.source
    )


def overlap(rows: list[dict[str, str]], framework: Framework) -> tuple[int, int]:
    """(terms equal to a label of their concept as written, terms equal once folded)."""
    verbatim = folded = 0
    for row in rows:
        concept = framework.get(row["concept"])
        labels = [t for t, _, _ in concept.all_labels()] if concept else []
        verbatim += any(normalise_term(t) == normalise_term(row["term"]) for t in labels)
        folded += any(fold(t) == fold(row["term"]) for t in labels)
    return verbatim, folded


def evaluate(
    rows: list[dict[str, str]],
    method: str,
    k: int,
    use_scheme: bool,
    ontology: str | None = None,
    labels: str = "all",
) -> dict[str, object]:
    """precision@1, recall@k, per-variation precision@1, the misses and the time per term."""
    framework = load_framework(ontology)
    if labels == "pref":
        framework = pref_only(framework)
    start = time.perf_counter()
    match = matcher(method, framework)
    setup = time.perf_counter() - start
    hits1 = hitsk = 0
    unseen = [0, 0, 0]  # terms that are not a label of their concept (once folded): n, hits@1, hits@k
    by_variation: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    start = time.perf_counter()
    for row in rows:
        term = TermToMap(row["term"], scheme=row["scheme"] if use_scheme else None)
        candidates = [c.curie.removeprefix("refc:") for c in rank(term, match, top_k=k)]
        first = bool(candidates) and candidates[0] == row["concept"]
        hits1 += first
        hitsk += row["concept"] in candidates
        by_variation[row["variation"]][0] += first
        by_variation[row["variation"]][1] += 1
        concept = framework.get(row["concept"])
        if concept is None or not any(fold(t) == fold(row["term"]) for t, _, _ in concept.all_labels()):
            unseen[0] += 1
            unseen[1] += first
            unseen[2] += row["concept"] in candidates
        if not first:
            misses.append((row["term"], row["concept"], candidates[:3]))
    elapsed = time.perf_counter() - start
    n = len(rows)
    return {
        "unseen_n": unseen[0],
        "unseen_p_at_1": unseen[1] / max(unseen[0], 1),
        "unseen_r_at_k": unseen[2] / max(unseen[0], 1),
        "method": method,
        "setting": ("scheme" if use_scheme else "open") + ("/pref" if labels == "pref" else ""),
        "n": n,
        "p_at_1": hits1 / n,
        "r_at_k": hitsk / n,
        "k": k,
        "by_variation": {v: a / b for v, (a, b) in sorted(by_variation.items())},
        "ms_per_term": 1000 * elapsed / n,
        "setup_s": setup,
        "misses": misses,
    }


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and print a table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--methods", default="lexical,embedding")
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--labelled", type=Path, default=LABELLED)
    parser.add_argument("--ontology", default=None)
    parser.add_argument("--open-only", action="store_true")
    parser.add_argument("--errors", action="store_true", help="list the misses at rank 1")
    parser.add_argument(
        "--labels",
        default="all,pref",
        help="'all' (pref+alt labels), 'pref' (prefLabels only, an ablation), or both",
    )
    args = parser.parse_args(argv)
    rows = read_labelled(args.labelled)
    verbatim, folded = overlap(rows, load_framework(args.ontology))
    print(
        f"labelled set: {len(rows)} terms ({args.labelled}); {verbatim} equal a label of their concept as "
        f"written, {folded} once folded"
    )
    print(
        f"{'method':<10} {'setting':<12} {'P@1':>6} {'R@' + str(args.k):>6}  {'unseen: n':>9} {'P@1':>6} "
        f"{'R@' + str(args.k):>6} {'ms/term':>8} {'setup s':>8}",
        flush=True,
    )
    results = []
    for method in args.methods.split(","):
        try:
            for labels in args.labels.split(","):
                for use_scheme in [False] if args.open_only else [True, False]:
                    r = evaluate(rows, method, args.k, use_scheme, args.ontology, labels)
                    results.append(r)
                    print(
                        f"{method:<10} {r['setting']:<12} {r['p_at_1']:>6.3f} {r['r_at_k']:>6.3f}  "
                        f"{r['unseen_n']:>9} {r['unseen_p_at_1']:>6.3f} {r['unseen_r_at_k']:>6.3f} "
                        f"{r['ms_per_term']:>8.1f} {r['setup_s']:>8.2f}",
                        flush=True,
                    )
        except Exception as exc:  # noqa: BLE001 - report an unusable method and go on
            print(f"{method:<10} unusable: {type(exc).__name__}: {exc}")
    for r in results:
        print(
            f"\n{r['method']} / {r['setting']}: P@1 by variation: "
            + ", ".join(f"{v} {p:.2f}" for v, p in r["by_variation"].items())
        )
        if args.errors:
            for term, gold, got in r["misses"]:
                print(f"  miss: {term!r}: expected {gold}, got {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
