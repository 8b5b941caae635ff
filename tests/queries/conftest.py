"""Fixtures of the research-query tests: synthetic data loaded into the embedded store and into a
real Oxigraph server on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from referentiel.store import Store, open_store
from referentiel.store.synthetic import generate
from referentiel.store.synthetic_records import SyntheticData
from referentiel.store.testing import OxigraphServer


@pytest.fixture(scope="session")
def synthetic() -> SyntheticData:
    """80 families followed by 5 services (about 10k triples); every value invented."""
    return generate(families=80, orgs=5, seed=11)


@pytest.fixture(scope="session")
def synthetic_files(synthetic: SyntheticData, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return synthetic.write(tmp_path_factory.mktemp("synthetic"), "ttl")


def _load_all(store: Store, files: list[Path]) -> None:
    # The query tests are about answers, not SHACL (tests/store covers validation on load).
    for path in files:
        store.load([path], organisation=path.stem, validate=False)


@pytest.fixture(scope="session")
def embedded(synthetic_files: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = open_store(tmp_path_factory.mktemp("store") / "db")
    _load_all(store, synthetic_files)
    yield store
    store.close()


@pytest.fixture(scope="session")
def oxigraph_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Oxigraph server (the `oxigraph` command from PyPI) on a free loopback port."""
    with OxigraphServer(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


@pytest.fixture(scope="session")
def remote(oxigraph_url: str, synthetic_files: list[Path]) -> Store:
    store = open_store(endpoint=oxigraph_url)
    _load_all(store, synthetic_files)
    return store
