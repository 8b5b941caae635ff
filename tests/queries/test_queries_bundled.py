"""The catalogue on the bundled example exports (issue 12): work-layers gives the share of direct
support beside the three layers, and layer 3 (coordination and reflexivity) is non-zero for every
organisation that exported meetings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from referentiel.intake.pipeline import bundled_examples_dir, ingest
from referentiel.namespaces import REFC
from referentiel.queries import run
from referentiel.store import Store, open_store


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("bundled") / "store"
    # --force: the bundled ONE export carries deliberate defects (it is refused otherwise), and its
    # meetings are what the layer-3 check is about.
    summary = ingest(store=folder, force=True, lang="en")
    assert summary
    store = open_store(folder)
    yield store
    store.close()


def _organisations_with_meetings() -> set[str]:
    examples = bundled_examples_dir()
    assert examples is not None
    found = set()
    for profile in Path(examples).glob("*/profile.yaml"):
        tables = yaml.safe_load(profile.read_text(encoding="utf-8"))["tables"]
        if any(t.get("entity") == "meeting" for t in tables):
            found.add(profile.parent.name)
    return found


def test_work_layers_on_the_bundled_data(bundled: Store) -> None:
    rows = run("work-layers", bundled, min_count=1).records()
    organisations = {r["organisation"].rsplit("/", 1)[-1] for r in rows}
    assert len(organisations) == 4
    for org in organisations:
        mine = {r["layer"]: r for r in rows if r["organisation"].endswith("/" + org)}
        # direct support is reported beside the layers, and layer 1 no longer takes every intervention
        assert float(mine[REFC + "direct-support"]["share"]) > 0, org
        assert float(mine.get(REFC + "layer-network-work", {"share": 0})["share"]) < 0.54, org
        assert sum(float(r["share"]) for r in mine.values()) == pytest.approx(1.0)
    with_meetings = _organisations_with_meetings()
    assert with_meetings == {"amo-le-tremplin", "one-consultation-anderlecht"}
    for org in with_meetings:
        layer3 = [
            r
            for r in rows
            if r["organisation"].endswith("/" + org) and r["layer"] == REFC + "layer-coordination"
        ]
        assert layer3 and layer3[0]["meetings"] > 0, org
