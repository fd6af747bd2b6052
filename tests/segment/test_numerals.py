"""Writing small Chinese numerals and 成文日期, the inverse of reading them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luoshi.segment.numerals import cn_date, cn_number, cn_written, cn_year


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
