"""The full role × action × ownership matrix, written out as a table a reader can check."""

from __future__ import annotations

import pytest

from luoshi.errors import PermissionDenied
from luoshi.supervise.permissions import Action, Ownership, Role, allowed, ownership_of, require

A, L, R, P = Role.OFFICE, Role.LEADER, Role.REPORTER, Role.PUBLIC
OWN, OTHER, NONE = Ownership.OWN, Ownership.OTHER, Ownership.NONE

# action → the (role, ownership) pairs that are allowed; every other pair is refused.
EXPECTED: dict[Action, set[tuple[Role, Ownership]]] = {
    Action.VIEW_PUBLIC: {(r, o) for r in Role for o in Ownership},
    Action.VIEW_INTERNAL: {(r, o) for r in (A, L, R) for o in Ownership},
    Action.REPORT_PROGRESS: {(A, OWN), (A, OTHER), (A, NONE), (R, OWN)},
    Action.RESPOND_ITEM: {(A, OWN), (A, OTHER), (A, NONE), (R, OWN)},
    Action.DOWNLOAD_EVIDENCE: {(r, o) for r in (A, L) for o in Ownership} | {(R, OWN)},
    Action.ACCEPT: {(A, o) for o in Ownership},
    Action.RETURN_TASK: {(A, o) for o in Ownership},
    Action.RAISE_ITEM: {(A, o) for o in Ownership},
    Action.ASSIGN: {(A, o) for o in Ownership},
    Action.INGEST: {(A, o) for o in Ownership},
    Action.ENTER_OUTCOME: {(A, o) for o in Ownership},
    Action.IMPORT_LEDGER: {(A, o) for o in Ownership} | {(R, OWN), (R, NONE)},
    Action.MANAGE_USERS: {(A, o) for o in Ownership},
    Action.TRIAGE_REQUEST: {(A, o) for o in Ownership},
    Action.MARK_CASE: {(A, o) for o in Ownership},
    Action.MANAGE_UNITS: {(A, o) for o in Ownership},
    Action.PRINT: {(r, o) for r in (A, L) for o in Ownership},
}

MATRIX = [(role, action, own) for action in Action for role in Role for own in Ownership]


def test_every_action_has_expectations() -> None:
    assert set(EXPECTED) == set(Action)


@pytest.mark.parametrize(("role", "action", "ownership"), MATRIX, ids=lambda v: str(v))
def test_matrix(role: Role, action: Action, ownership: Ownership) -> None:
    expected = (role, ownership) in EXPECTED[action]
    assert allowed(role, action, ownership) is expected
    if expected:
        require(role, action, ownership)
    else:
        with pytest.raises(PermissionDenied):
            require(role, action, ownership)


@pytest.mark.parametrize(
    ("user_unit", "record_units", "expected"),
    [(1, {1, 2}, OWN), (3, {1, 2}, OTHER), (None, {1}, OTHER), (1, set(), OTHER)],
)
def test_ownership_of(user_unit: int | None, record_units: set[int], expected: Ownership) -> None:
    assert ownership_of(user_unit, record_units) is expected
