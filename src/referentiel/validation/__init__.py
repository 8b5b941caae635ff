"""SHACL validation of partner data: engine seam, report model, messages and renderers.

``validate`` and ``ValidationReport`` are re-exported lazily by :mod:`referentiel`.
"""

from __future__ import annotations

from referentiel.validation.api import validate
from referentiel.validation.engine import EngineOutput, PyshaclEngine, ValidationEngine
from referentiel.validation.report import Severity, Source, ValidationReport, ValidationResult

__all__ = [
    "EngineOutput", "PyshaclEngine", "Severity", "Source", "ValidationEngine", "ValidationReport",
    "ValidationResult", "validate",
]
