"""Closed means closed; deadlines change only by approval; escalation once per item per step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from luoshi.errors import ConflictError, ValidationError
from luoshi.store.ledger import Ledger
from luoshi.store.models import ProgressReport, Task
from luoshi.store.models.audit import AuditEvent
from luoshi.store.models.closure import DeadlineExtension, TaskReopening
from luoshi.store.models.supervision import SupervisionOrder, TaskAcceptance
from luoshi.supervise.board import accept_task
from luoshi.supervise.closure import reopen_task
from luoshi.supervise.escalation import escalate
from luoshi.supervise.extensions import (
    decide_extension,
    extension_dict,
    missed_deadlines,
    request_item_extension,
    request_task_extension,
)
from luoshi.supervise.items import LADDER_KINDS, EventKind, Grade, Level, Milestone
from luoshi.supervise.notify.config import NotifyConfig
from luoshi.supervise.orders import facts_of, list_orders, policy_for, raise_order, record, request_closure
from luoshi.supervise.progress import ProgressInput, add_progress, add_progress_many
from luoshi.supervise.scoring import response
from luoshi.supervise.stages import missed_milestones
from luoshi.supervise.tasks import add_milestone, set_schedule

if TYPE_CHECKING:
    from tests.supervise.conftest import City, LedgerOn

RAISED = date(2023, 3, 1)


def progress(city: City, day: date, task_id: int, tmp_path: Path, **kw: object) -> None:
    with city.ledger(day, actor="填报员") as ledger:
        entry = ProgressInput(narrative="继续推进", **kw)  # type: ignore[arg-type]
        add_progress(ledger, task_id=task_id, entry=entry, reporter="填报员", evidence_dir=tmp_path)


# ---------------------------------------------------------------- 销号 locks a task


def test_accepted_task_refuses_progress_and_deadline_edits(city: City, tmp_path: Path) -> None:
    """Rule: a task accepted (已销号) takes no more progress reports, deadline or milestone edits."""
    accepted = city.tasks[2]
    with pytest.raises(ConflictError, match="已于 2024-06-20 验收销号，不能再修改进展"):
        progress(city, date(2024, 7, 3), accepted, tmp_path, value=1.0)
    edits: list[Callable[[Ledger], object]] = [
        lambda ledger: set_schedule(ledger, task_id=accepted, deadline=date(2025, 6, 30)),
        lambda ledger: set_schedule(ledger, task_id=accepted, cadence="quarterly"),
        lambda ledger: add_milestone(ledger, task_id=accepted, title="复核", due=date(2024, 9, 1)),
        lambda ledger: request_task_extension(
            ledger, task_id=accepted, new_due=date(2025, 6, 30), reason="资金未到位"
        ),
    ]
    for edit in edits:
        with city.ledger(date(2024, 7, 3)) as ledger, pytest.raises(ConflictError, match=r"已于.*验收销号"):
            edit(ledger)
    with city.ledger(date(2024, 7, 3)) as ledger:
        assert len(ledger.get(Task, accepted).progress) == 1


def test_many_reports_are_refused_together_when_one_task_is_accepted(city: City) -> None:
    """Rule: :func:`add_progress_many` (the demo's reports) refuses as :func:`add_progress` does."""
    accepted, open_task = city.tasks[2], city.tasks[0]
    entry = ProgressInput(narrative="继续推进")
    with city.ledger(date(2024, 7, 3)) as ledger, pytest.raises(ConflictError, match=r"已于.*不能再修改进展"):
        add_progress_many(ledger, [(open_task, entry), (accepted, entry)], reporter="批量填报员")
    with city.ledger(date(2024, 7, 3)) as ledger:
        assert len(ledger.get(Task, accepted).progress) == 1
        assert ledger.all(ProgressReport, reporter="批量填报员") == []


def test_reopening_an_accepted_task_is_an_audited_office_act_with_a_reason(
    city: City, tmp_path: Path
) -> None:
    """Rule: reopening (撤销销号) needs a reason, keeps the acceptance it undoes, and is audited;
    the task then takes progress again and can be accepted anew."""
    task_id = city.tasks[2]
    with city.ledger(date(2024, 7, 5)) as ledger, pytest.raises(ValidationError, match="理由"):
        reopen_task(ledger, task_id=task_id, reason="  ")
    with city.ledger(date(2024, 7, 5)) as ledger, pytest.raises(ValidationError, match="尚未验收销号"):
        reopen_task(ledger, task_id=city.tasks[0], reason="核查")
    with city.ledger(date(2024, 7, 5), actor="督查室张三") as ledger:
        reopen_task(ledger, task_id=task_id, reason="群众反映造林成活率不足")
    with city.ledger(date(2024, 7, 5)) as ledger:
        [row] = ledger.all(TaskReopening, task_id=task_id)
        assert (row.grade, row.accepted_on, row.reopened_by) == ("良好", date(2024, 6, 20), "督查室张三")
        assert ledger.find(TaskAcceptance, task_id=task_id) is None
        audit = ledger.all(AuditEvent, entity="task_reopenings")
        assert [(a.action, a.actor) for a in audit] == [("insert", "督查室张三")]
        assert ledger.all(AuditEvent, entity="task_acceptances", action="delete")
    progress(city, date(2024, 7, 8), task_id, tmp_path, value=5.3, done=True)
    with city.ledger(date(2024, 7, 10)) as ledger:
        assert accept_task(ledger, task_id=task_id, grade=Grade.PASS).grade == "合格"


# ---------------------------------------------------------------- 延期申请 on a task


def test_task_deadline_moves_only_by_an_approved_extension(city: City) -> None:
    """Rule: once a task has reports, its deadline changes only by the unit's 延期申请 approved by
    the office; old date, new date, reason and who decided stay in the history."""
    task_id = city.tasks[0]
    with city.ledger(date(2024, 7, 3)) as ledger:
        old = ledger.get(Task, task_id).deadline
        with pytest.raises(ValidationError, match="延期申请"):
            set_schedule(ledger, task_id=task_id, deadline=date(2025, 3, 31))
    with city.ledger(date(2024, 7, 3), actor="市发展改革委") as ledger:
        with pytest.raises(ValidationError, match="理由"):
            request_task_extension(ledger, task_id=task_id, new_due=date(2025, 3, 31), reason="")
        asked = request_task_extension(
            ledger, task_id=task_id, new_due=date(2025, 3, 31), reason="用地报批未完"
        )
        with pytest.raises(ConflictError, match="待审批"):
            request_task_extension(ledger, task_id=task_id, new_due=date(2025, 6, 30), reason="再延")
        assert ledger.get(Task, task_id).deadline == old  # not before approval
    with city.ledger(date(2024, 7, 5), actor="督查室") as ledger:
        decide_extension(ledger, extension_id=asked.id, approve=True, note="同意")
        with pytest.raises(ConflictError, match="已批准"):
            decide_extension(ledger, extension_id=asked.id, approve=False, note="撤回")
        task = ledger.get(Task, task_id)
        assert (task.deadline, task.deadline_source) == (date(2025, 3, 31), "extension")
        row = ledger.get(DeadlineExtension, asked.id)
        kept = (row.old_due, row.new_due, row.reason, row.requested_by, row.decided_by, row.decided_on)
        assert kept == (old, date(2025, 3, 31), "用地报批未完", "市发展改革委", "督查室", date(2024, 7, 5))


def test_a_refused_extension_says_why_and_moves_nothing(city: City) -> None:
    """Rule: the office may refuse a 延期申请, and must say why; the deadline stays."""
    task_id = city.tasks[1]
    with city.ledger(date(2024, 7, 3)) as ledger:
        old = ledger.get(Task, task_id).deadline
        asked = request_task_extension(ledger, task_id=task_id, new_due=date(2024, 12, 31), reason="设备晚到")
        with pytest.raises(ValidationError, match="不批准延期须写明理由"):
            decide_extension(ledger, extension_id=asked.id, approve=False)
        decide_extension(ledger, extension_id=asked.id, approve=False, note="理由不充分")
        assert ledger.get(Task, task_id).deadline == old
        assert ledger.get(DeadlineExtension, asked.id).state == "refused"


def test_a_task_deadline_missed_before_its_extension_stays_missed(city: City) -> None:
    """Rule: a deadline that had already passed when the unit asked to extend it stays missed
    (listed for scoring and 通报) after the extension is approved; one asked in time does not."""
    early, late = city.tasks[0], city.tasks[1]  # deadlines 2024-12-31 and 2024-08-31
    with city.ledger(date(2024, 7, 3)) as ledger:
        in_time = request_task_extension(ledger, task_id=early, new_due=date(2025, 3, 31), reason="用地")
        decide_extension(ledger, extension_id=in_time.id, approve=True)
    with city.ledger(date(2024, 9, 10)) as ledger:
        after = request_task_extension(ledger, task_id=late, new_due=date(2024, 12, 31), reason="设备")
        decide_extension(ledger, extension_id=after.id, approve=True)
        assert [r.task_id for r in missed_deadlines(ledger)] == [late]
        assert extension_dict(after)["old_due_missed"] and not extension_dict(in_time)["old_due_missed"]


def test_task_due_dates_before_the_task_began_are_refused(city: City) -> None:
    """Rule: a deadline before the task's start is refused, whether set or asked for."""
    with city.ledger(date(2024, 7, 3)) as ledger:
        with pytest.raises(ValidationError, match="早于任务起始日期"):
            request_task_extension(ledger, task_id=city.tasks[0], new_due=date(2023, 12, 1), reason="x")
        with pytest.raises(ValidationError, match="早于任务起始日期"):
            set_schedule(ledger, task_id=city.tasks[3], deadline=date(2023, 12, 1))


# ---------------------------------------------------------------- 延期申请 on a major item


def major_item(on: LedgerOn) -> int:
    """A major item raised 3-01, answered, with a timetable: 完成招标 by 4-10, done by 6-30."""
    with on(RAISED) as ledger:
        ident = raise_order(ledger, title="园区污水管网建设", lead="gxj", level=Level.MAJOR).id
        record(ledger, ident, EventKind.DEPLOYED)
        record(ledger, ident, EventKind.RESPONDED, note="已成立专班")
    with on(date(2023, 3, 3)) as ledger:
        plan = (Milestone("完成招标", date(2023, 4, 10)),)
        record(ledger, ident, EventKind.TIMETABLE_FILED, due=date(2023, 6, 30), milestones=plan)
    return ident


def test_item_due_dates_before_the_item_was_raised_are_refused(on: LedgerOn) -> None:
    """Rule: a timetable (or a node of it) dated before the item was raised is refused."""
    with on(RAISED) as ledger:
        ident = raise_order(ledger, title="供水改造", lead="gxj", level=Level.MAJOR).id
        with pytest.raises(ValidationError, match="完成日期 2023-02-01 早于立项日期"):
            record(ledger, ident, EventKind.TIMETABLE_FILED, due=date(2023, 2, 1))
        nodes = (Milestone("立项", date(2023, 2, 20)),)
        with pytest.raises(ValidationError, match=r"节点「立项」.*早于立项日期"):
            record(ledger, ident, EventKind.TIMETABLE_FILED, due=date(2023, 6, 1), milestones=nodes)


def test_a_filed_timetable_changes_only_by_an_approved_extension(on: LedgerOn) -> None:
    """Rule: filing a second timetable is refused; the unit asks (延期申请), the office decides."""
    ident = major_item(on)
    with on(date(2023, 4, 1)) as ledger:
        with pytest.raises(ValidationError, match="须提出延期申请"):
            record(ledger, ident, EventKind.TIMETABLE_FILED, due=date(2023, 9, 30))
        with pytest.raises(ValidationError, match="早于立项日期"):
            request_item_extension(ledger, order_id=ident, new_due=date(2023, 2, 1), reason="x")
        asked = request_item_extension(ledger, order_id=ident, new_due=date(2023, 9, 30), reason="管材涨价")
        [view] = list_orders(ledger)
        assert view.facts.events[-1].due == date(2023, 6, 30)  # nothing moves before approval
    with on(date(2023, 4, 3)) as ledger:
        decide_extension(ledger, extension_id=asked.id, approve=True)
        [view] = list_orders(ledger)
    filed = view.facts.events[-1]
    assert (filed.kind, filed.due, filed.actor) == (EventKind.TIMETABLE_FILED, date(2023, 9, 30), "督查室")
    assert "2023-06-30 → 2023-09-30" in filed.note and "管材涨价" in filed.note
    assert [m.label for m in filed.milestones] == ["完成招标"]  # not yet due: carried over


def test_a_missed_milestone_stays_missed_after_a_new_timetable(on: LedgerOn) -> None:
    """Rule: a node missed before an extension keeps its 催办/通报, is listed as missed, and still
    counts against the response score; it is not escalated again."""
    ident = major_item(on)
    config = NotifyConfig(channels={})
    with on(date(2023, 4, 14), actor="system") as ledger:
        escalate(ledger, config)  # 完成招标 due 4-10: four working days late
    with on(date(2023, 4, 14)) as ledger:
        nodes = [Milestone("完成招标", date(2023, 5, 31))]
        asked = request_item_extension(
            ledger, order_id=ident, new_due=date(2023, 9, 30), reason="流标", milestones=nodes
        )
        decide_extension(ledger, extension_id=asked.id, approve=True)
    with on(date(2023, 5, 5), actor="system") as ledger:
        assert escalate(ledger, config) == []  # nothing open is late: the new node is due 5-31
        [view] = list_orders(ledger)
        ladder = [
            e.kind for e in facts_of(ledger.get(SupervisionOrder, ident)).events if e.kind in LADDER_KINDS
        ]
    [missed] = missed_milestones(view.facts, policy_for("13710"), date(2023, 5, 5))
    assert (missed.label, missed.due, missed.superseded_on, missed.late) == (
        "完成招标（原定）",
        date(2023, 4, 10),
        date(2023, 4, 14),
        4,
    )
    assert ladder == [EventKind.REMINDER, EventKind.NOTICE]  # kept on the timeline
    # deploy, respond and the timetable (settle) on time; the replaced node missed
    assert response([view], date(2023, 5, 5)) == pytest.approx(3 / 4)


# ---------------------------------------------------------------- responses and acceptance


def test_a_response_without_content_is_refused(on: LedgerOn) -> None:
    """Rule: 反馈 with no content (supervise respond without a note) is refused."""
    with on(RAISED) as ledger:
        ident = raise_order(ledger, title="停车难", lead="gxj").id
        with pytest.raises(ValidationError, match="反馈须写明办理情况"):
            record(ledger, ident, EventKind.RESPONDED, note="   ")
        record(ledger, ident, EventKind.RESPONDED, note="已增设泊位200个")


def closure_asked(on: LedgerOn, *steps: EventKind) -> int:
    with on(RAISED) as ledger:
        ident = raise_order(ledger, title="路灯不亮", lead="gxj").id
        for kind in steps:
            record(ledger, ident, kind, note="已处理")
        request_closure(ledger, ident, note="已修复")
    return ident


def test_accepting_without_a_deploy_and_a_response_needs_the_office_reason(on: LedgerOn) -> None:
    """Rule: an item is accepted only with a deploy and a response on record, unless the office
    says why (override); the reason is kept on the timeline."""
    ident = closure_asked(on, EventKind.DEPLOYED)
    with on(date(2023, 3, 2)) as ledger, pytest.raises(ValidationError, match="尚无反馈记录"):
        record(ledger, ident, EventKind.ACCEPTED, grade=Grade.GOOD)
    with on(date(2023, 3, 2)) as ledger:
        record(ledger, ident, EventKind.ACCEPTED, grade=Grade.GOOD, override="现场核查已修复")
        [view] = list_orders(ledger)
    assert view.facts.events[-1].override == "现场核查已修复"
    both = closure_asked(on, EventKind.DEPLOYED, EventKind.RESPONDED)
    with on(date(2023, 3, 2)) as ledger:
        record(ledger, both, EventKind.ACCEPTED, grade=Grade.GOOD)


def test_an_item_escalated_twice_is_graded_excellent_only_with_a_reason(on: LedgerOn) -> None:
    """Rule: an item that received two ladder steps (催办, 通报) cannot be graded 优秀 without an
    explicit override with a reason; other grades need none."""
    with on(RAISED) as ledger:
        ident = raise_order(ledger, title="学校周边交通", lead="gxj").id
    with on(date(2023, 3, 9), actor="system") as ledger:
        escalate(ledger, NotifyConfig(channels={}))  # deploy 6 working days late: 催办 and 通报
    with on(date(2023, 3, 9)) as ledger:
        for kind in (EventKind.DEPLOYED, EventKind.RESPONDED):
            record(ledger, ident, kind, note="已整改")
        request_closure(ledger, ident)
        with pytest.raises(ValidationError, match="评为优秀须说明理由"):
            record(ledger, ident, EventKind.ACCEPTED, grade=Grade.EXCELLENT)
        record(ledger, ident, EventKind.ACCEPTED, grade=Grade.EXCELLENT, override="群众满意度98%")
        [view] = list_orders(ledger)
    assert view.facts.events[-1].grade is Grade.EXCELLENT
