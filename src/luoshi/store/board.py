"""The task board's facts in bulk: every task with its units, progress, milestones and acceptance.

A handful of plain queries (no ORM objects, no query per task), so the board over ten thousand
tasks loads in well under a second. :func:`data_version` and :func:`changed_tasks` tell a cache
when, and for which tasks, those facts changed: every audited write adds an audit event.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from sqlalchemy import event, func, select, true
from sqlalchemy.orm import Session, aliased

from luoshi.store.ledger import Ledger
from luoshi.store.models import (
    Assignment,
    AuditEvent,
    Milestone,
    ProgressReport,
    Quantity,
    Report,
    Task,
    Unit,
)
from luoshi.store.models.calendar import HolidaySchedule
from luoshi.store.models.port import PublicRequest
from luoshi.store.models.supervision import SupervisionOrder, TaskAcceptance, TaskReturn

CHANGES_LIMIT = 500  # more audit events than this since a cached board: rebuild it whole
WROTE = "luoshi.board.wrote"  # session.info flag: this transaction has flushed writes
VERSION = "luoshi.board.version"  # session.info: the data version this transaction read first
CONTEXT = "luoshi.board.items"  # session.info: the items' context this transaction read first
TOUCHED = "luoshi.board.touched"  # session.info: the tables written in a window of audit events
T = TypeVar("T")
# the tables a board row is read from (load_board, and the holidays its clock counts with): a change
# anywhere else (a 督办 step, a notification, a login) leaves every row as it was
BOARD_TABLES = frozenset(
    m.__tablename__
    for m in (
        Task, Assignment, Unit, ProgressReport, Milestone, TaskAcceptance, TaskReturn, Report, Quantity,
        HolidaySchedule,
    )
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ProgressFact:
    id: int
    period: str
    as_of: date
    value: float | None
    done: bool
    reported_at: datetime
    demo: bool
    percent: float | None = None  # self-assessed (0–100)
    percent_checked: float | None = None  # the office's figure


@dataclass(frozen=True, slots=True)
class TaskRecord:
    """One task's stored facts, as the board needs them (assignments in id order)."""

    id: int
    report_id: int
    ordinal: int
    section: str | None
    theme: str | None
    text: str
    indicator: str | None
    target_value: float | None
    target_unit: str | None
    target_modifier: str | None
    deadline: date
    cadence: str
    due_day: int
    starts_on: date
    leads: tuple[tuple[int, str], ...]  # (unit id, unit name)
    cos: tuple[tuple[int, str], ...]
    progress: tuple[ProgressFact, ...]  # in id order
    milestones: tuple[tuple[str, date, date | None], ...]  # (title, due, done on), by due day
    accepted: tuple[date, str] | None  # (accepted on, grade)
    returned: tuple[date, int] | None  # the latest return (退回): (returned on, newest report id then)
    demo_report: bool
    headline: bool
    report_born: tuple[date | None, datetime] | None = None  # the report's (delivered_on, ingested_at)
    returns: tuple[date, ...] = ()  # the days the office returned (退回) a reported finish
    written: str | None = None  # the target as the report wrote it (1100万人): progress is typed so
    year: int | None = None  # the ledger year (the report's, or the next one for a carried task)
    origin_id: int | None = None  # the earlier year's task it continues (结转 or restated)
    parent_id: int | None = None  # 转办: the higher level's task it was handed down from
    handed_to: str = ""  # 转办: the unit (a county) it was handed to
    handed_to_id: int | None = None
    report_unit_id: int | None = None  # the unit (a county) whose own report it comes from


