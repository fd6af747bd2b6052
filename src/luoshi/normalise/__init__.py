"""Stage 2, normalise: remove web debris and convert to simplified script, keeping an offset map.

Passes, one offset map: character debris (pinyin, invisible characters, margins) → Markdown
marks (front matter keys, ``#``, ``**``, bullets; see :mod:`luoshi.normalise.markdown`) → plain forms
(full-width digits and letters to ASCII, odd spaces and line breaks) and OpenCC ``tw2s`` on
traditional lines (both one character for one) → whole boilerplate lines (in simplified script).
Public surface: :func:`normalise`.
"""

from __future__ import annotations

from luoshi.document import Text
from luoshi.normalise.boilerplate import boilerplate_spans
from luoshi.normalise.clean import remove_spans, strip_debris
from luoshi.normalise.forms import plain_forms
from luoshi.normalise.markdown import markdown_spans, split_bold_leads
from luoshi.normalise.script import to_simplified


def normalise(original: str) -> Text:
    """Clean ``original`` into simplified text; ``Text.index`` maps back to ``original``."""
    cleaned, index = strip_debris(original)
    cleaned = split_bold_leads(cleaned)
    cleaned, index = remove_spans(cleaned, markdown_spans(cleaned), index)
    simplified = to_simplified(plain_forms(cleaned))
    clean, index = remove_spans(simplified, list(boilerplate_spans(simplified)), index)
    return Text(original=original, clean=clean, index=index)
