"""The task board as the dashboard, ledger and API show it, kept in memory per (day, data version).

Status is derived from the stored facts and the day (never stored): :func:`board` asks the
engine's :func:`~luoshi.supervise.board.record_row` for every task. The result is cached per
database until the data version (the newest audit event id) moves; then only the tasks the new
audit events name are recomputed, unless an event names no task (a unit renamed), which
rebuilds the whole board. Figures computed from a board (:func:`derived`) live as long as it does;
figures computed from its rows alone (``pure``) live as long as its rows: a write that changes no
task row (a supervision item's response) keeps them.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from operator import attrgetter
from typing import Any, TypeVar, cast
from weakref import WeakKeyDictionary

from luoshi.store.board import (
    TaskRecord,
    changed_tasks,
    data_version,
    database_key,
    items_context,
    load_board,
    order_versions,
)
from luoshi.store.ledger import Ledger
from luoshi.supervise.board import StatusRow, record_row, with_rollups
from luoshi.supervise.orders import OrderView, list_orders, order_in_year, year_orders
from luoshi.supervise.rollup import RollUp

T = TypeVar("T")
MAX_DERIVED = 256  # figures kept per board (dashboards, filtered ledgers)
MAX_BOARDS = 16  # boards kept per database (days and versions)
SETTLE_TASKS = 2000  # boards this big are frozen out of the cyclic collector's walks (_settle)


@dataclass(frozen=True, slots=True)
class TaskRow:
    id: int
    report_id: int
    ordinal: int
    section: str
    theme: str
    text: str
    indicator: str
    target_value: float | None
    target_unit: str
    deadline: date
    lead_unit: str
    lead_unit_id: int | None
    co_units: tuple[str, ...]
    unit_ids: frozenset[int]
    latest_value: float | None
    latest_on: date | None
    reports: int
    state: str
    colour: str
    elapsed: float
    progress: float | None
    overdue_days: int
    missed_reports: int
    headline: bool
    demo: bool
    grade: str | None = None  # acceptance grade once closed (销号)
    reports_due: int = 0
    reports_on_time: int = 0
    returned_on: date | None = None  # returned (已退回) and not yet answered by a new report
    fall: bool = False  # a reduction target: values are shown (and typed) as the fall (下降)
    year: int | None = None  # the ledger year: every board is scoped to one (Ledger.year)
    origin_id: int | None = None  # the earlier year's task it continues (结转)
    parent_id: int | None = None  # 转办: the higher level's task it was handed down from
    handed_to: str = ""  # 转办: the county it was handed to
    rollup: RollUp | None = None  # 转办: its children summed up (state and colour are then the roll-up's)
    handed_to_id: int | None = None
    report_unit_id: int | None = None  # the unit (a county) whose own report it comes from

    def to_dict(self) -> dict[str, Any]:
        data = {k: getattr(self, k) for k in self.__slots__}
        data["co_units"] = list(self.co_units)
        data["unit_ids"] = sorted(self.unit_ids)
        data["rollup"] = None if self.rollup is None else self.rollup.to_dict()
        return data


@dataclass(slots=True)
class _Board:
    version: int
    engine_rows: list[StatusRow]
    rows: list[TaskRow]
    derived: dict[str, Any] = field(default_factory=dict)
    computing: dict[str, threading.Lock] = field(default_factory=dict)  # one lock per derived name
    by_id: dict[int, TaskRow] | None = None  # every year's rows by task id (task_row)
    # figures computed from the rows alone (derived ``pure``): shared by the boards of later
    # versions while no write changes a row, so they outlive a write elsewhere
    pure: dict[str, Any] = field(default_factory=dict)
    where: dict[int, int] | None = None  # task id → its place in rows (built by the first patch)
    patches: dict[str, Any] = field(default_factory=dict)  # how a pure value follows rows swapped in place


_CACHES: WeakKeyDictionary[object, dict[date, _Board]] = WeakKeyDictionary()
_LOCK = threading.Lock()


def board(ledger: Ledger, as_of: date) -> list[TaskRow]:
    """The task rows of the ledger's report year as of ``as_of`` (cached per database until the
    data changes)."""
    return _scoped(_board(ledger, as_of), ledger.year)[0]


def every_year(ledger: Ledger, as_of: date) -> list[TaskRow]:
    """The task rows of all years (look-ups by task id: a sheet filled in for last year's tasks)."""
    return _board(ledger, as_of).rows


def engine_board(ledger: Ledger, as_of: date) -> list[StatusRow]:
    """The engine's own rows of the ledger's year (for its scoreboard), from the same computation."""
    return _scoped(_board(ledger, as_of), ledger.year)[1]


def task_row(ledger: Ledger, task_id: int, as_of: date) -> TaskRow | None:
    """One task's row, whatever its year; computed alone inside a transaction that has written."""
    if data_version(ledger) is None:
        records = load_board(ledger, [task_id])
        return _row(records[0], record_row(records[0], as_of), as_of) if records else None
    snapshot = _board(ledger, as_of)
    if snapshot.by_id is None:  # built once per board, on the first look-up
        snapshot.by_id = {r.id: r for r in snapshot.rows}
    return snapshot.by_id.get(task_id)


def _scoped(snapshot: _Board, year: int) -> tuple[list[TaskRow], list[StatusRow]]:
    """The board's rows of one year (kept with the board)."""
    key = f"rows@{year}"
    with _LOCK:
        if key in snapshot.pure:
            return cast(tuple[list[TaskRow], list[StatusRow]], snapshot.pure[key])
    keep = [i for i, r in enumerate(snapshot.rows) if r.year == year]
    engine = with_rollups([snapshot.engine_rows[i] for i in keep])
    rows = [_rolled(snapshot.rows[i], e) for i, e in zip(keep, engine, strict=True)]
    value = (rows, engine)
    with _LOCK:
        snapshot.pure[key] = value
    return value


def derived(
    ledger: Ledger,
    as_of: date,
    name: str,
    compute: Callable[[list[TaskRow]], T],
    *,
    stale_ok: bool = False,
    pure: bool = False,
    patch: Callable[[T, list[tuple[TaskRow, TaskRow]]], T | None] | None = None,
) -> T:
    """``compute(rows)`` over the ledger year's rows, kept with the board it was computed from
    (dashboard figures and the like). A unit of work that sees an older version than the board it
    was served computes for itself and keeps nothing (what it read may be older than the board).

    ``stale_ok`` (the leader's dashboard): while another request is computing these figures for a
    newer version, the last ones computed are served rather than waited for — under a burst of
    writes the figures are at most one computation old; with nothing in flight they are current.

    ``pure``: ``compute`` reads nothing but the rows it is given (``name`` says everything else
    it depends on): the value is kept with the rows, across writes that change none of them.
    ``patch(value, [(old row, new row)])`` (with ``pure``) brings it up to date after a write that
    changed those rows in place, or says None (then it is computed again)."""
    snapshot = _board(ledger, as_of)
    year = ledger.year
    name = f"{name}@{year}"
    if pure:
        return _pure(snapshot, name, lambda: compute(_scoped(snapshot, year)[0]), patch)
    with _LOCK:
        if name in snapshot.derived:
            return cast(T, snapshot.derived[name])
    if data_version(ledger) != snapshot.version:
        return compute(_scoped(snapshot, year)[0])
    engine, latest_key = database_key(ledger), (as_of, name)
    with _LOCK:
        computing = snapshot.computing.setdefault(name, threading.Lock())
        last, flight = _LATEST.setdefault(engine, {}), _IN_FLIGHT.setdefault(engine, {})
        latest = last.get(latest_key)
        busy = flight.get(latest_key, 0) > 0
    if stale_ok and busy and latest is not None and latest[0] < snapshot.version:
        return cast(T, latest[1])
    with computing:  # one computation at a time: requests that arrive meanwhile take its result
        with _LOCK:
            if name in snapshot.derived:
                return cast(T, snapshot.derived[name])
            flight[latest_key] = flight.get(latest_key, 0) + 1
        try:
            value = compute(_scoped(snapshot, year)[0])
        finally:
            with _LOCK:
                flight[latest_key] -= 1
        with _LOCK:
            if len(snapshot.derived) >= MAX_DERIVED:  # drop the oldest (dicts keep insertion order)
                del snapshot.derived[next(iter(snapshot.derived))]
            snapshot.derived[name] = value
            newest = last.get(latest_key)
            if newest is None or newest[0] <= snapshot.version:
                last[latest_key] = (snapshot.version, value)
    return value


def _pure(snapshot: _Board, name: str, compute: Callable[[], T], patch: Any = None) -> T:
    if patch is not None:
        with _LOCK:
            snapshot.patches[name] = patch
    return _memo(snapshot.pure, name, compute)


def _memo(
    kept: dict[str, Any], name: str, compute: Callable[[], T], locks: dict[str, threading.Lock] | None = None
) -> T:
    """``kept[name]``, computed (outside the lock) when missing; past :data:`MAX_DERIVED` entries
    the oldest is dropped (dicts keep insertion order). With ``locks``, one computation at a time
    per name: requests that arrive meanwhile take its result."""
    with _LOCK:
        if name in kept:
            return cast(T, kept[name])
        computing = None if locks is None else locks.setdefault(name, threading.Lock())
    if computing is not None:
        with computing:
            return _memo(kept, name, compute)
    value = compute()
    with _LOCK:
        if len(kept) >= MAX_DERIVED:
            del kept[next(iter(kept))]
        kept[name] = value
    return value


# per database: the last figures computed per (day, name), and how many computations are in flight
_LATEST: WeakKeyDictionary[object, dict[tuple[date, str], tuple[int, Any]]] = WeakKeyDictionary()
_IN_FLIGHT: WeakKeyDictionary[object, dict[tuple[date, str], int]] = WeakKeyDictionary()


def _board(ledger: Ledger, as_of: date) -> _Board:
    version = data_version(ledger)
    if version is None:  # this transaction wrote: its board is its own, not cached
        return _build(load_board(ledger), as_of, -1)
    key = database_key(ledger)
    with _LOCK:
        cached = _CACHES.get(key, {}).get(as_of)
    if cached is not None and cached.version >= version:
        # its version, or a newer one: this unit of work began before a write that another has read
        # since; it is served the newer board (a read never goes back in time), not an old one rebuilt
        return cached
    changed = None if cached is None else changed_tasks(ledger, cached.version, version)
    if cached is not None and changed is not None:
        fresh = _patch(cached, load_board(ledger, changed) if changed else [], changed, as_of, version)
    else:
        fresh = _build(load_board(ledger), as_of, version)
        if len(fresh.rows) >= SETTLE_TASKS:
            _settle()
    with _LOCK:
        boards = _CACHES.setdefault(key, {})
        current = boards.get(as_of)
        if current is None or current.version <= version:
            if len(boards) >= MAX_BOARDS and as_of not in boards:
                boards.clear()
            boards[as_of] = fresh
    return fresh


def _build(records: list[TaskRecord], as_of: date, version: int) -> _Board:
    engine_rows = [record_row(r, as_of) for r in records]
    rows = [_row(rec, r, as_of) for rec, r in zip(records, engine_rows, strict=True)]
    return _Board(version, engine_rows, rows)


def _patch(old: _Board, records: list[TaskRecord], changed: set[int], as_of: date, version: int) -> _Board:
    """``old`` with the ``changed`` tasks' rows recomputed from ``records`` (deleted ones dropped).

    Proportional to what changed: rows that come out as they were (a write that changed
    nothing its row shows) leave the board as it was, its rows and their figures shared; rows
    that keep their place are swapped in a copy of the lists; only a task added, deleted or moved
    sorts the board again."""
    fresh = {}
    for rec in records:
        engine_row = record_row(rec, as_of)
        fresh[rec.id] = (engine_row, _row(rec, engine_row, as_of))
    where = old.where if old.where is not None else {r.id: n for n, r in enumerate(old.rows)}
    if any((i in where) != (i in fresh) for i in changed):  # a task added or deleted
        return _resorted(old, fresh, changed, version)
    differs = [i for i, (e, r) in fresh.items() if old.engine_rows[where[i]] != e or old.rows[where[i]] != r]
    if not differs:
        return _Board(
            version,
            old.engine_rows,
            old.rows,
            by_id=old.by_id,
            pure=old.pure,
            where=where,
            patches=old.patches,
        )
    if any(_place(old.rows[where[i]]) != _place(fresh[i][1]) for i in differs):
        return _resorted(old, fresh, changed, version)
    engine, rows = old.engine_rows[:], old.rows[:]
    by_id = None if old.by_id is None else dict(old.by_id)
    for i in differs:
        engine[where[i]], rows[where[i]] = fresh[i]
        if by_id is not None:
            by_id[i] = fresh[i][1]
    patched = _Board(version, engine, rows, by_id=by_id, where=where)
    _carry_years(
        old,
        patched,
        [(old.rows[where[i]], old.engine_rows[where[i]], fresh[i][1], fresh[i][0]) for i in differs],
    )
    return patched


_Swap = tuple[TaskRow, StatusRow, TaskRow, StatusRow]  # a task's (row, engine row) before and after


def _carry_years(old: _Board, new: _Board, swaps: list[_Swap]) -> None:
    """Each year's rows of ``old`` (:func:`_scoped`) for ``new``, with the swapped rows in their
    places — unless one of them is handed down or rolls its children up (then the year is taken
    again from the whole board)."""
    if any(o.year != n.year or o.parent_id is not None or n.parent_id is not None for o, _, n, _ in swaps):
        return
    with _LOCK:
        years = {k: v for k, v in old.pure.items() if k.startswith("rows@")}
        places_kept = {k: v for k, v in old.pure.items() if k.startswith("places@")}
    for key, (rows, engine) in years.items():
        places = places_kept.get(f"places@{key[5:]}") or {r.id: n for n, r in enumerate(rows)}
        mine = [s for s in swaps if s[0].id in places]
        if any(rows[places[o.id]] is not o or engine[places[o.id]] is not e for o, e, _, _ in mine):
            continue  # rolled up: not the board's own row
        if mine:
            rows, engine = rows[:], engine[:]
            for o, _, row, engine_row in mine:
                rows[places[o.id]], engine[places[o.id]] = row, engine_row
        with _LOCK:
            new.pure[key] = (rows, engine)
            new.pure[f"places@{key[5:]}"] = places
            figures = [
                (k, old.pure[k], f)
                for k, f in old.patches.items()
                if k.endswith(f"@{key[5:]}") and k in old.pure
            ]
        changes = [(o, row) for o, _, row, _ in mine]
        for name, value, follow in figures:  # the year's figures that follow a swap (the 台账's order)
            found = follow(value, changes) if changes else value
            if found is not None:
                with _LOCK:
                    new.pure[name], new.patches[name] = found, follow


def _resorted(
    old: _Board, fresh: dict[int, tuple[StatusRow, TaskRow]], changed: set[int], version: int
) -> _Board:
    """``old`` with ``fresh`` rows in place of the ``changed`` ones, sorted again (tasks came or went)."""
    engine = {r.id: r for r in old.engine_rows if r.id not in changed}
    rows = {r.id: r for r in old.rows if r.id not in changed}
    for i, (engine_row, row) in fresh.items():
        engine[i], rows[i] = engine_row, row
    order = sorted(rows.values(), key=_place)
    return _Board(version, [engine[r.id] for r in order], order)


def _place(row: TaskRow) -> tuple[int, int, int]:
    """Where a row stands on the board: report order."""
    return (row.report_id, row.ordinal, row.id)


def _settle() -> None:
    """Move a freshly built board out of the cyclic collector's way.

    A board is some 100,000 long-lived objects; every full collection walked them all, a pause of
    100 ms and more that every request in flight waited out. Frozen objects are skipped (they
    are still freed by reference counting, and the board holds no cycles). Unfreezing first and
    collecting lets what died since the last freeze go, so nothing accumulates. Once per full
    build (a new day, a change outside any task), not per patched version.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _row(rec: TaskRecord, r: StatusRow, as_of: date) -> TaskRow:
    seen = [p.as_of for p in rec.progress if p.as_of <= as_of]
    status = r.status
    return TaskRow(
        id=r.id,
        report_id=rec.report_id,
        ordinal=rec.ordinal,
        section=r.section,
        theme=rec.theme or "",
        text=r.text,
        indicator=r.indicator,
        target_value=r.target,
        target_unit=r.unit,
        deadline=r.deadline,
        lead_unit=r.lead,
        lead_unit_id=rec.leads[0][0] if rec.leads else None,
        co_units=r.co,
        unit_ids=frozenset(u for u, _ in (*rec.leads, *rec.cos)),
        latest_value=r.value,
        latest_on=max(seen, default=None),
        reports=len(seen),
        state=status.state.value,
        colour=status.colour.value,
        elapsed=round(status.elapsed, 4),
        progress=None if status.progress is None else round(status.progress, 4),
        overdue_days=status.overdue_days,
        missed_reports=len(status.missed_reports),
        headline=rec.headline,
        demo=any(p.demo for p in rec.progress),
        grade=r.grade,
        reports_due=r.reports_due,
        reports_on_time=r.reports_on_time,
        returned_on=status.returned_on,
        fall=r.fall,
        year=rec.year,
        origin_id=rec.origin_id,
        parent_id=rec.parent_id,
        handed_to=rec.handed_to,
        handed_to_id=rec.handed_to_id,
        report_unit_id=rec.report_unit_id,
    )


def _rolled(row: TaskRow, engine: StatusRow) -> TaskRow:
    """A row with the roll-up of its children (转办), as the engine row has it."""
    if engine.rollup is None:
        return row
    status = engine.status
    return replace(row, state=status.state.value, colour=status.colour.value, rollup=engine.rollup)


@dataclass(slots=True)
class _Items:
    """The items' views on one day, all years (``views`` by id; items raised after the day have a
    version in ``versions`` and no view), what they were computed from, and the year lists and
    encoded pages kept with them until an item changes."""

    digest: tuple[object, ...]  # the items' count, newest id and sum of versions
    context: tuple[object, ...]
    version: int  # the data version they were read at (a step moves it: it is audited)
    versions: dict[int, int]
    views: dict[int, OrderView]
    derived: dict[str, Any] = field(default_factory=dict)
    computing: dict[str, threading.Lock] = field(default_factory=dict)  # one lock per derived name


_ITEMS: WeakKeyDictionary[object, dict[date, _Items]] = WeakKeyDictionary()
_COMPUTING: WeakKeyDictionary[object, dict[date, threading.Lock]] = WeakKeyDictionary()


def year_items(ledger: Ledger, as_of: date) -> list[OrderView]:
    """The year's supervision items with their 13710 clocks on ``as_of``: the dashboard, the item
    list and the ranking read them together, at month end between writes. Each item's clock is
    recomputed when that item changes (a step moves its version); all of them when a unit, a holiday
    year or a port request changes. A task's progress leaves them as they were."""
    found = _items(ledger, as_of)
    if found is None:  # this transaction wrote: its items are its own
        return year_orders(ledger, as_of=as_of)
    return items_derived(found, f"year@{ledger.year}", lambda: _in_year(found, ledger.year))


