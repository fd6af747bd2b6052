"""Markdown read as Markdown: marks removed, words kept, offsets still into the original."""

from __future__ import annotations

import pytest

from luoshi.normalise import normalise
from luoshi.normalise.markdown import is_markdown, markdown_spans

# Excerpt of 政府工作报告-省自治区/福建省/2022.txt (lawtext/gov collection, shared real corpus).
FUJIAN_2022 = """---
source: https://www.fujian.gov.cn/szf/gzbg/zfgzbg/202201/t20220129_5828598.htm
title: 2022年福建省人民政府工作报告
---

——2022年1月22日在福建省第十三届人民代表大会第六次会议上

福建省人民政府代省长 赵龙

**各位代表：**

**一、2021年工作回顾**

2021年是党和国家历史上具有里程碑意义的一年。

**着力打造政治机关**。始终旗帜鲜明讲政治。
"""


def test_real_bold_headings_and_front_matter_title() -> None:
    """Rule: bold marks are dropped and the front matter keeps only its title, as the first line."""
    text = normalise(FUJIAN_2022)
    lines = text.clean.splitlines()
    assert lines[0] == "2022年福建省人民政府工作报告"
    assert "一、2021年工作回顾" in lines
    assert "着力打造政治机关。始终旗帜鲜明讲政治。" in lines
    assert "*" not in text.clean and "source" not in text.clean and "---" not in text.clean


@pytest.mark.parametrize(
    ("markdown", "clean"),
    [
        ("# 二、今年工作安排\n正文。\n", "二、今年工作安排\n正文。\n"),
        ("### （一）稳增长\n", "（一）稳增长\n"),
        ("**标题**\n- 第一项。\n* 第二项。\n> 引文。\n", "标题\n第一项。\n第二项。\n引文。\n"),
        ("**甲**\n\n---\n\n乙。\n", "甲\n乙。\n"),
        ("---\ntitle: 某市政府工作报告\ndate: 2023-01-01\n---\n**一、回顾**\n", "某市政府工作报告\n一、回顾"),
        ("---\nsource: x\n---\n**一、回顾**\n", "一、回顾\n"),
        ("**一、2011年工作回顾** 2011年是开局之年。\n", "一、2011年工作回顾\n2011年是开局之年。\n"),
    ],
)
def test_markdown_marks_removed_words_kept(markdown: str, clean: str) -> None:
    """Rule: # headings, bullets, quotes, rules and emphasis go; a bold lead with text after it
    becomes its own line; every kept character maps back to the same character of the original."""
    text = normalise(markdown)
    assert text.clean == clean.rstrip("\n")  # the final line break is margin
    for i, ch in enumerate(text.clean):
        if ch != "\n":
            assert text.original[text.index[i]] == ch


def test_plain_text_is_not_markdown() -> None:
    """Rule: a text without front matter, ** or # headings is left alone (its dashes are words)."""
    plain = "一、回顾\n- 12 -\n——2023年1月5日在某市会议上\n"
    assert not is_markdown(plain)
    assert markdown_spans(plain) == []
