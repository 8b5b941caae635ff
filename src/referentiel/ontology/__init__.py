"""The ontology capability: reasoner and quality checks (``check_ontology``), HTML documentation.

Names are imported lazily so that the CLI (which imports ``referentiel.ontology.cli``) stays fast;
owlready2, pyoxigraph and pyLODE are imported only inside the functions that need them.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_LAZY = {
    "check_ontology": "referentiel.ontology.check",
    "OntologyReport": "referentiel.ontology.report",
    "Finding": "referentiel.ontology.report",
    "ReasonerRun": "referentiel.ontology.report",
    "generate_docs": "referentiel.ontology.docs",
    "DocsResult": "referentiel.ontology.docs",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'referentiel.ontology' has no attribute {name!r}")


__all__ = list(_LAZY)
