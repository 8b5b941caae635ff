"""Validation in an in-memory twin (``pipeline.MEMORY_VALIDATION``) changes nothing but the speed.

Each export is validated in an in-memory copy fed by the translation's chunks; an unforced export
reaches the on-disk staged graph only once accepted; an export above the limit spills to disk and
is validated there. Whichever way: the same statuses, findings, triple counts and store content.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from referentiel.intake import ingest, pipeline
from referentiel.intake.generator import generate
from referentiel.store import open_store
from referentiel.store.staging import staged_graphs


def _outcome(summary) -> list[tuple]:  # noqa: ANN001
    return [
        (
            e.organisation,
            e.status,
            e.triples,
            e.graph,
            sorted((f.file, f.sheet, f.row, f.column, f.kind, f.severity, f.message) for f in e.findings),
        )
        for e in summary.exports
    ]


def _content(store_dir: Path) -> dict[str, set[str]]:
    with open_store(store_dir) as store:
        assert not staged_graphs(store.oxigraph)
        return {
            g.iri: {str(q.triple) for q in store.oxigraph.quads_for_pattern(None, None, None, _node(g.iri))}
            for g in store.graphs()
            if g.kind == "data"
        }


def _node(iri: str):  # noqa: ANN202
    import pyoxigraph as ox

    return ox.NamedNode(iri)


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> tuple[Path, Path]:  # noqa: ANN001
    root = tmp_path_factory.mktemp("twin")
    generate(root / "exports", families=20, seed=7, defect_rate=0.03)  # some loaded, some refused
    return root / "exports", root / "exports" / "SYNTHETIC-ONLY.key"


@pytest.mark.parametrize("force", [False, True])
def test_the_twin_and_the_spill_give_what_on_disk_validation_gives(
    tmp_path: Path, monkeypatch, data, force: bool  # noqa: ANN001
) -> None:
    exports, key = data
    runs = {}
    for name, limit in (("disk", 0), ("memory", pipeline.MEMORY_VALIDATION), ("spill", 1_000)):
        monkeypatch.setattr(pipeline, "MEMORY_VALIDATION", limit)
        store = tmp_path / name
        summary = ingest(exports, store=store, key_file=key, force=force)
        runs[name] = (_outcome(summary), _content(store))
    assert runs["memory"] == runs["disk"] == runs["spill"]
    statuses = {status for _, status, *_ in runs["disk"][0]}
    assert statuses == ({"loaded"} if force else {"loaded", "refused"})


def test_an_accepted_reload_is_written_from_the_twin_beside_the_old_graph(
    tmp_path: Path, monkeypatch, data  # noqa: ANN001
) -> None:
    exports, key = data
    store = tmp_path / "db"
    first = ingest(exports, store=store, key_file=key)
    again = ingest(exports, store=store, key_file=key)  # loaded ones replace themselves (by difference)
    assert [e.status for e in again.exports] == [e.status for e in first.exports]
    assert all(e.replaced for e in again.exports if e.status == "loaded")
    monkeypatch.setattr(pipeline, "MEMORY_VALIDATION", 0)
    reference = tmp_path / "reference"
    ingest(exports, store=reference, key_file=key)
    assert _content(store) == _content(reference)


@pytest.mark.parametrize("limit", [pipeline.MEMORY_VALIDATION, 1_000])
def test_a_server_gets_the_export_from_the_twin_or_from_the_spilled_scratch_store(
    tmp_path: Path, monkeypatch, data, limit: int  # noqa: ANN001
) -> None:
    from referentiel.store.testing import OxigraphServer

    exports, key = data
    local = ingest(exports, store=tmp_path / "store", key_file=key, force=True)
    monkeypatch.setattr(pipeline, "MEMORY_VALIDATION", limit)
    with OxigraphServer(tmp_path / "oxigraph") as url:
        remote = ingest(exports, endpoint=url, key_file=key, force=True)
        assert _outcome(remote) == _outcome(local)
        server = open_store(endpoint=url)
        with open_store(tmp_path / "store", create=False) as embedded:
            mine = sorted((g.iri, g.kind, g.triples) for g in embedded.graphs())
        assert sorted((g.iri, g.kind, g.triples) for g in server.graphs()) == mine
        assert {kind for _, kind, _ in mine} == {"data", "ontology"}
