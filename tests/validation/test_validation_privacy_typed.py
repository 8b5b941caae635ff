"""Personal values written as typed literals, however the Turtle is spelt.

``"0472123456"^^xsd:integer`` holds a phone as written; Oxigraph's storage keeps integers by value
("472123456"), so the SPARQL engine's privacy constraints and scan, which read the store, would no
longer see its trunk "0": the files are read for such literals as written
(:mod:`referentiel.validation.privacy_written`). pySHACL reads the literal as written.
"""

from __future__ import annotations

import pytest

from referentiel.validation import validate

SPELLINGS = {
    "tight": '"0472123456"^^xsd:integer',
    "spaced": '"0472123456" ^^ xsd:integer',
    "iri": '"0472123456" ^^<http://www.w3.org/2001/XMLSchema#integer>',
}


def _phones(report) -> int:  # noqa: ANN001
    return sum(str(r.source_constraint).endswith("NoPhone") for r in report.results)


@pytest.mark.parametrize("spelling", sorted(SPELLINGS))
def test_a_phone_typed_as_a_string_is_reported_by_both_engines(spelling: str, write_ttl) -> None:
    as_string = SPELLINGS[spelling].replace("xsd:integer", "xsd:string").replace("#integer", "#string")
    data = write_ttl(f"ex:a ex:p {as_string} .")
    for engine in ("sparql", "pyshacl"):
        assert _phones(validate(data, engine=engine)) == 1, engine


@pytest.mark.parametrize("spelling", sorted(SPELLINGS))
def test_a_phone_typed_as_an_integer_is_reported_by_the_reference_engine(spelling: str, write_ttl) -> None:
    data = write_ttl(f"ex:a ex:p {SPELLINGS[spelling]} .")
    assert _phones(validate(data, engine="pyshacl")) == 1


@pytest.mark.parametrize("spelling", sorted(SPELLINGS))
def test_a_phone_typed_as_an_integer_is_reported_by_the_sparql_engine_too(spelling: str, write_ttl) -> None:
    data = write_ttl(f"ex:a ex:p {SPELLINGS[spelling]} .")
    assert _phones(validate(data, engine="sparql")) == 1


@pytest.mark.parametrize(
    "value",
    ["+32472123456", "0472123456", '"+32 472 12 34 56"^^xsd:decimal', '"0032472123456"^^xsd:long'],
)
def test_bare_and_other_numeric_spellings(value: str, write_ttl) -> None:
    data = write_ttl(f"ex:a ex:p {value} .")
    assert _phones(validate(data, engine="sparql")) == 1


def test_numbers_that_are_no_phones_pass(write_ttl) -> None:
    data = write_ttl('ex:a ex:p 0012, "0.25"^^xsd:decimal, "2023-01-05"^^xsd:date, "+5"^^xsd:integer .')
    report = validate(data, engine="sparql", ontology=None)
    assert report.conforms, [r.source_constraint for r in report.results]
