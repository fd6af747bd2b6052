"""One year's holiday schedule (国务院办公厅关于X年部分节假日安排的通知) and its YAML file format.

A file names the year, the notice, each holiday with its days off, and the make-up working days
(调休上班) that fall on a Saturday or Sunday. See docs/supervision.md for an example.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from luoshi.errors import ValidationError

KEYS = {"year", "title", "holidays", "workdays"}
HOLIDAY_KEYS = {"name", "start", "end"}
WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True, slots=True)
class Holiday:
    """Days off for one festival, ``start`` to ``end`` inclusive (调休 included)."""

    name: str
    start: date
    end: date

    def days(self) -> Iterator[date]:
        day = self.start
        while day <= self.end:
            yield day
            day += timedelta(days=1)


@dataclass(frozen=True, slots=True)
class HolidayYear:
    """A year's days off and make-up working days, and where they come from."""

    year: int
    title: str
    holidays: tuple[Holiday, ...]
    workdays: tuple[date, ...]  # Saturdays and Sundays worked (调休上班)

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "title": self.title,
            "holidays": [{"name": h.name, "start": h.start, "end": h.end} for h in self.holidays],
            "workdays": list(self.workdays),
        }


def load_year_file(path: Path) -> HolidayYear:
    """Read and check a holiday file; refuse anything malformed with one clear line."""
    import yaml

    if not path.is_file():
        raise ValidationError(f"找不到节假日文件：{path}")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_loader())
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ValidationError(f"节假日文件不是有效的 YAML：{exc}".splitlines()[0]) from None
    return parse_year(data)


def _loader() -> Any:
    """PyYAML's safe loader with dates left as text, so that a wrong date gets our own message."""
    import yaml

    class DatesAsText(yaml.SafeLoader):
        pass

    DatesAsText.yaml_implicit_resolvers = {
        first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return DatesAsText


def shipped_years() -> dict[int, HolidayYear]:
    """The schedules shipped with luoshi (``luoshi/data/holidays/<year>.yaml``), by year."""
    folder = resources.files("luoshi") / "data" / "holidays"
    found = [f for f in folder.iterdir() if f.name.endswith(".yaml")]
    years = [load_year_file(Path(str(f))) for f in found]
    return {y.year: y for y in years}


def parse_year(data: Any) -> HolidayYear:
    """Build a year from parsed YAML (or a stored row's dict), checking every rule."""
    if not isinstance(data, dict):
        raise ValidationError("节假日文件须为映射（year, title, holidays, workdays）")
    unknown = set(map(str, data)) - KEYS
    if unknown:
        raise ValidationError(
            f"节假日文件有未知的键：{'、'.join(sorted(unknown))}（可用：year, title, holidays, workdays）"
        )
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 1949 <= year <= 2100:
        raise ValidationError(f"year 须为 1949–2100 之间的年份，不能是 {year!r}")
    holidays = tuple(_holiday(raw, i, year) for i, raw in enumerate(_list(data, "holidays"), 1))
    if not holidays:
        raise ValidationError("节假日文件至少要有一个假日（holidays）")
    workdays = tuple(_workday(raw, year) for raw in _list(data, "workdays"))
    _check_overlaps(holidays, workdays)
    title = str(data.get("title") or f"{year}年部分节假日安排")
    return HolidayYear(year, title, holidays, tuple(sorted(workdays)))


def _holiday(raw: Any, n: int, year: int) -> Holiday:
    if not isinstance(raw, dict) or not raw.get("name") or "start" not in raw:
        raise ValidationError(f"holidays 第 {n} 项须有 name 和 start（可选 end）")
    unknown = set(map(str, raw)) - HOLIDAY_KEYS
    if unknown:
        raise ValidationError(f"holidays 第 {n} 项有未知的键：{'、'.join(sorted(unknown))}")
    name = str(raw["name"]).strip()
    start = _date(raw["start"], year, name)
    end = _date(raw.get("end", start), year, name)
    if end < start:
        raise ValidationError(f"{name} 的结束日 {end} 早于开始日 {start}")
    return Holiday(name, start, end)


def _workday(raw: Any, year: int) -> date:
    day = _date(raw, year, "调休上班日")
    if day.weekday() < 5:
        raise ValidationError(f"调休上班日 {day} 是周{WEEKDAYS[day.weekday()]}，本来就上班（只列周六、周日）")
    return day


def _date(raw: Any, year: int, what: str) -> date:
    if isinstance(raw, str):
        try:
            raw = date.fromisoformat(raw.strip())
        except ValueError:
            raise ValidationError(f"{what} 的日期 {raw!r} 无效（写作 YYYY-MM-DD）") from None
    if not isinstance(raw, date):
        raise ValidationError(f"{what} 的日期 {raw!r} 无效（写作 YYYY-MM-DD）")
    if raw.year != year:
        raise ValidationError(f"{what} 的日期 {raw} 不在 {year} 年内")
    return raw


def _check_overlaps(holidays: tuple[Holiday, ...], workdays: tuple[date, ...]) -> None:
    seen: dict[date, str] = {}
    for holiday in holidays:
        for day in holiday.days():
            if day in seen:
                raise ValidationError(f"{day} 同时属于 {seen[day]} 和 {holiday.name}")
            seen[day] = holiday.name
    for day in workdays:
        if day in seen:
            raise ValidationError(f"{day} 既是 {seen[day]} 假日，又是调休上班日")
    if len(set(workdays)) != len(workdays):
        raise ValidationError("调休上班日有重复")


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise ValidationError(f"{key} 须为列表")
    return value
