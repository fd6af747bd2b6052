"""示范带动: model cases marked, published, shown with their figures, and the scoring bonus."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.supervise.conftest import LedgerOn

from luoshi.errors import ValidationError
from luoshi.supervise import cases
from luoshi.supervise.items import EventKind
from luoshi.supervise.orders import raise_order, record, view
from luoshi.supervise.review import build_review
from luoshi.supervise.scoring import load_scoring, parse_scoring, scoreboard
from luoshi.supervise.sheets import review_sheets


def test_a_case_is_marked_published_withdrawn_and_counted_by_date(on: LedgerOn, tmp_path: Path) -> None:
    with on(date(2023, 6, 1)) as ledger:
        order = raise_order(ledger, title="企业技改资金拨付慢", lead="市工信局")
        record(ledger, order.id, EventKind.DEPLOYED)
        with pytest.raises(ValidationError, match="标题和简要介绍"):
            cases.mark(ledger, title="", summary="x", order_id=order.id)
        case = cases.mark(
            ledger, title="技改资金“免申即享”", summary="三天内拨付到位的做法", order_id=order.id,
            files=[("做法.txt", "先拨付后核查".encode())], folder=tmp_path,
        )  # fmt: skip
        assert case.unit.name == "市工信局" and case.evidence[0]["name"] == "做法.txt"
        assert cases.list_cases(ledger, date(2023, 6, 1), public_only=True) == []
    with on(date(2023, 6, 5)) as ledger:
        cases.publish(ledger, case.id)
        with pytest.raises(ValidationError, match="已发布"):
            cases.publish(ledger, case.id)
    with on(date(2023, 7, 1)) as ledger:
        cases.withdraw(ledger, case.id)
    with on(date(2023, 7, 2)) as ledger:
        assert cases.published_counts(ledger, date(2023, 6, 4)) == {}
        assert cases.published_counts(ledger, date(2023, 6, 10)) == {"市工信局": 1}
        assert cases.published_counts(ledger, date(2023, 7, 2)) == {}
        (shown,) = cases.list_cases(ledger, date(2023, 6, 10), public_only=True)
        assert ("督办事项", "办理中") in shown.figures
        review = build_review(ledger, as_of=date(2023, 6, 10))
        assert [c.title for c in review.cases] == ["技改资金“免申即享”"]
        assert review.case_counts == {"市工信局": 1}
        sheet = review_sheets(review, [], heading="")[-1]  # the commended part of the 通报
        assert sheet.name == "示范案例" and sheet.rows[0]["figures"].startswith("督办事项：办理中")


def test_the_bonus_comes_from_the_scoring_file_and_the_score_stays_within_100(on: LedgerOn) -> None:
    with on(date(2023, 6, 1)) as ledger:
        order = raise_order(ledger, title="问题", lead="市工信局")  # not deployed: its stage is late
        orders = [view(ledger, order, date(2023, 6, 5))]
    base = load_scoring()
    (plain,) = scoreboard([], orders, base, as_of=date(2023, 6, 5))
    (bonus,) = scoreboard([], orders, base, as_of=date(2023, 6, 5), cases={"市工信局": 2})
    assert plain.score is not None and plain.score < 90
    assert bonus.score == plain.score + 2 * base.bonuses["model_case"] and bonus.cases == 2
    with pytest.raises(ValidationError, match="未知的加分项"):
        grades = {g: 1 for g in ("优秀", "良好", "合格", "不合格")}
        parse_scoring({"weights": {"completion": 1}, "grades": grades, "bonuses": {"innovation": 5}})
