"""Who sees what (上下联动): one scope per user, the same rule for tasks, items, reports, the review,
the scores, the units and the public page — a city with two counties, 平定县 and 盂县."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from tests.conftest import SAMPLE_TEXT
from tests.supervise.conftest import LedgerOn
from tests.supervise.test_levels import COUNTIES

from luoshi.errors import FieldError, NotFoundError, ValidationError
from luoshi.store.models import Report, Task, Unit
from luoshi.supervise.assign import assign
from luoshi.supervise.items import Level
from luoshi.supervise.levels import hand_down
from luoshi.supervise.orders import raise_order
from luoshi.supervise.reports import store_report
from luoshi.supervise.review import build_review, review_scores
from luoshi.supervise.scope import (
    EVERYTHING,
    city_rows,
    county_scope,
    report_ids,
    require_inside,
    require_record,
    require_region,
    require_task,
    scope_of,
    task_ids,
)
from luoshi.supervise.scoring import load_scoring
from luoshi.supervise.snapshot import board
from luoshi.supervise.units import import_catalogue

DAY = date(2024, 5, 20)


@dataclass(frozen=True)
class Loop:
    """The city's report, its tasks and items, handed down to 平定县 and 盂县."""

    report: int
    city: int  # the city task handed down (led by 市发展改革委)
    pingding: int  # its child in 平定县
    yuxian: int  # its child in 盂县
    pd_own: int  # a city task led by 平定县发改局 (a county's department)
    city_only: int  # a city task led by 市工信局
    items: dict[str, int]  # lead unit's code → item id


def _unit(ledger: Any, code: str) -> int:
    unit = ledger.find(Unit, code=code)
    assert unit is not None
    return int(unit.id)


def _item(ledger: Any, lead: str) -> int:
    return int(raise_order(ledger, title=f"督办{lead}", lead=lead, level=Level.ORDINARY).id)


@pytest.fixture
def loop(on: LedgerOn, report: Any) -> Loop:
    with on(date(2024, 3, 1)) as ledger:
        import_catalogue(ledger, COUNTIES)
        rid = store_report(ledger, report).report_id
        tasks = ledger.all(Task, report_id=rid, order_by="ordinal")
        city = next(t.id for t in tasks if "营造林" in t.text)
        others = [t.id for t in tasks if t.id != city]
        assign(ledger, task_id=city, lead="fgw")
        assign(ledger, task_id=others[0], lead="平定县发改局")
        assign(ledger, task_id=others[1], lead="gxj")
        created = dict(hand_down(ledger, city, ["平定县", "盂县"]).created)
        items = {code: _item(ledger, code) for code in ("fgw", "yx", "pd-fgj")}
    return Loop(rid, city, created["平定县"], created["盂县"], others[0], others[1], items)


def test_a_users_scope_is_their_county_or_everything(on: LedgerOn, loop: Loop) -> None:
    with on(DAY) as ledger:
        assert scope_of(ledger, None) is EVERYTHING and scope_of(ledger, _unit(ledger, "fgw")).everything
        town = scope_of(ledger, _unit(ledger, "pd-jzz"))  # a township user sees its whole county
        assert town == scope_of(ledger, _unit(ledger, "pdx")) and town.county == _unit(ledger, "pdx")
        assert town.units == frozenset(_unit(ledger, c) for c in ("pdx", "pd-fgj", "pd-jzz"))
        assert county_scope(ledger, "平定县") == town
        with pytest.raises(ValidationError, match="不是县"):
            county_scope(ledger, "市发改委")


def test_the_task_query_and_the_row_filter_are_one_rule(on: LedgerOn, loop: Loop) -> None:
    with on(DAY) as ledger:
        rows = board(ledger, DAY)
        for code, expected in (("pdx", {loop.pingding, loop.pd_own}), ("yx", {loop.yuxian})):
            scope = scope_of(ledger, _unit(ledger, code))
            assert task_ids(ledger, scope) == frozenset(expected)
            assert {r.id for r in scope.only(rows)} == expected
        assert task_ids(ledger, EVERYTHING) is None and len(EVERYTHING.only(rows)) == len(rows)


