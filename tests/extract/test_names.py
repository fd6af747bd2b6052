"""Indicator names (issue 12): the counted noun of each list item, a noun that ends at its
predicate, and a name without the action that encloses it.

Each rule has a real excerpt (the report it came from, under /work/shared-real) and a sentence
written here in another wording.
"""

from __future__ import annotations

import pytest

from luoshi.document import Quantity
from luoshi.extract.names import (
    cut_predicate,
    elliptic_name,
    is_fragment,
    list_item_name,
    shared_noun,
    split_before_after,
    table_name,
    verb_only,
)
from luoshi.pipeline import read_text

REVIEW = "一、2023年工作回顾\n{}\n"


def names(sentence: str) -> dict[str, str]:
    """Each figure as written → its indicator name."""
    quantities: list[Quantity] = read_text(REVIEW.format(sentence)).quantities
    return {q.text: q.indicator for q in quantities}


# --- verb-only list items share the noun of their neighbour ----------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 政府工作报告-主要城市/武汉市/2014.txt (was 开工城建重大项目竣工, 开工续建)
        (
            "城建重大项目竣工6个、开工18个、续建38个。",
            {"6个": "城建重大项目竣工", "18个": "城建重大项目开工", "38个": "城建重大项目续建"},
        ),
        # 政府工作报告-主要城市/深圳市/2014.txt (was 竣工, 供应)
        (
            "保障性住房开工1.7万套、竣工2.21万套、供应2.7万套。",
            {"1.7万套": "保障性住房开工", "2.21万套": "保障性住房竣工", "2.7万套": "保障性住房供应"},
        ),
        # 政府工作报告-主要城市/合肥市/2022.txt (was 新增中欧班列开行)
        ("中欧班列开行668列、新增100列。", {"668列": "中欧班列开行", "100列": "中欧班列新增"}),
        # 政府工作报告-主要城市/贵阳市/2023.txt (the verb opens the name: 建成 takes 新开工's place)
        ("新开工棚户区改造4.1万户、建成3万户。", {"3万户": "建成棚户区改造"}),
        # written here: three stages of one kind of road
        (
            "农村公路新建120公里、改造300公里、养护800公里。",
            {"120公里": "农村公路新建", "300公里": "农村公路改造", "800公里": "农村公路养护"},
        ),
    ],
)
def test_a_verb_only_item_takes_the_noun_of_the_item_before(sentence: str, expected: dict[str, str]) -> None:
    """Rule: 项目竣工6个、开工18个 — the second item is the same noun at another stage."""
    got = names(sentence)
    assert {k: got.get(k) for k in expected} == expected


@pytest.mark.parametrize(
    ("sentence", "first", "name"),
    [
        # 政府工作报告-主要城市/武汉市/2014.txt (was 新建)
        ("新建60家、提档升级40家社区养老院。", "60家", "新建社区养老院"),
        # written here
        ("改造12座、新建8座城市公厕。", "12座", "改造城市公厕"),
    ],
)
def test_a_verb_only_first_item_takes_the_noun_the_list_closes_with(
    sentence: str, first: str, name: str
) -> None:
    """Rule: 新建60家、提档升级40家社区养老院 — both counts are of 社区养老院."""
    assert names(sentence)[first] == name


# --- the counted noun -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "figure", "name"),
    [
        # 政府工作报告-主要城市/武汉市/2014.txt (was 新增)
        ("全民阅读活动广泛开展，新增25个24小时自助图书馆。", "25个", "新增24小时自助图书馆"),
        # written here
        ("年内建成3000个5G基站。", "3000个", "建成5G基站"),
    ],
)
def test_a_number_inside_the_counted_noun_stays_in_the_name(sentence: str, figure: str, name: str) -> None:
    """Rule: 24小时, 5G are part of the noun after the measure word, not where it stops."""
    assert names(sentence)[figure] == name


@pytest.mark.parametrize(
    ("sentence", "figure", "name"),
    [
        # 政府工作报告-省自治区/辽宁省/2023.txt (was 重点产业集群建设取得积极成效)
        ("22个重点产业集群建设取得积极成效。", "22个", "重点产业集群建设"),
        # written here
        ("全市46个行政村实现集中供水全覆盖。", "46个", "行政村"),
    ],
)
def test_a_counted_noun_ends_where_its_predicate_starts(sentence: str, figure: str, name: str) -> None:
    """Rule: N个X实现/取得/入选…: the name is X, not the clause."""
    assert names(sentence)[figure] == name


