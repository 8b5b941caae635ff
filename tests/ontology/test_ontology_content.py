"""Content of the framework's ontology (``ontology/referentiel.ttl``), the project's single source of truth.

These tests check what the other components code against: every IRI of the data contract
(docs/architecture.md) exists with the right kind, every term of the framework is labelled in fr, en
and nl and defined in fr and en, the poster's references are cited, the layers and meeting kinds carry
the values the contract gives, and HermiT finds the ontology consistent with no unsatisfiable class.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import tempfile
import warnings
from collections import defaultdict
from pathlib import Path

import pytest
import rdflib.namespace as rns
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS

from referentiel.namespaces import REF, REFC, REFSRC
from referentiel.resources import as_path, ontology_file

ROOT = Path(__file__).resolve().parents[2]
ARCHITECTURE = ROOT / "docs" / "architecture.md"
ONTOLOGY_DOC = ROOT / "docs" / "ontology.md"
LANGUAGES = ("fr", "en", "nl")
DEFINITION_LANGUAGES = ("fr", "en")
OWN = (str(REF), str(REFC))

# Counting query: the same one docs/ontology.md shows (its table is checked against it below).
COUNT_QUERY = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?kind (COUNT(DISTINCT ?term) AS ?n) WHERE {
  VALUES ?kind { owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty
                 skos:ConceptScheme skos:Concept }
  ?term a ?kind .
  FILTER(STRSTARTS(STR(?term), "https://w3id.org/referentiel/"))
}
GROUP BY ?kind
"""


# --------------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ttl_text() -> str:
    return ontology_file().read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def graph(ttl_text: str) -> Graph:
    g = Graph()
    g.parse(data=ttl_text, format="turtle")
    return g


def _own(term: object) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(OWN)


def _terms(graph: Graph) -> set[URIRef]:
    """Every declared term of the framework's own namespaces (classes, properties, schemes, concepts)."""
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
             SKOS.ConceptScheme, SKOS.Concept)
    return {s for kind in kinds for s in graph.subjects(RDF.type, kind) if _own(s)}


def _literals(graph: Graph, subject: URIRef, predicate: URIRef, lang: str) -> list[str]:
    values = graph.objects(subject, predicate)
    return [str(o) for o in values if isinstance(o, Literal) and o.language == lang]


# --------------------------------------------------------------------------------------------------
# The data contract, read from docs/architecture.md
# --------------------------------------------------------------------------------------------------


