"""Appendices after the report: a glossary (名词解释, 注释, 附：名词释义) is neither review nor plan."""

from __future__ import annotations

import re

Row = tuple[int, int]

# 名词解释, 名词解释和说明, 注释：, 附：名词解释, 附件二：名词解释, 《政府工作报告》有关内容名词注释,
# 附录一：《政府工作报告》名词解释, 有关词语解释, 相关用语说明 — a heading line of its own.
GLOSSARY = re.compile(
    r"^(?:附(?:件|录)?[一二三四五六七八九十\d]*\s*[：:]?\s*)?(?:《?政府工作报告》?)?"
    r"(?:有关|部分|主要|相关)?(?:内容)?"
    r"(?:名词解释|名词释义|名词注释|词语解释|词语注释|术语的说明|用语说明|注释|释义)(?:和说明)?\s*[：:]?$"
)
ATTACHMENT = re.compile(r"^附(?:件|录)[一二三四五六七八九十\d]*\s*[：:]?$")  # 附件2, a label above it
MAX_HEADING = 30


def appendix_start(text: str, rows: list[Row]) -> int:
    """The row where a glossary after the report begins (its heading, or the 附件N label above
    it); ``len(rows)`` when there is none. Only the report's second half is searched: a glossary
    follows the report."""
    for i in range(len(rows) // 2, len(rows)):
        if is_glossary_heading(text[rows[i][0] : rows[i][1]]):
            label = i > 0 and ATTACHMENT.match(text[rows[i - 1][0] : rows[i - 1][1]].strip())
            return i - 1 if label else i
    return len(rows)


def is_glossary_heading(line: str) -> bool:
    """A line of its own that heads a glossary (名词解释, 注释：, 附：名词释义)."""
    line = line.strip()
    return len(line) <= MAX_HEADING and GLOSSARY.match(line) is not None
