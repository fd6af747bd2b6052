"""Full-width digits, Latin letters, ％ and ． to ASCII; odd spaces to a plain space (one for one).

Reports typed on Chinese keyboards write ２０２３年, 增长６．５％, ５Ｇ. Chinese punctuation (，。：；（）)
is left as written: it is how the text is segmented.
"""

from __future__ import annotations

import re

_HALF = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz%."
_FULL = "".join(chr(ord(c) + 0xFEE0) for c in _HALF)  # ０…９ Ａ…Ｚ ａ…ｚ ％ ．
_SPACES = "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
TABLE = str.maketrans(_FULL + _SPACES, _HALF + " " * len(_SPACES))
_ANY = re.compile(f"[{re.escape(_FULL + _SPACES)}]+")


def to_halfwidth(text: str) -> str:
    """ASCII forms of full-width digits, letters, ％ and ．; plain spaces for odd ones."""
    return _ANY.sub(lambda m: m.group().translate(TABLE), text)
