"""check_ontology: every check fires on its broken fixture and nothing fires on the clean one.

Each broken fixture in ``fixtures/broken/<name>.ttl`` is a few triples added to ``fixtures/clean.ttl``
(one broken thing each); header problems are made by removing triples from the clean ontology. The
expected set of checks that fire is exact, so a check that starts firing where it should not is caught.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF

import referentiel
from referentiel.errors import InputError
from referentiel.ontology import check_ontology
from referentiel.ontology.catalogue import (
    PYTHON_CHECKS,
    SEVERITIES,
    CatalogueError,
    all_checks,
    check_from_text,
    parse_header,
    sparql_checks,
)
from referentiel.ontology.load import load_ontology, own_namespaces

FIXTURES = Path(__file__).parent / "fixtures"
CLEAN = FIXTURES / "clean.ttl"
ONT = URIRef("https://example.org/fixture")


def with_clean(tmp_path: Path, name: str) -> Path:
    """The clean ontology plus ``broken/<name>.ttl``."""
    target = tmp_path / f"{name}.ttl"
    target.write_text(CLEAN.read_text(encoding="utf-8") + "\n"
                      + (FIXTURES / "broken" / f"{name}.ttl").read_text(encoding="utf-8"), encoding="utf-8")
    return target


def without(tmp_path: Path, name: str, *patterns: tuple) -> Path:
    """The clean ontology minus the triples matching ``patterns``."""
    graph = Graph().parse(CLEAN)
    for pattern in patterns:
        graph.remove(pattern)
    target = tmp_path / f"{name}.ttl"
    graph.serialize(target, format="turtle")
    return target


def added(name: str, *also: str, reasoner: bool = False) -> tuple:
    """Case: ``broken/<name>.ttl`` added to the clean ontology fires ``name`` (plus ``also``)."""
    return (lambda t: with_clean(t, name)), {name, *also}, reasoner


VANN_NS = URIRef("http://purl.org/vocab/vann/preferredNamespaceUri")

# check id -> (how to build the broken ontology, the exact set of checks expected to fire, run HermiT?)
CASES: dict[str, tuple] = {
    **{name: added(name) for name in (
        "missing-label", "missing-definition", "duplicate-label", "multiple-labels", "annotation-whitespace",
        "label-without-language", "missing-domain", "missing-range", "undeclared-term",
        "undeclared-external-term", "property-usage-mismatch", "range-kind-mismatch", "non-owl-property",
        "deprecated-term-referenced", "concept-not-in-scheme", "pref-alt-label-clash", "naming-convention",
        "scheme-without-top-concept", "non-owl2-datatype", "ill-typed-literal",
    )},
    "illegal-punning": added("illegal-punning", reasoner=True),
    # Making owl:Thing a subclass of ex:Person also makes the disjoint ex:Organisation unsatisfiable.
    "reserved-vocabulary": added("reserved-vocabulary", "unsatisfiable-class", reasoner=True),
    "unsatisfiable-class": added("unsatisfiable-class", reasoner=True),
    "inconsistent-ontology": added("inconsistent-ontology", reasoner=True),
    # HermiT stops on a malformed date-time; the literal check names the value.
    "reasoner-error": added("reasoner-error", "ill-typed-literal", reasoner=True),
    "definition-without-source": (lambda t: FIXTURES / "definition-without-source.ttl",
                                  {"definition-without-source"}, False),
    "missing-license": (lambda t: without(t, "missing-license", (ONT, DCTERMS.license, None)),
                        {"missing-license"}, False),
    "missing-version": (lambda t: without(t, "missing-version", (ONT, OWL.versionIRI, None),
                                          (ONT, OWL.versionInfo, None)), {"missing-version"}, False),
    "missing-ontology-metadata": (lambda t: without(t, "no-creator", (ONT, DCTERMS.creator, None)),
                                  {"missing-ontology-metadata"}, False),
    "missing-ontology-declaration": (lambda t: without(t, "no-ontology", (ONT, RDF.type, OWL.Ontology)),
                                     {"missing-ontology-declaration"}, False),
}


@pytest.fixture(scope="module")
def clean_report():
    return check_ontology(CLEAN)


@pytest.fixture(scope="module")
def reasoned(tmp_path_factory):
    """HermiT runs take a second or two: each broken fixture is reasoned over once per module."""
    cache: dict[str, object] = {}

    def get(check_id: str):
        if check_id not in cache:
            build, _, _ = CASES[check_id]
            cache[check_id] = check_ontology(build(tmp_path_factory.mktemp(check_id)))
        return cache[check_id]

    return get


def test_every_check_of_the_catalogue_has_a_broken_fixture() -> None:
    assert {check.id for check in all_checks()} == set(CASES)


@pytest.mark.parametrize("check_id", sorted(CASES))
def test_check_fires_on_its_broken_fixture_and_only_it(check_id: str, tmp_path: Path, reasoned) -> None:
    build, expected, reasoner = CASES[check_id]
    report = reasoned(check_id) if reasoner else check_ontology(build(tmp_path), reasoner=False)
    fired = {finding.check for finding in report.findings}
    assert fired == expected, report.to_text()
    severity = {c.id: c.severity for c in all_checks()}
    assert report.exit_code == (1 if any(severity[c] == "ERROR" for c in expected) else 0)
    assert all(f.severity == severity[check_id] for f in report.findings_of(check_id))


def test_clean_fixture_passes_every_check_with_hermit(clean_report) -> None:
    assert clean_report.findings == [], clean_report.to_text()
    assert clean_report.exit_code == 0 and clean_report.ok
    assert clean_report.reasoner.status == "ran"
    assert clean_report.reasoner.consistent is True
    assert clean_report.reasoner.seconds > 0
    assert clean_report.reasoner.version and clean_report.reasoner.version.startswith("1.3")
    assert len(clean_report.checks) == len(all_checks())
    assert clean_report.version_info == "1.0.0"


def test_report_text_names_the_reasoner_and_its_time(clean_report) -> None:
    text = clean_report.to_text()
    assert f"HermiT {clean_report.reasoner.version} ran in" in text
    assert "consistent" in text
    assert "0 ERROR, 0 WARN, 0 INFO" in text


def test_findings_carry_term_label_language_and_value(tmp_path: Path) -> None:
    report = check_ontology(with_clean(tmp_path, "missing-label"), reasoner=False)
    [finding] = report.findings
    assert finding.term == "https://example.org/fixture#Family"
    assert (finding.label, finding.label_lang, finding.lang) == ("famille", "fr", "nl")
    report = check_ontology(with_clean(tmp_path, "annotation-whitespace"), reasoner=False)
    [finding] = report.findings
    assert finding.value == " famille" and finding.lang == "fr"
    assert finding.property == "http://www.w3.org/2000/01/rdf-schema#label"


def test_duplicate_labels_name_both_terms(tmp_path: Path) -> None:
    report = check_ontology(with_clean(tmp_path, "duplicate-label"), reasoner=False)
    pairs = {(f.term.rsplit("#", 1)[1], f.other.rsplit("#", 1)[1]) for f in report.findings}
    assert pairs == {("Human", "Person"), ("Person", "Human")}


def test_concepts_of_different_schemes_may_share_a_label(tmp_path: Path) -> None:
    extra = tmp_path / "two-schemes.ttl"
    extra.write_text(CLEAN.read_text(encoding="utf-8") + """
