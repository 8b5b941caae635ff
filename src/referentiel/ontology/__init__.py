"""The ontology capability: reasoner and quality checks (``check_ontology``), HTML documentation.

Heavy dependencies (owlready2, pyoxigraph, pyLODE) are imported inside the functions that need them.
"""

from __future__ import annotations

from referentiel.ontology.check import check_ontology
from referentiel.ontology.report import Finding, OntologyReport, ReasonerRun

__all__ = ["Finding", "OntologyReport", "ReasonerRun", "check_ontology", "generate_docs"]


def generate_docs(output_dir, ontology=None):  # noqa: ANN001, ANN201 - re-exported below
    """Write the HTML documentation of an ontology (see :func:`referentiel.ontology.docs.generate_docs`)."""
    from referentiel.ontology.docs import generate_docs as _generate

    return _generate(output_dir, ontology)
