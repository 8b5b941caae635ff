"""Validating a staged export in a pyoxigraph store gives the results `referentiel.validate` gives."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from referentiel import resources
from referentiel.validation import validate
from referentiel.validation.staged import ontology_ntriples, validate_store

GRAPH = "https://w3id.org/referentiel/graph/staging/test"


def example(name: str) -> Path:
    with resources.as_path(resources.bundled("examples", "rdf", name)) as path:
        return Path(path)


def _results(report) -> list[tuple]:  # noqa: ANN001
    return sorted(
        (
            str(r.focus_node),
            r.path,
            str(r.component),
            str(r.source_shape),
            int(r.severity),
            r.message,
            r.value_text,
            r.source.file if r.source else None,
            r.source.row if r.source else None,
            r.source.column if r.source else None,
        )
        for r in report.results
    )


@pytest.mark.parametrize(
    "name", ["conforming-network.ttl", "invalid-dates.ttl", "invalid-privacy.ttl", "invalid-unmapped.ttl"]
)
@pytest.mark.parametrize("from_text", [False, True])
def test_store_validation_equals_file_validation(name: str, from_text: bool) -> None:
    path = example(name)
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(GRAPH))
    text = (
        (
            store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(GRAPH)) + ontology_ntriples()
        ).decode()
        if from_text
        else None
    )
    expected = validate(path, lang="en")
    got = validate_store(store, [GRAPH], lang="en", text=text)
    assert got.conforms == expected.conforms
    assert got.triples == expected.triples
    assert _results(got) == _results(expected)
    assert got.counts == expected.counts
