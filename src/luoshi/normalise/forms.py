"""Plain character forms, one for one: full-width digits, Latin letters, ％ and ． to ASCII;
odd spaces to a plain space; odd line breaks (a lone CR, U+2028 …) to a line feed.

Reports typed on Chinese keyboards write ２０２３年, 增长６．５％, ５Ｇ. Chinese punctuation (，。：；（）)
is left as written: it is how the text is segmented.
"""

from __future__ import annotations

import re

_HALF = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz%."
_FULL = "".join(chr(ord(c) + 0xFEE0) for c in _HALF)  # ０…９ Ａ…Ｚ ａ…ｚ ％ ．
_SPACES = "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # a CR before LF is removed as debris earlier
TABLE = str.maketrans(_FULL + _SPACES + _BREAKS, _HALF + " " * len(_SPACES) + "\n" * len(_BREAKS))
_ANY = re.compile(f"[{re.escape(_FULL + _SPACES + _BREAKS)}]+")


def plain_forms(text: str) -> str:
    """ASCII digits, letters, % and .; plain spaces; line feeds for every other line break."""
    return _ANY.sub(lambda m: m.group().translate(TABLE), text)
