"""Derived status of a task as of a date (时序进度), never stored.

:func:`task_status` is a pure function over plain facts: the target, the period, the progress
reports, the milestones and whether the task was closed. "Behind" is the 时序进度 test: the share
of the target reached is below the elapsed share of the period by more than the policy's tolerance.
Tasks without a number are measured by their milestones, then by self-assessed percentages, then
by whether they have reported at all. Whether a value meets a rate or ceiling target is decided by
:func:`luoshi.link.verdict.meets`, the rule the scorecard verdicts use. A task that has missed its
latest ``missing_after`` reports in a row is 缺报 (its own state and colour), whatever its last value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from luoshi.link.verdict import meets, signed_for
from luoshi.link.vocabulary import Direction

MISSING_AFTER = 2  # 缺报: this many due reports missed in a row (the policy may say otherwise)


class State(StrEnum):
    NOT_STARTED = "not_started"  # 未启动
    ON_TRACK = "on_track"  # 正常推进
    BEHIND = "behind"  # 滞后于时序进度
    OVERDUE = "overdue"  # 逾期未完成
    MISSING = "missing"  # 缺报: the latest reports due were not filed
    DONE = "done"  # 已完成，待验收
    CLOSED = "closed"  # 已销号

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


_STATE_LABELS = {
    State.NOT_STARTED: "未启动",
    State.ON_TRACK: "正常推进",
    State.BEHIND: "进度滞后",
    State.OVERDUE: "逾期",
    State.MISSING: "缺报",
    State.DONE: "已完成待验收",
    State.CLOSED: "已销号",
}


class Measure(StrEnum):
    """How a task's number relates to time."""

    CUMULATIVE = "cumulative"  # builds up over the period (投资完成额, 新建项目数): 时序进度 applies
    RATE = "rate"  # a rate or share watched as it stands (增长6%, 占比30%): compared with the target
    CEILING = "ceiling"  # a limit not to exceed (控制在…以内, 不超过)


