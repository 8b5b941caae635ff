"""Reconciliation service latency: a batch of queries through the HTTP layer, against its peer.

The peer is the same ranking without the service: ``rank()`` of the suggester called term by term, as
`mappings suggest` does. The ratio says what the protocol costs (query checks, filters, calibrated
confidence, candidate objects, JSON, the ASGI stack). Each method is timed on batches of the
labelled set's terms (typed by their scheme, as OpenRefine sends them once a type is chosen), after
one warm-up batch; peak memory is the process's maximum resident set size.

    python benchmarks/bench_reconcile.py [--methods lexical,embedding] [--batch 50] [--batches 4]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from eval_suggest import LABELLED, read_labelled  # noqa: E402

SCHEMES = {
    "role-": "refc:scheme-role",
    "intervention-type-": "refc:scheme-intervention-type",
    "meeting-kind-": "refc:scheme-meeting-kind",
    "need-": "refc:scheme-need",
    "service-type-": "refc:scheme-service-type",
    "sector-": "refc:scheme-sector",
}


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(method: str, batch: int, batches: int) -> dict[str, float | str]:
    """Seconds per batch through HTTP and through rank() alone, for ``method``."""
    from starlette.testclient import TestClient

    from referentiel.reconcile.app import create_app
    from referentiel.reconcile.service import ReconciliationService
    from referentiel.translation.suggest import TermToMap, rank

    rows = [r for r in read_labelled(LABELLED) if r["scheme"] in SCHEMES]
    service = ReconciliationService.create(method=method)
    start = time.perf_counter()
    match = service.matcher()
    setup = time.perf_counter() - start
    client = TestClient(create_app(service))
    chunks = [rows[i * batch : (i + 1) * batch] for i in range(batches + 1)]
    http, peer = [], []
    for n, chunk in enumerate(chunks):
        queries = {f"q{i}": {"query": r["term"], "type": SCHEMES[r["scheme"]]} for i, r in enumerate(chunk)}
        fresh = getattr(match, "_vectors", {})  # the embedding matcher caches term vectors: start cold
        fresh.clear()
        start = time.perf_counter()
        response = client.post("/", data={"queries": json.dumps(queries)})
        elapsed = time.perf_counter() - start
        assert response.status_code == 200, response.text
        fresh.clear()
        start = time.perf_counter()
        for r in chunk:
            rank(TermToMap(r["term"], scheme=r["scheme"]), match, top_k=5)
        if n:  # the first batch warms the rest up (model, label matrix, allowed sets)
            http.append(elapsed)
            peer.append(time.perf_counter() - start)
    mean_http, mean_peer = sum(http) / len(http), sum(peer) / len(peer)
    return {
        "method": method,
        "batch": batch,
        "setup_s": round(setup, 2),
        "http_s_per_batch": round(mean_http, 3),
        "peer_s_per_batch": round(mean_peer, 3),
        "ratio": round(mean_http / mean_peer, 2) if mean_peer else float("nan"),
        "peak_mib": round(_peak_mib()),
    }


def main(argv: list[str] | None = None) -> int:
    """Time each method and print one JSON line per method."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--methods", default="lexical,embedding")
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--batches", type=int, default=4)
    args = parser.parse_args(argv)
    for method in args.methods.split(","):
        print(json.dumps(run(method, args.batch, args.batches)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
