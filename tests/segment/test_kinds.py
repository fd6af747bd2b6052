"""Review or plan, from a heading's words, and where a mixed part turns to the future."""

from __future__ import annotations

import pytest

from luoshi.document import PartKind
from luoshi.segment.kinds import content_kind, is_mixed, title_kind, title_year, turns_to_plan

REVIEW, PLAN = PartKind.REVIEW, PartKind.PLAN


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("2022年工作回顾", REVIEW),
        ("过去五年工作回顾", REVIEW),
        ("过去一年的工作", REVIEW),
        ("2023年工作安排", PLAN),
        ("今后五年目标任务", PLAN),
        ("今年重点工作", PLAN),
        ("2022年经济社会发展总体要求和政策取向", PLAN),
        ("2022年政府工作任务", PLAN),
        ("全面加强政府自身建设", PLAN),
        ("“十三五”时期发展成就和“十四五”时期主要目标任务", None),  # mixed
        ("砥砺奋进的2021年", None),  # a slogan: decided by year or wording
    ],
)
def test_title_kind(title: str, kind: PartKind | None) -> None:
    assert title_kind(title) is kind


def test_mixed_heading() -> None:
    assert is_mixed("“十三五”时期发展成就和“十四五”时期主要目标任务")
    assert not is_mixed("2022年工作回顾")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("一年来，我们实现了经济平稳增长，完成了全年目标，比上年增长5%。", REVIEW),
        ("今年要加快推进产业转型，力争实现新突破，确保完成目标。", PLAN),
    ],
)
def test_content_kind(text: str, kind: PartKind) -> None:
    assert content_kind(text) is kind


@pytest.mark.parametrize(
    ("paragraph", "turns"),
    [
        ("“十四五”时期是开启全面建设社会主义现代化国家新征程的第一个五年。", True),
        ("今后五年，我们将坚持稳中求进。", True),
        ("今年发展主要预期目标是：国内生产总值增长6%以上。", True),
        ("过去五年，我国经济社会发展取得新的历史性成就。", False),
        ("我们为“十四五”开好局打下了坚实基础。", False),
    ],
)
def test_turns_to_plan(paragraph: str, turns: bool) -> None:
    assert turns_to_plan(paragraph) is turns


@pytest.mark.parametrize(
    ("title", "year"), [("2022年工作回顾", 2022), ("今年重点工作", None), ("2021年至2025年", 2025)]
)
def test_title_year(title: str, year: int | None) -> None:
    assert title_year(title) == year
