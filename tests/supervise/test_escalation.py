"""The escalation ladder, pure part: which rungs are due, idempotently."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from luoshi.calendar import in_words
from luoshi.store.models.supervision import OutboxMessage
from luoshi.supervise.escalation import due_rungs, escalate
from luoshi.supervise.items import LADDER_KINDS, EventKind, ItemEvent, ItemFacts, Level
from luoshi.supervise.notify.channels import LogChannel
from luoshi.supervise.notify.config import NotifyConfig
from luoshi.supervise.notify.delivery import deliver
from luoshi.supervise.notify.digest import compose, read_day
from luoshi.supervise.notify.outbox import queue
from luoshi.supervise.orders import list_orders, raise_order, record, request_closure
from luoshi.supervise.policy import Action, load_policy
from luoshi.supervise.stages import item_status

if TYPE_CHECKING:
    from tests.supervise.conftest import LedgerOn

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
        (date(2023, 3, 13), [("escalated", "respond")]),  # settle missed 3-10 too: no second 催办
        (date(2023, 3, 14), []),
    ]


def test_running_twice_the_same_day_adds_nothing() -> None:
    item = run(facts(), date(2023, 3, 20))
    assert len(item.events) > 1
    assert due_rungs(item, POLICY, date(2023, 3, 20)) == []


def test_catching_up_takes_every_earned_rung_once() -> None:
    rungs = due_rungs(facts(), POLICY, date(2023, 3, 20))
    assert [r.rung.action for r in rungs] == [Action.REMINDER, Action.NOTICE, Action.ESCALATION]
    assert {r.stage.key for r in rungs} == {"deploy"}  # the most overdue stage earned them


def test_a_rung_note_states_its_stage_due_date_and_days_overdue() -> None:
    """The note on a rung's event quotes the derived stage status (one rule), not a copy of it."""
    as_of = date(2023, 3, 20)
    stages = {s.key: s for s in item_status(facts(), POLICY, as_of).stages}
    for rung in due_rungs(facts(), POLICY, as_of):
        stage = stages[rung.stage.key]
        event = rung.event(as_of)
        assert (event.kind, event.stage, event.on) == (rung.rung.action.event, stage.key, as_of)
        assert stage.label in event.note and stage.due.isoformat() in event.note
        assert f"已逾期{in_words(stage.overdue, POLICY.ladder_days)}" in event.note


def test_escalation_informs_once_per_item_per_step_not_once_per_stage() -> None:
    """Rule: one ignored ordinary item gets one 催办, one 通报 and one 提级督办 in all, however many of
    its stages (deploy, respond, settle) it misses — not three of each."""
    item = facts()
    for day in (date(2023, 3, 3), date(2023, 3, 7), date(2023, 3, 9), date(2023, 3, 13), date(2023, 4, 28)):
        item = run(item, day)
    ladder = [e.kind for e in item.events if e.kind in LADDER_KINDS]
    assert sorted(ladder) == sorted([EventKind.REMINDER, EventKind.NOTICE, EventKind.ESCALATED])
    assert due_rungs(item, POLICY, date(2023, 6, 30)) == []


def test_met_stages_and_closed_items_get_nothing() -> None:
    done = facts(
        ItemEvent(EventKind.RESOLVED, date(2023, 3, 2)),
        ItemEvent(EventKind.CLOSURE_REQUESTED, date(2023, 3, 2)),
    )
    assert due_rungs(done, POLICY, date(2023, 4, 1)) == []


# ---------------------------------------------------------------- escalate() over the ledger


def test_escalate_appends_events_once_and_notify_reads_them_from_the_timeline(
    on: LedgerOn, tmp_path: Path
) -> None:
    config = NotifyConfig(channels={"log": LogChannel(path=tmp_path / "n.log")}, office="市委督查室")
    with on(RAISED) as ledger:
        ident = raise_order(ledger, title="企业用地手续办理", lead="gxj", co=["pdx"], leader="李副市长").id
        record(ledger, ident, EventKind.DEPLOYED)
    with on(date(2023, 3, 7), actor="system") as ledger:
        taken = escalate(ledger, config)
        assert escalate(ledger, config) == []  # twice the same day: nothing more
    assert [(t.action, t.stage, t.overdue) for t in taken] == [("催办", "反馈办理情况", 1)]
    assert taken[0].recipients == ("市工信局", "平定县")
    with on(date(2023, 3, 13), actor="system") as ledger:
        later = escalate(ledger, config)
        [view] = list_orders(ledger)
        outbox = ledger.all(OutboxMessage)
    assert [(t.action, t.stage) for t in later] == [("通报", "反馈办理情况"), ("提级督办", "反馈办理情况")]
    assert later[1].recipients == ("市工信局", "市委督查室", "李副市长")
    ladder = [e for e in view.facts.events if e.kind in LADDER_KINDS]
    assert len(ladder) == 3 and all(e.actor == "system" for e in ladder)  # once per item per step
    assert [t.notified for t in later] == [False, True]  # caught up: the higher rung is marked
    assert outbox == []  # escalation sends nothing itself: channels are chosen at delivery
    with on(date(2023, 3, 13)) as ledger:
        queue(ledger, config, compose(read_day(ledger, config, date(2023, 3, 13)), config))
        assert len(deliver(ledger, config).sent) == 5
    lines = (tmp_path / "n.log").read_text(encoding="utf-8").splitlines()
    assert ["【督办提醒】市工信局" in line for line in lines].count(True) == 1
    assert ["【督办提醒】平定县" in line for line in lines].count(True) == 1  # the co-unit
    assert ["【督办汇总】" in line for line in lines].count(True) == 1
    assert ["【呈阅】李副市长" in line for line in lines].count(True) == 1
    assert ["【提级督办·呈阅】企业用地手续办理" in line for line in lines].count(True) == 1


def test_closed_and_future_orders_are_left_alone(on: LedgerOn) -> None:
    config = NotifyConfig()
    with on(RAISED) as ledger:
        ident = raise_order(ledger, title="a", lead="gxj").id
        request_closure(ledger, ident)
        raise_order(ledger, title="b", lead="gxj", on=date(2023, 4, 1))
    with on(date(2023, 3, 20)) as ledger:
        assert escalate(ledger, config) == []
