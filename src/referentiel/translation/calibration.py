"""Calibrated confidence of the suggester: "0.9" means that nine first candidates in ten are right.

The matchers score with raw similarities (a cosine of embeddings, a rapidfuzz ratio) that are not
probabilities: a cosine of 0.88 may be an excellent or a poor match depending on the term. Platt
scaling turns the first candidate's score and its margin over the second into the probability that
the first candidate is the concept a data steward would choose:

    confidence = 1 / (1 + exp(-(a * top_score + b * margin + c)))

The coefficients are fitted per method on the labelled terms (``tests/translation/data/
suggest_labelled.tsv``) by ``benchmarks/calibrate_suggest.py``, which writes ``calibration.json``
beside this module; ``benchmarks/eval_suggest.py`` measures them on held-out folds (reliability
before/after as expected calibration error, and the "no good candidate" decision).

Two decisions follow from the confidence: ``match`` (confident enough to accept without review:
``confidence >= match_threshold``, used by the reconciliation service) and ``no_match`` (no good
candidate, the framework probably has no equivalent: ``confidence < no_match_threshold``, used by
`mappings suggest` to propose ``sssom:NoTermFound``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources

FEATURES = ("top_score", "margin")
DEFAULT_MATCH_THRESHOLD = 0.9


def features(scores: Sequence[float]) -> tuple[float, float]:
    """(first score, first minus second) of a ranked score list; a lone candidate has its score as margin."""
    if not scores:
        return 0.0, 0.0
    top = float(scores[0])
    second = float(scores[1]) if len(scores) > 1 else 0.0
    return top, top - second


@dataclass
class Calibration:
    """Platt scaling of one method's scores, and the thresholds of the two decisions."""

    method: str
    coef: tuple[float, ...]
    intercept: float
    match_threshold: float = DEFAULT_MATCH_THRESHOLD
    no_match_threshold: float = 0.5
    fitted_on: dict[str, object] = field(default_factory=dict)

    def confidence(self, scores: Sequence[float]) -> float:
        """The probability that the first of these ranked candidate scores is the right concept.

        Candidates tied with the first (the same word in two schemes of an untyped query) share its
        chance: the first of ``k`` tied candidates is right at most one time in ``k``.
        """
        if not scores:
            return 0.0
        z = self.intercept + sum(c * x for c, x in zip(self.coef, features(scores), strict=True))
        tied = sum(1 for s in scores if abs(s - scores[0]) < 1e-9)
        return _sigmoid(z) / tied

    def is_match(self, scores: Sequence[float]) -> bool:
        """True when the first candidate may be accepted without review."""
        return bool(scores) and self.confidence(scores) >= self.match_threshold

    def is_no_match(self, scores: Sequence[float]) -> bool:
        """True when no candidate is good enough: the framework probably has no equivalent."""
        return not scores or self.confidence(scores) < self.no_match_threshold

    def to_dict(self) -> dict[str, object]:
        """The JSON form stored in ``calibration.json``."""
        out = asdict(self)
        out["coef"] = list(self.coef)
        out["features"] = list(FEATURES)
        return out


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def fit_platt(
    rows: Sequence[tuple[Sequence[float], bool]],
    method: str,
    l2: float = 1e-3,
    iterations: int = 100,
) -> Calibration:
    """Fit Platt scaling on ``(ranked scores, first candidate is right)`` pairs (Newton's method).

    A small L2 penalty keeps the fit finite when the labelled set is separable. The thresholds keep
    their defaults; :func:`choose_no_match_threshold` picks the other one.
    """
    x = [features(scores) for scores, _ in rows]
    w = fit_logistic(x, [right for _, right in rows], l2=l2, iterations=iterations)
    return Calibration(method, tuple(w[1:]), w[0])


def fit_logistic(
    x: Sequence[Sequence[float]], y: Sequence[bool], l2: float = 1e-3, iterations: int = 100
) -> list[float]:
    """L2-penalised logistic regression by Newton's method: ``[intercept, *coefficients]``.

    Deterministic (no random start), so that fitting twice on the same rows gives the same file.
    """
    import numpy as np

    xs = np.array([[1.0, *row] for row in x], dtype=float)
    ys = np.array([1.0 if v else 0.0 for v in y], dtype=float)
    w = np.zeros(xs.shape[1])
    penalty = l2 * np.eye(xs.shape[1])
    penalty[0, 0] = 0.0  # the intercept is not shrunk
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(xs @ w)))
        gradient = xs.T @ (p - ys) + penalty @ w
        hessian = (xs * (p * (1 - p))[:, None]).T @ xs + penalty + 1e-9 * np.eye(xs.shape[1])
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.max(np.abs(step))) < 1e-10:
            break
    return [float(v) for v in w]


