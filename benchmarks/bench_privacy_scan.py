"""Benchmark of the validation privacy scan (referentiel.validation.privacy_scan) against the rest of
``validate`` in the same run: synthetic data of bench_validation.py at 100k and 1M triples, a few
literals holding decoys and a hidden national number.

Prints, per size and engine: loading the data, the scan alone, and ``validate`` with and without
the scan (same process, same file), with peak memory (ru_maxrss) of the process. With the SPARQL
engine the data are in a pyoxigraph store, which pre-filters the literals itself; with the pySHACL
engines they are an rdflib graph, every triple of which the scan looks at.

    python benchmarks/bench_privacy_scan.py --sizes 100000 1000000 --engines sparql pyshacl-turbo
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_validation import generate  # noqa: E402

HIDDEN = (
    "<https://example.org/x{i}> <https://example.org/note> "
    '"12345678900 12345678901 23456789000 85073003328" .\n'
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--engines", nargs="+", default=["sparql", "pyshacl-turbo"])
    parser.add_argument("--no-validate", action="store_true", help="measure parsing and the scan only")
    args = parser.parse_args()

    print(
        "| triples | engine | load (s) | scan alone (s) | validate without scan (s) | validate with scan (s) "
        "| scan share | found | peak RSS (MiB) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "data.nt"
            count = generate(path, size)
            with path.open("a", encoding="utf-8") as out:
                for i in range(5):
                    out.write(HIDDEN.format(i=i))
            for engine in args.engines:
                measure(path, count + 5, engine, args.no_validate)


def measure(path: Path, count: int, engine: str, no_validate: bool) -> None:
    """One line of the table: ``engine`` on the file at ``path``."""
    from referentiel.validation import api, privacy_scan

    start = time.perf_counter()
    if engine == "sparql":
        from referentiel.validation.sparql.api import store_select
        from referentiel.validation.sparql.store_input import load_store

        store, _, _ = load_store(path)
        load = time.perf_counter() - start
        start = time.perf_counter()
        found = privacy_scan.find_national_numbers(None, store_select(store, None))
    else:
        graph, _ = api.load_data(path)
        load = time.perf_counter() - start
        start = time.perf_counter()
        found = privacy_scan.find_national_numbers(graph)
    scan = time.perf_counter() - start
    without = with_scan = float("nan")
    if not no_validate:
        original = privacy_scan.add_missed_results
        try:
            privacy_scan.add_missed_results = lambda *a: 0  # type: ignore[assignment]
            start = time.perf_counter()
            api.validate(path, engine=engine)
            without = time.perf_counter() - start
        finally:
            privacy_scan.add_missed_results = original  # type: ignore[assignment]
        start = time.perf_counter()
        report = api.validate(path, engine=engine)
        with_scan = time.perf_counter() - start
        assert not report.conforms
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    share = scan / with_scan if with_scan == with_scan else float("nan")
    print(
        f"| {count:,} | {engine} | {load:.2f} | {scan:.2f} | {without:.1f} | {with_scan:.1f} "
        f"| {share:.1%} | {len(found)} | {peak:.0f} |",
        flush=True,
    )


if __name__ == "__main__":
    main()
