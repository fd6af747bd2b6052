"""Supervision items (督办事项) as plain facts: an item and its timeline of events.

The timeline is append-only; what an item *is* (its stage, whether it is closed) is derived from
it. :func:`check_event` is the one place that says which event may follow which.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from luoshi.errors import ValidationError


class Level(StrEnum):
    ORDINARY = "ordinary"  # 一般性问题
    MAJOR = "major"  # 重大、复杂问题

    @property
    def label(self) -> str:
        return "重大、复杂事项" if self is Level.MAJOR else "一般性事项"


class Origin(StrEnum):
    TASK_PROBLEM = "task_problem"  # a problem a unit reported on a task
    REVIEW = "review"  # found in a periodic review (定期盘点)
    LEADER = "leader"  # a leader's instruction (领导批示)
    ENTERPRISE = "enterprise"  # an enterprise's request (企业诉求)
    PUBLIC = "public"  # a person's problem or clue (群众线索)
    OTHER = "other"

    @property
    def label(self) -> str:
        return _ORIGINS[self]


_ORIGINS = {
    Origin.TASK_PROBLEM: "任务推进中反映的问题",
    Origin.REVIEW: "定期盘点发现的问题",
    Origin.LEADER: "领导批示",
    Origin.ENTERPRISE: "企业和群众诉求",
    Origin.OTHER: "其他",
}


class Grade(StrEnum):
    EXCELLENT = "优秀"
    GOOD = "良好"
    PASS = "合格"
    FAIL = "不合格"


class EventKind(StrEnum):
    RAISED = "raised"  # 立项交办
    DEPLOYED = "deployed"  # 研究部署
    RESPONDED = "responded"  # 反馈办理情况
    TIMETABLE_FILED = "timetable_filed"  # 报送时间节点和方案 (major items)
    MILESTONE_MET = "milestone_met"  # a timetable node reached
    RESOLVED = "resolved"  # 问题解决 (recorded apart from closure)
    CLOSURE_REQUESTED = "closure_requested"  # 申请销号
    ACCEPTED = "accepted"  # 验收销号, with a grade
    RETURNED = "returned"  # 退回重办, with a reason
    REMINDER = "reminder"  # 催办
    NOTICE = "notice"  # 通报
    ESCALATED = "escalated"  # 提级督办 (to the supervising leader)
    SATISFIED = "satisfied"  # 回访满意: the filer of a port request confirms the resolution
    DISPUTED = "disputed"  # 回访不满意: the filer disputes it, with why; the item is reopened

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    EventKind.RAISED: "立项交办",
    EventKind.DEPLOYED: "研究部署",
    EventKind.RESPONDED: "反馈",
    EventKind.TIMETABLE_FILED: "报送时间表",
    EventKind.MILESTONE_MET: "节点完成",
    EventKind.RESOLVED: "问题解决",
    EventKind.CLOSURE_REQUESTED: "申请销号",
    EventKind.ACCEPTED: "验收销号",
    EventKind.RETURNED: "退回重办",
    EventKind.REMINDER: "催办",
    EventKind.NOTICE: "通报",
    EventKind.ESCALATED: "提级督办",
    EventKind.SATISFIED: "回访满意",
    EventKind.DISPUTED: "回访不满意",
}
FEEDBACK_KINDS = frozenset({EventKind.SATISFIED, EventKind.DISPUTED})

LADDER_KINDS = frozenset({EventKind.REMINDER, EventKind.NOTICE, EventKind.ESCALATED})
EXCELLENT_LADDER_LIMIT = 2  # an item with this many ladder steps is graded 优秀 only with a reason


@dataclass(frozen=True, slots=True)
class Milestone:
    """A dated node of a filed timetable (时间节点)."""

    label: str
    due: date


@dataclass(frozen=True, slots=True)
class ItemEvent:
    """One entry on an item's timeline. ``on`` is the (business) date it happened."""

    kind: EventKind
    on: date
    actor: str = ""
    note: str = ""
    grade: Grade | None = None  # ACCEPTED
    stage: str | None = None  # ladder events: which stage was missed; MILESTONE_MET: the node
    due: date | None = None  # TIMETABLE_FILED: the promised completion date
    milestones: tuple[Milestone, ...] = ()  # TIMETABLE_FILED
    override: str = ""  # ACCEPTED: the office's reason for accepting past a rule (see check_acceptance)


@dataclass(frozen=True, slots=True)
class ItemFacts:
    """What derived status needs to know about a supervision item. ``feedback`` names the port
    requests the item answers (诉求12): their filers confirm its resolution (回访) before 销号."""

    level: Level
    raised_on: date
    events: tuple[ItemEvent, ...] = field(default_factory=tuple)
    feedback: tuple[str, ...] = ()

    def upto(self, as_of: date) -> tuple[ItemEvent, ...]:
        """The events that had happened by the end of ``as_of``."""
        return tuple(e for e in self.events if e.on <= as_of)


def last(events: tuple[ItemEvent, ...], *kinds: EventKind) -> ItemEvent | None:
    """The latest event of one of ``kinds``."""
    for event in reversed(events):
        if event.kind in kinds:
            return event
    return None


def is_closed(events: tuple[ItemEvent, ...]) -> bool:
    """Accepted (销号): acceptance ends the timeline."""
    latest = last(events, EventKind.CLOSURE_REQUESTED, EventKind.ACCEPTED, EventKind.RETURNED)
    return latest is not None and latest.kind is EventKind.ACCEPTED


def awaiting_acceptance(events: tuple[ItemEvent, ...]) -> bool:
    latest = last(
        events, EventKind.CLOSURE_REQUESTED, EventKind.ACCEPTED, EventKind.RETURNED, EventKind.DISPUTED
    )
    return latest is not None and latest.kind is EventKind.CLOSURE_REQUESTED


