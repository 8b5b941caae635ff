"""The SPARQL engine against the reference engine (pySHACL), result for result.

Each comparison is the multiset of (focus, path, value, component, source shape, severity) of both
engines' reports on the same data and shapes: the bundled examples, synthetic data in our model at
three seeds, and hypothesis-mutated data (dropped, duplicated and retyped values, language tags,
xsd:string vs plain literals, blank nodes). The W3C suites run in test_validation_w3c.py.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from referentiel.namespaces import REF
from referentiel.validation import validate
from referentiel.validation.sparql import UnsupportedShapes, validate_store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples" / "rdf").glob("*.ttl"))


def _key(result) -> tuple:
    def norm(node):
        if isinstance(node, Literal) and node.datatype == XSD.string:
            # RDF 1.1 Concepts 3.3: "x"^^xsd:string and "x" are one term; rdflib keeps two spellings,
            # and each engine reports the value as its loader spelled it
            return Literal(str(node))
        return "_:" if isinstance(node, BNode) else node

    return (
        norm(result.focus_node),
        result.path,
        norm(result.value),
        result.component,
        norm(result.source_shape),
        result.severity,
    )


def _pyshacl_286(result) -> bool:
    """pySHACL's known error (RDFLib/pySHACL#286): "x"^^xsd:string is not found in sh:in ("x").

    RDF 1.1 Concepts 3.3: a simple literal IS the literal with datatype xsd:string, so the value is
    in the list and SHACL reports nothing (docs/validation.md, "Disagreements between engines").
    """
    from rdflib.namespace import SH

    value = result.value
    return (
        result.component == SH.InConstraintComponent
        and isinstance(value, Literal)
        and value.datatype == XSD.string
        and value.language is None
    )


def _same(data, shapes=None) -> None:
    ours = validate(data, shapes, engine="sparql")
    reference = validate(data, shapes, engine="pyshacl")
    assert ours.engine == "sparql"
    wrong = [r for r in reference.results if _pyshacl_286(r)]
    assert not any(_pyshacl_286(r) for r in ours.results)
    reference.results = [r for r in reference.results if r not in wrong]
    assert Counter(map(_key, ours.results)) == Counter(map(_key, reference.results))
    assert ours.conforms == (reference.conforms or not reference.results)
    # the presentation is the same too: messages and source locations
    assert Counter((r.message, repr(r.source)) for r in ours.results) == Counter(
        (r.message, repr(r.source)) for r in reference.results
    )


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_bundled_examples(example: Path) -> None:
    _same(example)


ORGANISATIONS = sorted(p.parent for p in (ROOT / "examples" / "organisations").glob("*/profile.yaml"))


@pytest.mark.parametrize("organisation", ORGANISATIONS, ids=[o.name for o in ORGANISATIONS])
def test_translated_example_organisations(organisation: Path) -> None:
    from referentiel.translation.translator import translate

    exports = [organisation / "export"]
    key_file = ROOT / "examples" / "organisations" / "DEMO-ONLY.key"
    _same(translate(exports, organisation / "profile.yaml", key_file=key_file).graph)


def _synthetic(seed: int) -> Graph:
    from referentiel.store.base import to_rdflib
    from referentiel.store.synthetic import generate

    data = generate(families=12, orgs=3, seed=seed)
    return to_rdflib([t for triples in data.graphs().values() for t in triples])


@pytest.mark.parametrize("seed", [1, 7, 42])
def test_synthetic_data_at_three_seeds(seed: int) -> None:
    _same(_synthetic(seed))


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


def test_validate_store_reads_a_named_graph() -> None:
    store = ox.Store()
    graph = ox.NamedNode("urn:staging:1")
    store.load(path=str(EXAMPLES[0]), format=ox.RdfFormat.TURTLE, to_graph=graph)
    report = validate_store(store, graph=graph, lang="en")
    assert report.engine == "sparql"
    expected = validate(EXAMPLES[0], ontology=None, engine="pyshacl")
    assert Counter(map(_key, report.results)) == Counter(map(_key, expected.results))
    assert validate_store(store).conforms  # the default graph is empty


# --------------------------------------------------------------------------- hypothesis mutations
SHAPES = ROOT / "shapes"


def _mutate(graph: Graph, choices: list[tuple[int, int, str]]) -> Graph:
    """Apply (triple index, variant, kind) mutations to a copy of ``graph``."""
    out = Graph()
    out += graph
    triples = sorted(graph, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
    for index, variant, kind in choices:
        s, p, o = triples[index % len(triples)]
        if kind == "drop":
            out.remove((s, p, o))
        elif kind == "duplicate":
            out.add((s, p, Literal(f"{o}-{variant}") if isinstance(o, Literal) else URIRef(f"{o}-{variant}")))
        elif kind == "retype" and isinstance(o, Literal):
            out.remove((s, p, o))
            datatype = [XSD.string, XSD.integer, XSD.date, XSD.gYear, XSD.boolean][variant % 5]
            out.add((s, p, Literal(str(o), datatype=datatype)))
        elif kind == "language" and isinstance(o, Literal):
            out.remove((s, p, o))
            out.add((s, p, Literal(str(o), lang=["fr", "nl", "en"][variant % 3])))
        elif kind == "plain" and isinstance(o, Literal):
            out.remove((s, p, o))
            out.add(
                (s, p, Literal(str(o)) if o.datatype == XSD.string else Literal(str(o), datatype=XSD.string))
            )
        elif kind == "blank":
            node = BNode()
            out.add((s, p, node))
            out.add((node, RDF.type, REF.OriginalValue))
    return out


BASE = _synthetic(3)  # kept small: pySHACL runs on every example


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(0, 10_000),
            st.integers(0, 10),
            st.sampled_from(["drop", "duplicate", "retype", "language", "plain", "blank"]),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_mutated_data(choices: list[tuple[int, int, str]]) -> None:
    _same(_mutate(BASE, choices))


@pytest.mark.parametrize("name", ["invalid-privacy.ttl", "invalid-unmapped.ttl"])
def test_validate_endpoint_on_a_real_oxigraph_server(tmp_path: Path, name: str) -> None:
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
    reference = validate(example, engine="pyshacl", lang="en")
    assert report.engine == "sparql"
    assert Counter(map(_key, report.results)) == Counter(map(_key, reference.results))
    assert Counter((r.message, repr(r.source)) for r in report.results) == Counter(
        (r.message, repr(r.source)) for r in reference.results
    )
