"""``match: true`` is the decision ``mappings suggest`` takes: the calibrated confidence over its
threshold and not "no good candidate", whatever number of candidates the client asks for."""

from __future__ import annotations

import json

import pytest
from starlette.testclient import TestClient

from referentiel.reconcile.decision import DECISION_DEPTH, decide, is_confident_match
from referentiel.translation.calibration import Calibration
from referentiel.translation.suggest import suggest_for_terms

# fr, nl and en terms: exact labels, near misses, acronyms, terms without an equivalent, a word that
# two schemes share (tied first candidates)
TERMS = [
    "assistant social",
    "Assistante sociale",
    "verpleegkundige",
    "huisarts",
    "psychologue",
    "médiation de dettes",
    "aide familiale",
    "opvoedingsondersteuning",
    "consult",
    "HB",
    "MDO",
    "doorverwijzing",
    "kinesitherapeut",
    "tandarts",
    "dentiste",
    "avocat",
    "boulanger",
    "social worker",
]


def _first(client: TestClient, term: str, limit: int) -> dict:
    queries = {"q": {"query": term, "limit": limit}}
    response = client.post("/", data={"queries": json.dumps(queries)})
    assert response.status_code == 200, response.text
    result = response.json()["q"]["result"]
    assert len(result) <= limit
    return result[0]


def _features(candidate: dict) -> dict:
    return {f["id"]: f["value"] for f in candidate["features"]}


def test_match_is_the_suggesters_decision_at_every_limit(client: TestClient, service) -> None:
    suggestions = {s.term.term: s for s in suggest_for_terms(TERMS, method="lexical", top_k=DECISION_DEPTH)}
    calibration = service.calibration
    matched = unmatched = 0
    for term in TERMS:
        suggestion = suggestions[term]
        expected = is_confident_match(calibration, suggestion.confidence, suggestion.no_match)
        for limit in (1, 2, 3, DECISION_DEPTH, 10):
            first = _first(client, term, limit)
            features = _features(first)
            assert first["id"] == suggestion.candidates[0].concept.rsplit("/", 1)[-1], (term, limit)
            assert features["confidence"] == suggestion.confidence, (term, limit)
            assert features["no_good_candidate"] is suggestion.no_match, (term, limit)
            assert first["match"] is expected, (term, limit)
        matched += expected
        unmatched += not expected
    assert matched >= 5 and unmatched >= 5  # both decisions are exercised


@pytest.mark.parametrize("term", ["opvoedingsondersteuning", "aide familiale"])
def test_one_candidate_asked_does_not_make_a_doubtful_first_certain(client: TestClient, term: str) -> None:
    # With limit 1 the service used to rank one candidate: no margin to measure and no tie to see
    # ("opvoedingsondersteuning" is a need and a sector), so it answered match: true.
    assert _first(client, term, 1)["match"] is False
    assert (
        _features(_first(client, term, 1))["confidence"] == _features(_first(client, term, 5))["confidence"]
    )


def test_decide_needs_the_threshold_and_no_no_match() -> None:
    # thresholds crossed on purpose: 0.6 reaches the match threshold but is still "no good candidate"
    crossed = Calibration(
        "test", coef=(10.0, 0.0), intercept=-5.0, match_threshold=0.5, no_match_threshold=0.7
    )
    decision = decide(crossed, [0.55, 0.1])
    assert crossed.is_match([0.55, 0.1]) and decision.no_match and not decision.match
    sure = decide(crossed, [0.9, 0.1])
    assert sure.match and not sure.no_match and sure.confidence == pytest.approx(0.982, abs=1e-3)
    tied = decide(crossed, [0.9, 0.9])  # two first candidates: one chance in two
    assert tied.confidence == pytest.approx(0.491, abs=1e-3) and not tied.match and tied.no_match
    nothing = decide(crossed, [])
    assert nothing.confidence is None and nothing.no_match and not nothing.match
    assert not is_confident_match(crossed, 0.6, no_match=True) and is_confident_match(crossed, 0.6, False)
    assert not is_confident_match(crossed, None, no_match=False)
