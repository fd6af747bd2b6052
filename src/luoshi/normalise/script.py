"""Traditional → simplified with OpenCC ``tw2s`` (one character for one: offsets survive)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("tw2s")


def to_simplified(text: str) -> str:
    """Convert to simplified script without changing the length of the text."""
    out: str = _converter().convert(text)
    if len(out) != len(text):  # never expected with tw2s; fall back character by character
        conv = _converter()
        out = "".join(c if len(s := conv.convert(c)) != 1 else s for c in text)
    return out
