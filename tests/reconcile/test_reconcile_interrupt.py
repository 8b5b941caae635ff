"""``referentiel reconcile-serve`` stopped with Ctrl-C exits 130 with a short message, as
``referentiel web`` and every command do (uvicorn.run would say 0)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name != "posix", reason="POSIX signals")
def test_ctrl_c_exits_130() -> None:
    port = _free_port()
    path = [str(SRC), os.environ.get("PYTHONPATH")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in path if p)}
    # A terminal's Ctrl-C: SIGINT with its default disposition (a background job of a script ignores it).
    child = subprocess.Popen(
        [sys.executable, "-m", "referentiel", "reconcile-serve", "--port", str(port), "--method", "lexical"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # noqa: PLW1509 - no threads here
    )
    try:
        deadline = time.monotonic() + 60
        while not _listening(port):
            assert child.poll() is None, child.communicate()[1]
            assert time.monotonic() < deadline, "the service did not start"
            time.sleep(0.1)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:  # it serves
            assert json.load(response)["versions"] == ["0.2"]
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 130, err
    assert "interrupted" in err
    assert "Traceback" not in err
