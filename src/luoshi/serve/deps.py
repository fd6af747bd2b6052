"""Typed request dependencies: who is acting, the unit of work, the clock, CSRF.

The dependencies are ``async`` because they do no I/O (the user look-up, every
:data:`ACTOR_TTL` seconds, runs in the thread pool): FastAPI would otherwise run each one in a
worker thread, a thread hop per dependency per request, which under concurrent load costs more
than the endpoint itself.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import pairwise
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi import Path as PathParam
from starlette.concurrency import run_in_threadpool

from luoshi.clock import Clock, FixedClock
from luoshi.config import Settings
from luoshi.errors import PermissionDenied
from luoshi.serve.security import CSRF_FIELD, CSRF_HEADER, SessionData, csrf_matches
from luoshi.store.db import Database
from luoshi.store.ledger import Ledger
from luoshi.store.models import User
from luoshi.store.models.auth import ApiToken
from luoshi.supervise.accounts import token_live
from luoshi.supervise.credentials import token_digest
from luoshi.supervise.permissions import Action, Ownership, Role, allowed
from luoshi.supervise.scope import Scope, require_record, scope_of

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True, slots=True)
class Actor:
    """The user behind a request (role PUBLIC when nobody is signed in)."""

    role: Role
    user_id: int | None = None
    username: str = "public"
    display_name: str = ""
    unit_id: int | None = None
    via: str = "none"  # session | token | none

    @property
    def signed_in(self) -> bool:
        return self.user_id is not None

    def may(self, action: Action, ownership: Ownership = Ownership.NONE) -> bool:
        return allowed(self.role, action, ownership)


PUBLIC = Actor(role=Role.PUBLIC)


async def database(request: Request) -> Database:
    """The app's database; a GET reads it without taking SQLite's write lock (writers queue on it)."""
    db: Database = request.app.state.db
    return db.reader() if request.method in SAFE_METHODS else db


EARLIEST_AS_OF, LATEST_AS_OF = date(2000, 1, 1), date(2099, 12, 31)  # days a read may look at


async def clock(request: Request) -> Clock:
    """The app's clock; a read may look at another day with ``?as_of=YYYY-MM-DD``.

    Writes always take the app's clock: whoever writes cannot choose the time the ledger and the
    audit trail record (a demo or test day is fixed when the app starts, never per request).
    """
    app_clock: Clock = request.app.state.clock
    as_of = request.query_params.get("as_of")
    if not as_of or request.method not in SAFE_METHODS:
        return app_clock
    return FixedClock.on(as_of_day(as_of))


def as_of_day(text: str) -> date:
    """The day ``?as_of=`` names, or 422 (not a date, or outside the years the ledger covers)."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise HTTPException(422, "as_of 须为 YYYY-MM-DD 格式的日期") from None
    if not EARLIEST_AS_OF <= day <= LATEST_AS_OF:
        raise HTTPException(422, f"as_of 须在 {EARLIEST_AS_OF} 至 {LATEST_AS_OF} 之间")
    return day


EARLIEST_YEAR, LATEST_YEAR = 1949, 2100
REPORT_YEAR: ContextVar[int | None] = ContextVar("luoshi_report_year", default=None)


async def report_year(request: Request) -> int | None:
    """``?year=2023``: the report year every board, list, review and score of this request shows
    (None: the ledger's default, the latest year adopted by the page's day). An app-wide dependency:
    :func:`unit_of_work` scopes its ledger to it, so every page and API route gets it for free."""
    text = request.query_params.get("year", "").strip()
    year = None
    if text:
        if not text.isdigit() or not EARLIEST_YEAR <= int(text) <= LATEST_YEAR:
            raise HTTPException(422, f"year 须为 {EARLIEST_YEAR} 至 {LATEST_YEAR} 之间的年份（如 2023）")
        year = int(text)
    request.state.year = year
    REPORT_YEAR.set(year)  # copied into the worker thread that runs a sync endpoint
    return year


def session_data(request: Request) -> SessionData:
    data: SessionData = request.state.session
    return data


async def actor(request: Request) -> Actor:
    """Bearer token first (API clients), then the session cookie, else the public; looked up once
    per request (:func:`scope_guard` may have asked first: a write looks up afresh, so only once)."""
    found = getattr(request.state, "actor", None)
    if isinstance(found, Actor):
        return found
    who = await _find_actor(request)
    request.state.actor = who  # error pages show the same header
    return who


ACTOR_TTL = 10.0  # seconds a looked-up user is trusted by reads before it is read again


async def _find_actor(request: Request) -> Actor:
    """The actor, from the cache for reads; writes always look the session or token up afresh, so a
    signed-out cookie, a revoked token or a disabled user can never write (reads: within ACTOR_TTL)."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        key = ("token", token_digest(header[7:].strip()))
    else:
        session = session_data(request)
        if session.user_id is None:
            return PUBLIC
        key = ("user", f"{session.user_id}:{session.generation}")
    cache: dict[tuple[str, str], tuple[float, Actor]] = request.app.state.actors
    now = time.monotonic()
    hit = cache.get(key)
    if hit is not None and hit[0] > now and request.method in SAFE_METHODS:
        return hit[1]
    found = await run_in_threadpool(_lookup, request, header)
    if len(cache) > 4096:
        cache.clear()
    cache[key] = (now + ACTOR_TTL, found)
    return found


def forget_actors(request: Request) -> None:
    """Drop this process's cached look-ups (after sign-out or an account change)."""
    request.app.state.actors.clear()


