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
    raise StoreError.of("the server at {url} did not answer within {timeout:g} s", url=url, timeout=timeout)


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
            raise StoreError.of("the Oxigraph server is not installed", hint="pip install oxigraph")
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


VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
MaxQueryMem = 500M
ThreadsPerQuery = 1

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerThreads = 4
MaxClientConnections = 4
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 600
"""


def virtuoso_commands() -> tuple[str, str] | None:
    """The Virtuoso server and its SQL client (Debian: ``virtuoso-t`` and ``isql-vt``), or None."""
    server = shutil.which("virtuoso-t")
    client = shutil.which("isql-vt") or shutil.which("isql")
    return (server, client) if server and client else None


class VirtuosoServer:
    """OpenLink Virtuoso 7 on free loopback ports, in ``location``, for a ``with`` block.

    The database, its log and a generated ``virtuoso.ini`` live in ``location``. SPARQL Update over
    ``/sparql`` is granted to the anonymous ``SPARQL`` user (loopback only; docs/store.md says how to
    run it with authentication). Yields the SPARQL endpoint URL (``http://127.0.0.1:PORT/sparql``).
    """

    def __init__(self, location: str | Path) -> None:
        self.location = Path(location)
        self.http_port, self.sql_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.http_port}/sparql"
        self.process: subprocess.Popen[bytes] | None = None

    def isql(self, statement: str) -> str:
        """Run one SQL statement as ``dba`` (default password of a new database) and return the output."""
        commands = virtuoso_commands()
        assert commands is not None
        done = subprocess.run(
            [commands[1], f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={statement}"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if done.returncode != 0 or "Error" in done.stdout:
            raise StoreError.of(
                "Virtuoso refused {statement!r}: {why}",
                statement=statement,
                why=(done.stdout + done.stderr).strip()[:300],
            )
        return done.stdout

    def __enter__(self) -> str:
        commands = virtuoso_commands()
        if commands is None:
            raise StoreError.of(
                "OpenLink Virtuoso is not installed", hint="apt-get install virtuoso-opensource"
            )
        self.location.mkdir(parents=True, exist_ok=True)
        ini = self.location / "virtuoso.ini"
        ini.write_text(
            VIRTUOSO_INI.format(dir=self.location, sql_port=self.sql_port, http_port=self.http_port),
            encoding="utf-8",
        )
        self.process = subprocess.Popen(
            [commands[0], "+foreground", "+configfile", str(ini)],
            cwd=self.location,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(self.url + "?query=ASK%7B%7D", timeout=60)
            self.isql('GRANT SPARQL_UPDATE TO "SPARQL";')
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
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None
