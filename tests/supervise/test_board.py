"""How a task's target is read: cumulative, a rate watched as it stands, or a ceiling."""

from __future__ import annotations

from datetime import date

import pytest

from luoshi.supervise.board import measure_for
from luoshi.supervise.status import Measure, ProgressPoint, State, TaskFacts, task_status


@pytest.mark.parametrize(
    ("unit", "modifier", "indicator", "target", "expected"),
    [
        ("%", "at_most", "城镇登记失业率", 4.0, Measure.CEILING),  # 控制在4%以内
        ("%", "about", "居民消费价格涨幅", 3.0, Measure.CEILING),  # 3%左右 is a ceiling in practice
        ("%", "about", "城镇调查失业率", 5.5, Measure.CEILING),
        ("%", "about", "地区生产总值", 6.0, Measure.RATE),
        ("%", "about", "单位地区生产总值能耗", -3.0, Measure.RATE),  # a fall is not capped
        ("万吨", "at_least", "原煤产量", 6890.0, Measure.CUMULATIVE),
        ("%", "about", None, 3.0, Measure.RATE),
    ],
)
def test_measure_for(
    unit: str, modifier: str, indicator: str | None, target: float, expected: Measure
) -> None:
    assert measure_for(unit, modifier, indicator, target) is expected


def test_cpi_below_its_about_target_is_on_track() -> None:
    """Regression (demo dashboard): CPI 2.2% against 3%左右 showed 进度滞后."""
    facts = TaskFacts(
        start=date(2023, 1, 1),
        deadline=date(2023, 12, 31),
        target=3.0,
        measure=measure_for("%", "about", "居民消费价格涨幅", 3.0),
        reports=(ProgressPoint(on=date(2023, 9, 5), value=2.2, done=False, answers=None),),
    )
    assert task_status(facts, date(2023, 9, 30)).state is State.ON_TRACK