def test_a_bare_head_keeps_its_predicate() -> None:
    """项目 alone names nothing: 项目年内实现并网 keeps what sets these projects apart."""
    assert cut_predicate("项目年内实现全容量并网发电") == "项目年内实现全容量并网发电"
    assert cut_predicate("高频政务服务事项实现跨省通办") == "高频政务服务事项"


# --- fragments --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "figure", "name"),
    [
        # 政府工作报告-主要城市/兰州市/2014.txt (was 净)
        ("全市农民人均纯收入达到7114元，增长14.29%，净增890元。", "890元", "农民人均纯收入"),
        # written here
        ("全市市场主体达到52万户，净增3.1万户。", "3.1万户", "市场主体"),
    ],
)
def test_the_adverb_of_a_change_is_not_a_name(sentence: str, figure: str, name: str) -> None:
    """Rule: 净增890元 after a named figure is that figure's change."""
    assert names(sentence)[figure] == name


@pytest.mark.parametrize(
    ("sentence", "figure", "name"),
    [
        # 政府工作报告-省自治区/四川省/2012.txt (was 通车里程新增)
        ("通车里程新增2400公里、达到4334公里。", "4334公里", "通车里程"),
        # written here
        ("城市公园新增12个、达到86个。", "86个", "城市公园"),
    ],
)
def test_the_level_reached_after_a_change_is_the_nouns(sentence: str, figure: str, name: str) -> None:
    """Rule: X新增A、达到B — B is the level of X, not of X新增."""
    assert names(sentence)[figure] == name


# --- lists of parallel objects ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 政府工作报告-主要城市/南昌市/2019.txt (was 企业技术中心分别新增)
        (
            "省级工程技术研究中心、重点实验室、企业技术中心分别新增8家、7家、5家。",
            {"8家": "新增省级工程技术研究中心", "7家": "新增重点实验室", "5家": "新增企业技术中心"},
        ),
        # written here: the verb first, two levels of one kind of centre
        (
            "新增国家级、省级企业技术中心2个、5个。",
            {"2个": "新增国家级企业技术中心", "5个": "新增省级企业技术中心"},
        ),
    ],
)
def test_a_listed_subject_gives_each_number_its_own_item_with_the_shared_verb(
    sentence: str, expected: dict[str, str]
) -> None:
    """Rule: A、B、C分别新增N1、N2、N3 — the verb belongs to every item, not to the last."""
    assert names(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 政府工作报告-主要城市/银川市/2025.txt (was one item, 培育家庭农场、农民合作社各)
        ("培育家庭农场、农民合作社各15个。", ["培育家庭农场", "培育农民合作社"]),
        # written here
        ("新建乡镇综合文化站、村级文化广场各20个。", ["新建乡镇综合文化站", "新建村级文化广场"]),
    ],
)
def test_one_figure_for_each_listed_item_gives_one_item_each(sentence: str, expected: list[str]) -> None:
    """Rule: A、B各N个 states N for A and N for B (as 均 does)."""
    quantities = read_text(REVIEW.format(sentence)).quantities
    assert [q.indicator for q in quantities] == expected
    assert {q.value for q in quantities} == {quantities[0].value}


def test_a_number_after_one_noun_and_one_before_another_count_each_their_own() -> None:
    """新建A2个、3个B: the 2 counts A, the 3 counts B (written here; it gave both the name AB)."""
    got = names("新建省级企业技术中心2个、3个工程研究中心。")
    assert got == {"2个": "新建省级企业技术中心", "3个": "新建工程研究中心"}


def test_a_level_alone_takes_the_head_of_the_name_before() -> None:
    """新增国家级X2个，省级3个: 省级 counts X too (written here; it was named 省级)."""
    got = names("新增国家级企业技术中心2个，省级3个。")
    assert got["3个"] == "省级企业技术中心"


