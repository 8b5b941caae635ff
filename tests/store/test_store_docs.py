"""The researcher's guide (docs/store.md): its Python example runs, and its claims hold."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from referentiel import resources
from referentiel.store import GRAPH_BASE, open_store
from referentiel.store.testing import OxigraphServer

LOCAL_ID = "SELECT ?s ?id WHERE { ?s <https://w3id.org/referentiel/ontology#localId> ?id }"
GUIDE = Path(__file__).resolve().parents[2] / "docs" / "store.md"


def test_python_example_of_the_guide_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # noqa: ANN001
    blocks = re.findall(r"```python\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.S)
    assert blocks, "the guide has a Python example"
    with resources.as_path(resources.bundled("examples", "rdf", "conforming-network.ttl")) as example:
        shutil.copy(example, tmp_path / "cpas-ixelles.ttl")
    monkeypatch.chdir(tmp_path)
    for block in blocks:
        exec(compile(block, str(GUIDE), "exec"), {})  # noqa: S102 - our own documentation
    out = capsys.readouterr().out
    assert GRAPH_BASE + "cpas-ixelles" in out and "disclosure control" in out.lower()


def test_embedded_store_directory_is_served_by_oxigraph(tmp_path: Path) -> None:
    """Section 6, step 2: `oxigraph serve --location .referentiel-store` serves the same data."""
    db = tmp_path / "db"
    data = tmp_path / "x.ttl"
    data.write_text(
        "<https://w3id.org/referentiel/data/x/situation/1> "
        '<https://w3id.org/referentiel/ontology#localId> "1" .\n',
        encoding="utf-8",
    )
    with open_store(db) as store:
        store.load([data], organisation="org-x", validate=False)
        local = sorted((g.kind, g.iri, g.triples) for g in store.graphs())
        rows = store.query(LOCAL_ID).rows
    with OxigraphServer(db) as url:
        server = open_store(endpoint=url)
        assert sorted((g.kind, g.iri, g.triples) for g in server.graphs()) == local
        assert server.query(LOCAL_ID).rows == rows
