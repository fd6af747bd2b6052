"""Target tables (主要预期目标表): a header row of columns, then one row per indicator.

A table reaches us as lines whose cells are separated by whitespace (ingest joins a .docx or
HTML row's cells with one space). A table starts at a header line that names an indicator
column (指标…) and at least one value column (2023年完成, 2024年目标, 预期目标 …); the rows
that follow with the header's cell count (an indicator name split by a space is rejoined) are
its rows. Every value cell with a number is one item: its part and year come from its column
header, its unit from the 单位 column (or a （亿元） in the header or the indicator's name), its
metric from the unit and the name (a name ending in 增长/增速 is growth, 下降 negative growth),
its hedge from the cell (6左右, 8以上). Cells without a number (完成市下达任务) give nothing.
A table without an indicator column (a list of projects with 投资（亿元） columns) is not a
target table: its rows are read as prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from luoshi.document import Metric, Modifier, PartKind
from luoshi.extract.hedges import (
    ABOUT_BEFORE,
    AFTER_PATTERN,
    AT_LEAST_BEFORE,
    AT_MOST_BEFORE,
    SYMBOLS,
    alternation,
    modifier_of,
)
from luoshi.extract.measures import MeasureKind
from luoshi.extract.metrics import metric_of
from luoshi.extract.numbers import ARABIC, Number, arabic_value, scan

CELL_SEP = re.compile(r"[ \t\u00a0\u3000]+")
YEAR = re.compile(r"(20\d\d)年?")
DONE_WORD = re.compile(r"完成|实际|实绩|实现|预计")
TARGET_WORD = re.compile(r"目标|预期|计划|安排")
NAME_HEAD = re.compile(r"指标")
SEQ_HEAD = re.compile(r"^(?:序号|序|编号|排序|No\.?)$")
UNIT_HEAD = re.compile(r"^(?:计量)?单位$")
ASIDE_UNIT = re.compile(r"[（(](?:单位[：:])?([^（）()]{1,8})[）)]$")
SEQ = re.compile(r"^(?:\d{1,3}|[一二三四五六七八九十]{1,3})[.、．]?$")
# 约6, 6左右, ≥8, 8以上, 6-6.5, 5.9%: a value cell (hedge, number or range, own unit, hedge).
VALUE = re.compile(
    rf"^(?P<pre>{alternation(AT_LEAST_BEFORE + AT_MOST_BEFORE + ABOUT_BEFORE)}|[{''.join(SYMBOLS)}])?"
    rf"(?P<num>[-－−]?{ARABIC}(?:[-—–~～至到]{ARABIC})?)"
    r"(?P<own>[^\d\s以左上]{0,6})"
    rf"(?P<post>{AFTER_PATTERN})?$"
)
GROWTH_NAME = re.compile(r"(?:增长|增速|增幅|下降|降低|减少)(?:率)?$")
DECREASE_NAME = re.compile(r"下降|降低|减少")


class Role(StrEnum):
    SEQ = "seq"
    NAME = "name"
    UNIT = "unit"
    VALUE = "value"
    OTHER = "other"  # 指标属性, 备注 …


@dataclass(frozen=True, slots=True)
class Column:
    role: Role
    part: PartKind | None = None
    year: int | None = None
    unit: str = ""  # a unit written in the header: 指标（亿元）, 2024年目标（%）


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    start: int  # offset in the row's line


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a target table: its cells (offsets in its line) under the header's columns."""

    start: int  # clean-text offset of the line
    cells: list[Cell]
    columns: list[Column]

    @property
    def sentence(self) -> str:
        return " ".join(c.text for c in self.cells)


@dataclass(frozen=True, slots=True)
class TableItem:
    """One value cell read: offsets relative to the row's line."""

    start: int
    end: int
    text: str
    indicator: str
    metric: Metric
    modifier: Modifier
    value: float
    value_high: float | None
    unit: str
    part: PartKind
    year: int | None


def table_rows(clean: str, plan_year: int | None) -> dict[int, Row]:
    """The rows of every target table in ``clean``, by the offset of their line."""
    rows: dict[int, Row] = {}
    columns: list[Column] | None = None
    offset = 0
    for line in clean.split("\n"):
        if columns is None and not _GAP.search(line):  # one cell or none: no header, no table
            offset += len(line) + 1
            continue
        cells = _cells(line)
        header = _header(cells, plan_year)
        if header is not None:
            columns = header
        elif columns is not None:
            aligned = _align(cells, columns)
            if aligned is None:
                columns = None
            else:
                rows[offset] = Row(offset, aligned, columns)
        offset += len(line) + 1
    return rows


_GAP = re.compile(r"[ \t\u00a0\u3000]")
_CELL = re.compile(r"[^ \t\u00a0\u3000]+")


def _cells(line: str) -> list[Cell]:
    return [Cell(m.group(), m.start()) for m in _CELL.finditer(line)]


