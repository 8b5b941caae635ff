"""The workbench application: configuration, safety middleware, rendering, and the route table.

Safety, as docs/web.md describes it:

- a token (``REFERENTIEL_WEB_TOKEN``) is required on every request when one is configured (always
  when the server listens beyond loopback): ``Authorization: Bearer``, or ``?token=`` once, which
  sets an HttpOnly cookie and redirects to the same page without it;
- every form carries a CSRF token (a random cookie, HttpOnly and SameSite=Strict, repeated in a
  hidden field; the two must match);
- request bodies are capped (:attr:`WebConfig.max_upload_bytes`) before they are read, and uploads
  are parsed in memory (never spooled to a named file);
- every response carries a Content-Security-Policy without inline scripts or styles
  (``frame-ancestors 'none'``), ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy:
  no-referrer``;
- nothing is logged but the method, the route and the status (no query string, no value).
"""

from __future__ import annotations

import hmac
import logging
import os
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartParser
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from referentiel.errors import ReferentielError
from referentiel.web import i18n

log = logging.getLogger("referentiel.web")

HERE = Path(__file__).parent
CSRF_COOKIE = "referentiel_csrf"
TOKEN_COOKIE = "referentiel_token"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'"
)
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass
class WebConfig:
    """What the workbench serves and how it protects itself."""

    store: Path | None = None
    endpoint: str | None = None
    organisations: Path | None = None
    """The folder of organisations (``{org}/profile.yaml``, ``mappings.sssom.tsv``, ``export/``);
    default: the bundled examples."""
    key_file: Path | None = None
    token: str | None = None
    max_upload_bytes: int = 20 * 1024 * 1024
    max_files: int = 50
    suggest_method: str | None = None
    """``lexical`` or ``embedding`` (default: as ``mappings suggest``)."""
    runs_kept: int = 20
    demo: bool = False
    """Set when the organisations are the bundled examples and no key is given: only the bundled
    exports can be checked (with the DEMO-ONLY key, which serves them and nothing else)."""

    def __post_init__(self) -> None:
        from referentiel.intake.pipeline import KEY_ENV, KEY_FILE_ENV, bundled_examples_dir

        if self.organisations is None:
            self.organisations = bundled_examples_dir()
        bundled = bundled_examples_dir()
        self.demo = bool(
            self.key_file is None
            and not os.environ.get(KEY_ENV)
            and not os.environ.get(KEY_FILE_ENV)
            and bundled is not None
            and self.organisations is not None
            and Path(self.organisations).resolve() == bundled.resolve()
        )


@dataclass
class State:
    """What the running application keeps in memory (checks in progress or done; no file on disk)."""

    config: WebConfig
    runs: dict[str, Any] = field(default_factory=dict)
    cache: dict[Any, Any] = field(default_factory=dict)
    store_lock: threading.Lock = field(default_factory=threading.Lock)
    review_lock: threading.Lock = field(default_factory=threading.Lock)
    """One review at a time writes a mapping set (read, add, check, write)."""
    lock: threading.Lock = field(default_factory=threading.Lock)


class TooLarge(Exception):
    """The request body is larger than the configured limit."""


class PageError(Exception):
    """An error page: ``key`` of the catalogue (with ``params``) and the HTTP status."""

    def __init__(self, status: int, key: str, **params: object) -> None:
        super().__init__(key)
        self.status, self.key, self.params = status, key, params


templates = Jinja2Templates(directory=str(HERE / "templates"))


def lang_of(request: Request) -> str:
    """The page language: the cookie, else the browser's preference, else French."""
    chosen = i18n.pick(request.cookies.get(i18n.COOKIE))
    if chosen:
        return chosen
    for part in request.headers.get("accept-language", "").split(","):
        code = i18n.pick(part.split(";")[0].strip()[:2].lower())
        if code:
            return code
    return i18n.DEFAULT_LANG


