"""互联网+督查 pages: the public form and tracking page (no account, no JavaScript needed), the
office's triage, and the 示范 showcase."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from luoshi.config import Settings
from luoshi.errors import FieldError, LuoshiError, ValidationError
from luoshi.serve.deps import MAX_ID, ActorDep, ClockDep, DatabaseDep, RecordId, permit, seen_by, unit_of_work
from luoshi.serve.queries import ledger_choices
from luoshi.serve.render import page
from luoshi.store.models import Task
from luoshi.store.models.port import PublicRequest
from luoshi.supervise import cases, filers, requests
from luoshi.supervise.evidence import folder_in
from luoshi.supervise.items import Level
from luoshi.supervise.permissions import Action
from luoshi.supervise.scope import requests_seen, require_inside, require_item, units_named

router = APIRouter()
Text = Annotated[str, Form(max_length=requests.MAX_PROBLEM + 100)]
Short = Annotated[str, Form(max_length=500)]
FormId = Annotated[int | None, Form(ge=1, le=MAX_ID)]
_TASK_REF = re.compile(r"^\s*#?(\d{1,9})\b")
TASK_CHOICES = 1000  # tasks offered in the form's list (the rest are found by typing their number)


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _files(request: Request) -> Path:
    return folder_in(Path(_settings(request).data_dir))


def _address(request: Request) -> str:
    return request.client.host if request.client else "-"


def _task_choices(db: Any, who: Any, at: Any) -> list[tuple[int, str]]:
    with unit_of_work(db, who, at) as ledger:
        tasks = ledger.all(Task, order_by="id")[:TASK_CHOICES]
        return [(t.id, t.text[:60]) for t in tasks]


@router.get("/port")
def port_form(request: Request, who: ActorDep, db: DatabaseDep, at: ClockDep) -> Response:
    permit(who, Action.VIEW_PUBLIC)
    return page(request, "port_form.html", who, tasks=_task_choices(db, who, at), form={}, error=None)


@router.post("/port")
async def port_file(
    request: Request, who: ActorDep, db: DatabaseDep, at: ClockDep, kind: Short = "", name: Short = "",
    credit_code: Short = "", contact: Short = "", problem: Text = "", task: Short = "", policy: Short = "",
    website: Short = "", files: list[UploadFile] | None = None,
) -> Response:  # fmt: skip
    """File a request; a mistake comes back beside its field with everything typed kept."""
    permit(who, Action.VIEW_PUBLIC)
    form = {"kind": kind, "name": name, "credit_code": credit_code, "contact": contact, "problem": problem,
            "task": task, "policy": policy}  # fmt: skip
    chosen = [f for f in files or [] if f.filename][: requests.MAX_ATTACHMENTS + 1]
    uploads = [(f.filename or "", await f.read(requests.MAX_ATTACHMENT_BYTES + 1)) for f in chosen]
    match = _TASK_REF.match(task)
    filing = requests.Filing(
        kind=kind, name=name, contact=contact, problem=problem, credit_code=credit_code,
        task_id=int(match.group(1)) if match else None, policy=policy, address=_address(request),
        attachments=uploads, honeypot=website,
    )  # fmt: skip
    settings = _settings(request)
    limits = requests.Limits(settings.port_per_address, settings.port_per_contact)

    def store() -> str:
        with unit_of_work(db, who, at) as ledger:
            row = requests.file_request(
                ledger, filing, secret=request.app.state.signing_key, limits=limits, files=_files(request)
            )
            return row.code

    try:
        code = await run_in_threadpool(store)
    except ValidationError as exc:
        field = exc.field if isinstance(exc, FieldError) else ""
        error = {"field": field, "message": str(exc)}
        tasks = _task_choices(db, who, at)
        return page(request, "port_form.html", who, status_code=422, tasks=tasks, form=form, error=error)
    return page(request, "port_receipt.html", who, code=code)


@router.get("/port/track")
def track_form(request: Request, who: ActorDep) -> Response:
    permit(who, Action.VIEW_PUBLIC)
    return page(request, "port_track.html", who, tracking=None, code="", error=None)


@router.post("/port/track")
def track(request: Request, who: ActorDep, db: DatabaseDep, at: ClockDep, code: Short = "") -> Response:
    """The request's stage and dates by its code (posted, so the code stays out of addresses and logs)."""
    permit(who, Action.VIEW_PUBLIC)
    try:
        with unit_of_work(db, who, at) as ledger:
            tracking = requests.track(ledger, code)
    except LuoshiError as exc:
        return page(
            request, "port_track.html", who, status_code=404, tracking=None, code=code, error=str(exc)
        )
    return page(request, "port_track.html", who, tracking=tracking, code=tracking.code, error=None)


@router.post("/port/track/feedback")
def feedback(
    request: Request, who: ActorDep, db: DatabaseDep, at: ClockDep, code: Short = "", satisfied: Short = "",
    why: Text = "",
) -> Response:  # fmt: skip
    """回访: the filer (who holds the code) confirms the resolution or disputes it with why."""
    permit(who, Action.VIEW_PUBLIC)
    try:
        with db.ledger(actor=requests.FILER, clock=at) as ledger:
            requests.confirm(ledger, code, satisfied=satisfied == "yes", why=why)
        error = None
    except LuoshiError as exc:
        error = str(exc)
    with unit_of_work(db, who, at) as ledger:
        tracking = requests.track(ledger, code) if error is None or "查询码" not in error else None
    status = 200 if error is None else 422
    return page(
        request, "port_track.html", who, status_code=status, tracking=tracking, code=code, error=error
    )


