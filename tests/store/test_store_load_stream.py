"""`load FILE...` streams its files into a staging graph: the guards of every RDF reader still hold,
validation there gives the results `referentiel validate` gives, and a refused or broken load leaves
nothing visible (and nothing staged once the store is reopened)."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from referentiel import limits
from referentiel.errors import InputError
from referentiel.store import GRAPH_BASE, open_store
from referentiel.store.base import LoadRefused
from referentiel.store.staging import staged_graphs
from referentiel.validation import validate

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "rdf"
EXPECTED = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))["files"]


def _visible(store) -> set[str]:  # noqa: ANN001
    return {g.iri for g in store.graphs() if g.kind == "data"}


@pytest.mark.parametrize("where", ["memory", "staged"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validation_in_the_staging_graph_matches_validate(
    tmp_path: Path, name: str, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same counts as `referentiel validate` (bundled shapes and ontology, privacy scan
    included: invalid-privacy.ttl), whether validation runs in an in-memory copy (small exports)
    or where the export is staged (large ones); a refused export leaves the store as it was."""
    from referentiel.store import loading

    if where == "staged":
        monkeypatch.setattr(loading, "MEMORY_VALIDATION", 0)
    report = validate(EXAMPLES / name, lang="en")
    counts = report.counts
    with open_store(tmp_path / "db") as store:
        if report.passed:
            result = store.load([EXAMPLES / name], GRAPH_BASE + "x")
            outcome = result.validation
        else:
            with pytest.raises(LoadRefused):
                store.load([EXAMPLES / name], GRAPH_BASE + "x")
            assert _visible(store) == set() and staged_graphs(store.oxigraph) == []
            outcome = store.load([EXAMPLES / name], GRAPH_BASE + "x", force=True).validation
        assert (outcome.violations, outcome.warnings, outcome.results) == (
            counts.get("violation", 0),
            counts.get("warning", 0),
            len(report.results),
        ), name
        assert outcome.passed == report.passed


def test_privacy_scan_runs_on_loaded_data(tmp_path: Path) -> None:
    """A national number typed into a free-text field is a violation of a load, found by the scan
    that completes the SPARQL constraint; the error counts it, never quotes it."""
    number = "85.07.30-033.28"
    data = tmp_path / "leak.ttl"
    data.write_text(
        "@prefix ref: <https://w3id.org/referentiel/ontology#> .\n"
        "<https://w3id.org/referentiel/data/x/situation/s1> a ref:Situation ;\n"
        f'    ref:localId "s1" ; <http://www.w3.org/2004/02/skos/core#note> "voir {number} demain" .\n',
        encoding="utf-8",
    )
    report = validate(data, lang="en")
    assert not report.passed
    with open_store(tmp_path / "db") as store:
        with pytest.raises(LoadRefused) as refused:
            store.load([data], GRAPH_BASE + "x")
        assert number not in str(refused.value) and _visible(store) == set()


