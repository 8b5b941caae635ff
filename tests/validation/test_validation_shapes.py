"""The bundled shapes: valid SHACL (W3C shsh), one file per entity, messages in fr/en/nl, and the
wrapper reports exactly what plain pySHACL reports with them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef

from referentiel import resources
from referentiel.namespaces import REF, REFSH, SH
from referentiel.validation import validate
from referentiel.validation.api import _bundled_ontology, _bundled_shapes
from referentiel.validation.report import Severity, path_text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "rdf"
ENTITY_FILES = {"organisation.ttl", "professional.ttl", "situation.ttl", "intervention.ttl", "referral.ttl",
                "meeting.ttl", "network-link.ttl", "privacy.ttl", "concepts.ttl", "provenance.ttl"}


def test_one_file_per_entity():
    assert {f.name for f in resources.shapes_files()} == ENTITY_FILES


def test_shapes_are_valid_against_shacl_for_shacl():
    import pyshacl
    from pyshacl.validator import Validator

    shsh_path = Path(pyshacl.__file__).parent / "assets" / "shacl-shacl.ttl"
    shsh = Graph().parse(shsh_path)
    shapes, _ = _bundled_shapes()
    conforms, report, text = pyshacl.validate(shapes, shacl_graph=shsh, inference="none")
    assert conforms, text
    assert Validator is not None


def test_shapes_target_only_contract_terms():
    ontology = Graph()
    with resources.as_path(resources.ontology_file()) as path:
        ontology.parse(path)
    shapes, _ = _bundled_shapes()
    used = set(shapes.objects(None, SH.targetClass)) | set(shapes.objects(None, SH["class"]))
    used |= {p for p in shapes.objects(None, SH.path)
             if isinstance(p, URIRef) and str(p).startswith(str(REF))}
    missing = {t for t in used if str(t).startswith(str(REF)) and (t, None, None) not in ontology}
    # ref:note, ref:address... are forbidden properties: they need not exist in the ontology
    allowed_missing = {REF.note, REF.birthDate, REF.address, REF.street, REF.postalCode}
    assert missing <= allowed_missing, missing


def test_every_rule_speaks_three_languages():
    shapes, _ = _bundled_shapes()
    owners = set(shapes.subjects(SH.message, None))
    assert len(owners) > 40
    for owner in owners:
        langs = {m.language for m in shapes.objects(owner, SH.message) if isinstance(m, Literal)}
        assert langs == {"fr", "en", "nl"}, owner
    for owner in set(shapes.subjects(REF.fixHint, None)):
        langs = {m.language for m in shapes.objects(owner, REF.fixHint) if isinstance(m, Literal)}
        assert langs == {"fr", "en", "nl"}, owner
    # every severity used means what the docs say
    assert set(shapes.objects(None, SH.severity)) <= {SH.Warning, SH.Info}


def test_shapes_graph_is_not_modified_by_validation():
    shapes, _ = _bundled_shapes()
    before = len(shapes)
    validate(EXAMPLES / "invalid-privacy.ttl")
    assert len(shapes) == before


def _key(graph: Graph, node) -> tuple:
    def norm(term):
        return "_:" if isinstance(term, BNode) else term

    return (norm(graph.value(node, SH.focusNode)), path_text(graph, graph.value(node, SH.resultPath)),
            norm(graph.value(node, SH.value)), graph.value(node, SH.sourceConstraintComponent),
            norm(graph.value(node, SH.sourceShape)), Severity.from_iri(graph.value(node, SH.resultSeverity)))


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.ttl")))
def test_wrapper_and_plain_pyshacl_report_the_same_results(name: str) -> None:
    import pyshacl

    from referentiel.validation import privacy_scan

    shapes, _ = _bundled_shapes()
    data = Graph().parse(EXAMPLES / name)
    data += _bundled_ontology()
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True)
    # the wrapper's privacy scan settles the privacy results: the recognisers confirm the SPARQL
    # patterns' (a national number "85.07.30-033.28" is no phone) and add what they miss
    conforms = privacy_scan.settle(data, shapes, report, bool(conforms))
    plain = Counter(_key(report, r) for r in report.objects(None, SH.result))
    ours = validate(EXAMPLES / name, engine="pyshacl")
    mine = Counter(
        ("_:" if isinstance(r.focus_node, BNode) else r.focus_node, r.path,
         "_:" if isinstance(r.value, BNode) else r.value, r.component,
         "_:" if isinstance(r.source_shape, BNode) else r.source_shape, r.severity)
        for r in ours.results
    )
    assert ours.conforms is bool(conforms)
    assert mine == plain
    turbo = validate(EXAMPLES / name, engine="pyshacl-turbo")
    assert Counter(r.key() for r in turbo.results) == Counter(r.key() for r in ours.results)
    assert turbo.conforms is ours.conforms
    default = validate(EXAMPLES / name)
    assert default.engine == "sparql"  # the default engine for the bundled shapes
    assert Counter(r.key() for r in default.results) == Counter(r.key() for r in ours.results)
    assert REFSH  # the shapes namespace is the contract's
