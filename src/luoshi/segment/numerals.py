"""Chinese numerals, one reader and one table: 两 → 2, 二十一 → 21, 一万五千 → 15000, 二〇二三 → 2023.

:func:`cn_value` reads any written-out numeral (the number grammar in ``extract`` uses it);
:func:`cn_number` is the same reader restricted to the small numerals that number headings and
dates (一 … 九十九); :func:`cn_year` reads a year digit by digit.
"""

from __future__ import annotations

import re
from functools import lru_cache

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
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
LARGE_UNITS = {"万": 1e4, "亿": 1e8}
CN_NUMERAL = "".join(DIGITS) + "十"  # the small numerals' characters
CN_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(LARGE_UNITS)  # every numeral character
_DIGIT = f"[{''.join(DIGITS)}]"
SMALL = re.compile(f"{_DIGIT}|{_DIGIT}?十{_DIGIT}?")  # 七, 十, 十二, 二十, 二十一


def cn_value(s: str) -> float | None:
    """A written-out numeral's value (两万 → 20000); None for what is not a numeral (十四五, 百)."""
    total, section, digit = 0.0, 0.0, None
    for ch in s:
        if ch in DIGITS:
            if digit is not None and digit != 0 and DIGITS[ch] != 0:
                return None  # two digits in a row: 十四五, not a number
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            if digit is None and ch != "十":
                return None  # bare 百/千: an epithet (百项, 千村)
            section += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        elif ch in LARGE_UNITS:
            if digit is None and section == 0 and total == 0:
                return None
            total = (total + section + (digit or 0)) * LARGE_UNITS[ch]
            section, digit = 0.0, None
        else:
            return None
    return _cn2an(s) if (value := total + section + (digit or 0)) == 0 and s[-1] != "零" else value


@lru_cache(maxsize=256)
def _cn2an(s: str) -> float | None:
    """Fall back on cn2an for an isolated numeral our small reader could not place."""
    import cn2an  # heavy (~0.1 s): only for the odd numeral

    try:
        return float(cn2an.cn2an(s, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


def cn_number(s: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十一 → 21, 2 → 2; None for anything else (一百, 十十)."""
    if s.isascii() and s.isdigit():
        return int(s)
    if not SMALL.fullmatch(s):
        return None
    value = cn_value(s)
    return None if value is None else int(value)


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
