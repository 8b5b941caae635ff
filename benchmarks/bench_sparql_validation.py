"""SHACL engines side by side on the same files: ours (SPARQL), Jena SHACL, pyshacl-turbo, pySHACL.

Each engine runs in a fresh subprocess; wall time (parse/load + validate) and peak memory (ru_maxrss
of that child) are measured from outside, the result count is read from its output. Two data sets:

- ``shared``: ``../shared/bench`` (``gen.py 1000000``, 37 constraints of ``shapes.ttl``); expected
  4,082 results;
- ``ours``: a ~1M-triple translated export (``referentiel generate`` then ``translate``, N-Triples),
  with the bundled shapes and ontology (Jena gets the same ontology merged into its data file and
  the bundled shapes in one file).

Jena (Debian ``libapache-jena-java``) is a benchmark-only baseline: give ``--jena-cp`` (see
``../shared/bench/README.md``), or leave it out to skip Jena. Writes ``benchmarks/results/*.json``.

    python benchmarks/bench_sparql_validation.py --shared-data /tmp/data_1m.ttl --ours-data /tmp/export.nt \\
        --jena-cp "$(cat /tmp/jena/cp)" --jena-class-dir /tmp/jena --engines sparql jena turbo pyshacl

``--baseline-src DIR`` with engine ``sparql-baseline`` runs another version's sources (``git archive``
of main, shapes and ontology beside its ``src/``) in the same run; ``--repeat N`` interleaves N runs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent.parent / "shared" / "bench"

PYTHON_RUN = """
import json, sys, time
t0 = time.perf_counter()
from referentiel.validation import validate
data, shapes, engine = sys.argv[1], sys.argv[2] or None, sys.argv[3]
report = validate(data, shapes, engine=engine)
print("RESULT " + json.dumps({{"results": len(report.results), "engine": report.engine,
                              "inside_s": round(time.perf_counter() - t0, 2)}}))
"""


def _run(command: list[str], timeout: int, env: dict[str, str] | None = None) -> dict:
    """Run one engine; a run past ``timeout`` seconds is killed and reported as such."""
    import threading

    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        output, errors = out.read().decode(errors="replace"), err.read().decode(errors="replace").strip()
    found = [line for line in output.splitlines() if line.startswith("RESULT ")]
    record = {"seconds": round(wall, 2), "peak_mib": usage.ru_maxrss // 1024, "status": status}
    if found:
        record.update(json.loads(found[-1][len("RESULT ") :]))
    elif wall >= timeout:
        record["error"] = f"timeout: killed after {timeout} s"
    else:
        record["error"] = errors.splitlines()[-3:] if errors else "no output"
    return record


def python_engine(
    engine: str, data: Path, shapes: Path | None, timeout: int, src: Path | None = None
) -> dict:
    """``referentiel.validate`` with one engine (file parsed and validated in the child); ``src``: the
    sources to import referentiel from (another version, as a baseline), this checkout's by default."""
    env = dict(os.environ, PYTHONPATH=str(src or ROOT / "src"))
    command = [sys.executable, "-c", PYTHON_RUN.format(), str(data), str(shapes or ""), engine]
    return _run(command, timeout, env)


def jena(classpath: str, class_dir: str, data: Path, shapes: Path, timeout: int) -> dict:
    """Jena 4.5 SHACL (JenaBench.java: parse, then validate)."""
    command = ["java", "-Xmx8g", "-cp", f"{classpath}:{class_dir}", "JenaBench", str(data), str(shapes)]
    return _run(command, timeout)


def bundled_for_jena(folder: Path, data: Path) -> tuple[Path, Path]:
    """Our export with the bundled ontology merged (as referentiel does); the bundled shapes in one file."""
    sys.path.insert(0, str(ROOT / "src"))
    from rdflib import Graph

    from referentiel.validation.api import _bundled_ontology, _bundled_shapes

    merged = folder / "ours-with-ontology.nt"
    with merged.open("wb") as out:
        out.write(data.read_bytes())
        out.write(_bundled_ontology().serialize(format="nt", encoding="utf-8"))
    shapes = folder / "bundled-shapes.ttl"
    from rdflib.namespace import SH

    graph = Graph()
    graph += _bundled_shapes()[0]
    # Jena 4.5 refuses a SPARQL constraint with more than one sh:message (ours has fr, en and nl):
    # keep the English one; messages do not change results
    for constraint in set(graph.objects(None, SH.sparql)):
        for message in list(graph.objects(constraint, SH.message)):
            if getattr(message, "language", None) != "en":
                graph.remove((constraint, SH.message, message))
    shapes.write_text(graph.serialize(format="turtle"), encoding="utf-8")
    return merged, shapes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared-data", type=Path, help="gen.py output (1M triples)")
    parser.add_argument("--ours-data", type=Path, help="a translated export of ours (N-Triples)")
    parser.add_argument("--engines", nargs="+", default=["sparql", "jena", "pyshacl-turbo", "pyshacl"])
    parser.add_argument("--jena-cp", default=None, help="Jena classpath (see ../shared/bench/README.md)")
    parser.add_argument("--jena-class-dir", default=".", help="folder holding the compiled JenaBench.class")
    parser.add_argument("--timeout", type=int, default=1800)
    parser.add_argument(
        "--baseline-src",
        type=Path,
        default=None,
        help="src/ of another version (`git archive` of main): engine sparql-baseline runs it",
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs of each engine, interleaved")
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "benchmarks" / "results" / "sparql_validation.json",
        help="where the JSON results go",
    )
    args = parser.parse_args()
    sets = []
    with tempfile.TemporaryDirectory() as tmp:
        if args.shared_data:
            shapes = SHARED / "shapes.ttl"
            sets.append(("shared", args.shared_data, shapes, args.shared_data, shapes))
        if args.ours_data:
            jena_data, jena_shapes = bundled_for_jena(Path(tmp), args.ours_data)
            sets.append(("ours", args.ours_data, None, jena_data, jena_shapes))
        rows = []
        for name, data, shapes, jena_data, jena_shapes in sets:
            triples = sum(1 for _ in data.open("rb")) if data.suffix == ".nt" else None
            for run in range(args.repeat):
                for engine in args.engines:
                    load_before = os.getloadavg()[0]
                    if engine == "jena":
                        if not args.jena_cp:
                            continue
                        record = jena(args.jena_cp, args.jena_class_dir, jena_data, jena_shapes, args.timeout)
                    elif engine == "sparql-baseline":
                        if not args.baseline_src:
                            continue
                        record = python_engine("sparql", data, shapes, args.timeout, args.baseline_src)
                    else:
                        record = python_engine(engine, data, shapes, args.timeout)
                    record.update(
                        {
                            "set": name,
                            "engine": engine,
                            "run": run + 1,
                            "file": data.name,
                            "triples": triples,
                            "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
                        }
                    )
                    rows.append(record)
                    print(json.dumps(record), flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps({"machine": os.uname().nodename, "cpus": os.cpu_count(), "runs": rows}, indent=2) + "\n",
        encoding="utf-8",
    )
    print("| set | engine | run | results | time (s) | peak MiB | load average (start, end) |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        found = r.get("results", r.get("error"))
        load = ", ".join(str(x) for x in r["load_average"])
        cells = [r["set"], r["engine"], r["run"], found, r["seconds"], r["peak_mib"], load]
        print("| " + " | ".join(str(c) for c in cells) + " |")


if __name__ == "__main__":
    main()
