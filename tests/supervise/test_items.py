"""Supervision items: which events may follow which, and the response clock they run on."""

from __future__ import annotations

from datetime import date

import pytest

from luoshi.errors import ValidationError
from luoshi.supervise.items import EventKind, Grade, ItemEvent, ItemFacts, Level, Milestone, check_event
from luoshi.supervise.policy import load_policy
from luoshi.supervise.stages import ItemState, item_clock, item_status
from luoshi.supervise.status import Colour

POLICY = load_policy()
RAISED = date(2023, 3, 1)  # a Wednesday


def item(*events: ItemEvent, level: Level = Level.ORDINARY, raised: date = RAISED) -> ItemFacts:
    return ItemFacts(level, raised, (ItemEvent(EventKind.RAISED, raised), *events))


def ev(kind: EventKind, on: date, **kw: object) -> ItemEvent:
    return ItemEvent(kind, on, **kw)  # type: ignore[arg-type]


def test_ordinary_item_stage_due_dates_in_working_days() -> None:
    clock = {s.key: s.due for s in item_clock(item(), POLICY, RAISED)}
    assert clock == {"deploy": date(2023, 3, 2), "respond": date(2023, 3, 6), "settle": date(2023, 3, 10)}


def test_due_dates_skip_the_spring_festival() -> None:
    raised = date(2023, 1, 19)  # Thursday before 春节 (Jan 21–27 off, Jan 28–29 make-up workdays)
    clock = {s.key: s.due for s in item_clock(item(raised=raised), POLICY, raised)}
    assert clock["deploy"] == date(2023, 1, 20)
    assert clock["respond"] == date(2023, 1, 29)
    assert clock["settle"] == date(2023, 2, 2)


def test_major_item_has_a_month_rolled_to_a_working_day() -> None:
    clock = {s.key: s.due for s in item_clock(item(level=Level.MAJOR), POLICY, RAISED)}
    assert clock["settle"] == date(2023, 4, 3)  # 4-1 is a Saturday (民法典 第二百零三条)


def test_current_stage_overdue_days_and_colour() -> None:
    facts = item(ev(EventKind.DEPLOYED, date(2023, 3, 1)))
    assert item_status(facts, POLICY, date(2023, 3, 2)).colour is Colour.GREEN
    status = item_status(facts, POLICY, date(2023, 3, 3))  # respond due Mon 3-6: within due_soon
    assert (status.stage and status.stage.key, status.colour) == ("respond", Colour.YELLOW)
    late = item_status(facts, POLICY, date(2023, 3, 8))
    assert (late.state, late.colour, late.overdue) == (ItemState.OPEN, Colour.RED, 2)
    assert late.stage is not None and late.stage.overdue == 2


def test_a_later_step_implies_the_earlier_ones() -> None:
    facts = item(ev(EventKind.RESPONDED, date(2023, 3, 3)))
    clock = {s.key: s for s in item_clock(facts, POLICY, date(2023, 3, 6))}
    assert clock["deploy"].done_on == date(2023, 3, 3)
    assert clock["deploy"].late == 1
    assert clock["respond"].late == 0


def test_full_life_resolved_closed_accepted() -> None:
    events = [
        ev(EventKind.DEPLOYED, date(2023, 3, 1)),
        ev(EventKind.RESPONDED, date(2023, 3, 3)),
        ev(EventKind.RESOLVED, date(2023, 3, 9)),
        ev(EventKind.CLOSURE_REQUESTED, date(2023, 3, 9)),
        ev(EventKind.ACCEPTED, date(2023, 3, 13), grade=Grade.GOOD),
    ]
    states = [item_status(item(*events[:n]), POLICY, date(2023, 3, 13)).state for n in (2, 3, 4, 5)]
    assert states == [ItemState.OPEN, ItemState.RESOLVED, ItemState.AWAITING, ItemState.CLOSED]
    assert item_status(item(*events), POLICY, date(2023, 12, 1)).colour is Colour.GREEN