def load_board(ledger: Ledger, task_ids: Iterable[int] | None = None) -> list[TaskRecord]:
    """Every task (or those of ``task_ids``) in report order, with everything the board reads."""
    s = ledger.session
    ids = None if task_ids is None else sorted(set(task_ids))

    def only(stmt: Any, column: Any) -> Any:
        return stmt if ids is None else stmt.where(column.in_(ids))

    units: dict[int, list[tuple[str, int, str]]] = defaultdict(list)
    assignments = select(Assignment.task_id, Assignment.role, Unit.id, Unit.name).join(Unit)
    for task_id, role, unit_id, name in s.execute(
        only(assignments, Assignment.task_id).order_by(Assignment.id)
    ):
        units[task_id].append((role, unit_id, name))
    progress: dict[int, list[ProgressFact]] = defaultdict(list)
    columns = (ProgressReport.period, ProgressReport.as_of, ProgressReport.value, ProgressReport.done,
               ProgressReport.reported_at, ProgressReport.demo, ProgressReport.percent,
               ProgressReport.percent_checked)  # fmt: skip
    stmt = select(ProgressReport.task_id, ProgressReport.id, *columns).order_by(ProgressReport.id)
    for task_id, *fields in s.execute(only(stmt, ProgressReport.task_id)):
        progress[task_id].append(ProgressFact(*fields))
    milestones: dict[int, list[tuple[str, date, date | None]]] = defaultdict(list)
    stones = select(Milestone.task_id, Milestone.title, Milestone.due, Milestone.done_on)
    for task_id, title, due, done_on in s.execute(
        only(stones, Milestone.task_id).order_by(Milestone.due, Milestone.id)
    ):
        milestones[task_id].append((title, due, done_on))
    grades = select(TaskAcceptance.task_id, TaskAcceptance.accepted_on, TaskAcceptance.grade)
    accepted = {t: (on, grade) for t, on, grade in s.execute(only(grades, TaskAcceptance.task_id))}
    backs = select(TaskReturn.task_id, TaskReturn.returned_on, TaskReturn.after_report_id)
    returned: dict[int, tuple[date, int]] = {}
    returns: dict[int, list[date]] = defaultdict(list)
    for t, on, after in s.execute(only(backs, TaskReturn.task_id).order_by(TaskReturn.id)):
        returned[t] = (on, after or 0)
        returns[t].append(on)
    return [
        _record(
            row,
            units[row.id],
            progress[row.id],
            milestones[row.id],
            accepted.get(row.id),
            returned.get(row.id),
            bool(row.report_demo),
            bool(row.headline_target),
            None if row.ingested_at is None else (row.delivered_on, row.ingested_at),
            tuple(returns[row.id]),
            row.written,
            row.year or row.report_year,
            row.handed_name or "",
            row.report_unit_id,
        )
        for row in s.execute(only(_TASKS, Task.id).order_by(Task.report_id, Task.ordinal, Task.id))
    ]


_TASK_COLUMNS = (Task.id, Task.report_id, Task.ordinal, Task.section, Task.theme, Task.text, Task.indicator,
                 Task.target_value, Task.target_unit, Task.target_modifier, Task.deadline, Task.cadence,
                 Task.due_day, Task.starts_on, Task.main_quantity_id, Task.year, Task.origin_id,
                 Task.parent_id, Task.handed_to_id)  # fmt: skip
_HANDED_TO = aliased(Unit)
# a task's columns with its report's, its target quantity's and the unit it was handed to: one query
_TASKS = (
    select(
        *_TASK_COLUMNS,
        Report.demo.label("report_demo"), Report.delivered_on, Report.ingested_at,
        Report.year.label("report_year"), Report.unit_id.label("report_unit_id"),
        Quantity.headline_target, Quantity.written, _HANDED_TO.name.label("handed_name"),
    )
    .outerjoin(Report, Report.id == Task.report_id)
    .outerjoin(Quantity, Quantity.id == Task.main_quantity_id)
    .outerjoin(_HANDED_TO, _HANDED_TO.id == Task.handed_to_id)
)  # fmt: skip


def _record(
    row: Any,
    units: list[tuple[str, int, str]],
    progress: list[ProgressFact],
    milestones: list[tuple[str, date, date | None]],
    accepted: tuple[date, str] | None,
    returned: tuple[date, int] | None,
    demo_report: bool,
    headline: bool,
    born: tuple[date | None, datetime] | None,
    returns: tuple[date, ...],
    written: str | None,
    year: int | None,
    handed_to: str = "",
    report_unit_id: int | None = None,
) -> TaskRecord:
    return TaskRecord(
        row.id,
        row.report_id,
        row.ordinal,
        row.section,
        row.theme,
        row.text,
        row.indicator,
        row.target_value,
        row.target_unit,
        row.target_modifier,
        row.deadline,
        row.cadence,
        row.due_day,
        row.starts_on,
        leads=tuple((u, n) for role, u, n in units if role == "lead"),
        cos=tuple((u, n) for role, u, n in units if role == "co"),
        progress=tuple(progress),
        milestones=tuple(milestones),
        accepted=accepted,
        returned=returned,
        demo_report=demo_report,
        headline=headline,
        report_born=born,
        returns=returns,
        written=written,
        year=year,
        origin_id=row.origin_id,
        parent_id=row.parent_id,
        handed_to=handed_to,
        handed_to_id=row.handed_to_id,
        report_unit_id=report_unit_id,
    )


