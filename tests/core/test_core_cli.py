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
