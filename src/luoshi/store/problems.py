"""Why a database cannot be opened, as one Chinese line (the URL shown without its password)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, InterfaceError, OperationalError

from luoshi.errors import LuoshiError, NotFoundError

# (a fragment of the driver's message, what it means): PostgreSQL (psycopg) and SQLite
REASONS = (
    ("does not exist", "数据库或用户不存在"),
    ("password authentication failed", "用户名或密码不对"),
    ("no password supplied", "需要密码"),
    ("connection refused", "连接被拒绝（数据库服务没有运行，或地址、端口不对）"),
    ("could not translate host name", "找不到主机"),
    ("name or service not known", "找不到主机"),
    ("timeout", "连接超时"),
    ("unable to open database file", "无法打开数据库文件（路径不存在或没有权限）"),
    ("database is locked", "数据库正被其他进程写入，请稍后再试"),
    ("file is not a database", "该文件不是 SQLite 数据库"),
)


class DatabaseUnavailable(LuoshiError):
    """The database cannot be reached or opened: wrong address, server down, no such database."""


def shown_url(url: str) -> str:
    """``url`` with its password masked (safe to print)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "（无法识别的地址）"


def missing_sqlite_file(url: str) -> Path | None:
    """The SQLite file ``url`` names if it is not there; None for PostgreSQL, memory, a file that is."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:"):
        return None
    path = Path(database)
    return None if path.exists() else path


def require_existing(url: str) -> None:
    """Refuse a SQLite file that is not there (a read would create it, and folders, empty)."""
    path = missing_sqlite_file(url)
    if path is not None:
        raise NotFoundError(
            f"数据库文件不存在：{path}（请检查 --db 或 LUOSHI_DATABASE_URL；新建数据库请先 luoshi ingest）"
        )


def explain(exc: BaseException, url: str | None = None) -> DatabaseUnavailable | None:
    """A one-line error for a database that cannot be opened or reached; None for any other error."""
    if isinstance(exc, ArgumentError) and "URL" in str(exc):
        return DatabaseUnavailable(
            "无法识别的数据库地址（例：sqlite:///路径/luoshi.db 或 postgresql+psycopg://用户@主机/库名）"
        )
    if not isinstance(exc, OperationalError | InterfaceError):
        return None
    text = str(getattr(exc, "orig", None) or exc).lower()
    reason = next((said for fragment, said in REASONS if fragment in text), None)
    if reason is None:
        first = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:200]
        reason = f"数据库报错：{first}"
    where = f" {shown_url(url)}" if url else ""
    return DatabaseUnavailable(f"无法打开数据库{where}：{reason}")