def data_version(ledger: Ledger) -> int | None:
    """The newest audit event id (every audited write moves it): an exact version, as writers take
    their ids in the order they commit (SQLite's write lock, PostgreSQL's writers' lock:
    :mod:`luoshi.store.db`), so no write lands below a version once read. None while this transaction has
    written (its own, uncommitted data must not be cached as if everyone saw it). Read once per
    transaction: a page asks several caches, and what it reads after is never older than this."""
    info = ledger.session.info
    if info.get(WROTE):
        return None
    found = info.get(VERSION)
    if found is None:
        found = info[VERSION] = int(ledger.session.scalar(select(func.max(AuditEvent.id))) or 0)
    return int(found)


_PER_VERSION: WeakKeyDictionary[object, dict[str, tuple[int, Any]]] = WeakKeyDictionary()
_PER_VERSION_LOCK = threading.Lock()


def per_version(ledger: Ledger, name: str, compute: Callable[[], T], tables: Iterable[str] = ()) -> T:
    """``compute()`` (a small read: the years held, the holiday years, the demo flag) kept per
    database until the data version moves — or, naming the ``tables`` it reads, until a write to
    one of them (:func:`_untouched`); a unit of work that began before a newer value was kept is served the
    newer one (a read never goes back in time). Inside a transaction that has written it is
    computed, and not kept."""
    version = data_version(ledger)
    if version is None:
        return compute()
    key = database_key(ledger)
    with _PER_VERSION_LOCK:
        hit = _PER_VERSION.get(key, {}).get(name)
    if hit is not None and (hit[0] >= version or _untouched(ledger, tables, hit[0], version)):
        value = hit[1]
    else:
        value = compute()  # read after the version: never older than it
    with _PER_VERSION_LOCK:
        kept = _PER_VERSION.setdefault(key, {})
        newest = kept.get(name)
        if newest is None or newest[0] <= version:
            kept[name] = (version, value)
    return value  # type: ignore[no-any-return]


def _untouched(ledger: Ledger, tables: Iterable[str], after: int, upto: int) -> bool:
    """Whether no audited write in ``(after, upto]`` touched ``tables`` (writers commit in the order
    of their audit event ids: nothing lands at or below ``after`` later)."""
    names = sorted(tables)
    if not names:
        return False
    newest = _touched(ledger, after, upto)
    return all(newest.get(name, after) <= after for name in names)


def _touched(ledger: Ledger, since: int, upto: int) -> dict[str, int]:
    """Each table's newest audit event id in ``(since, upto]``: one query per transaction for all
    the small reads that ask (a page asks several), read again only for an earlier ``since``."""
    info = ledger.session.info
    kept: tuple[int, int, dict[str, int]] | None = info.get(TOUCHED)
    if kept is not None and kept[0] <= since and kept[1] == upto:
        return kept[2]
    stmt = (
        select(AuditEvent.entity, func.max(AuditEvent.id))
        .where(AuditEvent.id > since, AuditEvent.id <= upto)
        .group_by(AuditEvent.entity)
    )
    newest = {entity: int(n) for entity, n in ledger.session.execute(stmt)}
    info[TOUCHED] = (since, upto, newest)
    return newest


