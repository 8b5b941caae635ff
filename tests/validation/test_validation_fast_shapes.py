"""The fast formulations of the privacy shapes give exactly the results of their plain formulations.

For speed (docs/performance.md, "Validation"), three privacy shapes select their focus nodes with a
SPARQL target (instances of the listed classes that carry a forbidden property) instead of
``sh:targetClass``, and the literal scan's target tests the predicate before the literal. This test
rebuilds the plain formulation (``sh:targetClass``, the original target query) and checks that both
give the same result set on every bundled example plus data that break every privacy rule.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from test_validation_privacy import _PREFIXES as PREFIXES  # tests/validation is on sys.path (rootdir)
from test_validation_privacy import CASES, EXAMPLES

from referentiel.namespaces import REF, REFSH
from referentiel.validation import validate
from referentiel.validation.api import _bundled_shapes

FOAF_PERSON = URIRef("http://xmlns.com/foaf/0.1/Person")
PERSONS = [REF.Person, REF.Beneficiary, REF.Family, REF.Parent, REF.Child, REF.Relative, REF.Professional,
           FOAF_PERSON]
ACTIVITIES = [REF.Situation, REF.NetworkPractice, REF.Intervention, REF.Referral, REF.CoordinationMeeting,
              REF.NetworkLink]
# the targets of the plain formulation (the shapes as first written)
PLAIN_TARGET_CLASSES = {
    REFSH.NoPersonalDataOnPersons: PERSONS,
    REFSH.NoAddressBelowCommune: PERSONS + ACTIVITIES,
    REFSH.NoFreeTextNotes: ACTIVITIES,
}
PLAIN_LITERAL_TARGET = """
    SELECT DISTINCT ?this WHERE {
        ?this ?p ?o .
        FILTER ((isLiteral(?o) && REGEX(STR(?o), "@|[0-9]([ ./()+-]*[0-9]){8}"))
                || STRSTARTS(STR(?p), "http://www.w3.org/2006/vcard/ns#")
                || STRSTARTS(STR(?p), "http://www.w3.org/ns/locn#"))
    }
"""


def plain_shapes() -> Graph:
    """The bundled shapes with the plain (slow) formulation of the optimised shapes."""
    fast, _ = _bundled_shapes()
    plain = Graph()
    plain += fast
    for shape, classes in PLAIN_TARGET_CLASSES.items():
        targets = list(plain.objects(shape, SH.target))
        assert len(targets) == 1, f"{shape} should have one SPARQL target"
        for triple in list(plain.triples((targets[0], None, None))):
            plain.remove(triple)
        plain.remove((shape, SH.target, targets[0]))
        for cls in classes:
            plain.add((shape, SH.targetClass, cls))
        assert (shape, SH.targetClass, None) not in fast
    target = plain.value(REFSH.NoIdentifyingLiteral, SH.target)
    plain.set((target, SH.select, Literal(PLAIN_LITERAL_TARGET)))
    return plain


def _key(result) -> tuple:
    def norm(term):
        return "_:" if isinstance(term, BNode) else term

    return (norm(result.focus_node), result.path, norm(result.value), result.component,
            norm(result.source_shape), result.severity)


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    """Every bundled example plus one node breaking each privacy rule, and subclass instances."""
    graph = Graph()
    for file in sorted(EXAMPLES.glob("*.ttl")):
        graph.parse(file)
    extra = PREFIXES + "\n".join(turtle for _, turtle, _ in CASES) + """
        ex:MotherClass <http://www.w3.org/2000/01/rdf-schema#subClassOf> ref:Parent .
        <p/subclass-parent> a ex:MotherClass ; foaf:name "Martine" ; schema:streetAddress "Rue Haute 3" .
        <p/not-a-person> a ex:Thing ; foaf:name "Martine" ; ref:note "Martine" .
        <p/meeting-note> a ref:CoordinationMeeting ; ref:note "tel 0470 12 34 56" .
    """
    graph.parse(data=extra, format="turtle")
    path = tmp_path_factory.mktemp("fast") / "all.ttl"
    graph.serialize(path, format="turtle")
    return path


@pytest.mark.parametrize("engine", ["pyshacl", "pyshacl-turbo"])
def test_fast_shapes_give_the_plain_formulation_results(data: Path, engine: str) -> None:
    fast = validate(data, engine=engine)
    plain = validate(data, plain_shapes(), ontology=True, advanced=True, engine=engine)
    fast_keys = Counter(_key(r) for r in fast.results)
    assert fast_keys == Counter(_key(r) for r in plain.results)
    fired = {str(r.source_shape) for r in fast.results} | {
        str(s) for r in fast.results for s in _bundled_shapes()[0].subjects(SH.property, r.source_shape)}
    # the optimised shapes do fire on this data (the comparison is not vacuous)
    for shape in (*PLAIN_TARGET_CLASSES, REFSH.NoIdentifyingLiteral):
        assert str(shape) in fired, shape
