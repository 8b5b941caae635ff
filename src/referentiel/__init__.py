"""referentiel: the shared framework of network-based social work in parenting support, machine-readable.

Public API (imported lazily so that ``import referentiel`` stays fast):

- :func:`referentiel.validate` — SHACL validation of RDF data (see :mod:`referentiel.validation`).
- :func:`referentiel.check_ontology` — reasoner and quality checks on an ontology.
- :func:`referentiel.translate` — a partner's tabular export to RDF in the framework.
- :func:`referentiel.ingest` — the main job: translate, validate and load a directory of exports.
- :func:`referentiel.generate` — synthetic partner exports at any scale (see :mod:`referentiel.intake`).
"""

from __future__ import annotations

from referentiel._lazy import lazy_getattr

__version__ = "0.1.0"

_LAZY = {
    "validate": "referentiel.validation",
    "ValidationReport": "referentiel.validation",
    "check_ontology": "referentiel.ontology",
    "translate": "referentiel.translation",
    "ingest": "referentiel.intake",
    "generate": "referentiel.intake",
}


__getattr__ = lazy_getattr("referentiel", _LAZY)


__all__ = ["__version__", *_LAZY]
