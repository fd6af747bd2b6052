"""The application factory: one FastAPI app for pages, the JSON API and static files."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from luoshi.clock import Clock, FixedClock, SystemClock
from luoshi.config import Settings, load_settings
from luoshi.serve import errors
from luoshi.serve.deps import csrf_guard, report_year, scope_guard
from luoshi.serve.metrics import MetricsMiddleware, RequestMetrics
from luoshi.serve.middleware import BodyLimitMiddleware, SessionMiddleware
from luoshi.serve.render import make_templates
from luoshi.serve.requestlog import RequestLogMiddleware
from luoshi.serve.security import SessionCodec
from luoshi.store.db import Database
from luoshi.store.ledger import Ledger
from luoshi.store.migrate import ensure_schema
from luoshi.supervise.credentials import signing_key

STATIC = Path(__file__).parent / "static"
MAX_BODY = 25 * 1024 * 1024  # evidence files and ledger imports


def create_app(
    *,
    settings: Settings | None = None,
    database: Database | None = None,
    clock: Clock | None = None,
    secure_cookies: bool | None = None,
) -> FastAPI:
    """Build the app over ``database`` (migrated to head when empty)."""
    settings = settings or load_settings()
    db = database or Database(settings.resolved_database_url)
    ensure_schema(db.engine)
    app = FastAPI(
        title="luoshi 落实",
        summary="政府工作报告抓落实台账：报告、任务、进展、督办",
        routes=route_table().routes,
        docs_url=None,  # served from the vendored Swagger UI (route_table): no CDN
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.db = db
    app.state.clock = clock or start_clock(settings)
    app.state.templates = make_templates(ZoneInfo(settings.display_timezone))
    app.state.actors = {}  # short-lived cache of looked-up users (deps.ACTOR_TTL)
    app.state.demo_data = _demo_flag(db)
    app.state.metrics = RequestMetrics()
    errors.install(app)
    secure = settings.environment == "production" if secure_cookies is None else secure_cookies
    app.state.signing_key = signing_key(settings)  # also keys the port's address and contact hashes
    app.add_middleware(SessionMiddleware, codec=SessionCodec(app.state.signing_key), secure=secure)
    app.add_middleware(BodyLimitMiddleware, limit=MAX_BODY)
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)  # times everything inside
    app.add_middleware(RequestLogMiddleware)  # outside the metrics: its id and log line cover them too
    return app


@cache
def route_table() -> APIRouter:
    """Every route (JSON API, health, pages, docs, static files) under the app-wide dependencies,
    built once per process. FastAPI prepares a route (the pydantic schemas of its parameters and
    answer) on the first request that reaches it, for each router it is included in: the apps of
    one process (the test suite builds hundreds) share that work instead of repeating it. The
    routes keep nothing of an app's: a request reaches its own app's state as ``request.app``."""
    from luoshi.serve.api import router as api_router
    from luoshi.serve.metrics import router as health_router
    from luoshi.serve.pages import router as pages_router

    table = APIRouter(dependencies=[Depends(csrf_guard), Depends(report_year), Depends(scope_guard)])
    table.include_router(api_router, prefix="/api")
    table.include_router(health_router)  # /healthz, /metrics
    table.include_router(pages_router)
    table.add_api_route("/docs", _docs, include_in_schema=False)
    table.mount("/static", StaticFiles(directory=STATIC), name="static")
    return table


def _docs() -> HTMLResponse:
    """Swagger UI from the vendored files; its start-up script is a static file (no inline script)."""
    return HTMLResponse((Path(__file__).parent / "templates" / "docs.html").read_text(encoding="utf-8"))


def _demo_flag(db: Database) -> Callable[[Ledger | None], bool]:
    """A callable telling whether the database holds demo data (read once per data version, or
    never again once it does), in the ``ledger`` given (a page's own read) or a fresh one."""
    from luoshi.serve.queries import has_demo_data
    from luoshi.store.board import per_version

    seen = False

    def demo(ledger: Ledger | None = None) -> bool:
        nonlocal seen
        if seen:
            return True
        if ledger is None:
            with db.reader().ledger(actor="system") as own:
                return demo(own)
        seen = per_version(ledger, "demo", lambda: has_demo_data(ledger), ["reports", "progress_reports"])
        return seen

    return demo


def start_clock(settings: Settings) -> Clock:
    """The app's clock, fixed once at start-up: the real time, or ``LUOSHI_TODAY`` (demos, tests)."""
    return FixedClock.on(settings.today) if settings.today else SystemClock()
