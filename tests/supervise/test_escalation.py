"""The escalation ladder, pure part: which rungs are due, idempotently."""

from __future__ import annotations

from datetime import date

from luoshi.supervise.escalation import due_rungs
from luoshi.supervise.items import EventKind, ItemEvent, ItemFacts, Level
from luoshi.supervise.policy import Action, load_policy

POLICY = load_policy()
RAISED = date(2023, 3, 1)


def facts(*events: ItemEvent) -> ItemFacts:
    return ItemFacts(Level.ORDINARY, RAISED, (ItemEvent(EventKind.RAISED, RAISED), *events))


def run(item: ItemFacts, as_of: date) -> ItemFacts:
    """Take the due rungs on ``as_of`` and return the item with them on its timeline."""
    new = [r.event(as_of) for r in due_rungs(item, POLICY, as_of)]
    return ItemFacts(item.level, item.raised_on, (*item.events, *new))


def test_nothing_is_due_before_a_deadline_passes() -> None:
    assert due_rungs(facts(), POLICY, date(2023, 3, 2)) == []


def test_reminder_then_notice_then_escalation_as_days_pass() -> None:
    item = facts(ItemEvent(EventKind.DEPLOYED, RAISED))  # respond due 3-6
    seen: list[tuple[date, list[tuple[str, str]]]] = []
    for day in (date(2023, 3, 7), date(2023, 3, 8), date(2023, 3, 9), date(2023, 3, 13), date(2023, 3, 14)):
        before = len(item.events)
        item = run(item, day)
        seen.append((day, [(e.kind.value, e.stage or "") for e in item.events[before:]]))
    assert seen == [
        (date(2023, 3, 7), [("reminder", "respond")]),
        (date(2023, 3, 8), []),
        (date(2023, 3, 9), [("notice", "respond")]),
        (date(2023, 3, 13), [("escalated", "respond"), ("reminder", "settle")]),  # settle was due 3-10
        (date(2023, 3, 14), []),
    ]


def test_running_twice_the_same_day_adds_nothing() -> None:
    item = run(facts(), date(2023, 3, 20))
    assert len(item.events) > 1
    assert due_rungs(item, POLICY, date(2023, 3, 20)) == []


def test_catching_up_takes_every_earned_rung_once() -> None:
    rungs = due_rungs(facts(), POLICY, date(2023, 3, 20))
    by_stage: dict[str, list[Action]] = {}
    for r in rungs:
        by_stage.setdefault(r.stage.key, []).append(r.rung.action)
    assert by_stage["deploy"] == [Action.REMINDER, Action.NOTICE, Action.ESCALATION]
    assert "overdue" not in rungs[0].event(date(2023, 3, 20)).note
    assert "已逾期" in rungs[0].event(date(2023, 3, 20)).note


def test_met_stages_and_closed_items_get_nothing() -> None:
    done = facts(
        ItemEvent(EventKind.RESOLVED, date(2023, 3, 2)),
        ItemEvent(EventKind.CLOSURE_REQUESTED, date(2023, 3, 2)),
    )
    assert due_rungs(done, POLICY, date(2023, 4, 1)) == []
