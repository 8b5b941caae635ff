"""The workbench: a server-rendered web application for stewards, researchers and agencies.

``referentiel web`` serves it (see :mod:`referentiel.web.cli` and docs/web.md). It is a thin layer
over the same Python API as the command line: checking an export is ``ingest --dry-run``, the
annotated copy ``ingest --annotate``, loading ``ingest``, a reviewed mapping ``mappings review``, a
research answer ``query``. :func:`create_app` builds the ASGI application.
"""

from __future__ import annotations

from referentiel.web.app import WebConfig, create_app

__all__ = ["WebConfig", "create_app"]
