"""The roll-up of a handed-down task or supervision item (转办): its counties' children summed up,
computed, never stored.

A parent task with children shows the worst child's state and colour (逾期 before 缺报 before 进度滞后
…), the share of children on track (green), and how many are late (a report filed after its due
day), 缺报 or 逾期. A parent that the office has accepted (已销号) keeps its own state.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from luoshi.supervise.status import Colour, State

SEVERITY = {
    State.OVERDUE: 6,
    State.MISSING: 5,
    State.BEHIND: 4,
    State.NOT_STARTED: 3,
    State.ON_TRACK: 2,
    State.DONE: 1,
    State.CLOSED: 0,
}


@dataclass(frozen=True, slots=True)
class ChildFacts:
    """What the roll-up reads of one child task."""

    state: State
    colour: Colour
    reports_late: int = 0
    on_time: bool | None = None  # counted on track; None: when green (an item 临期, yellow, is on time)


@dataclass(frozen=True, slots=True)
class RollUp:
    children: int
    state: State  # the worst child's
    colour: Colour  # the worst child's
    on_track: float  # share of children whose colour is green
    late: int  # children with a report filed after its due day
    missing: int  # children 缺报
    overdue: int  # children 逾期
    done: int  # children finished (reported done or 已销号)

    def to_dict(self) -> dict[str, Any]:
        return {
            "children": self.children,
            "state": self.state.value,
            "state_label": self.state.label,
            "colour": self.colour.value,
            "on_track": round(self.on_track, 4),
            "late": self.late,
            "missing": self.missing,
            "overdue": self.overdue,
            "done": self.done,
        }


def worst(children: Sequence[ChildFacts]) -> ChildFacts:
    """The child furthest behind (by :data:`SEVERITY`; the first of equals)."""
    return max(children, key=lambda c: SEVERITY[c.state])


def roll_up(children: Sequence[ChildFacts]) -> RollUp | None:
    """The children summed up; None for a task with no children."""
    if not children:
        return None
    bad = worst(children)
    return RollUp(
        children=len(children),
        state=bad.state,
        colour=bad.colour,
        on_track=sum(1 for c in children if _on_track(c)) / len(children),
        late=sum(1 for c in children if c.reports_late > 0),
        missing=sum(1 for c in children if c.state is State.MISSING),
        overdue=sum(1 for c in children if c.state is State.OVERDUE),
        done=sum(1 for c in children if c.state in (State.DONE, State.CLOSED)),
    )


def _on_track(child: ChildFacts) -> bool:
    return child.colour is Colour.GREEN if child.on_time is None else child.on_time


def rolled_state(own: State, own_colour: Colour, summary: RollUp | None) -> tuple[State, Colour]:
    """The state a parent task shows: its own when it has no children or is 已销号, else the roll-up's."""
    if summary is None or own is State.CLOSED:
        return own, own_colour
    return summary.state, summary.colour
