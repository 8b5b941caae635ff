"""Evaluate `referentiel mappings suggest` on the labelled set: ranking, calibration, "no match".

    python benchmarks/eval_suggest.py [--methods lexical,embedding,hybrid] [--k 5] [--open-only]
        [--labelled tests/translation/data/suggest_labelled.tsv] [--ontology FILE] [--errors]
        [--labels all,pref]

Ranking: precision@1 and recall@K over the terms that have an equivalent, overall, per language
(fr, nl, en), for terms that are not a label of their concept ("unseen") and for the HCParty labels;
"nl-unlisted" and "unseen-unlisted" leave out the terms holding an acronym of the Dutch acronym list
(abbreviations_nl.json, written after the labelled set).
Decisions, on held-out folds (5 folds grouped by concept; see cross_validate): the expected
calibration error of the raw first score and of the calibrated confidence (Platt scaling on first
score and margin, referentiel.translation.calibration), the precision of ``match`` (calibrated
confidence >= 0.9), and the precision and recall of "no good candidate" against the terms labelled
``none`` (no equivalent in the framework: the gold of sssom:NoTermFound). The calibration and the
"no good candidate" threshold of a fold are fitted on its four training folds only (the hybrid's on
their out-of-fold ranking), the threshold's target precision by an inner cross-validation.

The hybrid method's ranking itself is learnt (a logistic fusion of lexical and embedding evidence,
referentiel.translation.suggest_hybrid): its fusion is fitted on the training folds only, so its
P@1 and R@K, like its decisions, are held-out figures (every row ranked by a fusion that never saw
its concept).

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

from referentiel.translation.calibration import expected_calibration_error
from referentiel.translation.framework import Framework, load_framework
from referentiel.translation.sssom import normalise_term
from referentiel.translation.suggest import HYBRID, TermToMap, _in_scheme, fold, matcher, rank

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "translation" / "data" / "suggest_labelled.tsv"
NONE = "none"  # gold of a term without equivalent (sssom:NoTermFound)


def read_labelled(path: Path) -> list[dict[str, str]]:
    """The labelled rows (term, concept, scheme, variation)."""
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
    ]
    return list(csv.DictReader(lines, delimiter="\t"))


def listed(term: str) -> bool:
    """The term contains an acronym of the Dutch list (``abbreviations_nl.json``), written after the
    labelled set: the figures without those rows show what the list does not explain."""
    import json
    import re
    from importlib import resources

    keys = {
        k
        for k in json.loads(
            resources.files("referentiel.translation").joinpath("abbreviations_nl.json").read_text("utf-8")
        )
        if not k.startswith("_")
    }
    words = re.split(r"[\s\-]+", re.sub(r"['’]s\b", "", term))
    return any(w.casefold() in keys for w in words if w.isupper())


def pref_only(framework: Framework) -> Framework:
    """The framework without altLabels/hiddenLabels: how far the matcher goes on prefLabels alone."""
    return Framework(
        [replace(c, alt_labels={}, hidden_labels=[]) for c in framework], source=framework.source
    )


def overlap(rows: list[dict[str, str]], framework: Framework) -> tuple[int, int]:
    """(terms equal to a label of their concept as written, terms equal once folded)."""
    verbatim = folded = 0
    for row in rows:
        if row["concept"] == NONE:
            continue
        concept = framework.get(row["concept"])
        labels = [t for t, _, _ in concept.all_labels()] if concept else []
        verbatim += any(normalise_term(t) == normalise_term(row["term"]) for t in labels)
        folded += any(fold(t) == fold(row["term"]) for t in labels)
    return verbatim, folded


def score_rows(
    rows: list[dict[str, str]],
    method: str,
    k: int,
    use_scheme: bool,
    framework: Framework,
    fusion: object | None = None,
) -> tuple[list[dict[str, object]], float, float]:
    """Rank every labelled term: per row its candidates (local names) and scores; setup and run seconds.

    ``fusion`` replaces the hybrid matcher's shipped fusion model (one fitted on training folds).
    """
    start = time.perf_counter()
    match = matcher(method, framework)
    setup = time.perf_counter() - start
    shipped = getattr(match, "fusion", None)
    if fusion is not None:
        match.fusion = fusion
    try:
        scored, elapsed = _score_rows(rows, match, k, use_scheme, framework)
        return scored, setup, elapsed
    finally:
        if fusion is not None:
            match.fusion = shipped


def fusion_tables(
    rows: list[dict[str, str]], use_scheme: bool, framework: Framework
) -> list[tuple[object, list[bool]]]:
    """Per row the hybrid matcher's evidence table and which concept row is the labelled one."""
    return [(table, gold) for _, table, gold in evidence_tables(rows, use_scheme, framework)]


