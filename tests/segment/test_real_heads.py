"""Heads and outlines of real reports (shared real corpus, lawtext/gov collection), each beside a
hand-written case of the same rule."""

from __future__ import annotations

from datetime import date

import pytest

from luoshi.document import PartKind
from luoshi.normalise import normalise
from luoshi.segment import segment
from luoshi.segment.meta import report_meta
from luoshi.segment.outline import explain
from luoshi.segment.provinces import province_of

REVIEW, PLAN = PartKind.REVIEW, PartKind.PLAN
BODY_REVIEW = "过去一年，全市经济实现了稳定增长，同比增长了5%。\n"
BODY_PLAN = "今年要着力扩大投资，力争全年增长6%，将加快推进重点项目。\n"


def kinds_and_years(text: str) -> tuple[int | None, list[tuple[PartKind, int | None]]]:
    meta, parts = segment(normalise(text))
    return meta.year, [(p.kind, p.year) for p in parts]


@pytest.mark.parametrize(
    ("head", "region"),
    [
        # 政府工作报告-主要城市/乌鲁木齐市/2014.txt: the congress line broken, "我代表市人民政府" below it
        ("政府工作报告\n——2014年1月9日在乌鲁木齐市第十五届人民代表大会\n第三次会议上\n代市长伊力哈木·沙比尔\n"
         "各位代表：\n现在，我代表市人民政府，向大会报告工作", "乌鲁木齐市"),
        # 政府工作报告-主要城市/太原市/2004.txt: the speaker's office names the city
        ("──在太原市第十一届人民代表大会第四次会议上\n太原市市长  李荣怀\n", "太原市"),
        # 政府工作报告-主要城市/沈阳市/2004.txt: the date runs into the congress name
        ("——2004年1月13日沈阳市第十三届人民代表大会第二次会议通过\n各位代表：\n", "沈阳市"),
        # 政府工作报告-主要城市/大连市/2013.txt: the title carries the date and speaker in brackets
        ("大连市政府工作报告 （2013年1月5日 李万才）\n各位代表：\n", "大连市"),
        # 政府工作报告-主要城市/泉州市/2004.txt: a name whose stem ends in a suffix character (州)
        ("2004年泉州市政府工作报告\n各位代表：\n", "泉州市"),
        ("2023年杭州市政府工作报告\n", "杭州市"),
        # hand-written: only "我代表省人民政府" — no region is stated, none is made up
        ("政府工作报告\n各位代表：\n现在，我代表省人民政府向大会报告工作，请予审议。\n", None),
        ("我代表自治区人民政府，向大会报告工作\n", None),
        ("2024年某某县政府工作报告\n我代表县人民政府\n", "某某县"),
    ],
)  # fmt: skip
def test_region_from_congress_title_speaker_never_from_wo_daibiao(head: str, region: str | None) -> None:
    """Rule: region from the congress line, the title, the speaker's office or a named government;
    "我代表省/市/自治区" names none."""
    assert report_meta(head).region == region


@pytest.mark.parametrize(
    ("head", "day"),
    [
        # 政府工作报告-省自治区/河北省/2016.txt: the date alone in brackets under the speaker
        ("政府工作报告\n——在河北省第十二届人民代表大会第四次会议上\n"
         "河北省人民政府省长 张庆伟\n（2016年1月8日）\n",
         date(2016, 1, 8)),
        ("某市政府工作报告\n2023年2月1日\n", date(2023, 2, 1)),
        ("现在，我代表市人民政府，回顾2022年12月31日以来的工作。\n", None),
    ],
)  # fmt: skip
def test_date_from_a_date_line_of_the_head_not_from_prose(head: str, day: date | None) -> None:
    """Rule: the date delivered is a full date on a head line that is not a sentence."""
    assert report_meta(head).date == day


