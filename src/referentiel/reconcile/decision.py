"""The calibrated decision on a term's first candidate, as ``referentiel mappings suggest`` takes it.

:func:`referentiel.translation.suggest.suggest_for_terms` ranks at least two candidates (the
calibration's features are the first score and its margin over the second), then asks the shipped
calibration for the confidence and the "no good candidate" decision. The reconciliation service and
the workbench must say the same thing about the same term, whatever number of candidates their
client asked for: a single candidate has no second one to measure a margin against, and a tie
hidden below the requested limit would pass for a clear first. So both rank at least
:data:`DECISION_DEPTH` candidates (the depth the calibration was fitted at, ``mappings suggest``'s
default ``--top``) and take the decision here.

``suggest.py`` offers no public function that takes an already built matcher and returns this
decision, so it lives here; :func:`decide` is what ``suggest_for_terms`` computes inline, and
``tests/reconcile/test_reconcile_decision.py`` checks that the two agree term by term.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from referentiel.translation.calibration import Calibration

DECISION_DEPTH = 5


@dataclass(frozen=True)
class Decision:
    """What the calibration says of a ranking's first candidate.

    ``confidence``: the probability that the first candidate is the concept a data steward would
    choose (None without any candidate). ``no_match``: no candidate is good enough, the framework
    probably has no equivalent. ``match``: confident enough to accept without review (the
    confidence reaches the calibration's match threshold, and it is not a "no good candidate").
    """

    confidence: float | None
    match: bool
    no_match: bool


def decide(calibration: Calibration, scores: Sequence[float]) -> Decision:
    """The decision on the first of ``scores`` (a ranking at least :data:`DECISION_DEPTH` deep)."""
    if not scores:
        return Decision(confidence=None, match=False, no_match=True)
    no_match = calibration.is_no_match(scores)
    return Decision(
        confidence=round(calibration.confidence(scores), 4),
        match=calibration.is_match(scores) and not no_match,
        no_match=no_match,
    )


def rank_and_decide(
    term: Any,
    match: Any,
    calibration: Calibration,
    top_k: int,
    allowed: set[str] | None = None,
) -> tuple[list[Any], Decision]:
    """The ``top_k`` best candidates of ``term`` and the decision on the first.

    The decision is taken on a ranking at least :data:`DECISION_DEPTH` deep, as ``mappings suggest``
    takes it, so that asking for one candidate does not make a doubtful first one look certain.
    """
    from referentiel.translation.suggest import rank

    ranked = rank(term, match, top_k=max(top_k, DECISION_DEPTH), allowed=allowed)
    return ranked[:top_k], decide(calibration, [c.score for c in ranked])


def is_confident_match(calibration: Calibration, confidence: float | None, no_match: bool) -> bool:
    """The ``match`` decision from a :class:`~referentiel.translation.suggest.Suggestion`'s fields."""
    return confidence is not None and not no_match and confidence >= calibration.match_threshold
