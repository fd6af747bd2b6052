"""Every CSV and xlsx luoshi writes goes through here: one cell format, one palette, no live formulas.

A text cell that starts with ``= + - @``, a tab or a carriage return would be run as a formula by a
spreadsheet (OWASP "CSV injection"). In CSV such a cell is written with a leading ``'``; in xlsx it
is stored as text with Excel's quote prefix, so the words stay as written and never run. Numbers
(also negative ones, and text that is only a number) are left as they are. CSV files are UTF-8
with a BOM, so Excel reads Chinese correctly; so is CSV on standard output unless it is a terminal
(``luoshi … --format csv > f.csv`` makes a file). openpyxl is imported only when a workbook is written.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel's good / neutral / bad, and an orange for 缺报 (a report missing)
PALETTE = {"green": "C6EFCE", "yellow": "FFEB9C", "red": "FFC7CE", "orange": "F8CBAD"}
HEADER_FILL = "D9E1F2"
BOM = "\ufeff"
_NUMBER = re.compile(r"[+-]?\d[\d,]*(\.\d+)?([eE][+-]?\d+)?%?")


def is_formula_like(text: str) -> bool:
    """Would a spreadsheet run this text? (A plain number such as ``-3.5`` or ``-12%`` is not.)"""
    return text.startswith(FORMULA_STARTS) and _NUMBER.fullmatch(text.strip()) is None


def neutralise(text: str) -> str:
    """``text`` made inert for a CSV cell: a leading ``'`` when it would start a formula."""
    return "'" + text if is_formula_like(text) else text


def restore(text: str) -> str:
    """The text a neutralised CSV cell stood for (for reading our own exports back)."""
    return text[1:] if text.startswith("'") and is_formula_like(text[1:]) else text


def plain(value: Any) -> Any:
    """One cell's value before quoting: lists joined with 、, dates ISO, None empty, 3.0 as 3."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "、".join(str(plain(v)) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def csv_cell(value: Any) -> str:
    value = plain(value)
    return neutralise(value) if isinstance(value, str) else str(value)


def write_csv(stream: IO[str], header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Header and rows as CSV on ``stream`` (no BOM: see :func:`csv_text`).

    Lines end in CRLF (RFC 4180), so a CR or LF inside a cell is quoted, never read as a line end.
    """
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in header])
    writer.writerows([csv_cell(v) for v in row] for row in rows)


def bom_for(stream: IO[str]) -> str:
    """The BOM to start CSV on ``stream`` with: none on a terminal, else one (a redirect makes a file)."""
    isatty = getattr(stream, "isatty", None)
    return "" if callable(isatty) and isatty() else BOM


def write_csv_out(stream: IO[str], header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """CSV on standard output: ``luoshi … --format csv > f.csv`` is a file like any other, with a BOM."""
    stream.write(bom_for(stream))
    write_csv(stream, header, rows)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]], *, bom: bool = True) -> str:
    out = io.StringIO()
    write_csv(out, header, rows)
    return (BOM if bom else "") + out.getvalue()


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """A CSV file's bytes: UTF-8 with a BOM."""
    return csv_text(header, rows).encode("utf-8")


def dict_rows(rows: Iterable[dict[str, Any]], keys: Sequence[str]) -> list[list[Any]]:
    return [[row.get(k) for k in keys] for row in rows]


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    width: float = 12
    percent: bool = False  # a share in [0, 1], shown as 0.0%
    note: str = ""  # a comment on the header cell (how to fill the column in)


@dataclass(slots=True)
class Sheet:
    """One worksheet: an optional title row, a frozen header with filters, rows, status colours."""

    name: str
    title: str | None  # a merged title row above the header (None: the header is row 1)
    columns: Sequence[Column]
    rows: Sequence[dict[str, Any]]
    colour_key: str | None = "colour"  # row field holding green/yellow/red for the status cell
    status_key: str | None = None  # the column to colour
    notes: list[str] = field(default_factory=list)  # lines under the table (e.g. demo-data label)
    frozen_columns: int = 0  # columns kept in view when scrolling right


def workbook_bytes(sheets: Sequence[Sheet], *, title: str = "") -> bytes:
    """``sheets`` as an xlsx file's bytes."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    names: set[str] = set()
    for sheet in sheets:
        name = sheet.name[:31] if sheet.name[:31] not in names else f"{sheet.name[:27]}-{len(names)}"
        names.add(name)
        _write_sheet(book.create_sheet(name), sheet)
    book.properties.title = title or None
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_workbook(path: Path, sheets: Sequence[Sheet], *, title: str = "") -> Path:
    """Write ``sheets`` to ``path`` (.xlsx)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(workbook_bytes(sheets, title=title))
    return path


def _write_sheet(ws: Any, sheet: Sheet) -> None:
    from openpyxl.utils import get_column_letter

    last = get_column_letter(max(len(sheet.columns), 1))
    if sheet.title is not None:
        _append(ws, [sheet.title])
        ws.merge_cells(f"A1:{last}1")
        _title_style(ws["A1"])
    _append(ws, [c.header for c in sheet.columns])
    header = ws.max_row
    for cell, column in zip(ws[header], sheet.columns, strict=False):
        _header_style(cell)
        if column.note:
            from openpyxl.comments import Comment

            cell.comment = Comment(column.note, "luoshi")
    for row in sheet.rows:
        _append(ws, [row.get(c.key) for c in sheet.columns])
        _style_row(ws, ws.max_row, sheet, row)
    for i, column in enumerate(sheet.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = column.width
    ws.freeze_panes = f"{get_column_letter(sheet.frozen_columns + 1)}{header + 1}"
    ws.auto_filter.ref = f"A{header}:{last}{max(ws.max_row, header)}"
    for note in sheet.notes:
        _append(ws, [note])


def _append(ws: Any, values: Sequence[Any]) -> None:
    """Append a row; text that would start a formula is stored as quoted text, never as a formula."""
    ws.append([_xlsx_value(v) for v in values])
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str) and is_formula_like(cell.value):
            cell.data_type = "s"
            cell.quotePrefix = True


def _xlsx_value(value: Any) -> Any:
    """Lists joined with 、; numbers, dates and None (an empty cell) kept as they are."""
    if isinstance(value, list | tuple):
        return "、".join(str(plain(v)) for v in value)
    return value


def _title_style(cell: Any) -> None:
    from openpyxl.styles import Alignment, Font

    cell.font = Font(bold=True, size=14)
    cell.alignment = Alignment(horizontal="center")


def _header_style(cell: Any) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="999999")
    cell.font = Font(bold=True)
    cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)


def _style_row(ws: Any, index: int, sheet: Sheet, row: dict[str, Any]) -> None:
    from openpyxl.styles import Alignment, PatternFill

    for i, column in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=index, column=i)
        cell.alignment = Alignment(vertical="top", wrap_text=column.width >= 30)
        if column.percent:
            cell.number_format = "0.0%"
    colour = row.get(sheet.colour_key) if sheet.colour_key else None
    if sheet.status_key and colour in PALETTE:
        at = [c.key for c in sheet.columns].index(sheet.status_key) + 1
        ws.cell(row=index, column=at).fill = PatternFill("solid", fgColor=PALETTE[str(colour)])
