"""Who sees what (上下联动): one user's :class:`Scope`, derived once from their unit and applied by
every list, page, export and score, so a county's users see their county's ledger and what was
handed to it, and a city user sees everything.

The rule is :func:`luoshi.supervise.permissions.visible_scope` (which units) and
:func:`~luoshi.supervise.permissions.in_scope` (is a record with these units inside). Everything
here applies that one rule to a kind of record: a task (its lead and co-units, the county it was
handed to), a supervision item (its lead and co-units), a port request (its item or its task), a
report (the unit it belongs to, or a task of it inside), a unit, a user (their unit). A record
outside the scope is reported as not existing (:class:`NotFoundError`, 404 on the web), never as
forbidden, so a county never learns what another county holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from luoshi.errors import FieldError, NotFoundError, PermissionDenied, ValidationError
from luoshi.store.ledger import Ledger
from luoshi.store.models import Evidence, ProgressReport, Report, Task, Unit, User
from luoshi.store.models.closure import DeadlineExtension
from luoshi.store.models.port import ModelCase, PublicRequest
from luoshi.store.models.supervision import SupervisionOrder
from luoshi.store.scope import report_regions, reports_of, task_place, tasks_of, unit_tree
from luoshi.supervise.permissions import COUNTY_LEVELS, in_scope, visible_scope


class Scoped(Protocol):
    """A row that names its units (a board row, an item row)."""

    @property
    def unit_ids(self) -> Iterable[int]: ...


R = TypeVar("R", bound=Scoped)


class Identified(Protocol):
    @property
    def id(self) -> int: ...


T = TypeVar("T", bound=Identified)


@dataclass(frozen=True, slots=True)
class Scope:
    """The units a user sees (``None``: every unit, the city level), the county at their root and
    the county's own reports (:func:`owner_id` inside: their tasks are the county's, assigned or not)."""

    units: frozenset[int] | None = None
    county: int | None = None
    reports: frozenset[int] = frozenset()

    @property
    def everything(self) -> bool:
        return self.units is None

    @property
    def key(self) -> str:
        """A cache key: ``all``, or the county's units and own reports."""
        if self.units is None:
            return "all"
        return ",".join(map(str, sorted(self.units))) + "|" + ",".join(map(str, sorted(self.reports)))

    def sees(
        self, unit_ids: Iterable[int], handed_to_id: int | None = None, report_id: int | None = None
    ) -> bool:
        """Whether a record with these units (and, for a task, the county it was handed to or the
        report it comes from) is inside."""
        return in_scope(self.units, unit_ids, handed_to_id) or report_id in self.reports

    def sees_unit(self, unit_id: int | None) -> bool:
        """Whether one unit is inside (a record of no unit is the city's: only the city sees it)."""
        return self.units is None or (unit_id is not None and unit_id in self.units)

    def only(self, rows: Sequence[R]) -> list[R]:
        """The rows inside the scope; a board row's ``handed_to_id`` and ``report_id`` count too."""
        if self.units is None:
            return list(rows)
        return [
            r for r in rows
            if self.sees(r.unit_ids, getattr(r, "handed_to_id", None), getattr(r, "report_id", None))
        ]  # fmt: skip

    def require(self, visible: bool, label: str, ident: int | str) -> None:
        """Raise the same :class:`NotFoundError` as a missing record unless ``visible``."""
        if not visible:
            raise NotFoundError(f"{label} {ident} 不存在")


EVERYTHING = Scope()


def scope_of(ledger: Ledger, unit_id: int | None) -> Scope:
    """The scope of a user of ``unit_id``: everything at the city level (no unit, or a unit in no
    county), else the county at or above the unit and every unit below it (read as plain columns:
    it runs on every request of a county's user)."""
    if unit_id is None:
        return EVERYTHING
    rows = unit_tree(ledger)
    parents = {r.id: r.parent_id for r in rows}
    kinds = {r.id: r.kind for r in rows}
    seen = visible_scope(unit_id, parents, kinds)
    if seen is None:
        return EVERYTHING
    county = next(u for u in seen if kinds.get(u) in COUNTY_LEVELS and parents.get(u) not in seen)
    names = unit_names(rows)
    reports = report_regions(ledger)
    return Scope(seen, county, frozenset(r.id for r in reports if owner_id(r, names) in seen))


