"""What the shared real collection taught about part headings and the headline-targets sentence:
each rule with an excerpt of the real report that showed it (file cited) and a case written in
another style."""

from __future__ import annotations

import pytest

from luoshi.document import PartKind
from luoshi.pipeline import read_text
from luoshi.segment.paragraphs import is_headline

REVIEW, PLAN = PartKind.REVIEW, PartKind.PLAN
OPENING = "各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。\n"


def kinds_and_titles(text: str) -> list[tuple[PartKind, str]]:
    return [(p.kind, p.title) for p in read_text(text).parts]


def plan_growth(text: str) -> list[tuple[str, float | None]]:
    """(indicator, value) of the plan's growth figures."""
    return [
        (q.indicator, q.value)
        for q in read_text(text).quantities
        if q.part is PLAN and q.metric.value == "growth"
    ]


@pytest.mark.parametrize(
    ("body", "flag"),
    [
        # 政府工作报告-省自治区/河北省/2005.txt: a stray space inside 确定
        ("我省今年经济社会发展的主要预期目标确 定为：全省生产总值增长10％，全部财政收入可比增长10％", True),
        # 政府工作报告-主要城市/沈阳市/2003.txt
        ("2003年全市经济和社会发展的主要指标预期为：国内生产总值增长11％；财政收入增长13％", True),
        # 政府工作报告-省自治区/云南省/2019.txt
        ("今年经济社会发展的主要预期目标建议为：全省地区生产总值增长8.5%左右", True),
        # hand-written
        ("全县今年发展的主要目标初步确定为：地区生产总值增长6%", True),
        ("主要预期目标 建议是：地区生产总值增长5%左右", True),
        ("全面完成了年初确定的主要预期目标，地区生产总值增长5.3%", False),
        ("预期目标的建议，充分考虑了各方面因素", False),
    ],
)  # fmt: skip
def test_headline_wordings(body: str, flag: bool) -> None:
    assert is_headline(body) is flag


# 政府工作报告-省自治区/河北省/2005.txt: the plan heading runs on into the plan's first paragraph
HEBEI = (
    "政府工作报告\n——2005年1月11日在河北省第十届人民代表大会第三次会议上\n"
    + OPENING
    + "一、2004年工作回顾\n过去一年，全省生产总值增长12.9％。\n"
    "二、2005年 主要任务 今年是全面实现“十五”计划目标的重要一年。我省今年经济社会发展的主要预期目标"
    "确 定为：全省生产总值增长10％，全部财政收入可比增长10％以上。\n"
    "要毫不放松地抓好“三农”工作。\n"
)
# hand-written: a bracketed plan heading the text runs on from after a space
WRITTEN_RUN_ON = (
    "某某市政府工作报告\n" + OPENING + "一、2029年工作回顾\n过去一年，全市生产总值增长了5％。\n"
    "二、2030年 重点工作 2030年全市发展的主要预期目标是：地区生产总值增长6％。新建学校3所。\n"
)


@pytest.mark.parametrize(
    ("text", "growth"),
    [
        (HEBEI, [("全省生产总值", 10.0), ("全部财政收入可比", 10.0)]),
        (WRITTEN_RUN_ON, [("地区生产总值", 6.0)]),
    ],
)
def test_the_text_a_part_heading_runs_on_with_is_the_parts_first_paragraph(
    text: str, growth: list[tuple[str, float]]
) -> None:
    report = read_text(text)
    assert [p.kind for p in report.parts] == [REVIEW, PLAN]
    first = report.parts[1].sections[0].paragraphs[0]
    assert first.text.startswith(("今年是", "2030年全市")) and first.headline_targets
    assert [(name.removeprefix("全省").removeprefix("全市"), v) for name, v in plan_growth(text)] == [
        (name.removeprefix("全省").removeprefix("全市"), v) for name, v in growth
    ]


