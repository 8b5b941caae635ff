"""The benchmark suite: every stage, referentiel against its naive baseline, at several sizes.

    python benchmarks/run_all.py --sizes 1000,10000,100000 [--timeout 1800] [--baseline-timeout 900]

For each size it generates a data set (``referentiel generate``, seed 1), then runs each stage and its
baseline in a fresh Python subprocess (``bench_intake.py``), so that the peak memory reported
(``ru_maxrss``) is that stage's own. A run that exceeds its timeout is killed and reported honestly as
``> T s``. It prints a Markdown table (the one in docs/performance.md) and writes every measurement,
with a description of the machine, to ``--json`` (default ``benchmarks/results/run-{sizes}.json``).

The other helpers' scripts in this folder (``bench_validation.py``, ``bench_translation.py``,
``bench_store.py``) measure their own stage on their own fixtures; ``--with-others`` runs them too,
after the suite, each as ``python benchmarks/bench_X.py`` with its output appended to the JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAGES = ("translate", "validate", "load", "query", "ingest")
OTHERS = ("bench_translation.py", "bench_validation.py", "bench_store.py")


def machine() -> dict:
    """CPU model, cores, RAM, OS, Python and library versions of this machine."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gib = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram_gib = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    versions = {}
    from importlib.metadata import PackageNotFoundError, version

    for package in ("referentiel", "rdflib", "pyshacl", "pyoxigraph", "openpyxl", "click"):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            versions[package] = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gib": ram_gib,
        "os": platform.platform(),
        "python": platform.python_version(),
        "versions": versions,
    }


def run_stage(
    stage: str,
    data: Path,
    *,
    baseline: bool = False,
    families: int = 0,
    timeout: float = 1800,
    organisation: str | None = None,
) -> dict:
    """One measurement in a fresh subprocess; ``{"timeout": T}`` when it ran out of time."""
    command = [sys.executable, str(HERE / "bench_intake.py"), stage, str(data)]
    if baseline:
        command.append("--baseline")
    if organisation and stage == "ingest":
        command += ["--organisation", organisation]
    if families:
        command += ["--families", str(families)]
    started = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {
            "stage": stage,
            "variant": "baseline" if baseline else "referentiel",
            "timeout": timeout,
            "seconds": None,
        }
    if done.returncode != 0:
        return {
            "stage": stage,
            "variant": "baseline" if baseline else "referentiel",
            "error": (done.stderr.strip().splitlines() or ["failed"])[-1][:300],
            "seconds": round(time.perf_counter() - started, 3),
        }
    return json.loads(done.stdout.strip().splitlines()[-1])


def _time(record: dict | None) -> str:
    if record is None:
        return "–"
    if record.get("timeout"):
        return f"> {record['timeout']:.0f} s"
    if record.get("error"):
        return "failed"
    return f"{record['seconds']:.2f} s"


def _mem(record: dict | None) -> str:
    if not record or record.get("seconds") is None or record.get("error"):
        return "–"
    return f"{record['maxrss_mb']:.0f} MiB"


def _throughput(record: dict | None) -> str:
    if not record or not record.get("seconds") or record.get("error"):
        return "–"
    parts = []
    if record.get("rows"):
        parts.append(f"{record['rows'] / record['seconds']:,.0f} rows/s")
    if record.get("triples"):
        parts.append(f"{record['triples'] / record['seconds']:,.0f} triples/s")
    return ", ".join(parts) or "–"


def _ratio(ours: dict | None, base: dict | None) -> str:
    if not ours or not base or ours.get("error") or base.get("error") or not ours.get("seconds"):
        return "–"
    if base.get("timeout"):
        return f"> {base['timeout'] / ours['seconds']:.1f}×"
    if not base.get("seconds"):
        return "–"
    return f"{base['seconds'] / ours['seconds']:.1f}×"


