"""Personal values written as typed literals, however the Turtle is spelt.

``"0472123456"^^xsd:integer`` holds a phone as written; Oxigraph's storage keeps integers by value
("472123456"), so the SPARQL engine's privacy constraints and scan, which read the store, no longer
see its trunk "0". pySHACL (the reference engine) reads the literal as written and reports it.
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


@pytest.mark.xfail(
    strict=True,
    reason="known gap (docs/privacy.md, Limits): the store keeps integers by value, the SPARQL "
    "engine's privacy checks see 472123456",
)
@pytest.mark.parametrize("spelling", sorted(SPELLINGS))
def test_a_phone_typed_as_an_integer_is_reported_by_the_sparql_engine(spelling: str, write_ttl) -> None:
    data = write_ttl(f"ex:a ex:p {SPELLINGS[spelling]} .")
    assert _phones(validate(data, engine="sparql")) == 1
