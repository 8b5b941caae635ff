"""Intake: the main job. A directory of partner exports in, a summary a steward can send back out.

- :func:`ingest` — translate, validate and load every export of a directory
  (:class:`IngestSummary`: per organisation, rows read, terms mapped, findings located in the
  partner's files, loaded or refused);
- :func:`generate` — realistic synthetic exports at any scale, with injected defects on record.

Names are imported lazily so that ``import referentiel.intake`` (done by the CLI) stays cheap.
"""

from __future__ import annotations

from referentiel._lazy import lazy_getattr

_LAZY = {
    "ingest": "referentiel.intake.pipeline",
    "discover": "referentiel.intake.pipeline",
    "Export": "referentiel.intake.pipeline",
    "generate": "referentiel.intake.generator",
    "GenerationResult": "referentiel.intake.generator",
    "IngestSummary": "referentiel.intake.summary",
    "ExportResult": "referentiel.intake.summary",
    "Finding": "referentiel.intake.summary",
}


__getattr__ = lazy_getattr("referentiel.intake", _LAZY)


__all__ = list(_LAZY)
