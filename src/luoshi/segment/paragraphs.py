"""Paragraphs: lines joined where the web copy broke a sentence, themes, headline targets."""

from __future__ import annotations

import re

from luoshi.document import Paragraph
from luoshi.segment.headings import subheading
from luoshi.segment.text import CJK, TERMINAL, split_sentences

# The headline-targets sentence: its noun, then how the targets are put (预期为, 确定为, 建议为;
# a copy's stray space may split the verb: 确 定为), then 是/为/：.
HEADLINE = re.compile(
    r"(主要预期目标|主要目标|预期目标|主要指标|发展目标)\s*(?:预期|建议|(?:初步)?确\s*定)?\s*(是|为|：|:)"
)
OPENERS = "《“‘(（【"
CLOSERS = "》”’)）】，,。；;、"
LEAD_MARK = re.compile(r"^(?:——|--|\d{1,2}[.．、](?!\d)|[(（]\d{1,2}[)）]|[①-⑳])\s*")
BRACKET_LEAD = re.compile(r"^【([^】]{2,30})】")
THEME_END = re.compile(r"[。！!]")
INNER_STOP = re.compile(r"[。！!；;？?]")
NOT_THEME = re.compile(r"[，,：:；;\d%]")
# A statement, not a heading: a salutation, a time frame, a copula.
STATEMENT = re.compile(r"^(各位代表|同志们|今年|去年|过去|当前|目前|这一年|一年来|五年来)|是")
DEBRIS = re.compile(
    r"^(点击|查阅更多|来源[:：]|责任编辑|编辑[:：]|作者[:：]|发布时间|浏览次数|打印|分享到|【字号|字号|关闭窗口|扫一扫|"
    r"上一篇|下一篇|相关链接|当前位置|您的位置)"
)


def is_debris(line: str) -> bool:
    """Web debris left on its own line, or a line with no Chinese at all."""
    return DEBRIS.match(line) is not None or CJK.search(line) is None


def continues(previous: str, line: str) -> bool:
    """Whether ``line`` continues a sentence that the copy broke after ``previous``."""
    if not previous or not line:
        return False
    if previous[-1] in OPENERS or line[0] in CLOSERS:
        return True
    return previous[-1] not in TERMINAL and subheading(previous) is None


def make_paragraph(text: str, start: int, end: int, inherited: str | None = None) -> Paragraph:
    """A paragraph over ``text[start:end]``, with its lead theme and sentences."""
    body = text[start:end]
    return Paragraph(
        start=start,
        end=end,
        text=body,
        theme=lead_theme(body) or inherited,
        sentences=split_sentences(text, start, end),
    )


def lead_theme(body: str) -> str | None:
    """A short lead sentence acting as the paragraph's heading: "推动能源产业绿色低碳转型。…"."""
    if m := BRACKET_LEAD.match(body):
        return m.group(1).strip()
    mark = LEAD_MARK.match(body)
    pos = mark.end() if mark else 0
    stop = THEME_END.search(body, pos)
    if stop is None or stop.end() >= len(body.rstrip()) or "\n" in body[pos : stop.start()]:
        return None
    lead = body[pos : stop.start()].strip()
    dashed = mark is not None and mark.group(0).startswith(("——", "--"))
    if dashed:
        ok = 2 <= len(lead) <= 40 and not re.search(r"[：:；;\d%]", lead)
    else:
        ok = 2 <= len(lead) <= 25 and NOT_THEME.search(lead) is None
    return lead if ok and STATEMENT.search(lead) is None else None


def is_headline(body: str) -> bool:
    """The paragraph that lists the year's main expected targets."""
    return HEADLINE.search(body) is not None


def is_target_line(body: str) -> bool:
    """A line of a target list: one short sentence with a number ("2.地区生产总值增长6%左右；")."""
    inner = body.rstrip().rstrip("。；;，,")
    return len(inner) <= 60 and any(ch.isdigit() for ch in inner) and INNER_STOP.search(inner) is None
