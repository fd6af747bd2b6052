"""A breakdown written as a table: 序号 | 重点任务 | 牵头领导 | 牵头单位 | 配合单位 | 完成时限.

Rows reach us as lines whose cells are separated by a tab (a .docx row, empty cells kept), a bar
(| or ｜, as in Markdown) or two or more spaces. A header names a task column and a unit column
(牵头单位, or 责任单位 alone: then the first unit listed leads). A row with one filled cell is a
heading (一、…). A text row whose blank cells vanished is aligned by leaving the optional columns
(牵头领导, 配合单位, 完成时限; 序号 when the row starts with no number) empty, in that order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from luoshi.extract.fengong.brackets import ROLE_WORD, Roles, read_deadline, read_roles, unit_names

CELL_SEP = re.compile(r"\t|\s*[|｜]\s*|[ \u3000]{2,}")
RULE_ROW = re.compile(r"^[\s|｜:：\-—–]+$")
COLUMNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("seq", re.compile(r"^(?:序号|编号|序)$")),
    ("leader", re.compile(r"领导")),
    ("co", re.compile(r"配合|协办|参与|协同")),
    ("lead", re.compile(r"牵头单位|牵头部门|主责单位|牵头$")),
    ("listed", re.compile(r"责任单位|责任部门|责任主体")),
    ("deadline", re.compile(r"时限|完成时间|时间节点|时间要求|完成期限|进度安排")),
    ("task", re.compile(r"任务|工作内容|事项|目标|举措|内容")),
)
OPTIONAL = ("leader", "co", "deadline")  # left empty, in this order, when a text row has fewer cells
SEQ = re.compile(r"^(?:\d{1,3}|[一二三四五六七八九十]{1,3})[.、．]?$")


@dataclass(frozen=True, slots=True)
class Header:
    columns: dict[str, int]  # role → cell index
    width: int


def cells_of(line: str) -> list[str]:
    """The cells of a table line (outer bars dropped)."""
    text = line.strip(" \u3000")  # a tab is a cell separator: a blank last cell stays
    if text.startswith(("|", "｜")):
        text = text[1:]
    if text.endswith(("|", "｜")):
        text = text[:-1]
    return [c.strip() for c in CELL_SEP.split(text)]


def header_of(line: str) -> Header | None:
    """A table header: a task column and a unit column among at least three cells."""
    cells = cells_of(line)
    if len(cells) < 3 or any(len(c) > 12 for c in cells):
        return None
    columns: dict[str, int] = {}
    for i, cell in enumerate(cells):
        role = next((name for name, pattern in COLUMNS if pattern.search(cell)), None)
        if role is not None and role not in columns:
            columns[role] = i
    if "task" not in columns or not ({"lead", "listed"} & set(columns)):
        return None
    if "lead" in columns and "listed" in columns:  # 牵头单位 and 责任单位: the latter are the co-units
        columns.setdefault("co", columns.pop("listed"))
    return Header(columns, len(cells))


def is_rule(line: str) -> bool:
    return RULE_ROW.match(line) is not None


def aligned(header: Header, cells: list[str]) -> dict[str, str] | None:
    """The row's cells by column role; missing optional cells left empty; None if it does not fit."""
    cells = cells[: header.width]
    missing = header.width - len(cells)
    seq_gone = "seq" in header.columns and missing > 0 and not SEQ.match(cells[0])
    optional = ["seq"] if seq_gone else []
    dropped = [*optional, *(r for r in OPTIONAL if r in header.columns)][:missing] if missing > 0 else []
    if len(dropped) < missing:
        return None
    gone = {header.columns[r] for r in dropped}
    by_index = {i: r for r, i in header.columns.items()}
    row = dict.fromkeys(header.columns, "")
    for index, cell in zip((i for i in range(header.width) if i not in gone), cells, strict=False):
        if index in by_index:
            row[by_index[index]] = cell
    return row


def row_roles(row: dict[str, str], year: int | None) -> Roles:
    """Lead, co-units, leader and deadline of one table row."""
    lead_cell = row.get("lead", "")
    listed_cell = row.get("listed", "")
    if ROLE_WORD.search(lead_cell + listed_cell):
        roles = read_roles(lead_cell or listed_cell, year)
    elif lead_cell:
        roles = Roles(lead=unit_names(lead_cell))
    else:
        names = unit_names(listed_cell)
        roles = Roles(lead=names[:1], co=names[1:])
    roles.co += [n for n in unit_names(row.get("co", "")) if n not in roles.co]
    if leader := row.get("leader", "").strip():
        roles.leaders.append(leader)
    if deadline := row.get("deadline", "").strip():
        roles.deadline_text = deadline
        roles.deadline = read_deadline(deadline, year)
    return roles
