"""``referentiel serve`` as researchers (and attackers) meet it: catalogue by default, free SPARQL only
when allowed and then bounded, tokens beyond loopback, one writer at a time. Real HTTP on loopback."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from referentiel.errors import StoreError
from referentiel.store import open_store
from referentiel.store.lock import StoreLock
from referentiel.store.serve import make_server
from referentiel.store.serve_guard import uses_service
from referentiel.store.synthetic import generate
from referentiel.store.testing import ReadOnlyEndpoint

REF = "https://w3id.org/referentiel/ontology#"
SRC = str(Path(__file__).resolve().parents[2] / "src")


@pytest.fixture(scope="module")
def data_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return generate(families=40, orgs=3, seed=5).write(tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="module")
def store_dir(data_files: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("served") / "db"
    with open_store(db) as store:
        for path in data_files:
            store.load([path], organisation=path.stem, validate=False)
    return db


@pytest.fixture(scope="module")
def catalogue_only(store_dir: Path) -> Iterator[str]:
    with ReadOnlyEndpoint(store_dir, timeout=20) as url:
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


def raw(url: str, request: bytes) -> tuple[int, bytes]:
    """Send ``request`` as typed (headers the client library would fix), return (status, body)."""
    parts = urllib.parse.urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as sock:
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def query_url(base: str, sparql: str) -> str:
    return f"{base}/sparql?" + urllib.parse.urlencode({"query": sparql})


# ------------------------------------------------------------------------ catalogue by default


def test_free_sparql_is_off_by_default(catalogue_only: str) -> None:
    status, _, body = http(query_url(catalogue_only, f"SELECT * WHERE {{ ?f a <{REF}Family> }}"))
    assert status == 403 and b"--allow-free-queries" in body and b"/catalogue" in body
    status, _, body = http(f"{catalogue_only}/query", b"ASK {}", {"Content-Type": "application/sparql-query"})
    assert status == 403


def test_catalogue_routes_answer_under_disclosure_control(catalogue_only: str) -> None:
    status, _, body = http(f"{catalogue_only}/catalogue")
    index = json.loads(body)
    names = {q["name"] for q in index["catalogue"]}
    assert status == 200 and "coordination-gaps" in names and index["freeQueries"] is False
    gaps = next(q for q in index["catalogue"] if q["name"] == "coordination-gaps")
    assert {p["name"]: p["type"] for p in gaps["parameters"]}["to"] == "xsd:date"
    status, _, body = http(f"{catalogue_only}/catalogue/coordination-gaps?to=2023-05-15&min_organisations=2")
    doc = json.loads(body)
    assert status == 200 and doc["disclosure"]["controlled"] is True and doc["disclosure"]["minCount"] == 5
    assert doc["disclosure"]["coarsenedParameters"]["to"] == {"asked": "2023-05-15", "used": "2023-06-30"}
    for binding in doc["results"]["bindings"]:
        count = int(binding["families_followed_jointly"]["value"])
        assert count == 0 or (count >= 5 and count % 5 == 0)
    status, headers, body = http(
        f"{catalogue_only}/catalogue/plurality?lang=fr", headers={"Accept": "text/csv"}
    )
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert "withheld" in headers["X-Referentiel-Disclosure"] and b"organisations,families" in body


def test_catalogue_refuses_what_it_does_not_know(catalogue_only: str) -> None:
    assert http(f"{catalogue_only}/catalogue/no-such-query")[0] == 404
    assert http(f"{catalogue_only}/catalogue/..%2F..%2Fetc%2Fpasswd")[0] == 404
    assert http(f"{catalogue_only}/catalogue/%2Ftmp%2Fx.rq")[0] == 404
    status, _, body = http(f"{catalogue_only}/catalogue/plurality?x=1")
    assert status == 400 and b"no parameter 'x'" in body
    status, _, body = http(f"{catalogue_only}/catalogue/coordination-gaps?from=yesterday")
    assert status == 400 and b"xsd:date" in body
    assert http(f"{catalogue_only}/catalogue/plurality?lang=de")[0] == 400
    assert http(f"{catalogue_only}/catalogue/coordination-gaps?to=2024-01-01&to=2024-02-01")[0] == 400
    assert http(f"{catalogue_only}/catalogue/plurality", b"", {"Content-Type": "text/plain"})[0] == 405
    assert http(f"{catalogue_only}/catalogue/plurality?lang=%ff")[0] == 400


# ------------------------------------------------------------------------------- free queries


@pytest.fixture(scope="module")
def free(store_dir: Path) -> Iterator[str]:
    with ReadOnlyEndpoint(store_dir, timeout=20, allow_free_queries=True, max_cell=200) as url:
        yield url


class Listener:
    """A loopback socket that records whether anybody connected (the SERVICE target)."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connected = False
        self.stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.connected = True
            conn.close()

    def close(self) -> None:
        self.stop = True
        self.thread.join(timeout=5)
        self.sock.close()


