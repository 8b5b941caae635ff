"""The command group itself: version, help, error mapping (no traceback, documented exit codes)."""

from __future__ import annotations

import subprocess
import sys

from referentiel import __version__
from referentiel.cli import cli


def test_version(runner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run([sys.executable, "-m", "referentiel", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and __version__ in done.stdout


def test_unknown_command_is_a_usage_error_with_exit_2() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "referentiel", "no-such-command"], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_outputs_of_one_run_are_written_together_or_not_at_all(tmp_path, capsys) -> None:
    import pytest

    from referentiel.cli.options import emit_all
    from referentiel.errors import InputError

    first, second = tmp_path / "data.ttl", tmp_path / "missing-folder" / "report.json"
    with pytest.raises(InputError, match="does not exist"):
        emit_all([("graph", first), ("report", second)])
    assert list(tmp_path.iterdir()) == []

    emit_all([("graph", first), ("to stdout", None), ("report", tmp_path / "report.json")])
    assert first.read_text() == "graph" and (tmp_path / "report.json").read_text() == "report"
    assert capsys.readouterr().out == "to stdout\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.ttl", "report.json"]


def test_two_outputs_to_the_same_file_are_refused_before_anything_is_written(tmp_path) -> None:
    import pytest

    from referentiel.cli.options import emit_all
    from referentiel.errors import InputError

    target = tmp_path / "out.json"
    with pytest.raises(InputError, match="same file") as caught:
        emit_all([("graph", target), ("report", tmp_path / "." / "out.json")])
    assert caught.value.exit_code == 2
    assert list(tmp_path.iterdir()) == []


def test_an_output_to_a_pipe_is_written_into_it_not_renamed_over_it(tmp_path) -> None:
    # `-o /dev/stdout` (a symlink to a pipe or terminal) used to be replaced by a plain file.
    import os
    import stat
    import threading

    from referentiel.cli.options import emit_all

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(
        target=lambda: received.append(fifo.read_text(encoding="utf-8")), daemon=True
    )
    reader.start()
    emit_all([("graph", fifo), ("report", tmp_path / "report.json")])
    reader.join(timeout=10)
    assert received == ["graph"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert (tmp_path / "report.json").read_text() == "report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe", "report.json"]


def test_outputs_can_be_written_from_another_thread(tmp_path) -> None:
    # Holding Ctrl-C back changes signal handlers, which only the main thread may do: a command run
    # in a worker thread (a notebook, a web app) failed with ValueError after writing its files.
    import threading

    from referentiel.cli.options import emit_all

    errors: list[BaseException] = []

    def write() -> None:
        try:
            emit_all([("graph", tmp_path / "data.ttl"), ("report", tmp_path / "report.json")])
        except BaseException as exc:  # noqa: BLE001 - the test reports whatever was raised
            errors.append(exc)

    worker = threading.Thread(target=write)
    worker.start()
    worker.join(timeout=10)
    assert errors == []
    assert (tmp_path / "data.ttl").read_text() == "graph"
    assert (tmp_path / "report.json").read_text() == "report"


def test_every_command_calls_its_human_output_text(runner, tmp_path) -> None:
    """`--format text` everywhere (`load` and `validate` always said text; `graphs` and `query` said
    table, which is still accepted)."""
    store = str(tmp_path / "store")
    for args in (["graphs", "--store", store], ["queries"]):
        assert "text" in runner.invoke(cli, [*args, "--help"]).output
    assert runner.invoke(cli, ["ingest", "--store", store, "--quiet"]).exit_code == 1
    as_text = runner.invoke(cli, ["graphs", "--store", store, "--format", "text"])
    as_table = runner.invoke(cli, ["graphs", "--store", store, "--format", "table"])
    assert as_text.exit_code == 0 and as_text.stdout == as_table.stdout
    assert "cpas-ixelles" in as_text.stdout
    help_text = runner.invoke(cli, ["graphs", "--help"]).output
    assert "table" not in help_text.split("--format", 1)[1].split("\n", 1)[0]
