"""Word's automatic list numbering, rendered as text (一、 (一) 1. ①), which python-docx leaves out.

Reports typed in Word often number their parts and sections automatically; without the numbers
the outline (一、… (一)…) would be lost.
"""

from __future__ import annotations

import re
from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

Level = tuple[str, str, int]  # (numFmt, lvlText, start)


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (counting style; digits from 1000)."""
    if n < 0 or n >= 1000:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens = "" if n < 20 else _DIGITS[n // 10]
        return tens + "十" + (_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    if rest == 0:
        tail = ""
    elif rest < 10:
        tail = "零" + _DIGITS[rest]
    else:
        tail = ("一" if rest < 20 else "") + chinese(rest)
    return _DIGITS[n // 100] + "百" + tail


def render(fmt: str, n: int) -> str:
    """One counter in a Word number format."""
    if fmt.startswith(("chineseCounting", "ideographTraditional", "taiwaneseCounting", "japaneseCounting")):
        return chinese(n)
    if fmt == "decimalEnclosedCircle" and 0 < n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt in ("upperLetter", "lowerLetter") and 0 < n <= 26:
        letter = chr(ord("A") + n - 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out, n = out + numeral, n - value
    return out


class Numbering:
    """Counters for a document's numbered paragraphs, in document order."""

    def __init__(self, document: Any) -> None:
        self.lists = _lists(document)
        self.counters: dict[str, dict[int, int]] = {}

    def label(self, paragraph: Any) -> str:
        """The number Word would show before ``paragraph`` ("" when it has none)."""
        ref = _num_ref(paragraph)
        if ref is None or ref[0] not in self.lists:
            return ""
        num_id, ilvl = ref
        levels = self.lists[num_id]
        if ilvl not in levels or levels[ilvl][0] in ("bullet", "none"):
            return ""
        counts = self.counters.setdefault(num_id, {})
        counts[ilvl] = counts.get(ilvl, levels[ilvl][2] - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        return re.sub(r"%([1-9])", lambda m: self._part(levels, counts, int(m.group(1)) - 1), levels[ilvl][1])

    @staticmethod
    def _part(levels: dict[int, Level], counts: dict[int, int], ilvl: int) -> str:
        fmt, _, start = levels.get(ilvl, ("decimal", "", 1))
        return render(fmt, counts.get(ilvl, start))


def _lists(document: Any) -> dict[str, dict[int, Level]]:
    """numId → level → (format, text pattern, start) from the numbering part."""
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract = {a.get(f"{_W}abstractNumId"): a for a in root.findall(f"{_W}abstractNum")}
    lists: dict[str, dict[int, Level]] = {}
    for num in root.findall(f"{_W}num"):
        ref = num.find(f"{_W}abstractNumId")
        definition = abstract.get(_val(ref) or "")
        if definition is None:
            continue
        lists[num.get(f"{_W}numId") or ""] = {
            int(lvl.get(f"{_W}ilvl") or 0): (
                _val(lvl.find(f"{_W}numFmt")) or "decimal",
                _val(lvl.find(f"{_W}lvlText")) or "",
                int(_val(lvl.find(f"{_W}start")) or 1),
            )
            for lvl in definition.findall(f"{_W}lvl")
        }
    return lists


def _num_ref(paragraph: Any) -> tuple[str, int] | None:
    """(numId, level) from the paragraph's own properties, else from its style."""
    for props in (paragraph._p.pPr, _style_props(paragraph)):
        num = props.find(f"{_W}numPr") if props is not None else None
        if num is not None:
            num_id = _val(num.find(f"{_W}numId"))
            if num_id and num_id != "0":
                return num_id, int(_val(num.find(f"{_W}ilvl")) or 0)
    return None


def _style_props(paragraph: Any) -> Any:
    try:
        style = paragraph.style
    except (KeyError, ValueError):
        return None
    return style.element.pPr if style is not None else None


def _val(element: Any) -> str | None:
    return element.get(f"{_W}val") if element is not None else None
