"""Helpers of the intake tests."""

from __future__ import annotations

import pytest
from click.testing import Result

from referentiel.errors import ReferentielError


def exit_code(result: Result) -> int:
    """The exit code `referentiel` itself would give (errors.py codes, as `main()` maps them)."""
    if isinstance(result.exception, ReferentielError):
        return result.exception.exit_code
    if isinstance(result.exception, KeyboardInterrupt):
        return 130
    return result.exit_code


@pytest.fixture
def code_of():
    """``code_of(result)``: the exit code of a CliRunner result as the console script would exit."""
    return exit_code
