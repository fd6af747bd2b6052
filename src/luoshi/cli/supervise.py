"""``luoshi supervise …``: raise supervision orders and record their steps on the 13710 clock."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from luoshi.cli.options import (
    as_of_date,
    emit,
    format_option,
    with_ledger,
)

if TYPE_CHECKING:
    from luoshi.store.ledger import Ledger

ORDER_COLUMNS = [
    "id",
    "title",
    "lead",
    "level",
    "state_label",
    "stage",
    "due",
    "overdue_days",
    "colour",
    "version",
]
GRADES = {"优秀": "优秀", "良好": "良好", "合格": "合格", "不合格": "不合格"}
GRADES |= {"excellent": "优秀", "good": "良好", "pass": "合格", "fail": "不合格"}
version_option = click.option(
    "--version", "version", type=int, default=None, help="期望的版本号（防止覆盖他人修改）"
)
note_option = click.option("--note", default="", help="说明")


@click.group()
def supervise() -> None:
    """Supervision orders (督办事项) on the 13710 response clock."""


@supervise.command("raise")
@click.option("--title", default="", help="督办事项标题（由进展报告立项时默认取问题首行）")
@click.option("--lead", default=None, help="牵头单位（代码、名称或简称）")
@click.option("--co", multiple=True, help="配合单位（可多次）")
@click.option("--level", type=click.Choice(["ordinary", "major"]), default="ordinary", show_default=True)
@click.option(
    "--origin",
    type=click.Choice(["task_problem", "review", "leader", "enterprise", "other"]),
    default="other",
    show_default=True,
)
@click.option("--leader", default="", help="督办领导（提级督办时通知）")
@click.option("--detail", default="", help="具体内容")
@click.option("--task", "task_id", type=int, default=None, help="关联任务编号")
@click.option("--from-progress", "progress_id", type=int, default=None, help="由进展报告中反映的问题立项")
@click.option("--policy", default="13710", show_default=True, help="督办规则：内置名称或 YAML 文件")
@with_ledger()
@format_option()
def raise_(
    ledger: Ledger,
    title: str,
    lead: str | None,
    co: tuple[str, ...],
    level: str,
    origin: str,
    leader: str,
    detail: str,
    task_id: int | None,
    progress_id: int | None,
    policy: str,
    fmt: str,
) -> None:
    """Raise (立项交办) a supervision order; its clock starts today (or --as-of)."""
    from luoshi.errors import ValidationError
    from luoshi.supervise.items import Level, Origin
    from luoshi.supervise.orders import raise_from_problem, raise_order

    common: dict[str, Any] = {"level": Level(level), "leader": leader, "policy": policy}
    if progress_id is not None:
        order = raise_from_problem(
            ledger, progress_report_id=progress_id, title=title, lead=lead, co=co or None, **common
        )
    elif lead is None:
        raise ValidationError("请用 --lead 指定牵头单位")
    elif not title:
        raise ValidationError("请用 --title 写明督办事项")
    else:
        order = raise_order(
            ledger,
            title=title,
            lead=lead,
            co=co,
            origin=Origin(origin),
            detail=detail,
            task_id=task_id,
            **common,
        )
    _emit_order(ledger, order.id, fmt)


def _step(name: str, kind: str, help_text: str, *, reason: bool = False, grade: bool = False) -> None:
    """Register ``luoshi supervise NAME ID``: append one ``kind`` event to order ID."""

    @supervise.command(name, help=help_text)
    @click.argument("order_id", type=int)
    @note_option
    @version_option
    @with_ledger()
    @format_option()
    def command(ledger: Ledger, order_id: int, note: str, version: int | None, fmt: str) -> None:
        from luoshi.supervise.items import EventKind
        from luoshi.supervise.orders import record, request_closure

        if kind == "closure_requested":
            request_closure(ledger, order_id, note=note, version=version)
        else:
            record(ledger, order_id, EventKind(kind), note=note, version=version)
        _emit_order(ledger, order_id, fmt)

    del command


_step("deploy", "deployed", "研究部署：record that order ID was deployed.")
_step("respond", "responded", "反馈：report back on order ID (--note what was done).")
_step("resolve", "resolved", "问题解决：record the problem as solved (apart from closure).")
_step("close", "closure_requested", "申请销号：ask the office to accept order ID (records it solved).")


@supervise.command("accept")
@click.argument("order_id", type=int)
@click.option("--grade", required=True, type=click.Choice(sorted(GRADES)), help="验收等次")
@note_option
@click.option(
    "--override-reason",
    "override",
    default="",
    help="例外说明：无部署/反馈记录或催办通报两次以上仍评优秀的理由",
)
@version_option
@with_ledger()
@format_option()
def accept(
    ledger: Ledger, order_id: int, grade: str, note: str, override: str, version: int | None, fmt: str
) -> None:
    """验收销号: accept order ID's closure with a grade (优秀/良好/合格/不合格).

    Without a deploy and a response on record, or grading 优秀 an order that received two ladder
    steps (催办、通报…), the office must give --override-reason.
    """
    from luoshi.supervise.items import EventKind, Grade
    from luoshi.supervise.orders import record

    value = Grade(GRADES[grade])
    record(ledger, order_id, EventKind.ACCEPTED, grade=value, note=note, version=version, override=override)
    _emit_order(ledger, order_id, fmt)


@supervise.command("return")
@click.argument("order_id", type=int)
@click.option("--reason", required=True, help="退回理由")
@version_option
@with_ledger()
@format_option()
def return_(ledger: Ledger, order_id: int, reason: str, version: int | None, fmt: str) -> None:
    """退回重办: send order ID's closure back to the unit with the reason."""
    from luoshi.supervise.items import EventKind
    from luoshi.supervise.orders import record

    record(ledger, order_id, EventKind.RETURNED, note=reason, version=version)
    _emit_order(ledger, order_id, fmt)


