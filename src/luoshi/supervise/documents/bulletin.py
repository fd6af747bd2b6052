"""The periodic 督查通报: the review and the scoreboard on a date, by unit, with who is commended
(通报表扬) and who is named (通报批评: the scoreboard's rule, or any task 逾期, report 缺报, or
督办事项 past due)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from luoshi.supervise.documents.items import day
from luoshi.supervise.documents.office import document_number
from luoshi.supervise.documents.paper import Block, Grid, Heading, Office, Paper, Para
from luoshi.supervise.ratings import COMMENDED, NAMED
from luoshi.supervise.review import Review
from luoshi.supervise.scoring import UnitScore
from luoshi.supervise.status import State

HEADER = ("单位", "应报", "按期", "迟报", "缺报", "退回", "逾期督办", "等次")
WIDTHS = (42.0, 14.0, 14.0, 14.0, 14.0, 14.0, 22.0, 22.0)
ASK = (
    "被通报批评的单位要认真查找原因，于5个工作日内将整改情况书面报送{office}。各单位要对照台账"
    "按时报送进展，对逾期、滞后任务逐项明确措施和时限，确保各项任务按期完成。"
)


@dataclass(frozen=True, slots=True)
class UnitLine:
    """One unit's figures in the 通报 (reports in 期, tasks and items in 项)."""

    unit: str
    due: int
    on_time: int
    late: int
    missed: int  # 缺报: report periods passed with nothing filed
    returned: int
    overdue_tasks: int
    overdue_items: int
    rating: str
    outcome: str

    def row(self) -> tuple[str, ...]:
        counts = (self.due, self.on_time, self.late, self.missed, self.returned, self.overdue_items)
        return (self.unit, *map(str, counts), self.rating or "—")

    def faults(self) -> list[str]:
        found = [(self.overdue_tasks, "逾期任务{}项"), (self.missed, "缺报{}期"),
                 (self.overdue_items, "督办事项逾期{}项"), (self.late, "迟报{}期")]  # fmt: skip
        return [text.format(n) for n, text in found if n] + (
            ["考核等次不合格"] if self.outcome == NAMED else []
        )


def unit_lines(review: Review, scores: list[UnitScore]) -> list[UnitLine]:
    """Every unit that leads or supports a task or leads an item, in scoreboard order."""
    lines = []
    for s in scores:
        if not (s.tasks or s.co_tasks or s.orders):
            continue
        led = [t for t in review.tasks if t.lead == s.unit]
        items = [o for o in review.orders if o.lead_unit == s.unit]
        lines.append(
            UnitLine(
                unit=s.unit, due=sum(t.reports_due for t in led), on_time=sum(t.reports_on_time for t in led),
                late=sum(t.reports_late for t in led), missed=sum(len(t.status.missed_reports) for t in led),
                returned=s.returns, overdue_tasks=sum(1 for t in led if t.status.state is State.OVERDUE),
                overdue_items=sum(1 for o in items if o.status.overdue > 0), rating=s.rating or "",
                outcome=s.outcome or "",
            )
        )  # fmt: skip
    return lines


def bulletin(review: Review, scores: list[UnitScore], office: Office, *, year: int, period: int) -> Paper:
    """The 督查通报 as of ``review.as_of``; ``year`` is the report's, ``period`` the 通报's number."""
    lines = unit_lines(review, scores)
    commended = [u.unit for u in lines if u.outcome == COMMENDED]
    named = [u for u in lines if u.faults() and u.outcome != COMMENDED]
    blocks: list[Block] = [
        Para(
            f"为推动{year}年《政府工作报告》确定的各项任务落到实处，{office.name}对截至{day(review.as_of)}"
            "的任务进展报送和督办事项办理情况进行了盘点。现将有关情况通报如下。"
        ),
        Heading("一、总体情况"),
        Para(_overall(review)),
        Heading("二、各单位报送和办理情况"),
        Grid(HEADER, tuple(u.row() for u in lines), WIDTHS) if lines else Para("本期没有分工到单位的任务。"),
        Heading("三、通报表扬"),
        Para(f"对{'、'.join(commended)}予以通报表扬。" if commended else "本期没有通报表扬的单位。"),
        Heading("四、通报批评"),
        *(Para(f"{u.unit}：{'，'.join(u.faults())}。") for u in named),
        *(() if named else (Para("本期没有通报批评的单位。"),)),
        Heading("五、工作要求"),
        Para(ASK.format(office=office.name)),
    ]
    notes = ("（本通报所用数据为演示数据）",) if review.demo else ()
    return Paper(
        mark=office.name,
        number=document_number(office, "通", review.as_of.year, period),
        title=f"关于{year}年政府工作报告重点任务落实情况的督查通报",
        addressee="各有关单位：",
        blocks=tuple(blocks),
        signer=office.name,
        dated=review.as_of,
        notes=notes,
    )


def _overall(review: Review) -> str:
    t = review.total
    n = t.counts
    rate = "—" if t.on_time_rate is None else f"{t.on_time_rate:.1%}"
    return (
        f"纳入台账的任务共{t.tasks}项，其中正常推进{n[State.ON_TRACK.value]}项，已完成待验收"
        f"{n[State.DONE.value]}项，已销号{n[State.CLOSED.value]}项，未启动{n[State.NOT_STARTED.value]}项；"
        f"进度滞后{n[State.BEHIND.value]}项，缺报{n[State.MISSING.value]}项，逾期{n[State.OVERDUE.value]}项。"
        f"应报进展{t.reports_due}期，按期报送{t.reports_on_time}期，迟报{t.reports_late}期，按期报送率{rate}。"
        f"督办事项{t.orders}项，未办结{t.orders_open}项，其中逾期{t.orders_overdue}项。"
    )


def bulletin_period(as_of: date) -> int:
    """The 通报's number: the month it reports on (one 通报 a month)."""
    return as_of.month
