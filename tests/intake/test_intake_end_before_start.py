"""An end date before its start date is `end-before-start`, located at the end column, in every
language and with its how-to-fix, whichever validation engine made the report."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from referentiel.intake import ingest
from referentiel.intake.pipeline import bundled_examples_dir
from referentiel.validation import engine as engines

# "check both dates" in each language, from the shapes' ref:fixHint
HINTS = {"fr": "Vérifiez les deux dates", "en": "Check both dates", "nl": "Controleer beide datums"}
MESSAGES = {
    "fr": "La fin du suivi précède son début",
    "en": "The follow-up ends before it starts",
    "nl": "De opvolging eindigt vóór ze begint",
}


@pytest.fixture(scope="module")
def swapped(tmp_path_factory) -> tuple[Path, Path]:
    """The bundled CPAS export with the opening and closing dates of its first dossier swapped."""
    root = tmp_path_factory.mktemp("swapped")
    org = root / "exports" / "cpas-ixelles"
    shutil.copytree(bundled_examples_dir() / "cpas-ixelles", org)
    dossiers = org / "export" / "dossiers.csv"
    raw = dossiers.read_bytes()
    before = b"2023/0400;F-1001;26/05/2022;06/09/2025"
    assert before in raw
    dossiers.write_bytes(raw.replace(before, b"2023/0400;F-1001;06/09/2025;26/05/2022"))
    key = root / "partner.key"
    key.write_text("c0ffee" * 8, encoding="utf-8")
    key.chmod(0o600)
    return root, key


def _installed_engines() -> list[str]:
    return [name for name, kind in engines.ENGINES.items() if importlib.util.find_spec(kind.module)]


@pytest.mark.parametrize("engine", _installed_engines())
@pytest.mark.parametrize("lang", ["fr", "en", "nl"])
def test_end_before_start_is_its_own_kind_at_the_end_column(swapped, monkeypatch, engine, lang) -> None:
    root, key = swapped
    monkeypatch.setattr(engines, "DEFAULT_ENGINES", (engine,))
    summary = ingest(root / "exports", store=root / f"store-{engine}-{lang}", key_file=key, lang=lang)
    (export,) = summary.exports
    found = [f for f in export.findings if f.kind == "end-before-start"]
    assert len(found) == 1, [(f.kind, f.column, f.message) for f in export.findings]
    finding = found[0]
    assert (finding.file, finding.row, finding.column) == ("dossiers.csv", 2, "date_cloture")
    assert finding.severity == "violation"
    assert MESSAGES[lang] in finding.message and HINTS[lang] in finding.message
    # the swapped dates are both real dates: nothing calls them impossible any more
    assert not [f for f in export.findings if f.kind == "impossible-date" and f.file == "dossiers.csv"]


def test_the_sparql_engine_locates_it_at_the_end_column_too(swapped) -> None:
    """The store-native engine's report goes through the same result->location step."""
    import pyoxigraph as ox

    from referentiel.namespaces import SH
    from referentiel.translation import translate
    from referentiel.validation.sparql.api import validate_store

    root, key = swapped
    org = root / "exports" / "cpas-ixelles"
    result = translate(org / "export", org / "profile.yaml", key_file=key)
    store = ox.Store()
    store.load(result.graph.serialize(format="nt").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    report = validate_store(store, lang="en")
    found = [r for r in report.results if r.component == SH.LessThanOrEqualsConstraintComponent]
    assert [(r.source.file, r.source.row, r.source.column) for r in found if r.source] == [
        ("dossiers.csv", 2, "date_cloture")
    ]
