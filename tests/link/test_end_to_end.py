"""The whole chain on real texts: read both reports, extract, link, judge.

Our synthetic provincial and city pairs (tests/fixtures/texts/link-*.txt) and the State Council
reports of 2021 and 2022 (the 2021 targets against the outcomes the 2022 review states).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.link import Status, Vocabulary, scorecard
from luoshi.pipeline import read_report

FIXTURES = Path(__file__).parent.parent / "fixtures"
MET, MISSED, NOT_REPORTED, NOT_SET = Status.MET, Status.MISSED, Status.NOT_REPORTED, Status.TARGET_NOT_SET


def verdicts(plan: str, outcome: str | None, vocab: Vocabulary) -> dict[str, Status]:
    card = scorecard(
        read_report(FIXTURES / plan), read_report(FIXTURES / outcome) if outcome else None, vocab
    )
    found: dict[str, Status] = {}
    for line in card.lines:
        found.setdefault(line.indicator, line.status)
    return found


@pytest.mark.parametrize(
    ("plan", "outcome", "expected"),
    [
        (
            "texts/link-province-2023.txt",
            "texts/link-province-2024.txt",
            {
                "地区生产总值": MISSED,
                "一般公共预算收入": MET,
                "城镇新增就业": MET,
                "城镇调查失业率": MET,
                "居民消费价格": MET,
                "粮食产量": MET,
                "规模以上工业增加值": MET,
                "固定资产投资": MISSED,
                "社会消费品零售总额": MET,
                "进出口": MISSED,
                "单位地区生产总值能耗": MISSED,
                "城镇老旧小区改造": MET,
            },
        ),
        (
            "texts/link-city-2023.txt",
            "texts/link-city-2024.txt",
            {
                "原煤产量": MET,
                "一般公共预算收入": MISSED,
                "空气质量优良天数比例": MET,
                "PM2.5平均浓度": MET,
                "高标准农田": MET,
                "地区生产总值": NOT_SET,
                "单位地区生产总值能耗": NOT_SET,
            },
        ),
        (
            "texts/link-county-2023.txt",
            "texts/link-county-2024.txt",
            {
                "地区生产总值": MET,  # 7.3% against 7%左右
                "规模以上工业增加值": MET,
                "固定资产投资": MET,
                "社会消费品零售总额": MISSED,  # 5.8% against 6.5%左右
                "一般公共预算收入": MISSED,  # 4.6% against 5%
                "城镇居民人均可支配收入": MISSED,  # 5.6% against 6% (城镇、农村居民…分别)
                "农村居民人均可支配收入": MET,  # 7.9% against 7.5%
                "新增规模以上工业企业": MET,
                "高标准农田": MET,
                "改造农村户厕": MET,  # 农村户厕改造 3150户
            },
        ),
        (
            "texts/link-north-2022.txt",
            "texts/link-north-2023.txt",  # its review opens with five years (年均增长6.2%)
            {
                "地区生产总值": MISSED,  # 4.4% in 2022, not the five-year average
                "居民消费价格": MET,  # 2.3% against 3%左右
                "城镇调查失业率": MISSED,  # 5.6% against 5.5%以内
                "粮食产量": MISSED,  # 1285.6万吨 against 1300万吨以上
                "森林覆盖率": MET,
                "单位地区生产总值能耗": MET,  # fell 3.1% against 下降2.8%
                "PM2.5平均浓度": MET,  # 32 against 降至33 (a ceiling)
            },
        ),
        (
            "guowuyuan-2021.txt",
            "guowuyuan-2022.txt",
            {
                "地区生产总值": MET,  # 8.1% against 6%以上
                "城镇新增就业": MET,  # 1269万人 against 1100万人以上
                "城镇调查失业率": MET,  # 5.1% against 5.5%左右 (a ceiling)
                "居民消费价格": MET,  # 0.9% against 3%左右 (a ceiling)
                "粮食产量": MET,  # 1.37万亿斤 against 1.3万亿斤以上
                "单位地区生产总值能耗": NOT_REPORTED,  # the 2022 review states no figure
                "赤字率": NOT_REPORTED,
            },
        ),
    ],
)
def test_verdicts(vocab: Vocabulary, plan: str, outcome: str, expected: dict[str, Status]) -> None:
    got = verdicts(plan, outcome, vocab)
    assert {name: got.get(name) for name in expected} == expected


def test_national_2022_sets_no_annual_energy_target(vocab: Vocabulary) -> None:
    got = verdicts("guowuyuan-2022.txt", None, vocab)
    assert got["单位地区生产总值能耗"] == NOT_SET
    assert got["地区生产总值"] == NOT_REPORTED  # 5.5%左右: no 2023 report here


def test_five_year_targets_stay_out_of_the_year(vocab: Vocabulary) -> None:
    card = scorecard(read_report(FIXTURES / "guowuyuan-2021.txt"), None, vocab)
    written = {
        line.target.value for line in card.lines if line.target and line.indicator == "单位地区生产总值能耗"
    }
    assert written == {-3.0}  # 降低3%左右 for 2021, not the 十四五 13.5%


def test_a_traditional_web_copy_of_the_outcome_report_gives_the_same_verdicts(
    vocab: Vocabulary, tmp_path: Path
) -> None:
    import opencc

    simplified = (FIXTURES / "texts" / "link-province-2024.txt").read_text(encoding="utf-8")
    traditional = opencc.OpenCC("s2tw").convert(simplified)
    assert traditional != simplified
    (tmp_path / "link-province-2024-tw.txt").write_text(traditional, encoding="utf-8")
    plan = read_report(FIXTURES / "texts" / "link-province-2023.txt")
    expected = scorecard(plan, read_report(FIXTURES / "texts" / "link-province-2024.txt"), vocab)
    got = scorecard(plan, read_report(tmp_path / "link-province-2024-tw.txt"), vocab)
    assert [(x.indicator, x.status) for x in got.lines] == [(x.indicator, x.status) for x in expected.lines]
    cpi = next(x for x in got.lines if x.indicator == "居民消费价格")
    assert cpi.outcome is not None and cpi.outcome_sentence and "居民消费价格" in cpi.outcome_sentence


def test_each_target_quantity_finds_its_line(vocab: Vocabulary) -> None:
    from luoshi.link import lines_by_quantity

    plan = read_report(FIXTURES / "texts/link-province-2023.txt")
    card = scorecard(plan, read_report(FIXTURES / "texts/link-province-2024.txt"), vocab)
    mapped = lines_by_quantity(card, plan, vocab)
    assert {id(line) for line in mapped.values()} == {
        id(line) for line in card.lines if line.target is not None
    }
    for index, line in mapped.items():
        assert plan.quantities[index].part.value == "plan"
        assert line.target is not None and line.target.value == plan.quantities[index].value
