"""The 驾驶舱 figures: plain aggregations over the task board (no scoring rules of its own)."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

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
    return tally(rows, as_of).dashboard(limit=limit)


def _overdue_key(r: TaskRow) -> tuple[int, int]:
    return (-r.overdue_days, r.id)


def _missing_key(r: TaskRow) -> tuple[int, int]:
    return (-r.missed_reports, r.id)


def _due_key(r: TaskRow) -> tuple[date, int]:
    return (r.deadline, r.id)


@dataclass(frozen=True, slots=True)
class Tally:
    """What :func:`summarise` counts, kept in parts (per section, per lead unit, the lists in their
    order) so that a write which swapped rows in place patches only the parts those rows are in
    (:meth:`follow`) instead of going over the year's rows again; :meth:`dashboard` draws it."""

    as_of: date
    tasks: int
    states: Counter[str]
    colours: Counter[str]
    headlines: dict[int, TaskRow]  # task id → row, in board order
    sections: dict[str, dict[int, TaskRow]]  # section → its rows by id, in board order
    paces: dict[str, SectionPace]
    units: dict[int, dict[int, TaskRow]]  # lead unit id → its rows by id, in board order
    loads: dict[int, UnitLoad]
    overdue: list[TaskRow]  # every overdue row, most overdue first
    missing: list[TaskRow]  # every 缺报 row, most reports missed first
    due_soon: list[TaskRow]  # every open row due within DUE_SOON_DAYS, soonest first
    demo: int  # demo rows
    notices: dict[int, tuple[str, int, int, int]]  # :func:`notice_counts`

    def dashboard(self, *, limit: int = 10) -> Dashboard:
        return Dashboard(
            as_of=self.as_of,
            tasks=self.tasks,
            states=_counted(self.states),
            colours=_counted(self.colours),
            headlines=[_headline(r) for r in self.headlines.values()],
            sections=list(self.paces.values()),
            overdue=[_listed(r) for r in self.overdue[:limit]],
            due_soon=[_listed(r) for r in self.due_soon[:limit]],
            units=sorted(self.loads.values(), key=_load_order),
            demo=self.demo > 0,
            missing=[_listed(r) for r in self.missing[:limit]],
        )

    def follow(self, changes: list[tuple[TaskRow, TaskRow]]) -> Tally | None:
        """This tally after a write swapped these (old row, new row) in place, or None where a
        row changed its section, lead unit or headline flag (then it is counted again)."""
        if any(_regrouped(old, new) for old, new in changes):
            return None
        states, colours = self.states.copy(), self.colours.copy()
        headlines, sections, paces = self.headlines, dict(self.sections), dict(self.paces)
        units, loads, notices = dict(self.units), dict(self.loads), dict(self.notices)
        lists = {"overdue": self.overdue, "missing": self.missing, "due_soon": self.due_soon}
        demo = self.demo
        for old, new in changes:
            states[old.state] -= 1
            states[new.state] += 1
            colours[old.colour] -= 1
            colours[new.colour] += 1
            demo += new.demo - old.demo
            if new.headline:
                headlines = headlines if headlines is not self.headlines else dict(headlines)
                headlines[new.id] = new
            name = _section_of(new)
            sections[name] = {**sections[name], new.id: new}
            paces[name] = _pace(name, sections[name])
            if new.lead_unit_id is not None:
                uid = new.lead_unit_id
                units[uid] = {**units[uid], new.id: new}
                loads[uid] = _load(uid, units[uid])
                notices[uid] = _noticed(notices[uid], old, -1)
                notices[uid] = _noticed(notices[uid], new, 1)
            for key, (member, order) in _LISTS.items():
                moved = _moved(lists[key], old, new, member(old, self.as_of), member(new, self.as_of), order)
                if moved is None:
                    return None
                lists[key] = moved
        return Tally(
            self.as_of, self.tasks, states, colours, headlines, sections, paces, units, loads,
            lists["overdue"], lists["missing"], lists["due_soon"], demo, notices,
        )  # fmt: skip


