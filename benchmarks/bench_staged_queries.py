"""Where the SPARQL validation of a staged export spends its time: each compiled query, timed.

Two steps, so that the queries can be timed again and again on the same staged data:

- ``stage DATA OUT``: translate each export of ``DATA`` (made by ``referentiel generate``) into its
  own pyoxigraph store under ``OUT/<organisation>`` exactly as ``ingest`` stages it (staging graph +
  context graph with the partners' organisations and the ontology), without validating;
- ``queries OUT``: validate each staged store with the SPARQL engine, one thread (so each query's
  time is its own), and print one JSON line per export: validation seconds, results, and the
  ``--top`` slowest queries (seconds, rows returned, the start of the query text).

    python benchmarks/bench_staged_queries.py stage /work/bench/d10k /tmp/staged10k
    python benchmarks/bench_staged_queries.py queries /tmp/staged10k --top 10
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import sys
import time
from pathlib import Path
from typing import Any


def stage(data: Path, out: Path) -> None:
    """Translate every export of ``data`` into a staged store of its own under ``out``."""
    import pyoxigraph as ox

    from referentiel.intake import adapters
    from referentiel.intake.pipeline import discover, network_context
    from referentiel.store.staging import Staging
    from referentiel.validation.api import ontology_ntriples

    key = (data / "SYNTHETIC-ONLY.key").read_bytes().strip()
    exports = discover(data)
    context = network_context(exports)
    for export in exports:
        if export.profile is None:
            continue
        folder = out / export.organisation
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        store = ox.Store(str(folder))
        staging = Staging.open(store, adapters.graph_iri(export.organisation), beside=False)
        started = time.perf_counter()
        profile = adapters.load_profile(export.profile)
        translation = adapters.translate(export, profile, key=key, sink=staging.sink())
        triples = len(translation)
        if context is not None and len(context):
            staging.add_context(adapters._relevant_staged(context, staging))
        store.load(ontology_ntriples(), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(staging.context))
        store.flush()
        (folder.parent / f"{export.organisation}.json").write_text(
            json.dumps({"staged": staging.staged, "context": staging.context, "triples": triples})
        )
        print(
            json.dumps(
                {
                    "organisation": export.organisation,
                    "triples": triples,
                    "seconds": round(time.perf_counter() - started, 2),
                }
            )
        )
        del store, staging


def queries(out: Path, top: int, threads: int) -> None:
    """Validate each staged store of ``out``; print the slowest queries of each."""
    for info_file in sorted(out.glob("*.json")):
        print(json.dumps(_one(out, info_file, top, threads), ensure_ascii=False))


def _one(out: Path, info_file: Path, top: int, threads: int) -> dict[str, Any]:
    """Validate one staged store; its figures and slowest queries."""
    import pyoxigraph as ox

    from referentiel.validation.sparql.api import store_select
    from referentiel.validation.sparql.api import validate_store as validate

    info = json.loads(info_file.read_text())
    store = ox.Store.read_only(str(out / info_file.stem))
    graphs = [ox.NamedNode(info["staged"]), ox.NamedNode(info["context"])]
    timings: list[tuple[float, int, str]] = []
    plain = store_select(store, graphs)

    def timed(query: str, names: Any, this: Any = None) -> list[tuple[Any, ...]]:
        started = time.perf_counter()
        rows = plain(query, names, this)
        timings.append((time.perf_counter() - started, len(rows), query))
        return rows

    started = time.perf_counter()
    report = _with_select(timed, lambda: validate(store, graph=graphs, lang="en", threads=threads))
    seconds = time.perf_counter() - started
    timings.sort(reverse=True)
    return {
        "organisation": info_file.stem,
        "triples": info["triples"],
        "threads": threads,
        "validate_s": round(seconds, 2),
        "queries": len(timings),
        "queries_s": round(sum(t for t, _, _ in timings), 2),
        "results": len(report.results),
        "maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "top": [{"s": round(t, 3), "rows": n, "query": _short(q)} for t, n, q in timings[:top]],
    }


def _with_select(select: Any, run: Any) -> Any:
    """Run ``run`` with the engine's store ``select`` replaced by ``select``."""
    from referentiel.validation.sparql import api

    original = api.store_select
    api.store_select = lambda store, graphs: select
    try:
        return run()
    finally:
        api.store_select = original


def _short(query: str) -> str:
    body = re.sub(r"PREFIX\s+\S*\s*<[^>]*>\s*", "", query)
    body = re.sub(r"<https://w3id\.org/referentiel/ontology#([^>]*)>", r"ref:\1", body)
    return re.sub(r"\s+", " ", body)[:400]


def main(argv: list[str] | None = None) -> int:
    """Run one step."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("step", choices=("stage", "queries"))
    parser.add_argument("paths", type=Path, nargs="+")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args(argv)
    if args.step == "stage":
        stage(*args.paths)
    else:
        queries(args.paths[0], args.top, args.threads)
    return 0


if __name__ == "__main__":
    sys.exit(main())