def test_service_is_refused_and_no_request_goes_out(free: str) -> None:
    listener = Listener()
    target = f"http://127.0.0.1:{listener.port}/sparql"
    try:
        for sparql in (
            f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ {{ ?a ?b ?c }} UNION {{ {{ SERVICE SILENT <{target}> {{ ?s ?p ?o }} }} }} }}",
            f"SELECT * WHERE {{ BIND(<{target}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
            f"select * where {{ service <{target}> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ \\u0053ERVICE <{target}> {{ ?s ?p ?o }} }}",
            f"ASK {{ FILTER(1<2)SERVICE<{target}>{{?s ?p ?o}} }}",
        ):
            status, _, body = http(query_url(free, sparql))
            assert status == 403 and b"SERVICE is refused" in body, sparql
        time.sleep(0.3)
        assert not listener.connected
    finally:
        listener.close()
    # The word in a string, a comment, an IRI or a variable is no SERVICE clause.
    ok = 'SELECT ?service WHERE { BIND("SERVICE" AS ?service) FILTER(?service != <urn:SERVICE>) } # SERVICE'
    assert http(query_url(free, ok))[0] == 200
    assert not uses_service("SELECT * { ?s ex:service ?o }")


def test_group_concat_cannot_pass_the_row_limit(store_dir: Path) -> None:
    folded = f"SELECT (GROUP_CONCAT(STR(?f)) AS ?all) WHERE {{ ?s <{REF}beneficiary> ?f }}"
    with ReadOnlyEndpoint(store_dir, allow_free_queries=True, max_results=5, max_cell=300) as url:
        status, _, body = http(query_url(url, folded))
        assert status == 422 and b"--max-cell" in body and b"family" not in body
    with ReadOnlyEndpoint(store_dir, allow_free_queries=True, max_response=2000) as url:
        status, _, body = http(query_url(url, f"SELECT ?s WHERE {{ ?s a <{REF}Situation> }}"))
        assert status == 422 and b"--max-response" in body


@pytest.mark.parametrize(
    ("header", "status"),
    [
        (b"", 411),
        (b"Content-Length: abc\r\n", 400),
        (b"Content-Length: -5\r\n", 400),
        (b"Content-Length: 1e3\r\n", 400),
        (b"Content-Length: 99999999999999999999\r\n", 413),
        (b"Content-Length: 5\r\nContent-Length: 6\r\n", 400),
        (b"Content-Length: 40\r\n", 400),  # the body is shorter than announced
    ],
)
def test_bad_content_length_is_a_clear_4xx(free: str, header: bytes, status: int) -> None:
    request = (
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        + header
        + b"Connection: close\r\n\r\nASK {}"
    )
    got, body = raw(free, request)
    assert got == status and b"Traceback" not in body and body.strip()


