"""A new store is made whole or not at all: a process killed while RocksDB writes its files must not
leave a directory that no later open can read (before: "Column family not found", then refused as
"not a store" — hit by the staging SIGKILL tests about once in twelve kills)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from referentiel.store import open_store
from referentiel.store.embedded import _create_store

CREATE = textwrap.dedent("""
    import sys
    from referentiel.store import open_store

    print("READY", flush=True)
    with open_store(sys.argv[1]) as store:
        print("OPEN", flush=True)
""")


def test_a_store_killed_while_it_is_created_opens_next_time(tmp_path: Path) -> None:
    script = tmp_path / "create.py"
    script.write_text(CREATE, encoding="utf-8")
    rng = random.Random(7)
    env = os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)}
    for attempt in range(30):
        db = tmp_path / f"db{attempt}"
        process = subprocess.Popen(
            [sys.executable, str(script), str(db)], stdout=subprocess.PIPE, text=True, env=env
        )
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "READY"
        time.sleep(rng.uniform(0.0, 0.06))  # creating an empty database takes 20-40 ms here
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        with open_store(db) as store:  # whatever the moment: a store, usable
            assert store.graphs() == []
        with open_store(db, read_only=True) as reader:
            assert reader.graphs() == []
    # nothing left beside the stores: leftovers of killed creations were removed by later ones
    # (the last attempt's own leftover, if any, by the open that followed it)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["create.py", *(f"db{i}" for i in range(30))])


def test_creation_dies_before_the_rename_leaves_no_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "db"

    def die(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", die)
    with pytest.raises(KeyboardInterrupt):
        _create_store(db)
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []  # no half store, no scratch directory
    with open_store(db) as store:
        assert store.graphs() == []
    assert oct(db.stat().st_mode & 0o777) == "0o700"


def test_an_empty_directory_given_becomes_the_store(tmp_path: Path) -> None:
    db = tmp_path / "db"
    db.mkdir()
    with open_store(db) as store:
        assert store.graphs() == []
    assert (db / "CURRENT").exists()
