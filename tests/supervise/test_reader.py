"""The reader's cutting of the text into plain runs, anchors and marked numbers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from luoshi.supervise.reader import Mark, Piece, Span, cut


def mark(qid: int) -> Mark:
    return Mark(quantity_id=qid, kind="plan", indicator="GDP", headline=False, task_id=None)


def test_marks_and_anchors_in_place() -> None:
    text = "一、回顾。增长5%左右，投资10亿元。"
    pieces = cut(text, [Span(7, 11, mark(1)), Span(14, 18, mark(2))], [(0, "p1"), (5, "p1s1")])
    assert pieces[0] == Piece(anchor="p1")
    assert [p.text for p in pieces if p.mark] == ["5%左右", "10亿元"]
    assert "".join(p.text for p in pieces) == text
    assert [p.anchor for p in pieces if p.anchor] == ["p1", "p1s1"]


def test_overlapping_and_out_of_range_spans_are_dropped() -> None:
    text = "abcdefgh"
    pieces = cut(text, [Span(1, 4, mark(1)), Span(2, 5, mark(2)), Span(6, 99, mark(3))], [])
    assert [p.mark.quantity_id for p in pieces if p.mark] == [1]
    assert "".join(p.text for p in pieces) == text


@given(
    st.text(max_size=60),
    st.lists(st.tuples(st.integers(0, 70), st.integers(0, 70)), max_size=8),
    st.lists(st.integers(0, 70), max_size=4),
)
def test_text_is_kept_whole(text: str, raw: list[tuple[int, int]], anchors: list[int]) -> None:
    spans = [Span(a, b, mark(i)) for i, (a, b) in enumerate(raw)]
    pieces = cut(text, spans, [(a, f"a{i}") for i, a in enumerate(anchors)])
    assert "".join(p.text for p in pieces) == text
    for p in pieces:
        if p.mark:
            span = next(s for s in spans if s.mark == p.mark)
            assert text[span.start : span.end] == p.text


def test_a_highlight_splits_plain_runs_and_flags_the_marks_inside() -> None:
    text = "一、回顾。今年新建学校5所，改造10所。下一句。"
    hit = (text.index("今年"), text.index("。下"))
    pieces = cut(text, [Span(11, 13, mark(1))], [(hit[0], "task-3")], hit)
    assert "".join(p.text for p in pieces if p.hit) == "今年新建学校5所，改造10所"
    assert not any(p.focus for p in pieces)
    assert [p.text for p in pieces if p.mark and p.hit] == ["5所"]
    assert "".join(p.text for p in pieces) == text
    assert any(p.anchor == "task-3" for p in pieces)


@given(st.text(max_size=40), st.integers(0, 45), st.integers(0, 45))
def test_a_highlight_keeps_the_text_whole(text: str, a: int, b: int) -> None:
    hit = (min(a, b), max(a, b))
    pieces = cut(text, [Span(1, 3, mark(1))], [], hit)
    assert "".join(p.text for p in pieces) == text
    pos = 0
    for p in pieces:
        if p.hit and not p.mark:
            assert hit[0] <= pos and pos + len(p.text) <= hit[1]
        pos += len(p.text)


def test_the_clause_in_the_sentence_is_focused() -> None:
    text = "今年新建学校5所，改造10所。"
    pieces = cut(text, [Span(6, 8, mark(1))], [], (0, 14), (9, 14))
    assert "".join(p.text for p in pieces if p.focus) == "改造10所"
    assert "".join(p.text for p in pieces if p.hit) == "今年新建学校5所，改造10所"
