"""Benchmark of the harmonised store: load and every catalogue query, embedded pyoxigraph store vs an
rdflib in-memory Dataset (the baseline), on synthetic data of about 100k and 1M triples, same run.

    /work/venv/bin/python benchmarks/bench_store.py                 # 100k and 1M triples
    /work/venv/bin/python benchmarks/bench_store.py --sizes 100000 --rdflib-timeout 60

Load = parse the export files and write them into the store, one named graph per organisation
(also with the previous write path, one SPARQL Update text per export, as a same-run "before")
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
        dataset.graph(URIRef("https://w3id.org/referentiel/graph/" + Path(path).stem)).parse(
            path, format="nt"
        )
    conn.send(("load", time.perf_counter() - started, len(dataset)))
    for name, text in queries:
        started = time.perf_counter()
        rows = len(list(dataset.query(text)))
        conn.send((name, time.perf_counter() - started, rows))
    conn.send(("end", 0.0, 0))


def run_rdflib(
    files: list[Path], queries: list[tuple[str, str]], timeout: float, skip: set[str]
) -> dict[str, float | None | str]:
    """Seconds per step in a child process. A query that exceeds ``timeout`` is recorded as None and the
    child is restarted (the load repeated) for the next ones; ``skip`` names queries not attempted
    because they already timed out on a smaller dataset."""
    ctx = multiprocessing.get_context("spawn")
    out: dict[str, float | None | str] = {name: "skipped" for name, _ in queries if name in skip}
    todo = [(n, t) for n, t in queries if n not in skip]
    first = True
    while first or todo:
        parent, child = ctx.Pipe(duplex=False)
        process = ctx.Process(target=_rdflib_worker, args=([str(f) for f in files], todo, child), daemon=True)
        process.start()
        child.close()
        steps = ["load"] + [n for n, _ in todo]
        for step in steps:
            if not parent.poll(timeout if step != "load" else max(timeout, 1800)):
                process.kill()
                process.join()
                if step == "load":
                    out.update({n: None for n in steps})
                    return out
                out[step] = None
                todo = todo[[n for n, _ in todo].index(step) + 1 :]
                break
            name, seconds, _rows = parent.recv()
            if name != "load" or first:
                out[name] = seconds
        else:
            todo = []
            process.join(timeout=30)
        first = False
    return out


def run_embedded(
    files: list[Path], queries: list[tuple[str, str]], folder: Path | None, *, previous: bool = False
) -> tuple[dict, dict]:
    """The embedded store on disk (``folder``) or in memory (None).

    ``previous``: write each export the way the store did before it had a fast path (one SPARQL
    Update text ``DROP SILENT GRAPH ; DELETE ... ; INSERT DATA``, still what a server receives), as a
    same-run baseline for the load.
    """
    from referentiel.store.base import Store
    from referentiel.store.embedded import EmbeddedStore

    times: dict[str, float] = {}
    rows: dict[str, int] = {}
    store = EmbeddedStore(folder / "db") if folder else EmbeddedStore(memory=True)
    if previous:
        store._replace_graph = Store._replace_graph.__get__(store)  # noqa: SLF001 - the server path
    store.ensure_ontology()  # loaded once per store, not part of an export's load
    started = time.perf_counter()
    for path in files:
        store.load([path], organisation=path.stem, validate=False)
    times["load"] = time.perf_counter() - started
    # Reloading the first export (replaces its graph: delete + insert in one transaction).
    started = time.perf_counter()
    store.load([files[0]], organisation=files[0].stem, validate=False)
    times["reload one export"] = time.perf_counter() - started
    if previous:
        store.close()
        return times, rows
    for name, text in queries:
        started = time.perf_counter()
        result = store.query(text)
        times[name] = time.perf_counter() - started
        rows[name] = len(result.rows)
    store.close()
    return times, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--rdflib-timeout", type=float, default=300.0)
    parser.add_argument(
        "--no-previous",
        dest="previous",
        action="store_false",
        help="skip the load with the previous write path (one SPARQL update per export)",
    )
    parser.add_argument("--json", type=Path, default=Path("benchmarks/results/bench_store.json"))
    args = parser.parse_args()
    queries = bound_queries()
    report = {"python": platform.python_version(), "machine": platform.machine(), "runs": []}
    lines = []
    timed_out: set[str] = set()
    for size in sorted(args.sizes):
        folder = Path(tempfile.mkdtemp(prefix="bench-store-"))
        try:
            files, triples = make_data(size, folder / "data")
            embedded, rows = run_embedded(files, queries, folder)
            (folder / "previous").mkdir()
            before = (
                run_embedded(files, queries, folder / "previous", previous=True)[0] if args.previous else {}
            )
            memory, _ = run_embedded(files, queries, None)
            baseline = run_rdflib(files, queries, args.rdflib_timeout, timed_out)
            timed_out |= {name for name, value in baseline.items() if value is None}
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        report["runs"].append(
            {
                "target": size,
                "triples": triples,
                "files": len(files),
                "embedded": embedded,
                "in_memory": memory,
                "previous_write_path": before,
                "rdflib": baseline,
                "rows": rows,
            }
        )
        lines.append(f"\n{triples:,} triples in {len(files)} exports (target {size:,})\n")
        if before:
            lines.append(
                "| load step | store on disk (s) | previous write path, on disk (s) | previous / now |"
            )
            lines.append("|---|---:|---:|---:|")
            for step in ("load", "reload one export"):
                now_s, then_s = embedded[step], before[step]
                lines.append(f"| {step} | {now_s:.2f} | {then_s:.2f} | {then_s / now_s:.1f}x |")
            lines.append("")
        lines.append(
            "| step | store on disk (s) | pyoxigraph in memory (s) | rdflib in memory (s) "
            "| rdflib / store on disk | rows |"
        )
        lines.append("|---|---:|---:|---:|---:|---:|")
        for step in ["load"] + [n for n, _ in queries]:
            ours, base = embedded[step], baseline.get(step)
            if base == "skipped":
                shown, ratio = f"not run (> {args.rdflib_timeout:g} on a smaller set)", ""
            elif base is None:
                shown, ratio = f"> {args.rdflib_timeout:g}", f"> {args.rdflib_timeout / ours:.0f}x"
            else:
                shown, ratio = f"{base:.2f}", f"{base / ours:.1f}x"
            lines.append(
                f"| {step} | {ours:.2f} | {memory[step]:.2f} | {shown} | {ratio} | {rows.get(step, '')} |"
            )
        print("\n".join(lines[-(len(queries) + (10 if before else 4)) :]), flush=True)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
