"""Markdown markup that carries no words: front matter keys, ``#`` marks, emphasis, list bullets.

Reports pasted from web pages and notes apps mark headings in bold (``**一、2021年工作回顾**``),
with ``#``, or as list items. The marks are removed as spans, so the offset map still points into
the original; the words stay. YAML front matter keeps only its ``title:`` value, as the first line
(a title, read like any title line); its other keys (source, url, date) are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>(?:.*\n)*?)---[ \t]*(?:\n|\Z)")
_KEY = re.compile(r"(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*)")
# ``#`` heading marks, ``>`` quote marks and ``-``/``*``/``+`` bullets at the start of a line.
_LINE_MARK = re.compile(r"(?m)^(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+)(?=\S)")
# A line that is only a thematic break (---, ***, ___) or a lone ``#``.
_RULE = re.compile(r"(?m)^(?:[-*_][ \t]*){3,}(?:\n|\Z)|^#{1,6}[ \t]*(?:\n|\Z)")
# A bold lead with text after a space on the same line: "**一、2011年工作回顾** 2011年是…".
_BOLD_LEAD = re.compile(r"(?m)^\*\*[^*\n]{1,45}\*\*([ \t]+)(?=\S)")
# Strong or emphasis marks: ** and __ pairs anywhere (they never occur in report prose).
_EMPHASIS = re.compile(r"\*\*+|__+")


def is_markdown(text: str) -> bool:
    """Whether ``text`` carries Markdown marks: front matter, ``**`` emphasis or ``#`` headings."""
    head = text[:4096]
    return (
        FRONT_MATTER.match(head) is not None
        or "**" in head
        or re.search(r"(?m)^#{1,6}[ \t]+\S", head) is not None
    )


def split_bold_leads(text: str) -> str:
    """A bold line lead followed by a space and more text becomes a line of its own (the space
    turns into a line break, one character for one, so offsets do not move)."""
    if "**" not in text:
        return text
    return _BOLD_LEAD.sub(lambda m: m.group(0)[: m.start(1) - m.start()] + "\n" * len(m.group(1)), text)


def markdown_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, disjoint spans of markup to remove from ``text`` (empty when it is not Markdown)."""
    if not is_markdown(text):
        return []
    spans: list[tuple[int, int]] = []
    start = 0
    if m := FRONT_MATTER.match(text):
        spans.extend(_front_matter(text, m))
        start = m.end()
    spans.extend(m.span() for m in _RULE.finditer(text, start))
    spans.extend(m.span() for m in _LINE_MARK.finditer(text, start))
    spans.extend(m.span() for m in _EMPHASIS.finditer(text, start))
    return _disjoint(spans)


def _front_matter(text: str, m: re.Match[str]) -> Iterator[tuple[int, int]]:
    """Everything of the front matter except the ``title:`` value (and the line break after it)."""
    pos = m.start()
    body = m.start("body")
    for line in m.group("body").splitlines(keepends=True):
        key = _KEY.match(line)
        if key and key.group("key").lower() == "title" and key.group("value").strip():
            value = body + key.start("value")
            yield pos, value
            pos = body + len(line.rstrip("\n"))
            if line.endswith("\n"):
                pos += 1  # keep the title's line break
        body += len(line)
    yield pos, m.end()


def _disjoint(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if s >= e:
            continue
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
