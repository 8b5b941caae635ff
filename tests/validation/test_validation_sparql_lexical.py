"""Literals as written: the SPARQL engine over data Oxigraph's storage would rewrite.

Oxigraph stores ``"4.0"^^xsd:decimal`` as ``"4"``, ``"01"^^xsd:integer`` as ``"1"`` and
``"3"^^xsd:int`` as ``"3"^^xsd:integer``; SHACL compares and reports RDF terms as written. Each
case is compared with pySHACL result for result (conftest ``same_as_pyshacl``).
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from referentiel.validation import validate
from referentiel.validation.sparql import lexical

SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
ex:S a sh:NodeShape ; sh:targetSubjectsOf ex:p ;
    sh:property [ sh:path ex:p ; {constraint} ] .
"""

CASES = {
    "in-integer": ('"01"^^xsd:integer, "1"^^xsd:integer', 'sh:in ( "1"^^xsd:integer )'),
    "in-non-canonical-member": ('"01"^^xsd:integer, "1"^^xsd:integer', 'sh:in ( "01"^^xsd:integer )'),
    "has-value": ('"1.0"^^xsd:decimal', 'sh:hasValue "1"^^xsd:decimal'),
    "max-count-two-spellings": ('"1"^^xsd:integer, "01"^^xsd:integer', "sh:maxCount 1"),
    "boolean-spellings": ('"1"^^xsd:boolean, "true"^^xsd:boolean', "sh:maxCount 1"),
    "derived-datatype": ('"3"^^xsd:int, "300"^^xsd:byte, "03"^^xsd:byte', "sh:datatype xsd:byte"),
    "well-formed-int": ('"3"^^xsd:int', "sh:datatype xsd:int"),
    "range-decimal": ('"4.0"^^xsd:decimal, "3.50"^^xsd:decimal', "sh:minExclusive 4"),
    "pattern-on-lexical-form": ('"4.0"^^xsd:decimal, "+5"^^xsd:integer', 'sh:pattern "^[0-9]+$"'),
    "length-of-lexical-form": ('"2020-01-01+00:00"^^xsd:date', "sh:maxLength 10"),
    "double": ('"1.0E0"^^xsd:double, "1e1"^^xsd:double', 'sh:in ( "1.0E0"^^xsd:double )'),
    "duration": ('"P1Y12M"^^xsd:duration', "sh:datatype xsd:duration ; sh:maxLength 4"),
    "bare-turtle-numbers": ("4.0, 01, +5, -0, 1.0e0", "sh:in ( 4 1 5 0 1e0 )"),
    "equals": ('"01"^^xsd:integer', "sh:equals ex:q"),
    # Turtle lets blanks (and comments) stand around "^^": the text scan must still see the literal
    "spaced-datatype": (
        '"01" ^^ xsd:integer, "4.0"\t^^<http://www.w3.org/2001/XMLSchema#decimal>',
        'sh:pattern "^0"',
    ),
    "datatype-after-a-comment": ('"05" # a comment\n    ^^ xsd:integer', 'sh:pattern "^0"'),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_literals_compared_and_reported_as_written(name: str, write_ttl, same_as_pyshacl) -> None:
    values, constraint = CASES[name]
    data = write_ttl(f'ex:a ex:p {values} ; ex:q "1"^^xsd:integer .\nex:b ex:p "2"^^xsd:integer .')
    shapes = write_ttl(SHAPES.replace("{constraint}", constraint), "shapes.ttl")
    same_as_pyshacl(data, shapes)


def test_the_reported_value_is_the_term_as_written(write_ttl) -> None:
    data = write_ttl('ex:a ex:p "4.0"^^xsd:decimal, "300"^^xsd:byte .')
    shapes = write_ttl(SHAPES.replace("{constraint}", "sh:maxExclusive 4 ; sh:datatype xsd:decimal"), "s.ttl")
    report = validate(data, shapes, ontology=None, engine="sparql")
    values = {r.value for r in report.results}
    assert Literal("4.0", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal")) in values
    assert Literal("300", datatype=URIRef("http://www.w3.org/2001/XMLSchema#byte")) in values
    assert not any("urn:referentiel:lexical" in str(getattr(v, "datatype", "")) for v in values)


def test_data_as_the_store_writes_them_keep_the_bulk_loader() -> None:
    from referentiel.validation.sparql.store_input import _may_be_rewritten

    probe = lexical.Probe()
    canonical = (
        b"@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        b'<a:b> <a:p> "2020-01-01"^^xsd:date, 5, "it\'s" .'
    )
    assert not _may_be_rewritten(canonical, "turtle", probe)
    assert _may_be_rewritten(canonical.replace(b"5", b"05"), "turtle", probe)
    assert _may_be_rewritten(canonical.replace(b"2020-01-01", b"2020-01-01+00:00"), "turtle", probe)
    assert _may_be_rewritten(canonical.replace(b"xsd:date", b"unknown:date"), "turtle", probe)
    assert _may_be_rewritten(
        b"<a:b> <a:p> '4.0'^^<http://www.w3.org/2001/XMLSchema#decimal> .", "turtle", probe
    )
    assert _may_be_rewritten(b"", "xml", probe)


def test_only_the_literals_the_store_would_rewrite_are_kept_apart() -> None:
    xsd = "http://www.w3.org/2001/XMLSchema#"
    probe = lexical.Probe()
    written = [
        ox.Literal("4.0", datatype=ox.NamedNode(xsd + "decimal")),
        ox.Literal("4", datatype=ox.NamedNode(xsd + "decimal")),
        ox.Literal("abc", datatype=ox.NamedNode(xsd + "integer")),  # ill-formed: kept as is by the store
        ox.Literal("3", datatype=ox.NamedNode(xsd + "int")),
        ox.Literal("2020-01-01", datatype=ox.NamedNode(xsd + "date")),
    ]
    assert probe.changed(written) == {written[0], written[3]}
    assert lexical.original(lexical.lexical(written[0])) == written[0]


def test_an_ill_formed_derived_integer_fails_every_comparison(write_ttl) -> None:
    # "300"^^xsd:byte is outside xsd:byte's lexical space: it has no value (SPARQL 1.1 17.3), so
    # both sides of a range and sh:lessThan report it (pySHACL reports one side: docs/validation.md)
    data = write_ttl('ex:a ex:p "300"^^xsd:byte ; ex:q 1000 .')
    constraint = "sh:minInclusive 0 ; sh:maxExclusive 1000 ; sh:lessThan ex:q"
    shapes = write_ttl(SHAPES.replace("{constraint}", constraint), "shapes.ttl")
    report = validate(data, shapes, ontology=None, engine="sparql")
    assert sorted(str(r.component).rsplit("#", 1)[-1] for r in report.results) == [
        "LessThanConstraintComponent",
        "MaxExclusiveConstraintComponent",
        "MinInclusiveConstraintComponent",
    ]


def test_the_literals_the_store_would_rewrite_are_rewritten_in_the_text() -> None:
    """Data with a few non-canonical literals keep the bulk loader: those literals' datatypes are
    rewritten in the text (a statement's final "." is not part of a local name)."""
    from referentiel.validation.sparql.store_input import _rewritten

    probe = lexical.Probe()
    text = (
        b"@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        b'<a:b> <a:p> "4.0"^^xsd:decimal, "4"^^xsd:decimal,\n'
        b'    "05"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
        b'<a:c> <a:p> "1.50"^^xsd:decimal.\n'
    )
    payload, count = _rewritten(text, "turtle", probe)
    assert count == 3
    store = ox.Store()
    store.load(payload, format=ox.RdfFormat.TURTLE)
    objects = {lexical.original(q.object) for q in store}
    decimal, integer = (ox.NamedNode("http://www.w3.org/2001/XMLSchema#" + n) for n in ("decimal", "integer"))
    assert objects == {
        ox.Literal("4.0", datatype=decimal),
        ox.Literal("4", datatype=decimal),
        ox.Literal("05", datatype=integer),
        ox.Literal("1.50", datatype=decimal),
    }
    assert _rewritten(text.replace(b"a:c", b"a:d> .\n@prefix xsd: <urn:x#> .\n<a:c"), "turtle", probe) is None
    # blanks around "^^" are Turtle too: the literal is still found and rewritten
    spaced, count = _rewritten(text.replace(b'"05"^^', b'"05" ^^\n '), "turtle", probe)
    assert count == 3 and b"05" in spaced and lexical.PREFIX.encode() in spaced
    # a "^^" the scan cannot pair with a literal (a comment between them): it cannot tell
    assert _rewritten(text.replace(b'"05"^^', b'"05" # note\n ^^'), "turtle", probe) is None
