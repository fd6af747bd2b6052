"""The holiday file format: what a valid notice looks like, and one clear line for each mistake."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from luoshi.calendar import load_year_file, parse_year
from luoshi.calendar.sources import library_year
from luoshi.calendar.year import shipped_years
from luoshi.errors import ValidationError

VALID: dict[str, Any] = {
    "year": 2026,
    "holidays": [{"name": "元旦", "start": "2026-01-01", "end": "2026-01-03"}],
    "workdays": ["2026-01-04"],
}


def test_a_valid_year_parses_with_its_days() -> None:
    year = parse_year(VALID)
    assert [d.isoformat() for d in year.holidays[0].days()] == ["2026-01-01", "2026-01-02", "2026-01-03"]
    assert [d.isoformat() for d in year.workdays] == ["2026-01-04"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"year": "next"}, "year 须为"),
        ({"year": 2027}, "不在 2027 年内"),
        ({"holidays": []}, "至少要有一个假日"),
        ({"holidays": [{"start": "2026-01-01"}]}, "须有 name 和 start"),
        ({"holidays": [{"name": "元旦", "start": "2026-02-30"}]}, "无效"),
        ({"holidays": [{"name": "元旦", "start": "2026-01-03", "end": "2026-01-01"}]}, "早于开始日"),
        ({"workdays": ["2026-01-05"]}, "本来就上班"),  # a Monday cannot be a make-up working day
        ({"workdays": ["2026-01-03"]}, "既是 元旦 假日"),
        ({"note": "x"}, "未知的键"),
        (
            {"holidays": [{"name": "甲", "start": "2026-01-01"}, {"name": "乙", "start": "2026-01-01"}]},
            "同时属于",
        ),
    ],
)
def test_bad_files_are_refused_with_one_chinese_line(change: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message) as info:
        parse_year({**VALID, **change})
    assert "\n" not in str(info.value)


def test_a_file_that_is_not_yaml_or_missing_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "2027.yaml"
    bad.write_text("year: [2027\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="不是有效的 YAML"):
        load_year_file(bad)
    with pytest.raises(ValidationError, match="找不到节假日文件"):
        load_year_file(tmp_path / "none.yaml")


@pytest.mark.parametrize("year", sorted(shipped_years()))
def test_shipped_notices_agree_with_chinesecalendar(year: int) -> None:
    """The transcribed State Council notices and the chinesecalendar package give the same days."""
    shipped, library = shipped_years()[year], library_year(year)
    if library is None:
        pytest.skip(f"chinesecalendar does not cover {year}")
    assert {d for h in shipped.holidays for d in h.days()} == {d for h in library.holidays for d in h.days()}
    assert shipped.workdays == library.workdays


def test_shipped_notices_cover_2024_to_2026() -> None:
    assert {2024, 2025, 2026} <= set(shipped_years())