# --- table-style names ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "figure", "name"),
    [
        # 政府工作报告-主要城市/兰州市/2025.txt (was 推动有色冶金产业规模)
        ("推动石油化工、有色冶金产业规模分别突破1000亿元和600亿元。", "600亿元", "有色冶金产业规模"),
        # written here
        ("加快推进汽车以旧换新3.2万辆。", "3.2万辆", "汽车以旧换新"),
    ],
)
def test_the_enclosing_action_is_not_part_of_the_name(sentence: str, figure: str, name: str) -> None:
    """Rule: 推动/加快/支持/落实… open a task, they do not name what is measured."""
    assert names(sentence)[figure] == name


@pytest.mark.parametrize(
    ("sentence", "figure", "name"),
    [
        # 政府工作报告-省自治区/新疆维吾尔自治区/2023.txt (was 开工改造涉及)
        ("开工改造城镇老旧小区1273个、涉及20.39万户。", "20.39万户", "开工改造城镇老旧小区涉及"),
        # heldout2/city-xueling-2024 (was 改造涉及)
        ("改造城镇老旧小区46个、涉及3800户。", "3800户", "改造城镇老旧小区涉及"),
        # written here
        ("整修农村公路12条、涉及里程86公里。", "86公里", "整修农村公路涉及里程"),
    ],
)
def test_an_item_that_opens_with_involving_counts_the_item_before(
    sentence: str, figure: str, name: str
) -> None:
    """Rule: 涉及 (like 惠及/覆盖) opens a predicate on the thing counted before, in another measure."""
    assert names(sentence)[figure] == name


@pytest.mark.parametrize(
    ("sentence", "figure", "name"),
    [
        # 政府工作报告-省自治区/黑龙江省/2015.txt
        ("为一线环卫工人和交警发放冬季误餐补助1.2亿元。", "1.2亿元", "发放冬季误餐补助"),
        # heldout2/district-wanghu-2023 (was 为80周岁以上老年人发放高龄补贴)
        ("为80周岁以上老年人发放高龄补贴1.2万人。", "1.2万人", "发放高龄补贴"),
        # written here
        ("向困难家庭学生发放助学金3000万元。", "3000万元", "发放助学金"),
        ("为民办实事12件。", "12件", "为民办实事"),  # 为民: no beneficiary before an action
    ],
)
def test_whom_an_action_serves_is_not_part_of_the_name(sentence: str, figure: str, name: str) -> None:
    """Rule: 为/向/给 + whom, before the action, says who benefits, not what is counted."""
    assert names(sentence)[figure] == name


@pytest.mark.parametrize(
    ("sentence", "figure", "name"),
    [
        # 政府工作报告-省自治区/湖北省/2017.txt (was 全面实施农村饮水安全巩固提升工程惠及)
        ("全面实施农村饮水安全巩固提升工程，惠及200万人。", "200万人", "农村饮水安全巩固提升工程惠及"),
        # the example report, yangquan-2023 (was 率先惠及群众)
        ("在全省率先完成房屋产权登记确权颁证“清零行动”任务,惠及群众9万余户。", "9万余户",
         "房屋产权登记确权颁证“清零行动”任务惠及群众"),
        # written here
        ("今年提前完成农村危房改造，惠及群众3000户。", "3000户", "农村危房改造惠及群众"),
        ("改造老旧小区142个，惠及居民5万户。", "5万户", "老旧小区惠及居民"),  # the figure before names it
    ],
)  # fmt: skip
def test_those_benefiting_count_what_the_clause_before_acted_on(
    sentence: str, figure: str, name: str
) -> None:
    """Rule: after 率先/全面/提前 + action, 惠及/覆盖 speaks of the action's object, not of the adverb."""
    assert names(sentence)[figure] == name


# --- the grammar's functions, directly --------------------------------------------------------


