"""`mappings review` / record_decision: a reviewed mapping, checked before it is saved."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from referentiel.cli import cli
from referentiel.errors import ConfigError, InputError
from referentiel.intake.pipeline import bundled_examples_dir
from referentiel.translation.review import record_decision
from referentiel.translation.sssom import read_mapping_set

ONE = bundled_examples_dir() / "one-consultation-anderlecht" / "mappings.sssom.tsv"


@pytest.fixture
def mapping_set(tmp_path):
    path = tmp_path / "mappings.sssom.tsv"
    shutil.copy(ONE, path)
    return path


def test_accept_writes_a_curated_row(mapping_set):
    result = record_decision(
        mapping_set,
        term="Pesée",
        concept="refc:intervention-type-consultation",
        author="steward",
        predicate="skos:broadMatch",
        scheme="intervention-type-",
        today=dt.date(2026, 12, 1),
    )
    assert result.saved and not result.errors
    row = next(m for m in read_mapping_set(mapping_set).mappings if m.subject_label == "Pesée")
    assert row.subject_id == "oneconsultationanderlecht:intervention-type-pesee"
    assert (row.predicate_id, row.object_id, row.mapping_date) == (
        "skos:broadMatch",
        "refc:intervention-type-consultation",
        "2026-12-01",
    )
    assert row.author_id == "oneconsultationanderlecht:steward"
    assert row.object_label == "consultation" and row.predicate_modifier is None


def test_reject_is_a_negated_row_that_replaces_an_earlier_decision(mapping_set):
    record_decision(
        mapping_set, term="Pesée", concept="intervention-type-consultation", author="orcid:0000-0002"
    )
    record_decision(
        mapping_set,
        term="Pesée",
        concept="intervention-type-consultation",
        author="orcid:0000-0002",
        decision="reject",
    )
    rows = [m for m in read_mapping_set(mapping_set).mappings if m.subject_label == "Pesée"]
    assert len(rows) == 1 and rows[0].negated and rows[0].author_id == "orcid:0000-0002"


def test_an_existing_term_keeps_its_identifier(mapping_set):
    record_decision(
        mapping_set,
        term="Médecin",
        concept="refc:role-physician",
        author="steward",
        predicate="skos:closeMatch",
    )
    rows = [m for m in read_mapping_set(mapping_set).mappings if m.subject_label == "Médecin"]
    assert [r.subject_id for r in rows] == ["oneconsultationanderlecht:job-title-medecin"]
    assert rows[0].predicate_id == "skos:closeMatch"


def test_a_set_failing_its_checks_is_not_saved(mapping_set, runner):
    before = mapping_set.read_text(encoding="utf-8")
    # "Concertation pluridisciplinaire" is an exactMatch of a concept whose broader concept is
    # meeting-kind-concertation: relatedMatch to it is disjoint from the hierarchy (SKOS S27), an ERROR.
    result = record_decision(
        mapping_set,
        term="Concertation pluridisciplinaire",
        concept="refc:meeting-kind-concertation",
        author="steward",
        predicate="skos:relatedMatch",
    )
    assert [f.check for f in result.errors] == ["related-on-hierarchy"]
    assert not result.saved and mapping_set.read_text(encoding="utf-8") == before
    command = runner.invoke(
        cli,
        [
            "mappings",
            "review",
            str(mapping_set),
            "--term",
            "Concertation pluridisciplinaire",
            "--accept",
            "refc:meeting-kind-concertation",
            "--predicate",
            "skos:relatedMatch",
            "--author",
            "steward",
        ],
    )
    assert command.exit_code == 1 and "related-on-hierarchy" in command.output
    assert mapping_set.read_text(encoding="utf-8") == before


def test_bad_input_is_refused_clearly(mapping_set):
    with pytest.raises(InputError, match="no concept"):
        record_decision(mapping_set, term="x", concept="refc:nothing", author="steward")
    with pytest.raises(InputError, match="predicate"):
        record_decision(
            mapping_set, term="x", concept="refc:role-physician", author="s", predicate="owl:sameAs"
        )
    with pytest.raises(InputError, match="reviewer"):
        record_decision(mapping_set, term="x", concept="refc:role-physician", author=" ")


def test_review_command(runner, mapping_set):
    result = runner.invoke(
        cli,
        [
            "mappings",
            "review",
            str(mapping_set),
            "--term",
            "Pesée",
            "--accept",
            "refc:intervention-type-consultation",
            "--predicate",
            "skos:broadMatch",
            "--author",
            "steward",
            "--scheme",
            "intervention-type-",
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "OK: 1 mapping set(s)" in result.output and "written to" in result.output
    both = runner.invoke(
        cli,
        [
            "mappings",
            "review",
            str(mapping_set),
            "--term",
            "x",
            "--accept",
            "a",
            "--reject",
            "b",
            "--author",
            "s",
        ],
    )
    assert isinstance(both.exception, ConfigError) and both.exception.exit_code == 2  # main() exits 2


SAID = {  # what the review says, per language: the saved line, the refusal's how-to-fix, the verdict
    "fr": ("écrit dans", "comment corriger", "ÉCHEC : 1 jeu(x) de correspondances"),
    "nl": ("geschreven in", "hoe op te lossen", "MISLUKT: 1 mappingset(s)"),
    "en": ("written to", "how to fix", "FAILED: 1 mapping set(s)"),
}
ENGLISH = (
    "written to",
    "how to fix",
    "mapping set(s)",
    "error(s)",
    "FAILED",
    " line ",
    " is both ",
    "broader path",
)


@pytest.mark.parametrize("lang", ["fr", "nl", "en"])
def test_review_speaks_the_chosen_language(lang, tmp_path, runner):
    saved_to, how_to_fix, failed = SAID[lang]
    path = tmp_path / "mappings.sssom.tsv"
    shutil.copy(ONE, path)
    review = ["mappings", "review", str(path), "--author", "steward", "--lang", lang]
    saved = runner.invoke(
        cli,
        [
            *review,
            "--term",
            "Pesée",
            "--accept",
            "refc:intervention-type-consultation",
            "--predicate",
            "skos:broadMatch",
            "--scheme",
            "intervention-type-",
        ],
    )
    assert saved.exit_code == 0, saved.output
    assert (
        f"refc:intervention-type-consultation{' :' if lang == 'fr' else ':'} {saved_to} {path}"
        in saved.output
    )
    refused = runner.invoke(
        cli,
        [
            *review,
            "--term",
            "Concertation pluridisciplinaire",
            "--accept",
            "refc:meeting-kind-concertation",
            "--predicate",
            "skos:relatedMatch",
        ],
    )
    assert refused.exit_code == 1 and "[related-on-hierarchy]" in refused.output
    assert how_to_fix in refused.output and failed in refused.output
    if lang != "en":
        for output in (saved.output, refused.output):
            text = output.replace(str(path), "FILE")
            assert not [word for word in ENGLISH if word in text], text
