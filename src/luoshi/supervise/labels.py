"""Chinese labels for derived states, colours, roles and stored field names; numbers as people write them."""

from __future__ import annotations

STATUS_LABELS = {
    "not_started": "未启动",
    "on_track": "正常推进",
    "behind": "进度滞后",
    "overdue": "逾期",
    "missing": "缺报",
    "done": "已完成待验收",
    "closed": "已销号",
}
COLOUR_LABELS = {"green": "绿", "yellow": "黄", "red": "红", "orange": "橙", "grey": "—"}
ROLE_LABELS = {"admin": "督查室", "leader": "领导", "reporter": "单位填报员", "public": "公众"}
ASSIGNMENT_ROLES = {"lead": "牵头", "co": "配合"}
FIELD_LABELS = {
    "role": "承办方式",
    "unit_id": "单位",
    "confirmed": "状态",
    "deadline": "完成时限",
    "title": "名称",
    "due": "时限",
    "done_on": "完成日期",
    "target_value": "目标值",
}
MAGNITUDES = ((10**12, "万亿"), (10**8, "亿"), (10**4, "万"))
SCALED_UNITS = ("万", "亿", "千万", "百万")  # a unit already carrying a magnitude (万千瓦): no second one


def plain_number(value: float | int | None) -> str:
    """A number as a Chinese report writes it: 654万, 1.3万亿, 2.5 (never 6.54e+06)."""
    if value is None:
        return "—"
    sign = "-" if value < 0 else ""
    size = abs(value)
    for scale, word in MAGNITUDES:
        if size >= scale:
            return sign + _digits(size / scale) + word
    return sign + _digits(size)


def quantity_text(value: float | int | None, unit: str = "") -> str:
    """A value with its unit (654万人, 100万千瓦, 20座); a unit with its own magnitude is not scaled again."""
    if value is None:
        return "—"
    if unit.startswith(SCALED_UNITS):
        return _digits(value) + unit
    return plain_number(value) + unit


def _digits(value: float | int) -> str:
    if float(value).is_integer():
        return str(int(value))
    places = 2 if abs(value) >= 100 else 4
    return f"{value:.{places}f}".rstrip("0").rstrip(".")


def period_label(key: str) -> str:
    """A reporting period key as people say it: 2023-06 → 2023年6月, 2023-Q2 → 2023年第2季度."""
    year, _, rest = key.partition("-")
    if rest.startswith("Q") and rest[1:].isdigit():
        return f"{year}年第{int(rest[1:])}季度"
    if rest.isdigit() and len(rest) <= 2:
        return f"{year}年{int(rest)}月"
    return key
