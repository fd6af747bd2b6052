"""A month of supervision items for the demo, so the 13710 clock shows at once.

Items at every stage, seen from the demo day: one just raised (研究部署 due), one waiting for its
response, one whose response is overdue (催办), one overdue in 落实解决 (催办 and 通报), one left so
long that it was escalated (提级督办), major items on their month or their filed timetable, one
awaiting acceptance, one returned (退回重办) and one accepted (销号); and one task its unit
reported finished that the office returned. Dates count back in working days from the demo day;
every step goes through the services (:func:`~luoshi.supervise.orders.record`,
:func:`~luoshi.supervise.escalation.escalate`), so the timelines are valid ones, and the ladder's
rungs fall on the days they were earned.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from luoshi.calendar import Calendar
from luoshi.clock import CHINA, FixedClock
from luoshi.store.db import Database
from luoshi.store.ledger import Ledger
from luoshi.store.models import Assignment, Task
from luoshi.supervise.escalation import escalate
from luoshi.supervise.items import EventKind, Grade, Level, Milestone, Origin
from luoshi.supervise.notify.config import NotifyConfig
from luoshi.supervise.orders import list_orders, raise_order, record, request_closure

OFFICE = "admin"  # the demo office account: it raises, accepts and returns


@dataclass(frozen=True, slots=True)
class DemoUnit:
    """A demo reporter's unit: the items it leads are answered under its account."""

    id: int
    code: str
    username: str


@dataclass(frozen=True, slots=True)
class Step:
    kind: EventKind
    back: int  # working days before the demo day's last working day (0: that day)
    note: str = ""


@dataclass(frozen=True, slots=True)
class Plan:
    title: str
    unit: int  # index into the demo units
    level: Level
    origin: Origin
    raised: int  # working days back
    steps: tuple[Step, ...] = ()
    co: int | None = None  # a demo unit helping (配合)


D, R, S, C = EventKind.DEPLOYED, EventKind.RESPONDED, EventKind.RESOLVED, EventKind.CLOSURE_REQUESTED
PLANS = (
    Plan("落实市长批示：加快推进重点项目前期手续办理", 0, Level.ORDINARY, Origin.LEADER, 0),
    Plan("企业反映用电报装周期长，请压减办理时限", 1, Level.ORDINARY, Origin.ENTERPRISE, 1, (Step(D, 1),)),
    Plan("季度盘点发现：部分民生实事进度滞后", 0, Level.ORDINARY, Origin.REVIEW, 5, (Step(D, 5),), co=2),
    Plan(
        "老旧小区改造施工扰民问题整改",
        2,
        Level.ORDINARY,
        Origin.ENTERPRISE,
        11,
        (Step(D, 11), Step(R, 9, "已约谈施工单位，调整夜间作业时间")),
    ),
    Plan("领导批示：督促解决农民工工资拖欠问题", 3, Level.ORDINARY, Origin.LEADER, 14, (Step(D, 7),)),
    Plan(
        "推动数据中心项目能耗指标落地",
        1,
        Level.MAJOR,
        Origin.LEADER,
        7,
        (Step(D, 7), Step(R, 5, "已成立工作专班，正在对接省级部门")),
    ),
    Plan(
        "工业园区污水处理厂提标改造",
        2,
        Level.MAJOR,
        Origin.REVIEW,
        18,
        (
            Step(D, 18),
            Step(R, 16, "已完成方案比选"),
            Step(EventKind.TIMETABLE_FILED, 11, "报送时间节点和方案"),
        ),
    ),
    Plan(
        "中小企业融资担保费率偏高问题",
        3,
        Level.ORDINARY,
        Origin.ENTERPRISE,
        9,
        (
            Step(D, 9),
            Step(R, 8, "已与担保公司协商降费"),
            Step(S, 3, "担保费率降至1%"),
            Step(C, 3, "申请销号"),
        ),
    ),
    Plan(
        "背街小巷路灯修复",
        0,
        Level.ORDINARY,
        Origin.REVIEW,
        15,
        (
            Step(D, 15),
            Step(R, 13, "已排查损坏路灯126盏"),
            Step(S, 8, "已全部修复"),
            Step(C, 8, "申请销号"),
            Step(EventKind.RETURNED, 6, "佐证材料不全：请补充修复前后对照照片和验收记录"),
        ),
    ),
    Plan(
        "政务服务大厅窗口排队时间过长",
        1,
        Level.ORDINARY,
        Origin.ENTERPRISE,
        18,
        (
            Step(D, 18),
            Step(R, 17, "增设综合窗口4个"),
            Step(S, 12, "平均等候时间降至10分钟"),
            Step(C, 12, "申请销号"),
            Step(EventKind.ACCEPTED, 10, "整改到位"),
        ),
    ),
    Plan("城区供热管网改造进度", 2, Level.ORDINARY, Origin.REVIEW, 3, (Step(D, 1),)),
)


