"""The framework as entries to browse (the workbench's framework page)."""

from __future__ import annotations

from referentiel.ontology.browse import bundled_index


def test_schemes_concepts_and_classes_with_three_languages():
    index = bundled_index()
    roles = next(s for s in index.schemes if s.entry.local == "scheme-role")
    midwife = next(c for c in roles.concepts if c.local == "role-midwife")
    assert midwife.labels == {"fr": "sage-femme", "nl": "vroedvrouw", "en": "midwife"} or set(
        midwife.labels
    ) == {"fr", "nl", "en"}
    assert midwife.definition("nl")
    assert index.by_local["role-midwife"] is midwife
    assert any(c.local == "Intervention" for c in index.classes)
    assert any(e.sources for e in index.by_local.values())