exc:scheme-need a owl:NamedIndividual , skos:ConceptScheme ;
    skos:prefLabel "besoins"@fr , "needs"@en , "behoeften"@nl ;
    skos:definition "Les besoins."@fr , "Needs."@en .
exc:need-health a owl:NamedIndividual , skos:Concept ;
    skos:inScheme exc:scheme-need ; skos:topConceptOf exc:scheme-need ;
    skos:prefLabel "santé"@fr , "health"@en , "gezondheid"@nl ;
    skos:definition "Un besoin de santé."@fr , "A health need."@en .
""", encoding="utf-8")
    assert check_ontology(extra, reasoner=False).findings == []
    same_scheme = tmp_path / "same-scheme.ttl"
    same_scheme.write_text(extra.read_text(encoding="utf-8").replace(
        "skos:inScheme exc:scheme-need ; skos:topConceptOf exc:scheme-need",
        "skos:inScheme exc:scheme-sector ; skos:topConceptOf exc:scheme-sector"), encoding="utf-8")
    fired = {f.check for f in check_ontology(same_scheme, reasoner=False).findings}
    assert "duplicate-label" in fired


def test_unsatisfiable_class_is_named(reasoned) -> None:
    report = reasoned("unsatisfiable-class")
    assert report.reasoner.unsatisfiable == ["https://example.org/fixture#Chimera"]
    [finding] = report.findings
    assert finding.label == "chimère" and finding.severity == "ERROR"


def test_inconsistent_ontology_is_an_error(reasoned) -> None:
    report = reasoned("inconsistent-ontology")
    assert report.reasoner.status == "ran" and report.reasoner.consistent is False
    assert "INCONSISTENT" in report.to_text()
    assert report.exit_code == 1


def test_reasoner_error_keeps_hermits_explanation(reasoned) -> None:
    report = reasoned("reasoner-error")
    assert report.reasoner.status == "failed"
    assert "MalformedLiteralException" in report.reasoner.message and "notadate" in report.reasoner.message
    assert "\tat " not in report.reasoner.message  # no Java stack trace


def test_illegal_punning_object_and_datatype_property(tmp_path: Path) -> None:
    report = check_ontology(with_clean(tmp_path, "illegal-punning-object-datatype"), reasoner=False)
    punned = report.findings_of("illegal-punning")
    assert [f.term for f in punned] == ["https://example.org/fixture#sector"]
    assert "owl:ObjectProperty and owl:DatatypeProperty" in punned[0].value
    kinds = {f.value for f in check_ontology(with_clean(tmp_path, "illegal-punning"),
                                             reasoner=False).findings}
    assert kinds == {"declared both owl:Class and rdfs:Datatype",
                     "declared both owl:DatatypeProperty and owl:AnnotationProperty"}


def test_no_reasoner_is_said_in_the_report(tmp_path: Path) -> None:
    report = check_ontology(CLEAN, reasoner=False)
    assert report.reasoner.status == "skipped"
    assert "NOT run (--no-reasoner)" in report.to_text()
    assert {c.id for c in report.checks if c.kind == "python"} == {"ill-typed-literal"}
    assert report.exit_code == 0


def test_missing_java_is_reported_not_passed(monkeypatch) -> None:
    import owlready2

    monkeypatch.setattr(owlready2, "JAVA_EXE", "/nonexistent/bin/java")
    report = check_ontology(CLEAN)
    assert report.reasoner.status == "unavailable"
    assert "Java was not found" in report.reasoner.message
    assert report.exit_code == 2 and not report.ok
    assert "NOT CHECKED" in report.to_text()
    assert "inconsistent-ontology" not in {c.id for c in report.checks}  # it did not run


def test_python_api_is_reexported_lazily() -> None:
    assert referentiel.check_ontology is check_ontology


@pytest.mark.parametrize("content, expected", [
    (b"", "empty"),
    (b"\x00\x01\x02binary", "binary"),
    (b"@prefix ex: <http://ex.org/> .\nex:a ex:b ex:c .\nex:d ex:e \"open .\n", "line 3"),
    (b"# only a comment\n@prefix ex: <http://ex.org/> .\n", "no RDF triples"),
])
def test_unreadable_input_raises_input_error(tmp_path: Path, content: bytes, expected: str) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_bytes(content)
    with pytest.raises(InputError) as info:
        check_ontology(bad)
    assert expected in str(info.value)
    assert info.value.exit_code == 2 and str(bad) in str(info.value)


def test_own_namespaces_from_vann_ontology_iri_or_declarations(tmp_path: Path) -> None:
    assert own_namespaces(load_ontology(CLEAN)) == ["https://example.org/fixture#",
                                                    "https://example.org/fixture/concept/"]
    no_vann = without(tmp_path, "no-vann", (None, VANN_NS, None))
    assert own_namespaces(load_ontology(no_vann)) == ["https://example.org/fixture#",
                                                      "https://example.org/fixture/"]
    framework = own_namespaces(load_ontology(FIXTURES / "definition-without-source.ttl"))
    assert framework == ["https://w3id.org/referentiel/ontology#", "https://w3id.org/referentiel/concept/"]
    no_header = without(tmp_path, "no-header", (ONT, None, None), (None, VANN_NS, None))
    assert own_namespaces(load_ontology(no_header)) == ["https://example.org/fixture#",
                                                        "https://example.org/fixture/concept/"]


def test_namespaces_option_overrides_the_scope(tmp_path: Path) -> None:
    broken = with_clean(tmp_path, "missing-label")
    assert check_ontology(broken, reasoner=False, namespaces=["https://elsewhere.org/"]).findings == []


# --- the catalogue itself -------------------------------------------------------------------------


def test_catalogue_headers_are_complete() -> None:
    checks = sparql_checks()
    assert len(checks) >= 20
    assert len({c.id for c in all_checks()}) == len(all_checks())
    for check in all_checks():
        assert check.severity in SEVERITIES
        assert check.title and check.description and check.hint
    for check in checks:
        assert check.query and "SELECT" in check.query
        assert check.source == f"checks/{check.id}.rq"
    assert all(check.kind == "python" for check in PYTHON_CHECKS)


def test_header_parser_joins_continuations_and_rejects_gaps() -> None:
    text = ("# id: demo\n# title: Demo\n# title@fr: Démo\n# title@nl: Demo\n# severity: WARN\n# scope: own\n"
            "# description: first\n#   second line\n# fix: do it\n# fix@fr: faites-le\n# fix@nl: doe het\n"
            "SELECT ?entity WHERE { ?entity ?p ?o }\n")
    assert parse_header(text)["description"] == "first second line"
    check = check_from_text(text, "demo.rq")
    assert check.severity == "WARN"
    assert (check.title_in("fr"), check.hint_in("nl"), check.hint_in("en")) == ("Démo", "doe het", "do it")
    with pytest.raises(CatalogueError, match="fix"):
        parse_header(text.replace("# fix: do it\n", ""))
    with pytest.raises(CatalogueError, match="title@nl"):  # every check speaks French and Dutch
        parse_header(text.replace("# title@nl: Demo\n", ""))
    with pytest.raises(CatalogueError, match="severity"):
        parse_header(text.replace("WARN", "FATAL"))
    with pytest.raises(CatalogueError, match="file name"):
        check_from_text(text, "other.rq")


# --- the bundled ontology -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled_report():
    return check_ontology()


def test_bundled_ontology_has_no_error_with_hermit(bundled_report) -> None:
    assert bundled_report.reasoner.status == "ran", bundled_report.reasoner.message
    assert bundled_report.reasoner.consistent is True and bundled_report.reasoner.unsatisfiable == []
    assert bundled_report.counts()["ERROR"] == 0, bundled_report.to_text()
    assert bundled_report.exit_code == 0
    assert bundled_report.ontology_iri == "https://w3id.org/referentiel/ontology"
    assert bundled_report.own_namespaces == ["https://w3id.org/referentiel/ontology#",
                                             "https://w3id.org/referentiel/concept/"]


def test_owlready2_failure_after_hermit_is_a_failed_run_not_a_pass(monkeypatch) -> None:
    import owlready2

    def broken_sync(*args, **kwargs):
        raise AttributeError("'influenced' object has no attribute 'equivalent_to'")

    monkeypatch.setattr(owlready2, "sync_reasoner", broken_sync)
    report = check_ontology(CLEAN)
    assert report.reasoner.status == "failed"
    assert "owlready2 could not apply HermiT's results (AttributeError" in report.reasoner.message
    assert [f.check for f in report.findings] == ["reasoner-error"] and report.exit_code == 1
