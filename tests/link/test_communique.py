"""A statistical communiqué read as an outcome source: its form, not one file's wording."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from luoshi.document import Quantity
from luoshi.errors import InputError
from luoshi.link.communique import is_communique, read_communique

COMMUNIQUES = Path(__file__).parent.parent / "fixtures" / "communiques"
FIXTURES = Path(__file__).parent.parent / "fixtures"


def headline(path: Path) -> dict[tuple[str, str], float]:
    return {(q.indicator, q.metric.value): q.value for q in read_communique(path).headline}


# National communiqués of 1985–2025 (copied from the shared collection): the headline figures as
# the NBS states them, in old (据初步测算, 国民收入…) and new (初步核算, footnote marks) wording.
NATIONAL = {
    "1985-excerpt.txt": {("地区生产总值", "growth"): 12.5, ("固定资产投资", "growth"): 35.0},
    "1995-excerpt.txt": {("地区生产总值", "growth"): 10.2, ("固定资产投资", "level"): 19445.0,
                         ("社会消费品零售总额", "growth"): 26.6, ("城镇新增就业", "count"): 720.0},
    "2005-excerpt.txt": {("地区生产总值", "growth"): 9.9, ("固定资产投资", "growth"): 25.7,
                         ("居民消费价格", "growth"): 1.8, ("粮食产量", "level"): 48401.0},
    "2015-excerpt.txt": {("一般公共预算收入", "growth"): 5.8, ("单位地区生产总值能耗", "growth"): -5.6,
                         ("居民人均可支配收入", "growth"): 8.9, ("城镇新增就业", "count"): 1312.0},
    "2021.txt": {("地区生产总值", "growth"): 8.1, ("城镇调查失业率", "share"): 5.1,
                 ("居民消费价格", "growth"): 0.9, ("单位地区生产总值能耗", "growth"): -2.7,
                 ("粮食产量", "level"): 68285.0, ("城镇新增就业", "count"): 1269.0},
    "2022.txt": {("地区生产总值", "growth"): 3.0, ("城镇调查失业率", "share"): 5.6,
                 ("社会消费品零售总额", "growth"): -0.2, ("固定资产投资", "growth"): 4.9},
    "2025-excerpt.txt": {("居民消费价格", "growth"): 0.0, ("固定资产投资", "growth"): -3.9,
                         ("一般公共预算收入", "growth"): -1.7},
}  # fmt: skip


@pytest.mark.parametrize(("name", "expected"), list(NATIONAL.items()))
def test_national_headline_figures(name: str, expected: dict[tuple[str, str], float]) -> None:
    got = headline(COMMUNIQUES / name)
    assert {k: got.get(k) for k in expected} == expected


def test_title_gives_region_and_year_in_every_era() -> None:
    old = read_communique(COMMUNIQUES / "1985-excerpt.txt")  # 国家统计局关于一九八五年…统计公报
    assert (old.region, old.level, old.year) == ("全国", "national", 1985)
    new = read_communique(COMMUNIQUES / "2021.txt")
    assert (new.region, new.year) == ("全国", 2021)


def test_not_a_quarter_nor_a_price_index() -> None:
    """一季度国内生产总值同比增长 and 固定资产投资价格上涨 come before the headline figures."""
    got = headline(COMMUNIQUES / "2005-excerpt.txt")
    assert got[("固定资产投资", "growth")] == 25.7  # not 固定资产投资价格上涨1.6%
    city = headline(COMMUNIQUES / "city-2023-style.txt")
    assert city[("地区生产总值", "growth")] == 4.9  # not 一季度…3.1%
    assert city[("固定资产投资", "growth")] == 3.5  # not 固定资产投资价格上涨0.8%


def test_city_and_province_forms() -> None:
    city = read_communique(COMMUNIQUES / "city-2023-style.txt")
    assert (city.region, city.level, city.year) == ("青岚市", "city", 2023)
    got = headline(COMMUNIQUES / "city-2023-style.txt")
    assert got[("一般公共预算收入", "level")] == 118.6 and got[("城镇调查失业率", "share")] == 5.3
    assert got[("居民人均可支配收入", "growth")] == 5.6  # nominal, not 实际增长5.3%
    province = read_communique(COMMUNIQUES / "province-2023-style.txt")
    assert (province.region, province.level, province.year) == ("江淮省", "province", 2023)
    assert headline(COMMUNIQUES / "province-2023-style.txt") == {
        ("地区生产总值", "level"): 50600.0,
        ("地区生产总值", "growth"): 6.1,
        ("一般公共预算收入", "level"): 3780.0,
        ("一般公共预算收入", "growth"): 7.2,  # 同口径增长
        ("固定资产投资", "growth"): -2.3,
        ("社会消费品零售总额", "level"): 22130.5,
        ("社会消费品零售总额", "growth"): 6.9,
        ("居民人均可支配收入", "level"): 32056.0,
        ("居民人均可支配收入", "growth"): 6.0,
        ("居民消费价格", "growth"): 0.4,
        ("城镇新增就业", "count"): 52.3,
        ("城镇调查失业率", "share"): 5.2,
        ("粮食产量", "level"): 3512.6,
        ("单位地区生产总值能耗", "growth"): -2.1,
    }


def test_spans_point_at_the_figure_in_the_text_as_read() -> None:
    c = read_communique(COMMUNIQUES / "2021.txt")
    text = c.report.text.original  # offsets are into the text as read, like every quantity's
    gdp = next(q for q in c.headline if q.indicator == "地区生产总值" and q.metric.value == "growth")
    assert text[gdp.start : gdp.end] == "8.1%"
    assert "国内生产总值" in gdp.sentence and gdp.year == 2021


def test_detected_by_content_not_file_name(tmp_path: Path) -> None:
    renamed = tmp_path / "report.txt"
    renamed.write_bytes((COMMUNIQUES / "city-2023-style.txt").read_bytes())
    assert read_communique(renamed).region == "青岚市"
    report = (FIXTURES / "guowuyuan-2021.txt").read_text(encoding="utf-8")
    assert not is_communique(report)
    with pytest.raises(InputError, match="不是统计公报"):
        read_communique(FIXTURES / "guowuyuan-2021.txt")


def test_two_sources_agree_up_to_rounding_and_only_on_like_figures() -> None:
    from tests.link.build import make_quantity

    from luoshi.link.sources import agree

    def q(value: float, unit: str = "%", metric: str = "growth") -> Quantity:
        return make_quantity("地区生产总值", value, unit, metric, part="review")

    assert agree(q(13), q(13.4))  # 百分之十三 in a report, 13.4% in the communiqué
    assert not agree(q(6.1), q(6.2)) and agree(q(5.0), q(5))
    assert agree(q(1.37, "万亿斤", "level"), q(68285, "万吨", "level"))
    assert not agree(q(10, "万亿元", "level"), q(10.1))  # a level against a growth rate


SHARED = Path(os.environ.get("LUOSHI_REAL_COMMUNIQUES", "/work/shared/corpus/real/communiques"))


@pytest.mark.slow
@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared national communiqués are not here")
def test_every_shared_national_communique() -> None:
    """All 48 (1978–2025): detected, 全国, the year of the file name; GDP growth in every year that
    states 国内生产总值 in the headline form (1985, 1992–2025 except 2002)."""
    found = {}
    for path in sorted(SHARED.glob("*.txt")):
        c = read_communique(path)
        assert (c.region, c.year) == ("全国", int(path.stem))
        found[c.year] = {(q.indicator, q.metric.value): q.value for q in c.headline}
    assert len(found) == 48
    with_gdp = {y for y, got in found.items() if ("地区生产总值", "growth") in got}
    assert with_gdp == {1985, *range(1992, 2026)} - {2002}
