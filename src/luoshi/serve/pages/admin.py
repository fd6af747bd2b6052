"""账号管理 for the office: add users (role and unit), reset a password, end sessions, revoke tokens,
disable or enable; and the 督查室 workbench that links the office's pages.

The services are ``luoshi user``'s."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from luoshi.errors import ValidationError
from luoshi.serve.deps import Actor, ActorDep, DatabaseDep, forget_actors, permit, seen_by
from luoshi.serve.forms import FORM_ERRORS, NO_FORM, FieldError, FormState, failure, reading, required
from luoshi.serve.render import page
from luoshi.store.ledger import Ledger
from luoshi.store.models import User
from luoshi.supervise.accounts import (
    MIN_PASSWORD,
    add_user,
    end_sessions,
    revoke_tokens,
    set_active,
    set_password,
)
from luoshi.supervise.assignment_sheet import active_units
from luoshi.supervise.permissions import Action, Role
from luoshi.supervise.scope import sees_user

router = APIRouter()
Short = Annotated[str, Form(max_length=100)]
ADD_FORM = "add-user"
ROLES = [(Role.REPORTER.value, "单位填报员"), (Role.LEADER.value, "领导"), (Role.OFFICE.value, "督查室")]


@router.get("/office")
def workbench(request: Request, who: ActorDep) -> Response:
    """督查室工作台: the office's pages in the order a year runs."""
    permit(who, Action.MANAGE_USERS)
    return page(request, "office.html", who)


def _end_sessions(ledger: Ledger, username: str) -> None:
    end_sessions(ledger, username=username)


def _revoke_tokens(ledger: Ledger, username: str) -> None:
    revoke_tokens(ledger, username=username)


def _disable(ledger: Ledger, username: str) -> None:
    set_active(ledger, username=username, active=False)


def _enable(ledger: Ledger, username: str) -> None:
    set_active(ledger, username=username, active=True)


STEPS = {"logout": _end_sessions, "revoke": _revoke_tokens, "disable": _disable, "enable": _enable}
DONE = {
    "logout": "已结束该用户的全部会话。",
    "revoke": "已撤销该用户的全部令牌。",
    "disable": "已停用该账号。",
    "enable": "已启用该账号。",
    "add": "已添加用户。",
}


@router.get("/admin/users")
def users(request: Request, who: ActorDep) -> Response:
    permit(who, Action.MANAGE_USERS)
    return users_page(request, who, done=DONE.get(request.query_params.get("done", ""), ""))


def users_page(
    request: Request,
    who: Actor,
    state: FormState = NO_FORM,
    done: str = "",
    shown: tuple[str, str] | None = None,
) -> Response:
    """The accounts table and the add form; ``shown`` is (user, new password), displayed this once."""
    with reading(request).ledger(actor=who.username) as ledger:
        scope = seen_by(ledger, who)
        rows = [
            (u.username, u.display_name, u.role, u.active, u.unit.name if u.unit else "")
            for u in ledger.all(User, order_by="username", load=["unit"])
            if sees_user(scope, u)
        ]
        units = active_units(ledger, scope)
    return page(
        request, "admin_users.html", who, state.code, rows=rows, done=done, form_state=state, units=units,
        roles=ROLES, shown=shown, min_password=MIN_PASSWORD,
    )  # fmt: skip


@router.post("/admin/users")
def add(
    request: Request, who: ActorDep, db: DatabaseDep, username: Short = "", display_name: Short = "",
    role: Short = "", unit: Annotated[str, Form(max_length=200)] = "", password: Short = "",
) -> Response:  # fmt: skip
    """新增用户 (``luoshi user add``): a reporter belongs to a unit; a blank password is generated."""
    permit(who, Action.MANAGE_USERS)
    values = {"username": username, "display_name": display_name, "role": role, "unit": unit}
    try:
        name = required("username", username, "用户名")
        try:
            chosen = Role(role)
        except ValueError:
            raise FieldError("role", "请选择角色") from None
        if chosen is Role.REPORTER and not unit:
            raise FieldError("unit", "单位填报员须选择所属单位")
        if password and len(password) < MIN_PASSWORD:
            raise FieldError("password", f"密码至少 {MIN_PASSWORD} 个字符（留空则自动生成）")
        with db.ledger(actor=who.username) as ledger:
            if ledger.find(User, username=name):
                raise FieldError("username", f"用户 {name} 已存在")
            _, given = add_user(
                ledger, username=name, role=chosen, unit=unit or None, display_name=display_name.strip(),
                password=password or None, scope=seen_by(ledger, who),
            )  # fmt: skip
    except FORM_ERRORS as exc:
        return users_page(request, who, failure(ADD_FORM, exc, values))
    shown = None if password else (name, given)
    return users_page(request, who, done=DONE["add"], shown=shown)


@router.post("/admin/users/{username}/password")
def reset_password(request: Request, username: str, who: ActorDep, db: DatabaseDep) -> Response:
    """重置密码 (``luoshi user passwd``): a new random password, shown once; the old sessions end."""
    permit(who, Action.MANAGE_USERS)
    try:
        with db.ledger(actor=who.username) as ledger:
            given = set_password(ledger, username=username)
    except FORM_ERRORS as exc:
        return users_page(request, who, failure(f"user-{username}", exc, {}))
    forget_actors(request)
    return users_page(request, who, done="已重置密码。", shown=(username, given))


@router.post("/admin/users/{username}/{step}")
def change(request: Request, username: str, step: str, who: ActorDep, db: DatabaseDep) -> Response:
    """One account step; the actor's own account cannot be disabled from here."""
    permit(who, Action.MANAGE_USERS)
    try:
        if step not in STEPS:
            raise ValidationError("不支持的账号操作")
        if step == "disable" and username == who.username:
            raise ValidationError("不能停用自己的账号")
        with db.ledger(actor=who.username) as ledger:
            STEPS[step](ledger, username)
    except FORM_ERRORS as exc:
        return users_page(request, who, failure(f"user-{username}", exc, {}))
    forget_actors(request)
    return RedirectResponse(f"/admin/users?done={step}", status_code=303)
