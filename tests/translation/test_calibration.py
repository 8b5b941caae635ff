"""Platt scaling, the no-match threshold and the calibration error (referentiel.translation.calibration)."""

from __future__ import annotations

import random

import pytest

from referentiel.errors import ConfigError
from referentiel.translation.calibration import (
    Calibration,
    choose_no_match_threshold,
    expected_calibration_error,
    fit_platt,
    load_calibration,
)


def _synthetic(n: int = 400) -> list[tuple[list[float], bool]]:
    rng = random.Random(7)
    rows = []
    for _ in range(n):
        top = rng.random()
        right = rng.random() < top  # a score that is already a probability
        rows.append(([top, max(top - rng.random() * 0.2, 0.0)], right))
    return rows


def test_platt_fit_is_monotone_and_calibrated() -> None:
    rows = _synthetic()
    calibration = fit_platt(rows, "test")
    low, high = calibration.confidence([0.2, 0.1]), calibration.confidence([0.9, 0.8])
    assert 0 < low < high < 1
    pairs = [(calibration.confidence(s), y) for s, y in rows]
    assert expected_calibration_error(pairs) < 0.08


def test_decisions_and_empty_rankings() -> None:
    calibration = Calibration("test", (10.0, 0.0), -5.0, match_threshold=0.9, no_match_threshold=0.2)
    assert calibration.is_match([0.8, 0.1]) and not calibration.is_match([0.6])
    assert calibration.is_no_match([0.3]) and not calibration.is_no_match([0.6])
    assert calibration.is_no_match([]) and calibration.confidence([]) == 0.0
    # Two candidates tied at the top (one word, two schemes): at most one chance in two.
    assert calibration.confidence([1.0, 1.0, 0.2]) == pytest.approx(
        calibration.confidence([1.0, 0.999]) / 2, rel=0.01
    )
    assert not calibration.is_match([1.0, 1.0])


def test_no_match_threshold_reaches_the_asked_precision() -> None:
    calibration = Calibration("test", (10.0, 0.0), -5.0)
    rows = [([0.1], True), ([0.2], True), ([0.3], False), ([0.4], True), ([0.8], False), ([0.9], False)]
    threshold = choose_no_match_threshold(calibration, rows, min_precision=0.9)
    flagged = [none for s, none in rows if calibration.confidence(s) < threshold]
    assert flagged == [True, True]


def test_ece_of_perfect_and_overconfident_predictions() -> None:
    assert expected_calibration_error([(1.0, True), (0.0, False)]) == 0.0
    assert expected_calibration_error([(0.95, False)] * 10) == pytest.approx(0.95)


def test_shipped_calibrations_load() -> None:
    for method in ("lexical", "embedding"):
        calibration = load_calibration(method)
        assert calibration.match_threshold == 0.9 and 0 <= calibration.no_match_threshold < 1
        assert calibration.fitted_on["terms"] >= 400
    with pytest.raises(ConfigError):
        load_calibration("telepathy")


def test_no_match_target_is_chosen_on_folds_left_out() -> None:
    from referentiel.translation.calibration import NO_MATCH_TARGETS, cross_validated_no_match

    rng = random.Random(11)
    rows, folds = [], []
    for i in range(300):
        none = i % 5 == 0
        # Terms without equivalent score low; a few terms with one score low too (the hard ones).
        hard = i % 23 == 1
        top = rng.uniform(0.0, 0.35) if none else (rng.uniform(0.0, 0.3) if hard else rng.uniform(0.3, 1))
        rows.append(([top, top / 2], not none and rng.random() < top + 0.2, none))
        folds.append(i % 5)
    calibration, target = cross_validated_no_match(rows, folds, "test", goal=0.9)
    assert target in NO_MATCH_TARGETS and calibration.fitted_on == {"no_match_target": target}
    flagged = [none for scores, _, none in rows if calibration.is_no_match(scores)]
    assert flagged and sum(flagged) / len(flagged) >= 0.9
    # A target chosen on the rows themselves is at least as lax: cross-validation only adds caution.
    lax = choose_no_match_threshold(calibration, [(s, n) for s, _, n in rows], min_precision=0.9)
    assert calibration.no_match_threshold <= lax
