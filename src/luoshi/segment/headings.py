"""Heading lines: parts (一、 / 第一部分 / 【…】 / un-numbered), sections ((一)), sub-headings.

A heading is recognised by its shape (numbering, length, no sentence inside), never by the
wording of one report. Which numbering style marks the parts is decided per document: the
style of the first part-like heading wins, and the next level down becomes the sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from luoshi.segment.numerals import cn_number

NUM = "[一二三四五六七八九十]{1,3}"
OPEN, CLOSE = "【〖[［", "】〗]］"
SENTENCE_INSIDE = re.compile(r"[。；;！!？?]")
# Words that mark a top-level part even without numbering.
PART_WORDS = re.compile(
    r"工作回顾|回顾|工作安排|重点工作|目标任务|主要任务|工作任务|总体要求|政策取向|自身建设|"
    r"今后五年|过去五年|未来五年|总体思路|指导思想|主要目标|奋斗目标|重点任务|工作总结|部署|主要工作"
)
MAX_TITLE = 45
RUN_IN_TITLE = 16  # the longest title a part heading's text runs on from
_PUNCT_RUN_IN = re.compile(r"[，,：:、。；;！!？?]")
_PUNCT = re.compile(r"[，,：:、。；;！!？?“”\"《》()（）\d]")


class Style(StrEnum):
    PARTS = "第一部分"  # 第一部分 …
    DUN = "一、"  # 一、…
    BRACKET = "【】"  # 【…】 without a number
    KEYWORD = "keyword"  # a bare short line such as 过去五年工作回顾


@dataclass(frozen=True, slots=True)
class Heading:
    style: Style
    number: int | None
    title: str


_PARTS = re.compile(rf"^第({NUM})部分\s*[、.．:：,，]?\s*(.*)$")
_DUN = re.compile(rf"^({NUM})\s*[、．.]\s*(.*)$")
_PAREN = re.compile(rf"^[(（]({NUM})[)）]\s*")
_DUN_LEAD = re.compile(rf"^({NUM})\s*[、．.]\s*")
_SUBNUM = re.compile(r"^(?:\d{1,2}\s*[.．、](?!\d)|[(（]\d{1,2}[)）]|[①-⑳])\s*")


def unwrap(line: str) -> tuple[str, bool]:
    """``【title】`` → (title, True); anything else unchanged."""
    if len(line) >= 2 and line[0] in OPEN and line[-1] in CLOSE:
        return line[1:-1].strip(), True
    return line, False


def heading_like(title: str) -> bool:
    """Short, and not a sentence (a final 。 is allowed)."""
    body = title.rstrip("。.")
    return 0 < len(body) <= MAX_TITLE and SENTENCE_INSIDE.search(body) is None


def part_heading(line: str) -> Heading | None:
    """The line as a possible part heading, in whichever style it is written."""
    inner, bracketed = unwrap(line)
    for style, pattern in ((Style.PARTS, _PARTS), (Style.DUN, _DUN)):
        if (m := pattern.match(inner)) and heading_like(m.group(2)):
            return Heading(style, cn_number(m.group(1)), m.group(2).rstrip("。."))
        if m and (title := _run_in_title(m.group(2))):
            return Heading(style, cn_number(m.group(1)), title)
    if not heading_like(inner) or _PAREN.match(inner) or _SUBNUM.match(inner):
        return None
    if bracketed and len(inner) <= 30:
        return Heading(Style.BRACKET, None, inner)
    if len(inner) <= 24 and PART_WORDS.search(inner) and not re.search(r"[，,：:]", inner):
        return Heading(Style.KEYWORD, None, inner)
    return None


def _run_in_title(body: str) -> str | None:
    """A part title the text runs on from after a space, the title naming a part's work
    ("2005年 主要任务 今年是全面实现…" → 2005年 主要任务)."""
    for space in re.finditer(r"\s+", body[: RUN_IN_TITLE + 4]):
        title = body[: space.start()]
        if len(title) > RUN_IN_TITLE or _PUNCT_RUN_IN.search(title):
            return None
        if PART_WORDS.search(title):
            return title
    return None


def section_heading(line: str, dun_is_section: bool) -> tuple[int, str, int] | None:
    """``(一)title`` (or ``一、title`` when parts use another style) at the start of a line.

    Returns (number, title, offset where the title's sentence ends in ``line``); the title is the
    first sentence, so an inline lead such as "(一)难中求成稳增长,经济运行稳中提质。面对…" gives
    the section title and leaves the rest of the line as its first paragraph.
    """
    inner, _ = unwrap(line)
    shift = line.index(inner) if inner else 0
    m = _PAREN.match(inner) or (_DUN_LEAD.match(inner) if dun_is_section else None)
    if m is None or (number := cn_number(m.group(1))) is None:
        return None
    stop = SENTENCE_INSIDE.search(inner, m.end())
    end = stop.start() if stop else len(inner)
    title = inner[m.end() : end].strip()
    if not title or end - m.end() > 60:
        return None
    head_end = shift + (stop.end() if stop else len(inner))
    return number, title, head_end


def subheading(line: str) -> str | None:
    """A short standalone line that heads the paragraphs below it.

    Numbered ("1.推动…", "(1)…"), bracketed ("【稳就业】"), or bare and unpunctuated (a bold
    line whose markup was stripped: "推动能源产业绿色低碳转型").
    """
    inner, bracketed = unwrap(line)
    body = _SUBNUM.sub("", inner, count=1)
    numbered = body != inner
    bare = len(body) <= 20 and _PUNCT.search(body) is None
    if not (bracketed or numbered or bare) or not heading_like(body) or len(body) > 30:
        return None
    if any(ch.isdigit() for ch in body):  # "3.城镇调查失业率控制在5.5%以内。" is a target, not a heading
        return None
    return body.rstrip("。.") or None
