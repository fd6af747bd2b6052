"""The response clock of a supervision item: its stages, derived from its timeline and a policy.

Each stage of the policy falls due a fixed time after the item was raised; a filed timetable
(major items) replaces the settle deadline with its own dates; a returned closure, or a filer's
dispute of the resolution (回访不满意), opens a rework stage. A node of an earlier timetable
that was already missed when an extension replaced it stays on the clock as missed
(:func:`missed_milestones`). Nothing here is stored: :func:`item_status` answers for any date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import pairwise

from luoshi.calendar import Calendar
from luoshi.supervise.items import (
    EventKind,
    ItemEvent,
    ItemFacts,
    awaiting_acceptance,
    is_closed,
    is_resolved,
    last,
)
from luoshi.supervise.policy import Policy
from luoshi.supervise.status import Colour

TIMETABLE = "timetable"
LONGEST_BREAK = 16  # calendar days a few working days can span (a 9-day Spring Festival and weekends)
REWORK = "rework"
REPLACED = "replaced"  # a node of an earlier timetable, due before an extension replaced it


class ItemState(StrEnum):
    OPEN = "open"  # 办理中
    RESOLVED = "resolved"  # 问题已解决，未申请销号
    AWAITING = "awaiting_acceptance"  # 已申请销号，待验收
    CLOSED = "closed"  # 已销号

    @property
    def label(self) -> str:
        return {"open": "办理中", "resolved": "已解决", "awaiting_acceptance": "待验收", "closed": "已销号"}[
            self.value
        ]


@dataclass(frozen=True, slots=True)
class StageClock:
    """One stage as of a date: when it fell due, when (if) it was met, how late."""

    key: str
    label: str
    due: date
    done_on: date | None
    overdue: int  # days past due while still open (policy.ladder_days); 0 if not overdue
    late: int  # days past due when it was met (or replaced); 0 if on time or open
    superseded_on: date | None = None  # a node of an earlier timetable: when it was replaced

    @property
    def open(self) -> bool:
        return self.done_on is None and self.superseded_on is None

    @property
    def missed(self) -> bool:
        """A node of a replaced timetable that was not met by its date: it stays missed."""
        return self.superseded_on is not None and (self.done_on is None or self.done_on > self.due)


@dataclass(frozen=True, slots=True)
class ItemStatus:
    state: ItemState
    colour: Colour
    stage: StageClock | None  # the open stage due first (None when nothing is open)
    stages: tuple[StageClock, ...]

    @property
    def overdue(self) -> int:
        return max((s.overdue for s in self.stages), default=0)


def item_clock(
    facts: ItemFacts, policy: Policy, as_of: date, calendar: Calendar | None = None
) -> tuple[StageClock, ...]:
    """Every stage of the item with its due date and state at the end of ``as_of``."""
    cal = calendar or Calendar()
    events = facts.upto(as_of)
    stages = policy.stages_for(facts.level)
    result = []
    for i, stage in enumerate(stages):
        later = frozenset().union(*(s.done_by for s in stages[i:]))  # a later step implies this one
        met = _first(events, later, facts.raised_on)
        due = stage.within.after(facts.raised_on, cal)
        result.append(_clock(stage.key, stage.label, due, met, as_of, policy, cal))
    result.extend(_missed(events, policy, cal))
    timetable = last(events, EventKind.TIMETABLE_FILED)
    if timetable is not None and timetable.due is not None:
        solved = _first(events, frozenset({EventKind.RESOLVED}), timetable.on)
        for m in timetable.milestones:
            met = next(
                (e.on for e in events if e.kind is EventKind.MILESTONE_MET and e.stage == m.label), None
            )
            result.append(_clock(f"milestone:{m.label}", m.label, m.due, met or solved, as_of, policy, cal))
        result.append(_clock(TIMETABLE, "按时间表落实解决", timetable.due, solved, as_of, policy, cal))
    returned = last(events, EventKind.RETURNED)
    if returned is not None:
        after = events[events.index(returned) + 1 :]
        again = _first(after, frozenset({EventKind.CLOSURE_REQUESTED}), returned.on)
        rounds = sum(1 for e in events if e.kind is EventKind.RETURNED)
        due = policy.rework.after(returned.on, cal)
        result.append(_clock(f"{REWORK}:{rounds}", "退回重办", due, again, as_of, policy, cal))
    disputed = last(events, EventKind.DISPUTED)
    if disputed is not None:  # the filer was not satisfied: solve it again on the rework clock
        after = events[events.index(disputed) + 1 :]
        again = _first(after, frozenset({EventKind.RESOLVED}), disputed.on)
        rounds = sum(1 for e in events if e.kind is EventKind.DISPUTED)
        due = policy.rework.after(disputed.on, cal)
        result.append(_clock(f"{REWORK}:disputed:{rounds}", "回访不满意重办", due, again, as_of, policy, cal))
    return tuple(result)


def missed_milestones(
    facts: ItemFacts, policy: Policy, as_of: date, calendar: Calendar | None = None
) -> tuple[StageClock, ...]:
    """Nodes (and completion dates) of replaced timetables that were missed before the new one was
    filed: they stay missed, with their days late, whatever the new timetable says."""
    return tuple(s for s in item_clock(facts, policy, as_of, calendar) if s.missed)


def _missed(events: tuple[ItemEvent, ...], policy: Policy, cal: Calendar) -> list[StageClock]:
    """Every node of a replaced timetable that had fallen due when it was replaced."""
    filed = [e for e in events if e.kind is EventKind.TIMETABLE_FILED]
    found: list[StageClock] = []
    for round_, (old, new) in enumerate(pairwise(filed), start=1):
        solved = _first(events, frozenset({EventKind.RESOLVED}), old.on)
        nodes = [(m.label, m.due, _met(events, m.label)) for m in old.milestones]
        nodes += [("按时间表落实解决", old.due, None)] if old.due is not None else []
        for label, due, met in nodes:
            if due >= new.on:
                continue  # not yet due when the timetable was replaced: the new one governs
            done = min((d for d in (met, solved) if d is not None), default=None)
            late = max(cal.days_between(due, done or new.on, policy.ladder_days), 0)
            key = f"{REPLACED}:{round_}:{label}"
            found.append(StageClock(key, f"{label}（原定）", due, done, 0, late, new.on))
    return found


def _met(events: tuple[ItemEvent, ...], label: str) -> date | None:
    return next((e.on for e in events if e.kind is EventKind.MILESTONE_MET and e.stage == label), None)


def item_status(
    facts: ItemFacts, policy: Policy, as_of: date, calendar: Calendar | None = None
) -> ItemStatus:
    """State, colour and current stage of an item at the end of ``as_of``."""
    cal = calendar or Calendar()
    events = facts.upto(as_of)
    stages = item_clock(facts, policy, as_of, cal)
    if is_closed(events):
        return ItemStatus(ItemState.CLOSED, Colour.GREEN, None, stages)
    open_stages = sorted((s for s in stages if s.open), key=lambda s: s.due)
    current = open_stages[0] if open_stages else None
    state = ItemState.OPEN
    if awaiting_acceptance(events):
        state = ItemState.AWAITING
    elif is_resolved(events):
        state = ItemState.RESOLVED
    colour = Colour.GREEN
    if any(s.overdue > 0 for s in open_stages):
        colour = Colour.RED
    elif current is not None and _due_soon(as_of, current.due, policy, cal):
        colour = Colour.YELLOW
    return ItemStatus(state, colour, current, stages)


def _clock(
    key: str, label: str, due: date, met: date | None, as_of: date, policy: Policy, cal: Calendar
) -> StageClock:
    kind = policy.ladder_days
    overdue = max(cal.days_between(due, as_of, kind), 0) if met is None else 0
    late = max(cal.days_between(due, met, kind), 0) if met is not None else 0
    return StageClock(key, label, due, met, overdue, late)


def _due_soon(as_of: date, due: date, policy: Policy, cal: Calendar) -> bool:
    """Due within ``policy.due_soon`` days; a date weeks away is not counted day by day (nor its year)."""
    if (due - as_of).days > policy.due_soon + LONGEST_BREAK:
        return False
    return cal.days_between(as_of, due, policy.ladder_days) <= policy.due_soon


def _first(events: tuple[ItemEvent, ...], kinds: frozenset[EventKind], since: date) -> date | None:
    return next((e.on for e in events if e.kind in kinds and e.on >= since), None)
