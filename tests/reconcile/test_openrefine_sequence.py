"""The request sequence OpenRefine sends when a column is reconciled, against a live server on loopback.

Order and shapes follow OpenRefine 3.x (``StandardReconConfig``, ``GuessTypesOfColumnCommand``,
``ReconciledDataExtensionJob``): the manifest (GET on the service URL), a type guess (a batch of the
column's first values without type, form-encoded ``queries=``), type auto-completion (GET
``suggest/type?prefix=``), the reconciliation batches with the chosen type (``type_strict: should``),
then data extension: properties proposal (GET ``propose_properties?type=&limit=``) and the extension
itself (form-encoded ``extend=``). Every response validates against the 0.2 schemas.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn

from referentiel.reconcile.app import create_app

COLUMN = [
    "Assistante sociale",
    "AS",
    "verpleegkundige",
    "Puéricultrice",
    "kinderarts",
    "tandarts",
    "Psychologue",
]


@pytest.fixture(scope="module")
def base_url(service) -> Iterator[str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(service), log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the server did not start"
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def test_openrefine_reconciles_and_extends_a_column(base_url: str, schemas) -> None:
    with httpx.Client(timeout=30, headers={"User-Agent": "OpenRefine/3.8"}) as http:
        manifest = http.get(base_url).json()
        schemas.validate("manifest", manifest)

        # Type guess: the first rows, no type, a small limit.
        guess = {f"q{i}": {"query": v, "limit": 3} for i, v in enumerate(COLUMN[:5])}
        schemas.validate("reconciliation-query-batch", guess)
        answer = http.post(base_url, data={"queries": json.dumps(guess)}).json()
        schemas.validate("reconciliation-result-batch", answer)
        counted: dict[str, int] = {}
        for result in answer.values():
            for candidate in result["result"]:
                for t in candidate["type"]:
                    counted[t["id"]] = counted.get(t["id"], 0) + 1
        assert max(counted, key=lambda t: counted[t]) in ("refc:scheme-role", "ref:ProfessionalRole")

        suggest = manifest["suggest"]["type"]
        types = http.get(suggest["service_url"] + suggest["service_path"], params={"prefix": "prof"}).json()
        schemas.validate("suggest-types-response", types)
        assert "refc:scheme-role" in [t["id"] for t in types["result"]]

        # Reconciliation with the chosen type, in batches of 4 (OpenRefine's batch size is configurable).
        results = {}
        for start in range(0, len(COLUMN), 4):
            batch = {
                f"q{i}": {"query": COLUMN[i], "type": "refc:scheme-role", "type_strict": "should"}
                for i in range(start, min(start + 4, len(COLUMN)))
            }
            schemas.validate("reconciliation-query-batch", batch)
            response = http.post(base_url, data={"queries": json.dumps(batch)})
            assert response.status_code == 200
            schemas.validate("reconciliation-result-batch", response.json())
            results.update(response.json())
        best = {COLUMN[int(k[1:])]: v["result"][0] for k, v in results.items()}
        assert (
            best["Assistante sociale"]["id"] == "role-social-worker" and best["Assistante sociale"]["match"]
        )
        assert best["verpleegkundige"]["id"] == "role-nurse"
        assert best["kinderarts"]["id"] == "role-physician"
        assert not best["tandarts"]["match"]

        # Data extension on the matched cells.
        propose = manifest["extend"]["propose_properties"]
        proposal = http.get(
            propose["service_url"] + propose["service_path"], params={"type": "refc:scheme-role", "limit": 10}
        ).json()
        schemas.validate("data-extension-property-proposal", proposal)
        wanted = [{"id": "label-nl"}, {"id": "label-en"}, {"id": "scheme"}, {"id": "broader"}]
        extend = {"ids": sorted({c["id"] for c in best.values() if c["match"]}), "properties": wanted}
        schemas.validate("data-extension-query", extend)
        extension = http.post(base_url, data={"extend": json.dumps(extend)}).json()
        schemas.validate("data-extension-response", extension)
        assert extension["rows"]["role-social-worker"]["label-nl"] == [{"str": "maatschappelijk werker"}]

        preview = http.get(manifest["preview"]["url"].replace("{{id}}", "role-nurse"))
        assert preview.status_code == 200 and "<strong>" in preview.text
