"""The hybrid suggester: lexical and embedding evidence fused by a fitted logistic model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from referentiel.cli import cli
from referentiel.errors import ConfigError
from referentiel.translation.framework import load_framework
from referentiel.translation.sssom import read_mapping_set
from referentiel.translation.suggest import HYBRID, JUSTIFICATIONS, METHODS, matcher, rank, suggest_for_terms
from referentiel.translation.suggest_hybrid import FUSION_FEATURES, Fusion, fit_fusion, load_fusion

MINI = str(Path(__file__).parent / "data" / "mini_framework.ttl")


def test_fusion_learns_which_evidence_decides() -> None:
    # Three candidates per term; the right one (row 0) leads on "lexical" only, the embedding is noise.
    rng = np.random.default_rng(7)
    tables = []
    for _ in range(60):
        table = rng.uniform(0.6, 0.9, size=(3, len(FUSION_FEATURES)))
        table[0, 1] = 0.95
        table[1:, 1] = rng.uniform(0.2, 0.5, size=2)
        tables.append((table, [True, False, False]))
    tables.append((np.zeros((2, len(FUSION_FEATURES))), [False, False]))  # a "none" term: all rows wrong
    fusion = fit_fusion(tables)
    assert fusion.coef[1] > 0 and fusion.coef[1] > abs(fusion.coef[0])
    scores = [np.asarray(t) @ np.array(fusion.coef) + fusion.intercept for t, _ in tables[:-1]]
    assert all(int(np.argmax(s)) == 0 for s in scores)


def test_terms_without_equivalent_teach_the_fusion_to_score_low() -> None:
    # The right concept leads on the lexical evidence; a term without equivalent has a plausible
    # neighbour on the embedding only. Learning from it lowers that neighbour's fused score.
    rng = np.random.default_rng(3)
    with_equivalent, without = [], []
    for _ in range(40):
        table = rng.uniform(0.3, 0.6, size=(3, len(FUSION_FEATURES)))
        table[0, 0], table[0, 1] = 0.9, 0.9
        with_equivalent.append((table, [True, False, False]))
        lonely = rng.uniform(0.3, 0.6, size=(3, len(FUSION_FEATURES)))
        lonely[0, 0] = 0.9
        without.append((lonely, [False, False, False]))

    def top(fusion: Fusion, table: np.ndarray) -> float:
        return float(1 / (1 + np.exp(-(table @ np.array(fusion.coef) + fusion.intercept))).max())

    probe = without[0][0]
    assert top(fit_fusion(with_equivalent + without), probe) < top(fit_fusion(with_equivalent), probe)


def test_fusion_round_trip_and_stale_features() -> None:
    fusion = Fusion(tuple(float(i) for i in range(len(FUSION_FEATURES))), -1.5)
    assert Fusion.from_dict(fusion.to_dict()) == fusion
    stale = fusion.to_dict() | {"features": ["embedding", "lexical"]}
    with pytest.raises(ConfigError):
        Fusion.from_dict(stale)


def test_shipped_hybrid_calibration_and_fusion_load() -> None:
    from referentiel.translation.calibration import load_calibration

    fusion = load_fusion()
    assert len(fusion.coef) == len(FUSION_FEATURES)
    calibration = load_calibration(HYBRID)
    assert calibration.fitted_on["terms"] >= 400 and 0 <= calibration.no_match_threshold < 1
    assert HYBRID in METHODS and JUSTIFICATIONS[HYBRID] == "semapv:CompositeMatching"


def test_evidence_table_and_ranking_offline() -> None:
    framework = load_framework(MINI)
    hybrid = matcher(HYBRID, framework)
    iris, table, matched = hybrid.evidence("Assistante sociale", None)
    table = np.asarray(table)
    assert table.shape == (len(iris), len(FUSION_FEATURES)) and set(matched) == set(iris)
    gaps = table[:, 4:]
    assert np.all(gaps <= 1e-9) and np.allclose(gaps.max(axis=0), 0.0)  # the leader of each has gap 0
    assert np.allclose(table[:, :4] - table[:, :4].max(axis=0), gaps)
    assert rank("Assistante sociale", hybrid, top_k=1)[0].curie == "refc:role-social-worker"
    assert rank("home visit", hybrid, top_k=1)[0].curie == "refc:intervention-type-home-visit"
    scores = hybrid.scores("huisbezoek", None)
    assert all(0.0 <= s <= 1.0 for s, _, _ in scores.values())
    [suggestion] = suggest_for_terms(["Assistante sociale"], method=HYBRID, ontology=MINI)
    assert suggestion.candidates[0].curie == "refc:role-social-worker" and not suggestion.no_match


def test_concept_without_definition_scores_zero_there(tmp_path: Path) -> None:
    ttl = (
        Path(MINI)
        .read_text(encoding="utf-8")
        .replace(
            'skos:altLabel "travailleur social"@fr, "AS"@fr .',
            'skos:altLabel "travailleur social"@fr, "AS"@fr ; '
            'skos:definition "Professionnel du travail social qui accompagne les familles '
            'dans leurs démarches sociales."@fr .',
        )
    )
    ontology = tmp_path / "mini.ttl"
    ontology.write_text(ttl, encoding="utf-8")
    framework = load_framework(str(ontology))
    hybrid = matcher(HYBRID, framework)
    emb = hybrid.embedding
    evidence = emb.concept_evidence("travail social avec les familles")
    no_definition = [i for i, iri in enumerate(emb.concepts) if not framework.concepts[iri].definitions]
    with_definition = [i for i, iri in enumerate(emb.concepts) if framework.concepts[iri].definitions]
    assert all(evidence["definition"][i] == 0.0 for i in no_definition)
    assert with_definition and any(evidence["definition"][i] > 0.5 for i in with_definition)


def test_cli_suggest_hybrid(tmp_path: Path, runner) -> None:
    terms = tmp_path / "terms.txt"
    terms.write_text("verpleegster\n", encoding="utf-8")
    out = tmp_path / "s.sssom.tsv"
    args = ["mappings", "suggest", "--terms", str(terms), "--method", "hybrid", "--ontology", MINI]
    result = runner.invoke(cli, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    ms = read_mapping_set(out)
    assert ms.mappings[0].mapping_justification == "semapv:CompositeMatching"
    assert "fusion" in ms.metadata["similarity_measure"]


@pytest.mark.parametrize(
    "term,expected",
    [
        ("cliëntoverleg", "client overleg"),  # both parts known
        ("gezondheidsproblemen", "gezondheid problemen"),  # linking "s" dropped
        ("kinderverpleegkundige", "kind verpleegkundige"),  # linking "er"
        ("thuisbegeleidingsdienst", "thuis begeleiding dienst"),  # the head splits in turn
        ("intakegesprek", "intake gesprek"),  # unknown head before a long known tail
        ("teamoverleg", None),  # a word the labels use stays whole
        ("overleg", None),
        ("Assistante sociale", None),
        ("directrice", None),  # no known tail of six letters: French words do not fall apart
    ],
)
def test_dutch_compounds_split_into_label_words(term: str, expected: str | None) -> None:
    from referentiel.translation.suggest_fold import compound_lexicon, split_compounds

    lexicon = compound_lexicon(
        [
            "overleg",
            "teamoverleg",
            "client",
            "gezondheid",
            "problemen",
            "kind",
            "verpleegkundige",
            "begeleiding",
            "dienst",
            "thuis",
            "gesprek",
            "directeur",
            "netwerkvergadering",
            "netwerk",
        ]
    )
    assert "vergadering" in lexicon  # taught by "netwerkvergadering" = "netwerk" + "vergadering"
    assert split_compounds(term, lexicon) == expected
