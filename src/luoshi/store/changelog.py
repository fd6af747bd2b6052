"""One log line per committed change of an audited row (logger ``luoshi.change``).

The audit trail in the database is the record; these lines put the same facts (who, what, which
row) into the server log, next to the request that made them. Rolled-back changes are not logged.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, UOWTransaction, sessionmaker

from luoshi.store.models import Base

log = logging.getLogger("luoshi.change")
PENDING = "luoshi.changes"


def install_change_log(factory: sessionmaker[Session]) -> None:
    event.listen(factory, "after_flush", _collect)
    event.listen(factory, "after_commit", _emit)
    event.listen(factory, "after_rollback", _discard)


def _collect(session: Session, context: UOWTransaction) -> None:
    pending: list[tuple[str, str, Any]] = session.info.setdefault(PENDING, [])
    for action, objects in (("insert", session.new), ("update", session.dirty), ("delete", session.deleted)):
        changed = [o for o in objects if action != "update" or session.is_modified(o)]
        pending += [(action, o.__tablename__, getattr(o, "id", None)) for o in changed if _audited(o)]


def _audited(obj: object) -> bool:
    return isinstance(obj, Base) and bool(type(obj).__audited__)


def _emit(session: Session) -> None:
    actor = str(session.info.get("actor", "system"))
    for action, entity, ident in session.info.pop(PENDING, []):
        fields = {"actor": actor, "action": action, "entity": entity, "entity_id": ident}
        log.info("%s %s#%s by %s", action, entity, ident, actor, extra=fields)


def _discard(session: Session) -> None:
    session.info.pop(PENDING, None)
