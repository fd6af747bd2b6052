"""Counts of things of a stated size (6个10万千瓦), listed several times in one sentence."""

from __future__ import annotations

import pytest

from luoshi.pipeline import read_text


@pytest.mark.parametrize(
    "sentence",
    [
        # 政府工作报告-省自治区/湖南省/2005.txt (failed with "zip() argument 2 is shorter than argument 1")
        "从今年开始，全省重点支持10个年销售收入30亿元以上、30个10亿元以上、100个亿元以上的优质农产品加工龙头企业。",
        # 政府工作报告-省自治区/广西壮族自治区/2023.txt
        "今年要形成6个1000亿元、3个500亿元现代特色农业产业集群。",
        # hand-written: three pairs, one of them of power
        "今年将新建2个100万千瓦、3个50万千瓦和4个20万千瓦的光伏基地。",
    ],
)
def test_a_list_of_count_and_size_pairs_gives_one_item_per_number(sentence: str) -> None:
    """Rule: each number of a per-unit list gets its own name: a count names the things counted,
    a size names their 单体规模 (it was one name pair for the whole list, and the report failed)."""
    report = read_text("二、今年工作安排\n" + sentence)
    counts = [q for q in report.quantities if q.unit == "个"]
    sizes = [q for q in report.quantities if q.unit != "个"]
    assert counts and sizes
    assert all("单体" not in q.indicator for q in counts)
    assert all("单体" in q.indicator for q in sizes)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        (
            "——国内生产总值增长8%。",
            "国内生产总值",
        ),  # 政府工作报告-省自治区/甘肃省/2000.txt, dashed target lines
        ("－粮食产量增长2%。", "粮食产量"),
    ],
)
def test_a_list_dash_is_not_part_of_the_indicator(line: str, name: str) -> None:
    """Rule: the dash that opens a list item is not part of the indicator's name."""
    report = read_text("二、今年工作安排\n今年经济和社会发展的预期目标是：\n" + line)
    assert [q.indicator for q in report.quantities if q.unit == "%"] == [name]