def _lookup(request: Request, header: str) -> Actor:
    db: Database = request.app.state.db
    with db.reader().ledger(actor="auth") as ledger:  # a read: never queues for SQLite's write lock
        if header.lower().startswith("bearer "):
            return _token_actor(request, ledger, header[7:].strip())
        session = session_data(request)
        user = ledger.session.get(User, session.user_id) if session.user_id is not None else None
        if user is None or not user.active or user.session_generation != session.generation:
            return PUBLIC
        return _actor(user, "session")


def _token_actor(request: Request, ledger: Ledger, token: str) -> Actor:
    row = ledger.find(ApiToken, digest=token_digest(token))
    settings: Settings = request.app.state.settings
    live = row is not None and token_live(row, datetime.now(UTC), settings.token_days)
    user = ledger.session.get(User, row.user_id) if row is not None and live else None
    if user is None or not user.active:
        raise HTTPException(401, "令牌无效、已撤销或已过期", headers={"WWW-Authenticate": "Bearer"})
    return _actor(user, "token")


def _actor(user: User, via: str) -> Actor:
    return Actor(
        role=Role(user.role),
        user_id=user.id,
        username=user.username,
        display_name=user.display_name or user.username,
        unit_id=user.unit_id,
        via=via,
    )


async def csrf_guard(request: Request) -> None:
    """Every unsafe request made with the session cookie must carry the session's CSRF token."""
    if request.method in SAFE_METHODS or request.headers.get("authorization", "").lower().startswith(
        "bearer "
    ):
        return
    given = request.headers.get(CSRF_HEADER)
    content_type = request.headers.get("content-type", "")
    if given is None and content_type.startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        field = (await request.form()).get(CSRF_FIELD)
        given = field if isinstance(field, str) else None
    if not csrf_matches(session_data(request).csrf, given):
        raise HTTPException(403, "表单已过期或来源不明（CSRF 校验失败），请刷新页面后重试")


def seen_by(ledger: Ledger, who: Actor) -> Scope:
    """What ``who`` sees (上下联动): see :mod:`luoshi.supervise.scope`."""
    return scope_of(ledger, who.unit_id)


PUBLIC_PATHS = ("/public", "/api/public")  # what the public sees is the same for everyone


async def scope_guard(request: Request) -> None:
    """A signed-in user of a county asking for a record outside their county by its address
    (``/tasks/{task_id}``, ``/api/items/{item_id}``, ``/admin/units/{code}`` …) gets the 404 of a
    missing record, on every route, read or write. An app-wide dependency, like :func:`report_year`."""
    route = request.scope.get("route")
    template = getattr(route, "path_format", "")
    if not template or template.startswith(PUBLIC_PATHS):
        return
    asked = addressed(template, request.path_params)
    if not asked:
        return
    who = await actor(request)
    if who.unit_id is not None:
        await run_in_threadpool(_check_scope, request, who, asked)


def addressed(template: str, params: dict[str, Any]) -> list[tuple[str, int | str]]:
    """The records an address names: ``/api/tasks/{task_id}/accept`` → (tasks, 7) — by id where the
    parameter is an ``…_id`` (one that is no number is left to the route's own 422), else by key
    (``/admin/units/{code}`` → (units, "fgw"))."""
    parts = template.strip("/").split("/")
    named: list[tuple[str, int | str]] = []
    for collection, part in pairwise(parts):
        name = part[1:-1] if part.startswith("{") else ""
        value = str(params.get(name, ""))
        if not name or not value or collection.startswith("{"):
            continue
        if not name.endswith("_id"):
            named.append((collection, value))
        elif value.isdigit() and len(value) < 10:
            named.append((collection, int(value)))
    return named


def _check_scope(request: Request, who: Actor, asked: list[tuple[str, int | str]]) -> None:
    db: Database = request.app.state.db
    with db.reader().ledger(actor=who.username) as ledger:
        scope = seen_by(ledger, who)
        for collection, key in asked:
            require_record(ledger, scope, collection, key)


ActorDep = Annotated[Actor, Depends(actor)]
ClockDep = Annotated[Clock, Depends(clock)]
DatabaseDep = Annotated[Database, Depends(database)]


@contextmanager
def unit_of_work(db: Database, who: Actor, at: Clock) -> Iterator[Ledger]:
    """A ledger session acting as ``who``, scoped to the request's report year (``?year=``):
    commits at the end, rolls back on error."""
    with db.ledger(actor=who.username, clock=at, year=REPORT_YEAR.get()) as ledger:
        yield ledger


async def signed_in(who: ActorDep) -> Actor:
    """The actor, or 401 (pages turn that into a redirect to the login form)."""
    if not who.signed_in:
        raise HTTPException(401, "请先登录")
    return who


UserDep = Annotated[Actor, Depends(signed_in)]


def permit(who: Actor, action: Action, ownership: Ownership = Ownership.NONE) -> None:
    """Refuse unless :func:`~luoshi.supervise.permissions.allowed`: 401 for the public, else 403."""
    if allowed(who.role, action, ownership):
        return
    if not who.signed_in:
        raise HTTPException(401, "请先登录")
    raise PermissionDenied("无权执行此操作")


MAX_ID = 2_147_483_647  # ids are 32-bit integers on PostgreSQL
RecordId = Annotated[int, PathParam(ge=1, le=MAX_ID, description="记录编号")]
