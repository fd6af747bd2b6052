"""Sign in and out (session cookie; the token rotates on every change of user; failures are limited)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from luoshi.config import Settings
from luoshi.serve.deps import ActorDep, DatabaseDep, forget_actors
from luoshi.serve.render import page
from luoshi.serve.security import SessionData, new_csrf_token
from luoshi.store.logins import LoginKeys, blocked, record_failure, record_success
from luoshi.supervise.accounts import authenticate, end_sessions

router = APIRouter()


@router.get("/login")
def login_form(request: Request, who: ActorDep, next: str = "/dashboard") -> Response:
    return page(request, "login.html", who, next=_safe_next(next), username="", error=None)


@router.post("/login")
def login(
    request: Request,
    who: ActorDep,
    db: DatabaseDep,
    username: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=200)],
    next: Annotated[str, Form(max_length=500)] = "/dashboard",
) -> Response:
    settings: Settings = request.app.state.settings
    keys = LoginKeys.of(username, request.client.host if request.client else "-")
    now = datetime.now(UTC)
    with db.ledger(actor=username) as ledger:
        if blocked(ledger, keys, settings, now):
            minutes = max(1, settings.login_window_seconds // 60)
            return _again(request, who, username, next, f"登录失败次数过多，请 {minutes} 分钟后再试", 429)
        user = authenticate(ledger, username=username, password=password)
        if user is None:
            record_failure(ledger, keys, settings, now)
            return _again(request, who, username, next, "用户名或密码错误", 401)
        record_success(ledger, keys)
        session = SessionData(csrf=new_csrf_token(), user_id=user.id, generation=user.session_generation)
    request.state.session = session
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request, who: ActorDep, db: DatabaseDep) -> Response:
    """Sign out: the user's session generation moves on, so copies of this cookie stop working too."""
    if who.signed_in and who.via == "session":
        with db.ledger(actor=who.username) as ledger:
            end_sessions(ledger, username=who.username)
        forget_actors(request)
    request.state.session = SessionData(csrf=new_csrf_token())
    return RedirectResponse("/", status_code=303)


def _again(request: Request, who: ActorDep, username: str, next: str, error: str, code: int) -> Response:
    return page(
        request, "login.html", who, status_code=code, next=_safe_next(next), username=username, error=error
    )


def _safe_next(target: str) -> str:
    """Only local paths: no open redirect to another site."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/dashboard"
