"""Loading exports into the embedded store: named graphs, metadata, replacement, refusal, atomicity."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from referentiel import resources
from referentiel.errors import InputError, StoreError
from referentiel.store import (
    GRAPH_BASE,
    METADATA_GRAPH,
    ONTOLOGY_GRAPH,
    LoadContext,
    LoadRefused,
    load,
    open_store,
)
from referentiel.store import base as store_base
from referentiel.store.synthetic import generate

DATA = """@prefix ref: <https://w3id.org/referentiel/ontology#> .
<https://w3id.org/referentiel/data/org-x/situation/s1> a ref:Situation ;
    ref:beneficiary <https://w3id.org/referentiel/data/family/f1> ; ref:localId "s1" .
"""


def example(name: str) -> Path:
    """A bundled example RDF file (maintained with the shapes: conforming / invalid)."""
    with resources.as_path(resources.bundled("examples", "rdf", name)) as path:
        return Path(path)


def quads(store) -> set[str]:  # noqa: ANN001
    return {str(q) for q in store.oxigraph}


def graph_quads(store, graph: str) -> set[str]:  # noqa: ANN001
    return {str(q) for q in store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(graph))}


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "export-x.ttl"
    path.write_text(DATA, encoding="utf-8")
    return path


def test_load_puts_export_in_its_graph_with_metadata(tmp_path: Path, data_file: Path) -> None:
    context = LoadContext(
        profile="cpas-ixelles",
        profile_version="3",
        mapping_set="cpas-terms",
        mapping_set_version="2024-05",
        original_files=[("usagers.csv", "ab" * 32)],
    )
    with open_store(tmp_path / "db") as store:
        result = store.load([data_file], organisation="CPAS Ixelles", context=context, validate=False)
        assert result.graph == GRAPH_BASE + "cpas-ixelles"
        assert result.triples == 3 and not result.replaced and not result.forced
        assert result.sources[0].sha256 == hashlib.sha256(data_file.read_bytes()).hexdigest()
        assert len(graph_quads(store, result.graph)) == 3
        info = {g.iri: g for g in store.graphs()}
        assert info[result.graph].organisation == "cpas-ixelles"
        assert info[result.graph].sources == ["export-x.ttl", "usagers.csv"]
        assert info[result.graph].forced is False
        assert info[result.graph].triples == 3
        meta = store.query(
            f"""
            PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX dcterms: <http://purl.org/dc/terms/>
            PREFIX owl: <http://www.w3.org/2002/07/owl#> PREFIX dcat: <http://www.w3.org/ns/dcat#>
            PREFIX spdx: <http://spdx.org/rdf/terms#>
            SELECT ?kind ?version ?sum ?software WHERE {{ GRAPH <{METADATA_GRAPH}> {{
              <{result.graph}> prov:wasGeneratedBy ?load ;
                  dcat:distribution/spdx:checksum/spdx:checksumValue ?sum .
              ?load prov:used ?used ; prov:wasAssociatedWith/owl:versionInfo ?software .
              ?used dcterms:type ?kind ; owl:versionInfo ?version }} }}""",
            union=False,
        )
        got = {(r["kind"].value, r["version"].value) for r in meta.records()}
        assert got == {("profile", "3"), ("mapping-set", "2024-05")}
        sums = {r["sum"].value for r in meta.records()}
        assert sums == {result.sources[0].sha256, "ab" * 32}
        from referentiel import __version__

        assert {r["software"].value for r in meta.records()} == {__version__}


def test_default_graph_from_file_stem_and_reserved_names(tmp_path: Path, data_file: Path) -> None:
    with open_store(tmp_path / "db") as store:
        assert store.load([data_file], validate=False).graph == GRAPH_BASE + "export-x"
        for reserved in (ONTOLOGY_GRAPH, METADATA_GRAPH):
            with pytest.raises(InputError, match="reserved"):
                store.load([data_file], reserved, validate=False)
        with pytest.raises(InputError, match="absolute IRI"):
            store.load([data_file], "not an iri", validate=False)


def test_loading_again_replaces_instead_of_duplicating(tmp_path: Path, data_file: Path) -> None:
    with open_store(tmp_path / "db") as store:
        first = store.load([data_file], organisation="org-x", validate=False)
        before = quads(store)
        again = store.load([data_file], organisation="org-x", validate=False)
        assert again.replaced and graph_quads(store, first.graph) == graph_quads(store, again.graph)
        assert len(quads(store)) == len(before)
        data_file.write_text(
            DATA.replace(
                '"s1" .', '"s1" ; ref:startDate "2024-01-02"^^<http://www.w3.org/2001/XMLSchema#date> .'
            ),
            encoding="utf-8",
        )
        store.load([data_file], organisation="org-x", validate=False)
        assert len(graph_quads(store, first.graph)) == 4
        assert [g.triples for g in store.graphs() if g.iri == first.graph] == [4]


def test_two_exports_two_graphs_and_one_ontology_graph(tmp_path: Path, data_file: Path) -> None:
    other = tmp_path / "other.ttl"
    other.write_text(DATA.replace("org-x", "org-y"), encoding="utf-8")
    with open_store(tmp_path / "db") as store:
        first = store.load([data_file], organisation="org-x", validate=False)
        assert first.ontology_reloaded
        second = store.load([other], organisation="org-y", validate=False)
        assert not second.ontology_reloaded, "the ontology is loaded once"
        kinds = sorted((g.kind, g.iri) for g in store.graphs())
        assert kinds == [
            ("data", GRAPH_BASE + "org-x"),
            ("data", GRAPH_BASE + "org-y"),
            ("ontology", ONTOLOGY_GRAPH),
        ]
        # The ontology is there for queries: concepts and their practice layers.
        ask = store.query(
            "ASK { <https://w3id.org/referentiel/concept/intervention-type-home-visit> "
            "<https://w3id.org/referentiel/ontology#practiceLayer> "
            "<https://w3id.org/referentiel/concept/layer-network-work> }"
        )
        assert ask.boolean is True
        count = store.query(
            "SELECT (COUNT(*) AS ?n) WHERE { ?s <https://w3id.org/referentiel/ontology#localId> ?id }"
        )
        assert count.rows[0][0].value == "2"


def test_ontology_reloaded_when_it_changes(
    tmp_path: Path, data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(tmp_path / "db") as store:
        store.load([data_file], validate=False)
        assert not store.ensure_ontology()
        real = store_base.bundled_ontology()
        marker = ox.Triple(
            ox.NamedNode("https://w3id.org/referentiel/ontology"),
            ox.NamedNode("http://www.w3.org/2002/07/owl#versionInfo"),
            ox.Literal("next"),
        )
        monkeypatch.setattr(
            store_base, "bundled_ontology", lambda: (real[0] + [marker], "0" * 64, real[2], real[3])
        )
        assert store.ensure_ontology()
        assert store.ontology_state() == "0" * 64
        assert str(
            ox.Quad(marker.subject, marker.predicate, marker.object, ox.NamedNode(ONTOLOGY_GRAPH))
        ) in graph_quads(store, ONTOLOGY_GRAPH)
        assert len(graph_quads(store, ONTOLOGY_GRAPH)) == len(set(real[0])) + 1


def test_non_conforming_export_refused_unless_forced(tmp_path: Path) -> None:
    invalid = example("invalid-dates.ttl")
    with open_store(tmp_path / "db") as store:
        store.load([example("conforming-network.ttl")], organisation="network")
        before = quads(store)
        with pytest.raises(LoadRefused) as refused:
            store.load([invalid], organisation="dates")
        assert refused.value.exit_code == 1
        assert quads(store) == before, "a refused export leaves the store as it was"
        forced = store.load([invalid], organisation="dates", force=True)
        assert forced.forced and forced.validation.violations > 0
        info = {g.iri: g for g in store.graphs()}
        assert info[forced.graph].forced is True and info[forced.graph].conforms is False
        assert info[GRAPH_BASE + "network"].forced is False and info[GRAPH_BASE + "network"].conforms is True


def test_failing_input_at_end_of_batch_changes_nothing(tmp_path: Path, data_file: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text(DATA + '\n<a> <b> "unterminated .\n', encoding="utf-8")
    with open_store(tmp_path / "db") as store:
        store.load([data_file], organisation="org-x", validate=False)
        before = quads(store)
        other = tmp_path / "more.ttl"
        other.write_text(DATA.replace("s1", "s2"), encoding="utf-8")
        with pytest.raises(InputError) as err:
            store.load([other, data_file, broken], organisation="org-x", validate=False)
        assert err.value.file.endswith("broken.ttl") and err.value.line == 5
        assert quads(store) == before


def test_python_api_loads_an_in_memory_graph(tmp_path: Path, data_file: Path) -> None:
    graph = Graph().parse(data_file)
    with open_store(tmp_path / "db") as store:
        result = load(
            store, graph, GRAPH_BASE + "intake-x", source=[data_file], conforms=True, organisation="org-x"
        )
        assert result.triples == 3 and result.sources[0].name == "export-x.ttl"
        info = {g.iri: g for g in store.graphs()}[GRAPH_BASE + "intake-x"]
        assert info.conforms is True and info.organisation == "org-x"


def test_store_errors_are_clear(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store here yet"):
        open_store(tmp_path / "missing", create=False)
    with open_store(tmp_path / "db"), pytest.raises(StoreError, match="in use by another process"):
        open_store(tmp_path / "db")
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="is a file"):
        open_store(tmp_path / "file")


KILLED_LOADER = textwrap.dedent("""
    import sys
    from referentiel.store import open_store

    store = open_store(sys.argv[1])
    method = sys.argv[3]  # the embedded store's write: _update (reload) or _extend (new graph)
    write = getattr(store, method)

    def marked(payload):
        print("WRITING", flush=True)
        write(payload)
        print("DONE", flush=True)

    setattr(store, method, marked)
    store.load([sys.argv[2]], organisation="org-0", validate=False)
