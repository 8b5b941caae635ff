"""`referentiel ontology docs`: pyLODE's page plus the fr/en/nl term table; bad input exits 2."""

from __future__ import annotations

import html
import logging
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from referentiel.cli import cli
from referentiel.ontology.docs import generate_docs, pylode_graph

FIXTURES = Path(__file__).parent / "fixtures"
CLEAN = FIXTURES / "clean.ttl"


@pytest.fixture(scope="module")
def clean_docs(tmp_path_factory):
    out = tmp_path_factory.mktemp("docs")
    result = generate_docs(out, CLEAN)
    pages = [(out / name).read_text(encoding="utf-8") for name in ("index.html", "terms.html")]
    return result, *pages


def test_docs_writes_index_and_terms_pages(clean_docs) -> None:
    result, index, terms = clean_docs
    assert [p.name for p in result.files] == ["index.html", "terms.html"]
    assert result.generator.startswith("pyLODE 3.")
    assert (result.terms, result.concept_schemes, result.concepts) == (7, 1, 2)
    assert index.lstrip().lower().startswith("<!doctype html") or "<html" in index[:200]


def test_pylode_page_shows_the_three_labels_and_links_the_term_table(clean_docs) -> None:
    _, index, _ = clean_docs
    assert "personne · person · persoon" in index
    assert "membre de · member of · lid van" in index
    assert 'href="terms.html"' in index
    # Concept schemes are not mistaken for the ontology in pyLODE's header.
    assert "secteurs" not in index.split("<h2>", 1)[0]


def test_term_table_has_every_label_and_definition(clean_docs) -> None:
    _, _, terms = clean_docs
    graph = Graph().parse(CLEAN)
    for subject, predicate in ((URIRef("https://example.org/fixture#Person"), RDFS.label),
                               (URIRef("https://example.org/fixture/concept/sector-health"), SKOS.prefLabel),
                               (URIRef("https://example.org/fixture/concept/scheme-sector"), SKOS.prefLabel)):
        for label in graph.objects(subject, predicate):
            assert html.escape(str(label)) in terms, label
        for definition in graph.objects(subject, SKOS.definition):
            assert html.escape(str(definition)) in terms, definition
    assert 'id="concept-schemes"' in terms and "scheme-sector" in terms
    assert 'class="missing"' not in terms


def test_missing_label_shows_as_a_gap(tmp_path: Path) -> None:
    ontology = tmp_path / "gap.ttl"
    delta = (FIXTURES / "broken" / "missing-label.ttl").read_text(encoding="utf-8")
    ontology.write_text(CLEAN.read_text(encoding="utf-8") + "\n" + delta, encoding="utf-8")
    generate_docs(tmp_path / "out", ontology)
    assert 'class="missing"' in (tmp_path / "out" / "terms.html").read_text(encoding="utf-8")


def test_pylode_graph_joins_labels_and_drops_skos(clean_docs) -> None:
    copy = pylode_graph(Graph().parse(CLEAN))
    assert list(copy.objects(URIRef("https://example.org/fixture#Person"), RDFS.label)) == [
        Literal("personne · person · persoon")]
    assert (URIRef("https://example.org/fixture/concept/sector-health"), None, None) not in copy


def test_pylode_does_not_reconfigure_logging(clean_docs) -> None:
    assert logging.getLogger().level != logging.DEBUG or not logging.getLogger().handlers


def test_cli_docs_and_bad_input(runner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["ontology", "docs", "-o", str(tmp_path / "site"), "--ontology", str(CLEAN)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site" / "index.html").exists() and (tmp_path / "site" / "terms.html").exists()
    assert "pyLODE" in result.stderr
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://ex.org/> .\nex:a ex:b .\n", encoding="utf-8")
    result = runner.invoke(cli, ["ontology", "docs", "-o", str(tmp_path / "x"), "--ontology", str(bad)])
    assert result.exit_code == 2 and str(bad) in result.stderr and "line 2" in result.stderr
    a_file = tmp_path / "file.txt"
    a_file.write_text("x", encoding="utf-8")
    result = runner.invoke(cli, ["ontology", "docs", "-o", str(a_file), "--ontology", str(CLEAN)])
    assert result.exit_code == 2 and "not a folder" in result.stderr
    result = runner.invoke(cli, ["ontology", "docs", "--ontology", str(CLEAN)])
    assert result.exit_code == 2  # -o is required


def test_bundled_ontology_docs(tmp_path: Path) -> None:
    result = generate_docs(tmp_path)
    terms = (tmp_path / "terms.html").read_text(encoding="utf-8")
    assert result.concept_schemes >= 15 and result.concepts >= 100
    for needle in ("refc:scheme-practice-layer", "travail de réseau", "ref:NetworkPractice"):
        assert needle in terms