def table(results: list[dict]) -> str:
    """The Markdown table of a run: one line per size and stage."""
    lines = [
        "| families | stage | rows | triples | referentiel | peak memory | throughput | baseline "
        "| baseline memory | speed-up |",
        "|---:|---|---:|---:|---:|---:|---|---:|---:|---:|",
    ]
    for entry in results:
        for stage in ("generate", *STAGES):
            ours = entry["stages"].get(stage)
            base = entry["baselines"].get(stage)
            if ours is None:
                continue
            rows, triples = ours.get("rows") or "", ours.get("triples") or ""
            lines.append(
                f"| {entry['families']:,} | {stage} | {rows} | {triples} "
                f"| {_time(ours)} | {_mem(ours)} | {_throughput(ours)} | {_time(base)} | {_mem(base)} "
                f"| {_ratio(ours, base)} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the suite and print the table."""
    parser = argparse.ArgumentParser(description="referentiel benchmark suite")
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated numbers of families")
    parser.add_argument("--stages", default=",".join(STAGES), help="comma-separated stages to run")
    parser.add_argument("--no-baselines", action="store_true", help="skip the naive baselines")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per referentiel measurement")
    parser.add_argument(
        "--baseline-timeout", type=float, default=900, help="seconds per baseline measurement"
    )
    parser.add_argument(
        "--workdir", type=Path, default=None, help="where generated data go (default: a temp dir)"
    )
    parser.add_argument(
        "--ingest-baseline-max",
        type=int,
        default=10000,
        help="largest size at which the previous pipeline (ingest baseline, rdflib graphs) is run",
    )
    parser.add_argument(
        "--organisation", default=None, help="ingest one organisation's export only (e.g. cpas-ixelles)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated data")
    parser.add_argument("--json", type=Path, default=None, help="write all measurements here")
    parser.add_argument("--with-others", action="store_true", help="also run the other bench_*.py scripts")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    stages = [s for s in args.stages.split(",") if s]
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="referentiel-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    report = {"machine": machine(), "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "runs": []}
    print(
        f"machine: {report['machine']['cpu']}, {report['machine']['cores']} cores, "
        f"{report['machine']['ram_gib']} GiB, Python {report['machine']['python']}",
        file=sys.stderr,
    )
    for families in sizes:
        data = workdir / f"families-{families}"
        if data.exists():
            shutil.rmtree(data)
        entry = {"families": families, "stages": {}, "baselines": {}}
        entry["stages"]["generate"] = run_stage("generate", data, families=families, timeout=args.timeout)
        print(f"{families}: generate {_time(entry['stages']['generate'])}", file=sys.stderr)
        for stage in stages:
            entry["stages"][stage] = run_stage(
                stage, data, timeout=args.timeout, organisation=args.organisation
            )
            print(f"{families}: {stage} {_time(entry['stages'][stage])}", file=sys.stderr)
            if not args.no_baselines and (stage != "ingest" or families <= args.ingest_baseline_max):
                entry["baselines"][stage] = run_stage(
                    stage, data, baseline=True, timeout=args.baseline_timeout, organisation=args.organisation
                )
                print(f"{families}: {stage} baseline {_time(entry['baselines'][stage])}", file=sys.stderr)
            # Saved after every stage: a run of hours keeps what it measured if it is stopped.
            _save({**report, "runs": [*report["runs"], entry]}, args, sizes)
        report["runs"].append(entry)
        if not args.keep:
            shutil.rmtree(data, ignore_errors=True)
        _save(report, args, sizes)
    if args.with_others:
        report["others"] = {}
        for script in OTHERS:
            if (HERE / script).exists():
                done = subprocess.run([sys.executable, str(HERE / script)], capture_output=True, text=True)
                report["others"][script] = {"returncode": done.returncode, "stdout": done.stdout[-20000:]}
                print(f"\n## {script}\n{done.stdout}")
    _save(report, args, sizes)
    print(table(report["runs"]))
    return 0


def _save(report: dict, args: argparse.Namespace, sizes: list[int]) -> None:
    target = args.json or HERE / "results" / f"run-{'-'.join(str(s) for s in sizes)}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    tmp.write_text(json.dumps(report, indent=1), encoding="utf-8")
    tmp.replace(target)


if __name__ == "__main__":
    sys.exit(main())