@supervise.command("timetable")
@click.argument("order_id", type=int)
@click.option("--due", required=True, type=click.DateTime(["%Y-%m-%d"]), help="承诺完成日期")
@click.option(
    "--milestone", "milestones", multiple=True, metavar="LABEL=YYYY-MM-DD", help="时间节点（可多次）"
)
@note_option
@version_option
@with_ledger()
@format_option()
def timetable(
    ledger: Ledger,
    order_id: int,
    due: datetime,
    milestones: tuple[str, ...],
    note: str,
    version: int | None,
    fmt: str,
) -> None:
    """报送时间表: a major order's completion date and dated steps (tracked from then on)."""
    from luoshi.supervise.items import EventKind
    from luoshi.supervise.orders import record

    nodes = [_milestone(text) for text in milestones]
    record(
        ledger,
        order_id,
        EventKind.TIMETABLE_FILED,
        due=due.date(),
        milestones=nodes,
        note=note,
        version=version,
    )
    _emit_order(ledger, order_id, fmt)


@supervise.command("milestone")
@click.argument("order_id", type=int)
@click.argument("label")
@with_ledger()
@format_option()
def milestone(ledger: Ledger, order_id: int, label: str, fmt: str) -> None:
    """节点完成: record that timetable step LABEL of order ID is done."""
    from luoshi.supervise.items import EventKind
    from luoshi.supervise.orders import record

    record(ledger, order_id, EventKind.MILESTONE_MET, stage=label)
    _emit_order(ledger, order_id, fmt)


@supervise.command("list")
@click.option("--open", "only_open", is_flag=True, help="只列未销号的事项")
@with_ledger(reads=True, year=True)
@format_option()
def list_(ledger: Ledger, only_open: bool, as_of: datetime | None, fmt: str) -> None:
    """List supervision orders with their stage, due date and colour as of a date."""
    from luoshi.supervise.orders import year_orders
    from luoshi.supervise.review import order_dict

    rows = [order_dict(o) for o in year_orders(ledger, as_of=as_of_date(as_of))]
    if only_open:
        rows = [r for r in rows if r["state"] != "closed"]
    emit(rows, fmt, columns=None if fmt == "json" else ORDER_COLUMNS)


@supervise.command("show")
@click.argument("order_id", type=int)
@with_ledger(reads=True)
@format_option()
def show(ledger: Ledger, order_id: int, fmt: str) -> None:
    """The timeline of order ID (raised, steps, reminders, notices, escalations)."""
    from luoshi.store.models.supervision import SupervisionOrder
    from luoshi.supervise.orders import facts_of

    facts = facts_of(ledger.get(SupervisionOrder, order_id))
    rows = [
        {
            "on": e.on.isoformat(),
            "kind": e.kind.value,
            "label": e.kind.label,
            "actor": e.actor,
            "stage": e.stage,
            "grade": e.grade.value if e.grade else None,
            "due": e.due.isoformat() if e.due else None,
            "note": e.note,
            "override": e.override,
        }
        for e in facts.events
    ]
    emit(rows, fmt)


