"""Benchmark of the harmonised store: load and every catalogue query, embedded pyoxigraph store vs an
rdflib in-memory Dataset (the baseline), on synthetic data of about 100k and 1M triples, same run.

    /work/venv/bin/python benchmarks/bench_store.py                 # 100k and 1M triples
    /work/venv/bin/python benchmarks/bench_store.py --sizes 100000 --rdflib-timeout 60

Load = parse the export files and write them into the store, one named graph per organisation
(``Store.load(..., validate=False)``: SHACL validation is measured by the validation benchmark) vs
``rdflib.Dataset.parse`` of the same files into named graphs. Queries run with their default
parameters on the union of the graphs, exactly as ``referentiel query NAME`` runs them; the rdflib
baseline runs the same SPARQL text (parameters injected the same way) in a child process killed
after ``--rdflib-timeout`` seconds. Prints a Markdown table (for docs/performance.md) and writes JSON.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import platform
import shutil
import tempfile
import time
from pathlib import Path

TRIPLES_PER_FAMILY = 120  # measured on the synthetic generator with 4 interventions per situation


def make_data(target: int, folder: Path) -> tuple[list[Path], int]:
    from referentiel.store.synthetic import generate

    families = max(50, target // TRIPLES_PER_FAMILY)
    orgs = max(5, families // 400)
    # About 25 situations per reference professional, as in a real service.
    staff = max(3, round(families * 2.3 / (orgs * 25)))
    data = generate(families=families, orgs=orgs, seed=2024, staff_per_org=staff)
    files = data.write(folder, "nt")
    return files, sum(len(t) for t in data.graphs().values())


def bound_queries() -> list[tuple[str, str]]:
    """(name, SPARQL with the default parameters bound) of every catalogue query."""
    from referentiel.queries import catalogue
    from referentiel.store.sparql import bind_parameters

    return [(q.name, bind_parameters(q.text, q.bindings({}, "fr"))) for q in catalogue()]


def _rdflib_worker(files: list[str], queries: list[tuple[str, str]], conn) -> None:  # noqa: ANN001
    from rdflib import Dataset, URIRef

    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    for path in files:
        dataset.graph(URIRef("https://w3id.org/referentiel/graph/" + Path(path).stem)).parse(path, format="nt")
    conn.send(("load", time.perf_counter() - started, len(dataset)))
    for name, text in queries:
        started = time.perf_counter()
        rows = len(list(dataset.query(text)))
        conn.send((name, time.perf_counter() - started, rows))
    conn.send(("end", 0.0, 0))


def run_rdflib(files: list[Path], queries: list[tuple[str, str]], timeout: float) -> dict[str, float | None]:
    """Seconds per step in a child process; a step that exceeds ``timeout`` ends the baseline (None)."""
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_rdflib_worker, args=([str(f) for f in files], queries, child), daemon=True)
    process.start()
    child.close()
    out: dict[str, float | None] = {}
    steps = ["load"] + [n for n, _ in queries]
    for step in steps:
        if not parent.poll(timeout):
            process.kill()
            process.join()
            for rest in steps[steps.index(step) :]:
                out[rest] = None
            return out
        name, seconds, _rows = parent.recv()
        out[name] = seconds
    process.join(timeout=30)
    return out


def run_embedded(files: list[Path], queries: list[tuple[str, str]], folder: Path) -> tuple[dict, dict]:
    from referentiel.store import open_store

    times: dict[str, float] = {}
    rows: dict[str, int] = {}
    store = open_store(folder / "db")
    store.ensure_ontology()  # loaded once per store, not part of an export's load
    started = time.perf_counter()
    for path in files:
        store.load([path], organisation=path.stem, validate=False)
    times["load"] = time.perf_counter() - started
    for name, text in queries:
        started = time.perf_counter()
        result = store.query(text)
        times[name] = time.perf_counter() - started
        rows[name] = len(result.rows)
    store.close()
    return times, rows


def fmt(seconds: float | None, timeout: float) -> str:
    return f"> {timeout:g}" if seconds is None else f"{seconds:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--rdflib-timeout", type=float, default=300.0)
    parser.add_argument("--json", type=Path, default=Path("benchmarks/results/bench_store.json"))
    args = parser.parse_args()
    queries = bound_queries()
    report = {"python": platform.python_version(), "machine": platform.machine(), "runs": []}
    lines = []
    for size in args.sizes:
        folder = Path(tempfile.mkdtemp(prefix="bench-store-"))
        try:
            files, triples = make_data(size, folder / "data")
            embedded, rows = run_embedded(files, queries, folder)
            baseline = run_rdflib(files, queries, args.rdflib_timeout)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        report["runs"].append({"target": size, "triples": triples, "files": len(files), "embedded": embedded,
                               "rdflib": baseline, "rows": rows})
        lines.append(f"\n{triples:,} triples in {len(files)} exports (target {size:,})\n")
        lines.append("| step | pyoxigraph (s) | rdflib (s) | rdflib / pyoxigraph | rows |")
        lines.append("|---|---:|---:|---:|---:|")
        for step in ["load"] + [n for n, _ in queries]:
            ours, base = embedded[step], baseline.get(step)
            ratio = f"{base / ours:.1f}x" if base is not None and ours > 0 else f"> {args.rdflib_timeout / ours:.0f}x"
            lines.append(f"| {step} | {fmt(ours, 0)} | {fmt(base, args.rdflib_timeout)} | {ratio} | "
                         f"{rows.get(step, '')} |")
        print("\n".join(lines[-(len(queries) + 4):]), flush=True)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
