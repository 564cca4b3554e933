"""The ASGI app of ``fenwei serve``: pages, the API, the live engine's ticker.

``create_app(store, config)`` builds it; the lifespan replays the store into
the live engine and starts the ticker (every ``tick`` seconds it moves the
engine to the wall clock). The OpenAPI document is served at
``/api/v1/openapi.json`` (with auth, like the API); the interactive docs
page is off, because its scripts would come from a CDN.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fenwei.clock import Clock
from fenwei.config.community import CommunityConfig
from fenwei.config.settings import Settings
from fenwei.errors import AccessDenied, FenweiError, InputError
from fenwei.pipeline.analysis import Classify
from fenwei.store import Store
from fenwei.web import api, pages, settings_pages
from fenwei.web.auth import ApiError, FieldError, LoginRequired, PageDenied, TokenCache
from fenwei.web.context import Web, locale_of
from fenwei.web.live import LiveEngine
from fenwei.web.security import secret_key

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413, before reading them."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            body = ApiError(413, f"request body over {self.limit} bytes").body()
            await JSONResponse(body, status_code=413)(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise ApiError(413, f"request body over {self.limit} bytes")
            return message

        await self.app(scope, limited, send)


def create_app(
    store: Store,
    config: CommunityConfig,
    *,
    classify: Classify | None = None,
    clock: Clock | None = None,
    tick: float = 1.0,
    settings: Settings | None = None,
    default_locale: str | None = None,
) -> FastAPI:
    settings = settings or Settings()
    live = LiveEngine(store, config, classify=classify, clock=clock)
    state = Web(store, live, clock=clock, max_body=settings.max_body, default_locale=default_locale)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(live.start)
        ticker = asyncio.create_task(_tick(live, tick)) if tick > 0 else None
        try:
            yield
        finally:
            state.hub.close()
            if ticker is not None:
                ticker.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await ticker

    app = FastAPI(
        title="fenwei",
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
    )
    app.state.web = state
    app.state.store = store
    app.state.tokens = TokenCache()
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret_key(store, settings.secret_key),
        session_cookie="fenwei_session",
        same_site="lax",
        https_only=False,
        max_age=14 * 86_400,
    )
    app.add_middleware(BodyLimit, limit=settings.max_body)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(settings_pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/api/v1/openapi.json", include_in_schema=False)
    def openapi(request: Request) -> dict[str, Any]:
        api.api_principal(request)  # the API's description needs auth like the API
        return app.openapi()

    @app.get("/health", tags=["meta"])
    def health() -> dict[str, Any]:
        return state.health()

    @app.exception_handler(ApiError)
    async def on_api_error(request: Request, exc: ApiError) -> Response:
        return JSONResponse(exc.body(), status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError) -> Response:
        loc = locale_of(request)
        errors = [
            FieldError(".".join(str(x) for x in e["loc"] if x != "body") or None, e["msg"])
            for e in exc.errors()
        ]
        return JSONResponse(
            ApiError(422, state.t("web.api.invalid", loc), errors).body(), status_code=422
        )

    @app.exception_handler(LoginRequired)
    async def on_login(request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse("/login?next=" + request.url.path, status_code=303)

    @app.exception_handler(PageDenied)
    async def on_denied(request: Request, exc: PageDenied) -> Response:
        return pages.error_page(request, 403, "web.error.forbidden")

    @app.exception_handler(FenweiError)
    async def on_fenwei(request: Request, exc: FenweiError) -> Response:
        loc = locale_of(request)
        status = (
            422 if isinstance(exc, InputError) else 403 if isinstance(exc, AccessDenied) else 500
        )
        if request.url.path.startswith("/api/"):
            return JSONResponse(ApiError(status, exc.render(loc)).body(), status_code=status)
        return pages.error_page(request, status, None, exc.render(loc))

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> Response:
        loc = locale_of(request)
        if request.url.path.startswith("/api/"):
            message = (
                state.t("web.error.not_found", loc) if exc.status_code == 404 else str(exc.detail)
            )
            return JSONResponse(
                ApiError(exc.status_code, message).body(), status_code=exc.status_code
            )
        key = "web.error.not_found" if exc.status_code == 404 else None
        return pages.error_page(request, exc.status_code, key, str(exc.detail))

    @app.exception_handler(Exception)
    async def on_crash(request: Request, exc: Exception) -> Response:
        logger.error("web.unhandled", exc_info=exc, extra={"path": request.url.path})
        loc = locale_of(request)
        message = state.t("web.error.internal", loc)
        if request.url.path.startswith("/api/"):
            return JSONResponse(ApiError(500, message).body(), status_code=500)
        return pages.error_page(request, 500, None, message)

    return app


async def _tick(live: LiveEngine, every: float) -> None:
    while True:
        await asyncio.sleep(every)
        try:
            await run_in_threadpool(live.tick)
        except Exception:  # the ticker must outlive one bad tick; the failure is logged
            logger.exception("live.tick_failed")
