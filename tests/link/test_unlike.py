"""Verdicts never compare unlike things (issue 13): flow against stock, several years against one,
names that qualify a shared word differently; a restated target is one line; a forecast, a
baseline or a fact is not a target; an outcome phrased as a milestone or a completion counts.

Each rule is tested on excerpts of real reports (tests/fixtures/texts/excerpts: 山西 2022–2024,
浙江 2021–2022, 云南 2024–2025, copied from the shared collection; the national reports and the
Yangquan example in tests/fixtures) and on a county pair written in another style
(tests/fixtures/texts/unlike-county-2024/2025.txt: numbered items, 全县, 总数/累计, 跃上…新台阶).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.link import Line, Scorecard, Status, Vocabulary, scorecard
from luoshi.link.verdict import written
from luoshi.pipeline import read_report, read_text

FIXTURES = Path(__file__).parent.parent / "fixtures"
EXCERPTS = FIXTURES / "texts" / "excerpts"


def excerpt_pair(plan: str, review: str, year: int, vocab: Vocabulary) -> Scorecard:
    """Real sentences set in a report of ``year`` (plan) and of ``year + 1`` (review)."""

    def report(y: int, review_text: str, plan_text: str) -> str:
        return f"{y}年政府工作报告\n一、{y - 1}年工作回顾\n{review_text}\n二、{y}年工作安排\n{plan_text}\n"

    plan_text = (EXCERPTS / plan).read_text(encoding="utf-8").strip()
    review_text = (EXCERPTS / review).read_text(encoding="utf-8").strip()
    return scorecard(
        read_text(report(year, "过去一年，经济平稳运行。", plan_text)),
        read_text(report(year + 1, review_text, "今年继续抓好各项工作。")),
        vocab,
    )


def line(card: Scorecard, indicator: str) -> Line:
    (found,) = [x for x in card.lines if indicator in x.indicator]
    return found


@pytest.fixture(scope="module")
def county(vocab: Vocabulary) -> Scorecard:
    texts = FIXTURES / "texts"
    return scorecard(
        read_report(texts / "unlike-county-2024.txt"), read_report(texts / "unlike-county-2025.txt"), vocab
    )


@pytest.fixture(scope="module")
def national_2021(vocab: Vocabulary) -> Scorecard:
    return scorecard(
        read_report(FIXTURES / "guowuyuan-2021.txt"), read_report(FIXTURES / "guowuyuan-2022.txt"), vocab
    )


# --- flow against stock -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("plan", "review", "year", "stock"),
    [
        ("shanxi-2022-plan.txt", "shanxi-2023-review.txt", 2022, "达到"),  # 新建3万个 vs 达到6.7万个
        ("shanxi-2023-plan.txt", "shanxi-2024-review.txt", 2023, "累计"),  # 新建2.5万个 vs 累计9.3万个
    ],
)
def test_a_target_to_build_is_not_met_by_a_total(
    vocab: Vocabulary, plan: str, review: str, year: int, stock: str
) -> None:
    got = line(excerpt_pair(plan, review, year, vocab), "5G基站")
    assert got.status is Status.NOT_REPORTED and got.outcome is None
    assert "新增量（新建）" in got.why and f"总量（{stock}）" in got.why
    assert got.match_reason is not None and got.match_reason.startswith("未采用")


def test_flow_and_stock_in_another_style(county: Scorecard) -> None:
    greenhouses = line(county, "智慧农业大棚")
    assert greenhouses.status is Status.NOT_REPORTED and "总数" in greenhouses.why
    renovated = line(county, "改造农村公路")  # 改造92公里 (flow), not 总里程1830公里
    assert renovated.outcome is not None and written(renovated.outcome) == "92公里"
    total = line(county, "农村公路总里程")  # a total target met by the total, not by 改造92公里
    assert total.status is Status.MET and total.outcome is not None and total.outcome.value == 1830


# --- several years against one --------------------------------------------------------------------


def test_a_five_year_review_figure_is_refused_with_why(vocab: Vocabulary) -> None:
    text = (FIXTURES / "guowuyuan-2021.txt").read_text(encoding="utf-8")
    five_years = next(p for p in text.splitlines() if p.startswith("过去五年"))  # the real paragraph
    plan = read_text(
        "2020年政府工作报告\n一、2019年工作回顾\n过去一年，经济平稳。\n二、2020年工作安排\n城镇新增就业900万人以上。\n"
    )
    review = read_text(
        f"2021年政府工作报告\n一、2020年工作回顾\n{five_years}\n二、2021年工作安排\n今年继续努力。\n"
    )
    got = line(scorecard(plan, review, vocab), "城镇新增就业")
    assert got.status is Status.NOT_REPORTED
    assert "6000万人" in got.why and "多年" in got.why and "过去五年" in got.why


def test_a_plan_period_that_began_earlier_is_several_years(county: Scorecard) -> None:
    got = line(county, "专精特新企业")  # “十四五”以来累计培育41家 against 培育12家 this year
    assert got.status is Status.NOT_REPORTED and "“十四五”以来" in got.why


# --- outcome phrasing ----------------------------------------------------------------------------


def test_an_outcome_stated_with_its_value_added_name(vocab: Vocabulary) -> None:
    got = line(excerpt_pair("zhejiang-2021-plan.txt", "zhejiang-2022-review.txt", 2021, vocab), "数字经济")
    assert got.status is Status.MET and got.outcome is not None and got.outcome.value == 20


def test_a_completion_states_the_outcome(vocab: Vocabulary) -> None:
    got = line(excerpt_pair("yunnan-2024-plan.txt", "yunnan-2025-review.txt", 2024, vocab), "惠民实事")
    assert got.status is Status.MET  # 年度10件惠民实事全部办结


def test_outcome_phrasings_in_another_style(county: Scorecard) -> None:
    assert line(county, "粮食").status is Status.MET  # 首次跃上4.6亿斤新台阶
    assert line(county, "民生实事").status is Status.MET  # 10件民生实事全部完成


def test_the_issue_s_own_phrasings(vocab: Vocabulary) -> None:
    plan = read_text(
        "2024年政府工作报告\n一、2023年工作回顾\n过去一年，经济回升向好。\n二、2024年工作安排\n"
        "今年发展主要预期目标是：粮食产量1.3万亿斤以上。数字经济核心产业增长10%以上。办好15件民生实事。\n"
    )
    review = read_text(
        "2025年政府工作报告\n一、2024年工作回顾\n粮食产量首次跃上1.4万亿斤新台阶。"
        "数字经济核心产业增加值增长10%。15件民生实事全部完成。\n二、2025年工作安排\n今年继续努力。\n"
    )
    card = scorecard(plan, review, vocab)
    assert {x.indicator: x.status for x in card.lines} == {
        "粮食产量": Status.MET,
        "数字经济核心产业": Status.MET,
        "民生实事": Status.MET,  # 办好 is the task, not the name (issue 12)
    }


# --- one target, one line -------------------------------------------------------------------------


def test_a_restated_headline_target_is_one_line(national_2021: Scorecard, county: Scorecard) -> None:
    # 国内生产总值增长6%以上 … 经济增速是综合性指标，今年预期目标设定为6%以上
    assert [written(x.target) for x in national_2021.lines if x.indicator == "地区生产总值" and x.target] == [
        "6%以上"
    ]
    # 全县生产总值增长6%左右 … 经济增长预期目标为6%左右 (read as a share)
    assert len([x for x in county.lines if x.indicator == "地区生产总值"]) == 1


def test_forecasts_baselines_and_facts_are_not_targets(vocab: Vocabulary, county: Scorecard) -> None:
    national_2020 = scorecard(
        read_report(FIXTURES / "guowuyuan-2020.txt"), read_report(FIXTURES / "guowuyuan-2021.txt"), vocab
    )
    names = {x.indicator for x in national_2020.lines}
    assert "为企业新增减负" not in names  # 预计全年为企业新增减负超过2.5万亿元
    assert "已过去" not in names  # 今年已过去近5个月
    assert "中国人" not in names  # 14亿中国人的饭碗
    county_names = {x.indicator for x in county.lines}
    assert not any("劳动力转移就业" in n for n in county_names)  # 预计…超过3万人
    assert not any("毕业生" in n for n in county_names)  # 高中毕业生达4200人，要做好…服务
    assert "高校毕业生" not in names and "领取养老金" not in names  # …达874万人，要促进…
    assert [written(x.target) for x in county.lines if x.indicator == "产业用地出让面积" and x.target] == [
        "1500亩"
    ]  # 从1200亩扩大到1500亩: the 1200 is where it starts


# --- last year's actual from the same indicator ---------------------------------------------------


def test_last_years_actual_is_the_same_indicator_on_the_example(vocab: Vocabulary) -> None:
    card = scorecard(read_report(FIXTURES / "yangquan-2023.txt"), None, vocab)
    investment = line(card, "固定资产投资")
    assert investment.previous is None  # not 产业投资增长25.5%
    coal = line(card, "洗选煤先进产能占比")
    assert coal.previous is None  # not 煤炭先进产能占比达到94.5%


def test_a_general_ratio_is_not_met_by_a_narrower_one(national_2021: Scorecard) -> None:
    # 延续执行企业研发费用加计扣除75%政策 against 将制造业企业研发费用加计扣除比例提高到100%
    general = line(national_2021, "延续执行企业研发费用加计扣除")
    assert general.status is Status.NOT_REPORTED
    assert line(national_2021, "制造业企业加计扣除比例").status is Status.MET


def test_last_years_actual_in_another_style(county: Scorecard) -> None:
    investment = line(county, "固定资产投资")
    assert investment.previous is not None and investment.previous.value == pytest.approx(3.1)
    assert investment.outcome is not None and investment.outcome.value == pytest.approx(5.2)
    assert investment.status is Status.MISSED
    assert line(county, "洗选煤先进产能占比").previous is None