def csrf_token(request: Request) -> str:
    """The client's CSRF token (made on first use, set as a cookie by the middleware)."""
    token = request.cookies.get(CSRF_COOKIE) or request.scope.get("referentiel.new_csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.scope["referentiel.new_csrf"] = token
    return token


def check_csrf(request: Request, form: Any) -> None:
    """Raise the CSRF error page unless the form's token matches the cookie's."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    sent = form.get("csrf", "")
    if not cookie or not isinstance(sent, str) or not hmac.compare_digest(cookie, sent):
        raise PageError(403, "csrf")


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page in the request's language (``t`` translates the chrome; ``csrf`` fills forms)."""
    lang = lang_of(request)
    state: State = request.app.state.referentiel
    context.update(
        request=request,
        lang=lang,
        langs=i18n.LANGS,
        t=lambda key, **p: i18n.t(lang, key, **p),
        csrf=csrf_token(request),
        demo=state.config.demo,
        path=request.url.path,
        url_query=request.url.query,
    )
    return templates.TemplateResponse(request, template, context, status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    """The error page, with the message in the request's language."""
    return render(request, "error.html", status=status, message=message)


# ------------------------------------------------------------------ middleware (pure ASGI)


class SafetyMiddleware:
    """Token, body size limit, security headers, CSRF cookie and a log line without values."""

    def __init__(self, app: Any, state: State) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        config = self.state.config
        request = Request(scope)
        if config.token:
            given = request.query_params.get("token")
            if given is not None and hmac.compare_digest(given, config.token):
                rest = {k: v for k, v in request.query_params.items() if k != "token"}
                target = request.url.path + (f"?{urlencode(rest)}" if rest else "")
                response = RedirectResponse(target, status_code=303)
                response.set_cookie(TOKEN_COOKIE, config.token, httponly=True, samesite="strict")
                await self._send(response, scope, receive, send)
                return
            bearer = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
            cookie = request.cookies.get(TOKEN_COOKIE, "")
            allowed = any(v and hmac.compare_digest(v, config.token) for v in (bearer, cookie))
            # The style sheet and htmx hold no data: the error page itself needs them.
            if not allowed and not request.url.path.startswith("/static/"):
                lang = lang_of(request)
                response = HTMLResponse(_bare_error(request, lang, i18n.t(lang, "token")), status_code=401)
                await self._send(response, scope, receive, send)
                return
        length = request.headers.get("content-length")
        limit = config.max_upload_bytes
        if length and length.isdigit() and int(length) > limit:
            scope["referentiel.too_large"] = True
        received = 0

        async def limited_receive() -> dict:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise TooLarge()
            return message

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"cache-control", b"no-store"),
                ]
                new_csrf = scope.get("referentiel.new_csrf")
                if new_csrf:
                    headers.append(
                        (
                            b"set-cookie",
                            f"{CSRF_COOKIE}={new_csrf}; Path=/; HttpOnly; SameSite=Strict".encode(),
                        )
                    )
                message["headers"] = headers
                log.info("%s %s %s", scope["method"], _route_of(scope), message["status"])
            await send(message)

        if scope.get("referentiel.too_large"):
            lang = lang_of(request)
            size = i18n.size_text(config.max_upload_bytes, lang)
            response = HTMLResponse(_bare_error(request, lang, i18n.t(lang, "too-large", size=size)), 413)
            await response(scope, receive, send_with_headers)
            return
        started = False

        async def tracking_send(message: dict) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send_with_headers(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except Exception as exc:  # noqa: BLE001 - the last line of defence: a page, never a traceback
            log.error("internal error %s on %s", type(exc).__name__, _route_of(scope))
            if started or os.environ.get("REFERENTIEL_DEBUG"):
                raise
            lang = lang_of(request)
            page = _bare_error(request, lang, i18n.t(lang, "internal", kind=type(exc).__name__))
            await HTMLResponse(page, 500)(scope, receive, send_with_headers)

    async def _send(self, response: Response, scope: dict, receive: Any, send: Any) -> None:
        async def with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                ]
            await send(message)

        await response(scope, receive, with_headers)


def _bare_error(request: Request, lang: str, message: str) -> str:
    return templates.get_template("error.html").render(
        request=request,
        lang=lang,
        langs=i18n.LANGS,
        demo=False,
        csrf="",
        t=lambda key, **p: i18n.t(lang, key, **p),
        message=message,
        path="/",
        url_query="",
    )


def _route_of(scope: dict) -> str:
    """The matched route's pattern (``/check/{run}``): ids and names stay out of the log."""
    route = scope.get("route")
    return getattr(route, "path", None) or "-"


# ------------------------------------------------------------------ error handlers


async def _page_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PageError)
    return error_page(request, exc.status, i18n.t(lang_of(request), exc.key, **exc.params))


async def _too_large(request: Request, exc: Exception) -> Response:
    lang = lang_of(request)
    size = i18n.size_text(request.app.state.referentiel.config.max_upload_bytes, lang)
    return error_page(request, 413, i18n.t(lang, "too-large", size=size))


async def _library_error(request: Request, exc: Exception) -> Response:
    # The library's messages are written to be shown (no personal value; file, row, column, hint).
    assert isinstance(exc, ReferentielError)
    return error_page(request, 400 if exc.exit_code == 2 else 422, exc.text(lang_of(request)))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    lang = lang_of(request)
    if exc.status_code == 404:
        return error_page(request, 404, i18n.t(lang, "not-found"))
    return error_page(request, exc.status_code, str(exc.detail))


# ------------------------------------------------------------------ small routes


async def home(request: Request) -> Response:
    return render(request, "home.html")


async def set_lang(request: Request) -> Response:
    lang = i18n.pick(request.path_params["lang"]) or i18n.DEFAULT_LANG
    target = request.query_params.get("next", "/")
    if not target.startswith("/") or target.startswith("//"):
        target = "/"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(i18n.COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax")
    return response


def create_app(config: WebConfig | None = None) -> Starlette:
    """The workbench as an ASGI application (see :func:`referentiel.web.cli.web_command`)."""
    from referentiel.web import check, framework, research, vocabulary

    config = config or WebConfig()
    state = State(config)
    # Uploaded files stay in memory while the form is parsed: none is spooled to a temporary file.
    MultiPartParser.spool_max_size = max(MultiPartParser.spool_max_size, config.max_upload_bytes)
    routes = [
        Route("/", home),
        Route("/lang/{lang}", set_lang),
        *check.ROUTES,
        *vocabulary.ROUTES,
        *research.ROUTES,
        *framework.ROUTES,
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={
            PageError: _page_error,
            TooLarge: _too_large,
            ReferentielError: _library_error,
            HTTPException: _http_error,
        },
    )
    app.state.referentiel = state
    app.add_middleware(SafetyMiddleware, state=state)
    return app