def test_malformed_requests_are_400(free: str) -> None:
    assert (
        raw(
            free,
            b"POST /sparql HTTP/1.1\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 2\r\nConnection: close\r\n\r\n\xff\xfe",
        )[0]
        == 400
    )
    assert http(f"{free}/sparql?query=%ff")[0] == 400
    assert http(query_url(free, "SELECT WHERE"))[0] == 400
    status, _, _ = http(
        f"{free}/sparql",
        b"query=ASK+%7B%7D&query=ASK+%7B%7D",
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 400


def test_concurrent_queries_are_bounded(store_dir: Path) -> None:
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with ReadOnlyEndpoint(store_dir, allow_free_queries=True, timeout=3, max_concurrent=1) as url:
        # On a loaded machine the heavy query may not hold the only slot yet when the second one
        # arrives: ask again while it runs, and replay the whole scene if the two crossed.
        for _ in range(3):
            first: list[int] = []
            worker = threading.Thread(target=lambda first=first: first.append(http(query_url(url, heavy))[0]))
            worker.start()
            time.sleep(0.5)
            refused = None
            while worker.is_alive() and refused is None:
                status, headers, _ = http(query_url(url, "ASK {}"))
                refused = headers if status == 503 else None
                time.sleep(0.1)
            worker.join()
            if refused is not None and first == [503]:
                break
        assert refused is not None and refused["Retry-After"], "a second query beside a running one"
        assert first == [503]  # the heavy one ran out of time
        assert http(query_url(url, "ASK {}"))[0] == 200


# -------------------------------------------------------------------------------------- tokens


def test_listening_beyond_loopback_needs_a_token(store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REFERENTIEL_SERVE_TOKEN", raising=False)
    for host in ("0.0.0.0", "::"):
        with pytest.raises(StoreError, match="without a token"):
            make_server(store_dir, host=host, port=0)
    with pytest.raises(StoreError) as refused:
        make_server(store_dir, host="0.0.0.0", port=0)
    assert "sans jeton" in refused.value.text("fr") and "zonder token" in refused.value.text("nl")
    with pytest.raises(StoreError, match="too short"):
        make_server(store_dir, host="0.0.0.0", port=0, token="short")


def test_cli_refuses_non_loopback_without_token(store_dir: Path, runner, monkeypatch) -> None:  # noqa: ANN001
    from referentiel.cli import main

    monkeypatch.delenv("REFERENTIEL_SERVE_TOKEN", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--store", str(store_dir), "--host", "0.0.0.0", "--lang", "nl"])
    assert exit_info.value.code == 2


def test_token_is_asked_of_every_request_when_set(store_dir: Path) -> None:
    token = "a-long-random-secret-for-tests"
    with ReadOnlyEndpoint(store_dir, token=token) as url:
        status, headers, _ = http(f"{url}/catalogue")
        assert status == 401 and headers["WWW-Authenticate"].startswith("Bearer")
        assert (
            http(f"{url}/catalogue", headers={"Authorization": "Bearer wrong-token-of-some-length"})[0] == 401
        )
        assert http(f"{url}/catalogue", headers={"Authorization": f"Bearer {token}"})[0] == 200


def test_remote_client_sends_the_token(store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`referentiel query --endpoint` against a token-protected server with free queries."""
    token = "another-long-secret-for-tests"
    with ReadOnlyEndpoint(store_dir, token=token, allow_free_queries=True) as url:
        monkeypatch.setenv("REFERENTIEL_ENDPOINT_TOKEN", token)
        remote = open_store(endpoint=url + "/sparql")
        assert remote.query("ASK { ?s ?p ?o }").boolean is True


def test_startup_message_names_the_disclosure_risk(store_dir: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": SRC}
    env.pop("REFERENTIEL_SERVE_TOKEN", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "referentiel",
            "serve",
            "--store",
            str(store_dir),
            "--port",
            "0",
            "--allow-free-queries",
            "--lang",
            "en",
        ],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    try:
        lines = [process.stderr.readline() for _ in range(2)]  # type: ignore[union-attr]
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)
    assert "/catalogue" in lines[0] and "k = 5" in lines[0]
    assert "DISCLOSURE RISK" in lines[1] and "--allow-free-queries" in lines[1]


# --------------------------------------------------------------------------- one writer at a time


def test_load_into_a_served_store_is_refused_then_allowed(
    data_files: list[Path],
    tmp_path: Path,
    capsys,  # noqa: ANN001
) -> None:
    from referentiel.cli import main

    store_dir = tmp_path / "db"
    with open_store(store_dir) as store:
        store.load([data_files[1]], organisation=data_files[1].stem, validate=False)
    args = ["load", str(data_files[0]), "--store", str(store_dir), "--organisation", "x", "--lang", "en"]
    with ReadOnlyEndpoint(store_dir):
        with pytest.raises(SystemExit) as exit_info:
            main(args)
        assert exit_info.value.code == 2
        err = capsys.readouterr().err
        assert "in use by another process (serve, pid" in err and "Ctrl-C" in err
    # Once the server is stopped, the same load goes through; and a server cannot start beside a writer.
    with open_store(store_dir) as store:
        with pytest.raises(StoreError, match=r"load/ingest"):
            make_server(store_dir, port=0)
        store.load([data_files[0]], organisation=data_files[0].stem, validate=False)


def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; sys.path.insert(0, sys.argv[1]);"
            "from referentiel.store.lock import StoreLock;"
            "held = StoreLock(sys.argv[2], 'load/ingest').acquire();"
            "print('held', flush=True); time.sleep(60)",
            SRC,
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"  # type: ignore[union-attr]
        with pytest.raises(StoreError, match="load/ingest"):
            StoreLock(tmp_path, "serve", shared=True).acquire()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
    StoreLock(tmp_path, "serve", shared=True).acquire().release()