def test_returned_closure_opens_a_rework_stage() -> None:
    events = (
        ev(EventKind.RESOLVED, date(2023, 3, 3)),
        ev(EventKind.CLOSURE_REQUESTED, date(2023, 3, 3)),
        ev(EventKind.RETURNED, date(2023, 3, 6), note="佐证材料不全"),
    )
    status = item_status(item(*events), POLICY, date(2023, 3, 7))
    assert status.state is ItemState.OPEN
    assert status.stage is not None and status.stage.key == "rework:1"
    assert status.stage.due == date(2023, 3, 15)
    again = item(
        *events, ev(EventKind.RESOLVED, date(2023, 3, 8)), ev(EventKind.CLOSURE_REQUESTED, date(2023, 3, 8))
    )
    assert item_status(again, POLICY, date(2023, 3, 9)).state is ItemState.AWAITING


def test_timetable_replaces_the_month_with_its_own_dates() -> None:
    plan = ev(
        EventKind.TIMETABLE_FILED,
        date(2023, 3, 20),
        due=date(2023, 6, 30),
        milestones=(Milestone("完成设备招标", date(2023, 4, 30)),),
    )
    facts = item(ev(EventKind.RESPONDED, date(2023, 3, 2)), plan, level=Level.MAJOR)
    clock = {s.key: s for s in item_clock(facts, POLICY, date(2023, 5, 5))}
    assert clock["settle"].done_on == date(2023, 3, 20)
    assert clock["milestone:完成设备招标"].overdue > 0
    assert clock["timetable"].due == date(2023, 6, 30) and clock["timetable"].open
    met = item(
        *facts.events[1:],
        ev(EventKind.MILESTONE_MET, date(2023, 4, 28), stage="完成设备招标"),
        level=Level.MAJOR,
    )
    assert item_status(met, POLICY, date(2023, 5, 5)).colour is Colour.GREEN


@pytest.mark.parametrize(
    ("history", "event", "message"),
    [
        ((), ev(EventKind.CLOSURE_REQUESTED, date(2023, 3, 5)), "尚未解决"),
        ((), ev(EventKind.ACCEPTED, date(2023, 3, 5), grade=Grade.PASS), "尚未申请销号"),
        ((), ev(EventKind.TIMETABLE_FILED, date(2023, 3, 5), due=date(2023, 6, 1)), "重大"),
        ((), ev(EventKind.DEPLOYED, date(2023, 2, 1)), "早于立项"),
        ((), ev(EventKind.RAISED, date(2023, 3, 5)), "已立项"),
        ((ev(EventKind.RESPONDED, date(2023, 3, 6)),), ev(EventKind.DEPLOYED, date(2023, 3, 5)), "早于最近"),
        (
            (ev(EventKind.RESOLVED, date(2023, 3, 5)), ev(EventKind.CLOSURE_REQUESTED, date(2023, 3, 5))),
            ev(EventKind.RETURNED, date(2023, 3, 6)),
            "理由",
        ),
        (
            (ev(EventKind.RESOLVED, date(2023, 3, 5)), ev(EventKind.CLOSURE_REQUESTED, date(2023, 3, 5))),
            ev(EventKind.ACCEPTED, date(2023, 3, 6)),
            "等次",
        ),
        (
            (
                ev(EventKind.RESOLVED, date(2023, 3, 5)),
                ev(EventKind.CLOSURE_REQUESTED, date(2023, 3, 5)),
                ev(EventKind.ACCEPTED, date(2023, 3, 6), grade=Grade.EXCELLENT),
            ),
            ev(EventKind.RESPONDED, date(2023, 3, 7)),
            "已销号",
        ),
    ],
)
def test_events_out_of_order_are_refused(
    history: tuple[ItemEvent, ...], event: ItemEvent, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        check_event(item(*history), event)


def test_accepted_grades_include_fail() -> None:
    history = item(
        ev(EventKind.DEPLOYED, date(2023, 3, 1)),
        ev(EventKind.RESPONDED, date(2023, 3, 2), note="已办结"),
        ev(EventKind.RESOLVED, date(2023, 3, 5)),
        ev(EventKind.CLOSURE_REQUESTED, date(2023, 3, 5)),
    )
    for grade in Grade:
        check_event(history, ev(EventKind.ACCEPTED, date(2023, 3, 6), grade=grade))
