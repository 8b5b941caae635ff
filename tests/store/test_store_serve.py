"""``referentiel serve``: a read-only SPARQL 1.1 Protocol endpoint, tested over real HTTP."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from referentiel.queries import run
from referentiel.store import open_store
from referentiel.store.serve import negotiate
from referentiel.store.synthetic import generate
from referentiel.store.testing import ReadOnlyEndpoint

SELECT = "SELECT ?s ?id WHERE { ?s <https://w3id.org/referentiel/ontology#localId> ?id } ORDER BY ?s"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("served")
    files = generate(families=40, orgs=3, seed=5).write(folder / "data")
    with open_store(folder / "db") as store:
        for path in files:
            store.load([path], organisation=path.stem, validate=False)
    return folder / "db"


@pytest.fixture(scope="module")
def endpoint(store_dir: Path) -> Iterator[str]:
    with ReadOnlyEndpoint(store_dir, timeout=20, max_results=100000, allow_free_queries=True) as url:
        yield url


def http(
    url: str, data: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def expected_rows(store_dir: Path) -> list[tuple[str, str]]:
    with open_store(store_dir, create=False, read_only=True) as store:
        return [(r[0].value, r[1].value) for r in store.query(SELECT).rows]


def test_get_and_both_posts_with_content_negotiation(endpoint: str, store_dir: Path) -> None:
    # The endpoint holds no handle on the store between queries: the store can be opened beside it.
    want = expected_rows(store_dir)
    assert len(want) > 100
    encoded = urllib.parse.urlencode({"query": SELECT})
    status, headers, body = http(f"{endpoint}/sparql?{encoded}")
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    doc = json.loads(body)
    assert [(b["s"]["value"], b["id"]["value"]) for b in doc["results"]["bindings"]] == want
    status, headers, body = http(
        f"{endpoint}/sparql",
        encoded.encode(),
        {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"},
    )
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert rows[0] == ["s", "id"] and [tuple(r) for r in rows[1:]] == want
    assert body.endswith(b"\r\n")
    status, headers, body = http(
        f"{endpoint}/query",
        SELECT.encode(),
        {"Content-Type": "application/sparql-query", "Accept": "text/tab-separated-values"},
    )
    parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.TSV)
    assert [(s["s"].value, s["id"].value) for s in parsed] == want
    status, headers, body = http(
        f"{endpoint}/sparql?{encoded}",
        headers={"Accept": "application/sparql-results+xml;q=0.9, text/csv;q=0.1"},
    )
    assert headers["Content-Type"].startswith("application/sparql-results+xml")
    parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.XML)
    assert [(s["s"].value, s["id"].value) for s in parsed] == want
    status, _, _ = http(f"{endpoint}/sparql?{encoded}", headers={"Accept": "image/png"})
    assert status == 406


def test_construct_as_turtle_and_ntriples(endpoint: str, store_dir: Path) -> None:
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://w3id.org/referentiel/ontology#Referral> ; ?p ?o }"
    with open_store(store_dir, create=False, read_only=True) as store:
        expected = Graph().parse(
            data=ox.serialize(store.query(query).triples, format=ox.RdfFormat.N_TRIPLES), format="nt"
        )
    assert len(expected) > 50
    encoded = urllib.parse.urlencode({"query": query})
    for accept, fmt in (("text/turtle", "turtle"), ("application/n-triples", "nt")):
        status, headers, body = http(f"{endpoint}/sparql?{encoded}", headers={"Accept": accept})
        assert status == 200 and headers["Content-Type"].startswith(accept)
        assert isomorphic(Graph().parse(data=body, format=fmt), expected)


def test_updates_are_refused(endpoint: str) -> None:
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    status, _, body = http(
        f"{endpoint}/sparql", update.encode(), {"Content-Type": "application/sparql-update"}
    )
    assert status == 403 and b"read-only" in body
    status, _, _ = http(
        f"{endpoint}/sparql",
        urllib.parse.urlencode({"update": update}).encode(),
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 403
    status, _, _ = http(f"{endpoint}/update", update.encode(), {"Content-Type": "application/sparql-update"})
    assert status == 403
    status, _, _ = http(f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": update}))
    assert status == 403
    status, _, _ = http(
        f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": "ASK { <urn:a> <urn:b> <urn:c> }"})
    )
    assert status == 200
    status, _, body = http(f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": "SELECT WHERE"}))
    assert status == 400 and b"Malformed" in body


def test_timeout_and_result_limit(store_dir: Path) -> None:
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with ReadOnlyEndpoint(store_dir, timeout=1, max_results=5, allow_free_queries=True) as url:
        status, _, body = http(f"{url}/sparql?" + urllib.parse.urlencode({"query": heavy}))
        assert status == 503 and b"cancelled after 1 s" in body
        status, headers, body = http(f"{url}/sparql?" + urllib.parse.urlencode({"query": SELECT}))
        assert (
            status == 200
            and headers["X-SPARQL-MaxRows"] == "5"
            and headers["X-Referentiel-Truncated"] == "true"
        )
        doc = json.loads(body)
        assert len(doc["results"]["bindings"]) == 5 and doc["referentiel"]["truncated"] is True
        # Still answering after a cancelled query.
        status, _, _ = http(f"{url}/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}))
        assert status == 200


def test_catalogue_queries_through_the_endpoint(endpoint: str, store_dir: Path) -> None:
    """The remote client against our own endpoint: same answers as the embedded store."""
    remote = open_store(endpoint=endpoint + "/sparql")
    # Read-only, as the server opens it: a writer beside a running server is not supported (docs/store.md).
    with open_store(store_dir, create=False, read_only=True) as local:
        for name in ("centralisation", "desynchronisation", "vocabulary-coverage"):
            assert sorted(map(str, run(name, remote, min_count=1).rows)) == sorted(
                map(str, run(name, local, min_count=1).rows)
            ), name


def test_negotiation_rules() -> None:
    assert negotiate(None, "select") == "json" and negotiate(None, "graph") == "turtle"
    assert negotiate("text/csv;q=0.5, application/sparql-results+json", "select") == "json"
    assert negotiate("*/*", "graph") == "turtle"
    assert negotiate("application/n-triples, */*;q=0.1", "graph") == "nt"
    assert negotiate("text/csv;q=0", "select") is None
