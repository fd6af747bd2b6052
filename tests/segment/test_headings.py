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


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        # 政府工作报告-省自治区/河北省/2005.txt: the plan heading's text runs on after a space
        ("二、2005年 主要任务 今年是全面实现“十五”计划目标、衔接“十一五”发展的重要一年，也是实现“第一个翻番”"
         "的关键一年，做好今年的工作至关重要。", Heading(Style.DUN, 2, "2005年 主要任务")),
        # same file: a run-on line without a part word is no part heading
        ("三、 加强政府行政能力建设 牢记立党为公、执政为民的宗旨，切实转变政府职能，建设服务型政府，"
         "全面推进依法行政，不断提高政府的执行力和公信力。", None),
        # hand-written
        ("第三部分 今后五年的奋斗目标 今后五年，全县要着力推进高质量发展，力争经济总量翻番，城乡居民收入"
         "同步增长，生态环境持续改善。", Heading(Style.PARTS, 3, "今后五年的奋斗目标")),
        ("一、2023年工作回顾 和展望", Heading(Style.DUN, 1, "2023年工作回顾 和展望")),  # no sentence runs on
    ],
)  # fmt: skip
def test_a_part_heading_whose_text_runs_on_after_a_space(line: str, heading: Heading | None) -> None:
    assert part_heading(line) == heading
