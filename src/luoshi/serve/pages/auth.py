"""Sign in and out (session cookie; the token rotates on every change of user)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from luoshi.serve.accounts import authenticate
from luoshi.serve.deps import ActorDep, DatabaseDep
from luoshi.serve.render import page
from luoshi.serve.security import LoginLimiter, SessionData, new_csrf_token

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
    limiter: LoginLimiter = request.app.state.limiter
    key = f"{request.client.host if request.client else '-'}|{username}"
    if limiter.blocked(key):
        return _again(request, who, username, next, "登录失败次数过多，请 5 分钟后再试", 429)
    with db.ledger(actor=username) as ledger:
        user = authenticate(ledger, username=username, password=password)
        user_id = user.id if user else None
    if user_id is None:
        limiter.fail(key)
        return _again(request, who, username, next, "用户名或密码错误", 401)
    limiter.succeed(key)
    request.state.session = SessionData(csrf=new_csrf_token(), user_id=user_id)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request) -> Response:
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