def test_another_countys_task_is_not_found_like_a_missing_one(on: LedgerOn, loop: Loop) -> None:
    with on(DAY) as ledger:
        pingding = scope_of(ledger, _unit(ledger, "pdx"))
        require_task(ledger, pingding, loop.pingding)
        with pytest.raises(NotFoundError) as hidden:
            require_task(ledger, pingding, loop.yuxian)
        with pytest.raises(NotFoundError) as missing:
            ledger.get(Task, 999_999)
        assert str(hidden.value) == f"任务 {loop.yuxian} 不存在"
        assert str(missing.value) == "任务 999999 不存在"  # the same words: nothing leaks
        hidden_ones: list[tuple[str, int | str]] = [("items", loop.items["yx"]), ("items", loop.items["fgw"]),
                       ("units", _unit(ledger, "yx")), ("units", "gxj"), ("tasks", loop.city)]  # fmt: skip
        for collection, key in hidden_ones:
            with pytest.raises(NotFoundError):
                require_record(ledger, pingding, collection, key)
        require_record(ledger, pingding, "items", loop.items["pd-fgj"])
        require_record(ledger, pingding, "units", "pd-jzz")
        require_record(ledger, EVERYTHING, "tasks", loop.yuxian)


def test_the_review_and_scores_of_a_county_are_its_own(on: LedgerOn, loop: Loop) -> None:
    with on(DAY) as ledger:
        pingding = scope_of(ledger, _unit(ledger, "pdx"))
        whole = build_review(ledger, as_of=DAY)
        mine = build_review(ledger, as_of=DAY, seen=pingding)
    assert {t.id for t in mine.tasks} == {loop.pingding, loop.pd_own}
    assert {o.id for o in mine.orders} == {loop.items["pd-fgj"]}
    assert set(mine.units) == {"平定县", "平定县发展和改革局", "冠山镇"}
    assert mine.total.tasks == 2 and whole.total.tasks == len(whole.tasks) > 2
    scored = {s.unit for s in review_scores(mine, load_scoring())}
    assert scored and scored <= set(mine.units)
    assert {"市发展改革委", "盂县"} <= {s.unit for s in review_scores(whole, load_scoring())}


def test_reports_a_county_sees(on: LedgerOn, loop: Loop, make_report: Any) -> None:
    with on(DAY) as ledger:
        own = store_report(ledger, make_report(SAMPLE_TEXT + "\n", region="盂县")).report_id
        yuxian, pingding = (scope_of(ledger, _unit(ledger, c)) for c in ("yx", "pdx"))
        assert yuxian.reports == {own} and pingding.reports == frozenset()
        # its own report, and the city's it was handed a task from (to read the task's sentence)
        assert report_ids(ledger, yuxian) == frozenset({own, loop.report})
        assert report_ids(ledger, pingding) == frozenset({loop.report})
        # the tasks of its own report are its own, assigned or not
        assert {t.id for t in ledger.all(Task, report_id=own)} <= (task_ids(ledger, yuxian) or set())
        assert not {t.id for t in ledger.all(Task, report_id=own)} & (task_ids(ledger, pingding) or set())
        assert ledger.get(Report, own).region == "盂县"
        require_region(ledger, yuxian, "盂县")
        with pytest.raises(ValidationError, match="只能上传本县"):
            require_region(ledger, yuxian, "平定县")
        require_region(ledger, EVERYTHING, "平定县")


def test_a_countys_office_names_only_its_own_units(on: LedgerOn, loop: Loop) -> None:
    with on(DAY) as ledger:
        pingding = scope_of(ledger, _unit(ledger, "pdx"))
        require_inside(ledger, pingding, "lead", "平定县发改局")
        require_inside(ledger, pingding, "lead", "pd-jzz")
        for key, words in (("市发改委", "找不到单位：市发改委"), ("盂县", "找不到单位：盂县"), ("", "本县")):
            with pytest.raises(FieldError, match=words) as refused:
                require_inside(ledger, pingding, "lead", key)
            assert refused.value.field == "lead"
        with pytest.raises(NotFoundError):
            require_inside(ledger, pingding, "lead", "不存在的单位")
        require_inside(ledger, EVERYTHING, "lead", "市发改委")
        require_inside(ledger, EVERYTHING, "lead", "")


def test_the_city_public_rows_leave_the_counties_out(on: LedgerOn, loop: Loop) -> None:
    with on(DAY) as ledger:
        rows = board(ledger, DAY)
        city = {r.id for r in city_rows(ledger, rows)}
        county = {r.id for r in county_scope(ledger, "平定县").only(rows)}
    assert loop.city in city and loop.city_only in city
    assert not {loop.pingding, loop.yuxian, loop.pd_own} & city
    assert county == {loop.pingding, loop.pd_own}
