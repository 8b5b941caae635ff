"""Upload to annotated spreadsheet: the workbench against the command line, on the bundled ONE export.

- ``web``: the workbench's routes through Starlette's test client (upload the export's files, wait for
  the check, download the annotated XLSX);
- ``cli``: the same work through the library the command uses (``ingest --dry-run --annotate``).

Both read the export with a copy of the bundled profiles and a project key, as a deployment would.
Each variant runs in its own process (so that peak memory is its own), after a warm-up run in that
process (imports, the framework and shapes parsed once, as in a running server)::

    python benchmarks/bench_web.py            # both variants, one JSON line each
    python benchmarks/bench_web.py web|cli    # one variant
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ONE = "one-consultation-anderlecht"


def _setup() -> tuple[Path, Path, Path]:
    """A copy of the bundled organisations, a project key, and the ONE export: as a real deployment."""
    import secrets

    from referentiel.intake.pipeline import DEMO_KEY_NAME, bundled_examples_dir

    work = Path(tempfile.mkdtemp())
    organisations = work / "organisations"
    shutil.copytree(bundled_examples_dir(), organisations, ignore=shutil.ignore_patterns(DEMO_KEY_NAME))
    key = work / "project.key"
    key.write_text(secrets.token_hex(32) + "\n", encoding="ascii")
    key.chmod(0o600)
    return organisations, key, organisations / ONE / "export"


def _web() -> float:
    from starlette.testclient import TestClient

    from referentiel.intake.pipeline import bundled_examples_dir
    from referentiel.web import WebConfig, create_app

    files = [
        ("files", (p.name, p.read_bytes()))
        for p in sorted((bundled_examples_dir() / ONE / "export").iterdir())
    ]
    with TestClient(create_app(WebConfig(store=Path(tempfile.mkdtemp()) / "store"))) as client:
        client.get("/")
        started = time.perf_counter()
        response = client.post(
            "/check",
            data={"csrf": client.cookies.get("referentiel_csrf"), "organisation": ONE},
            files=files,
            follow_redirects=False,
        )
        url = response.headers["location"]
        while client.get(url + "/progress").status_code != 204:
            time.sleep(0.05)
        assert client.get(url + "/annotated.xlsx").content[:2] == b"PK"
        return time.perf_counter() - started


def _cli() -> float:
    from referentiel.intake.pipeline import ingest, write_annotated

    organisations, key, export = _setup()
    work = organisations.parent
    shutil.copytree(export, work / "upload" / ONE)
    started = time.perf_counter()
    summary = ingest(work / "upload", profiles=organisations, key_file=key, dry_run=True)
    assert write_annotated(summary, work / "upload", work, profiles=organisations)
    seconds = time.perf_counter() - started
    shutil.rmtree(work)
    return seconds


def measure(variant: str) -> dict:
    run = {"web": _web, "cli": _cli}[variant]
    run()  # warm-up: imports and parsed resources, as in a server that is already running
    seconds = min(run() for _ in range(3))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"variant": variant, "seconds": round(seconds, 3), "maxrss_mb": round(peak, 1)}


def main() -> None:
    if len(sys.argv) > 1:
        print(json.dumps(measure(sys.argv[1])))
        return
    results = []
    for variant in ("cli", "web"):
        out = subprocess.run([sys.executable, __file__, variant], check=True, capture_output=True, text=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1]))
    print(json.dumps({"ratio_web_over_cli": round(results[1]["seconds"] / results[0]["seconds"], 2)}))


if __name__ == "__main__":
    main()
