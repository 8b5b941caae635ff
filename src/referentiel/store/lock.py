"""One process at a time holds an embedded store for writing or serving: ``referentiel.lock``.

RocksDB already refuses a second writer, but ``referentiel serve`` opens the store read-only (per
query, in a child process) and RocksDB lets a writer in beside it: a ``load`` or ``ingest`` would then
change the data under a running server (a read-only opener beside a writer is undefined behaviour in
RocksDB). So ``load``/``ingest`` (any writable opening of the store) and ``serve`` take an exclusive
advisory lock (``flock``) on ``referentiel.lock`` inside the store directory, and the second one is
refused with a message naming the holder. The kernel releases a ``flock`` when its process ends, however
it ends (SIGKILL included): a stale lock file never blocks anybody, its content (the holder's pid, what it
does, since when) only serves the message. Read-only openers (``query``, ``graphs``) take no lock.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from referentiel.errors import StoreError

LOCK_NAME = "referentiel.lock"


class StoreLock:
    """The lock of the store at ``directory``, held by ``holder`` (``load``, ``serve``): exclusive for a
    writer, ``shared`` for a server."""

    def __init__(self, directory: str | Path, holder: str, *, shared: bool = False) -> None:
        self.path = Path(directory) / LOCK_NAME
        self.holder = holder
        self.shared = shared
        self._file: IO[str] | None = None

    def acquire(self) -> StoreLock:
        """Take the lock or raise :class:`StoreError` naming who holds it; never waits."""
        import fcntl

        handle = os.fdopen(
            os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600), "a+", encoding="utf-8"
        )
        try:
            fcntl.flock(handle.fileno(), (fcntl.LOCK_SH if self.shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            try:
                info = json.loads(handle.read() or "{}")
            except ValueError:
                info = {}
            handle.close()
            raise StoreError.of(
                "the store is in use by another process ({holder}, pid {pid}, since {since})",
                file=str(self.path.parent),
                hint="one program at a time loads into or serves a store: stop `referentiel serve` (Ctrl-C) "
                "or wait for the other load to end, then try again",
                holder=info.get("holder", "?"),
                pid=info.get("pid", "?"),
                since=info.get("since", "?"),
            ) from None
        handle.seek(0)
        handle.truncate()
        since = datetime.now(UTC).isoformat(timespec="seconds")
        handle.write(json.dumps({"holder": self.holder, "pid": os.getpid(), "since": since}) + "\n")
        handle.flush()
        self._file = handle
        return self

    def release(self) -> None:
        """Release the lock (the file stays: removing it could race with the next holder)."""
        if self._file is not None:
            self._file.close()  # closing the descriptor releases the flock
            self._file = None

    def __enter__(self) -> StoreLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
