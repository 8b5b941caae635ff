"""Helpers to run real SPARQL servers on loopback for tests, demos and benchmarks.

``OxigraphServer`` starts the Oxigraph server (``pip install oxigraph``: the ``oxigraph`` command)
on a free loopback port and stops it; ``ReadOnlyEndpoint`` runs ``referentiel serve``'s server in a
thread. Both are context managers yielding the base URL.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import Any

from referentiel.errors import StoreError


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, timeout: float = 20.0) -> None:
    """Poll ``url`` until the server answers (any HTTP status) or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise StoreError(f"the server at {url} did not answer within {timeout:g} s")


def oxigraph_command() -> str | None:
    """The ``oxigraph`` server command (next to this Python, else on PATH), or None."""
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.exists():
        return str(beside)
    return shutil.which("oxigraph")


class OxigraphServer:
    """``oxigraph serve --location DIR --bind 127.0.0.1:PORT`` for the duration of a ``with`` block."""

    def __init__(self, location: str | Path, port: int | None = None) -> None:
        self.location = Path(location)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> str:
        command = oxigraph_command()
        if command is None:
            raise StoreError("the Oxigraph server is not installed", hint="pip install oxigraph")
        self.process = subprocess.Popen(
            [command, "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            wait_until_up(self.url + "/query?query=ASK%7B%7D")
        except StoreError:
            self.__exit__(None, None, None)
            raise
        return self.url

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            if self.process.stderr:
                self.process.stderr.close()
            self.process = None


class ReadOnlyEndpoint:
    """``referentiel serve`` in a background thread (``with ReadOnlyEndpoint(store_dir) as url``)."""

    def __init__(self, store_dir: str | Path, **options: Any) -> None:
        """``options`` are :func:`~referentiel.store.serve.make_server`'s (timeout, max_results,
        allow_free_queries...)."""
        from referentiel.store.serve import make_server

        self.server = make_server(store_dir, host="127.0.0.1", port=0, **options)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        wait_until_up(self.url + "/sparql")
        return self.url

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)