def _header(cells: list[Cell], plan_year: int | None) -> list[Column] | None:
    """The columns of a header line, or None when the line is not a target-table header."""
    if len(cells) < 2 or len(cells) > 12:
        return None
    columns = [_column(c.text, plan_year) for c in cells]
    roles = [c.role for c in columns]
    if Role.NAME not in roles or Role.VALUE not in roles:
        return None
    return columns


def _column(head: str, plan_year: int | None) -> Column:
    unit = m.group(1) if (m := ASIDE_UNIT.search(head)) else ""
    bare = head[: m.start()] if m else head
    if SEQ_HEAD.match(bare):
        return Column(Role.SEQ)
    if UNIT_HEAD.match(bare):
        return Column(Role.UNIT)
    if NAME_HEAD.search(bare) and not (YEAR.search(bare) or TARGET_WORD.search(bare) or "属性" in bare):
        return Column(Role.NAME, unit=unit)
    year = int(y.group(1)) if (y := YEAR.search(bare)) else None
    done, target = bool(DONE_WORD.search(bare)), bool(TARGET_WORD.search(bare))
    if year is None and not (done or target):
        return Column(Role.OTHER)
    if year is not None and plan_year is not None and year != plan_year:
        part = PartKind.REVIEW if year < plan_year else PartKind.PLAN
    else:
        part = PartKind.REVIEW if done and not target else PartKind.PLAN
    if year is None and plan_year is not None:
        year = plan_year - 1 if part is PartKind.REVIEW else plan_year
    return Column(Role.VALUE, part, year, unit)


def _align(cells: list[Cell], columns: list[Column]) -> list[Cell] | None:
    """The row's cells one per column (a name split by spaces rejoined), or None: not a row."""
    roles = [c.role for c in columns]
    extra = len(cells) - len(columns)
    if not cells or any(c.role is not Role.OTHER for c in columns[len(cells) :]):
        return None  # only trailing 指标属性/备注 cells may be left empty
    if extra > 0:  # 地区生产总值 增长: the name's words, joined back
        i = roles.index(Role.NAME)
        words = cells[i : i + extra + 1]
        joined = Cell("".join(c.text for c in words), words[0].start)
        cells = [*cells[:i], joined, *cells[i + extra + 1 :]]
    name = cells[roles.index(Role.NAME)].text
    if Role.SEQ in roles and not SEQ.match(cells[roles.index(Role.SEQ)].text):
        return None
    if not re.search(r"[^\W\d_]", name):
        return None
    return cells


def read_row(row: Row) -> list[TableItem]:
    """Every value cell of ``row`` that holds a number, read under its column."""
    roles = [c.role for c in row.columns]
    name_cell = row.cells[roles.index(Role.NAME)].text
    name_column = row.columns[roles.index(Role.NAME)]
    unit = row.cells[roles.index(Role.UNIT)].text if Role.UNIT in roles else ""
    if m := ASIDE_UNIT.search(name_cell):
        name_cell, unit = name_cell[: m.start()], unit or m.group(1)
    unit = unit if unit not in ("-", "—", "/", "无") else ""
    unit = unit or name_column.unit
    out = []
    for cell, column in zip(row.cells, row.columns, strict=False):  # a row may lack its 备注
        if column.role is Role.VALUE and column.part is not None:
            item = _read_cell(cell, column, name_cell, unit or column.unit)
            if item is not None:
                out.append(item)
    return out


def _read_cell(cell: Cell, column: Column, name: str, unit: str) -> TableItem | None:
    m = VALUE.match(cell.text)
    if m is None or column.part is None:
        return None
    pre = SYMBOLS.get(m["pre"] or "", m["pre"] or "")
    own = m["own"] or ""
    n = _number(m["num"], own or unit, m["post"] or "")
    start, end = cell.start + m.start("num"), cell.start + m.end("own")
    text = cell.text[m.start("num") : m.end("own")]
    growth = GROWTH_NAME.search(name)
    indicator = name[: growth.start()] if growth else name
    sign = -1 if growth and DECREASE_NAME.search(growth.group()) else 1
    if growth and n.kind in (MeasureKind.PERCENT, MeasureKind.TIMES):
        metric = Metric.GROWTH
    elif growth:
        metric = Metric.CHANGE
    else:
        metric, sign = metric_of(n, name, "", name)
    high = None if n.value_high is None else sign * n.value_high
    return TableItem(
        start=start,
        end=end,
        text=text,
        indicator=indicator.strip("：: "),
        metric=metric,
        modifier=modifier_of(n, pre),
        value=sign * n.value,
        value_high=high,
        unit=n.unit,
        part=column.part,
        year=column.year,
    )


def _number(num: str, unit: str, post: str) -> Number:
    """The value cell's number with its unit (written in the cell or from the 单位 column)."""
    found = [n for n in scan(num + unit + post) if n.start == 0]
    if found:
        return found[0]
    value = arabic_value(num.lstrip("-－−")) * (-1 if num[0] in "-－−" else 1)
    return Number(0, len(num), value, "", MeasureKind.MEASURE, num, len(num))