@supervise.command("escalate")
@click.option(
    "--notify-config", "config_path", type=click.Path(path_type=Path), default=None, help="通知配置 YAML"
)
@with_ledger(by=False, actor="system")
@format_option()
def escalate(ledger: Ledger, config_path: Path | None, db_url: str | None, fmt: str) -> None:
    """催办 → 通报 → 提级督办: take every due rung of the ladder (luoshi notify tells people)."""
    from dataclasses import asdict

    from luoshi.cli.notify import notify_config
    from luoshi.supervise.escalation import escalate as run

    taken = run(ledger, notify_config(config_path, db_url))
    emit([asdict(t) for t in taken], fmt)


@supervise.command("from-review")
@click.option(
    "--state",
    "states",
    multiple=True,
    type=click.Choice(["overdue", "behind", "missing"]),
    default=("overdue",),
    show_default=True,
    help="为哪些状态的任务立项（可多次）",
)
@click.option("--level", type=click.Choice(["ordinary", "major"]), default="ordinary", show_default=True)
@click.option("--leader", default="", help="督办领导")
@click.option("--policy", default="13710", show_default=True, help="督办规则")
@with_ledger()
@format_option()
def from_review(
    ledger: Ledger, states: tuple[str, ...], level: str, leader: str, policy: str, fmt: str
) -> None:
    """盘点立项: raise an order for every overdue (or behind) task that has none open yet."""
    from luoshi.supervise.items import Level
    from luoshi.supervise.orders import list_orders
    from luoshi.supervise.review import order_dict, raise_from_review
    from luoshi.supervise.status import State

    chosen = tuple(State(s) for s in states)
    ids = raise_from_review(ledger, states=chosen, level=Level(level), policy=policy, leader=leader)
    ledger.flush()
    rows = [order_dict(o) for o in list_orders(ledger) if o.id in ids]
    emit(rows, fmt, columns=None if fmt == "json" else ORDER_COLUMNS)


@supervise.command("accept-task")
@click.argument("task_id", type=int)
@click.option("--grade", required=True, type=click.Choice(sorted(GRADES)), help="验收等次")
@note_option
@with_ledger()
@format_option()
def accept_task(ledger: Ledger, task_id: int, grade: str, note: str, fmt: str) -> None:
    """验收销号 a finished task (one whose unit reported it done) with a grade."""
    from luoshi.supervise.board import accept_task as accept
    from luoshi.supervise.items import Grade

    row = accept(ledger, task_id=task_id, grade=Grade(GRADES[grade]), note=note)
    emit([{"task_id": row.task_id, "accepted_on": row.accepted_on.isoformat(), "grade": row.grade}], fmt)


@supervise.command("return-task")
@click.argument("task_id", type=int)
@click.option("--reason", required=True, help="退回理由（必填）")
@with_ledger()
@format_option()
def return_task(ledger: Ledger, task_id: int, reason: str, fmt: str) -> None:
    """退回重办: send a task its unit reported done back, with the reason."""
    from luoshi.supervise.returns import return_task as send_back

    row = send_back(ledger, task_id=task_id, reason=reason)
    emit([{"task_id": row.task_id, "returned_on": row.returned_on.isoformat(), "reason": row.reason}], fmt)


def _emit_order(ledger: Any, order_id: int, fmt: str) -> None:
    from luoshi.store.models.supervision import SupervisionOrder
    from luoshi.supervise.orders import view
    from luoshi.supervise.review import order_dict

    ledger.flush()
    row = order_dict(view(ledger, ledger.get(SupervisionOrder, order_id), ledger.clock.today()))
    emit([row], fmt, columns=None if fmt == "json" else ORDER_COLUMNS)


def _milestone(text: str) -> Any:
    from luoshi.errors import ValidationError
    from luoshi.supervise.items import Milestone

    label, _, day = text.rpartition("=")
    try:
        due = date.fromisoformat(day.strip())
    except ValueError:
        raise ValidationError(f"时间节点写法应为 名称=YYYY-MM-DD：{text}") from None
    if not label.strip():
        raise ValidationError(f"时间节点缺少名称：{text}")
    return Milestone(label.strip(), due)


def _register() -> None:
    from luoshi.cli.closure import register_supervise

    register_supervise(supervise)


_register()
