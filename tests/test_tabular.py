"""The one CSV/xlsx writer: no cell a spreadsheet would run as a formula, numbers left as numbers."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from luoshi.tabular import Column, Sheet, csv_bytes, csv_cell, neutralise, restore, workbook_bytes

HOSTILE = [
    '=HYPERLINK("http://evil.example/","点我")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
HARMLESS = ["市发改委", "-3.5", "-12%", "+5", "1,234.5", "2023-05", "", "a=b"]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_that_would_start_a_formula_gets_a_leading_quote_in_csv(text: str) -> None:
    """Rule (OWASP CSV injection): a text cell starting with = + - @ tab or CR is written as '…."""
    assert neutralise(text) == "'" + text
    assert restore(neutralise(text)) == text


@pytest.mark.parametrize("text", HARMLESS)
def test_plain_text_and_numbers_written_as_text_are_left_alone(text: str) -> None:
    assert neutralise(text) == text == restore(text)


CELLS = [(-3.5, "-3.5"), (-2, "-2"), (-4.0, "-4"), (None, ""), (["=a", "b"], "'=a、b")]


@pytest.mark.parametrize(("value", "cell"), CELLS)
def test_numbers_are_numbers_not_text_to_escape(value: object, cell: str) -> None:
    assert csv_cell(value) == cell


def test_csv_files_are_utf8_with_a_bom_and_hold_no_live_formula() -> None:
    data = csv_bytes(["单位", "数值"], [[text, -1.5] for text in HOSTILE])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["单位", "数值"]
    assert all(row[0].startswith("'") and row[1] == "-1.5" for row in rows[1:])


def test_xlsx_stores_formula_like_text_as_quoted_text_and_numbers_as_numbers() -> None:
    """Rule: in xlsx such a cell is text with Excel's quote prefix; the words are kept exactly."""
    rows = [{"name": text, "value": -3} for text in [*HOSTILE, *HARMLESS]]
    sheet = Sheet("表", "标题", [Column("name", "名称"), Column("value", "数值")], rows)
    book = load_workbook(io.BytesIO(workbook_bytes([sheet])))
    cells = [(a, b) for a, b in book.active.iter_rows(min_row=3) if a.value is not None]
    assert [a.value for a, _ in cells] == [*HOSTILE, *[h or None for h in HARMLESS if h]]
    assert all(a.data_type == "s" for a, _ in cells)
    assert [a.quotePrefix for a, _ in cells[: len(HOSTILE)]] == [True] * len(HOSTILE)
    assert all(b.value == -3 and b.data_type == "n" for _, b in cells)