def evidence_tables(
    rows: list[dict[str, str]], use_scheme: bool, framework: Framework
) -> list[tuple[list[str], object, list[bool]]]:
    """Per row (concept IRIs, the hybrid matcher's evidence table, which IRI is the labelled one)."""
    match = matcher(HYBRID, framework)
    out = []
    for row in rows:
        allowed = {c.iri for c in framework if _in_scheme(c, row["scheme"], ())} if use_scheme else None
        iris, table, _ = match.evidence(row["term"], allowed)
        gold = framework.iri(row["concept"]) if row["concept"] != NONE else None
        out.append((iris, table, [iri == gold for iri in iris]))
    return out


def rank_table(
    row: dict[str, str], iris: list[str], table: object, fusion: object, k: int, framework: Framework
) -> dict[str, object]:
    """One row ranked from its evidence table by ``fusion``, exactly as ``rank`` ranks with that fusion
    (the evidence does not depend on the fusion, so it is computed once for every fold's model)."""
    import numpy as np

    z = np.asarray(table) @ np.array(fusion.coef) + fusion.intercept  # type: ignore[attr-defined]
    fused = 1.0 / (1.0 + np.exp(-z))
    order = sorted(range(len(iris)), key=lambda i: (-float(fused[i]), iris[i]))[:k]
    candidates = [framework.concepts[iris[i]].curie.removeprefix("refc:") for i in order]
    return _scored(row, candidates, [round(float(fused[i]), 4) for i in order], framework)


def _scored(
    row: dict[str, str], candidates: list[str], scores: list[float], framework: Framework
) -> dict[str, object]:
    gold = row["concept"]
    concept = framework.get(gold) if gold != NONE else None
    return {
        "row": row,
        "none": gold == NONE,
        "candidates": candidates,
        "scores": scores,
        "unseen": gold != NONE
        and (concept is None or not any(fold(t) == fold(row["term"]) for t, _, _ in concept.all_labels())),
    }


def _score_rows(
    rows: list[dict[str, str]], match: object, k: int, use_scheme: bool, framework: Framework
) -> tuple[list[dict[str, object]], float]:
    scored = []
    start = time.perf_counter()
    for row in rows:
        term = TermToMap(row["term"], scheme=row["scheme"] if use_scheme else None)
        ranked = rank(term, match, top_k=k)
        scored.append(
            _scored(
                row, [c.curie.removeprefix("refc:") for c in ranked], [c.score for c in ranked], framework
            )
        )
    return scored, time.perf_counter() - start


def ranking_metrics(scored: list[dict[str, object]]) -> dict[str, float | int]:
    """P@1 and R@k over the terms that have an equivalent (gold "none" rows have no right candidate)."""
    rows = [s for s in scored if not s["none"]]
    n = len(rows)
    p1 = sum(bool(s["candidates"]) and s["candidates"][0] == s["row"]["concept"] for s in rows)
    rk = sum(s["row"]["concept"] in s["candidates"] for s in rows)
    return {"n": n, "p_at_1": p1 / max(n, 1), "r_at_k": rk / max(n, 1)}


def first_is_right(s: dict[str, object]) -> bool:
    """The first candidate is the labelled concept (never true for a term without equivalent)."""
    return bool(s["candidates"]) and not s["none"] and s["candidates"][0] == s["row"]["concept"]


def folds_of(scored: list[dict[str, object]], folds: int) -> list[int]:
    """A fold per row, grouped by labelled concept (all terms of a concept are held out together) so
    that the calibration is never tested on a concept it was fitted on; "none" rows by their term."""
    import zlib

    return [
        zlib.crc32((s["row"]["term"] if s["none"] else s["row"]["concept"]).encode("utf-8")) % folds
        for s in scored
    ]


def cross_validate(
    scored: list[dict[str, object]],
    method: str,
    folds: int = 5,
    by_fold: list[list[dict[str, object]]] | None = None,
    train_by_fold: list[dict[int, dict[str, object]]] | None = None,
) -> list[tuple[float, bool, bool]]:
    """Held-out (confidence, match decision, no-match decision) per row: fitted on the other folds.

    ``by_fold[f]``: the rows as ranked by a model fitted without fold ``f`` (the hybrid matcher's
    fusion); ``train_by_fold[f]``: the training rows of fold ``f`` ranked out-of-fold (each by a
    fusion fitted without its own inner fold), which the calibration of fold ``f`` is fitted on, so
    that it sees scores as a new term gets them. The "no good candidate" threshold is chosen on the
    training folds only, its target precision by an inner cross-validation
    (:func:`referentiel.translation.calibration.cross_validated_no_match`).
    """
    from referentiel.translation.calibration import cross_validated_no_match

    assignment = folds_of(scored, folds)
    out: list[tuple[float, bool, bool] | None] = [None] * len(scored)
    for f in range(folds):
        ranking = by_fold[f] if by_fold is not None else scored
        train_idx = [i for i, a in enumerate(assignment) if a != f]
        train = [train_by_fold[f][i] if train_by_fold is not None else ranking[i] for i in train_idx]
        calibration, _ = cross_validated_no_match(
            [(s["scores"], first_is_right(s), bool(s["none"])) for s in train],
            [assignment[i] for i in train_idx],
            method,
        )
        for i, (s, a) in enumerate(zip(scored, assignment, strict=True)):
            if a == f:
                out[i] = (
                    calibration.confidence(s["scores"]),
                    calibration.is_match(s["scores"]),
                    calibration.is_no_match(s["scores"]),
                )
    return [o for o in out if o is not None]


