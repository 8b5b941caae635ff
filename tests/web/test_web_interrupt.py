"""``referentiel web`` stopped with Ctrl-C exits 130, as every command does (uvicorn.run would say 0)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
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
def test_ctrl_c_exits_130(tmp_path: Path) -> None:
    port = _free_port()
    path = [str(SRC), os.environ.get("PYTHONPATH")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in path if p)}
    # A terminal's Ctrl-C: SIGINT with its default disposition (a background job of a script ignores it).
    child = subprocess.Popen(
        [sys.executable, "-m", "referentiel", "web", "--port", str(port), "--store", str(tmp_path / "store")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # noqa: PLW1509 - no threads here
    )
    try:
        deadline = time.monotonic() + 45
        while not _listening(port):
            assert child.poll() is None, child.communicate()[1]
            assert time.monotonic() < deadline, "the workbench did not start"
            time.sleep(0.1)
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 130, err
    assert "interrupted" in err
    assert "Traceback" not in err
