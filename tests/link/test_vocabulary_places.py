"""Indicator names that open with the report's region."""

from __future__ import annotations

import pytest

from luoshi.link.vocabulary import load_vocabulary


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("北京市生产总值", "地区生产总值"),  # 政府工作报告-主要城市/北京市/2004.txt
        ("本省生产总值", "地区生产总值"),  # 政府工作报告-省自治区/吉林省/2005.txt
        ("西藏生产总值", "地区生产总值"),  # 政府工作报告-省自治区/西藏自治区/2006.txt
        ("某某市居民消费价格", "居民消费价格"),
        ("城市生产总值", None),  # 城市 is no place name
        ("园区工业增加值", None),
    ],
)
def test_a_leading_region_name_is_not_part_of_the_indicator(name: str, canonical: str | None) -> None:
    """Rule: a region (X省/X市/X自治区, a province's short name, 本省) before a known indicator
    names the same indicator."""
    entry = load_vocabulary().canonical(name)
    assert (entry.name if entry else None) == canonical