def simulate_items(db: Database, day: date, units: list[DemoUnit], evidence_dir: Path) -> str:
    """Raise and work the demo's items up to ``day``; one line saying what it holds."""
    if not units:
        return "演示督办事项：无（没有演示单位）"
    with db.reader().ledger(actor=OFFICE) as ledger:
        days = _working_days(ledger.calendar, day, 30)
        tasks = _lead_tasks(ledger, units)
    script: dict[date, list[tuple[int, Plan, Step | None]]] = {}
    for n, plan in enumerate(PLANS):
        script.setdefault(days[plan.raised], []).append((n, plan, None))
        for planned in plan.steps:
            script.setdefault(days[planned.back], []).append((n, plan, planned))
    ids: dict[int, int] = {}
    for on in sorted({*script, *days[:20]}):
        for n, plan, step in script.get(on, []):
            with db.ledger(actor=_actor(plan, step, units), clock=_at(on)) as ledger:
                if step is None:
                    ids[n] = _raise(ledger, n, plan, units, tasks, on)
                else:
                    _step(ledger, ids[n], step, on)
        with db.ledger(actor="system", clock=_at(on, 18)) as ledger:
            escalate(ledger, NotifyConfig(), as_of=on)
    _return_a_finished_task(db, units[0], days[6], days[4], evidence_dir)
    return _summary(db, day)


def _working_days(calendar: Calendar, day: date, count: int) -> list[date]:
    """The last ``count`` working days up to ``day``, latest first."""
    found: list[date] = []
    at = day
    while len(found) < count:
        if calendar.is_working_day(at):
            found.append(at)
        at -= timedelta(days=1)
    return found


def _at(on: date, hour: int = 10) -> FixedClock:
    return FixedClock(datetime.combine(on, time(hour), tzinfo=CHINA))


def _lead_tasks(ledger: Ledger, units: list[DemoUnit]) -> dict[int, list[int]]:
    """unit id → the plan tasks it leads, in report order."""
    found: dict[int, list[int]] = {u.id: [] for u in units}
    for a in ledger.all(Assignment, role="lead"):
        if a.unit_id in found:
            found[a.unit_id].append(a.task_id)
    return {uid: sorted(ids) for uid, ids in found.items()}


def _actor(plan: Plan, step: Step | None, units: list[DemoUnit]) -> str:
    """Who takes a step: the office raises and decides, the lead unit's reporter does the rest."""
    if step is None or step.kind in (EventKind.ACCEPTED, EventKind.RETURNED):
        return OFFICE
    return units[plan.unit % len(units)].username


def _raise(
    ledger: Ledger, n: int, plan: Plan, units: list[DemoUnit], tasks: dict[int, list[int]], on: date
) -> int:
    unit = units[plan.unit % len(units)]
    own = tasks[unit.id]
    co = [units[plan.co % len(units)].code] if plan.co is not None and len(units) > 1 else []
    order = raise_order(
        ledger, title=plan.title, lead=unit.code, co=co, level=plan.level, origin=plan.origin,
        leader="分管副市长（演示）" if plan.origin is Origin.LEADER else "", detail=f"（演示）{plan.title}",
        task_id=own[n % len(own)] if own else None, on=on,
    )  # fmt: skip
    return order.id


def _step(ledger: Ledger, item_id: int, step: Step, on: date) -> None:
    note = step.note or {D: "已召开专题会议研究部署", R: "已按要求反馈办理情况"}.get(step.kind, "")
    if step.kind is C:
        request_closure(ledger, item_id, note=note, on=on)
    elif step.kind is EventKind.TIMETABLE_FILED:
        nodes = (
            Milestone("完成设备招标", on + timedelta(days=30)),
            Milestone("主体完工", on + timedelta(days=60)),
        )
        record(ledger, item_id, step.kind, on=on, note=note, due=on + timedelta(days=75), milestones=nodes)
    else:
        grade = Grade.GOOD if step.kind is EventKind.ACCEPTED else None
        record(ledger, item_id, step.kind, on=on, note=note, grade=grade)


def _return_a_finished_task(
    db: Database, unit: DemoUnit, finished: date, returned: date, evidence_dir: Path
) -> None:
    """The unit reports one of its tasks finished; the office sends it back (退回重办 of a task)."""
    from luoshi.supervise.progress import ProgressInput, add_progress, task_entry
    from luoshi.supervise.returns import return_task

    with db.ledger(actor=unit.username, clock=_at(finished, 16)) as ledger:
        own = sorted(a.task_id for a in ledger.all(Assignment, role="lead", unit_id=unit.id))
        if not own:
            return
        task = ledger.get(Task, own[-1])
        entry = ProgressInput(value=task_entry(ledger, task).shown(task.target_value), done=True,
                              narrative="（演示）已全部完成")  # fmt: skip
        add_progress(ledger, task_id=task.id, entry=entry, reporter=unit.username, evidence_dir=evidence_dir,
                     unit_id=unit.id, demo=True)  # fmt: skip
    with db.ledger(actor=OFFICE, clock=_at(returned, 15)) as ledger:
        reason = "（演示）完成情况缺少第三方验收报告，请补充后重新报送"
        return_task(ledger, task_id=task.id, reason=reason, on=returned)


def _summary(db: Database, day: date) -> str:
    with db.reader().ledger(actor=OFFICE) as ledger:
        views = list_orders(ledger, as_of=day)
    stages = Counter(v.status.stage.label if v.status.stage else v.status.state.label for v in views)
    late = sum(1 for v in views if v.status.overdue > 0)
    listed = "，".join(f"{label} {n}" for label, n in stages.most_common())
    return f"演示督办事项 {len(views)} 项（{listed}；逾期 {late} 项），截至 {day.isoformat()}"
