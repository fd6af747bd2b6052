"""The unit of work that services use: typed look-ups and writes over one session, errors translated.

Services outside ``store/`` never import SQLAlchemy; they receive a :class:`Ledger`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.orm.exc import StaleDataError

from luoshi.calendar import Calendar, HolidayYear
from luoshi.clock import Clock
from luoshi.errors import ConflictError, NotFoundError
from luoshi.store.models import AuditEvent, Base

M = TypeVar("M", bound=Base)

STALE_MESSAGE = "记录已被他人修改，请刷新后重试"


BUSY = "数据库繁忙，请稍后重试"  # a writer that waited past its queue's limit (both backends)
LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE when lock_timeout runs out
SERIALIZATION_FAILURE = "40001"  # PostgreSQL's SQLSTATE for "could not serialize access"


class Ledger:
    """One session with an actor (for audit events), a clock, the working-day calendar and the report
    year that boards, lists, reviews and scores are scoped to (``year``; None: the default year)."""

    def __init__(self, session: Session, *, actor: str, clock: Clock, year: int | None = None) -> None:
        self.session = session
        self.actor = actor
        self.clock = clock
        self.year_asked = year
        self._calendar: Calendar | None = None
        self._years: list[int] | None = None
        session.info["actor"] = actor
        session.info["clock"] = clock

    @property
    def calendar(self) -> Calendar:
        """Working days with this ledger's imported holiday years (read once per data version)."""
        if self._calendar is None:
            self._calendar = Calendar(self.holiday_years)
        return self._calendar

    @property
    def holiday_years(self) -> dict[int, HolidayYear]:
        """The imported holiday years (:func:`luoshi.store.calendar.imported_years`), read once per
        data version or until one is imported."""
        from luoshi.store.board import per_version
        from luoshi.store.calendar import imported_years

        years: dict[int, HolidayYear] = per_version(
            self, "holiday-years", lambda: imported_years(self.session), ["holiday_schedules"]
        )
        return years

    @property
    def years(self) -> list[int]:
        """The report years the ledger holds (read once per data version), ascending."""
        if self._years is None:
            from luoshi.store.board import per_version
            from luoshi.store.years import ledger_years

            self._years = list(
                per_version(self, "years", lambda: ledger_years(self.session), ["tasks", "reports"])
            )
        return self._years

    @property
    def year(self) -> int:
        """The report year this unit of work looks at: the one asked for, else the latest year adopted
        by the clock's today (see :func:`luoshi.store.years.default_year`)."""
        if self.year_asked is not None:
            return self.year_asked
        from luoshi.store.years import default_year

        return default_year(self.years, self.clock.today().year)

    def calendar_warning(self, day: date | None = None) -> str | None:
        """The calendar's warning if this unit of work counted days in an estimated year (or ``day``,
        a date asked about, and the due dates it can reach fall in one), else None."""
        if self._calendar is None and day is None:
            return None
        return self.calendar.warning(day)

    def forget_calendar(self) -> None:
        """Read the imported years again (after an import in this unit of work)."""
        self._calendar = None

    def get(self, model: type[M], ident: int, *, version: int | None = None, load: Sequence[str] = ()) -> M:
        """The row with this id; NotFoundError if none, ConflictError if ``version`` is stale;
        ``load`` as for :meth:`all`."""
        obj = self.session.get(model, ident, options=[_eager(model, path) for path in load])
        if obj is None:
            raise NotFoundError(f"{model.__label__ or model.__tablename__} {ident} 不存在")
        if version is not None and getattr(obj, "version", version) != version:
            raise ConflictError(STALE_MESSAGE)
        return obj

    def find(self, model: type[M], **equals: Any) -> M | None:
        """The first row whose columns equal ``equals`` (by id), or None."""
        return self.session.scalars(self._select(model, equals).limit(1)).first()

    def all(
        self, model: type[M], *, order_by: str = "id", load: Sequence[str] = (), **equals: Any
    ) -> list[M]:
        """Rows whose columns equal ``equals``; a list value means "one of".

        ``load`` names relationships to fetch up front (``"assignments"``, ``"assignments.unit"``),
        so a loop over the rows does not query once per row: each in a query of its own, or,
        written ``=name`` (``"=milestones"``, ``"progress.=evidence"``), joined into its owner's.
        """
        stmt = self._select(model, equals).order_by(*_order(model, order_by))
        for path in load:
            stmt = stmt.options(_eager(model, path))
        return list(self.session.scalars(stmt))

    def count(self, model: type[M], **equals: Any) -> int:
        stmt = select(func.count()).select_from(self._select(model, equals).subquery())
        return int(self.session.scalar(stmt) or 0)

    def add(self, obj: M) -> M:
        """Add a row and flush, so it has its id."""
        self.session.add(obj)
        self.flush()
        return obj

    def delete(self, obj: Base) -> None:
        self.session.delete(obj)
        self.flush()

    def flush(self) -> None:
        with translate_errors(self.session):
            self.session.flush()

    def commit(self) -> None:
        with translate_errors(self.session):
            self.session.commit()

    def events(self, *, entity: str | None = None, entity_id: int | None = None) -> list[AuditEvent]:
        """Audit events, oldest first; ``entity="tasks"`` also brings the task's own rows' events."""
        stmt = select(AuditEvent).order_by(AuditEvent.id)
        if entity == "tasks" and entity_id is not None:
            stmt = stmt.where(
                ((AuditEvent.entity == entity) & (AuditEvent.entity_id == entity_id))
                | (AuditEvent.task_id == entity_id)
            )
        else:
            if entity is not None:
                stmt = stmt.where(AuditEvent.entity == entity)
            if entity_id is not None:
                stmt = stmt.where(AuditEvent.entity_id == entity_id)
        return list(self.session.scalars(stmt))

    def row_exists(self, table: str, row_id: int) -> bool:
        """Whether table ``table`` (by its name) holds a row with id ``row_id``; False for no such table."""
        found = Base.metadata.tables.get(table)
        if found is None or "id" not in found.c:
            return False
        return self.session.scalar(select(found.c.id).where(found.c.id == row_id)) is not None

    @staticmethod
    def _select(model: type[M], equals: dict[str, Any]) -> Any:
        stmt = select(model)
        for key, value in equals.items():
            column = getattr(model, key)
            stmt = stmt.where(column.in_(value) if isinstance(value, list | tuple | set) else column == value)
        return stmt