def is_resolved(events: tuple[ItemEvent, ...]) -> bool:
    """Resolved and not sent back (or disputed by the filer) since."""
    latest = last(events, EventKind.RESOLVED, EventKind.RETURNED, EventKind.DISPUTED)
    return latest is not None and latest.kind is EventKind.RESOLVED


def check_event(facts: ItemFacts, event: ItemEvent) -> None:
    """Refuse an event that cannot follow the item's timeline (one Chinese line)."""
    events = facts.events
    if event.on < facts.raised_on:
        raise ValidationError(f"日期 {event.on} 早于立项日期 {facts.raised_on}")
    if events and event.on < max(e.on for e in events):
        raise ValidationError(f"日期 {event.on} 早于最近一次记录 {max(e.on for e in events)}")
    if is_closed(events):
        raise ValidationError("该督办事项已销号，不能再记录")
    kind = event.kind
    if kind is EventKind.RAISED:
        raise ValidationError("督办事项已立项")
    if kind is EventKind.RESPONDED and not event.note.strip():
        raise ValidationError("反馈须写明办理情况（--note），不能为空")
    if kind is EventKind.TIMETABLE_FILED:
        if last(events, EventKind.TIMETABLE_FILED) is not None:
            raise ValidationError("时间表已报送；调整完成日期或节点须提出延期申请，经督查室批准")
        check_timetable(facts, event.due, event.milestones)
    if kind is EventKind.CLOSURE_REQUESTED:
        if awaiting_acceptance(events):
            raise ValidationError("已申请销号，等待验收")
        if not is_resolved(events):
            raise ValidationError("问题尚未解决，不能申请销号")
    if kind in (EventKind.ACCEPTED, EventKind.RETURNED) and not awaiting_acceptance(events):
        raise ValidationError("尚未申请销号，不能验收或退回")
    if kind is EventKind.ACCEPTED:
        check_acceptance(events, event, facts.feedback)
    if kind is EventKind.RETURNED and not event.note.strip():
        raise ValidationError("退回须说明理由")
    if kind is EventKind.MILESTONE_MET and not event.stage:
        raise ValidationError("须写明完成的时间节点")
    if kind in FEEDBACK_KINDS:
        check_feedback(facts, event)


def check_feedback(facts: ItemFacts, event: ItemEvent) -> None:
    """回访: only the filer of a request the item answers, once per resolution; a dispute says why.
    ``event.stage`` names the request (诉求12)."""
    if event.stage not in facts.feedback:
        raise ValidationError("该督办事项不是由此诉求转办的，无需回访")
    if not is_resolved(facts.events):
        raise ValidationError("问题尚未办结，暂不能回访评价")
    if feedback_since_resolved(facts.events, event.stage) is not None:
        raise ValidationError("本次办理结果已评价")
    if event.kind is EventKind.DISPUTED and not event.note.strip():
        raise ValidationError("不满意须说明原因")


def feedback_since_resolved(events: tuple[ItemEvent, ...], who: str) -> ItemEvent | None:
    """One filer's answer (满意/不满意) to the latest resolution, if given."""
    resolved = last(events, EventKind.RESOLVED)
    answer = last(tuple(e for e in events if e.stage == who), *FEEDBACK_KINDS)
    if resolved is None or answer is None:
        return None
    return answer if events.index(answer) > events.index(resolved) else None


def check_timetable(facts: ItemFacts, due: date | None, milestones: tuple[Milestone, ...]) -> None:
    """A timetable belongs to a major item, names its completion date, and dates nothing before
    the item was raised."""
    if facts.level is not Level.MAJOR:
        raise ValidationError("只有重大、复杂事项才能报送时间表")
    if due is None:
        raise ValidationError("时间表须写明完成日期")
    for label, day in (("完成日期", due), *((f"节点「{m.label}」", m.due) for m in milestones)):
        if day < facts.raised_on:
            raise ValidationError(f"{label} {day} 早于立项日期 {facts.raised_on}")


def feedback_missing(events: tuple[ItemEvent, ...], feedback: tuple[str, ...]) -> list[str]:
    """The port requests whose filers have not confirmed the latest resolution as satisfactory."""
    answers = {who: feedback_since_resolved(events, who) for who in feedback}
    return [who for who, a in answers.items() if a is None or a.kind is not EventKind.SATISFIED]


def check_acceptance(events: tuple[ItemEvent, ...], event: ItemEvent, feedback: tuple[str, ...] = ()) -> None:
    """验收销号 needs a grade; without a deploy and a response on record, without every port filer's
    satisfied 回访, or grading 优秀 an item escalated twice (催办、通报…), the office must say why
    (``override``)."""
    if event.grade is None:
        raise ValidationError("验收须评定等次（优秀/良好/合格/不合格）")
    if event.override.strip():
        return
    waiting = feedback_missing(events, feedback)
    if waiting:
        raise ValidationError(
            f"{'、'.join(waiting)}的诉求人尚未回访确认满意，验收销号须说明理由（--override-reason）"
        )
    missing = [k.label for k in (EventKind.DEPLOYED, EventKind.RESPONDED) if last(events, k) is None]
    if missing:
        raise ValidationError(f"尚无{'、'.join(missing)}记录，验收销号须说明理由（--override-reason）")
    steps = ladder_steps(events)
    if event.grade is Grade.EXCELLENT and steps >= EXCELLENT_LADDER_LIMIT:
        raise ValidationError(f"该事项已被催办、通报等 {steps} 次，评为优秀须说明理由（--override-reason）")


def ladder_steps(events: tuple[ItemEvent, ...]) -> int:
    """How many ladder steps (催办、通报、提级督办) the item has received."""
    return sum(1 for e in events if e.kind in LADDER_KINDS)