def _held_out_fusion(
    rows: list[dict[str, str]], k: int, use_scheme: bool, framework: Framework, folds: int, batch: bool
) -> tuple[
    list[dict[str, object]], list[list[dict[str, object]]], list[dict[int, dict[str, object]]], float, float
]:
    """The hybrid ranking of every row by a fusion fitted on the other folds (never on its own fold).

    Returns (held-out ranking, the ranking of all rows per fold's fusion, the out-of-fold ranking of
    each fold's training rows, setup s, evidence s of all rows). The evidence of a term does not
    depend on the fusion: it is computed once, and every fold's fusion ranks from it.
    """
    from referentiel.translation.suggest_hybrid import fit_fusion

    start = time.perf_counter()
    matcher(HYBRID, framework)
    setup = time.perf_counter() - start
    start = time.perf_counter()
    if batch:
        competing = [
            {c.iri for c in framework if _in_scheme(c, r["scheme"], ())} if use_scheme else None for r in rows
        ]
        matcher(HYBRID, framework).prepare([r["term"] for r in rows], competing)
    tables = evidence_tables(rows, use_scheme, framework)  # the evidence of every term: the cost per term
    elapsed = time.perf_counter() - start
    assignment = folds_of([{"row": r, "none": r["concept"] == NONE} for r in rows], folds)

    def fitted(excluded: set[int]) -> object:
        return fit_fusion(
            [(t, y) for (_, t, y), a in zip(tables, assignment, strict=True) if a not in excluded]
        )

    def ranked(fusion: object, index: list[int]) -> dict[int, dict[str, object]]:
        return {i: rank_table(rows[i], tables[i][0], tables[i][1], fusion, k, framework) for i in index}

    everything = list(range(len(rows)))
    by_fold, train_by_fold = [], []
    for f in range(folds):
        by_fold.append([r for _, r in sorted(ranked(fitted({f}), everything).items())])
        inner: dict[int, dict[str, object]] = {}
        for g in range(folds):
            if g != f:
                inner.update(ranked(fitted({f, g}), [i for i in everything if assignment[i] == g]))
        train_by_fold.append(inner)
    held_out = [by_fold[a][i] for i, a in enumerate(assignment)]
    return held_out, by_fold, train_by_fold, setup, elapsed


def decision_metrics(
    scored: list[dict[str, object]], held_out: list[tuple[float, bool, bool]]
) -> dict[str, float | int]:
    """ECE before (raw first score) and after (held-out calibrated), match precision, no-match P/R."""
    raw = [(s["scores"][0] if s["scores"] else 0.0, first_is_right(s)) for s in scored]
    calibrated = [(conf, first_is_right(s)) for s, (conf, _, _) in zip(scored, held_out, strict=True)]
    matched = [first_is_right(s) for s, (_, m, _) in zip(scored, held_out, strict=True) if m]
    flagged = [s["none"] for s, (_, _, nm) in zip(scored, held_out, strict=True) if nm]
    nones = sum(s["none"] for s in scored)
    return {
        "ece_raw": expected_calibration_error(raw),
        "ece_calibrated": expected_calibration_error(calibrated),
        "match_n": len(matched),
        "match_precision": sum(matched) / max(len(matched), 1),
        "none_n": nones,
        "no_match_flagged": len(flagged),
        "no_match_precision": sum(flagged) / max(len(flagged), 1),
        "no_match_recall": sum(flagged) / max(nones, 1),
    }