def items_page(ledger: Ledger, as_of: date, name: str, compute: Callable[[list[OrderView]], T]) -> T:
    """``compute(year's items)`` kept with the items until one of them changes (an encoded page of
    the item list): ``name`` must say everything else the value depends on."""
    found = _items(ledger, as_of)
    if found is None:
        return compute(year_orders(ledger, as_of=as_of))
    items = items_derived(found, f"year@{ledger.year}", lambda: _in_year(found, ledger.year))
    return items_derived(found, f"{name}@{ledger.year}", lambda: compute(items))


def task_items(ledger: Ledger, as_of: date, task_id: int) -> list[OrderView]:
    """A task's items with their clocks on ``as_of``, whatever their year (in id order), as
    :func:`~luoshi.supervise.orders.list_orders` has them: from the items kept until one changes
    (a task page shows them on every view). A pass over the kept views, not an index: after each
    step the first task pages would each build one."""
    found = _items(ledger, as_of)
    if found is None:  # this transaction wrote: its items are its own
        return list_orders(ledger, as_of=as_of, task_id=task_id)
    return sorted((v for v in found.views.values() if v.task_id == task_id), key=attrgetter("id"))


def items_derived(found: _Items, name: str, compute: Callable[[], T]) -> T:
    """``compute()`` kept with these items; one computation at a time per name: the readers that
    come right after a step take its result instead of each computing the same list or page."""
    return _memo(found.derived, name, compute, found.computing)


