"""Stage 2, normalise: remove web debris and convert to simplified script, keeping an offset map.

Public surface: :func:`normalise`.
"""

from __future__ import annotations

from luoshi.document import Text
from luoshi.normalise.clean import strip_debris
from luoshi.normalise.script import to_simplified


def normalise(original: str) -> Text:
    """Clean ``original`` into simplified text; ``Text.index`` maps back to ``original``."""
    cleaned, index = strip_debris(original)
    return Text(original=original, clean=to_simplified(cleaned), index=index)
