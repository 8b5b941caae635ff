"""Where the time of ``referentiel ingest`` goes: per-step timers around the pipeline's steps.

Runs :func:`referentiel.intake.pipeline.ingest` on generated data (as ``bench_intake.py ingest``
does: a new store, forced) with timers wrapped around each step, and prints one JSON line: the
inclusive seconds and number of calls of each step, the whole run's wall and CPU time, and peak
memory. A step that runs in a background thread (the staged graph's bulk loads) is timed in that
thread: it overlaps the translation, so the steps do not add up to the wall time::

    python benchmarks/profile_ingest.py DATA_DIR [--no-force]

With ``--no-force`` exports with violations are refused, as ``referentiel ingest`` does by default.
The record also says whether the findings are exactly the defects the generator injected
(``DATA_DIR/expected-defects.json``, as ``tests/intake`` checks them), whether each export was
loaded or refused for its violations, and a digest of the findings to compare two versions.
``DATA_DIR`` is made by ``python benchmarks/bench_intake.py generate DATA_DIR --families N``.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import json
import resource
import sys
import threading
import time
from pathlib import Path
from typing import Any

# (module, attribute path, step name): wrapped where the pipeline looks them up at call time
STEPS = (
    ("referentiel.intake.pipeline", "network_context", "network context"),
    ("referentiel.intake.adapters", "open_target", "open store"),
    ("referentiel.intake.adapters", "stage", "stage (open staging area)"),
    ("referentiel.intake.adapters", "translate", "translate (incl. staging writes)"),
    ("referentiel.store.staging", "BulkSink.flush", "  staging: chunk handed to the store"),
    ("referentiel.store.staging", "BulkSink._load", "  staging: bulk_load (loader thread)"),
    ("referentiel.store.staging", "BulkSink.finish", "staging: last chunk and wait"),
    ("referentiel.store.staging", "count_triples", "count (COUNT query)"),
    ("referentiel.intake.adapters", "translation_stats", "translation stats"),
    ("referentiel.intake.adapters", "validate_staged", "validate (total)"),
    ("referentiel.validation.sparql.api", "run", "  validate: SPARQL queries"),
    ("referentiel.validation.sparql.api", "build_report", "  validate: build report"),
    ("referentiel.validation.privacy_scan", "add_missed_results", "    privacy scan"),
    ("referentiel.validation.api", "build_results", "    results located"),
    ("referentiel.intake.adapters", "translation_findings", "findings: translation"),
    ("referentiel.intake.adapters", "validation_findings", "findings: validation"),
    ("referentiel.intake.adapters", "merge", "findings: merge"),
    ("referentiel.intake.adapters", "previous_graph", "previous graph look-up"),
    ("referentiel.intake.adapters", "commit", "commit (make visible)"),
    ("referentiel.store.staging", "Staging.discard", "discard staging"),
    ("referentiel.intake.adapters", "close_target", "close store (flush)"),
)

_lock = threading.Lock()
_seconds: dict[str, float] = {}
_calls: dict[str, int] = {}


def _timed(name: str, function: Any) -> Any:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            took = time.perf_counter() - started
            with _lock:
                _seconds[name] = _seconds.get(name, 0.0) + took
                _calls[name] = _calls.get(name, 0) + 1

    return wrapper


def _install() -> None:
    for module_name, path, name in STEPS:
        owner: Any = importlib.import_module(module_name)
        *parents, attribute = path.split(".")
        for parent in parents:
            owner = getattr(owner, parent)
        function = getattr(owner, attribute, None)
        if function is None:
            continue  # a step this version does not have
        setattr(owner, attribute, _timed(name, function))


def main(argv: list[str]) -> int:
    """Ingest ``argv[0]`` with the timers and print the breakdown."""
    data = Path(argv[0])
    force = "--no-force" not in argv
    _install()
    from referentiel.intake import adapters
    from referentiel.intake.pipeline import ingest
    from referentiel.intake.summary import to_json, to_text

    store = data / "_bench" / "ingest-store"
    adapters.remove_tree(store)
    key = (data / "SYNTHETIC-ONLY.key").read_bytes().strip()
    wall, cpu = time.perf_counter(), time.process_time()
    summary = ingest(data, store=store, key=key, force=force)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    for name, render in (("summary: text", to_text), ("summary: json", to_json)):
        _timed(name, render)(summary)
    totals = summary.totals()
    found = sorted(
        (e.organisation, f.file or "", f.sheet or "", f.row or 0, f.column or "", f.kind)
        + (f.severity, f.message)
        for e in summary.exports
        for f in e.findings
    )
    expected = json.loads((data / "expected-defects.json").read_text(encoding="utf-8"))["defects"]
    wanted = {(d["organisation"], d["file"], d["sheet"], d["row"], d["column"], d["kind"]) for d in expected}
    located = {
        (o, f or None, s or None, r or None, c or None, k)
        for o, f, s, r, c, k, severity, _ in found
        if severity in ("violation", "warning")
    }
    record = {
        "rows": totals["rows"],
        "triples": sum(e.triples for e in summary.exports),
        "violations": totals["violations"],
        "warnings": totals["warnings"],
        "statuses": {e.organisation: e.status for e in summary.exports},
        "defects_as_injected": located == wanted,
        "status_as_violations": all(
            e.status == ("loaded" if force or not e.count("violation") else "refused")
            for e in summary.exports
        ),
        "findings": len(found),
        "findings_sha256": hashlib.sha256(repr(found).encode()).hexdigest()[:16],
        "triples_per_export": {e.organisation: e.triples for e in summary.exports},
        "wall_seconds": round(wall, 2),
        "cpu_seconds": round(cpu, 2),
        "maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "steps": {name: {"seconds": round(_seconds[name], 2), "calls": _calls[name]} for name in _seconds},
    }
    print(json.dumps(record, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
