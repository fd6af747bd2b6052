"""Text layer of a PDF (pypdf); hard-wrapped lines are joined back into paragraphs."""

from __future__ import annotations

import io
import re

_END = "。！？；：!?;:」』”）)】"
_CJK_GAP = re.compile(
    r"(?<=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]) +(?=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef])"
)
_PAGE_NUMBER = re.compile(r"^[\s\-—–－·]*\d{1,4}[\s\-—–－·]*$")


class NoTextLayer(Exception):
    """The PDF has pages but no extractable text (a scan)."""


class Unreadable(Exception):
    """pypdf could not parse the file, or it is encrypted."""


def pdf_to_text(data: bytes) -> str:
    """The text of every page, paragraphs joined; raises NoTextLayer / Unreadable."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise Unreadable("encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise Unreadable(str(exc)) from exc
    # text layers often space out CJK glyphs ("地 区 生 产"): spaces between two CJK characters go
    lines = [_CJK_GAP.sub("", ln.strip()) for page in pages for ln in page.splitlines()]
    lines = [ln for ln in lines if ln and not _PAGE_NUMBER.match(ln)]
    if not lines:
        raise NoTextLayer
    return "\n".join(join_wrapped(lines))


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
