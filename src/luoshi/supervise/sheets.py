"""The 台账 layouts: which columns the task ledger, the orders, the summaries and the scoreboard show."""

from __future__ import annotations

from typing import Any

from luoshi.supervise.review import Review, order_dict
from luoshi.supervise.scoring import UnitScore
from luoshi.tabular import Column, Sheet

TASK_COLUMNS = (
    Column("no", "序号", 6),
    Column("section", "板块", 18),
    Column("text", "任务内容", 48),
    Column("indicator", "指标", 16),
    Column("target", "目标值", 10),
    Column("unit", "单位", 8),
    Column("lead", "牵头单位", 16),
    Column("co", "配合单位", 20),
    Column("deadline", "完成时限", 12),
    Column("value", "最新完成值", 11),
    Column("progress", "完成进度", 10, percent=True),
    Column("elapsed", "时序进度", 10, percent=True),
    Column("state_label", "状态", 12),
    Column("overdue_days", "逾期天数", 9),
    Column("missed", "未按期报送", 22),
    Column("grade", "验收等次", 9),
)
ORDER_COLUMNS = (
    Column("id", "编号", 7),
    Column("title", "督办事项", 40),
    Column("level_label", "类别", 8),
    Column("lead", "牵头单位", 16),
    Column("co", "配合单位", 20),
    Column("raised_on", "交办日期", 12),
    Column("stage", "当前环节", 24),
    Column("due", "办理时限", 12),
    Column("state_label", "办理状态", 10),
    Column("overdue_days", "逾期(天)", 9),
    Column("response_days", "反馈用时(天)", 12),
)
GROUP_COLUMNS = (
    Column("name", "名称", 24),
    Column("tasks", "任务数", 8),
    Column("closed", "已销号", 8),
    Column("done", "已完成待验收", 12),
    Column("on_track", "正常推进", 10),
    Column("behind", "进度滞后", 10),
    Column("missing", "缺报", 8),
    Column("overdue", "逾期", 8),
    Column("not_started", "未启动", 8),
    Column("progress", "平均完成进度", 12, percent=True),
    Column("elapsed", "平均时序进度", 12, percent=True),
    Column("on_time_rate", "按时报送率", 11, percent=True),
    Column("reports_late", "迟报次数", 9),
    Column("orders", "督办事项", 9),
    Column("orders_overdue", "督办逾期", 9),
    Column("response_days", "平均反馈用时(天)", 14),
)
SCORE_COLUMNS = (
    Column("rank", "排名", 6),
    Column("unit", "单位", 20),
    Column("score", "得分", 8),
    Column("completion", "完成进度", 10, percent=True),
    Column("timeliness", "按时报送", 10, percent=True),
    Column("response", "督办响应", 10, percent=True),
    Column("acceptance", "验收质量", 10, percent=True),
    Column("satisfaction", "诉求满意度", 10, percent=True),
    Column("notices", "通报次数", 9),
    Column("escalations", "提级督办", 9),
    Column("returns", "退回次数", 9),
    Column("co_tasks", "配合任务", 9),
    Column("member_tasks", "专班任务", 9),
    Column("cases", "示范案例", 9),
    Column("rating", "等次", 8),
    Column("outcome", "奖惩", 10),
)
LEVELS = {"ordinary": "一般", "major": "重大"}


def task_sheet(review: Review, title: str) -> Sheet:
    rows = []
    for no, task in enumerate(review.tasks, start=1):
        row = task.to_dict()
        rows.append({**row, "no": no, "missed": row["missed_reports"]})
    return Sheet("任务台账", title, TASK_COLUMNS, rows, status_key="state_label")


def order_sheet(review: Review, title: str) -> Sheet:
    rows = [{**(d := order_dict(o)), "level_label": LEVELS[d["level"]]} for o in review.orders]
    return Sheet("督办事项", title, ORDER_COLUMNS, rows, status_key="state_label")


def group_sheet(name: str, title: str, groups: list[Any]) -> Sheet:
    rows = [{**g.to_dict(), **g.counts} for g in groups]
    return Sheet(name, title, GROUP_COLUMNS, rows, colour_key=None)


def score_sheet(scores: list[UnitScore], title: str) -> Sheet:
    return Sheet("单位考核", title, SCORE_COLUMNS, [s.to_dict() for s in scores], colour_key=None)


CASE_COLUMNS = (
    Column("unit", "单位", 20),
    Column("title", "案例", 40),
    Column("published_on", "发布日期", 12),
    Column("figures", "数据", 40),
)


def case_sheet(review: Review, title: str) -> Sheet:
    """The commended part of the 通报: published model cases with the figures behind them."""
    rows = [{"unit": c.unit, "title": c.title, "published_on": c.published_on,
             "figures": "；".join(f"{k}：{v}" for k, v in c.figures)} for c in review.cases]  # fmt: skip
    return Sheet("示范案例", title, CASE_COLUMNS, rows, colour_key=None)


DEMO_NOTE = "【演示数据】本表含演示数据（模拟进展），不是真实落实情况。"


def review_sheets(review: Review, scores: list[UnitScore], *, heading: str) -> list[Sheet]:
    day = review.as_of.isoformat()
    sheets = [
        task_sheet(review, f"{heading}重点任务落实台账（截至{day}）"),
        group_sheet("按板块", f"{heading}分板块盘点（截至{day}）", [*review.by_section, review.total]),
        group_sheet("按单位", f"{heading}分单位盘点（截至{day}）", [*review.by_unit, review.total]),
        order_sheet(review, f"{heading}督办事项台账（截至{day}）"),
        score_sheet(scores, f"{heading}责任单位考核排名（截至{day}）"),
    ]
    if review.cases:
        sheets.append(case_sheet(review, f"{heading}示范案例（截至{day}）"))
    return [label_demo(s) for s in sheets] if review.demo else sheets


def label_demo(sheet: Sheet) -> Sheet:
    """Mark a sheet built from demo data: in its title and under its table."""
    sheet.title = f"【演示数据】{sheet.title}"
    sheet.notes.append(DEMO_NOTE)
    return sheet