# 政府工作报告-主要城市/沈阳市/2003.txt: the copy glued two part headings to the paragraphs above them
SHENYANG = (
    "沈阳市2003年政府工作报告\n——2003年1月10日沈阳市第十三届人民代表大会第一次会议通过\n"
    + OPENING
    + "一、过去五年的工作回顾\n过去的五年，全市国内生产总值实现1400亿元，同比增长13.1％。\n"
    "五年来辉煌成就的取得，是全市广大干部群众同心同德、艰苦奋斗的结果。二、今后五年的奋斗目标和主要任务\n"
    "今后五年全市经济和社会发展的奋斗目标是：全市国内生产总值要突破2500亿元。\n"
    "沈阳的未来将十分美好，我们更应该为自己城市的发展贡献出一切力量！三、2003年的主要工作安排\n"
    "2003年全市经济和社会发展的主要指标预期为：国内生产总值增长11％；财政收入增长13％。\n"
)
# hand-written: a part heading glued after a question mark, and a section glued after a full stop
WRITTEN_GLUED = (
    "某某县政府工作报告\n"
    + OPENING
    + "一、2029年工作回顾\n过去一年，全县生产总值增长了5％。成绩从哪里来？二、2030年工作安排\n"
    "今年要新建学校3所。一、加快产业升级\n要新建产业园2个。\n"
)


def test_a_part_heading_glued_to_the_paragraph_above_heads_its_part() -> None:
    assert kinds_and_titles(SHENYANG) == [
        (REVIEW, "过去五年的工作回顾"),
        (PLAN, "今后五年的奋斗目标和主要任务"),
        (PLAN, "2003年的主要工作安排"),
    ]
    assert ("国内生产总值", 11.0) in plan_growth(SHENYANG)
    # a glued line that does not read like a part title (一、加快产业升级) is left in its paragraph
    assert kinds_and_titles(WRITTEN_GLUED) == [(REVIEW, "2029年工作回顾"), (PLAN, "2030年工作安排")]


# 政府工作报告-省自治区/甘肃省/1994.txt: bold part headings without numbers, and sections numbered
# 一、二、… again in every part
GANSU = (
    "1994年政府工作报告\n——1994年4月2日在甘肃省第八届人民代表大会第二次会议上\n甘肃省代省长 张吾乐\n"
    "各位代表：\n我代表省人民政府向大会作工作报告，请予审议。\n"
    "一九九三年的工作\n过去的一年，完成了省八届人大一次会议批准通过的主要任务和奋斗目标。\n"
    "一、国民经济持续较快健康发展\n全省国内生产总值达到270亿元，比上年增长了10.2%。\n"
    "二、改革开放迈出了新步子\n全年新批外商投资企业350家。\n"
    "一九九四年的主要任务\n1994年是全面推进改革的关键一年。\n"
    "一、确保农村经济稳定增长\n今年粮食总产量要达到72亿公斤。\n"
    "二、大力发展乡镇企业\n乡镇企业增加值要增长25%。\n"
    "不断深化改革，为提前完成“八五”计划而奋斗\n今年是提前完成“八五”计划的最后一年。\n"
    "一、认真落实各项重大改革措施\n要认真落实国家的财税改革。\n"
    "二、继续深化企业改革\n今年要有100户企业进行股份制改造。\n"
)
# hand-written: bracket-less headings with a year, one paragraph between heading and 一、
WRITTEN_RESTART = (
    "某某市政府工作报告\n"
    + OPENING
    + "2029年工作回顾\n一、经济平稳增长\n全市生产总值增长了5%。\n二、民生持续改善\n新增就业2万人。\n"
    "2030年工作安排\n今年全市要奋力拼搏。\n一、扩大有效投资\n要新开工项目50个。\n"
    "二、促进消费\n社会消费品零售总额要增长6%。\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GANSU, [(REVIEW, "一九九三年的工作"), (PLAN, "一九九四年的主要任务"),
                 (PLAN, "不断深化改革，为提前完成“八五”计划而奋斗")]),
        (WRITTEN_RESTART, [(REVIEW, "2029年工作回顾"), (PLAN, "2030年工作安排")]),
    ],
)  # fmt: skip
def test_sections_numbered_again_in_every_part_lie_under_un_numbered_part_headings(
    text: str, expected: list[tuple[PartKind, str]]
) -> None:
    report = read_text(text)
    assert [(p.kind, p.title) for p in report.parts] == expected
    assert all([s.number for s in p.sections if s.number] == [1, 2] for p in report.parts)
    assert any(q.part is PLAN for q in report.quantities)


# one list restarting at 一 inside a part numbered in the same style is not a part structure
LIST_INSIDE = (
    "某某市政府工作报告\n"
    + OPENING
    + "一、2029年工作回顾\n全市生产总值增长了5%。\n二、2030年工作安排\n重点抓好三件事\n"
    "一、扩大投资\n要新开工项目50个。\n二、促进消费\n要新增商业网点20个。\n三、加强自身建设\n要改进作风。\n"
)


