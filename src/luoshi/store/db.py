"""Engines and sessions: one URL picks SQLite (default, WAL) or PostgreSQL (``postgresql+psycopg://``)."""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from luoshi.clock import Clock, SystemClock
from luoshi.errors import ConflictError, InputError
from luoshi.store.audit import install_audit_hook
from luoshi.store.changelog import install_change_log
from luoshi.store.ledger import BUSY, Ledger, is_busy

SQLITE_BUSY_TIMEOUT_MS = 10_000
# How long a unit of work waits for this process's earlier writers before it is refused. SQLite
# has one writer at a time and its busy handler polls (no queue, no order): a writer that waited
# out the busy timeout behind a burst of others was refused with 数据库繁忙. Writers of one process
# therefore queue on a lock first, and only meet other processes at SQLite's busy timeout.
WRITE_QUEUE_TIMEOUT_S = 120.0
# Connections kept open per process. The web server runs up to 40 requests at once in its thread
# pool; with SQLAlchemy's default (5 + 10 overflow, overflow closed on return) a busy server opened
# and closed a connection per request. Pools fill on demand, so the CLI still opens one.
POOL = {"pool_size": 20, "max_overflow": 20}
WRITER = "luoshi_writer"  # execution option: SQLite begins the transaction IMMEDIATE
# PostgreSQL's writers queue too: a unit of work that may write takes this transaction-level
# advisory lock when it begins (before any row lock: no deadlock), and holds it to its commit, so
# audit event ids are taken in the order writers commit and the newest id is an exact data version
# (luoshi.store.board.data_version). The lock is the queue (PostgreSQL grants it first come, first
# served, across processes); a writer waits for it at most the in-process queue's time.
WRITERS_LOCK = 0x6C756F736869  # "luoshi"; advisory locks are per database
POSTGRES_LOCK_TIMEOUT_MS = int(WRITE_QUEUE_TIMEOUT_S * 1000)
QUEUED = "luoshi.db.queued"  # session.info: this transaction holds the writers' lock (PostgreSQL)


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url``; SQLite files get WAL, a busy timeout and foreign keys."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, parsed.database, **kwargs)
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            url = str(parsed.set(drivername="postgresql+psycopg"))
        engine = create_engine(url, pool_pre_ping=True, **{**POOL, **kwargs})
        event.listen(engine, "begin", _postgres_on_begin)
        return engine
    raise InputError(f"不支持的数据库地址：{parsed.drivername}（只支持 sqlite 和 postgresql）")


def _sqlite_engine(url: str, database: str | None, **kwargs: Any) -> Engine:
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)
        if "poolclass" not in kwargs:
            kwargs = {**POOL, **kwargs}
    engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
    # let SQLAlchemy, not pysqlite, decide where transactions begin (BEGIN before the first SELECT)
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_on_begin(connection: Any) -> None:
    # Writers take the write lock when they begin, so a second writer waits (busy timeout) and then
    # goes ahead; a deferred transaction that upgrades after reading is refused at once instead.
    writer = connection.get_execution_options().get(WRITER, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")


def _postgres_on_begin(connection: Any) -> None:
    # the writers' queue: a unit of work that may write waits here for the one ahead to commit
    if connection.get_execution_options().get(WRITER, False):
        take_writers_lock(connection)


def take_writers_lock(connection: Any) -> None:
    """Wait (at most :data:`POSTGRES_LOCK_TIMEOUT_MS`) for the writers' lock; held to the end of the
    transaction. A wait past it is refused with 数据库繁忙 (one line), as SQLite's busy one is."""
    try:
        wait = f"SET LOCAL lock_timeout = {POSTGRES_LOCK_TIMEOUT_MS}"
        connection.exec_driver_sql(f"{wait}; SELECT pg_advisory_xact_lock({WRITERS_LOCK})")  # one round trip
    except OperationalError as exc:
        if not is_busy(exc):
            raise
        raise ConflictError(BUSY) from exc


def _queue_readers_writing(session: Session, context: Any, instances: Any) -> None:
    """A reader()'s unit of work on PostgreSQL that writes an audited row queues as a writer does,
    before its first write (so it holds no row lock while it waits): its audit event ids must
    come in commit order too."""
    if session.info.get(QUEUED) or not _audited_changes(session):
        return
    connection = session.connection()
    if not connection.get_execution_options().get(WRITER, False):
        take_writers_lock(connection)
    session.info[QUEUED] = True


def _audited_changes(session: Session) -> bool:
    return any(
        getattr(type(obj), "__audited__", False) for obj in (*session.new, *session.dirty, *session.deleted)
    )


def _transaction_over(session: Session, *args: Any) -> None:
    session.info.pop(QUEUED, None)


class Database:
    """An engine plus a session factory whose sessions write audit events."""

    def __init__(self, url: str, **engine_kwargs: Any) -> None:
        self.url = url
        self.engine = make_engine(url, **engine_kwargs)
        # units of work (sessions) may write: they take the write lock (SQLite) or the writers' lock
        # (PostgreSQL) when they begin; plain connections (migrations, backups) and reader()
        # sessions begin deferred and take none
        self.sessions = _sessions(self.engine.execution_options(**{WRITER: True}))
        self._reader: Database | None = None
        self._writes: threading.RLock | None = threading.RLock() if self.backend == "sqlite" else None

    def reader(self) -> Database:
        """This database for work that only reads: it takes no write lock (SQLite: deferred begin)
        and does not queue; on PostgreSQL it queues before an audited write, should it make one."""
        if self._reader is None:
            view = copy.copy(self)
            view.sessions = _sessions(self.engine)
            view._writes = None
            self._reader = view
        return self._reader

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def session(self) -> Session:
        return self.sessions()

    @contextmanager
    def ledger(
        self, *, actor: str = "system", clock: Clock | None = None, year: int | None = None
    ) -> Iterator[Ledger]:
        """A unit of work (scoped to report ``year``, default the current one): commits when the
        block ends, rolls back on an exception. Units of work that may write queue behind the
        earlier ones (:data:`WRITE_QUEUE_TIMEOUT_S`): on SQLite this process's, then the write lock;
        on PostgreSQL every process's, on the writers' lock (:func:`take_writers_lock`)."""
        with self._queued(), self.sessions() as session:
            ledger = Ledger(session, actor=actor, clock=clock or SystemClock(), year=year)
            try:
                yield ledger
                ledger.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def _queued(self) -> Iterator[None]:
        if self._writes is None:
            yield
            return
        if not self._writes.acquire(timeout=WRITE_QUEUE_TIMEOUT_S):
            raise ConflictError(BUSY)
        try:
            yield
        finally:
            self._writes.release()

    def dispose(self) -> None:
        self.engine.dispose()


def _sessions(engine: Engine) -> sessionmaker[Session]:
    sessions = sessionmaker(engine, expire_on_commit=False)
    install_audit_hook(sessions)
    install_change_log(sessions)
    if engine.dialect.name == "postgresql":
        event.listen(sessions, "before_flush", _queue_readers_writing)
        for name in ("after_commit", "after_rollback", "after_begin"):
            event.listen(sessions, name, _transaction_over)
    return sessions