def _section(text: str, title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\s*$(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
    assert match, f"section {title!r} not found in docs/architecture.md"
    return match.group(1)


def _contract() -> dict:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    classes = set(re.findall(r"`ref:([A-Z]\w*)`", _section(text, "Classes (partner data model)")))

    object_properties: set[str] = set()
    datatype_properties: set[str] = set()
    for line in _section(text, "Properties").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or not cells[0].startswith("`ref:"):
            continue
        names = re.findall(r"`ref:([a-z]\w*)`", cells[0])
        target = datatype_properties if "xsd:" in cells[1] else object_properties
        target.update(names)

    schemes: dict[str, list[str]] = {}
    layers: dict[str, str] = {}
    inter_organisational: dict[str, bool] = {}
    meeting_layers: dict[str, str | None] = {}
    concepts_text = _section(text, "Concept schemes and concepts")
    for chunk in re.split(r"^- (?=`scheme-)", concepts_text, flags=re.M)[1:]:
        tokens = re.findall(r"`([a-z0-9]+(?:-[a-z0-9]+)+)`", chunk)
        schemes[tokens[0]] = tokens[1:]
        current_layer = None
        for line in chunk.splitlines():
            layer = re.match(r"\s*(layer-[a-z-]+|direct-support):", line)
            if layer:
                current_layer = layer.group(1)
            if current_layer:
                for concept in re.findall(r"`(intervention-type-[a-z-]+)`", line):
                    layers[concept] = current_layer
        for concept, flag, layer in re.findall(
            r"`(meeting-kind-[a-z-]+)`\s*\((true|false), (layer-[a-z-]+|no layer)", chunk
        ):
            inter_organisational[concept] = flag == "true"
            meeting_layers[concept] = None if layer == "no layer" else layer
    return {
        "classes": classes, "object_properties": object_properties,
        "datatype_properties": datatype_properties, "schemes": schemes, "layers": layers,
        "inter_organisational": inter_organisational, "meeting_layers": meeting_layers,
    }


@pytest.fixture(scope="module")
def contract() -> dict:
    return _contract()


def test_contract_is_parsed_completely(contract: dict) -> None:
    """Guards the parser: if the document's layout changes, the tests below must not pass vacuously."""
    assert len(contract["classes"]) >= 40
    assert len(contract["object_properties"]) >= 25
    assert len(contract["datatype_properties"]) >= 14
    assert len(contract["schemes"]) == 18
    assert sum(len(v) for v in contract["schemes"].values()) >= 140
    assert len(contract["layers"]) == len(contract["schemes"]["scheme-intervention-type"]) == 18
    assert len(contract["inter_organisational"]) == 7


# --------------------------------------------------------------------------------------------------
# Loading without warnings
# --------------------------------------------------------------------------------------------------


def test_loads_in_rdflib_without_warnings(ttl_text: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG - 5, logger="rdflib")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        g = Graph()
        g.parse(data=ttl_text, format="turtle")
    assert len(g) > 3000
    noisy = [r for r in caplog.records if r.name.startswith("rdflib") and r.levelno >= logging.WARNING]
    assert not noisy, [r.getMessage() for r in noisy]


def test_loads_in_pyoxigraph_without_warnings(graph: Graph) -> None:
    import pyoxigraph as ox

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with as_path(ontology_file()) as path:
            triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
            store = ox.Store()
            store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    assert len(triples) == len(graph) == len(store)


def _ntriples_file(graph: Graph) -> str:
    with tempfile.NamedTemporaryFile(suffix=".nt", delete=False) as handle:
        handle.write(graph.serialize(format="nt", encoding="utf-8"))
        return handle.name


def test_loads_in_owlready2_without_warnings(graph: Graph) -> None:
    import owlready2

    path = _ntriples_file(graph)
    out = io.StringIO()
    world = owlready2.World()
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            warnings.simplefilter("error")
            onto = world.get_ontology(Path(path).as_uri()).load(format="ntriples")
        assert out.getvalue() == ""
        assert onto.base_iri
        assert world["https://w3id.org/referentiel/ontology#Referral"] is not None
        layer = world["https://w3id.org/referentiel/concept/layer-networking"]
        assert layer is not None
        assert str(REF.PracticeLayer) in {getattr(c, "iri", None) for c in layer.is_a}
    finally:
        world.close()
        Path(path).unlink()


# --------------------------------------------------------------------------------------------------
# Header
# --------------------------------------------------------------------------------------------------


def test_header(graph: Graph) -> None:
    onto = URIRef("https://w3id.org/referentiel/ontology")
    assert (onto, RDF.type, OWL.Ontology) in graph
    assert graph.value(onto, OWL.versionIRI) == URIRef("https://w3id.org/referentiel/ontology/0.1.0")
    assert str(graph.value(onto, OWL.versionInfo)) == "0.1.0"
    for predicate in (DCTERMS.title, DCTERMS.description):
        for lang in ("fr", "en"):
            assert len(_literals(graph, onto, predicate, lang)) == 1, (predicate, lang)
    assert graph.value(onto, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert list(graph.objects(onto, DCTERMS.creator))
    assert graph.value(onto, DCTERMS.created) is not None and graph.value(onto, DCTERMS.modified) is not None
    vann = "http://purl.org/vocab/vann/"
    assert str(graph.value(onto, URIRef(vann + "preferredNamespacePrefix"))) == "ref"
    assert str(graph.value(onto, URIRef(vann + "preferredNamespaceUri"))) == str(REF)
    sources = set(graph.objects(onto, DCTERMS.source))
    references = set(graph.subjects(RDF.type, DCTERMS.BibliographicResource))
    assert sources == references and len(references) == 12


# --------------------------------------------------------------------------------------------------
# Coverage of the contract
# --------------------------------------------------------------------------------------------------


def test_every_contract_class_is_declared(graph: Graph, contract: dict) -> None:
    missing = sorted(c for c in contract["classes"] if (REF[c], RDF.type, OWL.Class) not in graph)
    assert not missing


def test_every_contract_property_is_declared_with_its_kind(graph: Graph, contract: dict) -> None:
    wrong = [p for p in contract["object_properties"] if (REF[p], RDF.type, OWL.ObjectProperty) not in graph]
    wrong += [p for p in contract["datatype_properties"]
              if (REF[p], RDF.type, OWL.DatatypeProperty) not in graph]
    assert not sorted(wrong)


def test_every_contract_concept_is_in_its_scheme(graph: Graph, contract: dict) -> None:
    problems = []
    for scheme, concepts in contract["schemes"].items():
        if (REFC[scheme], RDF.type, SKOS.ConceptScheme) not in graph:
            problems.append(scheme)
        for concept in concepts:
            if (REFC[concept], RDF.type, SKOS.Concept) not in graph:
                problems.append(concept)
            elif (REFC[concept], SKOS.inScheme, REFC[scheme]) not in graph:
                problems.append(f"{concept} not in {scheme}")
    assert not problems


def test_intervention_types_have_the_contract_layer(graph: Graph, contract: dict) -> None:
    for concept, layer in contract["layers"].items():
        assert list(graph.objects(REFC[concept], REF.practiceLayer)) == [REFC[layer]], concept


def test_meeting_kinds_have_the_contract_flags(graph: Graph, contract: dict) -> None:
    for concept, flag in contract["inter_organisational"].items():
        values = list(graph.objects(REFC[concept], REF.interOrganisational))
        assert len(values) == 1 and values[0].datatype == rns.XSD.boolean, concept
        assert values[0].toPython() is flag, concept
        layer = contract["meeting_layers"][concept]
        expected = [REFC[layer]] if layer else []
        assert list(graph.objects(REFC[concept], REF.practiceLayer)) == expected, concept
    assert len(contract["inter_organisational"]) == 7


# --------------------------------------------------------------------------------------------------
# Labels, definitions, declarations
# --------------------------------------------------------------------------------------------------


def test_every_term_has_one_pref_label_per_language(graph: Graph) -> None:
    terms = _terms(graph)
    assert len(terms) > 200
    problems = [(t, lang) for t in terms for lang in LANGUAGES
                if len(_literals(graph, t, SKOS.prefLabel, lang)) != 1]
    assert not problems


def test_classes_and_properties_have_rdfs_label_equal_to_pref_label(graph: Graph) -> None:
    """The label convention (see the file's header comment and docs/ontology.md)."""
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    problems = []
    for kind in kinds:
        for term in filter(_own, graph.subjects(RDF.type, kind)):
            for lang in LANGUAGES:
                if _literals(graph, term, RDFS.label, lang) != _literals(graph, term, SKOS.prefLabel, lang):
                    problems.append((term, lang))
    assert not problems


def test_concepts_and_schemes_use_pref_label_only(graph: Graph) -> None:
    concepts = {s for k in (SKOS.Concept, SKOS.ConceptScheme) for s in graph.subjects(RDF.type, k) if _own(s)}
    assert not [c for c in concepts if (c, RDFS.label, None) in graph]


def test_every_term_has_a_definition_in_fr_and_en(graph: Graph) -> None:
    problems = [(t, lang) for t in _terms(graph) for lang in DEFINITION_LANGUAGES
                if len(_literals(graph, t, SKOS.definition, lang)) != 1]
    assert not problems


def test_no_untyped_iri_in_own_namespaces(graph: Graph) -> None:
    used = {n for triple in graph for n in triple if _own(n)}
    untyped = sorted(n for n in used if (n, RDF.type, None) not in graph)
    assert not untyped


def test_no_punning_in_own_namespaces(graph: Graph) -> None:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, SKOS.Concept,
             SKOS.ConceptScheme)
    seen: dict[URIRef, set] = defaultdict(set)
    for kind in kinds:
        for term in filter(_own, graph.subjects(RDF.type, kind)):
            seen[term].add(kind)
    assert not {t: k for t, k in seen.items() if len(k) > 1 and k != {SKOS.Concept}}


def test_alt_labels_are_unambiguous_within_each_scheme(graph: Graph) -> None:
    """The translation layer matches partners' wordings against these labels: one wording, one concept."""
    clashes = []
    for scheme in graph.subjects(RDF.type, SKOS.ConceptScheme):
        owner: dict[tuple[str, str], URIRef] = {}
        for concept in graph.subjects(SKOS.inScheme, scheme):
            for predicate in (SKOS.prefLabel, SKOS.altLabel):
                for label in graph.objects(concept, predicate):
                    key = (label.language, str(label).casefold())
                    if owner.setdefault(key, concept) != concept:
                        clashes.append((str(scheme), str(label), str(concept), str(owner[key])))
    assert not clashes


def test_no_label_is_both_preferred_and_alternative(graph: Graph) -> None:
    clashes = [(s, o) for s, o in graph.subject_objects(SKOS.altLabel)
               if (s, SKOS.prefLabel, o) in graph]
    assert not clashes


def test_field_vocabulary_is_present(graph: Graph) -> None:
    """A sample of the field's words (domain brief, section 3) the suggestion engine must find."""
    expected = {
        "role-social-worker": ["AS", "assistant social", "assistante sociale", "travailleur social"],
        "role-medico-social-worker": ["PEP's", "TMS", "travailleur médico-social"],
        "meeting-kind-team-meeting": ["staff"],
        "meeting-kind-case-synthesis": ["synthèse"],
        "intervention-type-handover": ["transmission du suivi", "relais"],
        "intervention-type-linking-to-resource": ["mise en lien"],
        "service-type-creche": ["MCAE", "prégardiennat", "maison d'enfants"],
        "service-type-saj": ["SAJ"], "service-type-spj": ["SPJ"], "service-type-amo": ["AMO"],
        "service-type-pse": ["PSE"], "service-type-pms": ["PMS"],
        "service-type-cpas-social-service": ["CPAS"],
        "service-type-lrep": ["LREP"], "service-type-eps": ["EPS"], "service-type-saf": ["SAF"],
        "service-type-perinatal-support": ["SAP"], "service-type-child-abuse-team": ["SOS Enfants"],
    }
    missing = []
    for concept, words in expected.items():
        labels = {str(o) for p in (SKOS.prefLabel, SKOS.altLabel) for o in graph.objects(REFC[concept], p)}
        missing += [(concept, w) for w in words if w not in labels]
    assert not missing
    assert _literals(graph, REFC["intervention-type-referral"], SKOS.prefLabel, "fr") == ["orientation"]
    assert _literals(graph, REFC["intervention-type-handover"], SKOS.prefLabel, "fr") == ["passage de relais"]


# --------------------------------------------------------------------------------------------------
# SKOS structure
# --------------------------------------------------------------------------------------------------


CONCEPT_CLASS_OF_SCHEME = {
    "scheme-sector": "Sector", "scheme-service-type": "ServiceType", "scheme-role": "ProfessionalRole",
    "scheme-intervention-type": "InterventionType", "scheme-meeting-kind": "MeetingKind",
    "scheme-practice-layer": "PracticeLayer", "scheme-need": "Need", "scheme-competence": "Competence",
    "scheme-resource": "Resource", "scheme-age-band": "AgeBand", "scheme-link-kind": "LinkKind",
    "scheme-actor-kind": "ActorKind", "scheme-trust-status": "TrustStatus",
    "scheme-characteristic": "NetworkCharacteristic", "scheme-risk": "NetworkRisk",
    "scheme-municipality": "Municipality", "scheme-situation-role": "SituationRole",
    "scheme-help-basis": "HelpBasis",
}


def test_concepts_are_typed_with_their_scheme_concept_class(graph: Graph) -> None:
    problems = []
    for scheme, cls in CONCEPT_CLASS_OF_SCHEME.items():
        assert (REF[cls], RDFS.subClassOf, SKOS.Concept) in graph
        for concept in graph.subjects(SKOS.inScheme, REFC[scheme]):
            own_types = {t for t in graph.objects(concept, RDF.type) if _own(t)}
            if own_types != {REF[cls]} or (concept, RDF.type, SKOS.Concept) not in graph:
                problems.append(concept)
    assert not problems
    every_concept = set(graph.subjects(RDF.type, SKOS.Concept))
    own_concepts = {c for c in every_concept if _own(c)}
    assert all(len(list(graph.objects(c, SKOS.inScheme))) == 1 for c in own_concepts)


def test_top_concepts_are_consistent(graph: Graph) -> None:
    for scheme in filter(_own, graph.subjects(RDF.type, SKOS.ConceptScheme)):
        tops = set(graph.objects(scheme, SKOS.hasTopConcept))
        assert tops == set(graph.subjects(SKOS.topConceptOf, scheme)), scheme
        for concept in graph.subjects(SKOS.inScheme, scheme):
            broader = list(graph.objects(concept, SKOS.broader))
            # A concept is either a top concept or has a broader concept in the same scheme.
            assert (concept in tops) != bool(broader), concept
            assert all((b, SKOS.inScheme, scheme) in graph for b in broader), concept


def test_each_intervention_type_has_exactly_one_layer(graph: Graph) -> None:
    layers = set(graph.subjects(SKOS.inScheme, REFC["scheme-practice-layer"]))
    assert len(layers) == 4 and REFC["direct-support"] in layers
    types = list(graph.subjects(SKOS.inScheme, REFC["scheme-intervention-type"]))
    assert len(types) >= 18
    for concept in types:
        values = list(graph.objects(concept, REF.practiceLayer))
        assert len(values) == 1 and values[0] in layers, concept


def test_layer_concepts_point_to_their_class(graph: Graph) -> None:
    assert (REF.layerClass, RDF.type, OWL.AnnotationProperty) in graph
    expected = {"layer-network-work": "NetworkWorkWithBeneficiary",
                "layer-networking": "InterProfessionalNetworking",
                "layer-coordination": "CoordinationAndReflexivity"}
    for concept, cls in expected.items():
        assert list(graph.objects(REFC[concept], REF.layerClass)) == [REF[cls]]
        assert (REF[cls], RDFS.subClassOf, REF.NetworkPractice) in graph
    # Direct support is outside the three layers: not a network practice.
    assert list(graph.objects(REFC["direct-support"], REF.layerClass)) == [REF.DirectSupport]
    assert (REF.DirectSupport, RDFS.subClassOf, REF.Practice) in graph
    assert (REF.DirectSupport, RDFS.subClassOf, REF.NetworkPractice) not in graph


# --------------------------------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------------------------------


def test_references_are_bibliographic_resources_cited_by_terms(graph: Graph) -> None:
    references = {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(str(REFSRC))}
    assert len(references) == 12
    cited_by_terms = {o for s, o in graph.subject_objects(DCTERMS.source) if _own(s)}
    for reference in references:
        assert (reference, RDF.type, DCTERMS.BibliographicResource) in graph, reference
        assert graph.value(reference, RDFS.label) is not None, reference
        assert reference in cited_by_terms, f"{reference} is never cited by a term"
    # Every reference but the poster has its authors and year.
    for reference in references - {REFSRC["poster-network-work"]}:
        assert list(graph.objects(reference, DCTERMS.creator)), reference
        assert graph.value(reference, DCTERMS.date).datatype == rns.XSD.gYear, reference
    # Every dcterms:source of a term points to one of them.
    assert {o for s, o in graph.subject_objects(DCTERMS.source) if _own(s)} <= references


def test_framework_notions_cite_their_source(graph: Graph) -> None:
    notions = set()
    for scheme in ("scheme-practice-layer", "scheme-characteristic", "scheme-risk"):
        notions |= set(graph.subjects(SKOS.inScheme, REFC[scheme]))
    notions |= {s for s in graph.transitive_subjects(RDFS.subClassOf, REF.NetworkPractice) if _own(s)}
    notions |= {s for s in graph.transitive_subjects(RDFS.subClassOf, REF.Network) if _own(s)}
    assert len(notions) >= 27

    def field_practice(n: URIRef) -> bool:
        return any("field practice" in str(note).lower() for note in graph.objects(n, SKOS.editorialNote))

    # Cited from the poster's literature, or said to be built from field practice (never both missing).
    assert not sorted(n for n in notions if (n, DCTERMS.source, None) not in graph and not field_practice(n))


def test_poster_is_cited_only_where_it_says_so(graph: Graph) -> None:
    """Issue 12: characteristics 4-8 cite Bartholomé 2007 as the poster does; notions the poster does not
    name (referrals, handovers, internal meetings) do not cite it; the poster has no invented title."""
    poster, bartholome = REFSRC["poster-network-work"], REFSRC["bartholome-2007"]
    for slug in ("plurality", "horizontality", "adaptability", "common-base", "situation-centred"):
        assert (REFC[f"characteristic-{slug}"], DCTERMS.source, bartholome) in graph, slug
    assert (REFC["characteristic-plurality"], DCTERMS.source, REFSRC["couturier-chouinard-2003"]) not in graph
    not_in_poster = (REF.Referral, REFC["intervention-type-referral"], REFC["intervention-type-handover"],
                     REFC["meeting-kind-team-meeting"], REFC["meeting-kind-case-synthesis"],
                     REFC["scheme-sector"])
    for term in not_in_poster:
        assert (term, DCTERMS.source, poster) not in graph, term
    assert "«" not in str(graph.value(poster, RDFS.label))


# --------------------------------------------------------------------------------------------------
# OWL axioms and reasoning
# --------------------------------------------------------------------------------------------------


def test_every_property_has_domain_and_range(graph: Graph) -> None:
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in filter(_own, graph.subjects(RDF.type, kind)):
            assert (prop, RDFS.domain, None) in graph, prop
            assert (prop, RDFS.range, None) in graph, prop


def test_external_terms_used_in_axioms_are_declared(graph: Graph) -> None:
    builtin = (str(RDF), str(RDFS), str(OWL), str(rns.XSD))
    axiom_predicates = (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.disjointWith,
                        OWL.someValuesFrom, OWL.onProperty, OWL.inverseOf)
    used = {o for p in axiom_predicates for o in graph.objects(None, p) if isinstance(o, URIRef)}
    used |= {p for p in graph.predicates() if isinstance(p, URIRef)}
    external = (u for u in used if not str(u).startswith(builtin))
    undeclared = sorted(u for u in external if (u, RDF.type, None) not in graph)
    assert not undeclared


def test_owl_api_finds_the_ontology_in_the_owl2_dl_profile() -> None:
    """The OWL API (bundled in owlready2's HermiT.jar) checks the OWL 2 DL profile: no untyped term,
    no illegal punning, no reserved vocabulary misused. Runs Java's source launcher (JDK 11+)."""
    import shutil
    import subprocess

    from owlready2 import reasoning

    java = shutil.which("java")
    assert java, "Java is needed (it is already needed by HermiT)"
    jar = reasoning._HERMIT_CLASSPATH.split(os.pathsep)[-1]
    source = Path(__file__).parent / "fixtures" / "OwlDlProfile.java"
    with as_path(ontology_file()) as path:
        done = subprocess.run([java, "-cp", jar, str(source), str(path)], capture_output=True, text=True,
                              timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.strip().splitlines()
    assert not [line for line in lines if line.startswith("violation:")]
    assert lines[-1].startswith("in OWL 2 DL profile: true"), lines[-1]


ABOX = """
@prefix ref: <https://w3id.org/referentiel/ontology#> .
@prefix refc: <https://w3id.org/referentiel/concept/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix t: <https://w3id.org/referentiel/data/t/> .
t:o1 a ref:Organisation .
t:p1 a ref:Professional , ref:Parent ; ref:memberOf t:o1 .
<https://w3id.org/referentiel/data/family/f1> a ref:Family ; ref:hasMember t:p1 .
t:s1 a ref:Situation ; ref:beneficiary <https://w3id.org/referentiel/data/family/f1> ; ref:heldBy t:o1 .
t:i1 a ref:Intervention ; ref:interventionType refc:intervention-type-referral ;
    ref:date "2024-03-01"^^xsd:date ; ref:concernsSituation t:s1 .
t:i2 a ref:Intervention ; ref:interventionType refc:intervention-type-home-visit .
t:m1 a ref:CoordinationMeeting ; ref:meetingKind refc:meeting-kind-intervision .
t:m2 a ref:CoordinationMeeting ; ref:meetingKind refc:meeting-kind-concertation ;
    ref:familyParticipant <https://w3id.org/referentiel/data/family/f1> ; ref:participant t:p1 .
t:m3 a ref:CoordinationMeeting ; ref:meetingKind refc:meeting-kind-team-meeting .
t:y1 a ref:Child .
t:s2 a ref:Situation ; ref:beneficiary t:y1 ; ref:heldBy t:o1 .
"""


def _hermit(graph: Graph, extra: str = "") -> tuple[bool, list[str], dict[str, set[str]]]:
    """Consistency, unsatisfiable classes and the inferred types of the refd: individuals.

    HermiT only knows the datatypes of the OWL 2 datatype map, which lacks xsd:date and xsd:gYear; the
    ontology keeps them as ranges (partners' data are dates and years, and SHACL checks them), so
    HermiT runs with --ignoreUnsupportedDatatypes, as Protégé does. Nothing in the ontology reasons
    on date values.
    """
    import owlready2

    full = Graph()
    for triple in graph:
        full.add(triple)
    if extra:
        full.parse(data=extra, format="turtle")
    path = _ntriples_file(full)
    world = owlready2.World()
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            world.get_ontology(Path(path).as_uri()).load(format="ntriples")
            try:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0,
                                               ignore_unsupported_datatypes=True)
            except owlready2.OwlReadyInconsistentOntologyError:
                return False, [], {}
        unsat = sorted(c.iri for c in world.inconsistent_classes() if c.iri != str(OWL.Nothing))
        types = {}
        for individual in world.search(iri="https://w3id.org/referentiel/data/*"):
            types[individual.iri] = {c.iri for c in individual.INDIRECT_is_a if hasattr(c, "iri")}
        return True, unsat, types
    finally:
        world.close()
        Path(path).unlink()


def test_hermit_consistent_no_unsatisfiable_class_and_layer_inference(graph: Graph) -> None:
    """One HermiT run: the ontology (with a small data sample) is consistent, no class is unsatisfiable,
    a parent may be a professional, and an intervention is classified under its type's layer."""
    consistent, unsat, types = _hermit(graph, ABOX)
    assert consistent
    assert unsat == []
    referral = types["https://w3id.org/referentiel/data/t/i1"]
    assert str(REF.Referral) in referral and str(REF.InterProfessionalNetworking) in referral
    visit = types["https://w3id.org/referentiel/data/t/i2"]
    assert str(REF.DirectSupport) in visit and str(REF.NetworkPractice) not in visit
    meeting = types["https://w3id.org/referentiel/data/t/m1"]
    assert str(REF.ReflexivePractice) in meeting and str(REF.CoordinationAndReflexivity) in meeting
    concertation = types["https://w3id.org/referentiel/data/t/m2"]
    assert str(REF.InterProfessionalNetworking) in concertation
    assert str(REF.CoordinationAndReflexivity) not in concertation
    team = types["https://w3id.org/referentiel/data/t/m3"]
    assert str(REF.NetworkPractice) not in team and str(REF.Practice) in team
    # A parent who is a professional is not a beneficiary by being a parent; a young person alone is the
    # beneficiary of their own situation.
    assert str(REF.Professional) in types["https://w3id.org/referentiel/data/t/p1"]
    assert str(REF.Beneficiary) not in types["https://w3id.org/referentiel/data/t/p1"]
    assert str(REF.Beneficiary) in types["https://w3id.org/referentiel/data/t/y1"]


def test_hermit_rejects_a_person_who_is_an_organisation(graph: Graph) -> None:
    bad = """
    @prefix ref: <https://w3id.org/referentiel/ontology#> .
    @prefix t: <https://w3id.org/referentiel/data/t/> .
    t:x a ref:Professional .
    t:y ref:heldBy t:x .
    """
    consistent, _, _ = _hermit(graph, bad)
    assert not consistent


# --------------------------------------------------------------------------------------------------
# Counts (documented in docs/ontology.md)
# --------------------------------------------------------------------------------------------------


KIND_NAMES = {OWL.Class: "owl:Class", OWL.ObjectProperty: "owl:ObjectProperty",
              OWL.DatatypeProperty: "owl:DatatypeProperty", OWL.AnnotationProperty: "owl:AnnotationProperty",
              SKOS.ConceptScheme: "skos:ConceptScheme", SKOS.Concept: "skos:Concept"}


def term_counts(graph: Graph, query: str = COUNT_QUERY) -> dict[str, int]:
    """Number of the framework's terms per kind (prefixed name of the kind -> count)."""
    return {KIND_NAMES[row.kind]: int(row.n) for row in graph.query(query)}


def test_documented_counts_match_the_ontology(graph: Graph) -> None:
    """docs/ontology.md: its SPARQL query runs, gives its table, and agrees with a plain count."""
    text = ONTOLOGY_DOC.read_text(encoding="utf-8")
    query = re.findall(r"```sparql\n(.*?)```", text, flags=re.S)[0]
    counts = term_counts(graph, query)
    documented = {kind: int(n) for kind, n in re.findall(r"^\|\s*`([a-z]+:[A-Za-z]+)`\s*\|\s*(\d+)\s*\|",
                                                         text, flags=re.M)}
    assert documented == counts
    plain = {name: len({s for s in graph.subjects(RDF.type, kind) if str(s).startswith("https://w3id.org/referentiel/")})
             for kind, name in KIND_NAMES.items()}
    assert plain == counts
    assert counts["skos:Concept"] >= 140


def test_documented_layer_query_runs(graph: Graph) -> None:
    """docs/ontology.md's example: the layer of every intervention type, through the concept path."""
    text = ONTOLOGY_DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```sparql\n(.*?)```", text, flags=re.S)
    query = next(b for b in blocks if "scheme-intervention-type" in b)
    rows = list(graph.query(query))
    assert len(rows) == 18
    by_type = {str(row.typeLabel): (str(row.layerLabel), row.layerClass) for row in rows}
    assert by_type["orientation"] == ("travail en réseau", REF.InterProfessionalNetworking)
    assert by_type["visite à domicile"] == ("accompagnement direct (hors couches)", REF.DirectSupport)
    assert by_type["mise en lien avec une ressource"] == ("travail de réseau", REF.NetworkWorkWithBeneficiary)
    assert by_type["intervision"] == ("coordination et réflexivité", REF.CoordinationAndReflexivity)



def test_documented_python_example_runs() -> None:
    text = ONTOLOGY_DOC.read_text(encoding="utf-8")
    code = re.findall(r"```python\n(.*?)```", text, flags=re.S)[0]
    namespace: dict = {}
    exec(compile(code, "docs/ontology.md", "exec"), namespace)  # noqa: S102 - the project's own doc
    assert len(namespace["graph"]) > 3000
