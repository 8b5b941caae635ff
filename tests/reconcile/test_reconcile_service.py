"""The reconciliation service: every response validates against the official 0.2 JSON schemas;
matching, filters, data extension, limits, CORS, JSONP and the token."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from referentiel.cli import cli
from referentiel.reconcile.app import create_app
from referentiel.reconcile.service import ReconcileError


def _batch(client: TestClient, queries: dict, **params: str) -> dict:
    response = client.post("/", data={"queries": json.dumps(queries), **params})
    assert response.status_code == 200, response.text
    return response.json()


def test_manifest_validates_and_announces_every_feature(client: TestClient, schemas) -> None:
    manifest = client.get("/").json()
    schemas.validate("manifest", manifest)
    assert manifest["versions"] == ["0.2"]
    assert manifest["identifierSpace"] == "https://w3id.org/referentiel/concept/"
    assert {"view", "preview", "suggest", "extend"} <= set(manifest)
    assert set(manifest["suggest"]) == {"entity", "type", "property"}
    assert manifest["preview"]["url"].startswith("http://testserver/preview")


def test_batch_in_three_languages_validates_and_matches_only_when_confident(
    client: TestClient, schemas
) -> None:
    queries = {
        "q0": {"query": "Assistante sociale", "type": "refc:scheme-role"},
        "q1": {"query": "verpleegkundige", "type": "refc:scheme-role", "type_strict": "should"},
        "q2": {"query": "social worker"},
        "q3": {"query": "tandarts", "type": "refc:scheme-role"},
        "q4": {
            "query": "huisbezoek",
            "type": ["refc:scheme-intervention-type", "ref:MeetingKind"],
            "limit": 3,
        },
    }
    schemas.validate("reconciliation-query-batch", queries)
    answer = _batch(client, queries)
    schemas.validate("reconciliation-result-batch", answer)
    assert set(answer) == set(queries)
    first = {key: value["result"][0] for key, value in answer.items()}
    assert first["q0"]["id"] == "role-social-worker" and first["q0"]["match"] is True
    assert (
        first["q1"]["id"] == "role-nurse" and first["q1"]["name"] == "verpleegkundige"
    )  # Dutch label matched
    assert first["q2"]["id"] == "role-social-worker" and first["q2"]["name"] == "social worker"
    assert first["q3"]["match"] is False  # a dentist has no equivalent among the framework's roles
    assert first["q4"]["id"] == "intervention-type-home-visit" and len(answer["q4"]["result"]) <= 3
    assert all(c["id"].startswith("role-") for c in answer["q0"]["result"])
    confidence = {f["id"]: f["value"] for f in first["q0"]["features"]}
    assert confidence["confidence"] >= 0.9 and all(not c["match"] for c in answer["q0"]["result"][1:])


def test_lang_parameter_names_candidates(client: TestClient) -> None:
    answer = _batch(client, {"q0": {"query": "Assistante sociale"}}, lang="nl")
    assert answer["q0"]["result"][0]["name"] == "maatschappelijk werker"


def test_property_filters_scheme_organisation_broader(client: TestClient, service, schemas) -> None:
    queries = {
        "scheme": {
            "query": "consultation",
            "properties": [{"pid": "scheme", "v": "refc:scheme-service-type"}],
        },
        "org": {"query": "consultation", "properties": [{"pid": "organisation", "v": "cpas-ixelles"}]},
        "none": {"query": "consultation", "properties": [{"pid": "organisation", "v": "no-such-org"}]},
    }
    parent = next(c for c in service.framework if c.broader)
    below = {c.iri.rsplit("/", 1)[-1] for c in service.framework if parent.broader[0] in c.broader}
    queries["broader"] = {
        "query": parent.label("fr"),
        "properties": [{"pid": "broader", "v": {"id": parent.broader[0].rsplit("/", 1)[-1]}}],
    }
    schemas.validate("reconciliation-query-batch", queries)
    answer = _batch(client, queries)
    schemas.validate("reconciliation-result-batch", answer)
    assert all(c["id"].startswith("service-type-") for c in answer["scheme"]["result"])
    mapped = service._mapped_by("cpas-ixelles")
    assert answer["org"]["result"] and all(
        service.framework.get(c["id"]).iri in mapped for c in answer["org"]["result"]
    )
    assert answer["none"]["result"] == []
    assert answer["broader"]["result"] and {c["id"] for c in answer["broader"]["result"]} <= below


def test_suggest_preview_and_extension_validate(client: TestClient, schemas) -> None:
    entity = client.get("/suggest/entity", params={"prefix": "infirm"}).json()
    schemas.validate("suggest-entities-response", entity)
    assert "role-nurse" in [e["id"] for e in entity["result"]]
    types = client.get("/suggest/type", params={"prefix": "role"}).json()
    schemas.validate("suggest-types-response", types)
    assert {"refc:scheme-role", "ref:ProfessionalRole"} <= {t["id"] for t in types["result"]}
    props = client.get("/suggest/property", params={"prefix": "organ"}).json()
    schemas.validate("suggest-properties-response", props)
    assert [p["id"] for p in props["result"]] == ["organisation"]
    everything = client.get("/suggest/property", params={"prefix": ""}).json()["result"]
    assert {p["id"] for p in everything} == {"scheme", "organisation", "broader"}
    preview = client.get("/preview", params={"id": "role-nurse"})
    assert preview.status_code == 200 and "verpleegkundige" in preview.text
    assert client.get("/preview", params={"id": "nope"}).status_code == 404

    proposal = client.get("/properties", params={"type": "refc:scheme-role", "limit": "20"}).json()
    schemas.validate("data-extension-property-proposal", proposal)
    ids = [p["id"] for p in proposal["properties"]]
    assert {"label-fr", "label-nl", "label-en", "definition-fr", "scheme", "broader"} <= set(ids)
    assert "mapping@cpas-ixelles" in ids
    query = {"ids": ["role-social-worker", "need-housing", "unknown"], "properties": [{"id": i} for i in ids]}
    schemas.validate("data-extension-query", query)
    extension = client.post("/", data={"extend": json.dumps(query)}).json()
    schemas.validate("data-extension-response", extension)
    row = extension["rows"]["role-social-worker"]
    assert row["label-nl"] == [{"str": "maatschappelijk werker"}]
    assert row["scheme"][0]["id"] == "refc:scheme-role"
    assert row["definition-fr"] and extension["rows"]["unknown"]["label-fr"] == []
    assert any("exactMatch" in v["str"] or "closeMatch" in v["str"] for v in row["mapping@cpas-ixelles"])


@pytest.mark.parametrize("lang,word", [("en", "too many"), ("fr", "trop de"), ("nl", "te veel")])
def test_batch_limit_is_a_clear_400_in_the_users_language(client: TestClient, lang: str, word: str) -> None:
    queries = {f"q{i}": {"query": "AS"} for i in range(11)}
    response = client.post("/", data={"queries": json.dumps(queries)}, headers={"Accept-Language": lang})
    assert response.status_code == 400
    assert response.json()["error"] == "batch-too-large" and word in response.json()["message"]
    assert "11" in response.json()["message"] and "10" in response.json()["message"]


@pytest.mark.parametrize(
    "queries,error",
    [
        ({"q0": {"query": "x" * 201}}, "query-too-long"),
        ({"q0": {"query": "AS", "type": "refc:scheme-nope"}}, "bad-query"),
        ({"q0": {"query": "AS", "properties": [{"pid": "colour", "v": "red"}]}}, "bad-query"),
        ({"q0": {"query": "AS", "limit": 0}}, "bad-query"),
        ({"q0": {"query": "   "}}, "bad-query"),
        ({"q0": {"query": "AS", "lang": "fr"}}, "bad-query"),
        ([1, 2], "not-object"),
    ],
)
def test_bad_queries_are_refused_with_400(client: TestClient, queries: object, error: str) -> None:
    response = client.post("/", data={"queries": json.dumps(queries)})
    assert response.status_code == 400 and response.json()["error"] == error
    assert "x" * 50 not in response.json()["message"]  # the query itself is never echoed whole


def test_bad_json_and_bad_extension(client: TestClient) -> None:
    assert client.post("/", data={"queries": "{not json"}).json()["error"] == "bad-json"
    assert client.post("/", data={"extend": json.dumps({"ids": "x"})}).json()["error"] == "bad-extend"
    unknown = client.post("/", data={"extend": json.dumps({"ids": [], "properties": [{"id": "colour"}]})})
    assert unknown.status_code == 400 and unknown.json()["error"] == "unknown-extend-property"


def test_json_body_is_accepted_too(client: TestClient, schemas) -> None:
    response = client.post("/", json={"q0": {"query": "crèche"}})
    schemas.validate("reconciliation-result-batch", response.json())
    assert response.json()["q0"]["result"][0]["id"] == "service-type-creche"


def test_cors_and_jsonp(client: TestClient) -> None:
    response = client.get("/", headers={"Origin": "https://example.org"})
    assert response.headers["access-control-allow-origin"] == "*"
    preflight = client.options(
        "/", headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"}
    )
    assert preflight.status_code == 200 and preflight.headers["access-control-allow-origin"] == "*"
    jsonp = client.get("/", params={"callback": "jQuery_123"})
    assert jsonp.headers["content-type"].startswith("application/javascript")
    assert jsonp.text.startswith("/**/jQuery_123(") and jsonp.text.endswith(");")
    payload = json.loads(jsonp.text[len("/**/jQuery_123(") : -2])
    assert payload["versions"] == ["0.2"]
    queries = json.dumps({"q0": {"query": "AS"}})
    wrapped = client.get("/", params={"queries": queries, "callback": "cb"}).text
    assert wrapped.startswith("/**/cb(") and "role-social-worker" in wrapped
    assert client.get("/", params={"callback": "alert(1)//"}).status_code == 400


def test_token_is_required_when_set(service) -> None:
    client = TestClient(create_app(service, token="s3cret"))
    assert client.get("/").status_code == 401
    assert client.get("/", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert client.get("/", params={"token": "s3cret"}).status_code == 200
    manifest = client.get("/t/s3cret/").json()
    assert manifest["preview"]["url"].startswith("http://testserver/t/s3cret/preview")
    assert client.get("/t/wrong/").status_code == 401


def test_non_loopback_needs_a_token(runner: CliRunner) -> None:
    result = runner.invoke(
        cli, ["reconcile-serve", "--host", "0.0.0.0"], env={"REFERENTIEL_RECONCILE_TOKEN": ""}
    )
    assert result.exit_code == 2 and "--token" in result.output


def test_reconcile_error_renders_in_three_languages() -> None:
    error = ReconcileError("query-too-long", key="q0", length=300, limit=200)
    assert (
        "300" in error.message("fr") and "tekens" in error.message("nl") and "characters" in error.message()
    )


def test_a_word_shared_by_two_schemes_is_never_matched_untyped(client: TestClient) -> None:
    answer = _batch(client, {"q0": {"query": "opvoedingsondersteuning"}})
    first, second = answer["q0"]["result"][:2]
    assert first["score"] == second["score"] and not first["match"]  # need and sector: ask the user
    typed = _batch(client, {"q0": {"query": "opvoedingsondersteuning", "type": "refc:scheme-need"}})
    assert typed["q0"]["result"][0]["id"] == "need-parenting-support" and typed["q0"]["result"][0]["match"]


def test_oversized_body_is_refused_before_it_is_read(client: TestClient) -> None:
    big = "queries=" + "x" * 1_000_001
    response = client.post("/", content=big, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413 and response.json()["error"] == "body-too-large"