def test_a_vision_year_is_not_the_report_year() -> None:
    """Rule: the plan year is the date delivered, else the earliest plan heading year — not 2035.

    Excerpt of 政府工作报告-主要城市/天津市/2021.txt."""
    text = (
        "天津市2021年政府工作报告\n——2021年1月25日在天津市第十七届人民代表大会第五次会议上\n"
        "一、“十三五”时期工作回顾\n"
        + BODY_REVIEW
        + "二、2035年远景目标和“十四五”时期主要目标与重点任务\n"
        + BODY_PLAN
        + "三、全力做好2021年重点工作\n"
        + BODY_PLAN
    )
    year, parts = kinds_and_years(text)
    assert year == 2021
    assert parts == [(REVIEW, 2020), (PLAN, 2035), (PLAN, 2021)]
    undated = (
        "一、2022年工作回顾\n"
        + BODY_REVIEW
        + "二、2050年远景目标\n"
        + BODY_PLAN
        + "三、2023年工作安排\n"
        + BODY_PLAN
    )
    assert kinds_and_years(undated)[0] == 2023


def test_since_this_year_is_review() -> None:
    """Rule: 今年以来 looks back: "2019年和今年以来工作回顾" is a review, not a mixed part.

    Excerpt of 政府工作报告-国务院/2020.txt."""
    text = (
        "政府工作报告\n——2020年5月22日在第十三届全国人民代表大会第三次会议上\n"
        "一、2019年和今年以来工作回顾\n过去一年，我国经济运行总体平稳。今年以来，疫情防控取得重大成果。\n"
        "二、今年发展主要目标和下一阶段工作总体部署\n" + BODY_PLAN
    )
    assert kinds_and_years(text) == (2020, [(REVIEW, 2019), (PLAN, 2020)])


def test_a_year_before_the_plan_outweighs_a_plan_word_in_the_heading() -> None:
    """Rule: clues are weighed; "全面完成了2004年的工作任务" in a 2005 report is a review.

    Excerpt of 政府工作报告-省自治区/黑龙江省/2005.txt."""
    text = (
        "2005年黑龙江省政府工作报告\n——2005年1月25日在黑龙江省第十届人民代表大会第四次会议上\n"
        "一、以振兴老工业基地为契机，全面完成了2004年的工作任务\n"
        + BODY_REVIEW
        + "二、以科学发展观为统领，全面推进2005年经济和社会发展\n"
        + BODY_PLAN
    )
    assert kinds_and_years(text)[1] == [(REVIEW, 2004), (PLAN, 2005)]


def test_sections_that_start_again_hold_a_lost_part() -> None:
    """Rule: (一)…(二) then (一) again: the copy lost a part heading; the second run is its own part.

    Shaped like 政府工作报告-主要城市/沈阳市/2004.txt (an abridged copy)."""
    text = (
        "一、2003年政府工作回顾\n（一）项目建设取得丰硕成果\n"
        + BODY_REVIEW
        + "（二）结构调整迈出新步伐\n"
        + BODY_REVIEW
        + "（一）狠抓结构调整，促进工业经济快速增长\n"
        + BODY_PLAN
        + "（二）大力发展县区经济\n"
        + BODY_PLAN
    )
    assert [k for k, _ in kinds_and_years(text)[1]] == [REVIEW, PLAN]


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("2009年工作总体部署", PLAN),  # 政府工作报告-省自治区/甘肃省/2009.txt, a bold line without number
        ("2024年主要工作", PLAN),
    ],
)
def test_unnumbered_plan_heading_words(title: str, kind: PartKind) -> None:
    """Rule: 部署 and 主要工作 mark an unnumbered part heading."""
    text = f"2008年工作回顾\n{BODY_REVIEW}{title}\n{BODY_PLAN}推进政府自身建设\n{BODY_PLAN}"
    parts = kinds_and_years(text)[1]
    assert len(parts) == 3 and parts[1][0] is kind


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("2023年，全市地区生产总值增长6%左右，新建5G基站1000座以上。", PLAN),
        ("今年要新建学校10所。", PLAN),
        ("2022年，全市地区生产总值增长了4.5%，新建5G基站完成了800座。", REVIEW),
    ],
)
def test_one_paragraph_is_plan_when_it_speaks_of_the_future(line: str, kind: PartKind) -> None:
    """Rule: a report of one paragraph has a body (no head), read as plan unless its words look back."""
    _, parts = segment(normalise(line))
    assert [p.kind for p in parts] == [kind]


