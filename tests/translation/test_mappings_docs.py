"""docs/translation.md stays in step with the code: every check is documented, the example runs."""

from __future__ import annotations

import re
from pathlib import Path

from referentiel.translation.mapping_checks import CHECKS

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "translation.md"


def _section(title: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert match, f"section {title!r} missing from docs/translation.md"
    return match.group(1)


def test_every_check_is_documented() -> None:
    section = _section("Checking mapping sets")
    for check_id in CHECKS:
        assert f"`{check_id}`" in section, check_id


def test_python_example_runs(tmp_path: Path, monkeypatch) -> None:
    block = re.search(r"```python\n(.*?)```", _section("Mapping sets (SSSOM)"), re.S)
    assert block
    code = block.group(1).replace('"copy.sssom.tsv"', repr(str(tmp_path / "copy.sssom.tsv")))
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    exec(compile(code, "docs/translation.md", "exec"), namespace)  # noqa: S102 - our own documentation
    assert namespace["m"].object_id == "refc:role-social-worker"
    assert (tmp_path / "copy.sssom.tsv").exists()


def test_composition_table_matches_code() -> None:
    from referentiel.translation.terms import compose

    section = _section("Translating terms between organisations")
    rows = [line for line in section.splitlines() if line.startswith("| **")]
    assert len(rows) == 5
    columns = ["exact", "close", "broad", "narrow", "related"]
    for line in rows:
        cells = [c.strip() for c in line.strip("|").split("|")]
        first = cells[0].strip("*")
        for second, cell in zip(columns, cells[1:], strict=True):
            relation, approximate = compose(first, second)
            assert cell.rstrip("\\*") == relation, (first, second)
            assert cell.endswith("*") == approximate, (first, second)
