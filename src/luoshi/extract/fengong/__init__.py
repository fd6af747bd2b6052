"""Read a breakdown document (分工方案 / 责任分解): numbered task lines with their units and deadlines.

A line is the text before a responsibility bracket ("…。（X牵头，Y按职责分工负责，年内持续推进）");
a paragraph with several brackets gives one line per bracket; a bracket on its own line (〔责任单位：…〕)
closes the text before it. Headings (一、 → （一）) without a bracket give each line its part and
aspect. A table (序号 | 重点任务 | 牵头单位 …) gives one line per row. The 通知 header (title, 文号,
addressees, date) and a closing 工作要求 section (报送进展 by day N of each month, 督查考核) are
metadata, not lines.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from luoshi.document import json_ready
from luoshi.extract.fengong.brackets import Roles, bracket_at_end, read_roles, responsibility_brackets
from luoshi.extract.fengong.table import Header, aligned, cells_of, header_of, is_rule, row_roles

PART = re.compile(r"^(?P<n>[一二三四五六七八九十]{1,3})[、．.]\s*")
ASPECT = re.compile(r"^[（(](?P<n>[一二三四五六七八九十]{1,3})[）)]\s*")
ITEM = re.compile(r"^(?:(?P<n>\d{1,3})[.．、](?!\d)|[（(](?P<p>\d{1,3})[）)]|(?P<c>[①-⑳]))\s*")
REQUIREMENTS = re.compile(r"工作要求|保障措施|组织保障|组织实施|有关要求|工作保障")
CLOSING = re.compile(rf"^(?:[一二三四五六七八九十]{{1,3}}[、．.]\s*)?(?:{REQUIREMENTS.pattern})[。：:]?$")
DOC_NO = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[【(（]20\d\d[〕\]】)）]\d{1,4}号")
ISSUED = re.compile(r"^(?P<y>20\d\d)年(?P<m>\d{1,2})月(?P<d>\d{1,2})日$")
TITLE = re.compile(r"通知|方案|意见|分工|分解|清单")
YEAR = re.compile(r"(20\d\d)年")
REPORT_DAY = re.compile(r"每月(\d{1,2})日(?:前|之前|以前)")


@dataclass(slots=True)
class BreakdownLine:
    """One task of the breakdown with who does it and by when (names as written)."""

    n: str  # the number as printed (5, （三）); "" when none
    task: str  # the text before its bracket
    part: str | None = None
    aspect: str | None = None
    lead: list[str] = field(default_factory=list)
    co: list[str] = field(default_factory=list)
    leaders: list[str] = field(default_factory=list)  # 牵头领导 (a post)
    each: bool = False  # 分别负责
    deadline: date | None = None
    deadline_text: str = ""
    bracket: str = ""  # as written (a table row: its unit and time cells)
    form: str = "bracket"  # bracket | table

    def to_dict(self) -> dict[str, Any]:
        return dict(json_ready(asdict(self)))


@dataclass(slots=True)
class BreakdownMeta:
    """The 通知 around the lines."""

    title: str = ""
    doc_no: str = ""
    issued_on: date | None = None
    addressees: str = ""
    year: int | None = None
    requirements: list[str] = field(default_factory=list)  # the closing 工作要求
    report_day: int | None = None  # 每月N日前 报送进展

    def to_dict(self) -> dict[str, Any]:
        return dict(json_ready(asdict(self)))


@dataclass(slots=True)
class Breakdown:
    meta: BreakdownMeta
    lines: list[BreakdownLine]


@dataclass(slots=True)
class _State:
    meta: BreakdownMeta
    year: int | None
    lines: list[BreakdownLine] = field(default_factory=list)
    part: str | None = None
    aspect: str | None = None
    pending: str = ""  # text waiting for its bracket
    pending_n: str = ""
    body: bool = False  # past the header
    closing: bool = False  # inside 工作要求
    table: Header | None = None


def read_breakdown(text: str, *, year: int | None = None) -> Breakdown:
    """Every task line of a breakdown document, with its metadata; ``year`` anchors a deadline with
    no year (9月底前) when the document's title names none."""
    rows = [_plain(line) for line in text.splitlines()]
    state = _State(BreakdownMeta(), year)
    state.meta.year = _title_year(rows) or year
    state.year = state.meta.year
    for row in rows:
        if row:
            _row(state, row)
    _flush(state)
    return Breakdown(state.meta, state.lines)


def _plain(line: str) -> str:
    return line.replace("\u00a0", " ").strip(" \u3000\ufeff\r")


def _title_year(rows: list[str]) -> int | None:
    for row in rows[:15]:
        if TITLE.search(row) and (m := YEAR.search(row)):
            return int(m.group(1))
    return None


