"""Shared helpers of the validation tests."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from rdflib import BNode, Literal
from rdflib.namespace import SH, XSD

from referentiel.validation import validate

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "rdf"

PREFIXES = """\
@prefix ref:  <https://w3id.org/referentiel/ontology#> .
@prefix refc: <https://w3id.org/referentiel/concept/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix schema: <https://schema.org/> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix locn: <http://www.w3.org/ns/locn#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex:   <https://example.org/> .
@base <https://w3id.org/referentiel/data/> .
"""


@pytest.fixture
def write_ttl(tmp_path: Path):
    """Write a Turtle file (with the usual prefixes) and return its path."""

    def write(body: str, name: str = "data.ttl") -> Path:
        path = tmp_path / name
        path.write_text(PREFIXES + body, encoding="utf-8")
        return path

    return write


def result_key(result) -> tuple:
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


COMPARISONS = frozenset(
    SH[n + "ConstraintComponent"]
    for n in ("MinInclusive", "MinExclusive", "MaxInclusive", "MaxExclusive", "LessThan", "LessThanOrEquals")
)


NUMERIC = frozenset(
    XSD[n]
    for n in (
        "integer", "decimal", "float", "double", "long", "int", "short", "byte",
        "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
        "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger",
    )
)  # fmt: skip
RANGES = frozenset(
    SH[n + "ConstraintComponent"] for n in ("MinInclusive", "MinExclusive", "MaxInclusive", "MaxExclusive")
)


def _python_comparison(result) -> bool:
    """pySHACL compares literals by the Python values rdflib gives them: an ill-formed literal keeps
    one ("300"^^xsd:byte is 300) or has none, a boolean is a Python int ("1"^^xsd:boolean < 10), a
    date against a number raises in Python. It then reports one side of a range only, and no
    sh:lessThan. SPARQL 1.1 (17.3: an ill-formed literal, or operands of no common operator, is a
    type error) and SHACL 4.3 / 4.4 ("does not return true"): every such comparison is a result, as
    the SPARQL engine reports (docs/validation.md, "Disagreements between engines"). Our test
    shapes' range bounds are numbers: a value that is not a well-formed number is incomparable."""
    value = result.value
    if result.component not in COMPARISONS or not isinstance(value, Literal):
        return False
    if value.ill_typed or value.datatype == XSD.boolean:
        return True
    return result.component in RANGES and value.datatype not in NUMERIC


def _same(data, shapes=None, *, turbo: bool = False) -> None:

    from referentiel.errors import InputError

    try:
        reference = validate(data, shapes, engine="pyshacl")
    except InputError as exc:
        # pySHACL stops on a blank node compared by sh:lessThan(OrEquals) ("Cannot use
        # sh:lessThanOrEquals to compare a BlankNode"). SHACL 4.4.3/4.4.4: a value that is not
        # less than (incomparable included) the other is a validation result, not a failure
        # (docs/validation.md, "Differences found between engines").
        # (pySHACL refuses the data even where the blank node has no other value to compare with)
        assert "to compare a BlankNode" in str(exc)
        assert validate(data, shapes, engine="sparql").engine == "sparql"
        return
    if turbo:  # pyshacl-turbo, still an engine option, must agree with the reference too
        other = validate(data, shapes, engine="pyshacl-turbo")
        assert Counter(map(result_key, other.results)) == Counter(map(result_key, reference.results))
    _compare(validate(data, shapes, engine="sparql"), reference)


def _compare(ours, reference) -> None:
    assert ours.engine == "sparql"
    wrong = [r for r in reference.results if _pyshacl_286(r) or _python_comparison(r)]
    assert not any(_pyshacl_286(r) for r in ours.results)
    reference.results = [r for r in reference.results if r not in wrong]
    ours.results = [r for r in ours.results if not _python_comparison(r)]
    assert Counter(map(result_key, ours.results)) == Counter(map(result_key, reference.results))
    assert ours.conforms == (reference.conforms or not reference.results)
    # the presentation is the same too: messages and source locations (a blank node's label is
    # each parser's own, and a random one may hold digits the message scrubbing masks, whole or in
    # part: a mask compares as a label)
    def shown(result) -> tuple[str, str]:
        label = r"_:[A-Za-z0-9]*(?:\[[^\]]*\][A-Za-z0-9]*)*|\[[^\]]*masked[^\]]*\]"
        return re.sub(label, "_:", result.message), repr(result.source)

    assert Counter(map(shown, ours.results)) == Counter(map(shown, reference.results))


@pytest.fixture
def same_as_pyshacl():
    """Assert that the SPARQL engine and pySHACL give the same results on data (and shapes)."""
    return _same


@pytest.fixture
def same_results():
    """Assert that a SPARQL engine report and a pySHACL report hold the same results."""
    return _compare
