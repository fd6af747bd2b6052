"""The demo (``luoshi serve --demo``): the example report, unit tree, users, simulated progress and a
month of supervision items on the 13710 clock, all labelled.

Loaded only into an empty database. The report and every simulated progress report carry the
``demo`` flag, so each page that shows them says 演示数据. Passwords are generated and returned
once for the console; nothing else keeps them. Everything is seen from one fixed day (30 September
of the report's year, or ``LUOSHI_TODAY``) and built the same way on every machine.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from importlib import resources
from pathlib import Path

from luoshi.clock import CHINA, FixedClock
from luoshi.store.db import Database
from luoshi.store.ledger import Ledger
from luoshi.store.models import Assignment, Report, Task, Unit, User
from luoshi.supervise.accounts import add_user
from luoshi.supervise.demo_items import DemoUnit, simulate_items
from luoshi.supervise.permissions import Role
from luoshi.supervise.progress import ProgressInput
from luoshi.supervise.status import elapsed_share

REPORTERS = 4  # demo unit reporters: the units that lead the most tasks
SEED = 2023  # the simulation is the same on every machine


@dataclass(frozen=True, slots=True)
class DemoResult:
    loaded: bool  # loaded now
    demo: bool  # the database holds demo data (now or from before)
    as_of: date
    lines: list[str]


def example_report() -> Path:
    return Path(str(resources.files("luoshi").joinpath("data/examples/yangquan-2023.txt")))


def demo_day(year: int, today: date | None = None) -> date:
    """The day the demo is seen from: ``today`` when fixed (``LUOSHI_TODAY``), else 30 September of
    the report's year (three quarters gone, the September reports due within the week)."""
    return today or date(year, 9, 30)


def load_demo(db: Database, *, evidence_dir: Path, today: date | None = None) -> DemoResult:
    """Load the demo into an empty database; a database with reports in it is left alone."""
    from luoshi.pipeline import read_report

    with db.ledger(actor="demo") as ledger:
        existing = ledger.find(Report)
        if existing is not None:
            day = demo_day(existing.year, today)
            note = "数据库已有数据，未载入演示数据" if not existing.demo else "演示数据已载入（沿用）"
            return DemoResult(False, existing.demo, day, [note, *password_hint(ledger)])
    report = read_report(example_report())
    year = report.meta.year or 2023
    day = demo_day(year, today)
    clock = FixedClock.on(date(year, 3, 1))
    with db.ledger(actor="demo", clock=clock) as ledger:
        _structure(ledger, report)
        lines = _users(ledger)
        units = [DemoUnit(u.id, u.code, reporter_name(u)) for u in _busiest_units(ledger)]
    _simulate(db, day, evidence_dir)
    counts = simulate_items(db, day, units, evidence_dir)
    title = (
        f"已载入演示数据（{report.meta.region or ''} {year} 年政府工作报告，模拟进展截至 {day.isoformat()}）"
    )
    return DemoResult(True, True, day, [title, counts, *lines])


def password_hint(ledger: Ledger) -> list[str]:
    """Passwords are shown only when made: on a later start, the accounts and how to set a new one."""
    names = sorted(u.username for u in ledger.all(User))
    if not names:
        return ["还没有账号：luoshi user add 用户名 --role admin 新建（密码只显示一次）"]
    return [
        f"账号：{'、'.join(names)}（密码只在创建时显示一次）",
        f"设置新密码：luoshi user passwd 用户名（如 luoshi user passwd {names[0]}），新密码显示一次",
    ]


def _structure(ledger: Ledger, report: object) -> None:
    from luoshi.supervise.assign import auto_assign, confirm, load_rules
    from luoshi.supervise.reports import store_report
    from luoshi.supervise.units import example_catalogue, import_catalogue, read_catalogue

    import_catalogue(ledger, read_catalogue(example_catalogue()))
    store_report(ledger, report, demo=True)  # type: ignore[arg-type]
    auto_assign(ledger, rules=load_rules())
    confirm(ledger)


def _users(ledger: Ledger) -> list[str]:
    lines = ["演示账号（密码只显示这一次）："]
    for username, role, label in (("admin", Role.OFFICE, "督查室"), ("leader", Role.LEADER, "领导")):
        _, password = add_user(ledger, username=username, role=role, display_name=f"{label}（演示）")
        lines.append(f"  {username:<12} {password}  {label}")
    for unit in _busiest_units(ledger):
        username = reporter_name(unit)
        _, password = add_user(ledger, username=username, role=Role.REPORTER, unit=unit.code,
                               display_name=f"{unit.name}（演示）")  # fmt: skip
        lines.append(f"  {username:<12} {password}  {unit.name} 填报员")
    return lines


def reporter_name(unit: Unit) -> str:
    """A demo reporter's account: unit-<unit code>."""
    return f"unit-{unit.code}"


def _busiest_units(ledger: Ledger) -> list[Unit]:
    counts: dict[int, int] = {}
    for a in ledger.all(Assignment, role="lead"):
        counts[a.unit_id] = counts.get(a.unit_id, 0) + 1
    ranked = sorted(counts, key=lambda uid: (-counts[uid], uid))[:REPORTERS]
    return [ledger.get(Unit, uid) for uid in ranked]


def _simulate(db: Database, day: date, evidence_dir: Path) -> None:
    """Monthly progress for most tasks up to ``day``: some ahead, some behind, some silent, some late."""
    from luoshi.supervise.progress import add_progress_many, task_entry

    with db.ledger(actor="demo") as ledger:  # targets as the units type them (万人, not 人)
        plans = [(t.id, task_entry(ledger, t).shown(t.target_value), t.starts_on, t.deadline)
                 for t in ledger.all(Task, part="plan")]  # fmt: skip
    by_day: dict[date, list[tuple[int, ProgressInput]]] = defaultdict(list)
    rng = random.Random(SEED)
    for task_id, target, start, deadline in plans:
        for filed, entry in _reports(rng, target, start, deadline, day):
            by_day[filed].append((task_id, entry))
    for filed in sorted(by_day):  # a day's reports in one flush (about 1,700 in all)
        with db.ledger(
            actor="demo", clock=FixedClock(datetime.combine(filed, time(10), tzinfo=CHINA))
        ) as ledger:
            add_progress_many(ledger, by_day[filed], reporter="demo", demo=True)


def _reports(
    rng: random.Random, target: float | None, start: date, deadline: date, day: date
) -> list[tuple[date, ProgressInput]]:
    pace = rng.choice((0.0, 0.6, 0.9, 1.0, 1.0, 1.1, 1.3))  # share of the time-proportional pace
    found = []
    for month in range(start.month, day.month):
        as_of = date(day.year, month + 1, 1) - timedelta(days=1)
        if as_of > deadline or pace == 0.0:
            break
        share = min(1.0, pace * elapsed_share(start, deadline, as_of))
        entry = ProgressInput(
            value=round(target * share, 2) if target is not None else None,
            narrative=f"（演示）{month} 月进展：按计划推进",
            done=share >= 1.0,
            period=f"{as_of.year}-{as_of.month:02d}",
            as_of=as_of,
        )
        found.append((as_of + timedelta(days=rng.randint(1, 9)), entry))  # due on the 5th: some late
        if share >= 1.0:
            break
    return found
