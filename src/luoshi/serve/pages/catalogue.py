"""单位管理 for the office: add a unit, rename it, set its aliases (简称), disable or enable it.

The services are ``luoshi.supervise.units``'s (the catalogue ``luoshi units import`` fills); every
change is audited under the signed-in user.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from luoshi.clock import Clock
from luoshi.errors import NotFoundError
from luoshi.serve.deps import Actor, ActorDep, ClockDep, DatabaseDep, permit, seen_by, unit_of_work
from luoshi.serve.forms import FORM_ERRORS, NO_FORM, FieldError, FormState, failure, reading, required
from luoshi.serve.render import page
from luoshi.store.ledger import Ledger
from luoshi.store.models import Unit, User
from luoshi.store.models.org import UNIT_KINDS
from luoshi.supervise.permissions import Action
from luoshi.supervise.scope import require_inside, units_seen
from luoshi.supervise.units import add_unit, edit_unit, find_unit, set_unit_active

router = APIRouter()
Short = Annotated[str, Form(max_length=200)]
Long = Annotated[str, Form(max_length=2000)]
ADD_FORM = "add-unit"
KIND_LABELS = {"province": "省", "city": "市", "district": "区", "county": "县", "zone": "开发区",
               "township": "乡镇（街道）", "department": "部门", "office": "机构", "enterprise": "企业",
               "task_force": "专班", "other": "其他"}  # fmt: skip
DONE = {"add": "已新增单位。", "edit": "已保存。", "disable": "已停用该单位。", "enable": "已启用该单位。"}


@router.get("/admin/units")
def units(request: Request, who: ActorDep, at: ClockDep) -> Response:
    permit(who, Action.MANAGE_UNITS)
    return units_page(request, who, at, done=DONE.get(request.query_params.get("done", ""), ""))


def units_page(
    request: Request, who: Actor, at: Clock, state: FormState = NO_FORM, done: str = ""
) -> Response:
    with unit_of_work(reading(request), who, at) as ledger:
        rows = units_seen(ledger, seen_by(ledger, who))
        people = {u.unit_id for u in ledger.all(User) if u.unit_id is not None}
        listed = [(u.code, u.name, u.kind, u.parent.name if u.parent else "", "；".join(u.aliases), u.active,
                   u.id in people) for u in rows]  # fmt: skip
    kinds = [(k, KIND_LABELS.get(k, k)) for k in UNIT_KINDS]
    return page(
        request, "admin_units.html", who, state.code, rows=listed, kinds=kinds, kind_labels=KIND_LABELS,
        form_state=state, done=done,
    )  # fmt: skip


@router.post("/admin/units")
def add(
    request: Request, who: ActorDep, db: DatabaseDep, at: ClockDep, code: Short = "", name: Short = "",
    kind: Short = "department", parent: Short = "", aliases: Long = "",
) -> Response:  # fmt: skip
    permit(who, Action.MANAGE_UNITS)
    values = {"code": code, "name": name, "kind": kind, "parent": parent, "aliases": aliases}
    try:
        required("code", code, "单位代码")
        required("name", name, "单位名称")
        if kind not in UNIT_KINDS:
            raise FieldError("kind", "请选择单位类型")
        with unit_of_work(db, who, at) as ledger:
            if ledger.find(Unit, code=code.strip()):
                raise FieldError("code", f"单位代码已存在：{code.strip()}")
            if parent and not _exists(ledger, parent):
                raise FieldError("parent", f"找不到上级单位：{parent}")
            require_inside(ledger, seen_by(ledger, who), "parent", parent)
            add_unit(
                ledger, code=code, name=name, kind=kind, parent=parent or None, aliases=_aliases(aliases)
            )
    except FORM_ERRORS as exc:
        return units_page(request, who, at, failure(ADD_FORM, exc, values))
    return RedirectResponse("/admin/units?done=add", status_code=303)


@router.post("/admin/units/{code}/edit")
def edit(
    request: Request, code: str, who: ActorDep, db: DatabaseDep, at: ClockDep, name: Short = "",
    aliases: Long = "",
) -> Response:  # fmt: skip
    """改名 and 简称: the old name is kept as an alias, so texts that use it still find the unit."""
    permit(who, Action.MANAGE_UNITS)
    try:
        with unit_of_work(db, who, at) as ledger:
            edit_unit(ledger, key=code, name=required("name", name, "单位名称"), aliases=_aliases(aliases))
    except FORM_ERRORS as exc:
        return units_page(request, who, at, failure(f"unit-{code}", exc, {"name": name, "aliases": aliases}))
    return RedirectResponse(f"/admin/units?done=edit#unit-{code}", status_code=303)


@router.post("/admin/units/{code}/{step}")
def toggle(request: Request, code: str, step: str, who: ActorDep, db: DatabaseDep, at: ClockDep) -> Response:
    """停用 / 启用: a disabled unit keeps its history but is no longer offered on forms."""
    permit(who, Action.MANAGE_UNITS)
    if step not in ("disable", "enable"):
        return units_page(request, who, at, failure(f"unit-{code}", FieldError("", "不支持的单位操作"), {}))
    try:
        with unit_of_work(db, who, at) as ledger:
            set_unit_active(ledger, key=code, active=step == "enable")
    except FORM_ERRORS as exc:
        return units_page(request, who, at, failure(f"unit-{code}", exc, {}))
    return RedirectResponse(f"/admin/units?done={step}#unit-{code}", status_code=303)


def _exists(ledger: Ledger, key: str) -> bool:
    try:
        find_unit(ledger, key)
    except NotFoundError:
        return False
    return True


def _aliases(text: str) -> list[str]:
    """Aliases as typed, separated by ；, ;, 、, commas or new lines."""
    return [a.strip() for a in re.split(r"[；;、,，\n]+", text) if a.strip()]
