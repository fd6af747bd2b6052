"""上传报告: the office uploads a report file and stores it, as ``luoshi ingest`` does (same services)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from luoshi.clock import Clock
from luoshi.errors import InputError, ValidationError
from luoshi.serve.deps import Actor, ActorDep, ClockDep, DatabaseDep, permit, seen_by, unit_of_work
from luoshi.serve.forms import FORM_ERRORS, NO_FORM, FieldError, FormState, failure, reading
from luoshi.serve.render import page
from luoshi.store.db import Database
from luoshi.store.ledger import Ledger
from luoshi.store.models import Unit
from luoshi.store.models.org import LEVEL_KINDS
from luoshi.supervise.levels import county_unit
from luoshi.supervise.permissions import Action
from luoshi.supervise.reports import IngestResult
from luoshi.supervise.scope import require_region
from luoshi.supervise.tasks import Schedule, check_schedule

router = APIRouter()
MAX_REPORT_BYTES = 20 * 1024 * 1024  # under the app's 25 MB body limit; real reports are far smaller
FORM_ID = "upload-form"
Short = Annotated[str, Form(max_length=100)]
LEVELS = [
    ("", "按原文判断"),
    ("national", "国家"),
    ("province", "省"),
    ("city", "市"),
    ("county", "县（区）"),
]
CADENCES = [("monthly", "每月"), ("quarterly", "每季度"), ("none", "不定期")]
STATUS = {"stored": "已载入", "new_version": "已载入为新版本", "unchanged": "内容与已载入的报告相同，未改动"}


@dataclass(frozen=True, slots=True)
class UploadForm:
    region: str = ""
    year: str = ""
    level: str = ""
    cadence: str = "monthly"
    due_day: str = "5"
    unit: str = ""  # the unit (a county) whose report it is: its id; "" for none

    def values(self) -> dict[str, str]:
        return {"region": self.region, "year": self.year, "level": self.level, "cadence": self.cadence,
                "due_day": self.due_day, "unit": self.unit}  # fmt: skip


@router.get("/uploads")
def upload_form(request: Request, who: ActorDep, at: ClockDep) -> Response:
    permit(who, Action.INGEST)
    return _page(request, who, at)


@router.post("/uploads")
async def upload(
    request: Request, who: ActorDep, db: DatabaseDep, at: ClockDep, file: UploadFile | None = None,
    region: Short = "", year: Short = "", level: Short = "", cadence: Short = "monthly", due_day: Short = "5",
    unit: Short = "",
) -> Response:  # fmt: skip
    permit(who, Action.INGEST)
    form = UploadForm(region.strip(), year.strip(), level, cadence, due_day.strip(), unit.strip())
    data = await file.read(MAX_REPORT_BYTES + 1) if file is not None and file.filename else b""
    name = file.filename if file is not None and file.filename else ""
    try:
        result = await run_in_threadpool(_ingest, db, who, at, form, name, data)
    except FORM_ERRORS as exc:
        return await run_in_threadpool(_page, request, who, at, failure(FORM_ID, exc, form.values()))
    status = STATUS.get(result.status, result.status)
    return await run_in_threadpool(_page, request, who, at, NO_FORM, result, status)


def _ingest(db: Database, who: Actor, at: Clock, form: UploadForm, name: str, data: bytes) -> IngestResult:
    """Check the form, read the file (the reading pipeline), store it: ``luoshi ingest``'s steps."""
    from luoshi.pipeline import read_upload
    from luoshi.supervise.reports import store_report

    year, schedule = _year(form.year), _schedule(form.cadence, form.due_day)
    if form.level not in {value for value, _ in LEVELS}:
        raise FieldError("level", "报告层级无效")
    if not data:
        raise FieldError("file", "请选择报告文件（txt、HTML、docx、PDF 或 Markdown）")
    if len(data) > MAX_REPORT_BYTES:
        raise FieldError("file", f"文件过大（上限 {MAX_REPORT_BYTES // 1024 // 1024} MB）：{name}")
    try:
        report = read_upload(data, name=name)
    except InputError as exc:  # not a report luoshi can read: said beside the file field
        raise FieldError("file", str(exc)) from None
    with unit_of_work(db, who, at) as ledger:
        owner = _owner(ledger, who, form.unit)
        if not (form.region or report.meta.region or owner) or not (year or report.meta.year):
            raise FieldError("region", "无法从文本确定报告的地区和年份，请填写地区和年份")
        region = form.region or report.meta.region or ""
        try:  # a county's office: a report of its own county only
            require_region(ledger, seen_by(ledger, who), region, owned=owner is not None)
        except ValidationError as exc:
            raise FieldError("region", str(exc)) from None
        return store_report(
            ledger, report, region=form.region or None, year=year, level=form.level or None,
            schedule=schedule, unit=owner,
        )  # fmt: skip


def _owner(ledger: Ledger, who: Actor, key: str) -> Unit | None:
    """The unit the report is for: the one chosen, else the uploader's own county (a county office
    uploads its county's report); a county office only for its county and the units below it."""
    from luoshi.supervise.reports import report_unit_for

    home = county_unit(ledger, who.unit_id)
    try:
        unit = report_unit_for(ledger, key) if key else home
    except FORM_ERRORS as exc:
        raise FieldError("unit", str(exc)) from None
    if unit is not None and not seen_by(ledger, who).sees_unit(unit.id):
        raise FieldError("unit", f"只能上传本县（区）及下属单位的报告：{unit.name} 不在其中")
    return unit


def unit_choices(ledger: Ledger, who: Actor) -> tuple[list[tuple[str, str]], str]:
    """The units a report can belong to, as (id, name) for the 所属单位 list (a county office's own
    subtree only), and the one chosen by default: the uploader's county, else none."""
    scope = seen_by(ledger, who)
    units = [u for u in ledger.all(Unit, active=True, order_by="position,id") if u.kind in LEVEL_KINDS]
    home = county_unit(ledger, who.unit_id)
    shown = [(str(u.id), u.name) for u in units if scope.sees_unit(u.id)]
    return shown, str(home.id) if home is not None else ""


def _year(text: str) -> int | None:
    if not text:
        return None
    if not text.isdigit() or not 1949 <= int(text) <= 2100:
        raise FieldError("year", f"年份须为四位数字，如 2024：{text}")
    return int(text)


def _schedule(cadence: str, due_day: str) -> Schedule:
    if not due_day.isdigit():
        raise FieldError("due_day", f"报送日须为 1–28 的整数：{due_day}")
    try:
        check_schedule(cadence, int(due_day))
    except FORM_ERRORS as exc:
        raise FieldError("due_day", str(exc)) from None
    return Schedule(cadence, int(due_day))


def _page(
    request: Request,
    who: Actor,
    at: Clock,
    state: FormState = NO_FORM,
    result: IngestResult | None = None,
    status: str = "",
) -> Response:
    with unit_of_work(reading(request), who, at) as ledger:
        units, home = unit_choices(ledger, who)
    return page(
        request, "upload.html", who, state.code, form_state=state, result=result, status=status,
        levels=LEVELS, cadences=CADENCES, max_mb=MAX_REPORT_BYTES // 1024 // 1024, units=units,
        home_unit=home,
    )  # fmt: skip
