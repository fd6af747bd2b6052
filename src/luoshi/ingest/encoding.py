"""Decode a text file whose encoding nobody told us: UTF-8, UTF-8 BOM, GB18030/GBK, UTF-16/32."""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CJK = re.compile(r"[\u3400-\u9fff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
# Scripts a Chinese report is written in: ASCII, Latin, punctuation, symbols, CJK, full-width forms.
_EXPECTED = re.compile(
    "[\t\n\r\x20-\x7e\xa0-\u024f\u0300-\u036f\u0391-\u03c9\u1e00-\u1eff\u2000-\u2bff"
    "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)


def decode(data: bytes) -> str | None:
    """The text of ``data``, or None when no candidate encoding gives plausible text.

    Order: strict UTF-8, a byte-order mark, strict GB18030, UTF-16 without a BOM, detection.
    """
    utf8 = _strict(data, "utf-8")
    if utf8 is not None and not _controls(utf8):  # valid UTF-8 is strong evidence by itself
        return utf8.removeprefix("\ufeff")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], codec)
    for codec in ("gb18030", "utf-16-le", "utf-16-be"):  # beyond UTF-8, a report must be Chinese
        text = _strict(data, codec)
        if text is not None and plausible(text, chinese=True):
            return text
    return _detected(data)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _detected(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    return text if plausible(text, chinese=True) else None


def plausible(text: str, *, chinese: bool = False) -> bool:
    """Expected scripts, few control characters, and mostly common CJK characters (GB2312 or Big5).

    With ``chinese``, at least a tenth of the characters must be CJK.
    """
    sample = text[:20000]
    if _controls(sample):
        return False
    if len(_EXPECTED.findall(sample)) < 0.95 * len(sample):
        return False
    cjk = _CJK.findall(sample)
    if chinese and len(cjk) < 0.1 * len(sample):
        return False
    if not cjk:
        return True
    common = sum(1 for c in cjk if _common(c))
    return common >= 0.9 * len(cjk)


def _controls(text: str) -> bool:
    """More control characters than one in 200 (NUL-riddled UTF-16 read as UTF-8, binary …)."""
    sample = text[:20000]
    return len(_CONTROL.findall(sample)) > len(sample) // 200


@lru_cache(maxsize=65536)
def _common(char: str) -> bool:
    for codec in ("gb2312", "big5"):
        try:
            char.encode(codec)
            return True
        except UnicodeEncodeError:
            continue
    return False
