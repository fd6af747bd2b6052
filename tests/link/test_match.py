"""The matcher: vocabulary first, then name similarity; units and metrics must be compatible."""

from __future__ import annotations

from typing import Any

from tests.link.build import make_quantity as mq

from luoshi.document import Quantity
from luoshi.link.match import best_match, contrasted, similarity
from luoshi.link.vocabulary import Vocabulary


def review(*items: tuple[Any, ...]) -> list[Quantity]:
    """Review-part quantities from ``(indicator, value, unit, metric[, modifier][, {extra}])``."""
    quantities = []
    for item in items:
        args, extra = (item[:-1], item[-1]) if isinstance(item[-1], dict) else (item, {})
        quantities.append(mq(*args, **{"part": "review", **extra}))
    return quantities


def test_synonyms_and_magnitudes(vocab: Vocabulary) -> None:
    target = mq("煤炭产量", 1.3, "亿吨", "level", "at_least")
    found = best_match(target, review(("原煤产量", 13500, "万吨", "level")), vocab)
    assert found is not None and found.quantity.value == 13500
    assert "原煤产量" in found.reason


def test_growth_target_takes_the_growth_figure(vocab: Vocabulary) -> None:
    candidates = review(("国内生产总值", 114, "万亿元", "level"), ("国内生产总值", 8.1, "%", "growth"))
    found = best_match(mq("国内生产总值", 6, modifier="at_least"), candidates, vocab)
    assert found is not None and found.quantity.value == 8.1


def test_level_target_takes_the_level_figure(vocab: Vocabulary) -> None:
    candidates = review(("地区生产总值", 8.1, "%", "growth"), ("全省地区生产总值", 5.2, "万亿元", "level"))
    found = best_match(mq("地区生产总值", 5, "万亿元", "level", "at_least"), candidates, vocab)
    assert found is not None and found.quantity.unit == "万亿元"


def test_cpi_named_differently_and_labelled_differently(vocab: Vocabulary) -> None:
    target = mq("居民消费价格涨幅", 3, metric="share", modifier="about")
    found = best_match(target, review(("居民消费价格", 0.9, "%", "growth")), vocab)
    assert found is not None


def test_incompatible_units_or_metrics_do_not_match(vocab: Vocabulary) -> None:
    target = mq("城镇新增就业", 1100, "万人", "count", "at_least")
    assert best_match(target, review(("城镇新增就业", 8.0, "%", "growth")), vocab) is None
    share = mq("森林覆盖率", 23, metric="share")
    assert best_match(share, review(("森林覆盖率", 0.5, "个百分点", "change")), vocab) is None


def test_different_vocabulary_entries_never_match(vocab: Vocabulary) -> None:
    target = mq("城镇居民人均可支配收入", 6, modifier="about")
    assert best_match(target, review(("农村居民人均可支配收入", 7.0, "%", "growth")), vocab) is None


def test_similarity_fallback_for_names_outside_the_vocabulary(vocab: Vocabulary) -> None:
    target = mq("新建5G基站", 1000, "座", "count", "at_least")
    found = best_match(target, review(("5G基站", 1200, "个", "count")), vocab)
    assert found is not None and "相似度" in found.reason
    toilets = mq("改造农村户厕", 10000, "个", "count")
    assert best_match(toilets, review(("农村户厕改造", 12000, "个", "count")), vocab) is not None


def test_contrasting_words_block_similarity(vocab: Vocabulary) -> None:
    target = mq("新增省级重点专科", 5, "个", "count")
    assert best_match(target, review(("新增市级重点专科", 8, "个", "count")), vocab) is None
    assert contrasted("新增省级重点专科", "新增市级重点专科", vocab.contrasts)
    assert not contrasted("新增省级重点专科", "省级重点专科", vocab.contrasts)


def test_unrelated_names_do_not_match(vocab: Vocabulary) -> None:
    target = mq("新建5G基站", 1000, "座", "count")
    assert best_match(target, review(("新建充电桩", 1000, "个", "count")), vocab) is None
    assert similarity("新建5G基站", "新建充电桩") < vocab.settings.min_similarity


def test_year_filter(vocab: Vocabulary) -> None:
    candidates = review(
        ("国内生产总值", 6.5, "%", "growth", {"year": 2020}),
        ("国内生产总值", 8.1, "%", "growth", {"year": 2021}),
    )
    found = best_match(mq("国内生产总值", 6, modifier="at_least"), candidates, vocab, year=2021)
    assert found is not None and found.quantity.year == 2021


def test_first_statement_wins_a_tie(vocab: Vocabulary) -> None:
    candidates = review(("国内生产总值", 8.1, "%", "growth"), ("国内生产总值", 5.1, "%", "growth"))
    found = best_match(mq("国内生产总值", 6, modifier="at_least"), candidates, vocab)
    assert found is not None and found.quantity.value == 8.1


def test_a_more_specific_name_is_another_indicator(vocab: Vocabulary) -> None:
    target = mq("地区生产总值", 6, modifier="about")
    assert best_match(target, review(("农林牧渔业生产总值", 4.0, "%", "growth")), vocab) is None
    assert best_match(target, review(("开发区地区生产总值", 9.0, "%", "growth")), vocab) is None
    action = mq("高标准农田", 6, "万亩", "level")
    assert best_match(action, review(("建设高标准农田", 6.3, "万亩", "level")), vocab) is not None


def test_a_stock_is_not_the_outcome_of_a_flow(vocab: Vocabulary) -> None:
    target = mq("新增科技小巨人企业", 30, "家", "count")
    assert best_match(target, review(("科技小巨人企业", 1500, "家", "count")), vocab) is None
    assert best_match(target, review(("新增科技小巨人企业", 34, "家", "count")), vocab) is not None
