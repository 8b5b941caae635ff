"""Benchmark of reloading an export into the embedded store: the write by difference vs the full
replacement of the graph (the baseline, what a reload did before and what a server still receives),
same run, same store, on synthetic data of about 100k and 1M triples.

    /work/venv/bin/python benchmarks/bench_reload.py                  # 100k and 1M triples
    /work/venv/bin/python benchmarks/bench_reload.py --sizes 100000

For each size, a store on disk is filled with one export per organisation (``Store.load``, as
``referentiel load`` does, ``validate=False``: SHACL is measured by the validation benchmark), then
the first export is reloaded with ``Store.load`` (parse included) as:

- the identical export (a partner sending the same file again);
- the export with ~1 % and ~10 % of its rows corrected (``referentiel.store.synthetic.corrected``:
  every date of the chosen rows moved by a day), each measured there and back (two samples);
- another organisation's export in its place (every statement different: the worst case), with
  the default ``diff_limit`` (written as a full replacement) and with the difference forced;
- the full replacement (``DROP SILENT GRAPH ; DELETE metadata ; INSERT DATA``) of the identical and
  of the 10 % export (there and back): the baseline.

Each figure is the median of its samples (single figures move by +-50 % on this shared machine).

Prints a Markdown table (for docs/performance.md) and writes JSON.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import make_data  # noqa: E402 - the same data as the store benchmark


def write_nt(triples: list, path: Path) -> Path:
    import pyoxigraph as ox

    ox.serialize(triples, str(path), ox.RdfFormat.N_TRIPLES)
    return path


def read_nt(path: Path) -> list:
    """The triples of an N-Triples file, parsed in Rust (``quad.triple`` is built there too)."""
    import pyoxigraph as ox

    return [quad.triple for quad in ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES)]


class Timed:
    """Times the parts of a reload: reading the current graph, and the write itself."""

    def __init__(self, store) -> None:  # noqa: ANN001
        self.store = store
        self.read = self.write = 0.0
        for name, attr in (("_plain_graph", "read"), ("_update", "write")):
            real = getattr(store, name)

            def timed(*args, _real=real, _attr=attr):  # noqa: ANN002, ANN202
                started = time.perf_counter()
                try:
                    return _real(*args)
                finally:
                    setattr(self, _attr, getattr(self, _attr) + time.perf_counter() - started)

            setattr(store, name, timed)

    def reload(self, path: Path, organisation: str, *, full: bool = False) -> dict:
        from referentiel.store.base import Store

        self.read = self.write = 0.0
        if full:  # the full replacement: what every reload did before, what a server receives
            self.store._replace_graph = Store._replace_graph.__get__(self.store)  # noqa: SLF001
        started = time.perf_counter()
        try:
            result = self.store.load([path], organisation=organisation, validate=False)
        finally:
            if full:
                del self.store._replace_graph  # back to the embedded store's own method
        total = time.perf_counter() - started
        write = result.write
        return {
            "seconds": total,
            "read_current_graph": self.read,
            "update": self.write,
            "mode": write.mode if write else None,
            "removed": write.removed if write else None,
            "added": write.added if write else None,
            "triples": result.triples,
        }


def run(size: int, folder: Path) -> dict:
    from referentiel.store.embedded import EmbeddedStore
    from referentiel.store.synthetic import corrected

    files, triples = make_data(size, folder / "data")
    store = EmbeddedStore(folder / "db")
    store.ensure_ontology()
    started = time.perf_counter()
    for path in files:
        store.load([path], organisation=path.stem, validate=False)
    fill = time.perf_counter() - started
    target, other = files[0], files[1]
    org = target.stem
    export = list(dict.fromkeys(read_nt(target)))
    started = time.perf_counter()
    read_nt(target)
    parse = time.perf_counter() - started
    versions = {
        "1%": write_nt(corrected(export, 0.01, seed=1), folder / "one-percent.nt"),
        "10%": write_nt(corrected(export, 0.10, seed=2), folder / "ten-percent.nt"),
    }
    timer = Timed(store)
    out: dict = {"target": size, "triples": triples, "files": len(files), "fill_seconds": fill}
    out["export_triples"] = len(export)
    out["parse_seconds"] = parse
    out["identical"] = [timer.reload(target, org) for _ in range(3)]
    for name, path in versions.items():
        out[name] = [timer.reload(path, org), timer.reload(target, org)]  # there and back
    out["another export"] = [timer.reload(other, org), timer.reload(target, org)]
    store.diff_limit = float("inf")  # what the difference would cost there (why the limit exists)
    out["another export, forced"] = [timer.reload(other, org), timer.reload(target, org)]
    store.diff_limit = EmbeddedStore.diff_limit
    out["full identical"] = [timer.reload(target, org, full=True) for _ in range(2)]
    out["full 10%"] = [timer.reload(versions["10%"], org, full=True), timer.reload(target, org, full=True)]
    store.close()
    return out


ROWS = [
    ("identical export", "identical", "full identical"),
    ("~1 % of rows corrected", "1%", "full identical"),
    ("~10 % of rows corrected", "10%", "full 10%"),
    ("another export in its place", "another export", "full identical"),
    ("another export, difference forced", "another export, forced", "full identical"),
]


def table(run: dict) -> list[str]:
    lines = [
        f"\n{run['triples']:,} triples in {run['files']} exports (target {run['target']:,}); "
        f"reloaded export: {run['export_triples']:,} triples, parsed in {run['parse_seconds']:.2f} s; "
        f"store filled in {run['fill_seconds']:.0f} s\n",
        "| reload of the export | statements removed / added (% of the export) | written as | reload (s) "
        "| of which: reading the graph / update (s) | full replacement (s) | full / this |",
        "|---|---:|---|---:|---:|---:|---:|",
    ]
    for label, key, base in ROWS:
        samples = run[key]
        first = samples[0]
        seconds = statistics.median(s["seconds"] for s in samples)
        read = statistics.median(s["read_current_graph"] for s in samples)
        update = statistics.median(s["update"] for s in samples)
        full = statistics.median(s["seconds"] for s in run[base])
        if first["removed"] is None:
            counts = "-"
        else:
            share = 100 * (first["removed"] + first["added"]) / (2 * run["export_triples"])
            counts = f"{first['removed']:,} / {first['added']:,} ({share:.1f} %)"
        lines.append(
            f"| {label} | {counts} | {first['mode']} | {seconds:.2f} | {read:.2f} / {update:.2f} "
            f"| {full:.2f} | {full / seconds:.1f}x |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--json", type=Path, default=Path("benchmarks/results/bench_reload.json"))
    args = parser.parse_args()
    report = {"python": platform.python_version(), "machine": platform.machine(), "runs": []}
    for size in sorted(args.sizes):
        folder = Path(tempfile.mkdtemp(prefix="bench-reload-"))
        try:
            result = run(size, folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        report["runs"].append(result)
        print("\n".join(table(result)), flush=True)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
