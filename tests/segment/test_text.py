"""Sentences and clauses: half- and full-width delimiters, spans into the clean text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.document import Text, split_clauses
from luoshi.segment import segment
from luoshi.segment.outline import paragraphs_of
from luoshi.segment.text import clause_spans, split_sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("新建5G基站1000座以上。实施千兆光网升级行动", ["新建5G基站1000座以上", "实施千兆光网升级行动"]),
        ("增长6%左右;固定资产投资增长8%以上!", ["增长6%左右", "固定资产投资增长8%以上"]),
        ("增长6%左右；投资增长8%以上？是", ["增长6%左右", "投资增长8%以上", "是"]),
        ("目标是:增长6%,就业稳定\n下一行", ["目标是:增长6%,就业稳定\n下一行"]),
        # Source: docs/evaluation.md, error 9: a line break inside a sentence does not cut it.
        (
            "经济增速是综合性指标，今年预期目标设定\n为6%以上",
            ["经济增速是综合性指标，今年预期目标设定\n为6%以上"],
        ),
        ("目标是：\n1.增长6%\n2.就业稳定\n三是物价", ["目标是：", "1.增长6%", "2.就业稳定", "三是物价"]),
        ("增长6%以上\n就业稳定", ["增长6%以上", "就业稳定"]),
        ("  空白  。。 ", ["空白"]),
        ("", []),
    ],
)
def test_sentences(text: str, sentences: list[str]) -> None:
    found = split_sentences(text, 0, len(text))
    assert [s.text for s in found] == sentences
    assert all(text[s.start : s.end] == s.text for s in found)


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        ("一般公共预算收入完成81.97亿元,增长45.9%", ["一般公共预算收入完成81.97亿元", "增长45.9%"]),
        ("主要目标是：增长6%左右，就业稳定", ["主要目标是", "增长6%左右", "就业稳定"]),
        ("南北两大物流基地、三个园区", ["南北两大物流基地、三个园区"]),
    ],
)
def test_clauses(text: str, clauses: list[str]) -> None:
    assert [c.text for c in split_clauses(text, 0, len(text))] == clauses


def _clauses_by_hand(text: str) -> list[tuple[int, int]]:
    """The clause spans of ``text`` found character by character: cut at ，,：:, trim whitespace."""
    spans, pos = [], 0
    for i, ch in enumerate([*text, "，"]):
        if ch in "，,：:":
            a, b = pos, i
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a < b:
                spans.append((a, b))
            pos = i + 1
    return spans


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=" \t\n\u3000\u00a0，,：:。增长6%a", max_size=30), st.integers(0, 30))
def test_clause_spans_trim_and_cut_as_by_hand(text: str, offset: int) -> None:
    spans = _clauses_by_hand(text)
    assert clause_spans(text) == spans
    shifted = split_clauses(text, 0, len(text), offset=offset)
    assert [(c.start - offset, c.end - offset, c.text) for c in shifted] == [
        (a, b, text[a:b]) for a, b in spans
    ]


def test_sentence_clauses_are_split_on_first_use_in_clean_offsets() -> None:
    clean = "前言。一般公共预算收入完成81.97亿元， 增长45.9%"
    sentence = split_sentences(clean, 0, len(clean))[1]
    assert [(clean[c.start : c.end], c.text) for c in sentence.clauses] == [
        ("一般公共预算收入完成81.97亿元", "一般公共预算收入完成81.97亿元"),
        ("增长45.9%", "增长45.9%"),
    ]
    assert sentence.clauses is sentence.clauses  # split once, then kept


PIECES = st.sampled_from(
    [
        "一、",
        "二、",
        "(一)",
        "（二）",
        "【",
        "】",
        "第一部分",
        "2023年",
        "工作回顾",
        "工作安排",
        "主要预期目标是:",
        "。",
        "；",
        ";",
        "!",
        "，",
        ",",
        "\n",
        " ",
        "推动",
        "建成",
        "——",
        "1.",
        "各位代表",
        "今年",
        "增长6%",
        "x",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=40))
def test_segment_never_raises_and_spans_hold(pieces: list[str]) -> None:
    clean = "".join(pieces)
    _, parts = segment(Text.identity(clean))
    for part in parts:
        assert part.start <= part.end
        for para in paragraphs_of(part):
            assert clean[para.start : para.end] == para.text
            for sentence in para.sentences:
                assert clean[sentence.start : sentence.end] == sentence.text
                assert para.start <= sentence.start <= sentence.end <= para.end
                for clause in sentence.clauses:
                    assert clean[clause.start : clause.end] == clause.text
