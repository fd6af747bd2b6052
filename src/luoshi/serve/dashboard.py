"""The 驾驶舱 figures: plain aggregations over the task board (no scoring rules of its own)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from luoshi.serve.items import StageDue
from luoshi.supervise.snapshot import TaskRow

DUE_SOON_DAYS = 30
FINISHED = frozenset({"done", "closed"})


@dataclass(frozen=True, slots=True)
class Headline:
    task_id: int
    indicator: str
    target_value: float | None
    target_unit: str
    latest_value: float | None
    latest_on: date | None
    state: str
    colour: str


@dataclass(frozen=True, slots=True)
class SectionPace:
    section: str
    tasks: int
    elapsed: float  # mean share of the period gone
    progress: float | None  # mean share reached, over tasks that measure it
    states: dict[str, int]


@dataclass(frozen=True, slots=True)
class UnitLoad:
    unit_id: int
    unit: str
    tasks: int
    colours: dict[str, int]
    overdue: int


@dataclass(frozen=True, slots=True)
class UnitRank:
    rank: int | None
    unit: str
    score: float | None
    tasks: int


@dataclass(frozen=True, slots=True)
class ListedTask:
    id: int
    text: str
    lead_unit: str
    deadline: date
    state: str
    colour: str
    overdue_days: int
    missed_reports: int = 0


@dataclass(frozen=True, slots=True)
class UnitNotice:
    """A unit on the 通报 list: its late tasks and items and its missed reports (缺报)."""

    unit_id: int
    unit: str
    overdue_tasks: int
    overdue_items: int
    missing_tasks: int  # tasks in the 缺报 state
    missed_reports: int  # reports due and not filed, over its tasks

    @property
    def weight(self) -> int:
        return self.overdue_tasks + self.overdue_items + self.missing_tasks


@dataclass(frozen=True, slots=True)
class Dashboard:
    as_of: date
    tasks: int
    states: dict[str, int]
    colours: dict[str, int]
    headlines: list[Headline]
    sections: list[SectionPace]
    overdue: list[ListedTask]
    due_soon: list[ListedTask]
    units: list[UnitLoad]
    demo: bool
    items_by_stage: dict[str, int] = field(default_factory=dict)
    ranking: list[UnitRank] = field(default_factory=list)  # the engine's scoreboard (考核)
    calendar_warning: str | None = None  # set when working days rest on an estimated year
    missing: list[ListedTask] = field(default_factory=list)  # 缺报, apart from 滞后
    overdue_items: list[StageDue] = field(default_factory=list)  # open 督办 stages past due
    items_due_soon: list[StageDue] = field(default_factory=list)  # open 督办 stages due within 30 days
    notices: list[UnitNotice] = field(default_factory=list)  # the 通报 list: units with most late / missed


def summarise(rows: list[TaskRow], as_of: date, *, limit: int = 10) -> Dashboard:
    open_rows = [r for r in rows if r.state not in FINISHED]
    soon = as_of + timedelta(days=DUE_SOON_DAYS)
    overdue = sorted((r for r in rows if r.state == "overdue"), key=lambda r: (-r.overdue_days, r.id))
    missing = sorted((r for r in rows if r.state == "missing"), key=lambda r: (-r.missed_reports, r.id))
    due_soon = sorted((r for r in open_rows if as_of <= r.deadline <= soon), key=lambda r: (r.deadline, r.id))
    return Dashboard(
        as_of=as_of,
        tasks=len(rows),
        states=dict(Counter(r.state for r in rows)),
        colours=dict(Counter(r.colour for r in rows)),
        headlines=[_headline(r) for r in rows if r.headline],
        sections=_sections(rows),
        overdue=[_listed(r) for r in overdue[:limit]],
        due_soon=[_listed(r) for r in due_soon[:limit]],
        units=_units(rows),
        demo=any(r.demo for r in rows),
        missing=[_listed(r) for r in missing[:limit]],
    )


def _headline(r: TaskRow) -> Headline:
    return Headline(r.id, r.indicator or r.text[:20], r.target_value, r.target_unit, r.latest_value,
                    r.latest_on, r.state, r.colour)  # fmt: skip


def _listed(r: TaskRow) -> ListedTask:
    return ListedTask(
        r.id, r.text, r.lead_unit, r.deadline, r.state, r.colour, r.overdue_days, r.missed_reports
    )


def notices(rows: list[TaskRow], late_items: list[StageDue], *, limit: int = 10) -> list[UnitNotice]:
    """The 通报 list: lead units by their overdue tasks and items and 缺报 tasks, most first
    (then by missed reports); units with nothing late or missing are left out."""
    return ranked_notices(notice_counts(rows), late_items, limit=limit)


def notice_counts(rows: list[TaskRow]) -> dict[int, tuple[str, int, int, int]]:
    """The tasks' share of the 通报 list, per lead unit id: (its name, overdue tasks, 缺报 tasks,
    missed reports) — kept with the rows, so a write to an item alone leaves it as it is."""
    counts: dict[int, tuple[str, int, int, int]] = {}
    for r in rows:
        if r.lead_unit_id is None:
            continue
        _, overdue, missing, missed = counts.get(r.lead_unit_id, ("", 0, 0, 0))
        counts[r.lead_unit_id] = (
            r.lead_unit, overdue + (r.state == "overdue"), missing + (r.state == "missing"),
            missed + r.missed_reports,
        )  # fmt: skip
    return counts


def ranked_notices(
    counts: dict[int, tuple[str, int, int, int]], late_items: list[StageDue], *, limit: int = 10
) -> list[UnitNotice]:
    """The 通报 list from the tasks' :func:`notice_counts` and the overdue items' stages."""
    names = {uid: name for uid, (name, *_) in counts.items()}
    items: Counter[int] = Counter()
    for item in {i.id: i for i in late_items}.values():  # an item counts once, however many stages
        names[item.lead_unit_id] = item.lead_unit
        items[item.lead_unit_id] += 1
    found = []
    for uid, name in names.items():
        _, overdue, missing, missed = counts.get(uid, ("", 0, 0, 0))
        found.append(UnitNotice(uid, name, overdue, items[uid], missing, missed))
    found = [n for n in found if n.weight or n.missed_reports]
    return sorted(found, key=lambda n: (-n.weight, -n.missed_reports, n.unit))[:limit]


def _sections(rows: list[TaskRow]) -> list[SectionPace]:
    grouped: dict[str, list[TaskRow]] = defaultdict(list)
    for r in rows:
        grouped[r.section or "（未分篇章）"].append(r)
    result = []
    for name, group in grouped.items():
        measured = [r.progress for r in group if r.progress is not None]
        result.append(
            SectionPace(
                section=name,
                tasks=len(group),
                elapsed=round(sum(r.elapsed for r in group) / len(group), 4),
                progress=round(sum(measured) / len(measured), 4) if measured else None,
                states=dict(Counter(r.state for r in group)),
            )
        )
    return result


def _units(rows: list[TaskRow]) -> list[UnitLoad]:
    grouped: dict[int, list[TaskRow]] = defaultdict(list)
    for r in rows:
        if r.lead_unit_id is not None:
            grouped[r.lead_unit_id].append(r)
    loads = [
        UnitLoad(
            unit_id=uid,
            unit=group[0].lead_unit,
            tasks=len(group),
            colours=dict(Counter(r.colour for r in group)),
            overdue=sum(1 for r in group if r.state == "overdue"),
        )
        for uid, group in grouped.items()
    ]
    return sorted(loads, key=lambda u: (-u.colours.get("green", 0) / u.tasks, u.overdue, u.unit))
