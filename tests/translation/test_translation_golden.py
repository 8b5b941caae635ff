"""The translation of each example organisation is exactly the recorded one (guard for optimisations).

The golden files in ``data/golden`` were first recorded with the translator as it was before its
speed-ups (docs/performance.md, "Translation"), and recorded again when provenance became compact
(docs/translation.md, "Provenance"): every triple outside the provenance of cells unchanged, and every
cell's (resource, column title, text, status, property, concept, predicate, shape) the same as in the
first recording. The same triples (rdflib isomorphism) and the same issues must come out. When the
examples or the translation change on purpose, record them again with
``python tests/translation/test_translation_golden.py`` and review the diff.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from referentiel.translation import translate

ROOT = Path(__file__).resolve().parents[2]
ORGS = ROOT / "examples" / "organisations"
GOLDEN = Path(__file__).parent / "data" / "golden"
EXAMPLES = ["amo-le-tremplin", "cpas-ixelles", "creche-les-lucioles", "one-consultation-anderlecht"]


def _key() -> str:
    return (ORGS / "DEMO-ONLY.key").read_text(encoding="utf-8").strip()


@pytest.mark.parametrize("org", EXAMPLES)
def test_translation_output_is_the_recorded_one(org: str) -> None:
    result = translate([ORGS / org / "export"], ORGS / org / "profile.yaml", key=_key())
    expected = Graph().parse(data=gzip.decompress((GOLDEN / f"{org}.nt.gz").read_bytes()), format="nt")
    # both the rdflib Graph and the N-Triples written without it (what `referentiel translate` does)
    written = Graph().parse(data=result.serialize("nt"), format="nt")
    for got in (result.graph, written):
        if not isomorphic(got, expected):
            _, only_got, only_expected = graph_diff(to_isomorphic(got), to_isomorphic(expected))
            pytest.fail(
                f"{org}: {len(only_got)} triple(s) not recorded, {len(only_expected)} recorded triple(s) "
                f"missing, e.g. {sorted(only_got)[:3]} / {sorted(only_expected)[:3]}"
            )
    # The English messages are exactly the recorded ones (the catalogue changed none of them); the
    # message id, added with the catalogue, is not in the recording but every issue has one.
    assert all(i.message_id for i in result.issues)
    issues = [_recorded(i) for i in result.issues]
    assert issues == json.loads((GOLDEN / f"{org}.issues.json").read_text(encoding="utf-8"))


def _recorded(issue) -> dict:
    return {k: v for k, v in issue.as_dict().items() if k != "message_id"}


def _record() -> None:
    for org in EXAMPLES:
        result = translate([ORGS / org / "export"], ORGS / org / "profile.yaml", key=_key())
        lines = sorted(result.serialize("nt").decode("utf-8").splitlines(keepends=True))
        (GOLDEN / f"{org}.nt.gz").write_bytes(gzip.compress("".join(lines).encode("utf-8"), mtime=0))
        (GOLDEN / f"{org}.issues.json").write_text(
            json.dumps([_recorded(i) for i in result.issues], indent=1, ensure_ascii=False), encoding="utf-8"
        )


if __name__ == "__main__":
    _record()
