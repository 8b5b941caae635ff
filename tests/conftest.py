"""Shared test fixtures."""

from __future__ import annotations

import pytest
from click.testing import CliRunner


@pytest.fixture
def runner() -> CliRunner:
    """A click runner that keeps stderr apart from stdout."""
    try:
        return CliRunner(mix_stderr=False)  # click < 8.2
    except TypeError:
        return CliRunner()


# A hostile input must be refused (or read completely) in bounded time and memory. Peak memory is
# only measurable per process, so the reading runs in a child process that reports its own figures.
# The peak is read from /proc (VmHWM, reset by exec): ru_maxrss survives exec, so a child of a big
# pytest process would start from the parent's peak and hide its own.
_BOUNDED = """
import json, re, sys, time
{imports}
def peak():
    return int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1))
before = peak()
start = time.perf_counter()
outcome = {{"code": None, "error": None}}
try:
{action}
except SystemExit as exc:
    outcome["code"] = exc.code
except Exception as exc:
    outcome["error"] = type(exc).__name__ + ": " + str(exc)
outcome["seconds"] = time.perf_counter() - start
outcome["extra_mib"] = (peak() - before) / 1024
print("BOUNDED" + json.dumps(outcome))
"""


@pytest.fixture
def bounded():
    """``bounded(imports, action)``: run ``action`` (Python lines) in a child process after
    ``imports``; returns its outcome (``error``, exit ``code``), ``seconds`` and ``extra_mib`` (peak
    resident memory beyond what the imports took)."""
    import json
    import os
    import subprocess
    import sys
    import textwrap
    from pathlib import Path

    src = str(Path(__file__).resolve().parents[1] / "src")

    def run(imports: str, action: str, timeout: float = 120) -> dict:
        script = _BOUNDED.format(imports=imports, action=textwrap.indent(textwrap.dedent(action), "    "))
        env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=timeout, env=env
        )
        lines = [line for line in done.stdout.splitlines() if line.startswith("BOUNDED")]
        assert lines, done.stderr[-2000:]
        outcome = json.loads(lines[-1][len("BOUNDED") :])
        outcome["stderr"] = done.stderr
        return outcome

    return run
