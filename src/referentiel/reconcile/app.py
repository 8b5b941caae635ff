"""The HTTP layer of the reconciliation service (Starlette): routes, decoding, CORS, JSONP, token.

Requests as OpenRefine and the specification send them: ``GET /`` is the manifest; ``queries=`` (GET
query string or POST form, or a JSON body) a reconciliation batch; ``extend=`` a data extension;
``/suggest/{entity,type,property}?prefix=``, ``/preview?id=``, ``/properties?type=``. Every GET
answer may be wrapped for JSONP with ``callback=`` (OpenRefine's older clients and browser widgets use
it), and CORS allows any origin, as the 0.2 specification requires.

The service binds to loopback by default. On any other address it requires a token (``--token`` or
``REFERENTIEL_RECONCILE_TOKEN``), sent as ``Authorization: Bearer TOKEN`` or ``token=``; OpenRefine can
send neither header nor parameter for the manifest, so the token may also be put in the service URL
path: ``http://host:8000/t/TOKEN/``.
"""

from __future__ import annotations

import hmac
import json
import re
import urllib.parse
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route

from referentiel.reconcile.messages import pick_lang, render
from referentiel.reconcile.service import ReconcileError, ReconciliationService

_CALLBACK = re.compile(r"^[A-Za-z_$][\w$.]{0,63}$")
MAX_BODY = 1_000_000


def routes(service: ReconciliationService) -> list[Route]:
    """The service's routes, to mount under any path of a larger Starlette application."""

    async def endpoint(request: Request) -> Response:
        params = dict(request.query_params)
        lang = _lang(request)
        try:
            params = await _params(request)
            if "queries" in params:
                return _answer(
                    request, params, service.reconcile(_json(params, "queries"), params.get("lang"))
                )
            if "extend" in params:
                return _answer(request, params, service.extend(_json(params, "extend"), lang))
            return _answer(request, params, service.manifest(_base_url(request)))
        except ReconcileError as exc:
            return _error(request, params, exc, lang)

    async def suggest(request: Request) -> Response:
        params = dict(request.query_params)
        lang = _lang(request)
        kind = request.path_params["kind"]
        prefix = params.get("prefix", "")
        try:
            if kind == "entity":
                types = [params["type"]] if params.get("type") else None
                body = service.suggest_entity(prefix, lang, _int(params.get("cursor"), 0), types)
            elif kind == "type":
                body = service.suggest_type(prefix, lang)
            else:
                body = service.suggest_property(prefix, lang)
            return _answer(request, params, body)
        except ReconcileError as exc:
            return _error(request, params, exc, lang)

    async def preview(request: Request) -> Response:
        params = dict(request.query_params)
        lang = _lang(request)
        try:
            if not params.get("id"):
                raise ReconcileError("missing-param", param="id")
            return HTMLResponse(service.preview(params["id"], lang))
        except ReconcileError as exc:
            return HTMLResponse(f"<p>{exc.message(lang)}</p>", status_code=exc.status)

    async def properties(request: Request) -> Response:
        params = dict(request.query_params)
        lang = _lang(request)
        limit = _int(params.get("limit"), None)
        return _answer(request, params, service.propose_properties(params.get("type"), lang, limit))

    return [
        Route("/", endpoint, methods=["GET", "POST"]),
        Route("/suggest/{kind:str}", suggest, methods=["GET"]),
        Route("/preview", preview, methods=["GET"]),
        Route("/properties", properties, methods=["GET"]),
    ]


def create_app(service: ReconciliationService, token: str | None = None) -> Starlette:
    """The standalone application: the routes (under ``/t/{token}`` too when a token is set), CORS."""
    inner = routes(service)
    all_routes: list[Any] = list(inner)
    if token:
        all_routes.append(Mount(f"/t/{token}", routes=inner))
    middleware = [
        Middleware(
            CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "OPTIONS"], allow_headers=["*"]
        ),
    ]
    app = Starlette(routes=all_routes, middleware=middleware)
    if token:
        app.add_middleware(_TokenMiddleware, token=token)
    return app


class _TokenMiddleware:
    """Refuses requests without the token (401), except CORS preflights which carry no credentials."""

    def __init__(self, app: Any, token: str) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("method") == "OPTIONS":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        given = request.query_params.get("token", "")
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            given = auth[7:].strip()
        if request.url.path.startswith(f"/t/{self.token}/") or request.url.path == f"/t/{self.token}":
            given = self.token
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            lang = pick_lang(request.query_params.get("lang"), request.headers.get("accept-language"))
            response = JSONResponse(
                {"error": "unauthorised", "message": render("unauthorised", lang)},
                401,
                headers={"Access-Control-Allow-Origin": "*"},
            )
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


async def _params(request: Request) -> dict[str, str]:
    """Query-string parameters, overlaid with a POST form or a JSON body's top-level keys."""
    params = dict(request.query_params)
    if request.method == "POST":
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > MAX_BODY:  # refused before it is read
            raise ReconcileError("body-too-large", status=413, limit=MAX_BODY)
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                raise ReconcileError("body-too-large", status=413, limit=MAX_BODY)
        ctype = request.headers.get("content-type", "")
        if ctype.startswith("application/json"):
            try:
                data = json.loads(body or b"{}")
            except ValueError:
                data = None
            if isinstance(data, dict) and ("queries" in data or "extend" in data):
                for key, value in data.items():
                    params[key] = value if isinstance(value, str) else json.dumps(value)
            elif isinstance(data, dict):
                params["queries"] = json.dumps(data)
            else:
                params["queries"] = body.decode("utf-8", "replace")
        else:
            # OpenRefine posts application/x-www-form-urlencoded (queries=..., extend=...).
            text = body.decode("utf-8", "replace")
            params.update(urllib.parse.parse_qsl(text, keep_blank_values=True))
    return params


def _lang(request: Request) -> str:
    return pick_lang(request.query_params.get("lang"), request.headers.get("accept-language"))


def _json(params: dict[str, Any], name: str) -> Any:
    try:
        return json.loads(params[name])
    except ValueError as exc:
        raise ReconcileError("bad-json", param=name) from exc


def _int(value: str | None, default: int | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else default
    except ValueError:
        return default


def _base_url(request: Request) -> str:
    root = str(request.base_url).rstrip("/")
    path = request.scope.get("root_path", "")
    return root + path if path and not root.endswith(path) else root


def _answer(request: Request, params: dict[str, Any], body: Any, status: int = 200) -> Response:
    callback = params.get("callback")
    if callback and request.method == "GET":
        if not _CALLBACK.match(callback):
            lang = _lang(request)
            return JSONResponse({"error": "bad-callback", "message": render("bad-callback", lang)}, 400)
        text = f"/**/{callback}({json.dumps(body, ensure_ascii=False)});"
        return Response(text, status_code=status, media_type="application/javascript; charset=utf-8")
    return JSONResponse(body, status_code=status)


def _error(request: Request, params: dict[str, Any], exc: ReconcileError, lang: str) -> Response:
    return _answer(request, params, {"error": exc.message_id, "message": exc.message(lang)}, exc.status)
