"""Traditional → simplified with OpenCC ``tw2s`` (one character for one: offsets survive).

OpenCC reads its input as traditional: run over text that is already simplified it rewrites
characters that are also correct simplified forms (显著 → 显着, 卓著 → 卓着). So a line is converted
only when it holds a traditional character that simplified writing does not use (an ideograph
outside GB2312 that OpenCC changes: 發, 國, 隨 …); simplified lines pass through unchanged, and
OpenCC is not even loaded for a text without such a character.
"""

from __future__ import annotations

import codecs
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("tw2s")


def to_simplified(text: str) -> str:
    """Convert the traditional lines of ``text`` to simplified script, keeping its length."""
    if not _has_traditional(text):
        return text  # no line can need converting (and OpenCC need not load)
    return "".join(_line(line) for line in text.splitlines(keepends=True))


def _line(old: str) -> str:
    """A line converted when it holds a traditional character that OpenCC changes, else as it
    was. Only such lines are given to OpenCC (no dictionary phrase spans a line break, so a line
    converts alone as it does within the whole text)."""
    if not _has_traditional(old):
        return old
    new = tw2s(old)
    return new if new != old and _traditional(old, new) else old


def _has_traditional(text: str) -> bool:
    """Whether ``text`` holds a traditional character (:func:`_traditional_char`): GB2312's
    encoder walks the text in C and hands each run it cannot encode to :func:`_stop_at_traditional`."""
    try:
        text.encode("gb2312", _STOP)
    except _Traditional:
        return True
    return False


class _Traditional(Exception):
    """Raised out of the encoder at the first traditional character."""


def _stop_at_traditional(err: UnicodeError) -> tuple[str, int]:
    """A codec error handler: stop at a traditional character, skip any other character GB2312 lacks."""
    assert isinstance(err, UnicodeEncodeError)
    if any(_traditional_char(c) for c in err.object[err.start : err.end]):
        raise _Traditional
    return "", err.end


_STOP = "luoshi.stop-at-traditional"
codecs.register_error(_STOP, _stop_at_traditional)


def tw2s(text: str) -> str:
    """OpenCC ``tw2s`` over all of ``text``, length kept (no line policy).

    OpenCC's C core ends its input at a NUL character, so the pieces between NULs are converted
    one by one: a stray NUL must not cut the text short nor cost the rest its phrase context.
    """
    conv = _converter()
    out = "\0".join(conv.convert(piece) for piece in text.split("\0"))
    if len(out) != len(text):  # never expected with tw2s; fall back character by character
        out = "".join(c if len(s := conv.convert(c)) != 1 else s for c in text)
    return out


def _traditional(old: str, new: str) -> bool:
    """Whether a line changed by OpenCC holds a character only traditional writing uses."""
    return any(a != b and _traditional_char(a) for a, b in zip(old, new, strict=True))


@lru_cache(maxsize=8192)
def _traditional_char(char: str) -> bool:
    """A CJK ideograph outside GB2312, the simplified set (發, 國, 隨 are; 著, 乾, 后, 干 are not)."""
    if not ("\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or char >= "\U00020000"):
        return False
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return False