def test_a_list_restarting_at_one_inside_numbered_parts_is_not_read_as_parts() -> None:
    titles = [t for _, t in kinds_and_titles(LIST_INSIDE)]
    assert titles[:2] == ["2029年工作回顾", "2030年工作安排"]


# 政府工作报告-省自治区/新疆维吾尔自治区/2003.txt: numbered runs under two bare part headings, and a
# bare part heading between them (今后五年的工作) whose text opens no 一、 run
XINJIANG = (
    "新疆维吾尔自治区2003年政府工作报告\n（2003年1月8日 阿不来提·阿不都热西提）\n"
    + OPENING
    + "五年工作的回顾\n过去五年，全区国内生产总值年均增长8.1%。\n"
    "一、综合实力显著增强，结构调整取得成效\n2002年全区国内生产总值达到1598亿元。\n"
    "二、固定资产投资快速增长，重点建设成就显著\n五年累计完成固定资产投资3800亿元。\n"
    "今后五年的工作\n今后五年自治区国民经济和社会发展主要预期目标是：国内生产总值年均增长10%。\n"
    "2003年的工作\n今年国民经济和社会发展的主要预期目标是：国内生产总值1745亿元，增长9%。\n"
    "一、积极发展农业和农村经济，努力增加农民收入\n农民人均纯收入要增长5%。\n"
    "二、立足优势，突出重点，促进工业快速发展\n工业增加值要增长10%。\n"
)


def test_a_bare_part_heading_that_opens_no_numbered_run_is_kept_beside_those_that_do() -> None:
    assert kinds_and_titles(XINJIANG) == [
        (REVIEW, "五年工作的回顾"), (PLAN, "今后五年的工作"), (PLAN, "2003年的工作"),
    ]  # fmt: skip


# 政府工作报告-主要城市/厦门市/2009.txt: a part headed by the year the report is delivered in (工作意见
# names no kind) opens on the year's plan, then its headline targets: it is not split
XIAMEN = (
    "厦门市第十三届人民代表大会第四次会议政府工作报告\n——2009年2月13日在厦门市第十三届人民代表大会第四次会议上\n"
    + OPENING
    + "一、2008年的工作回顾\n过去一年，全市地区生产总值增长了11.1%。\n"
    "二、2009年的工作意见\n2009年，是新中国成立60周年，也是推进“十一五”规划顺利实施的关键一年。\n"
    "政府工作的总体要求是：全面贯彻党的十七大精神，努力保持经济平稳较快发展。\n"
    "2009年主要预期目标建议为：地区生产总值增长11%左右；规模以上工业总产值增长11%。\n"
)
# hand-written: a heading without a kind word over a review that turns to the headline targets
WRITTEN_TURN = (
    "某某市政府工作报告\n"
    + OPENING
    + "一、经济社会发展情况\n过去一年，全市生产总值增长了5%，完成了年初确定的目标，新增就业2万人。\n"
    "今年全市发展的主要预期目标是：地区生产总值增长6%左右。\n"
    "二、加强政府自身建设\n要改进作风。\n"
)


# 政府工作报告-国务院/2011.txt: a part headed by the year delivered that opens on last year's figures
GUOWUYUAN_2011 = (
    "政府工作报告\n——2011年3月5日在第十一届全国人民代表大会第四次会议上\n"
    + OPENING
    + "一、“十一五”时期国民经济和社会发展的回顾\n过去五年，国内生产总值年均增长11.2%。\n"
    "二、2011年的工作\n2011年，是“十二五”开局之年。过去一年，我们的各项工作取得了很大成绩。"
    "国内生产总值增长10.3%，居民消费价格涨幅控制在3.3%，城镇新增就业1168万人。\n"
    "今年，我国发展面临的形势仍然极其复杂。\n"
    "今年国民经济和社会发展的主要预期目标是：国内生产总值增长8%左右；城镇新增就业900万人以上。\n"
)


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        (XIAMEN, [REVIEW, PLAN]),
        (GUOWUYUAN_2011, [REVIEW, REVIEW, PLAN]),
        (WRITTEN_TURN, [REVIEW, PLAN, PLAN]),
    ],
)
def test_a_part_holding_the_headline_targets_is_split_unless_headed_by_the_year_and_opening_on_the_plan(
    text: str, kinds: list[PartKind]
) -> None:
    assert [k for k, _ in kinds_and_titles(text)] == kinds
