"""Reviews (定期盘点) over a stored, assigned and reported-on year (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from luoshi.clock import FixedClock
from luoshi.errors import ValidationError
from luoshi.store.db import Database
from luoshi.supervise.board import accept_task, task_board
from luoshi.supervise.items import Grade
from luoshi.supervise.review import build_review
from luoshi.supervise.status import Colour, State
from luoshi.tabular import PALETTE

if TYPE_CHECKING:
    from tests.supervise.conftest import City

AS_OF = date(2024, 7, 15)


def test_board_derives_each_task_status(city: City) -> None:
    with city.ledger(AS_OF) as ledger:
        board = {row.id: row for row in task_board(ledger)}
    first, park, forest, housing = (board[i] for i in city.tasks)
    assert (first.status.state, first.value, first.lead, first.co) == (
        State.ON_TRACK,
        62.0,
        "市发展改革委",
        ("市工信局",),
    )
    assert first.status.progress == pytest.approx(62 / 120, abs=1e-4)
    assert (first.reports_due, first.reports_on_time, first.reports_late) == (6, 5, 1)
    # 缺报: no report for six months (a milestone missed too) is its own state and colour
    assert (park.status.state, park.status.colour) == (State.MISSING, Colour.ORANGE)
    assert (forest.status.state, forest.grade) == (State.CLOSED, "良好")
    assert housing.status.state is State.MISSING and len(housing.status.missed_reports) == 6


def test_status_moves_with_the_date(city: City) -> None:
    with city.ledger(AS_OF) as ledger:
        june = {r.id: r.status.state for r in task_board(ledger, as_of=date(2024, 6, 10))}
        september = {r.id: r for r in task_board(ledger, as_of=date(2024, 9, 10))}
    assert june[city.tasks[2]] is State.DONE  # reported done, not yet accepted
    park = september[city.tasks[1]]
    assert (park.status.state, park.status.overdue_days, park.status.colour) == (
        State.OVERDUE,
        10,
        Colour.RED,
    )


def test_review_by_section_and_by_unit(city: City) -> None:
    with city.ledger(AS_OF) as ledger:
        review = build_review(ledger)
    sections = {g.name: g for g in review.by_section}
    assert set(sections) == {"扎实推进项目建设", "持续改善生态环境"}
    assert sections["持续改善生态环境"].counts["closed"] == 1
    assert review.total.tasks == 4 and review.total.counts["missing"] == 2
    assert review.total.reports_due == 6 + 6 + 5 + 6  # none due after the forest task was done
    assert review.total.reports_on_time == 5 + 1  # the forest's May report
    units = {g.name: g for g in review.by_unit}
    assert units["市能源局"].orders == 1 and units["市能源局"].response_days == 7
    assert units["市发展改革委"].response_days == 0 and units["市发展改革委"].orders_open == 0
    assert [t.id for t in review.missing] == [city.tasks[1], city.tasks[3]] and review.behind == []
    assert review.overdue == []
    assert [t.id for t in review.late_reports] == [city.tasks[0]] and review.total.reports_late == 1
    data = review.to_dict()
    assert data["as_of"] == "2024-07-15" and data["orders"][0]["overdue_days"] > 0


def test_accepting_a_task_needs_a_done_report(city: City) -> None:
    with city.ledger(AS_OF) as ledger, pytest.raises(ValidationError, match="尚未报告完成"):
        accept_task(ledger, task_id=city.tasks[0], grade=Grade.PASS)


def test_review_workbook_is_a_taizhang(city: City, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from luoshi.supervise.scoring import load_scoring, scoreboard
    from luoshi.supervise.sheets import review_sheets
    from luoshi.tabular import write_workbook

    with city.ledger(AS_OF) as ledger:
        review = build_review(ledger)
    scores = scoreboard(review.tasks, review.orders, load_scoring(), as_of=AS_OF)
    path = write_workbook(tmp_path / "review.xlsx", review_sheets(review, scores, heading="示例市2024年"))
    book = load_workbook(path)
    assert book.sheetnames == ["任务台账", "按板块", "按单位", "督办事项", "单位考核"]
    ws = book["任务台账"]
    assert ws.freeze_panes == "A3" and ws.auto_filter.ref == "A2:P6"
    assert ws["A1"].value.startswith("示例市2024年重点任务落实台账")
    assert [c.value for c in ws[2]][:3] == ["序号", "板块", "任务内容"]
    state_col = [c.value for c in ws[2]].index("状态") + 1
    fills = {
        ws.cell(row=r, column=state_col).value: ws.cell(row=r, column=state_col).fill.fgColor.rgb
        for r in range(3, 7)
    }
    assert fills["缺报"].endswith(PALETTE["orange"]) and fills["已销号"].endswith("C6EFCE")
    assert ws.column_dimensions["C"].width == 48


def test_demo_data_is_labelled_everywhere_it_shows(seeded: Database, report: Any, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from luoshi.supervise.reports import store_report
    from luoshi.supervise.sheets import review_sheets
    from luoshi.tabular import write_workbook

    with seeded.ledger(actor="demo", clock=FixedClock.on(AS_OF)) as ledger:
        store_report(ledger, report, demo=True)
        review = build_review(ledger)
    assert review.demo and review.to_dict()["demo"] is True and all(t.demo for t in review.tasks)
    path = write_workbook(tmp_path / "demo.xlsx", review_sheets(review, [], heading=""))
    for ws in load_workbook(path):
        assert ws["A1"].value.startswith("【演示数据】")
        assert ws.cell(row=ws.max_row, column=1).value.startswith("【演示数据】")


def test_real_data_carries_no_demo_label(city: City) -> None:
    with city.ledger(AS_OF) as ledger:
        assert build_review(ledger).demo is False


def test_review_raises_orders_for_lagging_tasks_once(city: City) -> None:
    from luoshi.supervise.items import Origin
    from luoshi.supervise.orders import list_orders
    from luoshi.supervise.review import raise_from_review

    with city.ledger(AS_OF) as ledger:
        assert raise_from_review(ledger) == []  # nothing overdue yet
        ids = raise_from_review(ledger, states=(State.MISSING,))
        again = raise_from_review(ledger, states=(State.MISSING,))
        raised = [o for o in list_orders(ledger) if o.id in ids]
    assert again == []
    assert [(o.task_id, o.lead_unit, o.origin) for o in raised] == [
        (city.tasks[1], "市工信局", Origin.REVIEW),
        (city.tasks[3], "市能源局", Origin.REVIEW),
    ]
    assert raised[0].title.startswith("缺报任务：") and "时序进度" in raised[0].facts.events[0].note


def test_review_workbook_keeps_a_formula_like_order_title_as_text(city: City, tmp_path: Path) -> None:
    """Rule: a 督办事项 whose words start like a formula is quoted text in the review workbook."""
    from openpyxl import load_workbook

    from luoshi.supervise.orders import raise_order
    from luoshi.supervise.sheets import review_sheets
    from luoshi.tabular import write_workbook

    hostile = '=HYPERLINK("http://evil.example/","点我")'
    with city.ledger(AS_OF) as ledger:
        raise_order(ledger, title=hostile, lead="nyj")
        review = build_review(ledger)
    book = load_workbook(write_workbook(tmp_path / "review.xlsx", review_sheets(review, [], heading="")))
    cells = [c for row in book["督办事项"].iter_rows() for c in row if c.value == hostile]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