def report_scope(ledger: Ledger, report_id: int) -> Scope:
    """The scope of the unit a report belongs to (:func:`owner_id`): a county's own report is the
    county's, any other report everyone's."""
    report = ledger.get(Report, report_id)
    return scope_of(ledger, owner_id(report, unit_names(unit_tree(ledger))))


def county_scope(ledger: Ledger, name: str) -> Scope:
    """The scope of a county named by code, name or alias (``luoshi review --county``, the public
    page's ``?county=``); a unit that is no county, district or zone is refused."""
    from luoshi.supervise.units import find_unit

    unit = find_unit(ledger, name.strip())
    if unit.kind not in COUNTY_LEVELS:
        raise ValidationError(f"{unit.name} 不是县（区）级单位")
    return scope_of(ledger, unit.id)


def counties(ledger: Ledger) -> list[Unit]:
    """The active county-, district- and zone-kind units, in catalogue order (the public page's choice)."""
    return [u for u in ledger.all(Unit, order_by="position,id") if u.active and u.kind in COUNTY_LEVELS]


def city_rows(ledger: Ledger, rows: Sequence[R]) -> list[R]:
    """The city's own rows (its public page): neither handed down (转办, their state is in their
    parent's roll-up) nor wholly inside a county (a county's own work, on the county's page)."""
    inside: set[int] = set()
    reports: set[int] = set()
    for county in counties(ledger):
        seen = scope_of(ledger, county.id)
        inside |= seen.units or frozenset()
        reports |= seen.reports
    return [
        r for r in rows
        if getattr(r, "handed_to_id", None) is None and getattr(r, "report_id", None) not in reports
        and not (set(r.unit_ids) and set(r.unit_ids) <= inside)
    ]  # fmt: skip


def task_ids(ledger: Ledger, scope: Scope) -> frozenset[int] | None:
    """The tasks inside the scope (None: all): a unit of theirs (any assignment), the county they
    were handed to or their report is inside — :meth:`Scope.sees` on the board rows, as a query."""
    if scope.units is None:
        return None
    return tasks_of(ledger, scope.units, scope.reports)


def scoped_board(ledger: Ledger, rows: Sequence[T], scope: Scope) -> list[T]:
    """Task rows (the engine's board, the review's) inside the scope, by :func:`task_ids`."""
    ids = task_ids(ledger, scope)
    return list(rows) if ids is None else [r for r in rows if r.id in ids]


def sees_task(ledger: Ledger, scope: Scope, task_id: int) -> bool:
    if scope.units is None:
        return True
    units, handed_to_id, report_id = task_place(ledger, task_id)
    return scope.sees(units, handed_to_id, report_id)


def item_units(order: SupervisionOrder) -> list[int]:
    return [order.lead_unit_id, *order.co_unit_ids]


def sees_item(ledger: Ledger, scope: Scope, item_id: int) -> bool:
    return scope.units is None or scope.sees(item_units(ledger.get(SupervisionOrder, item_id)))


def sees_request(ledger: Ledger, scope: Scope, row: PublicRequest) -> bool:
    """A port request is inside when the item it became, or the task it concerns, is."""
    if scope.units is None:
        return True
    if row.order_id is not None and sees_item(ledger, scope, row.order_id):
        return True
    return row.task_id is not None and sees_task(ledger, scope, row.task_id)


def requests_seen(ledger: Ledger, scope: Scope, rows: Sequence[PublicRequest]) -> list[PublicRequest]:
    """Port requests inside the scope (:func:`sees_request`), checked together."""
    if scope.units is None:
        return list(rows)
    tasks = task_ids(ledger, scope) or frozenset()
    items = {o.id for o in ledger.all(SupervisionOrder) if scope.sees(item_units(o))}
    return [r for r in rows if r.order_id in items or r.task_id in tasks]


