"""A W3C Reconciliation API 0.2 service over the framework's SKOS concepts (OpenRefine and friends).

:mod:`referentiel.reconcile.service` holds the protocol as pure functions over a
:class:`ReconciliationService` (manifest, reconcile a batch, suggest, preview, propose properties,
extend): dictionaries in, dictionaries out, no HTTP. :mod:`referentiel.reconcile.app` is the thin
Starlette layer (routes, form/JSON/JSONP decoding, CORS, token); ``referentiel reconcile-serve``
runs it with uvicorn. A web application can mount :func:`referentiel.reconcile.app.routes` itself.
"""

from referentiel.reconcile.service import Limits, ReconcileError, ReconciliationService

__all__ = ["Limits", "ReconcileError", "ReconciliationService"]
