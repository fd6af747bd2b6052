"""督办事项 at each stage of the 13710 clock on 2023-09-30, for the 驾驶舱 charts and screenshots:
waiting to be deployed, answers overdue, settling overdue, returned and redone late, a major item
on its timetable, a major item settling, one on time, one closed."""

from __future__ import annotations

from datetime import date, timedelta

from luoshi.clock import FixedClock
from luoshi.store.db import Database
from luoshi.supervise.items import EventKind, Grade, Level, Origin
from luoshi.supervise.orders import raise_order, record

DAY = date(2023, 9, 30)
D, R, S, C = EventKind.DEPLOYED, EventKind.RESPONDED, EventKind.RESOLVED, EventKind.CLOSURE_REQUESTED
ITEMS: list[tuple[str, str, Level, date, list[tuple[EventKind, int]]]] = [
    ("园区专线供电尚未接入", "市能源局", Level.ORDINARY, date(2023, 9, 28), []),
    ("重点项目用地报批滞后", "市自然资源局", Level.ORDINARY, date(2023, 9, 1), [(D, 0)]),
    ("老旧小区改造开工率偏低", "市住建局", Level.ORDINARY, date(2023, 9, 4), [(D, 0), (R, 2)]),
    ("专精特新企业培育进度慢", "市工信局", Level.ORDINARY, date(2023, 9, 5),
     [(D, 0), (R, 1), (S, 3), (C, 4), (EventKind.RETURNED, 5)]),
    ("集中供热管网改造", "市住建局", Level.MAJOR, date(2023, 8, 1),
     [(D, 0), (R, 2), (EventKind.TIMETABLE_FILED, 10)]),
    ("学位供给缺口", "市教育局", Level.MAJOR, date(2023, 9, 15), [(D, 0), (R, 2)]),
    ("企业反映审批材料重复提交", "市行政审批局", Level.ORDINARY, date(2023, 9, 20), [(D, 0), (R, 2)]),
    ("河道垃圾清理", "市生态环境局", Level.ORDINARY, date(2023, 8, 15),
     [(D, 0), (R, 1), (S, 4), (C, 5), (EventKind.ACCEPTED, 8)]),
]  # fmt: skip


def seed_items(db: Database) -> list[int]:
    """Raise the items and record their steps (days after raising); their ids."""
    ids = []
    with db.ledger(actor="督查室", clock=FixedClock.on(DAY)) as ledger:
        for title, lead, level, raised, steps in ITEMS:
            order = raise_order(ledger, title=title, lead=lead, level=level, origin=Origin.REVIEW, on=raised)
            for kind, after in steps:
                record(
                    ledger, order.id, kind, on=raised + timedelta(days=after), note="见办理情况报告",
                    grade=Grade.GOOD if kind is EventKind.ACCEPTED else None,
                    due=date(2023, 12, 31) if kind is EventKind.TIMETABLE_FILED else None,
                )  # fmt: skip
            ids.append(order.id)
    return ids
