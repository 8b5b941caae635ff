"""The wrapper against the W3C SHACL test suite (core and SPARQL sections, vendored in w3c/).

For every test case: run ``referentiel.validate`` (the generic path: the test's own shapes, no
ontology) and compare ``conforms`` and the multiset of results
(focus, path, value, component, shape, severity) with the manifest's expected report. Blank
nodes cannot be matched across graphs by label, so a blank node compares as "some blank node";
paths compare as their SPARQL rendering. Cases whose expected result is ``sht:Failure`` must raise
:class:`InputError` (exit 2).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from referentiel.errors import InputError
from referentiel.namespaces import RDF, SH
from referentiel.validation import validate
from referentiel.validation.report import Severity, path_text
from referentiel.validation.sparql import UnsupportedShapes

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
ROOT = Path(__file__).parent / "w3c"


# Cases the reference engine cannot run: the wrapper must then refuse cleanly (InputError, exit 2)
# instead of answering wrongly. Reported in docs/validation.md, "Known engine limitations".
ENGINE_LIMITATIONS = {
    "pyshacl": {
        "sparql/pre-binding/shapesGraph-001.ttl": "pySHACL cannot run $shapesGraph in SPARQL constraints",
    },
    "pyshacl-turbo": {},
    # the SPARQL engine names these features and refuses them when forced (auto mode: pySHACL runs them)
    "sparql": {
        "sparql/component/nodeValidator-001.ttl": "custom constraint components",
        "sparql/component/optional-001.ttl": "custom constraint components",
        "sparql/component/propertyValidator-select-001.ttl": "custom constraint components",
        "sparql/component/validator-001.ttl": "custom constraint components",
        "sparql/pre-binding/shapesGraph-001.ttl": "$shapesGraph",
    },
}
ENGINES = tuple(ENGINE_LIMITATIONS)

def _cases() -> list[tuple[str, Path, Graph, URIRef]]:
    import rdflib

    # the expected reports must keep literals as written, like the wrapper does (see api._exact_rdflib)
    normalize, rdflib.NORMALIZE_LITERALS = rdflib.NORMALIZE_LITERALS, False
    try:
        return _collect()
    finally:
        rdflib.NORMALIZE_LITERALS = normalize


def _collect() -> list[tuple[str, Path, Graph, URIRef]]:
    cases = []
    for file in sorted(ROOT.rglob("*.ttl")):
        if file.name == "manifest.ttl":
            continue
        graph = Graph()
        graph.parse(file, format="turtle", publicID=file.as_uri())
        for manifest in graph.subjects(RDF.type, MF.Manifest):
            entries = graph.value(manifest, MF.entries)
            if entries is None:
                continue
            for entry in Collection(graph, entries):
                cases.append((str(file.relative_to(ROOT)), file, graph, entry))
    return cases


CASES = _cases()


def _norm(node):
    return "_:" if isinstance(node, BNode) else node


def _expected(graph: Graph, report) -> Counter:
    found = Counter()
    for result in graph.objects(report, SH.result):
        found[(
            _norm(graph.value(result, SH.focusNode)),
            path_text(graph, graph.value(result, SH.resultPath)),
            _norm(graph.value(result, SH.value)),
            graph.value(result, SH.sourceConstraintComponent),
            _norm(graph.value(result, SH.sourceShape)),
            Severity.from_iri(graph.value(result, SH.resultSeverity)),
        )] += 1
    return found


def _to_path(uri: str) -> Path:
    from urllib.parse import urlparse
    from urllib.request import url2pathname

    return Path(url2pathname(urlparse(uri).path))


def test_the_suite_is_vendored():
    assert len(CASES) >= 100
    assert all(any(c[0] == name for c in CASES) for names in ENGINE_LIMITATIONS.values() for name in names)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name,file,graph,entry", CASES, ids=[c[0] for c in CASES])
def test_w3c_case(name: str, file: Path, graph: Graph, entry: URIRef, engine: str) -> None:
    action = graph.value(entry, MF.action)
    data = _to_path(str(graph.value(action, SHT.dataGraph)))
    shapes = _to_path(str(graph.value(action, SHT.shapesGraph)))
    expected = graph.value(entry, MF.result)
    if name in ENGINE_LIMITATIONS[engine] and engine == "sparql":
        with pytest.raises(UnsupportedShapes):
            validate(data, shapes, ontology=None, engine=engine)
        return
    if expected == SHT.Failure or name in ENGINE_LIMITATIONS[engine]:
        # a failure case using a feature the SPARQL engine does not run may be refused for that reason
        with pytest.raises((InputError, UnsupportedShapes) if engine == "sparql" else InputError):
            validate(data, shapes, ontology=None, engine=engine)
        return
    report = validate(data, shapes, ontology=None, engine=engine)
    conforms = graph.value(expected, SH.conforms)
    assert isinstance(conforms, Literal)
    assert report.conforms is conforms.toPython(), name
    actual = Counter(
        (_norm(r.focus_node), r.path, _norm(r.value), r.component, _norm(r.source_shape), r.severity)
        for r in report.results
    )
    assert actual == _expected(graph, expected), name


FALLBACK = sorted(set(ENGINE_LIMITATIONS["sparql"]) - set(ENGINE_LIMITATIONS["pyshacl"]))


@pytest.mark.parametrize("name", FALLBACK)
def test_unsupported_features_fall_back_to_the_reference_engine(name: str) -> None:
    file = ROOT / name
    report = validate(file, file, ontology=None, lang="nl")
    assert report.engine == "pyshacl"
    assert report.notes and "SPARQL-engine ondersteunt niet" in report.notes[0]