def evaluate(
    rows: list[dict[str, str]],
    method: str,
    k: int,
    use_scheme: bool,
    ontology: str | None = None,
    labels: str = "all",
    folds: int = 5,
    batch: bool = False,
) -> dict[str, object]:
    """Ranking (P@1, R@k; overall, per language, unseen terms) and calibrated decisions on held-out folds."""
    framework = load_framework(ontology)
    if labels == "pref":
        framework = pref_only(framework)
    if method == HYBRID:
        scored, by_fold, train_by_fold, setup, elapsed = _held_out_fusion(
            rows, k, use_scheme, framework, folds, batch
        )
    else:
        scored, setup, elapsed = score_rows(rows, method, k, use_scheme, framework)
        by_fold, train_by_fold = None, None
    held_out = cross_validate(scored, method, folds, by_fold, train_by_fold)
    overall = ranking_metrics(scored)
    unseen = ranking_metrics([s for s in scored if s["unseen"]])
    by_variation: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for s in scored:
        if not s["none"]:
            by_variation[s["row"]["variation"]][0] += first_is_right(s)
            by_variation[s["row"]["variation"]][1] += 1
    groups: dict[str, dict[str, object]] = {}
    for name, keep in (
        ("fr", lambda s: s["row"]["lang"] == "fr"),
        ("nl", lambda s: s["row"]["lang"] == "nl"),
        ("en", lambda s: s["row"]["lang"] == "en"),
        ("unseen", lambda s: s["unseen"] or s["none"]),
        # The rows whose term has no acronym of the Dutch list written on 2026-12-05 (after this set):
        ("nl-unlisted", lambda s: s["row"]["lang"] == "nl" and not listed(s["row"]["term"])),
        ("unseen-unlisted", lambda s: (s["unseen"] or s["none"]) and not listed(s["row"]["term"])),
        ("hcparty", lambda s: s["row"]["variation"] == "hcparty"),
    ):
        picked = [(s, h) for s, h in zip(scored, held_out, strict=True) if keep(s)]
        sub = [s for s, _ in picked]
        groups[name] = {**ranking_metrics(sub), **decision_metrics(sub, [h for _, h in picked])}
    return {
        "unseen_n": unseen["n"],
        "unseen_p_at_1": unseen["p_at_1"],
        "unseen_r_at_k": unseen["r_at_k"],
        "method": method,
        "setting": ("scheme" if use_scheme else "open") + ("/pref" if labels == "pref" else ""),
        "n": overall["n"],
        "p_at_1": overall["p_at_1"],
        "r_at_k": overall["r_at_k"],
        "k": k,
        "by_variation": {v: a / b for v, (a, b) in sorted(by_variation.items())},
        "decisions": decision_metrics(scored, held_out),
        "groups": groups,
        "ms_per_term": 1000 * elapsed / max(len(rows), 1),
        "setup_s": setup,
        "misses": [
            (s["row"]["term"], s["row"]["concept"], s["candidates"][:3])
            for s in scored
            if not s["none"] and not first_is_right(s)
        ],
    }


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and print a table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--methods", default="lexical,embedding,hybrid")
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--labelled", type=Path, default=LABELLED)
    parser.add_argument("--ontology", default=None)
    parser.add_argument("--open-only", action="store_true")
    parser.add_argument(
        "--batch",
        action="store_true",
        help="hybrid: embed the terms in batches first, as `mappings suggest` does (ms/term then amortised)",
    )
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
                    r = evaluate(rows, method, args.k, use_scheme, args.ontology, labels, batch=args.batch)
                    results.append(r)
                    print(
                        f"{method:<10} {r['setting']:<12} {r['p_at_1']:>6.3f} {r['r_at_k']:>6.3f}  "
                        f"{r['unseen_n']:>9} {r['unseen_p_at_1']:>6.3f} {r['unseen_r_at_k']:>6.3f} "
                        f"{r['ms_per_term']:>8.1f} {r['setup_s']:>8.2f}",
                        flush=True,
                    )
        except Exception as exc:  # noqa: BLE001 - report an unusable method and go on
            print(f"{method:<10} unusable: {type(exc).__name__}: {exc}")
    print(
        "\ncalibrated decisions (Platt on top score and margin, 5-fold cross-validation grouped by "
        "concept; held-out figures)"
    )
    print(
        f"{'method':<10} {'setting':<12} {'group':<8} {'n':>4} {'P@1':>6} {'R@' + str(args.k):>6} "
        f"{'ECE raw':>8} {'ECE cal':>8} {'match n':>8} {'match P':>8} {'none n':>7} {'no-match P':>10} "
        f"{'no-match R':>10}"
    )
    for r in results:
        for group, g in [
            ("all", {"n": r["n"], "p_at_1": r["p_at_1"], "r_at_k": r["r_at_k"], **r["decisions"]})
        ] + list(r["groups"].items()):
            print(
                f"{r['method']:<10} {r['setting']:<12} {group:<8} {g['n']:>4} {g['p_at_1']:>6.3f} "
                f"{g['r_at_k']:>6.3f} {g['ece_raw']:>8.3f} {g['ece_calibrated']:>8.3f} {g['match_n']:>8} "
                f"{g['match_precision']:>8.3f} {g['none_n']:>7} {g['no_match_precision']:>10.3f} "
                f"{g['no_match_recall']:>10.3f}"
            )
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
