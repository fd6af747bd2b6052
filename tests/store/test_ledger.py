from __future__ import annotations

from datetime import date

import pytest

from luoshi.errors import ConflictError, NotFoundError
from luoshi.store.db import Database
from luoshi.store.ledger import Ledger
from luoshi.store.models import AuditEvent, Unit
from luoshi.supervise.clock import FixedClock


def _unit(code: str = "fgw", name: str = "市发展改革委") -> Unit:
    return Unit(code=code, name=name, kind="department", aliases=[], keywords=["项目"])


def test_every_change_becomes_an_audit_event(ledger: Ledger) -> None:
    unit = ledger.add(_unit())
    unit.keywords = ["项目", "投资"]
    ledger.flush()
    ledger.delete(unit)
    events = ledger.events(entity="units", entity_id=unit.id)
    assert [e.action for e in events] == ["insert", "update", "delete"]
    assert all(e.actor == "tester" for e in events)
    assert events[0].at.date() == date(2023, 6, 15)
    assert events[0].before is None and events[0].after is not None
    assert events[0].after["name"] == "市发展改革委"
    assert events[1].before == {"keywords": ["项目"], "version": 1}
    assert events[1].after == {"keywords": ["项目", "投资"], "version": 2}
    assert events[2].before is not None and events[2].after is None


def test_audit_events_cannot_be_changed_through_the_session(ledger: Ledger) -> None:
    ledger.add(_unit())
    event = ledger.all(AuditEvent)[0]
    event.actor = "someone else"
    with pytest.raises(ConflictError):
        ledger.flush()
    ledger.session.rollback()


def test_get_missing_row_is_a_not_found_error(ledger: Ledger) -> None:
    with pytest.raises(NotFoundError, match="单位 99 不存在"):
        ledger.get(Unit, 99)


def test_stale_write_is_refused(database: Database) -> None:
    clock = FixedClock.on(date(2023, 3, 1))
    with database.ledger(actor="a", clock=clock) as led:
        unit_id = led.add(_unit()).id
    # the second reads through reader() (deferred on SQLite): a second IMMEDIATE session in the same
    # thread would wait for the first one's write lock
    first, second = database.session(), database.reader().session()
    one = Ledger(first, actor="a", clock=clock).get(Unit, unit_id)
    two = Ledger(second, actor="b", clock=clock).get(Unit, unit_id)
    one.keywords = ["one"]
    first.commit()
    two.keywords = ["two"]
    with pytest.raises(ConflictError):
        Ledger(second, actor="b", clock=clock).commit()
    first.close()
    second.close()
    with database.ledger(actor="c", clock=clock) as led:
        assert led.get(Unit, unit_id).keywords == ["one"]
        assert led.get(Unit, unit_id).version == 2
        with pytest.raises(ConflictError):
            led.get(Unit, unit_id, version=1)


def test_unique_names_are_conflicts(ledger: Ledger) -> None:
    ledger.add(_unit())
    with pytest.raises(ConflictError):
        ledger.add(_unit(code="other"))


def test_secrets_are_masked_in_the_audit_trail(ledger: Ledger) -> None:
    from luoshi.store.models import User

    user = ledger.add(User(username="zhang", role="reporter", password_hash="$argon2id$v=19$secret"))
    user.password_hash = "$argon2id$v=19$changed"
    ledger.flush()
    inserted, updated = ledger.events(entity="users", entity_id=user.id)
    assert inserted.after is not None and inserted.after["password_hash"] == "***"
    assert updated.before == {"password_hash": "***", "version": 1}
    assert updated.after == {"password_hash": "***", "version": 2}
    assert inserted.after["username"] == "zhang"