def choose_no_match_threshold(
    calibration: Calibration,
    rows: Sequence[tuple[Sequence[float], bool]],
    min_precision: float = 0.9,
) -> float:
    """The highest threshold whose "no match" decisions are right at least ``min_precision`` of the time.

    ``rows`` pairs ranked scores with "the term has no equivalent" (gold ``sssom:NoTermFound``). The
    highest such threshold catches the most no-equivalent terms at that precision; when none reaches
    it, the threshold with the best F1 is taken.
    """
    confidences = sorted({round(calibration.confidence(s), 6) for s, _ in rows})
    best, best_f1 = 0.0, -1.0
    chosen = None
    for t in [c + 1e-6 for c in confidences]:
        flagged = [none for s, none in rows if calibration.confidence(s) < t]
        positives = sum(none for _, none in rows)
        tp = sum(flagged)
        precision = tp / len(flagged) if flagged else 1.0
        recall = tp / positives if positives else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if precision >= min_precision and flagged:
            chosen = t
        if f1 > best_f1:
            best, best_f1 = t, f1
    return round(chosen if chosen is not None else best, 6)


NO_MATCH_TARGETS = (0.9, 0.925, 0.95, 0.975, 1.0)


def cross_validated_no_match(
    rows: Sequence[tuple[Sequence[float], bool, bool]],
    folds: Sequence[int],
    method: str,
    goal: float = 0.9,
    targets: Sequence[float] = NO_MATCH_TARGETS,
) -> tuple[Calibration, float]:
    """Platt scaling and a "no good candidate" threshold whose precision holds on unseen terms.

    ``rows``: (ranked scores, first candidate is right, the term has no equivalent), each ranked by
    a model that did not see it (out-of-fold for a learnt ranking); ``folds``: a fold per row.
    The highest threshold reaching ``goal`` on the rows it is chosen on (:func:`choose_no_match_threshold`)
    overshoots on new terms: it is picked where the precision happens to peak. So the precision
    asked of the fit (the *target*) is itself chosen by cross-validation over ``folds``: the lowest
    of ``targets`` whose thresholds, each chosen without one fold, reach ``goal`` on the folds left
    out (pooled). The returned calibration is fitted on all rows, with the threshold for that target;
    ``fitted_on["no_match_target"]`` records it.
    """
    chosen = targets[-1]
    for target in targets:
        flagged: list[bool] = []
        for fold in sorted(set(folds)):
            train = [r for r, f in zip(rows, folds, strict=True) if f != fold]
            calibration = fit_platt([(s, right) for s, right, _ in train], method)
            calibration.no_match_threshold = choose_no_match_threshold(
                calibration, [(s, none) for s, _, none in train], min_precision=target
            )
            flagged += [
                none
                for (s, _, none), f in zip(rows, folds, strict=True)
                if f == fold and calibration.is_no_match(s)
            ]
        if flagged and sum(flagged) / len(flagged) >= goal:
            chosen = target
            break
    calibration = fit_platt([(s, right) for s, right, _ in rows], method)
    calibration.no_match_threshold = choose_no_match_threshold(
        calibration, [(s, none) for s, _, none in rows], min_precision=chosen
    )
    calibration.fitted_on = {"no_match_target": chosen}
    return calibration, chosen


def expected_calibration_error(pairs: Sequence[tuple[float, bool]], bins: int = 10) -> float:
    """ECE: the mean gap between confidence and accuracy over equal-width bins, weighted by bin size."""
    if not pairs:
        return 0.0
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        members = [
            (p, y) for p, y in pairs if lo <= min(max(p, 0.0), 1.0) < hi or (b == bins - 1 and p >= 1.0)
        ]
        if members:
            confidence = sum(p for p, _ in members) / len(members)
            accuracy = sum(y for _, y in members) / len(members)
            total += len(members) * abs(confidence - accuracy)
    return total / len(pairs)


@lru_cache(maxsize=1)
def _stored() -> dict[str, dict[str, object]]:
    text = resources.files("referentiel.translation").joinpath("calibration.json").read_text(encoding="utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


def load_calibration(method: str) -> Calibration:
    """The calibration shipped for ``method`` (``calibration.json``, written by calibrate_suggest.py)."""
    from referentiel.errors import ConfigError

    data = _stored().get(method)
    if data is None:
        raise ConfigError.of(
            "no calibration is shipped for the {method!r} matching method",
            method=method,
            hint="run benchmarks/calibrate_suggest.py to fit one",
        )
    return Calibration(
        method=method,
        coef=tuple(float(v) for v in data["coef"]),  # type: ignore[union-attr]
        intercept=float(data["intercept"]),  # type: ignore[arg-type]
        match_threshold=float(data["match_threshold"]),  # type: ignore[arg-type]
        no_match_threshold=float(data["no_match_threshold"]),  # type: ignore[arg-type]
        fitted_on=dict(data.get("fitted_on") or {}),  # type: ignore[call-overload]
    )
