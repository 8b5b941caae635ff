"""Lazy re-exports for package ``__init__`` modules.

Packages re-export their public names without importing the modules behind them, so that
``import referentiel`` and the CLI start fast (owlready2, pyshacl, pyoxigraph load only when used).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any


def lazy_getattr(package: str, table: dict[str, str]) -> Callable[[str], Any]:
    """A module-level ``__getattr__`` that imports ``table[name]`` on first access of ``name``."""

    def __getattr__(name: str) -> Any:
        if name in table:
            return getattr(import_module(table[name]), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