def order_versions(
    ledger: Ledger, kept: dict[int, int] | None = None, after: int = 0
) -> dict[int, int] | None:
    """Every supervision item's id and version: a step, a response or an edit moves its version
    (appending an event counts it on the item). None while this transaction has written.

    With the versions ``kept`` at data version ``after``, only the items with an audit event since
    are read, with the items' count, newest id and sum of versions in the same statement (one
    snapshot): the result must agree with them (an item deleted or a version missed would not) or
    all are read again, as they are when too much changed."""
    if ledger.session.info.get(WROTE):
        return None
    order = SupervisionOrder
    if kept is not None:
        moved = select(AuditEvent.entity_id).where(
            AuditEvent.id > after, AuditEvent.entity == order.__tablename__
        )
        found = (
            select(order.id, order.version)
            .where(order.id.in_(moved.scalar_subquery()))
            .limit(CHANGES_LIMIT + 1)
        ).subquery()
        totals = select(
            func.count(order.id).label("n"),
            func.max(order.id).label("top"),
            func.sum(order.version).label("sum"),
        ).subquery()
        joined = select(totals.c.n, totals.c.top, totals.c.sum, found.c.id, found.c.version).select_from(
            totals.outerjoin(found, true())
        )
        rows = ledger.session.execute(joined).all()
        moved_versions = {r.id: r.version for r in rows if r.id is not None}
        if len(moved_versions) <= CHANGES_LIMIT:
            versions = {**kept, **moved_versions}
            if _digest(versions) == (rows[0].n, rows[0].top, rows[0].sum):
                return versions
    return {i: v for i, v in ledger.session.execute(select(order.id, order.version))}


def _digest(versions: dict[int, int]) -> tuple[object, ...]:
    """The items' count, newest id and sum of versions, as SQL's aggregates give them, of ``versions``."""
    if not versions:
        return (0, None, None)
    return (len(versions), max(versions), sum(versions.values()))


def items_context(ledger: Ledger) -> tuple[tuple[object, ...], tuple[object, ...]] | None:
    """What the supervision items' clocks are computed from, in one query of aggregates: (the
    items' own: count, newest id, sum of versions — a step moves its item's version; what every
    clock reads besides: the units (names), the holiday years and the port requests, an item's
    feedback). None while this transaction has written."""
    info = ledger.session.info
    if info.get(WROTE):
        return None
    if CONTEXT in info:  # read once per transaction, like the data version
        return info[CONTEXT]  # type: ignore[no-any-return]

    def of(*columns: Any) -> list[Any]:
        return [select(c).scalar_subquery() for c in columns]

    order = SupervisionOrder
    orders = (func.count(order.id), func.max(order.id), func.sum(order.version))
    values = ledger.session.execute(
        select(
            *of(*orders),
            *of(func.count(Unit.id), func.sum(Unit.version)),
            *of(func.count(HolidaySchedule.id), func.sum(HolidaySchedule.version)),
            *of(func.count(PublicRequest.id), func.sum(PublicRequest.version), func.max(PublicRequest.id)),
        )
    ).one()
    found = info[CONTEXT] = (tuple(values[:3]), tuple(values[3:]))
    return found


def database_key(ledger: Ledger) -> object:
    """The database the ledger reads (one cache per engine)."""
    return ledger.session.get_bind().engine


def changed_tasks(ledger: Ledger, after: int, upto: int) -> set[int] | None:
    """Tasks touched by the audit events in ``(after, upto]`` on the board's tables; None if one
    touched no single task (a unit renamed, a report relabelled) or there are too many to patch a
    board row by row. Events on other tables (a supervision item's step) change no row. Writers
    commit in the order of their audit event ids (:func:`data_version`): no event at or below
    ``after`` lands later, so none is read again."""
    stmt = (
        select(AuditEvent.task_id)
        .where(AuditEvent.id > after, AuditEvent.id <= upto, AuditEvent.entity.in_(BOARD_TABLES))
        .limit(CHANGES_LIMIT + 1)
    )
    found = list(ledger.session.scalars(stmt))
    if len(found) > CHANGES_LIMIT or any(t is None for t in found):
        return None
    return {t for t in found if t is not None}


@event.listens_for(Session, "after_flush")
def _mark_written(session: Session, context: Any) -> None:
    session.info[WROTE] = True


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _clear_written(session: Session) -> None:
    for key in (WROTE, VERSION, CONTEXT, TOUCHED):
        session.info.pop(key, None)


@event.listens_for(Session, "after_begin")
def _new_transaction(session: Session, transaction: Any, connection: Any) -> None:
    session.info.pop(VERSION, None)  # a new transaction reads the version and the items afresh
    session.info.pop(CONTEXT, None)
    session.info.pop(TOUCHED, None)
