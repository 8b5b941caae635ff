"""Fixtures of the reconciliation tests: the service (lexical matcher: no model download, fast) and
validators for the official Reconciliation API 0.2 JSON schemas vendored in ``schemas/``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from starlette.testclient import TestClient

from referentiel.reconcile.app import create_app
from referentiel.reconcile.service import Limits, ReconciliationService

SCHEMAS = Path(__file__).parent / "schemas"


def _registry() -> tuple[Registry, dict[str, dict]]:
    schemas = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS.glob("*.json")}
    resources = [
        (s["$id"], Resource.from_contents(s, default_specification=_draft7())) for s in schemas.values()
    ]
    return Registry().with_resources(resources), schemas


def _draft7():  # noqa: ANN202 - the referencing specification object
    from referencing.jsonschema import DRAFT7

    return DRAFT7


class Schemas:
    """``validate(name, instance)`` raises when ``instance`` does not conform to the 0.2 schema ``name``."""

    def __init__(self) -> None:
        self.registry, self.schemas = _registry()

    def validate(self, name: str, instance: object) -> None:
        Draft7Validator(self.schemas[name], registry=self.registry).validate(instance)


@pytest.fixture(scope="session")
def schemas() -> Schemas:
    return Schemas()


@pytest.fixture(scope="session")
def service() -> ReconciliationService:
    return ReconciliationService.create(method="lexical", limits=Limits(max_batch=10, max_query_length=200))


@pytest.fixture(scope="session")
def client(service: ReconciliationService) -> TestClient:
    return TestClient(create_app(service))
