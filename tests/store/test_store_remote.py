"""The same load / replace / query against a real SPARQL 1.1 server (Oxigraph on loopback)."""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from referentiel.errors import ConfigError, InputError, StoreError
from referentiel.store import GRAPH_BASE, ONTOLOGY_GRAPH, open_store
from referentiel.store.remote import Endpoint, RemoteStore
from referentiel.store.testing import OxigraphServer

DATA = """@prefix ref: <https://w3id.org/referentiel/ontology#> .
<https://w3id.org/referentiel/data/org-x/situation/s1> a ref:Situation ;
    ref:beneficiary <https://w3id.org/referentiel/data/family/f1> ; ref:localId "s1 \\"quoted\\"" .
"""
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s <https://w3id.org/referentiel/ontology#localId> ?id }"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    with OxigraphServer(tmp_path / "oxigraph") as url:
        yield url


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "export-x.ttl"
    path.write_text(DATA, encoding="utf-8")
    return path


def test_load_replace_query_on_server(server: str, data_file: Path, tmp_path: Path) -> None:
    store = open_store(endpoint=server)
    assert isinstance(store, RemoteStore)
    first = store.load([data_file], organisation="org-x", validate=False)
    assert first.graph == GRAPH_BASE + "org-x" and first.ontology_reloaded and not first.replaced
    again = store.load([data_file], organisation="org-x", validate=False)
    assert again.replaced and not again.ontology_reloaded
    assert store.query(COUNT).rows[0][0].value == "1", "replaced, not duplicated"
    kinds = sorted((g.kind, g.iri, g.triples) for g in store.graphs())
    assert kinds[0] == ("data", GRAPH_BASE + "org-x", 3) and kinds[1][:2] == ("ontology", ONTOLOGY_GRAPH)
    # The same export in an embedded store gives the same graphs and answers.
    with open_store(tmp_path / "db") as local:
        local.load([data_file], organisation="org-x", validate=False)
        assert sorted((g.kind, g.iri, g.triples) for g in local.graphs()) == kinds
        query = "SELECT ?s ?id WHERE { ?s <https://w3id.org/referentiel/ontology#localId> ?id }"
        assert local.query(query).rows == store.query(query).rows
        construct = (
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://w3id.org/referentiel/ontology#Situation> ; ?p ?o }"
        )
        assert sorted(map(str, local.query(construct).triples)) == sorted(
            map(str, store.query(construct).triples)
        )
        assert store.query("ASK { ?s a <https://w3id.org/referentiel/ontology#Situation> }").boolean is True


def test_failing_batch_leaves_server_unchanged(server: str, data_file: Path, tmp_path: Path) -> None:
    store = open_store(endpoint=server)
    store.load([data_file], organisation="org-x", validate=False)
    dump = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = sorted(map(str, store.query(dump, union=False).rows))
    broken = tmp_path / "broken.nt"
    broken.write_text("<a:b> <a:c> .\n", encoding="utf-8")
    with pytest.raises(InputError):
        store.load([data_file, broken], organisation="org-x", validate=False)
    assert sorted(map(str, store.query(dump, union=False).rows)) == before


def test_fuseki_style_urls_and_environment() -> None:
    env = {"REFERENTIEL_ENDPOINT_USER": "steward", "REFERENTIEL_ENDPOINT_PASSWORD": "s3cret"}
    fuseki = Endpoint.from_url("http://localhost:3030/ds", env=env)
    assert (fuseki.query_url, fuseki.update_url) == (
        "http://localhost:3030/ds/query",
        "http://localhost:3030/ds/update",
    )
    oxigraph = Endpoint.from_url("http://localhost:7878/query", env={})
    assert oxigraph.update_url == "http://localhost:7878/update" and oxigraph.user is None
    graphdb = Endpoint.from_url(
        "http://localhost:7200/repositories/ref",
        env={"REFERENTIEL_ENDPOINT_UPDATE": "http://localhost:7200/repositories/ref/statements"},
    )
    assert graphdb.update_url.endswith("/statements")
    assert "s3cret" not in repr(fuseki)
    with pytest.raises(ConfigError, match="contains credentials") as err:
        Endpoint.from_url("http://steward:s3cret@localhost:3030/ds")
    assert "s3cret" not in str(err.value)


class _Locked(BaseHTTPRequestHandler):
    """A server that wants HTTP Basic credentials and records what it got."""

    seen: list[str] = []

    def log_message(self, *args: object) -> None:
        return

    def do_POST(self) -> None:  # noqa: N802
        self.seen.append(self.headers.get("Authorization", ""))
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="x"')
        self.end_headers()
        self.wfile.write(b"Unauthorized")


def test_credentials_from_environment_never_in_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Locked)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        monkeypatch.setenv("REFERENTIEL_ENDPOINT_USER", "steward")
        monkeypatch.setenv("REFERENTIEL_ENDPOINT_PASSWORD", "s3cret-pw")
        store = open_store(endpoint=f"http://127.0.0.1:{httpd.server_address[1]}/ds")
        with pytest.raises(StoreError) as err:
            store.query("ASK {}")
        text = str(err.value)
        assert "401" in text and "REFERENTIEL_ENDPOINT_PASSWORD" in text
        assert "s3cret-pw" not in text and "steward" not in text
        assert _Locked.seen[-1] == "Basic " + base64.b64encode(b"steward:s3cret-pw").decode()
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_unreachable_server_is_a_clear_error() -> None:
    from referentiel.store.testing import free_port

    store = open_store(endpoint=f"http://127.0.0.1:{free_port()}")
    with pytest.raises(StoreError, match=r"nothing answers at this address \(connection refused\)"):
        store.graphs()
