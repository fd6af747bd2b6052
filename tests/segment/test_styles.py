"""Reports in other styles (written for these tests): county, province (traditional), headless."""

from __future__ import annotations

from datetime import date

import pytest

from luoshi.document import PartKind
from luoshi.segment.outline import paragraphs_of

from .conftest import Segmented

REVIEW, PLAN = PartKind.REVIEW, PartKind.PLAN


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        # 【…】 parts without numbers, 一、 as sections, five-year review without a year.
        (
            "texts/structure-county.txt",
            [
                ("过去五年工作回顾", REVIEW, 2022, 2),
                ("今后五年目标任务", PLAN, 2023, 1),
                ("今年重点工作", PLAN, 2023, 2),
            ],
        ),
        # 第一部分 numbering, traditional script, review heading without a year, slogan-titled part.
        (
            "texts/structure-province-traditional.txt",
            [
                ("过去一年工作", REVIEW, 2022, 2),
                ("2023年工作安排", PLAN, 2023, 2),
                ("坚定信心勇毅前行", PLAN, 2023, 0),
            ],
        ),
        # 【一、…】: numbered parts inside brackets.
        (
            "texts/structure-city-bracket.txt",
            [
                ("2023年工作回顾", REVIEW, 2023, 2),
                ("2024年工作安排", PLAN, 2024, 2),
                ("全面加强政府自身建设", PLAN, 2024, 0),
            ],
        ),
        # Slogan headings: kinds from the year in the title and from the wording; a 三、 list item
        # inside part 二 does not steal part 三.
        (
            "texts/structure-slogan.txt",
            [
                ("砥砺奋进的2021年", REVIEW, 2021, 0),
                ("奋力谱写高质量发展新篇章", PLAN, 2022, 3),
                ("全面加强政府自身建设", PLAN, 2022, 0),
            ],
        ),
        # No date, no title: the year comes from the headline-target paragraph.
        (
            "texts/structure-yearless.txt",
            [("过去一年的工作", REVIEW, 2022, 0), ("今年的主要任务", PLAN, 2023, 0)],
        ),
        # A lone un-numbered line with a part word before 一、 parts does not set the style.
        (
            "texts/structure-lone-keyword.txt",
            [("2022年工作回顾", REVIEW, 2022, 0), ("2023年工作安排", PLAN, 2023, 0)],
        ),
        # No headings at all: split where the text turns to 今年.
        ("texts/structure-headless.txt", [("", REVIEW, None, 0), ("", PLAN, None, 0)]),
    ],
)
def test_parts_in_other_styles(
    segmented: Segmented, name: str, parts: list[tuple[str, PartKind, int | None, int]]
) -> None:
    _, _, found = segmented(name)
    got = [(p.title, p.kind, p.year, sum(1 for s in p.sections if s.number)) for p in found]
    assert got == parts


@pytest.mark.parametrize(
    ("name", "day", "speaker", "region", "level", "year"),
    [
        ("texts/structure-county.txt", date(2023, 1, 12), "代县长 王建国", "平顺县", "county", 2023),
        (
            "texts/structure-province-traditional.txt",
            date(2023, 1, 15),
            "省长 张明",
            "河北省",
            "province",
            2023,
        ),
        ("texts/structure-city-bracket.txt", date(2024, 1, 23), "市长 张三丰", "大同市", "city", 2024),
        ("texts/structure-slogan.txt", date(2022, 1, 6), "区长 李明", "尧都区", "county", 2022),
        ("texts/structure-headless.txt", None, None, None, None, None),
    ],
)
def test_metadata_in_other_styles(
    segmented: Segmented,
    name: str,
    day: date | None,
    speaker: str | None,
    region: str | None,
    level: str | None,
    year: int | None,
) -> None:
    _, meta, _ = segmented(name)
    assert (meta.date, meta.speaker, meta.region, meta.level, meta.year) == (
        day,
        speaker,
        region,
        level,
        year,
    )


@pytest.mark.parametrize(
    ("name", "themes"),
    [
        (
            "texts/structure-province-traditional.txt",
            ["扩大有效投资", "促进消费恢复", "推动钢铁产业转型升级", "全面加强政府自身建设"],
        ),
        ("texts/structure-city-bracket.txt", ["推动煤炭产业绿色转型", "大力开展招商引资"]),
        ("texts/structure-headless.txt", ["推进产业转型升级", "加强民生保障"]),
    ],
)
def test_themes_in_other_styles(segmented: Segmented, name: str, themes: list[str]) -> None:
    _, _, parts = segmented(name)
    found = [p.theme for part in parts if part.kind is PLAN for p in paragraphs_of(part) if p.theme]
    assert found == themes


@pytest.mark.parametrize(
    "name",
    [
        "texts/structure-county.txt",
        "texts/structure-province-traditional.txt",
        "texts/structure-city-bracket.txt",
        "texts/structure-headless.txt",
    ],
)
def test_headline_paragraphs_are_in_the_plan(segmented: Segmented, name: str) -> None:
    _, _, parts = segmented(name)
    flagged = [(part.kind, p.text) for part in parts for p in paragraphs_of(part) if p.headline_targets]
    assert flagged and all(kind is PLAN for kind, _ in flagged)
    assert all("目标" in text for _, text in flagged)


def test_a_headline_target_list_over_several_lines(segmented: Segmented) -> None:
    _, _, parts = segmented("texts/structure-target-list.txt")
    flagged = [p.text for part in parts for p in paragraphs_of(part) if p.headline_targets]
    assert flagged == [
        "全县经济社会发展的主要预期目标是：",
        "1.地区生产总值增长6%左右；",
        "2.一般公共预算收入增长5%；",
        "3.城镇调查失业率控制在5.5%以内。",
    ]
