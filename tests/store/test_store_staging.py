"""Staging: `ingest` killed (SIGKILL) at random moments leaves only committed exports visible, whole.

Each export streams into a staged graph with the bulk loader (not a transaction) and becomes visible
in one update. Whenever the process dies, a reader (opened read-only, before any cleanup) sees each
export entirely or not at all, and the next writable open drops what was staged.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from referentiel.intake import ingest
from referentiel.intake.generator import generate
from referentiel.store import METADATA_GRAPH, open_store
from referentiel.store.staging import Staging, staged_graphs

INGEST = textwrap.dedent("""
    import sys
    from referentiel.intake import ingest

    print("STARTED", flush=True)
    ingest(sys.argv[1], store=sys.argv[2], key_file=sys.argv[3], force=True)
    print("DONE", flush=True)
""")


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> tuple[Path, Path, dict[str, int], float]:  # noqa: ANN001
    """Generated exports, and the triples of each graph and the time of a complete, forced ingest."""
    root = tmp_path_factory.mktemp("staging")
    data = root / "exports"
    generate(data, families=30, seed=3, defect_rate=0.02)
    key = data / "SYNTHETIC-ONLY.key"
    started = time.monotonic()
    ingest(data, store=root / "reference", key_file=key, force=True)
    took = time.monotonic() - started
    with open_store(root / "reference", create=False) as store:
        expected = {g.iri: g.triples for g in store.graphs()}
    return data, key, expected, took


def _count(store, graph: str | None = None) -> int:  # noqa: ANN001
    where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    return int(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}").rows[0][0].value)


@pytest.mark.parametrize("seed", range(6))
def test_ingest_killed_at_a_random_moment(tmp_path: Path, exports, seed: int) -> None:  # noqa: ANN001
    data, key, expected, took = exports
    db = tmp_path / "db"
    script = tmp_path / "ingest.py"
    script.write_text(INGEST, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(script), str(data), str(db), str(key)],
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "STARTED"
    time.sleep(random.Random(seed).uniform(0.0, took * 1.6))  # the child imports first
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    if not db.exists():
        return  # killed before the store was created
    # a reader before any cleanup: every export it sees is whole; nothing staged is visible
    with open_store(db, read_only=True) as reader:
        seen = {g.iri: g.triples for g in reader.graphs()}
        assert set(seen) <= set(expected)
        for graph, triples in seen.items():
            assert triples == expected[graph] == _count(reader, graph), graph
        assert _count(reader) == sum(seen.values()) + _count(reader, METADATA_GRAPH)
    # the next writable open drops what the killed load had staged
    with open_store(db) as store:
        assert not staged_graphs(store.oxigraph)
        committed = {ox.NamedNode(g) for g in seen} | {ox.NamedNode(METADATA_GRAPH)}
        assert set(store.oxigraph.named_graphs()) <= committed
        assert {g.iri: g.triples for g in store.graphs()} == seen


def test_a_refused_or_failed_export_leaves_nothing_staged(tmp_path: Path, exports) -> None:  # noqa: ANN001
    data, key, expected, _ = exports
    summary = ingest(data, store=tmp_path / "db", key_file=key)  # not forced: some are refused
    assert any(e.status == "refused" for e in summary.exports)
    with open_store(tmp_path / "db") as store:
        loaded = {e.graph for e in summary.exports if e.status == "loaded"}
        assert {g.iri for g in store.graphs() if g.kind == "data"} == loaded
        assert not staged_graphs(store.oxigraph)
        graphs = {g.value for g in store.oxigraph.named_graphs()}
        assert graphs == {g.iri for g in store.graphs()} | {METADATA_GRAPH}
        # a staging area given up half-way (an exception) is dropped with its marker
        staging = store.stage("https://w3id.org/referentiel/graph/someone")
        assert isinstance(staging, Staging)
        sink = staging.sink(chunk=2)
        sink.extend([(URIRef(f"urn:x:{i}"), URIRef("urn:x:p"), Literal("v")) for i in range(5)])
        assert staging.triples() == 4 and "someone" not in {g.iri for g in store.graphs()}
        staging.discard()
        assert not staged_graphs(store.oxigraph)
        assert {g.value for g in store.oxigraph.named_graphs()} == graphs


def test_a_chunk_is_loaded_while_the_next_is_made_and_its_error_reaches_the_caller() -> None:
    from referentiel.store.staging import SMALL

    staging = Staging.open(ox.Store(), "https://w3id.org/referentiel/graph/org", beside=False)
    sink = staging.sink(chunk=SMALL)
    sink.extend(f'<urn:x:{i}> <urn:x:p> "v" .\n' for i in range(SMALL + 3))
    assert sink.finish() == SMALL + 3 == len(sink) == staging.triples()
    broken = staging.sink(chunk=2)
    broken.extend(['<urn:x:a b> <urn:x:p> "v" .\n', '<urn:x:c> <urn:x:p> "v" .\n'])  # loading
    with pytest.raises(RuntimeError, match="invalid N-Triples"):
        broken.finish()
    staging.discard()


def test_a_staging_area_given_up_during_a_load_ends_empty() -> None:
    from referentiel.store.staging import SMALL

    store = ox.Store()
    staging = Staging.open(store, "https://w3id.org/referentiel/graph/org", beside=False)
    sink = staging.sink(chunk=SMALL)
    sink.extend(f'<urn:x:{i}> <urn:x:p> "v" .\n' for i in range(SMALL))  # a bulk load starts
    staging.discard()  # waits for it: a load landing after the drop would leave data behind
    for thread in threading.enumerate():
        if thread.name == "referentiel-staging-load":
            thread.join()
    assert len(store) == 0 and not staged_graphs(store)


def _lines(n: int, start: int = 0) -> list[str]:
    return [f'<urn:x:{i}> <urn:x:p> "v{i}" .\n' for i in range(start, start + n)]


def test_a_deferred_export_is_held_in_memory_and_written_to_disk_only_when_persisted() -> None:
    store = ox.Store()
    staging = Staging.open(store, "https://w3id.org/referentiel/graph/org", beside=False)
    graph = ox.NamedNode(staging.staged)
    sink = staging.sink(chunk=7, memory=1_000, defer=True)
    sink.extend(_lines(50) + _lines(5))  # duplicates are harmless
    assert sink.finish() == 50 == staging.triples()
    assert staging.validated_store is staging.memory is not None
    assert not list(store.quads_for_pattern(None, None, None, graph))  # nothing on disk yet
    assert set(staged_graphs(store)) == {graph, ox.NamedNode(staging.context)}  # but marked already
    staging.persist(chunk=8)
    assert {q.triple for q in store.quads_for_pattern(None, None, None, graph)} == {
        q.triple for q in staging.memory.quads_for_pattern(None, None, None, graph)
    }
    assert not staging.deferred
    staging.discard()
    assert len(store) == 0 and not staged_graphs(store) and staging.memory is None


def test_a_refused_deferred_export_never_touches_the_disk() -> None:
    store = ox.Store()
    staging = Staging.open(store, "https://w3id.org/referentiel/graph/org", beside=False)
    sink = staging.sink(chunk=10, memory=1_000, defer=True)
    sink.extend(_lines(30))
    sink.finish()
    staging.add_context([ox.Triple(ox.NamedNode("urn:x:c"), ox.NamedNode("urn:x:p"), ox.Literal("c"))])
    assert len(store) == 2  # the two markers only: the export and its context are in the twin
    staging.discard()
    assert len(store) == 0


def test_an_export_outgrowing_the_memory_limit_spills_to_disk_whole() -> None:
    store = ox.Store()
    staging = Staging.open(store, "https://w3id.org/referentiel/graph/org", beside=False)
    graph = ox.NamedNode(staging.staged)
    sink = staging.sink(chunk=10, memory=25, defer=True)
    sink.extend(_lines(20))
    sink.wait()
    assert staging.memory is not None and staging.deferred  # 20 statements: still in memory
    sink.extend(_lines(40, start=20))
    assert sink.finish() == 60
    assert staging.memory is None and not staging.deferred
    assert staging.validated_store is store
    assert len(list(store.quads_for_pattern(None, None, None, graph))) == 60
    staging.discard()
    assert len(store) == 0


def test_a_forced_export_is_staged_on_disk_and_in_memory_at_once() -> None:
    store = ox.Store()
    staging = Staging.open(store, "https://w3id.org/referentiel/graph/org", beside=False)
    graph = ox.NamedNode(staging.staged)
    sink = staging.sink(chunk=10, memory=1_000, defer=False)
    sink.extend(_lines(35))
    assert sink.finish() == 35
    on_disk = {q.triple for q in store.quads_for_pattern(None, None, None, graph)}
    assert on_disk == {q.triple for q in staging.memory.quads_for_pattern(None, None, None, graph)}
    assert len(on_disk) == 35
    staging.discard()
    assert len(store) == 0