def test_the_grammar_functions() -> None:
    assert verb_only("已完工") == "完工"
    assert verb_only("社区养老院") == ""
    assert list_item_name("城建重大项目竣工", "开工") == "城建重大项目开工"
    assert list_item_name("新建口袋公园", "改造") == "改造口袋公园"
    assert list_item_name("全面开工", "竣工") == "竣工"
    assert shared_noun("新建", "提档升级社区养老院") == "新建社区养老院"
    assert shared_noun("新建", "社区养老院") == ""
    assert split_before_after("新建省级技术中心", "实验室", 2) == ["新建省级技术中心", "新建实验室"]
    assert split_before_after("问责", "单位", 2) is None  # nothing named before the first number
    assert elliptic_name("省级", "新增国家级企业技术中心") == "省级企业技术中心"
    assert elliptic_name("省级以上开发区", "国家级企业技术中心") == ""
    assert is_fragment("净") and not is_fragment("净利润")
    assert table_name("推动有色冶金产业规模") == "有色冶金产业规模"
    assert table_name("重点项目") == "重点项目"  # a modifier, not an action
    assert table_name("推动企业") == "推动企业"  # too little would be left


@pytest.mark.parametrize(
    ("sentence", "figures"),
    [
        # 政府工作报告-主要城市/长春市/2025.txt (亿元 was an item, 1000个 was named 项目)
        (
            "全年实施投资5000万元以上项目1400个，其中超亿元项目1000个以上。",
            {"1400个": "实施投资5000万元以上项目", "1000个": "超亿元项目"},
        ),
        # written here
        ("税收超亿元企业达到12家。", {"12家": "税收超亿元企业"}),
    ],
)
def test_a_written_out_size_before_projects_or_firms_names_their_class(
    sentence: str, figures: dict[str, str]
) -> None:
    """Rule: 超亿元项目 is a class (like 亿元以上项目): no figure of its own, and part of the name."""
    assert names(sentence) == figures


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 政府工作报告-主要城市/银川市/2019.txt (was 新增有机蔬菜)
        ("新增有机蔬菜、稻渔种养基地各1万亩。", ["新增有机蔬菜基地", "新增稻渔种养基地"]),
        # 政府工作报告-主要城市/呼和浩特市/2023.txt (was one item, 创建国家级、自治区级农牧业产业园各)
        ("创建国家级、自治区级农牧业产业园各1个。", ["创建国家级农牧业产业园", "创建自治区级农牧业产业园"]),
        # 政府工作报告-省自治区/山东省/2024.txt (was one item ending in 各新增)
        ("国家物流枢纽、骨干冷链物流基地各新增2家。", ["新增国家物流枢纽", "新增骨干冷链物流基地"]),
        # written here: two crops sharing one kind of demonstration zone (was 建设小麦)
        ("建设小麦、玉米高产示范区各10个。", ["建设小麦高产示范区", "建设玉米高产示范区"]),
    ],
)
def test_parallel_modifiers_share_the_head_the_last_item_names(sentence: str, expected: list[str]) -> None:
    """Rule: 小麦、玉米高产示范区 — 小麦 stands where 玉米 stands, before the same head."""
    assert [q.indicator for q in read_text(REVIEW.format(sentence)).quantities] == expected


@pytest.mark.parametrize(
    ("sentence", "figure", "name"),
    [
        # 政府工作报告-主要城市/大连市/2014.txt (was 国家)
        ("完成44个国家及省级生态乡镇创建。", "44个", "国家及省级生态乡镇创建"),
        # written here
        ("新增12家省级和市级专精特新企业。", "12家", "新增省级和市级专精特新企业"),
    ],
)
def test_two_levels_joined_by_a_connective_open_one_noun(sentence: str, figure: str, name: str) -> None:
    """Rule: 国家及省级X — the 及 joins two levels of X; the counted noun does not stop there."""
    assert names(sentence)[figure] == name


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 政府工作报告-主要城市/青岛市/2017.txt (was 港口货物)
        ("港口货物和集装箱吞吐量分别达到5.15亿吨和1805万标箱。", {"5.15亿吨": "港口货物吞吐量"}),
        # written here
        ("机场旅客、货邮吞吐量分别增长12%和8%。", {"12%": "机场旅客吞吐量"}),
    ],
)
def test_a_throughput_list_shares_its_measure(sentence: str, expected: dict[str, str]) -> None:
    """Rule: A和B吞吐量 — 吞吐量 is what both items measure (like 产量, 收入)."""
    got = names(sentence)
    assert {k: got.get(k) for k in expected} == expected
