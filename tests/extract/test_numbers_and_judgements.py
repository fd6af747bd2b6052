"""Numbers and tasks as real reports write them (issue 12): ranges with any dash, units implied by
the counted noun, fixed phrases with numbers, and judgements and mottos that commit no one.

Each rule has a case from a real report (cited by its path in the public collection, see
../shared/corpus/real/README.md) and a case written in another style, so the rule is general.
"""

from __future__ import annotations

import pytest
from tests.extract.test_quantities import PLAN, read, rows

from luoshi.extract.commitments import commitment_verb, is_judgement
from luoshi.extract.numbers import scan
from luoshi.pipeline import read_text

# --- Rule: every dash or tilde between two numbers joins a range (6.5%－7%, 2%−3%, 5〜8个) ---


@pytest.mark.parametrize(
    ("source", "sentence", "expected"),
    [
        (
            "政府工作报告-省自治区/吉林省/2016.txt",
            "2016年经济社会发展主要预期目标是：地区生产总值增长6.5%－7%，地方级财政收入增长2%以上。",
            ["地区生产总值|growth|6.5~7|%|range", "地方级财政收入|growth|2|%|at_least"],
        ),
        (
            "政府工作报告-省自治区/广西壮族自治区/2009.txt",
            "今年建成8－10个自治区级研发中心。",
            ["建成自治区级研发中心|count|8~10|个|range"],
        ),
        (
            "own",
            "居民消费价格涨幅控制在2%−3%，新建口袋公园5〜8个，改造老旧小区20－30个。",
            [
                "居民消费价格涨幅|growth|2~3|%|range",
                "新建口袋公园|count|5~8|个|range",
                "改造老旧小区|count|20~30|个|range",
            ],
        ),
    ],
)
def test_a_full_width_minus_joins_a_range(source: str, sentence: str, expected: list[str]) -> None:
    assert rows(read(sentence, PLAN)) == expected, source


def test_a_minus_after_a_word_is_still_a_sign() -> None:
    """Rule: a dash joins a range only between two numbers; 下降−2% stays negative."""
    assert [(n.value, n.value_high) for n in scan("增长-3.5%，下降−2%")] == [(-3.5, None), (-2.0, None)]


# --- Rule: a bare 万/亿 figure stated of a counted noun takes the noun's unit (人口 → 人, 用户 → 户) ---


@pytest.mark.parametrize(
    ("source", "sentence", "expected"),
    [
        (
            "政府工作报告-国务院/2017.txt",
            "农村贫困人口减少1240万，易地扶贫搬迁人口340万。",
            ["农村贫困人口|change|-1.24e+07|人|exact", "易地扶贫搬迁人口|count|3.4e+06|人|exact"],
        ),
        (
            "own",
            "全年城镇新增就业5.2万，政务服务平台实名用户突破120万，接待游客近800万。",
            [
                "城镇新增就业|count|52000|人|exact",
                "政务服务平台实名用户|count|1.2e+06|户|at_least",
                "接待游客|count|8e+06|人次|about",
            ],
        ),
    ],
)
def test_the_counted_noun_implies_the_unit_after_wan(source: str, sentence: str, expected: list[str]) -> None:
    assert rows(read(sentence)) == expected, source


def test_a_figure_followed_by_its_own_noun_takes_no_implied_unit() -> None:
    """Rule: the implied unit applies only when nothing follows the figure in its clause."""
    assert [(n.text, n.unit) for n in scan("常住人口1386万元")] == [("1386万元", "万元")]
    assert scan("人口素质1386万") == []


def test_a_list_member_with_its_own_wan_is_multiplied_once() -> None:
    """Rule: in 383.5万、201.5万人 each member's own 万 counts once.

    Source: 政府工作报告-主要城市/宁波市/2011.txt."""
    text = "参保人数分别达到383.5万、281.3万、186.2万、238.1万和201.5万人"
    assert [n.value for n in scan(text)] == [3835000, 2813000, 1862000, 2381000, 2015000]
    assert [(n.value, n.unit) for n in scan("分别为281.3万、201.5万元")] == [(281.3, "万元"), (201.5, "万元")]


# --- Rule: a number inside a fixed phrase (56个民族, 两个一百年, 五位一体) is a name, not a quantity ---


@pytest.mark.parametrize(
    ("source", "sentence"),
    [
        ("政府工作报告-国务院/1992.txt", "藏族是中国56个民族大家庭的一员。"),
        ("own", "各族群众团结奋斗，全市56个民族共同繁荣，统筹推进五位一体总体布局，打好三大攻坚战。"),
        ("own", "为实现两个一百年奋斗目标、坚持两个毫不动摇作出新贡献。"),
    ],
)
def test_fixed_phrases_with_numbers_are_no_quantities(source: str, sentence: str) -> None:
    assert rows(read(sentence)) == [], source


def test_a_concrete_count_beside_a_fixed_phrase_is_kept() -> None:
    """Rule: the exclusion covers the phrase only; 两所 (concrete sites) in the same sentence counts."""
    assert rows(read("坚持两个毫不动摇，新建两所三甲医院。")) == ["新建三甲医院|count|2|所|exact"]


# --- Rule: a copular judgement (X是Y, Y a noun phrase) or a 以…带动… motto is not a task ---


@pytest.mark.parametrize(
    ("source", "sentence"),
    [
        ("政府工作报告-国务院/2021.txt", "发展是解决我国一切问题的基础和关键"),
        ("政府工作报告-省自治区/湖南省/2023.txt", "以重点突破带动整体提升"),
        ("政府工作报告-主要城市/南宁市/2023.txt", "科技是第一生产力，人才是第一资源，创新是第一动力"),
        ("own", "项目建设是稳增长的压舱石"),
        ("own", "以数字化转型促进产业升级"),
    ],
)
def test_judgements_and_mottos_commit_no_one(source: str, sentence: str) -> None:
    assert is_judgement(sentence.split("，")[0]), source
    assert commitment_verb(sentence) is None, source


@pytest.mark.parametrize(
    ("sentence", "verb"),
    [
        ("重点是要抓好产业园区建设", "抓好"),  # a modal after 是: the content of a task
        ("今年的重点是推进项目建设", "推进"),  # a task word's content opens with its verb
        ("人才是第一资源，要加大人才引进力度", "加大"),  # the judgement gives way to the commitment
        ("全面排查是否存在安全隐患", "排查"),  # 是否 is no copula
        ("推动高质量发展，以重点突破带动整体提升", "推动"),  # 政府工作报告-省自治区/浙江省/2026.txt
    ],
)
def test_sentences_with_a_copula_or_motto_that_still_commit(sentence: str, verb: str) -> None:
    assert commitment_verb(sentence) == verb


def test_judgements_in_a_plan_paragraph_give_no_task_rows() -> None:
    """Rule: the ledger gets the paragraph's commitments, not its judgements.

    Source of the first sentence: 政府工作报告-国务院/2021.txt."""
    paragraph = (
        "发展是解决我国一切问题的基础和关键。以项目建设带动投资增长。"
        "全年新开工亿元以上项目200个。重点是要抓好产业园区建设。"
    )
    tasks = read_text(PLAN.format(paragraph)).tasks
    assert [(t.text, t.verb) for t in tasks] == [
        ("全年新开工亿元以上项目200个", "开工"),
        ("重点是要抓好产业园区建设", "抓好"),
    ]
