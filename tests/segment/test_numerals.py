"""Chinese numerals: one reader (cn_value) for large and small numerals, one table of digits."""

from __future__ import annotations

import pytest

from luoshi.ingest.numbering import chinese
from luoshi.segment.numerals import cn_number, cn_value, cn_year


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("两", 2),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("一百二十", 120),
        ("两千零二十", 2020),
        ("三万", 30000),
        ("一万五千", 15000),
        ("十万", 100000),
        ("两亿", 2e8),
        ("一千二百万", 12e6),
    ],
)
def test_written_out_numerals(numeral: str, value: float) -> None:
    assert cn_value(numeral) == value


@pytest.mark.parametrize("word", ["十四五", "百", "千", "万", "三四", "十五年"])
def test_words_that_are_not_numerals(word: str) -> None:
    assert cn_value(word) is None


@pytest.mark.parametrize(
    ("s", "n"),
    [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十一", 21), ("两", 2), ("7", 7), ("一百", None)],
)
def test_cn_number(s: str, n: int | None) -> None:
    assert cn_number(s) == n


@pytest.mark.parametrize("s", ["十十", "一二", "二十二十", "〇十", "零十", "三万", ""])
def test_cn_number_takes_only_small_numerals(s: str) -> None:
    assert cn_number(s) is None


def test_small_and_large_numerals_read_alike() -> None:
    """Word's counting style (ingest.numbering) read back: the same value by both readers."""
    for n in range(1, 1000):
        assert cn_value(chinese(n)) == n, chinese(n)
        if n < 100:
            assert cn_number(chinese(n)) == n, chinese(n)


@pytest.mark.parametrize(("s", "y"), [("2023", 2023), ("二〇二三", 2023), ("二零二一", 2021), ("二三", None)])
def test_cn_year(s: str, y: int | None) -> None:
    assert cn_year(s) == y
