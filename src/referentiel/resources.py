"""Access to the files shipped inside the package: ontology, shapes, examples, queries.

The repository keeps ``ontology/``, ``shapes/`` and ``examples/`` at its top level; the package reaches
them through ``referentiel/data/*`` (symbolic links in the source tree, real copies in the wheel), always
through :mod:`importlib.resources`, so that an installed tool works from any directory.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

_DATA = "referentiel.data"


def data_root() -> Traversable:
    """The root of the bundled data (``referentiel/data``)."""
    return resources.files("referentiel").joinpath("data")


def bundled(*parts: str) -> Traversable:
    """A bundled file or folder, e.g. ``bundled("ontology", "referentiel.ttl")``."""
    node = data_root()
    for part in parts:
        node = node.joinpath(part)
    return node


def ontology_file() -> Traversable:
    """The framework's ontology (``ontology/referentiel.ttl``)."""
    return bundled("ontology", "referentiel.ttl")


def shapes_files() -> list[Traversable]:
    """Every bundled SHACL shapes file (``shapes/*.ttl``), sorted by name."""
    folder = bundled("shapes")
    return sorted((f for f in folder.iterdir() if f.name.endswith(".ttl")), key=lambda f: f.name)


@contextmanager
def as_path(node: Traversable) -> Iterator[Path]:
    """A real filesystem path for a bundled file (for tools that need one, like owlready2)."""
    with resources.as_file(node) as path:
        yield Path(path)
