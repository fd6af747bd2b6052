"""账号管理 for the office: list users, end their sessions, revoke their tokens, disable or enable them."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from luoshi.errors import ValidationError
from luoshi.serve.accounts import end_sessions, revoke_tokens, set_active
from luoshi.serve.deps import ActorDep, DatabaseDep, forget_actors, permit
from luoshi.serve.render import page
from luoshi.store.ledger import Ledger
from luoshi.store.models import User
from luoshi.supervise.permissions import Action

router = APIRouter()


def _end_sessions(ledger: Ledger, username: str) -> None:
    end_sessions(ledger, username=username)


def _revoke_tokens(ledger: Ledger, username: str) -> None:
    revoke_tokens(ledger, username=username)


def _disable(ledger: Ledger, username: str) -> None:
    set_active(ledger, username=username, active=False)


def _enable(ledger: Ledger, username: str) -> None:
    set_active(ledger, username=username, active=True)


STEPS = {"logout": _end_sessions, "revoke": _revoke_tokens, "disable": _disable, "enable": _enable}


@router.get("/admin/users")
def users(request: Request, who: ActorDep, db: DatabaseDep) -> Response:
    permit(who, Action.MANAGE_USERS)
    with db.ledger(actor=who.username) as ledger:
        rows = [(u.username, u.display_name, u.role, u.active) for u in ledger.all(User, order_by="username")]
    return page(request, "admin_users.html", who, rows=rows, done=request.query_params.get("done"))


@router.post("/admin/users/{username}/{step}")
def change(request: Request, username: str, step: str, who: ActorDep, db: DatabaseDep) -> Response:
    """One account step; the actor's own account cannot be disabled from here."""
    permit(who, Action.MANAGE_USERS)
    if step not in STEPS:
        raise ValidationError("不支持的账号操作")
    if step == "disable" and username == who.username:
        raise ValidationError("不能停用自己的账号")
    with db.ledger(actor=who.username) as ledger:
        STEPS[step](ledger, username)
    forget_actors(request)
    return RedirectResponse(f"/admin/users?done={step}", status_code=303)
