from __future__ import annotations

import pytest

from luoshi.link.measures import compatible, parse_measure


@pytest.mark.parametrize(
    ("unit", "family", "factor"),
    [
        ("万吨", "mass", 1e4),
        ("亿吨", "mass", 1e8),
        ("万亿斤", "mass", 5e8),
        ("亿斤", "mass", 5e4),
        ("万人", "people", 1e4),
        ("人", "people", 1.0),
        ("名", "people", 1.0),
        ("亿元", "currency", 1e8),
        ("万亿元", "currency", 1e12),
        ("亿千瓦时", "energy", 1e8),
        ("万千瓦", "power", 1e4),
        ("千瓦", "power", 1.0),
        ("万平方米", "area", 1e4),
        ("个百分点", "points", 1.0),
        ("百分点", "points", 1.0),
        ("%", "percent", 1.0),
        ("座", "count", 1.0),
        ("万户", "count", 1e4),
    ],
)
def test_parse_measure(unit: str, family: str, factor: float) -> None:
    parsed = parse_measure(unit)
    assert parsed.family == family
    assert parsed.factor == pytest.approx(factor)


def test_unknown_units_are_their_own_family() -> None:
    assert parse_measure("微克/立方米").family == "other:微克/立方米"
    assert compatible("微克/立方米", "微克/立方米")
    assert not compatible("微克/立方米", "%")


def test_mass_units_meet_across_magnitudes() -> None:
    assert compatible("万吨", "亿斤")
    assert parse_measure("万亿斤").to_base(1.3) == pytest.approx(parse_measure("万吨").to_base(65000))
    assert not compatible("万吨", "万千瓦")
    assert not compatible("%", "个百分点")
