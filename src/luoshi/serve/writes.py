"""Form input → service calls: parse what a person typed, then hand it to the ledger's services."""

from __future__ import annotations

from pathlib import Path

from luoshi.errors import NotFoundError, ValidationError
from luoshi.serve.deps import Actor
from luoshi.serve.forms import FieldError, required
from luoshi.store.ledger import Ledger
from luoshi.store.models import ProgressReport
from luoshi.store.models.supervision import SupervisionOrder
from luoshi.supervise import evidence as files
from luoshi.supervise.items import EventKind, Grade, Level, Origin
from luoshi.supervise.orders import raise_order, record, request_closure
from luoshi.supervise.progress import ProgressInput, add_progress
from luoshi.supervise.scope import EVERYTHING, Scope, require_inside
from luoshi.supervise.units import find_unit


def parse_number(text: str, name: str = "value", label: str = "完成值") -> float | None:
    """A number as typed ("1,234.5", "１２"), or None when blank; refused on the form field ``name``."""
    cleaned = text.strip().replace(",", "").replace("，", "")
    if not cleaned:
        return None
    try:
        return float(cleaned.translate(_FULL_WIDTH))
    except ValueError:
        raise FieldError(name, f"{label}“{text.strip()}”不是数字") from None


_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－", "0123456789.-")


def file_progress(
    ledger: Ledger,
    who: Actor,
    *,
    task_id: int,
    value: str,
    narrative: str,
    problems: str,
    done: bool,
    uploads: list[tuple[str, bytes]],
    evidence_dir: Path,
    percent: str = "",
) -> ProgressReport:
    for name, data in uploads:  # a refused file is named beside the file field
        try:
            files.check(name, data)
        except ValidationError as exc:
            raise FieldError("files", f"{exc}（请重新选择文件）") from None
    entry = ProgressInput(value=parse_number(value), narrative=narrative, problems=problems, done=done,
                          percent=parse_number(percent, "percent", "自评完成比例"))  # fmt: skip
    return add_progress(
        ledger, task_id=task_id, entry=entry, reporter=who.username, evidence=uploads,
        evidence_dir=evidence_dir, unit_id=who.unit_id,
    )  # fmt: skip


def read_evidence(folder: Path, sha256: str) -> bytes:
    """A stored evidence file by hash; the hash is checked so no path can leave ``folder``."""
    return files.open_blob(folder, sha256)


RESPONSES = {  # what a unit may record on an item from the page
    "deployed": EventKind.DEPLOYED,
    "responded": EventKind.RESPONDED,
    "resolved": EventKind.RESOLVED,
}


def raise_item(
    ledger: Ledger, *, title: str, detail: str, lead: str, level: str, origin: str, task_id: int | None,
    leader: str = "", co: list[str] | None = None, scope: Scope = EVERYTHING,
) -> SupervisionOrder:  # fmt: skip
    """立项交办 from the form: the lead unit and co-units (配合单位, like ``supervise raise --co``);
    a county's office (``scope``) names its own county's units only."""
    required("title", title, "督办事项")
    _known_unit(ledger, "lead", required("lead", lead, "牵头单位"))
    require_inside(ledger, scope, "lead", lead)
    co_units = [name for name in co or [] if name.strip()]
    for name in co_units:
        _known_unit(ledger, "co", name)
        require_inside(ledger, scope, "co", name)
    if lead in co_units:
        raise FieldError("co", f"{lead} 已是牵头单位，不能同时配合")
    try:
        level_value, origin_value = Level(level), Origin(origin)
    except ValueError:
        raise FieldError("level", "督办级别或来源无效") from None
    return raise_order(
        ledger, title=title, detail=detail, lead=lead, co=co_units, level=level_value, origin=origin_value,
        task_id=task_id, leader=leader,
    )  # fmt: skip


def _known_unit(ledger: Ledger, name: str, key: str) -> None:
    """A unit a form names (code, name or alias), or a :class:`FieldError` on that field."""
    try:
        find_unit(ledger, key)
    except NotFoundError as exc:
        raise FieldError(name, str(exc)) from None


def respond_item(ledger: Ledger, *, item_id: int, kind: str, note: str, version: int | None) -> None:
    """A unit's step on an item: deployed, responded, resolved, or ask for closure."""
    if kind == "closure":
        request_closure(ledger, item_id, note=note, version=version)
        return
    if kind not in RESPONSES:
        raise FieldError("kind", "不支持的办理步骤")
    record(ledger, item_id, RESPONSES[kind], note=note, version=version)


def decide_item(
    ledger: Ledger, *, item_id: int, accept: bool, grade: str, reason: str, version: int | None,
    override: str = "",
) -> None:  # fmt: skip
    """The office accepts a closure (with a grade; ``override`` says why past a rule) or returns it."""
    if accept:
        try:
            value = Grade(grade)
        except ValueError:
            raise FieldError("grade", "请选择验收等次（优秀/良好/合格/不合格）") from None
        record(
            ledger, item_id, EventKind.ACCEPTED, grade=value, note=reason, version=version, override=override
        )
        return
    if not reason.strip():
        raise FieldError("reason", "退回须写明理由")
    record(ledger, item_id, EventKind.RETURNED, note=reason, version=version)


def return_finished_task(ledger: Ledger, *, task_id: int, reason: str) -> None:
    """退回重办: send a task reported done back to its unit with the reason (the engine checks both)."""
    from luoshi.supervise.returns import return_task

    return_task(ledger, task_id=task_id, reason=reason)


def accept_finished_task(ledger: Ledger, *, task_id: int, grade: str, note: str) -> None:
    """验收销号 a task its unit reported done, with a grade (the engine checks it is done)."""
    from luoshi.supervise.board import accept_task

    try:
        value = Grade(grade)
    except ValueError:
        raise FieldError("grade", "请选择验收等次（优秀/良好/合格/不合格）") from None
    accept_task(ledger, task_id=task_id, grade=value, note=note)


def progress_task(ledger: Ledger, report_id: int) -> int:
    """The task a progress report belongs to (404 when there is no such report)."""
    return ledger.get(ProgressReport, report_id).task_id


def check_progress_percent(ledger: Ledger, *, report_id: int, percent: str, reason: str) -> ProgressReport:
    """核定 from the task page: blank accepts the unit's figure, a number corrects it (with a reason)."""
    from luoshi.supervise.progress import check_percent

    figure = parse_number(percent, "percent", "核定比例")
    report = ledger.get(ProgressReport, report_id)
    if figure is not None and figure != report.percent and not reason.strip():
        raise FieldError("reason", "核定比例与单位自评不同，须写明理由")
    return check_percent(ledger, report_id=report_id, percent=figure, reason=reason)