def _row(state: _State, row: str) -> None:
    if state.closing:
        _requirement(state, row)
    elif (header := header_of(row)) is not None:
        _flush(state)
        state.table, state.body = header, True
    elif state.table is not None and (_has_cells(row) or PART.match(row) or ASPECT.match(row)):
        if not is_rule(row):
            _table_row(state, state.table, cells_of(row))
    else:
        state.table = None
        _text_row(state, row)


def _has_cells(row: str) -> bool:
    return "\t" in row or "|" in row or "｜" in row or "  " in row


def _text_row(state: _State, row: str) -> None:
    brackets = responsibility_brackets(row)
    if state.lines and not brackets and CLOSING.match(row):
        _flush(state)
        state.closing = True
        return
    heading = PART.match(row) or ASPECT.match(row)
    if heading and not brackets:
        _flush(state)
        _heading(state, row, heading)
        return
    if not state.body and not brackets and not ITEM.match(row):
        _header_line(state.meta, row)
        return
    state.body = True
    mark = ITEM.match(row) or heading
    if mark is not None:
        _flush(state)
        state.pending_n = _number(mark)
        row = row[mark.end() :]
    _take(state, row, brackets=responsibility_brackets(row))


def _number(mark: re.Match[str]) -> str:
    """The number as printed: 5 for "5.", （三） for "（三）"."""
    if mark.re is ITEM:
        return str(mark.group("n") or mark.group("p") or mark.group("c"))
    return mark.group(0).strip()


def _take(state: _State, row: str, *, brackets: list[tuple[int, int]]) -> None:
    """Cut ``row`` (joined to text waiting for a bracket) into one line per responsibility bracket."""
    text = state.pending + row
    offset = len(state.pending)
    position = 0
    for start, end in brackets:
        task = text[position : start + offset].strip()
        bracket = text[start + offset : end + offset]
        if task or state.lines:
            _emit(state, task or state.lines[-1].task, bracket)
        position = end + offset
    state.pending = text[position:].strip() if brackets else text
    if brackets and not state.pending.strip("。；; "):
        state.pending = state.pending_n = ""  # the item is complete: later plain text is not part of it


def _emit(state: _State, task: str, bracket: str) -> None:
    roles = read_roles(bracket[1:-1], state.year)
    _append(state, task, roles, bracket, "bracket")


def _append(state: _State, task: str, roles: Roles, bracket: str, form: str) -> None:
    state.lines.append(
        BreakdownLine(
            n=state.pending_n,
            task=task,
            part=state.part,
            aspect=state.aspect,
            lead=roles.lead,
            co=[c for c in roles.co if c not in roles.lead],
            leaders=roles.leaders,
            each=roles.each,
            deadline=roles.deadline,
            deadline_text=roles.deadline_text,
            bracket=bracket,
            form=form,
        )
    )


def _flush(state: _State) -> None:
    """A numbered item whose bracket never came is still a line (with no units, so it shows)."""
    text = state.pending.strip()
    if text and state.pending_n:
        if (span := bracket_at_end(text)) is not None:
            _emit(state, text[: span[0]].strip(), text[span[0] : span[1]])
        else:
            _append(state, text, Roles(), "", "bracket")
    state.pending = ""


def _heading(state: _State, row: str, heading: re.Match[str]) -> None:
    state.body = True
    state.pending_n = ""
    if heading.re is PART:
        if REQUIREMENTS.search(row) and state.lines:
            state.closing = True
            return
        state.part, state.aspect = row, None
    else:
        state.aspect = row


def _table_row(state: _State, header: Header, cells: list[str]) -> None:
    filled = [c for c in cells if c]
    if len(filled) == 1 and (PART.match(filled[0]) or ASPECT.match(filled[0]) or len(cells) == 1):
        heading = PART.match(filled[0]) or ASPECT.match(filled[0])
        if heading is not None:
            _heading(state, filled[0], heading)
        return
    row = aligned(header, cells)
    if row is None or not row.get("task"):
        return
    roles = row_roles(row, state.year)
    state.pending_n = row.get("seq", "")
    bracket = " | ".join(v for k, v in row.items() if k not in ("seq", "task") and v)
    _append(state, row["task"], roles, bracket, "table")
    state.pending_n = ""


def _header_line(meta: BreakdownMeta, row: str) -> None:
    if (m := DOC_NO.search(row)) is not None and not meta.doc_no:
        meta.doc_no = m.group(0)
    elif (m := ISSUED.match(row)) is not None:
        meta.issued_on = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    elif row.endswith(("：", ":")) and not meta.addressees:
        meta.addressees = row[:-1]
    elif TITLE.search(row) and not meta.title and len(row) <= 80:
        meta.title = row


def _requirement(state: _State, row: str) -> None:
    state.meta.requirements.append(row)
    if state.meta.report_day is None and (m := REPORT_DAY.search(row)) is not None:
        day = int(m.group(1))
        state.meta.report_day = day if 1 <= day <= 28 else None
