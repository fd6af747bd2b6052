"""Debris removal with an offset map: every kept character remembers where it came from."""

from __future__ import annotations

import re
from array import array

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# A pinyin syllable with a tone mark glued after a CJK character: 現(xiàn), 發（fā）.
PINYIN = re.compile(
    rf"(?<=[\u3400-\u9fff])[(（](?=[a-zü{_TONED}\u0300-\u036f]*[{_TONED}\u0300-\u036f])"
    rf"[a-zü{_TONED}\u0300-\u036f]{{1,8}}[)）]"
)
INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad\u3000]")
DEBRIS = re.compile(f"{PINYIN.pattern}|{INVISIBLE.pattern}")


def strip_debris(original: str) -> tuple[str, array[int]]:
    """Drop debris from ``original``; return the kept text and its index into ``original``."""
    pieces: list[str] = []
    index: array[int] = array("l")
    pos = 0
    for m in DEBRIS.finditer(original):
        pieces.append(original[pos : m.start()])
        index.extend(range(pos, m.start()))
        pos = m.end()
    pieces.append(original[pos:])
    index.extend(range(pos, len(original)))
    index.append(len(original))
    return "".join(pieces), index
