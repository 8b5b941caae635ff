"""Ctrl-C during `referentiel ingest`: exit 130, no half-written store nor report.

The command runs in a subprocess whose standard error is a pseudo-terminal, so that it draws its
progress (which this test also checks) and says when each export is loaded; SIGINT is sent while the
next export is being worked on.
"""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from referentiel.intake.generator import generate


def _read_until(fd: int, pattern: re.Pattern, timeout: float) -> str:
    text, deadline = "", time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            text += chunk.decode("utf-8", errors="replace")
            if pattern.search(text):
                return text
    return text


def test_sigint_leaves_only_fully_loaded_exports(tmp_path: Path) -> None:
    data = tmp_path / "exports"
    generate(data, families=120, seed=8, defect_rate=0)  # enough work left after the first export
    store, report = tmp_path / "store", tmp_path / "report.json"
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "referentiel",
            "ingest",
            str(data),
            "--store",
            str(store),
            "--report",
            str(report),
            "--key-file",
            str(data / "SYNTHETIC-ONLY.key"),
            "--force",
        ],
        stdout=subprocess.PIPE,
        stderr=slave,
        stdin=subprocess.DEVNULL,
    )
    os.close(slave)
    try:
        seen = _read_until(master, re.compile(r"([a-z-]+): loaded"), timeout=240)
        assert process.poll() is None, "the run ended before it could be interrupted"
        assert re.search(r"translate|validate", seen), "no progress was drawn on the terminal"
        loaded_before = set(re.findall(r"([a-z-]+): loaded", seen))
        assert loaded_before
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=120)
        seen += _read_until(master, re.compile(r"interrupted"), timeout=5)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    assert process.returncode == 130
    assert "interrupted" in seen and "Traceback" not in seen
    assert not report.exists() and not list(tmp_path.glob("*.part"))

    from referentiel.store import open_store

    with open_store(store, create=False) as opened:
        graphs = [g for g in opened.graphs() if g.kind == "data"]
        assert 1 <= len(graphs) < 4  # interrupted after the first export, before the last
        assert {g.organisation for g in graphs} >= loaded_before
        for info in graphs:
            count = opened.query(
                f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{info.iri}> {{ ?s ?p ?o }} }}", union=False
            )
            assert int(count.rows[0][0].value) == info.triples > 0
