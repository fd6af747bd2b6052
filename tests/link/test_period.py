"""Plan figures about a longer period are not targets of the plan year."""

from __future__ import annotations

from typing import Any

from tests.link.build import make_quantity

from luoshi.document import Quantity
from luoshi.link.period import is_annual_target
from luoshi.pipeline import read_text

TEXT = (
    "政府工作报告\n"
    "一、2022年工作回顾\n"
    "地区生产总值增长4.5%。\n"
    "二、“十三五”时期发展成就和“十四五”时期主要目标任务\n"
    "森林覆盖率达到24.1%。\n"
    "三、2023年工作安排\n"
    "2023年是实施“十四五”规划承上启下的关键之年。今年主要预期目标是：地区生产总值增长6%左右。\n"
    "过去五年，城镇新增就业超过300万人。\n"
    "实施农村公路提升工程，到2025年新改建农村公路5000公里，今年新改建农村公路1200公里。\n"
    "到2023年底，建成5G基站3万座。\n"
)


def at(original: str, needle: str, **extra: Any) -> Quantity:
    start = original.index(needle)
    q = make_quantity("x", 1.0, **extra)
    q.start, q.end = start, start + len(needle)
    return q


def test_periods_are_recognised() -> None:
    report = read_text(TEXT)
    annual = {
        needle: is_annual_target(at(TEXT, needle), report, 2023)
        for needle in ("6%左右", "24.1%", "300万人", "5000公里", "1200公里", "3万座")
    }
    assert annual == {
        "6%左右": True,  # 十四五 in the paragraph, but the heading is the plan year's
        "24.1%": False,  # a five-year heading
        "300万人": False,  # 过去五年
        "5000公里": False,  # 到2025年
        "1200公里": True,  # its own sentence has no other deadline
        "3万座": True,  # the deadline is the plan year
    }


def test_an_explicit_other_year_decides() -> None:
    report = read_text(TEXT)
    assert not is_annual_target(at(TEXT, "1200公里", year=2025), report, 2023)
    assert is_annual_target(at(TEXT, "1200公里", year=2023), report, 2023)


REVIEW = (
    "政府工作报告\n"
    "一、过去一年和五年来的工作回顾\n"
    "一年来，国内生产总值增长3%，居民消费价格上涨2%。\n"
    "过去五年，国内生产总值增加到121万亿元，五年年均增长5.2%，城镇新增就业累计6000万人以上。\n"
    "我们狠抓落实，国内生产总值年均增长5.2%，粮食产量1.37万亿斤。\n"
    "二、2023年工作安排\n"
)


def test_outcomes_of_the_year_only() -> None:
    from luoshi.link.period import is_annual_outcome

    report = read_text(REVIEW)
    annual = {
        needle: is_annual_outcome(at(REVIEW, needle, part="review"), report, 2022)
        for needle in ("3%", "2%", "121万亿元", "6000万人", "5.2%，粮食", "1.37万亿斤")
    }
    assert annual == {
        "3%": True,  # 一年来
        "2%": True,
        "121万亿元": False,  # 过去五年
        "6000万人": False,
        "5.2%，粮食": False,  # 年均增长
        "1.37万亿斤": True,
    }
