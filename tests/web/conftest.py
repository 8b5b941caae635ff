"""Fixtures of the workbench tests: an app over a private copy of the bundled organisations."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from referentiel.intake.pipeline import DEMO_KEY_NAME, bundled_examples_dir

EXAMPLES = bundled_examples_dir()
ONE = "one-consultation-anderlecht"
CPAS = "cpas-ixelles"


@pytest.fixture
def organisations(tmp_path: Path) -> Path:
    """A writable copy of the bundled organisations (reviews write their mapping sets)."""
    target = tmp_path / "organisations"
    shutil.copytree(EXAMPLES, target, ignore=shutil.ignore_patterns(DEMO_KEY_NAME))
    return target


def project_key(folder: Path) -> Path:
    """A project key file of the kind a real deployment has (random, readable by its owner only)."""
    import secrets

    path = folder / "project.key"
    path.write_text(secrets.token_hex(32) + "\n", encoding="ascii")
    path.chmod(0o600)
    return path


@pytest.fixture
def config(tmp_path: Path, organisations: Path):
    """The workbench's configuration for a test: its own store, organisations and a project key."""
    from referentiel.web import WebConfig

    return WebConfig(
        store=tmp_path / "store",
        organisations=organisations,
        key_file=project_key(tmp_path),
        suggest_method="lexical",
    )


@pytest.fixture
def client(config):
    """A test client of the workbench, with its CSRF cookie already set."""
    from starlette.testclient import TestClient

    from referentiel.web import create_app

    with TestClient(create_app(config)) as test_client:
        test_client.get("/")
        yield test_client


def _export_files(organisation: str) -> list[tuple[str, tuple[str, bytes]]]:
    """The bundled export of ``organisation`` as multipart ``files`` fields."""
    folder = EXAMPLES / organisation / "export"
    return [("files", (p.name, p.read_bytes())) for p in sorted(folder.iterdir())]


def _run_check(client, organisation: str, files=None) -> str:
    """Upload an export, wait for the check to finish; the run's URL."""
    csrf = client.cookies.get("referentiel_csrf")
    response = client.post(
        "/check",
        data={"csrf": csrf, "organisation": organisation},
        files=files if files is not None else _export_files(organisation),
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    url = response.headers["location"]
    deadline = time.monotonic() + 60
    while client.get(url + "/progress").status_code != 204:
        assert time.monotonic() < deadline, "the check did not finish in 60 s"
        time.sleep(0.1)
    return url


@pytest.fixture
def export_files():
    """``export_files(org)``: the bundled export of ``org`` as multipart ``files`` fields."""
    return _export_files


@pytest.fixture
def run_check():
    """``run_check(client, org, files=None)``: upload, wait for the check; the run's URL."""
    return _run_check
