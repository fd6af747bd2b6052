"""Chinese numerals: one reader (cn_value) for large and small numerals, one table of digits; and
writing small numerals and 成文日期, the inverse of reading them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luoshi.ingest.numbering import chinese
from luoshi.segment.numerals import cn_date, cn_number, cn_value, cn_written, cn_year


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


@pytest.mark.parametrize(
    ("n", "written"),
    [(0, "〇"), (1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (21, "二十一"), (31, "三十一")],
)
def test_written_numerals(n: int, written: str) -> None:
    assert cn_written(n) == written


@given(st.integers(min_value=1, max_value=99))
def test_writing_then_reading_gives_the_number(n: int) -> None:
    assert cn_number(cn_written(n)) == n


def test_dates_as_a_document_dates_them() -> None:
    assert cn_date(2023, 10, 20) == "二〇二三年十月二十日"
    assert cn_date(2024, 1, 5) == "二〇二四年一月五日"
    assert cn_year(cn_date(2030, 12, 31)[:4]) == 2030


def test_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        cn_written(100)
