"""The deadline lexicon: phrases → the last day they allow, anchored to the plan year."""

from __future__ import annotations

from datetime import date

import pytest

from luoshi.calendar.lunar import SPRING_FESTIVAL
from luoshi.extract.deadlines import deadline_in


@pytest.mark.parametrize(
    ("text", "year", "deadline"),
    [
        ("西上庄电厂8月底前实现双机投产", 2023, date(2023, 8, 31)),
        ("南延工程10月底前竣工通车", 2023, date(2023, 10, 31)),
        ("6月底前开工青羊镇污水处理厂", 2024, date(2024, 6, 30)),
        ("八月底前完成改造", 2023, date(2023, 8, 31)),
        ("十一月底前全部完工", 2023, date(2023, 11, 30)),  # months read by the headings' numeral reader
        ("十二月中旬前完成验收", 2023, date(2023, 12, 20)),
        ("力争用两年时间建成", 2023, date(2024, 12, 31)),
        ("2月底前完成", 2024, date(2024, 2, 29)),  # leap year
        ("年底前建成投用", 2023, date(2023, 12, 31)),
        ("今年底前全面完成", 2023, date(2023, 12, 31)),
        ("项目年内实现全容量并网", 2023, date(2023, 12, 31)),
        ("全年发电量不少于100亿千瓦时", 2023, date(2023, 12, 31)),
        ("上半年开工率达到60%", 2023, date(2023, 6, 30)),
        ("下半年投入运营", 2023, date(2023, 12, 31)),
        ("一季度举办招商推介会3场以上", 2024, date(2024, 3, 31)),
        ("第一季度完成", 2023, date(2023, 3, 31)),
        ("三季度末前建成储能电站", 2023, date(2023, 9, 30)),
        ("前三季度完成投资80%", 2023, date(2023, 9, 30)),
        ("9月份开学前投用", 2023, date(2023, 9, 30)),
        ("5月中旬完成春播", 2023, date(2023, 5, 20)),
        ("6月前完成", 2023, date(2023, 5, 31)),  # before June
        ("3月15日前完成申报", 2023, date(2023, 3, 15)),
        ("春节前足额发放农民工工资", 2023, date(2024, 2, 9)),  # the festival closing the plan year
        ("国庆前开放", 2023, date(2023, 9, 30)),
        ("2025年底前全部完成", 2023, date(2025, 12, 31)),
        ("到2025年新能源装机达到500万千瓦", 2023, date(2025, 12, 31)),
        ("2024年6月底前建成", 2023, date(2024, 6, 30)),
        ("力争用三年时间新改扩建中小学幼儿园50所", 2023, date(2025, 12, 31)),
        ("用两年左右时间完成", 2022, date(2023, 12, 31)),
        ("力争三年内实现全覆盖", 2023, date(2025, 12, 31)),
        ("8月底前开工,年底前建成", 2023, date(2023, 8, 31)),  # several: the earliest
        ("2025年底前完成", None, date(2025, 12, 31)),  # an absolute date needs no plan year
    ],
)
def test_deadline(text: str, year: int | None, deadline: date) -> None:
    assert deadline_in(text, year) == deadline


@pytest.mark.parametrize(
    "text",
    [
        "实施国企改革三年行动",  # a programme's duration
        "连续三年位居全省第一",
        "审批时限压缩30天",
        "用12个月完成",
        "截至2022年底累计建成5G基站3000座",  # an as-of date
        "2020年以来累计投资100亿元",
        "7月1日起施行",  # a start, not a deadline
        "2035年远景目标纲要",  # a plan's name
        "今年是全面贯彻落实党的二十大精神的开局之年",
        "新建5G基站1000座以上",
        "",
    ],
)
def test_not_a_deadline(text: str) -> None:
    assert deadline_in(text, 2023) is None


def test_relative_phrases_need_the_plan_year() -> None:
    assert deadline_in("8月底前完成", None) is None


def test_spring_festival_table_is_plausible() -> None:
    days = [date(y, m, d) for y, (m, d) in SPRING_FESTIVAL.items()]
    assert all(date(y, 1, 21) <= day <= date(y, 2, 20) for y, day in zip(SPRING_FESTIVAL, days, strict=True))
    assert SPRING_FESTIVAL[2023] == (1, 22) and SPRING_FESTIVAL[2024] == (2, 10)


@pytest.mark.parametrize("year", range(2010, 2027))
def test_spring_festival_table_agrees_with_the_official_holidays(year: int) -> None:
    chinese_calendar = pytest.importorskip("chinese_calendar")
    month, day = SPRING_FESTIVAL[year]
    try:
        _, name = chinese_calendar.get_holiday_detail(date(year, month, day))
    except NotImplementedError:
        pytest.skip(f"chinesecalendar does not cover {year}")
    assert name == "Spring Festival"
