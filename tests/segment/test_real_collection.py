"""What the shared real collection (lawtext/gov) taught about heads, years and appendices: each rule
with an excerpt of the real report that showed it (file cited) and a case written in another style."""

from __future__ import annotations

import pytest

from luoshi.document import PartKind
from luoshi.normalise import normalise
from luoshi.pipeline import read_text
from luoshi.segment import segment
from luoshi.segment.appendix import is_glossary_heading
from luoshi.segment.cities import city_of
from luoshi.segment.meta import named_year, report_meta
from luoshi.segment.outline import explain
from luoshi.segment.provinces import province_of

OPENING = "各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。\n"


@pytest.mark.parametrize(
    ("head", "region"),
    [
        # 政府工作报告-主要城市/长沙市/2010.txt: the congress line broken after 第十三届
        ("政府工作报告\n2010年1月16日在长沙市第十三届\n人民代表大会第三次会议上\n（长沙晚报公布稿）\n"
         "市长 张剑飞\n" + OPENING, "长沙市"),
        # 政府工作报告-主要城市/呼和浩特市/2024.txt: a space between the city and 第十六届
        ("政府工作报告\n——二〇二四年一月十八日在呼和浩特市 第十六届人民代表大会第三次会议上\n" + OPENING,
         "呼和浩特市"),
        # 政府工作报告-主要城市/宁波市/2022.txt: the date and the city on one line, the congress below
        ("政府工作报告\n2022年4月9日在宁波市\n第十六届人民代表大会第一次会议上\n汤飞帆\n" + OPENING,
         "宁波市"),
        # hand-written: broken in another place
        ("在株洲市第十七届人民\n代表大会第二次会议上\n" + OPENING, "株洲市"),
        ("在市十一届人大五次会议上\n" + OPENING, None),  # names no city
    ],
)  # fmt: skip
def test_a_broken_or_spaced_congress_line_names_the_city(head: str, region: str | None) -> None:
    assert report_meta(head).region == region


@pytest.mark.parametrize(
    ("head", "region"),
    [
        # 政府工作报告-主要城市/长沙市/2023.txt: the congress only in a note (an HTML comment) of one sentence
        ("2023年政府工作报告\n在长沙市第十六届人民代表大会第二次会议上，郑建新作政府工作报告。\n市长 郑建新\n"
         + OPENING, "长沙市"),
        # 政府工作报告-国务院/1964-part.txt: the footnote says where the report was delivered
        ("1964年政府工作报告\n（一九六四年十二月二十一日、二十二日）\n"
         "这是周恩来在第三届全国人民代表大会第一次会议上作的报告。\n周恩来\n", "国务院"),
        # 政府工作报告-省自治区/浙江省/1984.txt: a sentence citing the national congress later is no note
        ("1984年政府工作报告\n各位代表:\n我代表省人民政府向大会作政府工作报告，请予审议。\n"
         "为了实现上述目标，并为今后的经济振兴铺平道路、打好基础，根据赵紫阳总理在六届全国人大二次会议上"
         "所作的政府工作报告的精神，今年要抓好以下几项工作。\n", None),
        # hand-written
        ("这份报告是在某某市第九届人民代表大会第一次会议上宣读的。\n", "某某市"),
    ],
)  # fmt: skip
def test_a_note_names_the_congress_in_its_first_clause(head: str, region: str | None) -> None:
    assert report_meta(head).region == region


# 政府工作报告-主要城市/宁波市/2015.txt: "我代表市人民政府", the city never named in the head; sentences
# of its review (杭州湾 names 杭州 too, three times against nine)
NINGBO = (
    "各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。\n一、2014年工作回顾\n"
    "成功承办亚太经合组织首次高官会议，中意宁波生态园批准设立，宁波杭州湾新区升格为国家级开发区。\n"
    "上海大众宁波基地扩建等项目开工建设。\n铁路宁波站综合交通枢纽等项目稳步推进。\n"
    "宁波杭州湾医院、宁波工程学院新校区等项目加快实施。\n中国电信云计算宁波分中心等项目稳步实施。\n"
    "推进南车宁波产业基地、杭州湾智能装备产业园建设。\n“质优宁波”建设全面启动。\n"
)


@pytest.mark.parametrize(
    ("text", "city", "region"),
    [
        (NINGBO, "宁波市", "宁波市"),
        # hand-written: a city report naming its city (bare) five times, a neighbour once
        ("我代表市人民政府向大会报告工作。\n" + "株洲经济稳步增长，株洲制造走向全国。" * 2
         + "株洲轨道交通产业集群、湘潭和株洲融城发展。\n", "株洲市", "株洲市"),
        # two cities named as often: no city is made up
        ("我代表市人民政府向大会报告工作。\n" + "株洲和湘潭共建。" * 5, None, None),
        # a provincial report is no city's (its cities place its province)
        ("我代表省人民政府向大会报告工作。\n" + "株洲经济稳步增长。" * 6, None, "湖南省"),
    ],
)  # fmt: skip
def test_a_city_report_that_never_names_its_city_in_the_head_is_placed_by_the_city_it_names_most(
    text: str, city: str | None, region: str | None
) -> None:
    assert city_of(text) == city
    meta, _ = segment(normalise(text))
    assert meta.region == region


