"""Hedge words have one home (extract/hedges.py): every reader of a figure takes them from it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from luoshi.document import Metric, Modifier, PartKind, Quantity
from luoshi.extract import hedges
from luoshi.extract.hedges import modifier_of
from luoshi.extract.lead import read_lead
from luoshi.extract.numbers import scan
from luoshi.extract.tables import VALUE
from luoshi.link.verdict import written

BEFORE_WORDS = [
    *((w, Modifier.AT_LEAST) for w in hedges.AT_LEAST_BEFORE),
    *((w, Modifier.AT_MOST) for w in hedges.AT_MOST_BEFORE),
    *((w, Modifier.ABOUT) for w in hedges.ABOUT_BEFORE),
]


@pytest.mark.parametrize(("word", "modifier"), list(hedges.AFTER.items()))
def test_the_number_grammar_reads_every_trailing_hedge(word: str, modifier: Modifier) -> None:
    (n,) = scan(f"粮食产量1300万吨{word}")
    assert n.post == word and modifier_of(n, "") is modifier


@pytest.mark.parametrize(("word", "modifier"), BEFORE_WORDS)
def test_every_leading_hedge_is_read_and_peeled_off_the_subject(word: str, modifier: Modifier) -> None:
    (n,) = scan("8%")
    assert modifier_of(n, word) is modifier
    assert read_lead(f"全市固定资产投资{word}").subject == "固定资产投资"


@pytest.mark.parametrize("word", [*hedges.AT_LEAST_BEFORE, *hedges.AT_MOST_BEFORE, *hedges.SYMBOLS])
def test_a_table_cell_takes_every_leading_hedge(word: str) -> None:
    cell = VALUE.match(f"{word}13.1")
    assert cell is not None and cell["num"] == "13.1"


@pytest.mark.parametrize("word", hedges.WORDS)
def test_a_figure_written_with_its_hedge_is_not_hedged_twice(word: str) -> None:
    q = Quantity(PartKind.PLAN, None, "粮食产量", Metric.LEVEL, 1300, "万吨", Modifier.AT_LEAST, "", 0, 0)
    assert written(replace(q, text=f"{word}1300万吨")) == f"{word}1300万吨"
