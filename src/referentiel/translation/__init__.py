"""Translation layer: partner exports (CSV, XLSX, JSON) to RDF in the framework, through SSSOM mappings.

- :func:`translate` — an export and its organisation profile -> :class:`TranslationResult`
  (rdflib graph with provenance, issues in the partner's terms, statistics);
- :func:`load_profile` — read and validate an organisation profile (YAML);
- :func:`coverage` — how much of the export's vocabulary maps to the framework;
- :func:`validate_export` — translate, validate with the shapes, report in the partner's terms;
- :mod:`referentiel.translation.sssom` — SSSOM mapping sets.

Names are imported lazily so that ``import referentiel.translation`` (done by the CLI) stays cheap.
"""

from __future__ import annotations

from referentiel._lazy import lazy_getattr

_LAZY = {
    "translate": "referentiel.translation.translator",
    "analyse": "referentiel.translation.translator",
    "TranslationResult": "referentiel.translation.translator",
    "TranslationIssue": "referentiel.translation.translator",
    "load_profile": "referentiel.translation.profile",
    "Profile": "referentiel.translation.profile",
    "coverage": "referentiel.translation.mapping_coverage",
    "CoverageReport": "referentiel.translation.mapping_coverage",
    "validate_export": "referentiel.translation.validate_export",
}


__getattr__ = lazy_getattr("referentiel.translation", _LAZY)


__all__ = list(_LAZY)
