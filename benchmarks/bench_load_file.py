"""`referentiel load FILE` against pyoxigraph's `Store.bulk_load` of the same file, same run.

    /work/venv/bin/python benchmarks/bench_load_file.py                      # ~1M triples
    /work/venv/bin/python benchmarks/bench_load_file.py --families 2000 --rounds 3
    /work/venv/bin/python benchmarks/bench_load_file.py --baseline-src /tmp/old/src   # + a before

One N-Triples export of the synthetic generator (about 70 triples a family) is written once; each
measurement is a fresh process (wall time, peak RSS from ``ru_maxrss``), interleaved round by round:

- ``bulk_load``: ``Store.bulk_load`` of the file into one graph of a new on-disk store (no staging,
  no metadata, no atomicity, no validation): the issue's yardstick (goal: load <= 1.5x);
- ``load --no-validation``: ``Store.load(..., validate=False)`` (staged, committed, described);
- ``load``: the command itself, ``referentiel load FILE --force`` (validated);
- with ``--baseline-src``, the last two again with that source tree (an earlier commit's ``src``
  folder, with its ``examples``, ``ontology`` and ``shapes`` beside it) as the before.

Prints a Markdown table (for docs/performance.md) and writes JSON beside the other results.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

BULK = """
import sys, pyoxigraph as ox
s = ox.Store(sys.argv[2])
s.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_TRIPLES,
            to_graph=ox.NamedNode("https://w3id.org/referentiel/graph/org-0"))
s.flush()
"""
API = """
import sys
from referentiel.store import open_store
with open_store(sys.argv[2]) as store:
    store.load([sys.argv[1]], organisation="org-0", validate=False)
"""
CLI = """
import sys
from referentiel.cli import main
main(["load", sys.argv[1], "--store", sys.argv[2], "--organisation", "org-0", "--force", "--quiet"])
"""
PEAK = "\nimport resource; print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"


def measure(code: str, src: Path | None, data: Path, folder: Path) -> dict[str, float]:
    """Run ``code`` in a fresh process on a new store; wall seconds and peak MiB."""
    store = folder / "store"
    shutil.rmtree(store, ignore_errors=True)
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    script = f"try:\n    exec({code!r})\nexcept SystemExit:\n    pass\n{PEAK}"
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script, str(data), str(store)], env=env, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(done.stderr[-2000:])
    peak = next(int(line.split()[1]) for line in done.stdout.splitlines() if line.startswith("PEAK "))
    shutil.rmtree(store, ignore_errors=True)
    return {"seconds": round(seconds, 2), "peak_mib": round(peak / 1024)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--families", type=int, default=14300, help="about 70 triples a family")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--baseline-src", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "load-file.json")
    args = parser.parse_args()
    sys.path.insert(0, str(SRC))
    from referentiel.store.synthetic import generate

    folder = Path(tempfile.mkdtemp(prefix="bench-load-file-"))
    try:
        staff = max(3, round(args.families * 2.3 / 25))
        data = generate(families=args.families, orgs=1, seed=2024, staff_per_org=staff).write(
            folder / "x", "nt"
        )[0]
        triples = sum(1 for _ in data.open("rb"))
        steps = [("bulk_load", BULK, SRC), ("load --no-validation", API, SRC), ("load", CLI, SRC)]
        if args.baseline_src:
            steps += [
                ("before: load --no-validation", API, args.baseline_src),
                ("before: load", CLI, args.baseline_src),
            ]
        runs: dict[str, list[dict[str, float]]] = {name: [] for name, _, _ in steps}
        for _ in range(args.rounds):
            for name, code, src in steps:
                load = os.getloadavg()[0]
                runs[name].append(measure(code, src, data, folder) | {"load_average": round(load, 1)})
                print(name, runs[name][-1], flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    best = {name: min(r["seconds"] for r in rs) for name, rs in runs.items()}
    print(f"\n{triples:,} triples, {args.rounds} rounds interleaved (best time, highest peak)\n")
    print("| step | time | peak memory | / bulk_load |\n|---|---:|---:|---:|")
    for name, rs in runs.items():
        peak = max(r["peak_mib"] for r in rs)
        print(f"| {name} | {best[name]:.1f} s | {peak:,} MiB | {best[name] / best['bulk_load']:.2f}× |")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"triples": triples, "runs": runs}, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
