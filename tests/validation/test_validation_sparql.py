"""The SPARQL engine against the reference engine (pySHACL), result for result.

Each comparison (conftest ``same_as_pyshacl``) is the multiset of (focus, path, value, component,
source shape, severity) of both engines' reports, and their messages and source locations: the
bundled examples, synthetic data in our model at three seeds, a staging graph of a pyoxigraph store,
a real Oxigraph server. Translated exports and hypothesis mutations: test_validation_sparql_data.py;
the W3C suites: test_validation_w3c.py.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from referentiel.validation import validate
from referentiel.validation.sparql import UnsupportedShapes, validate_store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples" / "rdf").glob("*.ttl"))


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_bundled_examples(example: Path, same_as_pyshacl) -> None:
    same_as_pyshacl(example)


def _synthetic(seed: int) -> Graph:
    from referentiel.store.base import to_rdflib
    from referentiel.store.synthetic import generate

    data = generate(families=12, orgs=3, seed=seed)
    return to_rdflib([t for triples in data.graphs().values() for t in triples])


@pytest.mark.parametrize("seed", [1, 7, 42])
def test_synthetic_data_at_three_seeds(seed: int, same_as_pyshacl) -> None:
    same_as_pyshacl(_synthetic(seed))


def test_the_bundled_shapes_default_to_the_sparql_engine() -> None:
    assert validate(EXAMPLES[0]).engine == "sparql"


def test_forcing_the_engine_on_unsupported_shapes_names_the_feature(write_ttl) -> None:
    shapes = write_ttl(
        """
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:C a sh:ConstraintComponent ; sh:parameter [ sh:path ex:p ] ;
            sh:validator [ a sh:SPARQLAskValidator ; sh:ask "ASK { FILTER ($value = $p) }" ] .
        ex:S a sh:NodeShape ; sh:targetNode ex:a ; ex:p 1 .
    """,
        "shapes.ttl",
    )
    data = write_ttl("@prefix ex: <http://example.org/> . ex:a ex:q 1 .")
    with pytest.raises(UnsupportedShapes, match="sh:ConstraintComponent"):
        validate(data, shapes, engine="sparql")
    report = validate(data, shapes, lang="fr")
    assert report.engine == "pyshacl" and "moteur SPARQL" in report.notes[0]


def test_validate_store_reads_a_named_graph(same_results) -> None:
    store = ox.Store()
    graph = ox.NamedNode("urn:staging:1")
    store.load(path=str(EXAMPLES[0]), format=ox.RdfFormat.TURTLE, to_graph=graph)
    report = validate_store(store, graph=graph, lang="en")
    assert report.engine == "sparql"
    same_results(report, validate(EXAMPLES[0], ontology=None, engine="pyshacl", lang="en"))
    assert validate_store(store).conforms  # the default graph is empty


@pytest.mark.parametrize("name", ["invalid-privacy.ttl", "invalid-unmapped.ttl"])
def test_validate_endpoint_on_a_real_oxigraph_server(tmp_path: Path, name: str, same_results) -> None:
    """The same queries over the SPARQL 1.1 Protocol give the same results and source locations."""
    import urllib.request

    from referentiel.store.testing import OxigraphServer, oxigraph_command
    from referentiel.validation.api import _bundled_ontology
    from referentiel.validation.sparql import validate_endpoint

    if oxigraph_command() is None:
        pytest.fail("the Oxigraph server (pip install oxigraph) is a test dependency")
    example = ROOT / "examples" / "rdf" / name
    with OxigraphServer(tmp_path / "oxigraph") as url:
        for graph, body, media in (
            ("urn:staging:1", example.read_bytes(), "text/turtle"),
            (
                "urn:ontology",
                _bundled_ontology().serialize(format="nt", encoding="utf-8"),
                "application/n-triples",
            ),
        ):
            request = urllib.request.Request(
                f"{url}/store?graph={graph}", data=body, method="POST", headers={"Content-Type": media}
            )
            urllib.request.urlopen(request, timeout=30).close()
        report = validate_endpoint(url, graph=["urn:staging:1", "urn:ontology"], lang="en")
    same_results(report, validate(example, engine="pyshacl", lang="en"))


def test_the_bundled_ontology_read_by_pyoxigraph_is_the_rdflib_one() -> None:
    """The SPARQL engine reads the bundled ontology with pyoxigraph's parser (1.6 s saved a run):
    the same triples as the rdflib graph the other engines merge, blank nodes included."""
    from rdflib.compare import isomorphic

    from referentiel.store.base import to_rdflib
    from referentiel.validation.api import _bundled_ontology, ontology_ntriples
    from referentiel.validation.sparql.store_input import _bundled_quads

    store = ox.Store()
    store.extend(_bundled_quads())
    expected = _bundled_ontology()
    assert len(store) == len(expected) > 1000
    assert isomorphic(to_rdflib(q.triple for q in store), expected)
    assert isomorphic(Graph().parse(data=ontology_ntriples(), format="nt"), expected)


def test_constraints_decided_before_a_sub_query_focus_report_focus_nodes_only(
    write_ttl, same_as_pyshacl
) -> None:
    """Over a sub-query's focus nodes (a union of targets) with a one-step path, the value checks and
    the counts are decided on the path's triples first, then joined with the focus nodes: nodes
    outside the targets that break the same constraints must not be reported (pySHACL agrees)."""
    from referentiel.validation.sparql import compiler
    from referentiel.validation.sparql.model import read_shapes

    shapes = write_ttl(
        """
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        ex:S a sh:NodeShape ; sh:targetClass ex:A ; sh:targetObjectsOf ex:r ;
            sh:property [ sh:path ex:p ; sh:maxCount 1 ; sh:datatype xsd:integer ; sh:nodeKind sh:Literal ] ;
            sh:property [ sh:path ex:q ; sh:maxCount 0 ] ;
            sh:property [ sh:path [ sh:inversePath ex:s ] ; sh:maxCount 1 ; sh:minLength 3 ] .
        """,
        "shapes.ttl",
    )
    data = write_ttl(
        """
        ex:a1 a ex:A ; ex:p 1, 2 ; ex:q "x" .
        ex:a2 a ex:A ; ex:p "one", ex:b1 .
        ex:a3 a ex:A ; ex:p 3 .
        ex:o ex:r ex:b2 . ex:b2 ex:p ex:iri ; ex:q 1 .
        ex:u1 ex:s ex:b2 . ex:u2 ex:s ex:b2 .
        ex:n ex:p 1, 2, "nope" ; ex:q 1 .
        ex:u3 ex:s ex:n . ex:u4 ex:s ex:n .
        """
    )
    same_as_pyshacl(data, shapes)
    report = validate(data, shapes, ontology=None, engine="sparql")
    assert {str(r.focus_node).rsplit("/", 1)[-1] for r in report.results} == {"a1", "a2", "b2"}
    from rdflib import Graph as RdfGraph

    model = read_shapes(RdfGraph().parse(shapes))
    shape = next(s for s in model.shapes.values() if s.targets)
    focus, _ = compiler.target_pattern(model, shape)
    prop = model.shape(shape.properties[0])
    queries = [q for _, q in compiler.component_queries(model, prop, focus, compiler.path(model, prop.path))]
    assert queries and all(
        q.startswith("SELECT DISTINCT ?this") and q.index("{ SELECT") < q.index(focus) for q in queries
    )