def test_syntax_error_names_file_line_and_column(tmp_path: Path) -> None:
    """A big N-Triples file (bulk loader) broken far down: file, line and column; the name on that
    line is not quoted; nothing visible, nothing left staged."""
    lines = [f'<https://e.org/s{i}> <https://e.org/p> "v{i}" .\n' for i in range(50_000)]
    lines[40_000] = '<https://e.org/s> <https://e.org/p> "Dupont Marie .\n'
    big = tmp_path / "big.nt"
    big.write_text("".join(lines), encoding="utf-8")
    assert big.stat().st_size > 2 * 1024**2  # through the bulk loader, not the small-file path
    with open_store(tmp_path / "db") as store:
        with pytest.raises(InputError) as caught:
            store.load([big], GRAPH_BASE + "x", validate=False)
        text = str(caught.value)
        assert "big.nt" in text and "40001" in text and "Dupont" not in text
        assert _visible(store) == set() and staged_graphs(store.oxigraph) == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.nt", b"  \n\n", "empty"),
        ("binary.nt", b"\x00\x01\x02 not rdf", "binary"),
        ("missing.nt", None, "not found"),
        (
            "bomb.rdf",
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;'
            b'&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><rdf:RDF '
            b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="http://e.org/a">'
            b"<rdf:value>&c;</rdf:value></rdf:Description></rdf:RDF>",
            "entit",
        ),
        (
            "remote.jsonld",
            b'{"@context": "https://example.org/context.jsonld", "@id": "http://e.org/a"}',
            "context",
        ),
        ("table.csv", b"a;b\n1;2\n", "partner export"),
    ],
)
def test_guards_before_any_parser(tmp_path: Path, name: str, content: bytes | None, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with open_store(tmp_path / "db") as store:
        with pytest.raises(InputError, match=message):
            store.load([path], GRAPH_BASE + "x", validate=False)
        assert _visible(store) == set() and staged_graphs(store.oxigraph) == []


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "data.nt"
    path.write_text('<https://e.org/s> <https://e.org/p> "v" .\n' * 100, encoding="utf-8")
    with (
        open_store(tmp_path / "db") as store,
        limits.applied(limits.parse(["file=1000"])),
        pytest.raises(InputError, match="limit"),
    ):
        store.load([path], GRAPH_BASE + "x", validate=False)


def test_quads_merged_and_blank_nodes_renamed_per_file(tmp_path: Path) -> None:
    """The named graphs of N-Quads / TriG go into the export's graph; ``_:b`` of two files are two
    nodes (an RDF merge); Turtle, RDF/XML and JSON-LD load as well; per-file counts and checksums."""
    (tmp_path / "a.nq").write_text(
        '<https://e.org/a> <https://e.org/p> "1" <https://e.org/g1> .\n_:b <https://e.org/p> "x" .\n',
        encoding="utf-8",
    )
    (tmp_path / "b.trig").write_text(
        '<https://e.org/g2> { <https://e.org/b> <https://e.org/p> "2" . _:b <https://e.org/p> "x" . }\n',
        encoding="utf-8",
    )
    (tmp_path / "c.ttl").write_text('<https://e.org/c> <https://e.org/p> "3" .\n', encoding="utf-8")
    (tmp_path / "d.jsonld").write_text('{"@id": "https://e.org/d", "https://e.org/p": "4"}', encoding="utf-8")
    (tmp_path / "e.rdf").write_text(
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:e="https://e.org/"><rdf:Description rdf:about="https://e.org/e"><e:p>5</e:p>'
        "</rdf:Description></rdf:RDF>",
        encoding="utf-8",
    )
    names = ["a.nq", "b.trig", "c.ttl", "d.jsonld", "e.rdf"]
    graph = GRAPH_BASE + "x"
    with open_store(tmp_path / "db") as store:
        result = store.load([tmp_path / n for n in names], graph, validate=False)
        quads = list(store.oxigraph.quads_for_pattern(None, None, None, None))
        data = [q for q in quads if q.graph_name == ox.NamedNode(graph)]
        assert len(data) == result.triples == 7
        assert {q.graph_name.value for q in quads} <= {
            graph,
            GRAPH_BASE + "metadata",
            GRAPH_BASE + "ontology",
        }
        assert len({q.subject for q in data if isinstance(q.subject, ox.BlankNode)}) == 2
        assert [(s.name, s.triples) for s in result.sources] == [
            ("a.nq", 2),
            ("b.trig", 2),
            ("c.ttl", 1),
            ("d.jsonld", 1),
            ("e.rdf", 1),
        ]
        assert result.write is not None and (result.write.mode, result.write.added) == ("insert", 7)


def test_reload_of_a_file_counts_its_difference(tmp_path: Path) -> None:
    lines = [f'<https://e.org/s{i}> <https://e.org/p> "v{i}" .\n' for i in range(100)]
    path = tmp_path / "x.nt"
    path.write_text("".join(lines), encoding="utf-8")
    graph = GRAPH_BASE + "x"
    with open_store(tmp_path / "db") as store:
        store.load([path], graph, validate=False)
        path.write_text(
            "".join(lines[:90]) + '<https://e.org/new> <https://e.org/p> "n" .\n', encoding="utf-8"
        )
        again = store.load([path], graph, validate=False)
        assert again.write is not None and (again.write.mode, again.write.removed, again.write.added) == (
            "diff",
            10,
            1,
        )
        assert again.triples == 91 and _visible(store) == {graph}
        other = tmp_path / "other.nt"
        other.write_text('<https://e.org/z> <https://e.org/p> "z" .\n', encoding="utf-8")
        replaced = store.load([other], graph, validate=False)  # another export in its place
        assert replaced.write is not None and replaced.write.mode == "replace" and replaced.triples == 1
        assert staged_graphs(store.oxigraph) == []


def test_upload_chunks_cut_the_staged_graph_at_statement_ends() -> None:
    """What a server receives: N-Triples documents of at most ``size`` statements, together the
    staged graph exactly (a literal holding a line break stays one statement)."""
    from referentiel.store.remote_staging import chunks
    from referentiel.store.staging import Staging

    staging = Staging.scratch_store(GRAPH_BASE + "x")
    try:
        p = ox.NamedNode("https://e.org/p")
        triples = [
            ox.Triple(ox.NamedNode(f"https://e.org/s{i}"), p, ox.Literal(f"v{i}\nline")) for i in range(25)
        ]
        staging.store.extend(ox.Quad(*t, ox.NamedNode(staging.staged)) for t in triples)
        documents = list(chunks(staging, size=10))
        assert [d.count(b"\n") for d in documents] == [10, 10, 5]
        parsed = [q.triple for d in documents for q in ox.parse(d, format=ox.RdfFormat.N_TRIPLES)]
        assert sorted(map(str, parsed)) == sorted(map(str, triples))
    finally:
        staging.discard()