class Named(Protocol):
    """A unit's id, name and aliases (a row or a query's columns)."""

    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def aliases(self) -> list[str]: ...


class Regional(Protocol):
    """A report's region and unit (a row or a query's columns)."""

    @property
    def region(self) -> str: ...

    @property
    def unit_id(self) -> int | None: ...


def unit_names(units: Iterable[Named]) -> dict[str, int]:
    """Every unit's name and alias → its id (names are unique across the catalogue)."""
    return {name: u.id for u in units for name in (u.name, *(u.aliases or []))}


def owner_id(report: Regional, names: dict[str, int]) -> int | None:
    """The unit a report belongs to: its stored unit (``luoshi ingest --unit``, the upload's 所属单位),
    else the catalogue unit its region names (by name or alias, as the target chain maps it;
    ``names`` from :func:`unit_names`) — a ledger from before reports had units."""
    return report.unit_id if report.unit_id is not None else names.get(report.region)


def require_region(ledger: Ledger, scope: Scope, region: str, *, owned: bool = False) -> None:
    """A county's office stores only its own county's reports: a region inside its scope, or
    (``owned``: the report is tied to a unit of the county) a region the catalogue does not name."""
    if scope.units is None:
        return
    unit = unit_names(ledger.all(Unit)).get(region)
    if not scope.sees_unit(unit) and not (owned and unit is None):
        raise ValidationError(f"只能上传本县（区）的报告：{region} 不在本县（区）")


def require_own_report(scope: Scope, report_id: int) -> None:
    """A whole-report step (自动建议分工) by a county's office: only on the county's own reports."""
    if scope.units is not None and report_id not in scope.reports:
        raise ValidationError("县（区）只能对本县（区）的报告整体操作")


def report_ids(ledger: Ledger, scope: Scope) -> frozenset[int] | None:
    """The reports inside the scope (None: all): those of a unit inside, and those holding a task
    inside (the city's report a task was handed down from, so its text can be read)."""
    if scope.units is None:
        return None
    tasks = task_ids(ledger, scope) or frozenset()
    holding = reports_of(ledger, tasks)
    return scope.reports | holding


def sees_report(ledger: Ledger, scope: Scope, report_id: int) -> bool:
    ledger.get(Report, report_id)  # a missing one is missing whoever asks
    ids = report_ids(ledger, scope)
    return ids is None or report_id in ids


def sees_user(scope: Scope, user: User) -> bool:
    """A county's office sees its county's users; a user of no unit is the city's."""
    return scope.sees_unit(user.unit_id)


def require_task(ledger: Ledger, scope: Scope, task_id: int) -> None:
    scope.require(sees_task(ledger, scope, task_id), Task.__label__, task_id)


def require_item(ledger: Ledger, scope: Scope, item_id: int) -> None:
    scope.require(sees_item(ledger, scope, item_id), SupervisionOrder.__label__, item_id)


def require_report(ledger: Ledger, scope: Scope, report_id: int) -> None:
    scope.require(sees_report(ledger, scope, report_id), Report.__label__, report_id)


def require_unit(ledger: Ledger, scope: Scope, unit_id: int) -> None:
    ledger.get(Unit, unit_id)
    scope.require(scope.sees_unit(unit_id), Unit.__label__, unit_id)


def require_request(ledger: Ledger, scope: Scope, request_id: int) -> None:
    row = ledger.get(PublicRequest, request_id)
    scope.require(sees_request(ledger, scope, row), PublicRequest.__label__, request_id)


def require_user(ledger: Ledger, scope: Scope, username: str) -> None:
    user = ledger.find(User, username=username)
    scope.require(user is not None and sees_user(scope, user), User.__label__, username)


def require_unit_code(ledger: Ledger, scope: Scope, code: str) -> None:
    unit = ledger.find(Unit, code=code)
    scope.require(unit is not None and scope.sees_unit(unit.id), Unit.__label__, code)


