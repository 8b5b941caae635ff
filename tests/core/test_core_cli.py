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
