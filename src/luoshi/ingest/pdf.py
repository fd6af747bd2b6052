"""Text layer of a PDF (pypdf); hard-wrapped lines are joined back into paragraphs."""

from __future__ import annotations

import io
import logging
import re
import warnings

from luoshi.ingest.encoding import plausible

_END = "。！？；：!?;:」』”）)】"
_WIDE = "[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]"
_CJK_GAP = re.compile(rf"(?<={_WIDE}) +(?={_WIDE})")
_CJK_PAIR = re.compile(rf"(?={_WIDE}{_WIDE})")
_PAGE_NUMBER = re.compile(r"^[\s\-—–－·]*\d{1,4}[\s\-—–－·]*$")


class NoTextLayer(Exception):
    """The PDF has pages but no extractable text (a scan)."""


class Unreadable(Exception):
    """pypdf could not parse the file, or it is encrypted."""


class Garbled(Exception):
    """The text layer decodes to glyph codes, not text (fonts without a Unicode map)."""


def pdf_to_text(data: bytes) -> str:
    """The text of every page, paragraphs joined; raises NoTextLayer / Unreadable."""
    try:
        pages = _pages(data)
    except Unreadable:
        raise
    except Exception as exc:  # pypdf raises many kinds on a broken file
        raise Unreadable(str(exc)) from exc
    lines = [_close_gaps(ln.strip()) for page in pages for ln in page.splitlines()]
    lines = [ln for ln in lines if ln and not _PAGE_NUMBER.match(ln)]
    if not lines:
        raise NoTextLayer
    text = "\n".join(join_wrapped(lines))
    if not plausible(text):
        raise Garbled
    return text


def _pages(data: bytes) -> list[str]:
    """The text of each page; pypdf's warnings and log lines are kept off the user's stderr."""
    from pypdf import PdfReader

    log = logging.getLogger("pypdf")
    level, log.level = log.level, logging.CRITICAL
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise Unreadable("encrypted")
            return [page.extract_text() or "" for page in reader.pages]
    finally:
        log.setLevel(level)


def _close_gaps(line: str) -> str:
    """Some text layers space out every CJK glyph ("地 区 生 产"); close the gaps on such lines only."""
    gaps = len(_CJK_GAP.findall(line))
    return _CJK_GAP.sub("", line) if gaps >= 2 and gaps >= len(_CJK_PAIR.findall(line)) else line


def join_wrapped(lines: list[str]) -> list[str]:
    """Join a line to the next when it fills the column and does not end a sentence."""
    full = sorted(len(ln) for ln in lines)[int(len(lines) * 0.9)] if len(lines) >= 5 else 10**9
    out: list[str] = []
    carry = False
    for line in lines:
        if carry:
            out[-1] += line
        else:
            out.append(line)
        carry = len(line) >= 0.85 * full and not line.endswith(tuple(_END))
    return out
