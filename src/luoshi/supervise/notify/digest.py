"""What an office sends on a day: one digest per unit, a summary for the office and one for each
supervising leader, and a message of its own for each item escalated to a leader.

Everything is read from the ledger as of a day (status is derived, never stored), so the same day
composes the same notices; their keys make queuing them twice harmless. Nothing here decides when
an item climbs the ladder: :mod:`luoshi.supervise.escalation` records that, this reads it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from luoshi.calendar import Calendar, DayKind, in_words
from luoshi.store.ledger import Ledger
from luoshi.store.models import Unit
from luoshi.store.models.supervision import SupervisionOrder
from luoshi.supervise.items import LADDER_KINDS, EventKind, ItemEvent
from luoshi.supervise.notify.config import Messages, NotifyConfig, PerItem
from luoshi.supervise.orders import facts_of, policy_for
from luoshi.supervise.stages import ItemState, StageClock, item_status

TOP = 10  # items a summary lists by name


@dataclass(frozen=True, slots=True)
class Notice:
    """One message before it goes to the channels: for whom (a unit, the office, a leader)."""

    key: str
    recipient: str
    subject: str
    body: str
    order_id: int | None = None


@dataclass(frozen=True, slots=True)
class Item:
    """An open order as a digest shows it on a day."""

    id: int
    title: str
    detail: str
    lead: str
    co: tuple[str, ...]
    leader: str
    kind: DayKind  # how the policy counts days
    overdue: tuple[StageClock, ...]  # open stages past due
    next: StageClock | None  # the next deadline: the open stage not yet late that is due first
    days_left: int  # working (or calendar) days until ``next`` is due
    ladder: tuple[ItemEvent, ...]  # reminders, notices, escalations so far
    leader_kinds: frozenset[EventKind]  # the rungs that go to the leader

    @property
    def worst(self) -> int:
        return max((s.overdue for s in self.overdue), default=0)


@dataclass
class Day:
    """The open items on a day, with the units, office and leaders they concern."""

    on: date
    items: list[Item] = field(default_factory=list)


def read_day(ledger: Ledger, config: NotifyConfig, on: date) -> Day:
    """Every open order raised by ``on`` (not closed, not awaiting acceptance) as an :class:`Item`."""
    names = {u.id: u.name for u in ledger.all(Unit)}
    day = Day(on)
    for order in ledger.all(SupervisionOrder, load=("events", "lead_unit")):
        if order.raised_on > on:
            continue
        item = _item(order, names, config, on, ledger.calendar)
        if item is not None:
            day.items.append(item)
    return day


def _item(
    order: SupervisionOrder, names: dict[int, str], config: NotifyConfig, on: date, calendar: Calendar
) -> Item | None:
    policy = policy_for(order.policy)
    facts = facts_of(order)
    status = item_status(facts, policy, on, calendar)
    if status.state in (ItemState.CLOSED, ItemState.AWAITING) or status.stage is None:
        return None
    upcoming = sorted((s for s in status.stages if s.open and s.overdue == 0), key=lambda s: s.due)
    return Item(
        id=order.id,
        title=order.title,
        detail=order.detail,
        lead=names.get(order.lead_unit_id, ""),
        co=tuple(names[i] for i in order.co_unit_ids if i in names),
        leader=order.leader or config.leader,
        kind=policy.ladder_days,
        overdue=tuple(s for s in status.stages if s.open and s.overdue > 0),
        next=upcoming[0] if upcoming else None,
        days_left=calendar.days_between(on, upcoming[0].due, policy.ladder_days) if upcoming else 0,
        ladder=tuple(e for e in facts.upto(on) if e.kind in LADDER_KINDS),
        leader_kinds=frozenset(r.action.event for r in policy.ladder if "leader" in r.notify),
    )


def compose(day: Day, config: NotifyConfig) -> list[Notice]:
    """The day's notices as the config asks: digests and summaries, then per-item messages."""
    messages = config.messages
    notices: list[Notice] = []
    if messages.digest:
        notices.extend(unit_digests(day, messages))
        notices.extend(office_summary(day, messages, config.office))
        notices.extend(leader_summaries(day, messages))
    if messages.per_item is PerItem.LEADER:
        notices.extend(leader_escalations(day, messages))
    return notices


