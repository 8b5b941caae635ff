"""A phone typed as a number is refused by `referentiel load` as it is by `validate --engine pyshacl`.

Oxigraph keeps ``"0472123456"^^xsd:integer`` by value (``472123456``): the privacy constraints and
scan, which read the staged graph, would not see the trunk "0". The files are read for such literals
as written (:mod:`referentiel.validation.privacy_written`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from referentiel.store import GRAPH_BASE, open_store
from referentiel.store.base import LoadRefused

TURTLE = (
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
    '<https://w3id.org/referentiel/data/x/note/1> <https://example.org/p> "0472123456"^^xsd:integer .\n'
)


def test_a_phone_typed_as_a_string_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "phone.ttl"
    data.write_text(TURTLE.replace("xsd:integer", "xsd:string"), encoding="utf-8")
    with open_store(tmp_path / "db") as store, pytest.raises(LoadRefused):
        store.load([data], GRAPH_BASE + "x")


def test_a_phone_typed_as_an_integer_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "phone.ttl"
    data.write_text(TURTLE, encoding="utf-8")
    with open_store(tmp_path / "db") as store, pytest.raises(LoadRefused):
        store.load([data], GRAPH_BASE + "x")