""")


@pytest.mark.parametrize(
    ("method", "first"),
    [("_update", "org-0"), ("_extend", "org-1")],
    ids=["reload-one-update", "new-graph-one-extend"],
)
def test_load_killed_half_way_leaves_store_unchanged(tmp_path: Path, method: str, first: str) -> None:
    """SIGKILL a loading process while its single write transaction runs; reopen: nothing changed.

    Reloading an export (graph org-0 already there) writes with one SPARQL update; loading a new
    export (only org-1 there) with one ``Store.extend`` of data and metadata quads.
    """
    small = generate(families=30, orgs=1, seed=1).write(tmp_path / "old")[0]
    big = generate(families=1500, orgs=1, seed=2).write(tmp_path / "new")[0]  # ~180k triples
    db = tmp_path / "db"
    with open_store(db) as store:
        store.load([small], organisation=first, validate=False)
        before = quads(store)
    script = tmp_path / "loader.py"
    script.write_text(KILLED_LOADER, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(script), str(db), str(big), method], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "WRITING"
    time.sleep(0.3)
    os.kill(process.pid, signal.SIGKILL)
    rest = process.stdout.read()
    assert process.wait() == -signal.SIGKILL
    assert "DONE" not in rest, "the write finished before the kill: make the new export bigger"
    with open_store(db) as store:
        assert quads(store) == before
        assert not store.oxigraph.contains_named_graph(ox.NamedNode(GRAPH_BASE + "org-0")) or first == "org-0"
        assert [g.triples for g in store.graphs() if g.kind == "data"] == [
            len(graph_quads(store, GRAPH_BASE + first))
        ]


class _FailingExtend:
    """Wraps a pyoxigraph store so that ``extend`` fails half-way through its quads (disk full...)."""

    def __init__(self, real: ox.Store) -> None:
        self.real = real

    def __getattr__(self, name: str):  # noqa: ANN204
        return getattr(self.real, name)

    def extend(self, items: list[ox.Quad]) -> None:
        def failing():  # noqa: ANN202
            for i, quad in enumerate(items):
                if i == len(items) // 2:
                    raise OSError("no space left on device (simulated)")
                yield quad

        self.real.extend(failing())


def test_write_failing_half_way_leaves_store_unchanged(tmp_path: Path) -> None:
    new = generate(families=40, orgs=1, seed=3).write(tmp_path / "new")[0]
    with open_store(tmp_path / "db") as store:
        store.load(
            [generate(families=20, orgs=1, seed=4).write(tmp_path / "old")[0]],
            organisation="org-1",
            validate=False,
        )
        before = quads(store)
        store._store = _FailingExtend(store.oxigraph)
        with pytest.raises(StoreError, match="refused the load"):
            store.load([new], organisation="org-0", validate=False)
        store._store = store._store.real
        assert quads(store) == before
        # the same export then loads normally, data and metadata together
        result = store.load([new], organisation="org-0", validate=False)
        assert len(graph_quads(store, result.graph)) == result.triples > 0
        assert {g.iri: g.triples for g in store.graphs()}[result.graph] == result.triples


def test_new_graph_and_reload_write_the_same_quads(tmp_path: Path) -> None:
    """The fast first-load path (extend) and the reload path (update) leave identical graphs."""
    export = generate(families=25, orgs=1, seed=5).write(tmp_path / "x")[0]
    other = generate(families=25, orgs=1, seed=6).write(tmp_path / "y")[0]
    with open_store(tmp_path / "a") as first, open_store(tmp_path / "b") as second:
        first.load([export], organisation="org-0", validate=False)
        second.load([other], organisation="org-0", validate=False)  # then replaced by the same export
        second.load([export], organisation="org-0", validate=False)
        graph = GRAPH_BASE + "org-0"
        assert graph_quads(first, graph) == graph_quads(second, graph)

        def shape(store) -> set[str]:  # noqa: ANN001 - metadata without times
            rows = store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(METADATA_GRAPH))
            return {
                str(q)
                for q in rows
                if "Time" not in q.predicate.value and "modified" not in q.predicate.value
            }

        assert shape(first) == shape(second)
