"""xlsx ledgers laid out like a government 台账: a title row, a frozen header with filters,
status colours, sensible column widths. openpyxl is imported only when a workbook is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Excel's good / neutral / bad, and an orange for 缺报
FILLS = {"green": "C6EFCE", "yellow": "FFEB9C", "red": "FFC7CE", "orange": "F8CBAD"}


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    width: float = 12
    percent: bool = False  # a share in [0, 1], shown as 0.0%


@dataclass(slots=True)
class Sheet:
    name: str
    title: str
    columns: Sequence[Column]
    rows: Sequence[dict[str, Any]]
    colour_key: str | None = "colour"  # row field holding green/yellow/red for the status cell
    status_key: str | None = None  # the column to colour
    notes: list[str] = field(default_factory=list)  # lines under the table (e.g. demo-data label)


def write_workbook(path: Path, sheets: Sequence[Sheet]) -> Path:
    """Write ``sheets`` to ``path`` (.xlsx)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        _write_sheet(book.create_sheet(sheet.name[:31]), sheet)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _write_sheet(ws: Any, sheet: Sheet) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    width = len(sheet.columns)
    last = get_column_letter(width)
    ws.append([sheet.title])
    ws.merge_cells(f"A1:{last}1")
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([c.header for c in sheet.columns])
    thin = Side(style="thin", color="999999")
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
    for row in sheet.rows:
        ws.append([_cell(row.get(c.key)) for c in sheet.columns])
        _style_row(ws, ws.max_row, sheet, row)
    for i, column in enumerate(sheet.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = column.width
    ws.freeze_panes = "A3"
    ws.auto_filter.ref = f"A2:{last}{max(ws.max_row, 2)}"
    for note in sheet.notes:
        ws.append([note])


def _style_row(ws: Any, index: int, sheet: Sheet, row: dict[str, Any]) -> None:
    from openpyxl.styles import Alignment, PatternFill

    for i, column in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=index, column=i)
        cell.alignment = Alignment(vertical="top", wrap_text=column.width >= 30)
        if column.percent:
            cell.number_format = "0.0%"
    colour = row.get(sheet.colour_key) if sheet.colour_key else None
    if sheet.status_key and colour in FILLS:
        at = [c.key for c in sheet.columns].index(sheet.status_key) + 1
        ws.cell(row=index, column=at).fill = PatternFill("solid", fgColor=FILLS[str(colour)])


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return "、".join(map(str, value))
    return value
