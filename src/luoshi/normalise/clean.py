"""Debris removal with an offset map: every kept character remembers where it came from."""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_MARKS = "\u0300-\u036f"  # combining tone marks (NFD pinyin: xia\u0300n)
_LETTERS = f"a-zA-Zü{_TONED}{_MARKS}"
# A toneless pinyin syllable, for the tone-number style (xian4): initial? final.
_SYLLABLE = (
    "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    "(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|"
    "ua|uo|ui|un|üe|ün|ve|a|o|e|i|u|ü|v)"
)
# A pinyin syllable glued after a CJK character: 現(xiàn), 發（fā）, NFD marks, or a tone number (xian4).
# It must carry a tone (mark or number), so real parentheses such as 公顷(ha), (一), (室) stay.
# Every branch below starts with a character class, so the regex engine can skip ahead quickly.
PINYIN = re.compile(
    rf"[(（](?<=[\u3400-\u9fff\uf900-\ufaff][(（])"
    rf"(?:(?=[{_LETTERS}]*[{_TONED}{_MARKS}])[{_LETTERS}]{{1,12}}|{_SYLLABLE}[1-5])[)）]"
)
# Zero-width and formatting characters, soft hyphens, BOMs, full-width spaces.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad\u3000]")
# Indentation and trailing blanks on a line; a CR before LF; blank lines.
_BLANK = "[ \t\u00a0\u3000\u200b\ufeff\r]"
# (Indentation is matched blank first, then checked to open its line: a pattern whose every
# branch starts with a character class lets the regex engine skip ahead to where one may begin.)
MARGIN = re.compile(
    rf"[ \t\u00a0](?<=(?<![^\n])[ \t\u00a0])[ \t\u00a0]*"
    rf"|[ \t\u00a0]+(?=\r?(?:\n|\Z))|\r(?=\n)|\n(?={_BLANK}*(?:\n|\Z))"
)
LEADING = re.compile(rf"(?:{_BLANK}*\n)+")  # blank lines at the very start
DEBRIS = re.compile(f"{MARGIN.pattern}|{PINYIN.pattern}|{INVISIBLE.pattern}")


def strip_debris(original: str) -> tuple[str, array[int]]:
    """Drop debris from ``original``; return the kept text and its index into ``original``.

    ``index[i]`` is the original offset of kept character ``i``; one more entry,
    ``len(original)``, lets end offsets map too.
    """
    lead = LEADING.match(original)
    start = lead.end() if lead else 0
    spans = [(0, start)] if start else []
    spans += [m.span() for m in DEBRIS.finditer(original, start)]
    return remove_spans(original, spans)


_RANGE: list[array[int]] = [array("l", range(1 << 16))]  # 0, 1, 2 …: grown as texts need


def _identity(size: int) -> array[int]:
    """``array("l", range(size))``, sliced (copied in C) from one made once."""
    if len(_RANGE[0]) < size:
        _RANGE[0] = array("l", range(max(size, 2 * len(_RANGE[0]))))
    return _RANGE[0][:size]


def remove_spans(
    text: str, spans: Iterable[tuple[int, int]], index: array[int] | None = None
) -> tuple[str, array[int]]:
    """Remove sorted, disjoint ``spans`` of ``text``; compose the result's index with ``index``."""
    base = index if index is not None else _identity(len(text) + 1)
    pieces: list[str] = []
    kept: array[int] = array("l")
    pos = 0
    for start, end in spans:
        pieces.append(text[pos:start])
        kept.extend(base[pos:start])  # array slices: copied in C
        pos = end
    pieces.append(text[pos:])
    kept.extend(base[pos:])  # includes the last entry, which stands for the end of the text
    return "".join(pieces), kept
