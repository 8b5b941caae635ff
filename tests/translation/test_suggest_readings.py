"""Readings of a term for the hybrid matcher: acronyms written out (the Dutch list too), clipped words
completed from the competing concepts' labels, the scheme's head word dropped."""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from referentiel.translation.framework import load_framework
from referentiel.translation.suggest import HYBRID, _in_scheme, matcher, rank
from referentiel.translation.suggest_fold import abbreviations, expand_acronyms, fold, query_variants
from referentiel.translation.suggest_readings import (
    SCHEME_HEAD_WORDS,
    expand_clipped,
    label_words,
    scheme_of,
    strip_head_words,
)

MINI = str(Path(__file__).parent / "data" / "mini_framework.ttl")


@pytest.mark.parametrize(
    "term,expected",
    [
        ("VPK", "verpleegkundige"),  # the Dutch list
        ("MDO's", "multidisciplinair overleg"),
        ("CLB-arts", "centrum voor leerlingenbegeleiding-arts"),  # before a hyphen
        ("doorverwezen naar OCMW", "doorverwezen naar openbaar centrum voor maatschappelijk welzijn"),
        ("AS de première ligne", "assistant social de première ligne"),  # the French list
        ("arts", None),  # a word, not an acronym of the lists
        ("Huisbezoek", None),
    ],
)
def test_acronyms_written_out(term: str, expected: str | None) -> None:
    assert expand_acronyms(term) == expected


def test_dutch_list_is_merged_folded_and_documented() -> None:
    raw = json.loads(
        resources.files("referentiel.translation").joinpath("abbreviations_nl.json").read_text("utf-8")
    )
    assert "evaluation set" in raw["_comment"]  # its provenance and how the evaluation discounts it
    merged = abbreviations()
    for key, values in raw.items():
        if key.startswith("_"):
            continue
        assert key == fold(key).replace(" ", "") and values and set(values) <= set(merged[key])
    assert "cpas" in merged and "vpk" in merged  # both lists
    assert fold("verpleegkundige") in query_variants("VPK")  # the lexical matcher reads them too


def test_clipped_words_are_completed_from_the_competing_labels() -> None:
    words = Counter({"puericulteur": 3, "puericultrice": 1, "psychologue": 2, "assistant": 4, "sociale": 2})
    lexicon = frozenset({"assistant", "sociale", "psychologue", "puericulteur", "puericultrice"})
    assert expand_clipped("Puér.", words, lexicon) == ["puericulteur", "puericultrice"]  # most frequent first
    assert expand_clipped("Assist. sociale", words, lexicon) == ["assistant sociale"]
    assert expand_clipped("Troubles psy", words, lexicon) == ["Troubles psychologue"]
    assert expand_clipped("tolk", words, lexicon) == []  # nothing begins with it
    assert expand_clipped("AS", words, lexicon) == []  # an acronym in capitals is no clipped word
    assert expand_clipped("assistant", words, lexicon) == []  # a whole word stays


def test_scheme_head_word_dropped() -> None:
    sector = SCHEME_HEAD_WORDS["scheme-sector"]
    assert strip_head_words("Secteur judiciaire", sector) == "judiciaire"
    assert strip_head_words("secteur", sector) is None  # nothing would be left
    assert strip_head_words("Santé mentale", sector) is None  # nothing to drop
    assert strip_head_words("Problèmes de santé", SCHEME_HEAD_WORDS["scheme-need"]) == "de santé"
    assert scheme_of([frozenset({"scheme-need"}), frozenset({"scheme-need", "x"})]) == "scheme-need"
    assert scheme_of([frozenset({"scheme-need"}), frozenset({"scheme-role"})]) is None
    assert label_words(["Assistant·e social·e", "AS"]) == Counter({"assistant": 1, "social": 1})


def test_hybrid_reads_a_term_knowing_its_scheme() -> None:
    framework = load_framework()
    hybrid = matcher(HYBRID, framework)
    roles = {c.iri for c in framework if _in_scheme(c, "role-", ())}
    sectors = {c.iri for c in framework if _in_scheme(c, "sector-", ())}
    assert "verpleegkundige" in hybrid.readings("VPK")
    assert any(r.startswith("puericult") for r in hybrid.readings("Puér.", roles))
    assert "judiciaire" in hybrid.readings("Secteur judiciaire", sectors)
    assert hybrid.readings("Secteur judiciaire") == ["Secteur judiciaire"]  # untyped: no scheme reading
    assert rank("VPK", hybrid, top_k=1, schemes=["role-"])[0].curie == "refc:role-nurse"
