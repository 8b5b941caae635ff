"""docs/reconcile.md: its commands run, its Python example prints what it says, its tables are true."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

from referentiel.cli import cli
from referentiel.reconcile.service import FILTER_PROPERTIES, Limits

DOC = (Path(__file__).resolve().parents[2] / "docs" / "reconcile.md").read_text(encoding="utf-8")


def test_console_commands_run(runner) -> None:
    for block in re.findall(r"^```console\n(.*?)^```", DOC, re.S | re.M):
        for line in block.splitlines():
            if line.startswith("$ referentiel "):
                result = runner.invoke(cli, shlex.split(line[len("$ referentiel ") :]))
                assert result.exit_code == 0, (line, result.output)


def test_python_example_prints_what_it_says() -> None:
    code = re.search(r"^```python\n(.*?)^```", DOC, re.S | re.M).group(1)
    expected = re.search(r"# (.+)$", code.strip().splitlines()[-1]).group(1)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "reconcile.md", "exec"), {})  # noqa: S102 - the documentation's own example
    assert out.getvalue().strip() == expected


def test_documented_filters_and_limits_are_the_codes() -> None:
    for pid in FILTER_PROPERTIES:
        assert f"| `{pid}` |" in DOC
    limits = Limits()
    assert f"at most {limits.max_batch} queries" in DOC
    assert f"at most {limits.max_query_length} characters" in DOC
    assert f"at most {limits.max_limit}" in DOC and f"at most {limits.max_ids} ids" in DOC


def test_documented_match_decision_is_the_codes() -> None:
    from referentiel.reconcile.decision import DECISION_DEPTH
    from referentiel.translation.calibration import load_calibration

    words = {5: "five"}
    for method in ("embedding", "lexical"):
        assert f"confidence reaches {load_calibration(method).match_threshold:g} and" in DOC
    assert f"at least {words[DECISION_DEPTH]} candidates deep" in DOC
    assert "`no_good_candidate`" in DOC and "exits 130" in DOC
