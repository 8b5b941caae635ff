"""Translation streamed into a store (``translate(..., sink=...)``): the same triples, none kept."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from referentiel.store.staging import Staging
from referentiel.translation.translator import translate

ROOT = Path(__file__).resolve().parents[2]
ORGS = ROOT / "examples" / "organisations"
KEY = "test-key-0123456789abcdef"


@pytest.mark.parametrize("org", ["cpas-ixelles", "creche-les-lucioles", "amo-le-tremplin"])
def test_streamed_translation_holds_the_same_triples(org: str) -> None:
    export, profile = [ORGS / org / "export"], ORGS / org / "profile.yaml"
    kept = translate(export, profile, key=KEY)
    staging = Staging.open(ox.Store(), "https://w3id.org/referentiel/graph/" + org, beside=False)
    streamed = translate(export, profile, key=KEY, sink=staging.sink(chunk=500))  # several chunks
    assert streamed.triples == []  # nothing kept in memory
    assert len(streamed) == len(kept) == staging.triples()
    assert [i.as_dict() for i in streamed.issues] == [i.as_dict() for i in kept.issues]
    graph = Graph()
    graph.parse(data=staging.ntriples(), format="nt")
    assert isomorphic(graph, kept.graph)
    staging.discard()
