"""A small work report built by hand, and a seeding helper (shared by the serve and browser tests).

The extraction stages are other helpers' work; these tests need a report whose numbers and tasks
are known exactly: a review part with a figure and a hostile <script>, a plan part with two
sections, three numbers and three tasks.
"""

from __future__ import annotations

from datetime import date

from luoshi import document as doc
from luoshi.clock import FixedClock
from luoshi.store.db import Database
from luoshi.store.models import Task

SAMPLE = (
    "政府工作报告\n"
    "一、2022年工作回顾\n"
    "全市地区生产总值增长5.2%。<script>alert('x')</script>\n"
    "二、2023年工作安排\n"
    "（一）推动能源转型。新增光伏装机100万千瓦。8月底前建成充电站20座。\n"
    "（二）办好人民满意的教育。新建学校5所。\n"
)


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def sample_report() -> doc.Report:
    text = doc.Text.identity(SAMPLE)
    plan = SAMPLE.index("二、")
    s1, s2 = SAMPLE.index("（一）"), SAMPLE.index("（二）")
    parts = [
        doc.Part(1, "2022年工作回顾", doc.PartKind.REVIEW, 2022, SAMPLE.index("一、"), plan),
        doc.Part(
            2,
            "2023年工作安排",
            doc.PartKind.PLAN,
            2023,
            plan,
            len(SAMPLE),
            sections=[
                doc.Section(1, "推动能源转型", s1, s2),
                doc.Section(2, "办好人民满意的教育", s2, len(SAMPLE)),
            ],
        ),
    ]

    def quantity(
        part: doc.PartKind,
        section: str | None,
        indicator: str,
        value: float,
        unit: str,
        written: str,
        sentence: str,
        headline: bool = False,
    ) -> doc.Quantity:
        start, end = _span(SAMPLE, written)
        metric = doc.Metric.GROWTH if unit == "%" else doc.Metric.LEVEL
        return doc.Quantity(part, section, indicator, metric, value, unit, doc.Modifier.EXACT, sentence,
                            start, end, year=2023, headline_target=headline, text=written)  # fmt: skip

    quantities = [
        quantity(doc.PartKind.REVIEW, None, "地区生产总值", 5.2, "%", "5.2%", "全市地区生产总值增长5.2%"),
        quantity(
            doc.PartKind.PLAN,
            "推动能源转型",
            "光伏装机",
            100,
            "万千瓦",
            "100万千瓦",
            "新增光伏装机100万千瓦",
            True,
        ),
        quantity(doc.PartKind.PLAN, "推动能源转型", "充电站", 20, "座", "20座", "8月底前建成充电站20座"),
        quantity(doc.PartKind.PLAN, "办好人民满意的教育", "学校", 5, "所", "5所", "新建学校5所"),
    ]

    def task(clause: str, section: str, verb: str, qs: list[int], deadline: date | None = None) -> doc.Task:
        start, end = _span(SAMPLE, clause)
        return doc.Task(
            clause, doc.PartKind.PLAN, section, None, verb, start, end, deadline=deadline, quantities=qs
        )

    tasks = [
        task("新增光伏装机100万千瓦", "推动能源转型", "新增", [1]),
        task("8月底前建成充电站20座", "推动能源转型", "建成", [2], date(2023, 8, 31)),
        task("新建学校5所", "办好人民满意的教育", "新建", [3]),
    ]
    meta = doc.ReportMeta(title="政府工作报告", region="样例市", year=2023, sha256="s" * 64)
    return doc.Report(meta=meta, text=text, parts=parts, quantities=quantities, tasks=tasks)


def seed_sample(database: Database) -> tuple[int, list[int]]:
    """Store the sample report; 市能源局 leads 光伏 and 充电站 (市教育局 co), 市教育局 leads 学校."""
    from luoshi.supervise.assign import assign
    from luoshi.supervise.reports import store_report

    with database.ledger(actor="tester", clock=FixedClock.on(date(2023, 3, 1))) as ledger:
        result = store_report(ledger, sample_report())
        ids = [t.id for t in ledger.all(Task, report_id=result.report_id, order_by="ordinal")]
        assign(ledger, task_id=ids[0], lead="nengyuan")
        assign(ledger, task_id=ids[1], lead="nengyuan", co=["jiaoyu"])
        assign(ledger, task_id=ids[2], lead="jiaoyu")
    return result.report_id, ids