def _eager(model: type[Base], path: str) -> Any:
    """The loader option for ``path``: each relationship in a query of its own (``selectin``), or,
    written ``=name``, joined into the query that loads its owner (one round trip fewer)."""
    owner: Any = model
    option: Any = None
    for name in path.split("."):
        joined = name.startswith("=")
        attr = getattr(owner, name.lstrip("="))
        if option is None:
            option = joinedload(attr) if joined else selectinload(attr)
        else:
            option = option.joinedload(attr) if joined else option.selectinload(attr)
        owner = attr.property.mapper.class_
    return option


def _order(model: type[Base], order_by: str) -> list[Any]:
    keys = [k.strip() for k in order_by.split(",") if k.strip()]
    return [getattr(model, k[1:]).desc() if k.startswith("-") else getattr(model, k) for k in keys]


@contextmanager
def translate_errors(session: Session) -> Iterator[None]:
    """Database errors a user can act on become ConflictError (one line); the session rolls back."""
    try:
        yield
    except StaleDataError as exc:
        session.rollback()
        raise ConflictError(STALE_MESSAGE) from exc
    except IntegrityError as exc:
        session.rollback()
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else ""
        raise ConflictError(f"与已有记录冲突（{detail}）") from exc
    except OperationalError as exc:
        if not is_busy(exc):
            raise
        session.rollback()
        raise ConflictError(BUSY) from exc


def is_busy(exc: OperationalError) -> bool:
    """Whether the database refused for a lock held by another writer: SQLite's "database is
    locked", PostgreSQL's lock timeout or serialization failure (by SQLSTATE, which a server whose
    messages are in another language still sends)."""
    sqlstate = getattr(exc.orig, "sqlstate", None)
    return sqlstate in (LOCK_NOT_AVAILABLE, SERIALIZATION_FAILURE) or "locked" in str(exc.orig)
