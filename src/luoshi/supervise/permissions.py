"""Who may do what: the one place permissions are decided.

A pure function of role × action × ownership. Routes, the CLI and the services ask
:func:`allowed` (or :func:`require`, which raises) and never decide on their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum

from luoshi.errors import PermissionDenied


class Role(StrEnum):
    OFFICE = "admin"  # 督查室: the supervision office, administers everything
    LEADER = "leader"  # 领导: reads everything, changes nothing
    REPORTER = "reporter"  # 单位填报员: edits only its own unit's tasks and items
    PUBLIC = "public"  # anyone, not logged in


class Action(StrEnum):
    VIEW_PUBLIC = "view_public"  # targets and status, no internal notes
    VIEW_INTERNAL = "view_internal"  # ledger, reports, timelines, notes
    REPORT_PROGRESS = "report_progress"  # file a progress report with evidence
    RESPOND_ITEM = "respond_item"  # respond to a supervision item
    DOWNLOAD_EVIDENCE = "download_evidence"
    ACCEPT = "accept"  # accept or return progress / a closure
    RETURN_TASK = "return_task"  # send a task reported done back to its unit (退回重办)
    RAISE_ITEM = "raise_item"  # raise a supervision item
    ASSIGN = "assign"  # assign units to tasks
    INGEST = "ingest"  # store a report
    ENTER_OUTCOME = "enter_outcome"  # record an outcome a report does not state (with its source)
    IMPORT_LEDGER = "import_ledger"  # import progress from xlsx
    MANAGE_USERS = "manage_users"
    TRIAGE_REQUEST = "triage_request"  # accept, merge, refer or reject a request from the port
    MARK_CASE = "mark_case"  # mark, publish or withdraw a model case (示范案例)
    MANAGE_UNITS = "manage_units"  # add, rename, alias, disable units
    PRINT = "print"  # download 督办通知单, 催办通知, 督查通报 (.docx)


class Ownership(StrEnum):
    """How the acting user relates to the record acted on."""

    OWN = "own"  # the record belongs to the user's unit
    OTHER = "other"  # it belongs to another unit (or to none)
    NONE = "none"  # the action concerns no particular record


_EVERYONE = frozenset(Role)
_INSIDERS = frozenset({Role.OFFICE, Role.LEADER, Role.REPORTER})
_OFFICE = frozenset({Role.OFFICE})

# action → roles allowed regardless of ownership
_ANY_RECORD: dict[Action, frozenset[Role]] = {
    Action.VIEW_PUBLIC: _EVERYONE,
    Action.VIEW_INTERNAL: _INSIDERS,
    Action.REPORT_PROGRESS: _OFFICE,
    Action.RESPOND_ITEM: _OFFICE,
    Action.DOWNLOAD_EVIDENCE: frozenset({Role.OFFICE, Role.LEADER}),
    Action.ACCEPT: _OFFICE,
    Action.RETURN_TASK: _OFFICE,
    Action.RAISE_ITEM: _OFFICE,
    Action.ASSIGN: _OFFICE,
    Action.INGEST: _OFFICE,
    Action.ENTER_OUTCOME: _OFFICE,
    Action.IMPORT_LEDGER: _OFFICE,
    Action.MANAGE_USERS: _OFFICE,
    Action.TRIAGE_REQUEST: _OFFICE,
    Action.MARK_CASE: _OFFICE,
    Action.MANAGE_UNITS: _OFFICE,
    Action.PRINT: frozenset({Role.OFFICE, Role.LEADER}),
}

# action → roles allowed only on their own unit's records
_OWN_RECORD: dict[Action, frozenset[Role]] = {
    Action.REPORT_PROGRESS: frozenset({Role.REPORTER}),
    Action.RESPOND_ITEM: frozenset({Role.REPORTER}),
    Action.DOWNLOAD_EVIDENCE: frozenset({Role.REPORTER}),
    Action.IMPORT_LEDGER: frozenset({Role.REPORTER}),
}


def allowed(role: Role, action: Action, ownership: Ownership = Ownership.NONE) -> bool:
    """Whether ``role`` may perform ``action`` on a record with this ``ownership``."""
    if role in _ANY_RECORD[action]:
        return True
    if ownership is Ownership.NONE and action is Action.IMPORT_LEDGER:
        return role in _OWN_RECORD[action]  # may open the import; each row is then checked as OWN
    return ownership is Ownership.OWN and role in _OWN_RECORD.get(action, frozenset())


def require(role: Role, action: Action, ownership: Ownership = Ownership.NONE) -> None:
    """Raise :class:`PermissionDenied` unless :func:`allowed`."""
    if not allowed(role, action, ownership):
        raise PermissionDenied("无权执行此操作")


def ownership_of(user_unit_id: int | None, record_unit_ids: set[int] | frozenset[int]) -> Ownership:
    """OWN when the user's unit is among the record's (lead or co-) units."""
    if user_unit_id is not None and user_unit_id in record_unit_ids:
        return Ownership.OWN
    return Ownership.OTHER


COUNTY_LEVELS = ("county", "district", "zone")  # a user inside one of these sees that county only


def visible_scope(
    user_unit_id: int | None, parents: Mapping[int, int | None], kinds: Mapping[int, str]
) -> frozenset[int] | None:
    """The units whose tasks a user sees (上下联动): ``None`` — everything — for a user at the city
    level (no unit, or a unit in no county); else the units of the user's county: the nearest
    county-, district- or zone-kind unit at or above the user's unit, and everything below it."""
    county, seen = user_unit_id, set()
    while county is not None and county not in seen and kinds.get(county) not in COUNTY_LEVELS:
        seen.add(county)
        county = parents.get(county)
    if county is None or county in seen:
        return None
    children: dict[int, list[int]] = {}
    for unit, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(unit)
    scope, stack = {county}, [county]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in scope:
                scope.add(child)
                stack.append(child)
    return frozenset(scope)


def in_scope(
    scope: frozenset[int] | None,
    unit_ids: Iterable[int],
    handed_to_id: int | None = None,
    report_unit_id: int | None = None,
) -> bool:
    """Whether a task (its lead and co-units, the county it was handed to, the county whose own
    report it comes from) is within ``scope``."""
    if scope is None or handed_to_id in scope or report_unit_id in scope:
        return True
    return any(u in scope for u in unit_ids)
