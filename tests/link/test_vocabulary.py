from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.errors import ValidationError
from luoshi.link.vocabulary import Direction, Vocabulary, clean_name, load_vocabulary


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("原煤产量", "原煤产量"),
        ("煤炭产量", "原煤产量"),
        ("地区生产总值", "地区生产总值"),
        ("全省地区生产总值", "地区生产总值"),
        ("国内生产总值", "地区生产总值"),
        ("经济增长", "地区生产总值"),
        ("GDP", "地区生产总值"),
        ("居民消费价格涨幅", "居民消费价格"),
        ("CPI", "居民消费价格"),
        ("单位GDP能耗", "单位地区生产总值能耗"),
        ("单位国内生产总值能耗降低", "单位地区生产总值能耗"),
        ("粮食总产量", "粮食产量"),
        ("城镇居民人均可支配收入", "城镇居民人均可支配收入"),
        ("农村居民人均可支配收入", "农村居民人均可支配收入"),
        ("全市社会消费品零售总额", "社会消费品零售总额"),
        ("工业对经济增长的贡献率", None),
        ("农林牧渔业生产总值", None),
        ("开发区规上工业增加值", None),
    ],
)
def test_canonical(vocab: Vocabulary, written: str, canonical: str | None) -> None:
    entry = vocab.canonical(written)
    assert (entry.name if entry else None) == canonical


@pytest.mark.parametrize(
    ("name", "metric", "direction"),
    [
        ("居民消费价格涨幅", "growth", Direction.CEILING),
        ("城镇调查失业率", "share", Direction.CEILING),
        ("赤字率", "share", Direction.CEILING),
        ("地区生产总值", "growth", Direction.FLOOR),
        ("单位GDP能耗", "growth", Direction.FLOOR),
        ("新建5G基站", "count", Direction.FLOOR),
        ("营商环境评价排名", "rank", Direction.CEILING),
        ("生产安全事故死亡人数", "count", Direction.CEILING),
    ],
)
def test_direction(vocab: Vocabulary, name: str, metric: str, direction: Direction) -> None:
    assert vocab.direction(name, metric) == direction


def test_clean_name_strips_region_and_verbs() -> None:
    assert clean_name("全市“四好农村路”") == "四好农村路"
    assert clean_name("今年地区生产总值增长") == "地区生产总值"


def test_mentioned_prefers_longest(vocab: Vocabulary) -> None:
    names = [e.name for e in vocab.mentioned("单位国内生产总值能耗降低3%左右，国内生产总值增长6%")]
    assert names == ["单位地区生产总值能耗", "地区生产总值"]


def test_user_file_extends_and_overrides(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "settings: {about_points: 0.5}\n"
        "indicators:\n"
        "  - {name: 原煤产量, synonyms: [煤炭产量, 原煤], unit: mass, metrics: [level], direction: band}\n"
        "  - {name: 快递业务量, synonyms: [快递量], unit: count, metrics: [count]}\n",
        encoding="utf-8",
    )
    vocab = load_vocabulary(path)
    assert vocab.settings.about_points == 0.5
    assert vocab.settings.min_similarity == load_vocabulary().settings.min_similarity
    coal = vocab.canonical("原煤")
    assert coal is not None and coal.direction == Direction.BAND
    assert vocab.canonical("快递量") is not None
    assert vocab.canonical("CPI") is not None  # the shipped entries stay


@pytest.mark.parametrize(
    "content",
    [
        "- just a list\n",
        "indicators:\n  - {synonyms: [x]}\n",
        "indicators:\n  - {name: x, direction: up}\n",
        "a: [\n",
    ],
)
def test_bad_user_file_is_a_validation_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValidationError):
        load_vocabulary(path)


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="找不到"):
        load_vocabulary(tmp_path / "none.yaml")


def test_shipped_names_are_unambiguous(vocab: Vocabulary) -> None:
    owners: dict[str, set[str]] = {}
    for entry in vocab.indicators:
        for name in (entry.name, *entry.synonyms):
            owners.setdefault(clean_name(name), set()).add(entry.name)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}
    assert all(entry.metrics and entry.unit for entry in vocab.indicators)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        # the headline-target names as read from the shared real collection
        ("生产总值（GDP", "地区生产总值"),  # 政府工作报告-省自治区/四川省/2003.txt: 全省生产总值（GDP）增长9%
        ("国内生产总值比去年（下同", "地区生产总值"),  # 政府工作报告-主要城市/广州市/1994.txt
        ("全力争取地区生产总值", "地区生产总值"),  # 政府工作报告-主要城市/南昌市/2020.txt
        # hand-written
        ("粮食产量（万吨）", "粮食产量"),
        ("确保居民消费价格比上年", "居民消费价格"),
        ("力争社会消费品零售总额", "社会消费品零售总额"),
        ("（下同）", None),  # an aside alone names nothing
    ],
)
def test_an_aside_a_resolve_and_a_comparison_do_not_change_the_indicator(
    vocab: Vocabulary, written: str, canonical: str | None
) -> None:
    entry = vocab.canonical(written)
    assert (entry.name if entry else None) == canonical


def test_name_patterns_are_tried_in_vocabulary_order_in_one_pass(tmp_path: Path) -> None:
    """Patterns of a user file: the first entry (in file order) whose pattern matches a whole name
    wins, as trying them one by one would, in one regex or (a back-reference among them) one by one."""
    entries = (
        "indicators:\n"
        "  - {name: 甲指标, patterns: ['(某)?甲.*量', '零号']}\n"
        "  - {name: 乙指标, patterns: ['(?P<w>甲)乙.*量', '乙.+']}\n"
    )
    expected = {"甲乙产量": "甲指标", "乙产量": "乙指标", "零号": "甲指标", "甲乙": None, "丙丙率": None}
    for extra, also in (("", {}), ("  - {name: 丙指标, patterns: ['(丙)\\1率']}\n", {"丙丙率": "丙指标"})):
        path = tmp_path / "mine.yaml"
        path.write_text(entries + extra, encoding="utf-8")
        vocab = load_vocabulary(path)
        names = {w: (e.name if (e := vocab.canonical(w)) else None) for w in expected}
        assert names == {**expected, **also}
