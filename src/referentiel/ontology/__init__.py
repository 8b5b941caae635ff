"""The ontology capability: reasoner and quality checks (``check_ontology``), HTML documentation.

Names are imported lazily so that the CLI (which imports ``referentiel.ontology.cli``) stays fast;
owlready2, pyoxigraph and pyLODE are imported only inside the functions that need them.
"""

from __future__ import annotations

from referentiel._lazy import lazy_getattr

_LAZY = {
    "check_ontology": "referentiel.ontology.check",
    "OntologyReport": "referentiel.ontology.report",
    "Finding": "referentiel.ontology.report",
    "ReasonerRun": "referentiel.ontology.report",
    "generate_docs": "referentiel.ontology.docs",
    "DocsResult": "referentiel.ontology.docs",
}


__getattr__ = lazy_getattr("referentiel.ontology", _LAZY)


__all__ = list(_LAZY)
