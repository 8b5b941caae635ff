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
from referentiel.store.base import GraphWrite, SourceFile, Store, ValidationOutcome
from referentiel.store.synthetic import corrected, generate

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
            "<https://w3id.org/referentiel/concept/direct-support> }"
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
    import time
    from referentiel.store import loading, open_store

    store = open_store(sys.argv[1])
    method = sys.argv[3]  # the write: the store's _update (the commit) or the file's bulk load (staged)
    owner = loading if method == "_bulk" else store
    write = getattr(owner, method)

    def marked(payload, *rest):
        if isinstance(payload, str):  # which update: the difference or the full replacement
            kind = "replace" if payload.startswith("DROP SILENT GRAPH") else "diff"
        else:
            kind = "insert"
        print("WRITING", kind, flush=True)
        write(payload, *rest)
        print("DONE", flush=True)
        if kind == "insert":  # staged, not committed yet: the moment a kill must leave invisible
            time.sleep(60)

    setattr(owner, method, marked)
    store.load([sys.argv[2]], organisation="org-0", validate=False)
""")

BLANK_NODE_LINE = (
    "<https://w3id.org/referentiel/data/org-0/intervention/i1> "
    "<https://w3id.org/referentiel/ontology#originalValue> _:v1 .\n"
    '_:v1 <https://w3id.org/referentiel/ontology#sourceColumn> "type" .\n'
)


@pytest.mark.parametrize(
    ("method", "first", "kind"),
    [("_update", "org-0", "diff"), ("_update", "org-0", "replace"), ("_bulk", "org-1", "insert")],
    ids=["reload-diff-update", "reload-blank-nodes-full-update", "new-graph-bulk-load"],
)
def test_load_killed_half_way_leaves_store_unchanged(
    tmp_path: Path, method: str, first: str, kind: str
) -> None:
    """SIGKILL a loading process while its single write transaction runs; reopen: nothing changed.

    Reloading an export (graph org-0 already there) writes with one SPARQL update: the difference
    (``DELETE DATA`` / ``INSERT DATA``), or the full replacement when the new export holds blank
    nodes; loading a new export (only org-1 there) with the bulk loader into a staged graph that no
    query sees, dropped when the store is opened again.
    """
    big = generate(families=1500, orgs=1, seed=2).write(tmp_path / "new")[0]  # ~180k triples
    # the old version: the beginning of the new one (an export that grew: a difference to write)
    small = tmp_path / "old.nt"
    small.write_text("".join(big.read_text(encoding="utf-8").splitlines(True)[:3000]), encoding="utf-8")
    if kind == "replace":
        with big.open("a", encoding="utf-8") as out:
            out.write(BLANK_NODE_LINE)
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
    assert process.stdout.readline().strip() == f"WRITING {kind}"
    if kind == "insert":  # the bulk load is over and its data on disk: kill before the commit
        assert process.stdout.readline().strip() == "DONE"
    else:
        time.sleep(0.3)
    os.kill(process.pid, signal.SIGKILL)
    rest = process.stdout.read()
    assert process.wait() == -signal.SIGKILL
    assert "DONE" not in rest, "the write finished before the kill: make the new export bigger"
    if kind == "insert":  # before any writable open: the staged graph is there, but no query sees it
        with open_store(db, read_only=True) as store:
            assert store.oxigraph.contains_named_graph(ox.NamedNode(GRAPH_BASE + "org-0"))
            staged = f"<{GRAPH_BASE}org-0>"
            assert not store.query(f"ASK {{ GRAPH {staged} {{ ?s ?p ?o }} }}").boolean
            assert not store.query(f"ASK {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g = {staged}) }}").boolean
            assert [g.iri for g in store.graphs() if g.kind == "data"] == [GRAPH_BASE + first]
    with open_store(db) as store:
        assert quads(store) == before
        assert not store.oxigraph.contains_named_graph(ox.NamedNode(GRAPH_BASE + "org-0")) or first == "org-0"
        assert [g.triples for g in store.graphs() if g.kind == "data"] == [
            len(graph_quads(store, GRAPH_BASE + first))
        ]


class _FailingExtend:
    """Wraps a pyoxigraph store so that ``bulk_extend`` (``extend`` for small loads) and a file's
    ``bulk_load`` (``load``) fail half-way through their statements (disk full...)."""

    def __init__(self, real: ox.Store) -> None:
        self.real = real

    def __getattr__(self, name: str):  # noqa: ANN204
        return getattr(self.real, name)

    def bulk_extend(self, items: list[ox.Quad]) -> None:
        def failing():  # noqa: ANN202
            for i, quad in enumerate(items):
                if i == len(items) // 2:
                    raise OSError("no space left on device (simulated)")
                yield quad

        self.real.bulk_extend(failing())

    def bulk_load(self, input=None, format=None, *, path=None, base_iri=None, to_graph=None):  # noqa: A002, ANN001
        """A file's load (``load`` for a small one): half of its statements written, then the failure."""
        data = Path(path).read_bytes() if path is not None else input
        half = data[: data.rfind(b"\n", 0, len(data) // 2) + 1]
        self.real.bulk_load(half, format=format, base_iri=base_iri, to_graph=to_graph)
        raise OSError("no space left on device (simulated)")

    load = bulk_load

    def extend(self, items: list[ox.Quad]) -> None:
        if len(items) <= 2:  # the staging markers
            self.real.extend(items)
            return
        self.bulk_extend(items)


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


class _FailingUpdate:
    """Wraps a pyoxigraph store so that ``update`` fails at its very end, after every deletion and
    insertion of the request ran: ``CREATE GRAPH`` of a graph that exists is an error (SPARQL 1.1
    Update, 3.2.1), so the whole request must be rolled back."""

    def __init__(self, real: ox.Store) -> None:
        self.real = real

    def __getattr__(self, name: str):  # noqa: ANN204
        return getattr(self.real, name)

    def update(self, text: str) -> None:
        self.real.update(text + f" ;\nCREATE GRAPH <{METADATA_GRAPH}>")


@pytest.mark.parametrize("kind", ["diff", "replace"])
def test_reload_failing_at_the_end_of_its_update_leaves_store_unchanged(tmp_path: Path, kind: str) -> None:
    old = generate(families=30, orgs=1, seed=3).graphs()["org-0"]
    new = corrected(old, 0.2)[:-40]  # rows corrected and rows gone: deletions and insertions
    if kind == "replace":  # a blank node in the new version: the full replacement
        extra = ox.BlankNode()
        new += [ox.Triple(old[0].subject, ox.NamedNode(REF + "originalValue"), extra)]
    graph = GRAPH_BASE + "org-0"
    with open_store(tmp_path / "db") as store:
        store.load_graph(old, graph, context=LoadContext(profile="p", profile_version="1"), validate=False)
        before = quads(store)
        store._store = _FailingUpdate(store.oxigraph)
        with pytest.raises(StoreError, match="refused the update"):
            store.load_graph(new, graph, validate=False)
        store._store = store._store.real
        assert quads(store) == before
        result = store.load_graph(new, graph, validate=False)
        assert result.write is not None and result.write.mode == kind
        assert graph_quads(store, graph) == graph_quads_of(new, graph) or kind == "replace"
        assert len(graph_quads(store, graph)) == result.triples == len(set(new))


REF = "https://w3id.org/referentiel/ontology#"


def graph_quads_of(triples: list[ox.Triple], graph: str) -> set[str]:
    """What ``graph_quads`` gives once ``triples`` are the whole graph (literals as the store keeps them)."""
    return {str(ox.Quad(*t, ox.NamedNode(graph))) for t in triples}


def test_reload_writes_only_what_changed(tmp_path: Path) -> None:
    export = list(dict.fromkeys(generate(families=40, orgs=1, seed=7).graphs()["org-0"]))
    fixed = corrected(export, 0.1)
    changed = sum(a != b for a, b in zip(export, fixed, strict=True))
    assert changed > 10
    graph = GRAPH_BASE + "org-0"
    with open_store(tmp_path / "db") as store:
        first = store.load_graph(export, graph, validate=False)
        assert first.write is not None
        assert (first.write.mode, first.write.removed, first.write.added) == ("insert", 0, len(export))
        same = store.load_graph(export, graph, validate=False)
        assert same.replaced and same.triples == len(export)
        assert same.write is not None
        assert (same.write.mode, same.write.removed, same.write.added) == ("diff", 0, 0)
        assert graph_quads(store, graph) == graph_quads_of(export, graph)
        again = store.load_graph(fixed, graph, validate=False)
        assert again.write is not None
        assert (again.write.mode, again.write.removed, again.write.added) == ("diff", changed, changed)
        assert graph_quads(store, graph) == graph_quads_of(fixed, graph)
        fewer = store.load_graph(fixed[:-25] + [fixed[-1]], graph, validate=False)
        assert fewer.write is not None
        assert (fewer.write.removed, fewer.write.added) == (24, 0)
        assert graph_quads(store, graph) == graph_quads_of(fixed[:-25] + [fixed[-1]], graph)
        assert {g.iri: g.triples for g in store.graphs()}[graph] == len(fixed) - 24 == fewer.triples


def test_literals_the_store_rewrites_are_written_again_and_end_right(tmp_path: Path) -> None:
    """Oxigraph keeps ``"01"^^xsd:integer`` as ``"1"``: the export's form never matches the stored
    one, so such a statement is deleted and inserted again at each reload, and ends as a full
    replacement would leave it."""
    s, p = ox.NamedNode("https://w3id.org/referentiel/data/x/1"), ox.NamedNode(REF + "count")
    integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    data = [
        ox.Triple(s, p, ox.Literal("01", datatype=integer)),
        ox.Triple(s, ox.NamedNode(REF + "language"), ox.Literal("x", language="FR")),  # kept "fr" at once
        ox.Triple(s, ox.NamedNode(REF + "localId"), ox.Literal("1")),
    ]
    graph = GRAPH_BASE + "x"
    with open_store(tmp_path / "a") as by_diff, open_store(tmp_path / "b") as by_full:
        by_full._replace_graph = Store._replace_graph.__get__(by_full)
        for store in (by_diff, by_full):
            store.load_graph(data, graph, validate=False)
            again = store.load_graph(data, graph, validate=False)
        assert (again.write.mode, by_diff.load_graph(data, graph, validate=False).write) == (
            "replace",
            GraphWrite("diff", 1, 1),
        )
        assert graph_quads(by_diff, graph) == graph_quads(by_full, graph)
        assert len(graph_quads(by_diff, graph)) == 3


def test_a_difference_larger_than_the_export_is_a_full_replacement(tmp_path: Path) -> None:
    """Another export in the graph's place: deleting its statements one by one would cost more
    than dropping the graph (docs/performance.md), so the graph is replaced."""
    a = list(dict.fromkeys(generate(families=20, orgs=1, seed=21).graphs()["org-0"]))
    b = [ox.Triple(ox.NamedNode(t.subject.value + "-b"), t.predicate, t.object) for t in a]
    graph = GRAPH_BASE + "org-0"
    with open_store(tmp_path / "db") as store:
        store.load_graph(a, graph, validate=False)
        other = store.load_graph(b, graph, validate=False)
        assert other.write is not None and other.write.mode == "replace"
        assert graph_quads(store, graph) == graph_quads_of(b, graph)
        empty = store.load_graph([], graph, validate=False)  # an empty export: the graph dropped
        assert empty.write is not None and empty.write.mode == "replace" and empty.triples == 0
        assert graph_quads(store, graph) == set()
        assert {g.iri: g.triples for g in store.graphs()}[graph] == 0
        grown = store.load_graph(b[:10], graph, validate=False)
        assert grown.write is not None and (grown.write.mode, grown.write.added) == ("diff", 10)
        store.diff_limit = 0.01  # smaller differences only
        assert store.load_graph(b[:20], graph, validate=False).write == GraphWrite("replace")


def test_blank_nodes_fall_back_to_the_full_replacement(tmp_path: Path) -> None:
    """``DELETE DATA`` cannot hold blank nodes: with any in either version, the graph is replaced."""
    network = example("conforming-network.ttl")  # an original value as a blank node
    plain = generate(families=10, orgs=1, seed=8).graphs()["org-0"]
    graph = GRAPH_BASE + "network"

    def blank_quads(store) -> int:  # noqa: ANN001
        rows = store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        return sum(isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in rows)

    with open_store(tmp_path / "db") as store:
        first = store.load([network], graph, validate=False)
        blanks = blank_quads(store)
        assert blanks > 0
        for _ in range(2):  # the same export again: replaced, its blank nodes not duplicated
            again = store.load([network], graph, validate=False)
            assert again.write is not None and again.write.mode == "replace" and again.replaced
            assert blank_quads(store) == blanks
            assert len(graph_quads(store, graph)) == first.triples
        # blank nodes in the store's version only
        gone = store.load_graph(plain, graph, validate=False)
        assert gone.write is not None and gone.write.mode == "replace"
        assert blank_quads(store) == 0 and graph_quads(store, graph) == graph_quads_of(plain, graph)
        # none on either side: the difference again
        back = store.load_graph(plain, graph, validate=False)
        assert back.write is not None and (back.write.mode, back.write.added) == ("diff", 0)
        # blank nodes in the new version only
        with_blank = store.load([network], graph, validate=False)
        assert with_blank.write is not None and with_blank.write.mode == "replace"
        assert blank_quads(store) == blanks and len(graph_quads(store, graph)) == first.triples


def test_new_graph_and_reload_write_the_same_quads(tmp_path: Path) -> None:
    """The first-load path (extend), the reload by difference (update) and the full replacement
    (update) leave identical graphs and metadata."""
    export = generate(families=25, orgs=1, seed=5).write(tmp_path / "x")[0]
    other = generate(families=25, orgs=1, seed=6).write(tmp_path / "y")[0]
    with (
        open_store(tmp_path / "a") as first,
        open_store(tmp_path / "b") as second,
        open_store(tmp_path / "c") as third,
    ):
        second.diff_limit = float("inf")  # a difference, however large
        third._replace_graph = Store._replace_graph.__get__(third)  # always the full replacement
        first.load([export], organisation="org-0", validate=False)
        second.load([other], organisation="org-0", validate=False)  # then replaced by the same export
        diff = second.load([export], organisation="org-0", validate=False)
        assert diff.write is not None and diff.write.mode == "diff" and diff.write.removed
        third.load([other], organisation="org-0", validate=False)
        full = third.load([export], organisation="org-0", validate=False)
        assert full.write is not None and full.write.mode == "replace"
        graph = GRAPH_BASE + "org-0"
        assert graph_quads(first, graph) == graph_quads(second, graph) == graph_quads(third, graph)

        def shape(store) -> set[str]:  # noqa: ANN001 - metadata without times
            rows = store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(METADATA_GRAPH))
            return {
                str(q)
                for q in rows
                if "Time" not in q.predicate.value and "modified" not in q.predicate.value
            }

        assert shape(first) == shape(second) == shape(third)


def test_reload_by_difference_leaves_exactly_what_a_full_replacement_leaves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same loads into two stores, one always replacing the whole graph: with the clock fixed,
    every quad of both stores (data and metadata) is the same after each load, including
    validation and forced-load metadata, source files and a profile that disappears."""
    monkeypatch.setattr(store_base, "now", lambda: "2026-11-26T20:00:00Z")
    a = generate(families=30, orgs=1, seed=11).graphs()["org-0"]
    b = generate(families=30, orgs=1, seed=12).graphs()["org-0"]
    graph = GRAPH_BASE + "org-0"
    files = [SourceFile("a.nt", "ab" * 32, 100, len(a)), SourceFile("b.nt", "cd" * 32, 50, 0)]
    rich = LoadContext(
        organisation="org 0",
        profile="cpas",
        profile_version="2",
        mapping_set="terms",
        mapping_set_version="2024-05",
        original_files=[("usagers.csv", "ef" * 32)],
    )
    not_validated = ValidationOutcome(False, None)
    failed = ValidationOutcome(True, False, 5, 3, 2, None, passed=False)
    passed = ValidationOutcome(True, True, 0, 0, 0, None, passed=True)
    steps = [
        (a, [files[0]], not_validated, False, rich, "insert"),
        (a, [files[0]], passed, False, rich, "diff"),  # identical export
        (corrected(a, 0.1), files, failed, True, LoadContext(organisation="org 0"), "diff"),
        (b, [files[1]], passed, False, LoadContext(), "diff"),  # another export entirely
        (corrected(b, 0.3)[:-20], [], not_validated, False, rich, "diff"),
    ]
    with open_store(tmp_path / "diff") as by_diff, open_store(tmp_path / "full") as by_full:
        by_diff.diff_limit = float("inf")  # a difference, however large
        by_full._replace_graph = Store._replace_graph.__get__(by_full)
        for triples, sources, outcome, force, context, mode in steps:
            results = [
                store.load_triples(
                    triples, graph, files=sources, validation=outcome, force=force, context=context
                )
                for store in (by_diff, by_full)
            ]
            assert results[0].write is not None and results[0].write.mode == mode
            assert results[1].write is not None and results[1].write.mode == "replace"
            assert results[0].triples == results[1].triples and results[0].forced == results[1].forced
            # the ontology's blank nodes get new labels when written by INSERT DATA: compared by size
            assert quads(by_diff) - graph_quads(by_diff, ONTOLOGY_GRAPH) == quads(by_full) - graph_quads(
                by_full, ONTOLOGY_GRAPH
            )
            assert len(graph_quads(by_diff, ONTOLOGY_GRAPH)) == len(graph_quads(by_full, ONTOLOGY_GRAPH))
        info = {g.iri: g for g in by_diff.graphs()}[graph]
        assert info.triples == len(set(corrected(b, 0.3)[:-20])) and info.organisation == "org-0"