def tally(rows: list[TaskRow], as_of: date) -> Tally:
    """The year's (or a scope's) rows counted for the 驾驶舱."""
    sections: dict[str, dict[int, TaskRow]] = defaultdict(dict)
    units: dict[int, dict[int, TaskRow]] = defaultdict(dict)
    for r in rows:
        sections[_section_of(r)][r.id] = r
        if r.lead_unit_id is not None:
            units[r.lead_unit_id][r.id] = r
    lists = {
        key: sorted((r for r in rows if member(r, as_of)), key=order)
        for key, (member, order) in _LISTS.items()
    }
    return Tally(
        as_of=as_of,
        tasks=len(rows),
        states=Counter(r.state for r in rows),
        colours=Counter(r.colour for r in rows),
        headlines={r.id: r for r in rows if r.headline},
        sections=dict(sections),
        paces={name: _pace(name, group) for name, group in sections.items()},
        units=dict(units),
        loads={uid: _load(uid, group) for uid, group in units.items()},
        overdue=lists["overdue"],
        missing=lists["missing"],
        due_soon=lists["due_soon"],
        demo=sum(r.demo for r in rows),
        notices=notice_counts(rows),
    )


def _is_overdue(r: TaskRow, as_of: date) -> bool:
    return r.state == "overdue"


def _is_missing(r: TaskRow, as_of: date) -> bool:
    return r.state == "missing"


def _is_due_soon(r: TaskRow, as_of: date) -> bool:
    return r.state not in FINISHED and as_of <= r.deadline <= as_of + timedelta(days=DUE_SOON_DAYS)


_Order = Callable[[TaskRow], Any]
# the 驾驶舱's lists of rows: which rows each holds, and in what order
_LISTS: dict[str, tuple[Callable[[TaskRow, date], bool], _Order]] = {
    "overdue": (_is_overdue, _overdue_key),
    "missing": (_is_missing, _missing_key),
    "due_soon": (_is_due_soon, _due_key),
}


def _moved(
    rows: list[TaskRow], old: TaskRow, new: TaskRow, was: bool, now: bool, order: _Order
) -> list[TaskRow] | None:
    """A sorted list with ``old`` taken out (if it was in) and ``new`` put in (if it now is);
    None if ``old`` is not where its key says (then the tally is counted again)."""
    if not was and not now:
        return rows
    result = rows[:]
    if was:
        at = bisect_left(result, order(old), key=order)
        if at == len(result) or result[at] is not old:
            return None
        del result[at]
    if now:
        insort(result, new, key=order)
    return result


def _regrouped(old: TaskRow, new: TaskRow) -> bool:
    """Whether a swap moves a row to another group or list of the tally (counted again then)."""
    return (
        old.id != new.id
        or _section_of(old) != _section_of(new)
        or old.lead_unit_id != new.lead_unit_id
        or old.lead_unit != new.lead_unit
        or old.headline != new.headline
    )


def _section_of(r: TaskRow) -> str:
    return r.section or "（未分篇章）"


def _counted(counts: Counter[str]) -> dict[str, int]:
    """Counts by key, without the zeros, in one order whichever way they were reached."""
    return {k: counts[k] for k in sorted(counts) if counts[k]}


def _noticed(counts: tuple[str, int, int, int], r: TaskRow, sign: int) -> tuple[str, int, int, int]:
    name, overdue, missing, missed = counts
    return (name, overdue + sign * (r.state == "overdue"), missing + sign * (r.state == "missing"),
            missed + sign * r.missed_reports)  # fmt: skip


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


def _pace(name: str, group: dict[int, TaskRow]) -> SectionPace:
    rows = group.values()
    measured = [r.progress for r in rows if r.progress is not None]
    return SectionPace(
        section=name,
        tasks=len(group),
        elapsed=round(sum(r.elapsed for r in rows) / len(group), 4),
        progress=round(sum(measured) / len(measured), 4) if measured else None,
        states=_counted(Counter(r.state for r in rows)),
    )


def _load(uid: int, group: dict[int, TaskRow]) -> UnitLoad:
    rows = group.values()
    return UnitLoad(
        unit_id=uid,
        unit=next(iter(rows)).lead_unit,
        tasks=len(group),
        colours=_counted(Counter(r.colour for r in rows)),
        overdue=sum(1 for r in rows if r.state == "overdue"),
    )


def _load_order(u: UnitLoad) -> tuple[float, int, str]:
    return (-u.colours.get("green", 0) / u.tasks, u.overdue, u.unit)
