"""`ingest --endpoint` and `query --endpoint` against OpenLink Virtuoso 7, started by the tests on loopback.

Same statuses, graphs, triple counts, validation results and catalogue answers as the embedded store.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from referentiel.cli import cli
from referentiel.errors import ConfigError
from referentiel.intake import ingest
from referentiel.intake.generator import generate
from referentiel.queries import catalogue, run
from referentiel.store import open_store
from referentiel.store.remote import RemoteStore
from referentiel.store.remote_staging import upload
from referentiel.store.synthetic import generate as generate_synthetic
from referentiel.store.testing import VirtuosoServer

XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture(scope="module")
def virtuoso_server(tmp_path_factory) -> Iterator[VirtuosoServer]:  # noqa: ANN001
    server = VirtuosoServer(tmp_path_factory.mktemp("virtuoso"))
    with server:
        yield server


@pytest.fixture(scope="module")
def virtuoso(virtuoso_server: VirtuosoServer) -> str:
    return virtuoso_server.url


@pytest.fixture(scope="module")
def both(tmp_path_factory, virtuoso: str):  # noqa: ANN001, ANN201
    """The same generated exports (two loaded, two refused) ingested locally and into Virtuoso."""
    root = tmp_path_factory.mktemp("exports")
    data = root / "exports"
    generate(data, families=12, seed=7, defect_rate=0.03)
    key = data / "SYNTHETIC-ONLY.key"
    local = ingest(data, store=root / "store", key_file=key, lang="en")
    remote = ingest(data, endpoint=virtuoso, key_file=key, lang="en")
    return root, data, key, local, remote


_NUMBERS = {XSD + name for name in ("integer", "decimal", "double", "float")}


def _row(row: list) -> tuple:
    """A result row as comparable values: numbers by value (servers write integers as decimals
    and round decimals differently), other terms as they are."""
    return tuple(
        ("number", round(float(t.value), 9))
        if isinstance(t, ox.Literal) and t.datatype.value in _NUMBERS
        else ("term", str(t))
        for t in row
    )


def _findings(summary) -> list[tuple]:  # noqa: ANN001
    return [
        (e.organisation, f.severity, f.kind, f.file, f.sheet, f.row, f.column, f.message)
        for e in summary.exports
        for f in e.findings
    ]


def test_ingest_into_virtuoso_matches_the_embedded_store(both, virtuoso: str) -> None:  # noqa: ANN001
    root, _, _, local, remote = both
    assert RemoteStore(virtuoso).virtuoso
    assert {e.status for e in local.exports} == {"loaded", "refused"}
    assert [(e.organisation, e.status, e.triples, e.rows_read) for e in remote.exports] == [
        (e.organisation, e.status, e.triples, e.rows_read) for e in local.exports
    ]
    assert _findings(remote) == _findings(local)  # validation results, located, in the same words
    server = open_store(endpoint=virtuoso)
    with open_store(root / "store", create=False) as embedded:

        def described(store) -> list[tuple]:  # noqa: ANN001
            return sorted(
                (
                    g.iri,
                    g.kind,
                    g.triples,
                    g.organisation,
                    g.conforms,
                    g.forced,
                    g.violations,
                    tuple(g.sources),
                )
                for g in store.graphs()
            )

        assert described(server) == described(embedded)
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        assert server.query(count).rows == embedded.query(count).rows


@pytest.fixture(scope="module")
def with_synthetic(both, virtuoso: str):  # noqa: ANN001, ANN201
    """The synthetic network of tests/queries (80 families, 5 services: every catalogue query has
    rows) loaded besides the ingested exports, locally and into Virtuoso."""
    root = both[0]
    files = generate_synthetic(families=80, orgs=5, seed=11).write(root / "synthetic", "ttl")
    server = open_store(endpoint=virtuoso)
    with open_store(root / "store", create=False) as embedded:
        for path in files:
            embedded.load([path], organisation=path.stem, validate=False)
            server.load([path], organisation=path.stem, validate=False)
    return root


def test_catalogue_queries_answer_the_same_on_virtuoso(with_synthetic, virtuoso: str) -> None:  # noqa: ANN001
    server = open_store(endpoint=virtuoso)
    with open_store(with_synthetic / "store", create=False) as embedded:
        for query in catalogue():
            mine = run(query, embedded, lang="en")
            theirs = run(query, server, lang="en")
            assert mine.rows, query.name  # the data exercises every query
            assert theirs.result.variables == mine.result.variables, query.name
            assert sorted(map(_row, theirs.rows)) == sorted(map(_row, mine.rows)), query.name
            assert theirs.disclosure() == mine.disclosure(), query.name


def test_query_command_with_endpoint(both, virtuoso: str) -> None:  # noqa: ANN001
    root = both[0]
    runner = CliRunner()
    args = ["query", "plurality", "--format", "csv", "--lang", "en"]
    local = runner.invoke(cli, [*args, "--store", str(root / "store")])
    remote = runner.invoke(cli, [*args, "--endpoint", virtuoso])
    assert local.exit_code == remote.exit_code == 0, remote.output
    assert sorted(remote.output.splitlines()) == sorted(local.output.splitlines())


def test_reingest_replaces_and_staging_stays_invisible(both, virtuoso: str) -> None:  # noqa: ANN001
    _, data, key, _, remote = both
    server = open_store(endpoint=virtuoso)
    before = sorted((g.iri, g.triples) for g in server.graphs())
    # an upload that died before its commit: a staged graph with data, registered nowhere
    staged = "https://w3id.org/referentiel/graph/staging/died"
    upload(server, staged, b'<urn:x:s> <https://w3id.org/referentiel/ontology#localId> "ghost" .\n')
    ghost = 'ASK { ?s ?p "ghost" }'
    assert server.query(ghost, union=False).boolean is True  # it is on the server...
    assert server.query(ghost).boolean is False  # ...and no query of the dataset sees it
    again = ingest(data, endpoint=virtuoso, key_file=key, lang="en")
    assert [(e.status, e.triples) for e in again.exports] == [(e.status, e.triples) for e in remote.exports]
    assert sorted((g.iri, g.triples) for g in server.graphs()) == before


def test_store_moves_to_virtuoso_with_its_bulk_loader(both, tmp_path: Path, virtuoso: str) -> None:  # noqa: ANN001
    """docs/store.md: dump the embedded store as N-Quads, load it with ``ld_dir`` + ``rdf_loader_run``."""
    root = both[0]
    with open_store(root / "store", create=False) as embedded:
        dump = embedded.oxigraph.dump(format=ox.RdfFormat.N_QUADS)
        expected = sorted((g.iri, g.triples) for g in embedded.graphs())
    target = VirtuosoServer(tmp_path / "target")
    with target as url:
        (tmp_path / "target" / "store.nq").write_bytes(dump)
        target.isql(f"ld_dir('{tmp_path / 'target'}', 'store.nq', 'urn:referentiel:unused');")
        target.isql("rdf_loader_run();")
        target.isql("checkpoint;")
        moved = open_store(endpoint=url)
        assert sorted((g.iri, g.triples) for g in moved.graphs()) == expected


EXAMPLE = Path(__file__).parents[2] / "examples" / "rdf" / "conforming-network.ttl"
SECRET = "Pw-of-the-loader-7"


def test_digest_authentication_on_sparql_auth(
    virtuoso_server: VirtuosoServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Virtuoso's /sparql-auth and /sparql-graph-crud-auth speak HTTP Digest: an account with the
    SPARQL_UPDATE role loads and queries there, its password read from a file, never printed."""
    virtuoso_server.isql(f"DB.DBA.USER_CREATE('loader', '{SECRET}'); GRANT SPARQL_UPDATE TO \"loader\";")
    auth_url = virtuoso_server.url + "-auth"
    runner = CliRunner()
    monkeypatch.delenv("REFERENTIEL_ENDPOINT_PASSWORD", raising=False)
    monkeypatch.setenv("REFERENTIEL_ENDPOINT_USER", "loader")

    # no credentials: a clear 401 in the user's language, no traceback
    anonymous = runner.invoke(cli, ["query", "plurality", "--endpoint", auth_url, "--lang", "fr"])
    assert anonymous.exit_code != 0 and "401" in str(anonymous.exception)

    secret = tmp_path / "password"
    secret.write_text("wrong-one\n", encoding="utf-8")
    monkeypatch.setenv("REFERENTIEL_ENDPOINT_PASSWORD_FILE", str(secret))
    wrong = runner.invoke(cli, ["query", "plurality", "--endpoint", auth_url, "--lang", "nl"])
    assert wrong.exit_code != 0 and "401" in str(wrong.exception)
    assert "wrong-one" not in str(wrong.exception) + repr(wrong.exception)

    secret.write_text(SECRET + "\n", encoding="utf-8")
    args = ["--endpoint", auth_url, "--lang", "en"]
    loaded = runner.invoke(cli, ["load", str(EXAMPLE), "--organisation", "digest-org", *args])
    assert loaded.exit_code == 0, loaded.output
    listed = runner.invoke(cli, ["graphs", "--endpoint", auth_url, "--format", "json"])
    assert listed.exit_code == 0 and "digest-org" in listed.output
    for result in (anonymous, wrong, loaded, listed):
        assert SECRET not in result.output + repr(result.exception)
    with open_store(endpoint=virtuoso_server.url) as anonymous_reader:  # the data is the server's
        assert any(g.organisation == "digest-org" for g in anonymous_reader.graphs())


def test_unreadable_password_file_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFERENTIEL_ENDPOINT_USER", "loader")
    monkeypatch.setenv("REFERENTIEL_ENDPOINT_PASSWORD_FILE", str(tmp_path / "missing"))
    result = CliRunner().invoke(
        cli, ["query", "plurality", "--endpoint", "http://127.0.0.1:1/sparql-auth", "--lang", "fr"]
    )
    assert isinstance(result.exception, ConfigError) and result.exception.exit_code == 2
    assert "REFERENTIEL_ENDPOINT_PASSWORD_FILE" in str(result.exception)
