"""Deployment checks: each says, in one Chinese line, whether a part of the set-up is right and what to fix.

``luoshi doctor`` runs all of them; ``/healthz`` runs the ones about the running service (database,
migrations, calendar). A check never raises: a broken part is a failed check, not a traceback.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from luoshi.calendar import Calendar
from luoshi.config import MIN_SECRET, PLACEHOLDER_SECRETS, Settings
from luoshi.errors import LuoshiError
from luoshi.store.calendar import ledger_calendar
from luoshi.store.db import Database
from luoshi.store.probe import schema_state

FIRST_CALENDAR_YEAR = 2004  # the first year chinesecalendar holds
MIN_FREE_BYTES = 1024**3  # 1 GiB free under the data folder


@dataclass(frozen=True, slots=True)
class Check:
    name: str  # database, migrations, calendar, data_dir, secret, notify, disk
    ok: bool
    message: str  # what is right, or what to fix

    def line(self) -> str:
        return f"{'正常' if self.ok else '需处理'}  {self.message}"


def calendar_last_year(calendar: Calendar | None = None) -> int:
    """The last year of the run of years whose holidays come from a notice (the ledger's imports, the
    library, the shipped files) — the one place doctor and /healthz ask."""
    known = calendar or Calendar()
    year = FIRST_CALENDAR_YEAR
    while known.knows(year + 1):
        year += 1
    return year


def check_database(database: Database) -> list[Check]:
    """The database answers, and its schema is at the revision this version needs."""
    state = schema_state(database.engine)
    if not state.reachable:
        return [Check("database", False, "数据库无法连接：检查 LUOSHI_DATABASE_URL、数据库服务和账号权限")]
    reached = Check("database", True, f"数据库可连接（{database.backend}）")
    if state.at_head:
        return [reached, Check("migrations", True, f"数据库结构为最新版本 {state.head}")]
    at = state.revision or "空库"
    fix = f"数据库结构为 {at}，需要 {state.head}：先备份，再运行 luoshi db upgrade"
    return [reached, Check("migrations", False, fix)]


def check_calendar(today: date, calendar: Calendar | None = None) -> Check:
    """The holiday calendar covers this year and next (due dates roll into next year)."""
    last = calendar_last_year(calendar)
    if last > today.year:
        return Check("calendar", True, f"节假日数据覆盖到 {last} 年")
    fix = f"节假日数据只到 {last} 年，不含 {today.year + 1} 年：请导入国务院办公厅公布的次年放假安排"
    return Check("calendar", False, fix)


def check_data_dir(data_dir: Path) -> Check:
    """The data folder (and its evidence folder) exists and this user can write there."""
    if not data_dir.is_dir():
        return Check("data_dir", False, f"数据目录 {data_dir} 不存在：请创建并交给运行 luoshi 的用户")
    for folder in (data_dir, data_dir / "evidence"):
        if folder.exists() and not _writable(folder):
            return Check("data_dir", False, f"目录 {folder} 不可写：请把它交给运行 luoshi 的用户")
    return Check("data_dir", True, f"数据目录 {data_dir} 可写")


def _writable(folder: Path) -> bool:
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-"):
            return True
    except OSError:
        return False


def check_secret(settings: Settings) -> Check:
    """In production the signing key is set, long and not a placeholder."""
    key = settings.secret_key
    if settings.environment != "production":
        return Check("secret", True, "开发环境：签名密钥自动生成（生产环境须设置 LUOSHI_SECRET_KEY）")
    if key.lower() in PLACEHOLDER_SECRETS or len(key) < MIN_SECRET or len(set(key)) < 10:
        fix = f"LUOSHI_SECRET_KEY 太弱：请设为不少于 {MIN_SECRET} 个随机字符（openssl rand -hex 32）"
        return Check("secret", False, fix)
    return Check("secret", True, "签名密钥已设置")


def check_notify(path: Path) -> Check:
    """The notification config, when there is one, loads without errors."""
    from luoshi.supervise.notify.config import load_notify_config

    if not path.is_file():
        return Check("notify", True, f"未配置通知（{path} 不存在），提醒只写入日志")
    try:
        config = load_notify_config(path)
    except LuoshiError as exc:
        return Check("notify", False, f"通知配置 {path} 有误：{exc}")
    return Check("notify", True, f"通知配置有效：渠道 {'、'.join(sorted(config.channels))}")


def check_disk(data_dir: Path, minimum: int = MIN_FREE_BYTES) -> Check:
    """Enough free space where the data (database file, evidence, backups) is kept."""
    where = data_dir if data_dir.exists() else Path(os.path.abspath(data_dir)).parent
    free = shutil.disk_usage(where).free
    if free < minimum:
        fix = f"数据目录所在磁盘只剩 {free // 1024**2} MB（至少需要 {minimum // 1024**2} MB）：请清理或扩容"
        return Check("disk", False, fix)
    return Check("disk", True, f"磁盘剩余 {free // 1024**3} GB")


def service_checks(database: Database, today: date) -> list[Check]:
    """What ``/healthz`` reports: database, migrations, calendar."""
    return [*check_database(database), check_calendar(today, ledger_calendar(database))]


def doctor(
    settings: Settings, today: date, *, notify_config: Path | None = None, settings_problem: str | None = None
) -> list[Check]:
    """Every deployment check, in the order an IT officer would fix them (``settings_problem``: what
    production's rules refused in the settings, reported in place of the secret check)."""
    data_dir = check_data_dir(settings.data_dir)  # before the engine, which may create the folder
    database = Database(settings.resolved_database_url)
    try:
        service = service_checks(database, today)
    finally:
        database.dispose()
    return [
        *service,
        data_dir,
        Check("secret", False, settings_problem) if settings_problem else check_secret(settings),
        check_notify(notify_config or settings.data_dir / "notify.yaml"),
        check_disk(settings.data_dir),
    ]