def _soon(item: Item, messages: Messages) -> bool:
    return not item.overdue and item.next is not None and item.days_left <= messages.due_soon_days


def _link(item: Item, messages: Messages) -> str:
    label = f"#{item.id} {item.title}"
    return f"[{label}]({messages.link}/items/{item.id})" if messages.link else label


def _ladder_note(item: Item, stage: StageClock) -> str:
    taken = [e.kind.label for e in item.ladder if e.stage == stage.key]
    return f"（已{'、'.join(dict.fromkeys(taken))}）" if taken else ""


def item_lines(item: Item, messages: Messages, role: str = "") -> list[str]:
    """One item in a digest: link, what is late or due and by when, the next deadline, the leader."""
    lines = [f"- {_link(item, messages)}{role}"]
    for stage in item.overdue:
        late = f"已逾期{in_words(stage.overdue, item.kind)}{_ladder_note(item, stage)}"
        lines.append(f"  {stage.label}应于{stage.due}前完成，{late}；请立即办理")
    if item.next is not None:
        left = f"还有{in_words(item.days_left, item.kind)}" if item.days_left > 0 else "今日到期"
        lines.append(f"  下一节点：{item.next.label}，{item.next.due}前完成（{left}）")
    lines.append(f"  分管领导：{item.leader}" + (f"；事项：{_short(item.detail)}" if item.detail else ""))
    return lines


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def unit_digests(day: Day, messages: Messages) -> list[Notice]:
    """One digest per unit with overdue or due-soon items (as lead or co-unit)."""
    by_unit: dict[str, list[tuple[Item, str]]] = defaultdict(list)
    for item in day.items:
        if item.overdue or _soon(item, messages):
            by_unit[item.lead].append((item, ""))
            for co in item.co:
                by_unit[co].append((item, "（协办）"))
    return [_unit_digest(day.on, unit, entries, messages) for unit, entries in by_unit.items()]


def _unit_digest(on: date, unit: str, entries: list[tuple[Item, str]], messages: Messages) -> Notice:
    late = [(i, r) for i, r in entries if i.overdue]
    soon = [(i, r) for i, r in entries if not i.overdue]
    counts = "，".join(c for c in (_count("逾期", late), _count("即将到期", soon)) if c)
    subject = f"【督办提醒】{unit} {on}：{counts}"
    body = [f"{unit}：截至{on}，贵单位有{len(late)}项督办事项逾期、{len(soon)}项即将到期。"]
    if late:
        body += ["", f"**已逾期（{len(late)}项，请于今日反馈办理情况）**"]
        body += [line for i, r in late for line in item_lines(i, messages, r)]
    if soon:
        body += ["", f"**即将到期（{len(soon)}项，请在到期日前完成）**"]
        body += [line for i, r in soon for line in item_lines(i, messages, r)]
    body += ["", "请在 luoshi 中逐项反馈；如需延期，请在到期前提出申请。"]
    return Notice(f"digest:{on}:unit:{unit}", unit, subject, "\n".join(body))


def _count(what: str, entries: list[tuple[Item, str]]) -> str:
    return f"{what}{len(entries)}项" if entries else ""


def _by_unit_lines(items: Iterable[Item], messages: Messages) -> list[str]:
    rows: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        rows[item.lead].append(item)
    ordered = sorted(rows.items(), key=lambda kv: (-sum(1 for i in kv[1] if i.overdue), kv[0]))
    lines = []
    for unit, its in ordered:
        late = [i for i in its if i.overdue]
        soon = sum(1 for i in its if _soon(i, messages))
        worst = f"（最长{in_words(max(i.worst for i in late), late[0].kind)}）" if late else ""
        lines.append(f"- {unit}：逾期{len(late)}项{worst}，即将到期{soon}项")
    return lines


