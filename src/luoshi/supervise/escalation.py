"""The escalation ladder: reminder (催办) → notice (通报) → escalation to the supervising leader.

:func:`due_rungs` is pure: which rungs an item has earned by a date and not yet received. Each rung
is taken once per item, whichever stage earned it (a leader is told once per step, not once per
missed stage), so it is idempotent: a rung already on the item's timeline is never due again.
:func:`escalate` runs it over every open supervision order in the ledger and appends the events in
one transaction. It sends nothing itself: ``luoshi notify`` reads the rungs from the timeline into
the day's digests and per-item messages (:mod:`luoshi.supervise.notify.digest`), on the channels
configured at delivery.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from luoshi.calendar import Calendar, DayKind, in_words
from luoshi.store.ledger import Ledger
from luoshi.store.models import Unit
from luoshi.store.models.supervision import SupervisionOrder
from luoshi.supervise.items import LADDER_KINDS, ItemEvent, ItemFacts
from luoshi.supervise.notify.config import NotifyConfig
from luoshi.supervise.orders import append_event, facts_of, policy_for
from luoshi.supervise.policy import Policy, Rung
from luoshi.supervise.stages import StageClock, item_status


@dataclass(frozen=True, slots=True)
class DueRung:
    """A rung to take now: the stage that was missed and the step of the ladder."""

    stage: StageClock
    rung: Rung
    counted: DayKind = DayKind.WORKING  # how the policy counts days late

    def event(self, on: date, actor: str = "system") -> ItemEvent:
        late = in_words(self.stage.overdue, self.counted)
        note = f"{self.stage.label}应于{self.stage.due.isoformat()}前完成，已逾期{late}"
        return ItemEvent(self.rung.action.event, on, actor=actor, note=note, stage=self.stage.key)


def due_rungs(
    facts: ItemFacts, policy: Policy, as_of: date, calendar: Calendar | None = None
) -> list[DueRung]:
    """Rungs earned by ``as_of`` and not yet on the item's timeline: each step once per item.

    A rung is earned when some open stage is overdue by its ``after`` days; the most overdue such
    stage is named as the one that earned it.
    """
    late = [s for s in item_status(facts, policy, as_of, calendar).stages if s.open and s.overdue > 0]
    if not late:
        return []
    worst = max(late, key=lambda s: (s.overdue, -s.due.toordinal()))
    taken = {e.kind for e in facts.events if e.kind in LADDER_KINDS}
    return [
        DueRung(worst, rung, policy.ladder_days)
        for rung in policy.ladder
        if worst.overdue >= rung.after and rung.action.event not in taken
    ]


@dataclass(frozen=True, slots=True)
class Escalation:
    """One rung taken: on which order, for which stage, whom it told."""

    order_id: int
    title: str
    action: str
    stage: str
    overdue: int
    recipients: tuple[str, ...]
    notified: bool  # False for a lower rung recorded in the same run as a higher one


def escalate(ledger: Ledger, config: NotifyConfig, *, as_of: date | None = None) -> list[Escalation]:
    """Take every due rung on every open order: append the events (``luoshi notify`` tells people).

    When a run catches up on several rungs of one item at once, every rung is recorded and only
    the highest is marked ``notified`` (one message, to the widest circle). Running it twice on
    the same day adds nothing; two runs racing each other conflict on the events' unique ladder
    key (one per item and step), and the loser's transaction is rolled back whole.
    """
    day = as_of or ledger.clock.today()
    taken: list[Escalation] = []
    for order in ledger.all(SupervisionOrder):
        if order.raised_on > day:
            continue
        facts = facts_of(order)
        rungs = due_rungs(facts, policy_for(order.policy), day, ledger.calendar)
        for due in rungs:  # rungs come lowest first: only the highest is marked notified
            event = due.event(day, actor=ledger.actor)
            ledger.add(append_event(order, event, ledger.clock.now()))
            taken.append(_notify(ledger, config, order, due, event, send=due is rungs[-1]))
    ledger.flush()
    return taken


def _notify(
    ledger: Ledger,
    config: NotifyConfig,
    order: SupervisionOrder,
    due: DueRung,
    event: ItemEvent,
    *,
    send: bool,
) -> Escalation:
    recipients = _recipients(ledger, config, order, due.rung.notify)
    label = due.rung.label
    return Escalation(order.id, order.title, label, due.stage.label, due.stage.overdue, recipients, send)


def _recipients(
    ledger: Ledger, config: NotifyConfig, order: SupervisionOrder, roles: tuple[str, ...]
) -> tuple[str, ...]:
    names: list[str] = []
    for role in roles:
        if role == "lead":
            names.append(order.lead_unit.name)
        elif role == "co" and order.co_unit_ids:
            names.extend(u.name for u in ledger.all(Unit, id=list(order.co_unit_ids)))
        elif role == "office":
            names.append(config.office)
        elif role == "leader":
            names.append(order.leader or config.leader)
    return tuple(dict.fromkeys(names))