class Colour(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    ORANGE = "orange"  # 缺报: nothing to judge the task by


@dataclass(frozen=True, slots=True)
class ProgressPoint:
    """One progress report: the value reached to date and/or a self-assessed percentage."""

    on: date
    value: float | None = None
    percent: float | None = None  # 0–100, for tasks without a number
    done: bool = False  # the unit reports the task finished
    answers: date | None = None  # due date of the reporting period it is for, when known
    seq: int = 0  # filing order (the report's id): tells reports before and after a return apart


@dataclass(frozen=True, slots=True)
class TaskMilestone:
    label: str
    due: date
    done_on: date | None = None


@dataclass(frozen=True, slots=True)
class TaskFacts:
    start: date
    deadline: date
    target: float | None = None
    baseline: float = 0.0  # the value at the start (progress is measured from it)
    measure: Measure = Measure.CUMULATIVE
    modifier: str | None = None  # the target's hedge: about (左右), at_least, at_most, exact
    slack: float = 0.0  # the 左右 tolerance in the target's unit (from the indicator vocabulary)
    reports: tuple[ProgressPoint, ...] = ()
    milestones: tuple[TaskMilestone, ...] = ()
    report_due: tuple[date, ...] = ()  # reporting cadence: the days reports fall due
    closed_on: date | None = None  # 销号 (accepted)
    returned_on: date | None = None  # the office's latest return (退回) of a reported finish
    returned_after: int = 0  # seq of the newest report when it was returned: later ones answer it


@dataclass(frozen=True, slots=True)
class TaskStatus:
    state: State
    colour: Colour
    elapsed: float  # share of the period gone, 0–1
    progress: float | None  # share of the target (or milestones / percent) reached, 0–1
    overdue_days: int = 0
    done_on: date | None = None
    missed_reports: tuple[date, ...] = field(default_factory=tuple)
    returned_on: date | None = None  # returned (已退回) and not yet answered by a new report

    @property
    def lag(self) -> float | None:
        """Elapsed share minus progress share (positive: behind the clock)."""
        return None if self.progress is None else self.elapsed - self.progress


def elapsed_share(start: date, deadline: date, as_of: date) -> float:
    """Share of ``[start, deadline]`` gone by the end of ``as_of`` (0 before, 1 after)."""
    total = (deadline - start).days + 1
    gone = (as_of - start).days + 1
    return min(max(gone / total, 0.0), 1.0) if total > 0 else 1.0


def progress_share(facts: TaskFacts, reports: tuple[ProgressPoint, ...], as_of: date) -> float | None:
    """Share reached: by value, else by milestones, else by the latest percentage; None if unknown."""
    values = [r.value for r in reports if r.value is not None]
    if facts.target is not None and values and _numeric(facts):
        return _value_share(facts, facts.target, values[-1])
    if facts.milestones:
        met = sum(1 for m in facts.milestones if m.done_on is not None and m.done_on <= as_of)
        return met / len(facts.milestones)
    percents = [r.percent for r in reports if r.percent is not None]
    if percents:
        return min(max(percents[-1] / 100, 0.0), 1.0)
    return None


def value_meets(facts: TaskFacts, value: float) -> bool:
    """A rate or ceiling value meets the task's target (a reduction compares the falls)."""
    assert facts.target is not None
    direction = Direction.CEILING if facts.measure is Measure.CEILING else Direction.FLOOR
    reduction = facts.measure is Measure.RATE and facts.target < 0
    target, value, flipped = signed_for(facts.target, value, reduction=reduction)
    return meets(value, target, direction=flipped or direction, modifier=facts.modifier, slack=facts.slack)


def met_at_deadline(facts: TaskFacts, reports: tuple[ProgressPoint, ...], as_of: date) -> date | None:
    """A rate or ceiling target met by the last value reported once the deadline has passed: the
    day of that report (the task is finished, awaiting acceptance, not overdue)."""
    if as_of <= facts.deadline or facts.measure is Measure.CUMULATIVE or facts.target is None:
        return None
    valued = [r for r in reports if r.value is not None]
    return valued[-1].on if valued and value_meets(facts, valued[-1].value or 0.0) else None


def _numeric(facts: TaskFacts) -> bool:
    return facts.target is not None and (
        facts.measure is not Measure.CUMULATIVE or facts.target != facts.baseline
    )


def _value_share(facts: TaskFacts, target: float, value: float) -> float:
    if facts.measure is Measure.CEILING:
        share = 1.0 if value <= target else (target / value if value > 0 else 0.0)
    elif facts.measure is Measure.RATE:
        share = value / target if target else 1.0
    else:
        share = (value - facts.baseline) / (target - facts.baseline)
    return min(max(share, 0.0), 1.0)


def done_on(facts: TaskFacts, reports: tuple[ProgressPoint, ...]) -> date | None:
    """The first report that shows the task finished (flag, 100 %, or target value reached)."""
    for report in reports:
        if report.done or (report.percent is not None and report.percent >= 100):
            return report.on
        cumulative = facts.measure is Measure.CUMULATIVE  # rates and ceilings finish by declaration
        if (
            cumulative
            and report.value is not None
            and facts.target is not None
            and _reached(facts, report.value)
        ):
            return report.on
    return None


def _reached(facts: TaskFacts, value: float) -> bool:
    assert facts.target is not None
    if facts.target >= facts.baseline:
        return value >= facts.target
    return value <= facts.target  # a target to bring something down


def task_status(
    facts: TaskFacts, as_of: date, *, tolerance: float = 0.05, missing_after: int = MISSING_AFTER
) -> TaskStatus:
    """Status of a task at the end of ``as_of``."""
    reports = tuple(sorted((r for r in facts.reports if r.on <= as_of), key=lambda r: r.on))
    elapsed = elapsed_share(facts.start, facts.deadline, as_of)
    share = progress_share(facts, reports, as_of)
    returned = facts.returned_on is not None and facts.returned_on <= as_of
    answered = tuple(r for r in reports if r.seq > facts.returned_after) if returned else reports
    finished = done_on(facts, answered) or met_at_deadline(facts, answered, as_of)
    missed = missed_reports(facts.report_due, reports, as_of)
    status = TaskStatus(State.ON_TRACK, Colour.GREEN, elapsed, share, done_on=finished, missed_reports=missed)

    if facts.closed_on is not None and facts.closed_on <= as_of:
        return _with(status, State.CLOSED, Colour.GREEN)
    if finished is not None:
        return _with(status, State.DONE, Colour.GREEN)
    if returned and not answered:
        return _returned(_progressing(facts, status, reports, missing_after, as_of, tolerance), facts)
    return _progressing(facts, status, reports, missing_after, as_of, tolerance)


def _progressing(
    facts: TaskFacts,
    status: TaskStatus,
    reports: tuple[ProgressPoint, ...],
    missing_after: int,
    as_of: date,
    tolerance: float,
) -> TaskStatus:
    """A task still under way: overdue, 缺报, not started, behind the clock, or on track."""
    if as_of > facts.deadline:
        return _with(status, State.OVERDUE, Colour.RED, overdue=(as_of - facts.deadline).days)
    if silent_periods(facts.report_due, status.missed_reports, as_of) >= max(missing_after, 1):
        return _with(status, State.MISSING, Colour.ORANGE)
    if status.progress is None:
        if reports:
            return status  # reporting, nothing to measure: on track
        unscheduled = not facts.report_due and status.elapsed > tolerance
        return _with(status, State.BEHIND if unscheduled else State.NOT_STARTED,
                     Colour.YELLOW if unscheduled else Colour.GREEN)  # fmt: skip
    if not reports and status.elapsed <= tolerance:
        return _with(status, State.NOT_STARTED, Colour.GREEN)
    if _behind(facts, status.progress, status.elapsed, tolerance, as_of):
        return _with(status, State.BEHIND, Colour.YELLOW)
    return status


def silent_periods(due: tuple[date, ...], missed: tuple[date, ...], as_of: date) -> int:
    """How many of the latest reports due by ``as_of`` were missed in a row (缺报 counts these)."""
    run = 0
    gone = set(missed)
    for day in sorted((d for d in due if d <= as_of), reverse=True):
        if day not in gone:
            break
        run += 1
    return run


def _behind(facts: TaskFacts, share: float, elapsed: float, tolerance: float, as_of: date) -> bool:
    values = [r.value for r in facts.reports if r.on <= as_of and r.value is not None]
    if facts.milestones and not (_numeric(facts) and values):
        return any(m.due <= as_of and (m.done_on is None or m.done_on > as_of) for m in facts.milestones)
    if facts.measure is not Measure.CUMULATIVE and values and facts.target is not None:
        return not value_meets(facts, values[-1])
    return share < elapsed - tolerance


def _with(status: TaskStatus, state: State, colour: Colour, *, overdue: int = 0) -> TaskStatus:
    return TaskStatus(
        state, colour, status.elapsed, status.progress, overdue, status.done_on, status.missed_reports
    )


def _returned(status: TaskStatus, facts: TaskFacts) -> TaskStatus:
    """Back in progress after a return: at least yellow (red when overdue), marked 已退回."""
    colour = Colour.RED if status.colour is Colour.RED else Colour.YELLOW
    return TaskStatus(
        status.state, colour, status.elapsed, status.progress, status.overdue_days, None,
        status.missed_reports, facts.returned_on,
    )  # fmt: skip


def missed_reports(
    due: tuple[date, ...], reports: tuple[ProgressPoint, ...], as_of: date
) -> tuple[date, ...]:
    """Report due dates passed by ``as_of`` with no report for them (by period if known, else by date)."""
    if reports and all(r.answers is not None for r in reports):
        answered = {r.answers for r in reports}
        return tuple(d for d in sorted(due) if d <= as_of and d not in answered)
    timeline = report_timeliness(due, [r.on for r in reports], as_of)
    return tuple(d for d, got in timeline if got is None)


def report_timeliness(
    due_dates: tuple[date, ...] | list[date], report_dates: list[date], as_of: date
) -> list[tuple[date, date | None]]:
    """For each report due by ``as_of``: the day its report came (None: not yet).

    A report answers the earliest due date after the previous one it has not yet answered
    (a report filed late still counts for its period; it is late, not missing).
    """
    pending = sorted(report_dates)
    result: list[tuple[date, date | None]] = []
    previous = date.min
    for due in sorted(d for d in due_dates if d <= as_of):
        got = next((r for r in pending if r > previous), None)
        if got is not None and (got <= due or not _any_due_between(due_dates, due, got)):
            pending.remove(got)
            result.append((due, got))
        else:
            result.append((due, None))
        previous = due
    return result


def _any_due_between(due_dates: tuple[date, ...] | list[date], after: date, upto: date) -> bool:
    """A later due date falls in ``(after, upto]``: a report that late answers the later one."""
    return any(after < d <= upto for d in due_dates)


def month_ends(start: date, deadline: date, *, day: int = 0) -> tuple[date, ...]:
    """Monthly report due dates in the period: ``day`` of each month, or the month's end if 0."""
    result = []
    year, month = start.year, start.month
    while True:
        first_next = date(year + month // 12, month % 12 + 1, 1)
        due = first_next - timedelta(days=1) if day <= 0 else date(year, month, min(day, 28))
        if due > deadline:
            break
        if due >= start:
            result.append(due)
        year, month = first_next.year, first_next.month
    return tuple(result)
