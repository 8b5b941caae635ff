"""The SPARQL validation engine: SHACL shapes compiled into SPARQL SELECT queries run where the data are.

- :func:`validate_store`: data in a pyoxigraph store (e.g. a staging graph), validated in place.
- :func:`validate_endpoint`: data on a SPARQL 1.1 endpoint, validated on the server.
- ``referentiel.validate(..., engine="sparql")`` / ``referentiel validate --engine sparql``: files.

Results are the report model of every engine (:class:`~referentiel.validation.report.ValidationReport`).
What the engine does not run is named by :func:`unsupported_features` (docs/validation.md).
"""

from __future__ import annotations

from referentiel.validation.sparql.api import UnsupportedShapes, validate_endpoint, validate_store
from referentiel.validation.sparql.model import read_shapes, unsupported_features

__all__ = ["UnsupportedShapes", "read_shapes", "unsupported_features", "validate_endpoint", "validate_store"]
