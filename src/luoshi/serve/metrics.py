"""``/healthz`` and ``/metrics``: how the service is doing, for a load balancer and for Prometheus.

``/healthz`` needs no login and shows only check names, yes/no and a fix-it line (no rows, no
addresses). ``/metrics`` is off unless ``LUOSHI_METRICS_TOKEN`` is set, and then answers only a
request carrying ``Authorization: Bearer <token>``. With ``luoshi serve --workers N`` the request
counts of all workers are summed (prometheus-client's multiprocess mode, in a folder serve makes).
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Iterator

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from luoshi.errors import LuoshiError
from luoshi.serve.middleware import HttpMiddleware
from luoshi.supervise.gauges import Gauges, read_gauges
from luoshi.supervise.health import service_checks
from luoshi.supervise.notify.config import NotifyConfig, load_notify_config

router = APIRouter(include_in_schema=False)
MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"  # set by luoshi serve --workers N before workers start


class RequestMetrics:
    """Counters and latency histograms per route template (``/items/{item_id}``), in one registry."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "luoshi_http_requests",
            "HTTP requests answered",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "luoshi_http_request_duration_seconds",
            "Time to answer",
            ["method", "route"],
            registry=self.registry,
        )


class MetricsMiddleware(HttpMiddleware):
    """Times each HTTP request and counts it under its route template (unmatched paths as one label)."""

    def __init__(self, app: ASGIApp, *, metrics: RequestMetrics) -> None:
        super().__init__(app)
        self.metrics = metrics

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        started, status = time.perf_counter(), 500

        async def record_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, record_status)
        finally:
            route = route_label(scope)
            self.metrics.requests.labels(scope["method"], route, str(status)).inc()
            self.metrics.latency.labels(scope["method"], route).observe(time.perf_counter() - started)


def route_label(scope: Scope) -> str:
    """The path with its parameters put back as ``{name}``; "unmatched" for paths no route answers."""
    path = str(scope.get("path", ""))
    if path.startswith("/static/"):
        return "/static"
    if scope.get("route") is None:
        return "unmatched"
    names = {str(v): f"{{{k}}}" for k, v in (scope.get("path_params") or {}).items()}
    return "/".join(names.get(part, part) for part in path.split("/"))


class LedgerGauges(Collector):
    """Gauges read from the ledger at scrape time."""

    def __init__(self, gauges: Gauges) -> None:
        self.gauges = gauges

    def collect(self) -> Iterator[GaugeMetricFamily]:
        g = self.gauges
        outbox = GaugeMetricFamily("luoshi_outbox_messages", "Notifications in the outbox", labels=["state"])
        outbox.add_metric(["pending"], g.outbox_pending)
        outbox.add_metric(["failed"], g.outbox_failed)
        yield outbox
        overdue = GaugeMetricFamily("luoshi_overdue", "Overdue work as of today", labels=["kind"])
        overdue.add_metric(["task"], g.overdue_tasks)
        overdue.add_metric(["order"], g.overdue_orders)
        yield overdue
        if g.last_backup is not None:
            yield GaugeMetricFamily(
                "luoshi_last_backup_timestamp_seconds", "When the newest backup was written", g.last_backup
            )


@router.get("/healthz")
def healthz(request: Request) -> JSONResponse:
    """200 when the database answers, is migrated and the calendar covers next year; else 503."""
    checks = service_checks(request.app.state.db, request.app.state.clock.today())
    healthy = all(c.ok for c in checks)
    body = {
        "status": "ok" if healthy else "fail",
        "checks": {c.name: {"ok": c.ok, "message": c.message} for c in checks},
    }
    return JSONResponse(body, status_code=200 if healthy else 503)


@router.get("/metrics")
def metrics(request: Request) -> Response:
    token = request.app.state.settings.metrics_token
    if not token:
        return JSONResponse({"detail": "未启用监控指标（设置 LUOSHI_METRICS_TOKEN 后开启）"}, 404)
    given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
    if not secrets.compare_digest(given.encode(), token.encode()):  # a plain 401, never the login page
        refused = {"detail": "监控指标需要正确的令牌"}
        return JSONResponse(refused, 401, headers={"WWW-Authenticate": "Bearer"})
    registry = CollectorRegistry()
    registry.register(LedgerGauges(_gauges(request)))
    text = _request_metrics(request.app.state.metrics) + generate_latest(registry)
    return Response(text, media_type=CONTENT_TYPE_LATEST)


def _request_metrics(own: RequestMetrics) -> bytes:
    """This process's counts; every worker's, summed, when ``luoshi serve --workers N`` shares a folder."""
    if not os.environ.get(MULTIPROCESS_DIR):
        return generate_latest(own.registry)
    from prometheus_client import multiprocess

    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    return generate_latest(registry)


def _gauges(request: Request) -> Gauges:
    state = request.app.state
    try:
        config = load_notify_config(state.settings.data_dir / "notify.yaml")
    except LuoshiError:  # luoshi doctor names the broken file; count failures as with no file
        config = NotifyConfig()
    with state.db.ledger(actor="metrics", clock=state.clock) as ledger:
        return read_gauges(ledger, today=state.clock.today(), config=config, data_dir=state.settings.data_dir)