@router.get("/port/requests")
def request_list(request: Request, who: ActorDep, db: DatabaseDep, at: ClockDep) -> Response:
    permit(who, Action.TRIAGE_REQUEST)
    with unit_of_work(db, who, at) as ledger:
        every = reversed(ledger.all(PublicRequest, load=["filer"]))
        rows = [(r, requests.stage_of(r)) for r in requests_seen(ledger, seen_by(ledger, who), list(every))]
        return page(request, "port_requests.html", who, rows=rows)


@router.get("/port/requests/{request_id}")
def request_detail(
    request: Request, request_id: RecordId, who: ActorDep, db: DatabaseDep, at: ClockDep, error: str = ""
) -> Response:
    permit(who, Action.VIEW_INTERNAL)
    with unit_of_work(db, who, at) as ledger:
        row = ledger.get(PublicRequest, request_id)
        if not (who.may(Action.TRIAGE_REQUEST) or filers.may_see_filer(who.role, who.unit_id, row)):
            permit(who, Action.TRIAGE_REQUEST)  # 403: only the office and the assigned units
        choices = ledger_choices(ledger, at.today(), seen_by(ledger, who))
        return page(
            request, "port_request.html", who, r=row, stage=requests.stage_of(row), units=choices.units,
            error=error[:200],
        )  # fmt: skip


@router.post("/port/requests/{request_id}/triage")
def triage(
    request_id: RecordId, who: ActorDep, db: DatabaseDep, at: ClockDep, decision: Short, lead: Short = "",
    co: Short = "", level: Short = "ordinary", title: Short = "", order_id: FormId = None,
    channel: Short = "", reason: Text = "", version: FormId = None,
) -> Response:  # fmt: skip
    """受理 (onto the clock), 并入 an open item, 转 another channel, or 不予受理 — each with its reason."""
    permit(who, Action.TRIAGE_REQUEST)
    try:
        with unit_of_work(db, who, at) as ledger:
            _decide(ledger, request_id, decision, lead=lead, co=co, level=level, title=title,
                    order_id=order_id, channel=channel, reason=reason, version=version,
                    scope=seen_by(ledger, who))  # fmt: skip
    except ValidationError as exc:
        return RedirectResponse(f"/port/requests/{request_id}?{_query(error=str(exc))}", status_code=303)
    return RedirectResponse(f"/port/requests/{request_id}", status_code=303)


def _query(**params: str) -> str:
    from urllib.parse import urlencode

    return urlencode(params)


def _decide(ledger: Any, request_id: int, decision: str, **form: Any) -> None:
    version = form["version"]
    if decision == "accept":
        co = [c.strip() for c in re.split(r"[,，、\s]+", form["co"]) if c.strip()]
        level = Level.MAJOR if form["level"] == "major" else Level.ORDINARY
        if not form["lead"].strip():
            raise ValidationError("受理须指定承办（牵头）单位")
        lead = form["lead"].strip()
        for key in (lead, *co):  # a county's office hands requests to its own units only
            require_inside(ledger, form["scope"], "lead", key)
        requests.accept(
            ledger, request_id, lead=lead, co=co, level=level, title=form["title"], version=version
        )
    elif decision == "merge":
        if form["order_id"] is None:
            raise ValidationError("请填写要并入的督办事项编号")
        require_item(ledger, form["scope"], form["order_id"])
        requests.merge(ledger, request_id, order_id=form["order_id"], reason=form["reason"], version=version)
    elif decision == "refer":
        requests.refer(ledger, request_id, channel=form["channel"], reason=form["reason"], version=version)
    elif decision == "reject":
        requests.reject(ledger, request_id, reason=form["reason"], version=version)
    else:
        raise ValidationError("不支持的分办方式")


@router.get("/cases")
def showcase(request: Request, who: ActorDep, db: DatabaseDep, at: ClockDep) -> Response:
    """示范案例: the published ones for everyone; the office also sees (and marks) the rest."""
    permit(who, Action.VIEW_PUBLIC)
    office = who.may(Action.MARK_CASE)
    with unit_of_work(db, who, at) as ledger:
        scope = seen_by(ledger, who)
        shown = cases.list_cases(ledger, at.today(), public_only=not office)
        names = units_named(ledger, scope)  # a county's office: the public ones and its own
        shown = [c for c in shown if c.public or names is None or c.unit in names]
        units = ledger_choices(ledger, at.today(), scope).units if office else []
    return page(request, "cases.html", who, cases=shown, office=office, units=units)


@router.post("/cases")
async def mark_case(
    request: Request, who: ActorDep, db: DatabaseDep, at: ClockDep, title: Short, summary: Text,
    unit: Short = "", task_id: FormId = None, order_id: FormId = None, files: list[UploadFile] | None = None,
) -> Response:  # fmt: skip
    permit(who, Action.MARK_CASE)
    uploads = [(f.filename or "", await f.read()) for f in files or [] if f.filename]

    def store() -> None:
        with unit_of_work(db, who, at) as ledger:
            cases.mark(ledger, title=title, summary=summary, unit=unit, task_id=task_id, order_id=order_id,
                       files=uploads, folder=_files(request))  # fmt: skip

    await run_in_threadpool(store)
    return RedirectResponse("/cases", status_code=303)


@router.post("/cases/{case_id}/{action}")
def publish_case(
    case_id: RecordId, action: str, who: ActorDep, db: DatabaseDep, at: ClockDep, version: FormId = None
) -> Response:
    permit(who, Action.MARK_CASE)
    if action not in ("publish", "withdraw"):
        raise ValidationError("不支持的操作")
    with unit_of_work(db, who, at) as ledger:
        (cases.publish if action == "publish" else cases.withdraw)(ledger, case_id, version=version)
    return RedirectResponse("/cases", status_code=303)