def require_progress(ledger: Ledger, scope: Scope, report_id: int) -> None:
    require_task(ledger, scope, ledger.get(ProgressReport, report_id).task_id)


def require_evidence(ledger: Ledger, scope: Scope, evidence_id: int) -> None:
    require_progress(ledger, scope, ledger.get(Evidence, evidence_id).progress_report_id)


def sees_extension(ledger: Ledger, scope: Scope, task_id: int | None, order_id: int | None) -> bool:
    """A 延期申请 is inside when its task or its item is."""
    if scope.units is None:
        return True
    if task_id is not None:
        return sees_task(ledger, scope, task_id)
    return order_id is not None and sees_item(ledger, scope, order_id)


def units_named(ledger: Ledger, scope: Scope) -> frozenset[str] | None:
    """The names of the units inside (None: every unit) — for records that carry a unit's name."""
    if scope.units is None:
        return None
    return frozenset(u.name for u in ledger.all(Unit) if scope.sees_unit(u.id))


def require_everything(scope: Scope, step: str) -> None:
    """A step over the whole deployment (closing a year, linking years) is the city office's."""
    if scope.units is not None:
        raise PermissionDenied(f"{step}由市级督查室办理，县（区）用户不能操作")


def require_extension(ledger: Ledger, scope: Scope, extension_id: int) -> None:
    row = ledger.get(DeadlineExtension, extension_id)
    if row.task_id is not None:
        require_task(ledger, scope, row.task_id)
    if row.order_id is not None:
        require_item(ledger, scope, row.order_id)


def require_case(ledger: Ledger, scope: Scope, case_id: int) -> None:
    scope.require(scope.sees_unit(ledger.get(ModelCase, case_id).unit_id), ModelCase.__label__, case_id)


# a collection as addresses name it → how one of its records is checked (by id, or by code/username)
_BY_ID: dict[str, Callable[[Ledger, Scope, int], None]] = {
    "tasks": require_task, "items": require_item, "reports": require_report, "units": require_unit,
    "requests": require_request, "progress": require_progress, "evidence": require_evidence,
    "extensions": require_extension, "cases": require_case,
}  # fmt: skip
_BY_KEY: dict[str, Callable[[Ledger, Scope, str], None]] = {"units": require_unit_code, "users": require_user}


def require_record(ledger: Ledger, scope: Scope, collection: str, key: int | str) -> None:
    """Raise :class:`NotFoundError` when the record ``key`` of ``collection`` is outside the scope:
    by id (an int) ``tasks``, ``items``, ``reports``, ``units``, ``requests``, ``progress``,
    ``evidence``, ``extensions``, ``cases``; by key (a str) ``units`` (code) and ``users``
    (username). Other collections pass."""
    if scope.units is None:
        return
    if isinstance(key, int):
        if collection in _BY_ID:
            _BY_ID[collection](ledger, scope, key)
    elif collection in _BY_KEY:
        _BY_KEY[collection](ledger, scope, key)


def require_inside(ledger: Ledger, scope: Scope, field: str, key: str) -> None:
    """A county's office names only its own county's units in a write (an assignment's lead or
    co-unit, an item's, a new unit's parent, a new account's unit): one outside is refused as if it
    did not exist, and a blank one (the city level) is refused too. Nothing is checked for the city."""
    if scope.units is None:
        return
    from luoshi.supervise.units import find_unit

    if not key.strip():
        raise FieldError(field, "请选择本县（区）的单位")
    if not scope.sees_unit(find_unit(ledger, key.strip()).id):
        raise FieldError(field, f"找不到单位：{key.strip()}")


def units_seen(ledger: Ledger, scope: Scope) -> list[Unit]:
    """The catalogue (position order) as the scope sees it: a county's office, its own subtree."""
    return [u for u in ledger.all(Unit, order_by="position,id", load=["parent"]) if scope.sees_unit(u.id)]
