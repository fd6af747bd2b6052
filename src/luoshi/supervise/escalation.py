"""The escalation ladder: reminder (催办) → notice (通报) → escalation to the supervising leader.

:func:`due_rungs` is pure: which rungs an item has earned by a date and not yet received. It is
idempotent by construction, since a rung already on the timeline for a stage is never due again.
:func:`escalate` runs it over every open supervision order in the ledger, appends the events and
queues the notifications in the outbox, in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from luoshi.supervise.items import LADDER_KINDS, ItemEvent, ItemFacts
from luoshi.supervise.policy import Policy, Rung
from luoshi.supervise.stages import StageClock, item_status


@dataclass(frozen=True, slots=True)
class DueRung:
    """A rung to take now: the stage that was missed and the step of the ladder."""

    stage: StageClock
    rung: Rung

    def event(self, on: date, actor: str = "system") -> ItemEvent:
        note = f"{self.stage.label}应于{self.stage.due.isoformat()}前完成，已逾期{self.stage.overdue}天"
        return ItemEvent(self.rung.action.event, on, actor=actor, note=note, stage=self.stage.key)


def due_rungs(facts: ItemFacts, policy: Policy, as_of: date) -> list[DueRung]:
    """Rungs earned by missed stages by ``as_of`` and not yet on the item's timeline."""
    status = item_status(facts, policy, as_of)
    taken = {(e.kind, e.stage) for e in facts.events if e.kind in LADDER_KINDS}
    return [
        DueRung(stage, rung)
        for stage in status.stages
        if stage.open and stage.overdue > 0
        for rung in policy.ladder
        if stage.overdue >= rung.after and (rung.action.event, stage.key) not in taken
    ]
