"""Verdicts as Chinese practice reads targets: modifier × direction, reductions, tolerance."""

from __future__ import annotations

import pytest
from tests.link.build import make_quantity as mq

from luoshi.link.verdict import Status, judge, written
from luoshi.link.vocabulary import Direction, Settings

FLOOR, CEILING, BAND = Direction.FLOOR, Direction.CEILING, Direction.BAND
MET, MISSED = Status.MET, Status.MISSED


@pytest.mark.parametrize(
    ("target", "outcome", "direction", "status"),
    [
        # CPI 3%左右 is a ceiling: far below is met, a little above is within tolerance
        (mq("居民消费价格涨幅", 3, modifier="about"), mq("居民消费价格", 0.2), CEILING, MET),
        (mq("居民消费价格涨幅", 3, modifier="about"), mq("居民消费价格", -0.3), CEILING, MET),
        (mq("居民消费价格涨幅", 3, modifier="about"), mq("居民消费价格", 3.1), CEILING, MET),
        (mq("居民消费价格涨幅", 3, modifier="about"), mq("居民消费价格", 3.5), CEILING, MISSED),
        # unemployment 5.5%左右 (share), ceiling
        (
            mq("城镇调查失业率", 5.5, metric="share", modifier="about"),
            mq("城镇调查失业率", 5.1, metric="share"),
            CEILING,
            MET,
        ),
        (
            mq("城镇调查失业率", 5.5, metric="share", modifier="about"),
            mq("城镇调查失业率", 5.9, metric="share"),
            CEILING,
            MISSED,
        ),
        (
            mq("城镇调查失业率", 5.5, metric="share", modifier="at_most"),
            mq("城镇调查失业率", 5.6, metric="share"),
            CEILING,
            MISSED,
        ),
        # growth targets are floors
        (mq("国内生产总值", 6, modifier="at_least"), mq("国内生产总值", 8.1), FLOOR, MET),
        (mq("国内生产总值", 6, modifier="at_least"), mq("国内生产总值", 5.9), FLOOR, MISSED),
        (mq("国内生产总值", 6, modifier="about"), mq("国内生产总值", 5.9), FLOOR, MET),
        (mq("国内生产总值", 6, modifier="about"), mq("国内生产总值", 5.5), FLOOR, MISSED),
        (mq("国内生产总值", 6, modifier="about"), mq("国内生产总值", 9.0), FLOOR, MET),
        (mq("国内生产总值", 5, modifier="exact"), mq("国内生产总值", 5.0), FLOOR, MET),
        (mq("国内生产总值", 5, modifier="exact"), mq("国内生产总值", 4.9), FLOOR, MISSED),
        # a band 左右 must land near the target on either side
        (mq("宏观杠杆率", 5, modifier="about"), mq("宏观杠杆率", 5.9), BAND, MISSED),
        (mq("宏观杠杆率", 5, modifier="about"), mq("宏观杠杆率", 5.1), BAND, MET),
        # ranges
        (mq("国内生产总值", 6, modifier="range", value_high=6.5), mq("国内生产总值", 6.1), FLOOR, MET),
        (mq("国内生产总值", 6, modifier="range", value_high=6.5), mq("国内生产总值", 5.9), FLOOR, MISSED),
        (mq("国内生产总值", 6, modifier="range", value_high=6.5), mq("国内生产总值", 6.6), BAND, MISSED),
        (mq("居民消费价格", 2, modifier="range", value_high=3), mq("居民消费价格", 3.4), CEILING, MISSED),
        # a reduction target is a floor on the fall, whatever the vocabulary says of the level
        (mq("单位GDP能耗", -3, modifier="about"), mq("单位GDP能耗", -3.5), FLOOR, MET),
        (mq("单位GDP能耗", -3, modifier="about"), mq("单位GDP能耗", -2.9), FLOOR, MET),
        (mq("单位GDP能耗", -3, modifier="about"), mq("单位GDP能耗", -2.5), FLOOR, MISSED),
        (mq("单位GDP能耗", -3, modifier="about"), mq("单位GDP能耗", 0.5), FLOOR, MISSED),
        (mq("PM2.5平均浓度", -5, modifier="at_least"), mq("PM2.5平均浓度", -6.1), CEILING, MET),
        # levels compare in base units: 1.3万亿斤 以上 vs 6.8亿吨
        (
            mq("粮食产量", 1.3, "万亿斤", "level", "at_least"),
            mq("粮食产量", 68285, "万吨", "level"),
            FLOOR,
            MET,
        ),
        (
            mq("粮食产量", 1.3, "万亿斤", "level", "at_least"),
            mq("粮食产量", 1.29, "万亿斤", "level"),
            FLOOR,
            MISSED,
        ),
        (
            mq("城镇新增就业", 1100, "万人", "count", "at_least"),
            mq("城镇新增就业", 12690000, "人", "count"),
            FLOOR,
            MET,
        ),
        # 左右 on a level: relative tolerance (2%)
        (mq("原煤产量", 1.3, "亿吨", "level", "about"), mq("原煤产量", 12800, "万吨", "level"), FLOOR, MET),
        (
            mq("原煤产量", 1.3, "亿吨", "level", "about"),
            mq("原煤产量", 12500, "万吨", "level"),
            FLOOR,
            MISSED,
        ),
        # a rank: 第3 as a ceiling is met by 第2
        (mq("营商环境排名", 3, "", "rank"), mq("营商环境排名", 2, "", "rank"), CEILING, MET),
    ],
)
def test_judge(target, outcome, direction, status) -> None:  # type: ignore[no-untyped-def]
    assert judge(target, outcome, direction, Settings()).status == status


def test_tolerance_is_configurable() -> None:
    target, outcome = mq("国内生产总值", 6, modifier="about"), mq("国内生产总值", 5.5)
    assert judge(target, outcome, FLOOR, Settings(about_points=0.5)).status == MET
    assert judge(target, outcome, FLOOR, Settings(about_points=0.2)).status == MISSED


def test_why_is_one_chinese_line() -> None:
    why = judge(mq("居民消费价格涨幅", 3, modifier="about"), mq("居民消费价格", 0.9), CEILING, Settings()).why
    assert "\n" not in why
    assert "0.9%" in why and "3%左右" in why and "上限型" in why and why.endswith("完成")


def test_why_of_a_reduction_speaks_of_the_fall() -> None:
    why = judge(mq("单位GDP能耗", -3, modifier="about"), mq("单位GDP能耗", -2.5), FLOOR, Settings()).why
    assert "降幅小于" in why and "下降3%左右" in why and why.endswith("未完成")


def test_written_keeps_the_report_text() -> None:
    assert written(mq("x", 40000, "户", "count", "at_least", text="4万余户")) == "4万余户"
    assert written(mq("x", 6, modifier="at_least")) == "6%以上"
    assert written(mq("x", 6, modifier="range", value_high=6.5)) == "6—6.5%"