# 政府工作报告-省自治区/甘肃省/1997.txt: 甘肃 named once, its cities many times
GANSU = (
    "代省长 孙 英\n各位代表：\n我代表省人民政府向大会作工作报告，请予审议。\n"
    "建成了成品油长输管线的兰州首站。干塘至武威南沙漠电气化铁路建成并投入运营。"
    "兰州商贸中心建设实现了“三年见小效”的目标。庆阳老区要进一步巩固脱贫成果。平凉电厂年内开工。"
    "酒钢中板工程建成投产，金昌12万吨磷二铵和兰化大化肥建成试车。酒泉至嘉峪关段国道改建。"
    "继续抓好兰州内陆开放城市建设，加快兰州商贸中心建设步伐。\n"
)


@pytest.mark.parametrize(
    ("text", "region"),
    [
        (GANSU, "甘肃省"),
        ("我代表省人民政府报告工作。\n" + "长沙、株洲、湘潭一体化，岳阳港、衡阳枢纽加快建设。" * 2, "湖南省"),
        ("我代表省人民政府报告工作。\n长沙、南京、成都、西安。\n", None),  # no province's cities stand out
    ],
)  # fmt: skip
def test_a_provincial_report_that_seldom_names_its_province_is_placed_by_its_cities(
    text: str, region: str | None
) -> None:
    assert province_of(text) == region


@pytest.mark.parametrize(
    ("head", "plan_year", "named"),
    [
        # 政府工作报告-省自治区/四川省/2006.txt: titled by the year it reviews, delivered in 2007 for 2007
        ("2006年四川省人民政府工作报告\n政府工作报告\n（2007年1月26日在四川省第十届人民代表大会第五次会议上）\n"
         "代省长 蒋巨峰\n各位代表：\n我代表省人民政府，向大会报告工作。\n2006年工作回顾\n"
         "过去的一年，全省经济增长了13.3%。\n",
         2007, 2006),
        # 政府工作报告-国务院/1981.txt: 1981年政府工作报告, delivered in December 1981, plans 1982
        ("1981年政府工作报告\n当前的经济形势和今后经济建设的方针\n"
         "——1981年11月30日和12月1日在第五届全国人民代表大会第四次会议上\n国务院总理　赵紫阳\n各位代表：\n",
         1982, 1981),
        # 政府工作报告-主要城市/长春市/2013.txt: the year in the title is the date delivered, not a name
        ("长春市政府工作报告 （2012年12月20日 姜治莹）\n各位代表：\n", 2013, 2013),
        # hand-written
        ("某某市人民政府2030年工作报告\n（2031年1月9日）\n各位代表：\n", 2031, 2030),
        ("某某市政府工作报告\n2029年12月28日\n各位代表：\n", 2030, 2030),
    ],
)  # fmt: skip
def test_the_report_year_is_the_year_its_title_names_and_the_plan_year_stays(
    head: str, plan_year: int, named: int
) -> None:
    meta, _ = segment(normalise(head))
    assert (meta.year, named_year(meta)) == (plan_year, named)


@pytest.mark.parametrize(
    ("head", "year"),
    [
        # 政府工作报告-省自治区/江苏省/2003.txt: a date line seven years from the title (a copy's error)
        ("江苏省2003年政府工作报告\n（2010年2月20日 梁保华）\n"
         "各位代表，现在，我代表江苏省人民政府，向大会报告过去五年的工作。\n"
         "一、过去五年工作回顾\n1998年到2002年，全省经济增长了。\n", 2003),
        # hand-written: one year apart is a December delivery, the date decides
        ("某某市2040年政府工作报告\n2039年12月20日\n各位代表：\n", 2040),
        ("某某市2041年政府工作报告\n（2048年1月3日）\n各位代表：\n", 2041),
    ],
)  # fmt: skip
def test_a_date_years_from_the_titles_year_is_not_the_reports(head: str, year: int) -> None:
    meta, _ = segment(normalise(head))
    assert meta.year == year


