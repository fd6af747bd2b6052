"""Heading shapes: parts, sections and sub-headings across numbering styles."""

from __future__ import annotations

import pytest

from luoshi.segment.headings import Heading, Style, part_heading, section_heading, subheading


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("一、2022年工作回顾", Heading(Style.DUN, 1, "2022年工作回顾")),
        ("三、全面加强政府自身建设", Heading(Style.DUN, 3, "全面加强政府自身建设")),
        ("第二部分　2023年工作安排", Heading(Style.PARTS, 2, "2023年工作安排")),
        ("【一、过去五年工作回顾】", Heading(Style.DUN, 1, "过去五年工作回顾")),
        ("【今年重点工作】", Heading(Style.BRACKET, None, "今年重点工作")),
        ("过去五年工作回顾", Heading(Style.KEYWORD, None, "过去五年工作回顾")),
        ("一、综合实力显著增强。地区生产总值增长6.5%。", None),  # a sentence, not a heading
        ("(一)经济运行稳中提质", None),
        ("一是坚持稳中求进", None),
        ("我们回顾过去一年的工作，倍感振奋", None),
    ],
)
def test_part_heading(line: str, heading: Heading | None) -> None:
    assert part_heading(line) == heading


@pytest.mark.parametrize(
    ("line", "dun", "expected"),
    [
        ("(一)难中求成稳增长,经济运行稳中提质。面对压力", False, (1, "难中求成稳增长,经济运行稳中提质", 20)),
        ("（十）全力做好疫情防控和安全发展", False, (10, "全力做好疫情防控和安全发展", 16)),
        ("一、全力扩大有效需求", True, (1, "全力扩大有效需求", 10)),
        ("一、全力扩大有效需求", False, None),
        ("一是坚持稳中求进。", True, None),
        ("(1)推动消费", False, None),
    ],
)
def test_section_heading(line: str, dun: bool, expected: tuple[int, str, int] | None) -> None:
    assert section_heading(line, dun) == expected


@pytest.mark.parametrize(
    ("line", "theme"),
    [
        ("1.扩大有效投资", "扩大有效投资"),
        ("（2）促进消费恢复", "促进消费恢复"),
        ("【稳就业】", "稳就业"),
        ("推动能源产业绿色低碳转型", "推动能源产业绿色低碳转型"),
        ("实施省重点项目600个以上，上半年开工率达到60%。", None),
        ("重点抓好以下十个方面工作:", None),
    ],
)
def test_subheading(line: str, theme: str | None) -> None:
    assert subheading(line) == theme