def test_province_named_most_in_a_provincial_report() -> None:
    """Rule: a provincial report whose head names no province (我代表省人民政府, 全省…) is about the
    province its text names most. Shaped like 政府工作报告-省自治区/江西省/2020.txt."""
    text = (
        "我代表省人民政府向大会报告工作。全省经济增长。江西奋进。江西发展。江西在中部崛起，与湖南合作。全省。"
    )
    assert province_of(text) == "江西省"
    assert province_of("全市经济增长。全市发展。长沙与湖南、湖南省会。湖南。") is None  # a city report
    # 政府工作报告-主要城市/呼和浩特市/2022.txt: a city speaking of its autonomous region
    city = "我代表市人民政府向大会报告工作。全区全区全区。内蒙古。内蒙古。内蒙古。全市。"
    assert province_of(city) is None


def test_explain_outline_names_each_part_and_its_clues() -> None:
    """Rule: the explanation shows metadata, each part's kind with its score, and the clues."""
    lines = explain(
        normalise("一、2022年工作回顾\n" + BODY_REVIEW + "二、2023年工作安排\n" + BODY_PLAN).clean
    )
    assert lines[0].startswith("报告：") and "年份 2023" in lines[0]
    assert lines[1].startswith("第1部分 2022年工作回顾 → 回顾")
    assert any("标题年份 2022 早于计划年份 2023" in line for line in lines[2:4])
    assert any(line.startswith("第2部分 2023年工作安排 → 计划") for line in lines)


def test_body_before_the_first_part_is_a_part() -> None:
    """Rule: body text before the first part heading (review and targets of a copy that numbers only
    its plan chapters) is a part 0, split where it turns to the plan.

    Shaped like 政府工作报告-主要城市/哈尔滨市/2009.txt."""
    text = (
        "2009年政府工作报告\n——2009年1月7日在哈尔滨市第十三届人民代表大会第三次会议上\n各位代表：\n"
        + BODY_REVIEW * 16
        + "今年全市经济社会发展的主要预期目标是：地区生产总值增长12.5%。\n"
        + "一、巩固和加强农业基础地位，努力实现农业稳定发展\n"
        + BODY_PLAN
    )
    assert kinds_and_years(text) == (2009, [(REVIEW, 2008), (PLAN, 2009), (PLAN, 2009)])
    short = (
        "某市政府工作报告\n各位代表：\n现在，我代表市人民政府向大会报告工作。\n一、2022年工作回顾\n"
        + BODY_REVIEW
    )
    assert len(kinds_and_years(short)[1]) == 1  # a salutation is no part


def test_a_review_part_holding_the_headline_targets_turns_to_the_plan() -> None:
    """Rule: a review part that holds the headline-targets paragraph (the plan heading was lost) is
    split where the text turns to the future.

    Shaped like 政府工作报告-省自治区/甘肃省/2007.txt."""
    text = (
        "——2007年1月26日在甘肃省第十届人民代表大会第五次会议上\n一、2006年工作回顾\n"
        + BODY_REVIEW * 3
        + "今年政府工作的总体要求是：坚持科学发展。\n经济和社会发展的主要预期目标是：生产总值增长10%以上。\n"
        + "二、加强政府自身建设\n"
        + BODY_PLAN
    )
    assert kinds_and_years(text)[1] == [(REVIEW, 2006), (PLAN, 2007), (PLAN, 2007)]


def test_a_report_without_headings_turns_to_the_plan_no_later_than_its_headline_targets() -> None:
    """Rule: where a report without part headings states its headline targets before any paragraph
    opens on the future, the plan starts there.

    Shaped like 政府工作报告-主要城市/上海市/2004.txt."""
    text = (
        "政府工作报告\n——2004年1月22日在上海市第十二届人民代表大会第二次会议上\n"
        + BODY_REVIEW * 3
        + "全市经济和社会发展的主要预期目标为：国内生产总值增长10%以上，城镇登记失业率4.6%左右。\n"
        + "为实现上述目标，要重点做好以下工作。\n今年要着力扩大投资。\n"
    )
    _, parts = segment(normalise(text))
    plan = [p for p in parts if p.kind is PLAN]
    assert len(plan) == 1
    assert normalise(text).clean[plan[0].start :].startswith("全市经济和社会发展的主要预期目标为")
