"""Scorecards over real report texts (our synthetic provincial and city pairs) with quantities
annotated by hand, so the linking logic is tested apart from the extractor."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.link.build import make_quantity as mq

from luoshi.document import Report
from luoshi.errors import ValidationError
from luoshi.link import Status, Vocabulary, scorecard
from luoshi.pipeline import read_text

TEXTS = Path(__file__).parent.parent / "fixtures" / "texts"


def report(name: str, quantities: list[tuple]) -> Report:  # type: ignore[type-arg]
    text = (TEXTS / name).read_text(encoding="utf-8")
    rep = read_text(text, source=name)
    rep.quantities = [
        mq(*row[:-1], **row[-1]) if isinstance(row[-1], dict) else mq(*row) for row in quantities
    ]
    return rep


R, P = {"part": "review"}, {"part": "plan"}

PROVINCE_2023 = [
    ("地区生产总值", 4.1, "%", "growth", "exact", "review"),
    ("城镇调查失业率", 5.6, "%", "share", "exact", "review"),
    ("居民消费价格", 2.1, "%", "growth", "exact", "review"),
    ("地区生产总值", 6.5, "%", "growth", "about"),
    ("一般公共预算收入", 6, "%", "growth", "exact"),
    ("城镇新增就业", 50, "万人", "count", "at_least"),
    ("城镇调查失业率", 5.5, "%", "share", "at_most"),
    ("居民消费价格涨幅", 3, "%", "growth", "about"),
    ("粮食产量", 700, "亿斤", "level", "at_least"),
    ("规模以上工业增加值", 7, "%", "growth", "exact"),
    ("固定资产投资", 8, "%", "growth", "at_least"),
    ("社会消费品零售总额", 7, "%", "growth", "about"),
    ("进出口", 5, "%", "growth", "exact"),
    ("单位地区生产总值能耗", -2.5, "%", "growth", "about"),
    ("新建5G基站", 12000, "座", "count", "exact"),
    ("改造城镇老旧小区", 1500, "个", "count", "exact"),
    ("新建城市口袋公园", 200, "个", "count", "exact"),
]
PROVINCE_2024 = [
    ("地区生产总值", 5.06, "万亿元", "level", "exact", "review"),
    ("地区生产总值", 6.1, "%", "growth", "exact", "review"),
    ("一般公共预算收入", 3780, "亿元", "level", "exact", "review"),
    ("一般公共预算收入", 7.2, "%", "growth", "exact", "review"),
    ("城镇新增就业", 52.3, "万人", "count", "exact", "review"),
    ("城镇调查失业率", 5.2, "%", "share", "exact", "review"),
    ("居民消费价格", 0.4, "%", "growth", "exact", "review"),
    ("粮食总产量", 3512.6, "万吨", "level", "exact", "review"),
    ("规上工业增加值", 7.5, "%", "growth", "exact", "review"),
    ("全社会固定资产投资", -2.3, "%", "growth", "exact", "review"),
    ("社会消费品零售总额", 6.9, "%", "growth", "exact", "review"),
    ("外贸进出口总额", 1.8, "%", "growth", "exact", "review"),
    ("单位地区生产总值能耗", -2.1, "%", "growth", "exact", "review"),
    ("建成5G基站", 13500, "个", "count", "exact", "review"),
    ("开工改造老旧小区", 1620, "个", "count", "exact", "review"),
    ("地区生产总值", 5.5, "%", "growth", "about"),
]
EXPECTED_PROVINCE = {
    "地区生产总值": Status.MISSED,  # 6.1 against 6.5左右 (tolerance 0.2)
    "一般公共预算收入": Status.MET,
    "城镇新增就业": Status.MET,
    "城镇调查失业率": Status.MET,
    "居民消费价格": Status.MET,  # 0.4 against a 3%左右 ceiling
    "粮食产量": Status.MET,  # 3512.6万吨 against 700亿斤以上
    "规模以上工业增加值": Status.MET,
    "固定资产投资": Status.MISSED,
    "社会消费品零售总额": Status.MET,  # 6.9 within 7左右
    "进出口": Status.MISSED,
    "单位地区生产总值能耗": Status.MISSED,  # fell 2.1% against 降低2.5%左右
    "新建5G基站": Status.MET,
    "城镇老旧小区改造": Status.MET,
    "新建城市口袋公园": Status.NOT_REPORTED,
}


def test_province_scorecard(vocab: Vocabulary) -> None:
    card = scorecard(
        report("link-province-2023.txt", PROVINCE_2023),
        report("link-province-2024.txt", PROVINCE_2024),
        vocab,
    )
    assert card.year == 2023
    got = {line.indicator: line.status for line in card.lines}
    assert got == EXPECTED_PROVINCE
    gdp = next(line for line in card.lines if line.indicator == "地区生产总值")
    assert gdp.previous is not None and gdp.previous.value == 4.1  # ambition: 6.5 against last 4.1
    assert gdp.outcome is not None and gdp.outcome.value == 6.1
    assert gdp.target_sentence and gdp.outcome_sentence and gdp.why
    assert card.counts() == {"met": 9, "missed": 4, "not_reported": 1, "target_not_set": 0}


CITY_2023 = [
    ("原煤产量", 8000, "万吨", "level", "about"),
    ("一般公共预算收入", 120, "亿元", "level", "exact"),
    ("新增高新技术企业", 30, "家", "count", "exact"),
    ("空气质量优良天数比例", 75, "%", "share", "exact"),
    ("PM2.5平均浓度", 38, "微克/立方米", "level", "at_most"),
    ("新建高标准农田", 6, "万亩", "level", "exact"),
    ("新增省级专精特新企业", 15, "家", "count", "exact"),
]
CITY_2024 = [
    ("地区生产总值", 4.8, "%", "growth", "exact", "review"),
    ("煤炭产量", 8120, "万吨", "level", "exact", "review"),
    ("一般公共预算收入", 118.6, "亿元", "level", "exact", "review"),
    ("新增高新技术企业", 35, "家", "count", "exact", "review"),
    ("空气质量优良天数比率", 76.2, "%", "share", "exact", "review"),
    ("PM2.5平均浓度", 37, "微克/立方米", "level", "exact", "review"),
    ("建成高标准农田", 6.3, "万亩", "level", "exact", "review"),
    ("新增市级专精特新企业", 22, "家", "count", "exact", "review"),
]


def test_city_scorecard_with_targets_not_set(vocab: Vocabulary) -> None:
    card = scorecard(report("link-city-2023.txt", CITY_2023), report("link-city-2024.txt", CITY_2024), vocab)
    got = {line.indicator: line.status for line in card.lines}
    assert got == {
        "原煤产量": Status.MET,
        "一般公共预算收入": Status.MISSED,
        "新增高新技术企业": Status.MET,
        "空气质量优良天数比例": Status.MET,
        "PM2.5平均浓度": Status.MET,
        "高标准农田": Status.MET,
        "新增省级专精特新企业": Status.NOT_REPORTED,  # the review states 市级, not 省级
        "地区生产总值": Status.TARGET_NOT_SET,
        "单位地区生产总值能耗": Status.TARGET_NOT_SET,
    }
    gdp = next(line for line in card.lines if line.indicator == "地区生产总值")
    assert "不设定地区生产总值增长具体目标" in gdp.target_sentence
    assert gdp.outcome is not None and gdp.outcome.value == 4.8  # shown for information


def test_scorecard_without_outcome_report_shows_ambition(vocab: Vocabulary) -> None:
    card = scorecard(report("link-province-2023.txt", PROVINCE_2023), None, vocab)
    assert all(line.status == Status.NOT_REPORTED for line in card.lines)
    cpi = next(line for line in card.lines if line.indicator == "居民消费价格")
    assert cpi.previous is not None and cpi.previous.value == 2.1


def test_reports_in_the_wrong_order(vocab: Vocabulary) -> None:
    with pytest.raises(ValidationError, match="应晚于"):
        scorecard(
            report("link-province-2024.txt", PROVINCE_2024),
            report("link-province-2023.txt", PROVINCE_2023),
            vocab,
        )


def test_to_dict_is_json_ready(vocab: Vocabulary) -> None:
    import json

    card = scorecard(report("link-city-2023.txt", CITY_2023), report("link-city-2024.txt", CITY_2024), vocab)
    data = json.loads(json.dumps(card.to_dict(), ensure_ascii=False))
    assert data["year"] == 2023 and data["counts"]["target_not_set"] == 2
    assert {"indicator", "status", "why", "target", "outcome", "previous"} <= set(data["lines"][0])


def test_a_restated_target_is_one_line(vocab: Vocabulary) -> None:
    from luoshi.link import link_targets

    targets = [
        mq("国内生产总值", 6, modifier="at_least"),
        mq("经济增长", 6, modifier="at_least", sentence="经济增速预期目标设定为6%以上"),
        mq("国内生产总值", 5, "万亿元", "level", "at_least"),
    ]
    lines = link_targets(targets, [], vocab, year=2021)
    assert [(line.indicator, line.target.value if line.target else None) for line in lines] == [
        ("地区生产总值", 6),
        ("地区生产总值", 5),
    ]


def test_last_actual_must_be_last_year(vocab: Vocabulary) -> None:
    from luoshi.link import link_targets

    previous = [
        mq("国内生产总值", 6.7, part="review", year=2019),
        mq("国内生产总值", 2.3, part="review", year=2020),
    ]
    (line,) = link_targets(
        [mq("国内生产总值", 6, modifier="at_least")], None, vocab, year=2021, previous=previous
    )
    assert line.previous is not None and line.previous.value == 2.3
    assert line.status == Status.NOT_REPORTED and line.why == "尚无次年报告"


def test_ambition_in_json(vocab: Vocabulary) -> None:
    card = scorecard(report("link-province-2023.txt", PROVINCE_2023), None, vocab)
    gdp = next(line for line in card.lines if line.indicator == "地区生产总值")
    assert gdp.ambition() == {"delta": 2.4, "base_unit": "%"}  # 6.5%左右 against last year's 4.1%
    fund = next(line for line in card.lines if line.indicator == "新建城市口袋公园")
    assert fund.to_dict()["ambition"] is None


def test_an_entered_outcome_stands_in_where_the_review_states_none(vocab: Vocabulary) -> None:
    from luoshi.document import Metric
    from luoshi.link import entered_outcome

    parks = entered_outcome(
        "新建城市口袋公园", 230, "个", metric=Metric.COUNT, source="省住建厅2024年1月报送", year=2023
    )
    gdp = entered_outcome("地区生产总值", 9.9, "%", metric=Metric.GROWTH, source="某统计公报")
    card = scorecard(
        report("link-province-2023.txt", PROVINCE_2023),
        report("link-province-2024.txt", PROVINCE_2024),
        vocab,
        entered=[parks, gdp],
    )
    lines = {line.indicator: line for line in card.lines}
    assert lines["新建城市口袋公园"].status == Status.MET
    assert lines["新建城市口袋公园"].outcome_sentence == "省住建厅2024年1月报送"
    assert (lines["新建城市口袋公园"].match_reason or "").startswith("用户录入")
    assert (
        lines["地区生产总值"].outcome is not None and lines["地区生产总值"].outcome.value == 6.1
    )  # the report wins
    with pytest.raises(ValidationError):
        entered_outcome("x", 1, "个", metric=Metric.COUNT, source=" ")