# 政府工作报告-省自治区/广东省/2022.txt: the end of the plan, then 附件2 名词解释 with numbered terms
GUANGDONG = (
    "2022年广东省政府工作报告\n——2022年1月20日在广东省第十三届人民代表大会第五次会议上\n各位代表：\n"
    "一、2021年工作回顾\n过去一年，全省地区生产总值增长了8%。\n"
    "二、2022年工作安排\n今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右。\n"
    "拓宽跨省通办业务范围。实现群众就医、求学、养老、户籍业务等100项高频事项“跨省通办、省内通办”。\n"
    "附件2\n名词解释\n"
    "1.“一照通行”：对企业生产经营涉及的各类许可实行审前指导、一表申请、联审联办。\n"
    "4.农产品“12221”市场体系：搭建“1”个农产品大数据平台，组建销区采购商和培养产区经纪人“2”支队伍。\n"
    "6.“三区三线”：农业、生态、城镇空间和永久基本农田、生态保护红线、城镇开发边界。\n"
)
# hand-written: 附：名词释义 after a report without part headings
WRITTEN = (
    "某某市政府工作报告\n2025年1月10日\n各位代表：\n去年全市经济增长了5%。\n"
    "今年要力争全市生产总值增长6%，将加快推进重点项目建设。\n"
    * 3
    + "附：名词释义\n1.新质生产力：以创新起主导作用，全要素生产率提升30%以上的先进生产力质态。\n"
    "2.“两重”建设：国家重大战略实施和重点领域安全能力建设，力争建成10个示范项目。\n"
)


@pytest.mark.parametrize(("text", "title"), [(GUANGDONG, "附件2 名词解释"), (WRITTEN, "附：名词释义")])
def test_a_glossary_after_the_report_is_an_appendix_with_no_targets_or_tasks(text: str, title: str) -> None:
    report = read_text(text)
    last = report.parts[-1]
    assert (last.kind, last.title, last.year) == (PartKind.APPENDIX, title, None)
    assert any(p.kind is PartKind.PLAN for p in report.parts)
    glossary = report.text.clean[last.start : last.end]
    assert glossary.startswith(title[:2]) and "1." in glossary
    assert report.quantities  # the plan's figures are read, the glossary's are not
    assert not [q for q in report.quantities if q.sentence in glossary]
    assert not [t for t in report.tasks if t.text in glossary]
    assert any(line.startswith(f"第{last.number}部分 {title} → 附录") for line in explain(text))


@pytest.mark.parametrize(
    ("line", "heads"),
    [
        # headings met in the collection (广东, 海南, 四川, 浙江 …)
        ("名词解释", True), ("名词解释和说明", True), ("注释：", True), ("附：名词解释", True),
        ("附件二：名词解释", True), ("《政府工作报告》有关内容名词注释", True),
        ("《政府工作报告》注释", True), ("附录一：《政府工作报告》名词解释", True),
        ("有关词语解释", True), ("《政府工作报告》有关术语的说明", True),
        # not headings: a file list, a section heading, prose
        ("- 2026年政府工作报告名词解释.pdf", False), ("（一）“十三五”规划纲要说明", False),
        ("有关情况说明", False), ("对名词解释不清的问题，要加强宣传。", False),
    ],
)  # fmt: skip
def test_glossary_headings(line: str, heads: bool) -> None:
    assert is_glossary_heading(line) is heads


@pytest.mark.parametrize(
    ("head", "region"),
    [
        # 政府工作报告-主要城市/东莞市/2024.txt: the title above a congress-document line is not joined to it
        ("2024年东莞市政府工作报告\n市十七届人大四次会议文件（三）\n政府工作报告\n"
         "——2024年1月31日在东莞市第十七届人民代表大会\n第四次会议上\n", "东莞市"),
        # 政府工作报告-主要城市/海口市/2017.txt
        ("2017年海口市政府工作报告\n海口市十六届人大\n二次会议文件（十二）\n政府工作报告\n", "海口市"),
        # hand-written
        ("2031年某某市政府工作报告\n市九届人大一次会议文件\n", "某某市"),
    ],
)  # fmt: skip
def test_a_line_is_joined_to_the_next_only_where_the_congress_name_goes_on(head: str, region: str) -> None:
    assert report_meta(head).region == region


@pytest.mark.parametrize(
    ("head", "region", "level"),
    [
        # 政府工作报告-省自治区/贵州省/2003.txt: the title's 贵州 ends in 州 but is a province
        ("贵州省2003年政府工作报告\n各位代表：\n", "贵州省", "province"),
        # hand-written
        ("2030年新疆自治区政府工作报告\n", "新疆维吾尔自治区", "province"),
        ("2030年广西自治区政府工作报告\n", "广西壮族自治区", "province"),
        ("2030年吉林市政府工作报告\n", "吉林市", "city"),
    ],
)  # fmt: skip
def test_a_province_is_named_in_full(head: str, region: str, level: str) -> None:
    meta = report_meta(head)
    assert (meta.region, meta.level) == (region, level)