def _in_year(found: _Items, year: int) -> list[OrderView]:
    return [v for _, v in sorted(found.views.items()) if order_in_year(v, year)]


def _items(ledger: Ledger, as_of: date) -> _Items | None:
    """The items of every year on ``as_of``, brought up to date: only the items whose version
    moved are read and computed again. None inside a transaction that has written.

    A unit of work that began before a step another has read since is served the newer items (a
    read never goes back in time, as with the board) and does not replace them with older ones:
    at month end, readers whose transaction began before a response would otherwise recompute the
    items in turn with those after it, each throwing away the other's."""
    version = data_version(ledger)
    state = items_context(ledger)
    if state is None or version is None:
        return None
    digest, context = state
    key = database_key(ledger)
    with _LOCK:
        computing = _COMPUTING.setdefault(key, {}).setdefault(as_of, threading.Lock())
        cached = _ITEMS.get(key, {}).get(as_of)
    if cached is not None and _serves(cached, digest, context, version):
        return cached  # current (or newer): no need to queue behind a computation
    with computing:  # one computation at a time: requests that arrive meanwhile take its result
        with _LOCK:
            cached = _ITEMS.get(key, {}).get(as_of)
        if cached is not None and _serves(cached, digest, context, version):
            return cached
        if cached is None:
            versions = order_versions(ledger) or {}
        else:  # only the items with an audit event since the kept ones (checked against their sums)
            versions = order_versions(ledger, cached.versions, cached.version) or {}
        if cached is None or cached.context != context:
            views = {v.id: v for v in list_orders(ledger, as_of=as_of)}
        else:
            changed = {i for i, v in versions.items() if cached.versions.get(i) != v}
            views = {i: v for i, v in cached.views.items() if i in versions and i not in changed}
            if changed:
                views.update((v.id, v) for v in list_orders(ledger, as_of=as_of, ids=changed))
        fresh = _Items(digest, context, version, versions, views)
        with _LOCK:
            kept = _ITEMS.setdefault(key, {})
            if len(kept) >= MAX_BOARDS and as_of not in kept:
                kept.clear()
            newest = kept.get(as_of)
            if newest is None or newest.version <= version:
                kept[as_of] = fresh
    return fresh


def _serves(cached: _Items, digest: tuple[object, ...], context: tuple[object, ...], version: int) -> bool:
    """Whether ``cached`` answers a unit of work that read ``digest``, ``context`` and ``version``:
    read from the same figures, or at a newer data version."""
    return (cached.context == context and cached.digest == digest) or cached.version > version
