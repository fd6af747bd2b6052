"""Small Chinese numerals as they number headings and dates: 一 … 九十九, 〇/零, 两."""

from __future__ import annotations

DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_NUMERAL = "〇零一二两三四五六七八九十"


def cn_number(s: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十一 → 21, 2 → 2; None for anything else."""
    if s.isascii() and s.isdigit():
        return int(s)
    if not s or any(c not in CN_NUMERAL for c in s) or s.count("十") > 1:
        return None
    if "十" not in s:
        return DIGITS[s] if len(s) == 1 else None
    tens, _, ones = s.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (DIGITS[tens] if tens else 1) * 10 + (DIGITS[ones] if ones else 0)


def cn_year(s: str) -> int | None:
    """2023 → 2023, 二〇二三 → 2023 (digit by digit); None unless four digits."""
    if s.isascii() and s.isdigit():
        return int(s) if len(s) == 4 else None
    if len(s) != 4 or any(c not in DIGITS for c in s):
        return None
    return int("".join(str(DIGITS[c]) for c in s))


WRITTEN = "〇一二三四五六七八九"  # the digits as a date writes them (〇, not 零)


def cn_written(n: int) -> str:
    """The inverse of :func:`cn_number` for 0 … 99: 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一."""
    if not 0 <= n <= 99:
        raise ValueError(f"{n} is outside 0 … 99")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return WRITTEN[ones]
    return ("" if tens == 1 else WRITTEN[tens]) + "十" + (WRITTEN[ones] if ones else "")


def cn_date(year: int, month: int, day: int) -> str:
    """A date as a 成文日期 writes it in Chinese numerals: 二〇二三年十月二十日."""
    return "".join(WRITTEN[int(d)] for d in str(year)) + f"年{cn_written(month)}月{cn_written(day)}日"