def office_summary(day: Day, messages: Messages, office: str) -> list[Notice]:
    """The office's summary: counts per lead unit, and today's escalations to a leader."""
    late = [i for i in day.items if i.overdue]
    soon = [i for i in day.items if _soon(i, messages)]
    if not late and not soon:
        return []
    units = len({i.lead for i in late + soon})
    subject = f"【督办汇总】{day.on}：逾期{len(late)}项，即将到期{len(soon)}项，涉及{units}个单位"
    counts = f"在办督办事项{len(day.items)}项，其中逾期{len(late)}项、即将到期{len(soon)}项"
    body = [f"{office}：截至{day.on}，{counts}。"]
    body += ["", "**按牵头单位**", *_by_unit_lines(late + soon, messages)]
    raised = _escalated_on(day, day.on)
    if raised:
        body += ["", f"**今日提级督办（{len(raised)}项）**"]
        body += [f"- {_link(i, messages)}（{i.lead}，呈{i.leader}）" for i in raised[:TOP]]
        body += [f"- 另有{len(raised) - TOP}项" for _ in range(len(raised) > TOP)]
    return [Notice(f"digest:{day.on}:office", office, subject, "\n".join(body))]


def leader_summaries(day: Day, messages: Messages) -> list[Notice]:
    """For each supervising leader: the overdue items under them, worst first, and what was escalated."""
    by_leader: dict[str, list[Item]] = defaultdict(list)
    for item in day.items:
        if item.overdue:
            by_leader[item.leader].append(item)
    return [_leader_summary(day.on, leader, items, messages) for leader, items in by_leader.items()]


def _leader_summary(on: date, leader: str, items: list[Item], messages: Messages) -> Notice:
    items = sorted(items, key=lambda i: -i.worst)
    escalated = [i for i in items if any(e.kind in i.leader_kinds for e in i.ladder)]
    subject = f"【呈阅】{leader}分管督办事项 {on}：逾期{len(items)}项，已提级督办{len(escalated)}项"
    body = [
        f"呈{leader}：截至{on}，您分管的督办事项中有{len(items)}项逾期，"
        f"其中{len(escalated)}项经催办、通报仍未办结，已提级督办，请阅示。",
        "",
        "**逾期最久的事项**",
    ]
    body += [f"- {_link(i, messages)}：{i.lead}，已逾期{in_words(i.worst, i.kind)}" for i in items[:TOP]]
    body += [f"- 另有{len(items) - TOP}项，详见督查室汇总" for _ in range(len(items) > TOP)]
    return Notice(f"digest:{on}:leader:{leader}", leader, subject, "\n".join(body))


def _escalated_on(day: Day, since: date) -> list[Item]:
    return [i for i in day.items if any(e.kind in i.leader_kinds and e.on >= since for e in i.ladder)]


def leader_escalations(day: Day, messages: Messages) -> list[Notice]:
    """A message to the leader for each item escalated to them in the last ``lookback_days``."""
    since = day.on - timedelta(days=messages.lookback_days)
    notices = []
    for item in day.items:
        for event in item.ladder:
            if event.kind in item.leader_kinds and event.on > since:
                notices.append(_escalation(item, event, messages))
    return notices


def _escalation(item: Item, event: ItemEvent, messages: Messages) -> Notice:
    stage = next((s for s in item.overdue if s.key == event.stage), None)
    late = event.note
    if stage is not None:
        late = f"{stage.label}应于{stage.due}前完成，已逾期{in_words(stage.overdue, item.kind)}"
    co = f"，协办单位：{'、'.join(item.co)}" if item.co else ""
    body = [
        f"呈{item.leader}：{item.lead}牵头的督办事项「{item.title}」{late}，"
        f"经催办、通报仍未办结，{event.on}起提级督办，请阅示并协调推动。",
        f"牵头单位：{item.lead}{co}",
    ]
    if item.detail:
        body.append(f"事项：{_short(item.detail, 200)}")
    if item.next is not None:
        body.append(f"下一节点：{item.next.label}，{item.next.due}前完成")
    body.append(f"查看：{_link(item, messages)}")
    key = f"escalated:{item.id}:{event.kind.value}:{event.stage}:{event.on}"
    return Notice(key, item.leader, f"【提级督办·呈阅】{item.title}", "\n".join(body), item.id)
