"""The ledger as a file (xlsx laid out like a government 台账, or CSV), and reading the layout back.

The export carries exactly the rows the ledger shows; its last columns are left blank for a unit to
fill in (本期完成值, 进展情况, 存在问题, 是否完成) and import again.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from luoshi.errors import ValidationError
from luoshi.supervise.labels import COLOUR_LABELS, STATUS_LABELS
from luoshi.supervise.snapshot import TaskRow
from luoshi.tabular import Column, Sheet, csv_bytes, workbook_bytes

COLUMNS: list[tuple[str, str]] = [
    ("id", "编号"),
    ("section", "篇章"),
    ("text", "任务内容"),
    ("indicator", "指标"),
    ("target_value", "目标值"),
    ("target_unit", "单位"),
    ("deadline", "完成时限"),
    ("lead_unit", "牵头单位"),
    ("co_units", "配合单位"),
    ("latest_value", "最新完成值"),
    ("latest_on", "进展日期"),
    ("state", "状态"),
    ("colour", "预警"),
    ("elapsed", "时间进度"),
    ("progress", "完成进度"),
]
INPUT_COLUMNS = ["本期完成值", "进展情况", "存在问题", "是否完成"]
HEADER = [label for _, label in COLUMNS] + INPUT_COLUMNS
VALUE_NOTE = "按“单位”列的单位填写（目标 1100万人 填 654 即 654万人）；降幅目标填下降的幅度（下降3.5%填3.5）"


def cells(row: TaskRow) -> list[Any]:
    values = {
        **row.to_dict(),
        "co_units": "、".join(row.co_units),
        "state": STATUS_LABELS.get(row.state, row.state),
        "colour": COLOUR_LABELS.get(row.colour, row.colour),
        "elapsed": f"{row.elapsed:.0%}",
        "progress": "" if row.progress is None else f"{row.progress:.0%}",
    }
    return [values[key] if values[key] is not None else "" for key, _ in COLUMNS] + [""] * len(INPUT_COLUMNS)


def to_csv(rows: list[TaskRow]) -> bytes:
    return csv_bytes(HEADER, [cells(row) for row in rows])


def to_xlsx(rows: list[TaskRow], *, title: str = "抓落实台账") -> bytes:
    """The 台账 as one sheet; the header is row 1, so a filled-in copy can be imported again."""
    columns = [Column(label, label, 60 if key == "text" else 12) for key, label in COLUMNS]
    columns += [
        Column(label, label, 16, note=VALUE_NOTE if label == "本期完成值" else "") for label in INPUT_COLUMNS
    ]
    table = [{**dict(zip(HEADER, cells(row), strict=True)), "_colour": row.colour} for row in rows]
    sheet = Sheet("台账", None, columns, table, colour_key="_colour", status_key="预警", frozen_columns=1)
    return workbook_bytes([sheet], title=title)


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One filled-in line of an imported ledger."""

    line: int
    task_id: int
    value: float | None
    narrative: str
    problems: str
    done: bool


def read_filled_rows(data: bytes) -> tuple[list[ImportRow], list[tuple[int, str]]]:
    """The lines that carry progress, and the (line, message) errors found in the layout.

    Files past the caps of :mod:`luoshi.ingest.xlsx_limits` are refused before openpyxl sees them.
    """
    from openpyxl import load_workbook

    from luoshi.ingest.xlsx_limits import check_xlsx

    check_xlsx(data)

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        raise ValidationError("无法读取该文件：请上传由本系统导出的 xlsx 台账") from exc
    sheet = book.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    header = [str(v or "").strip() for v in next(lines, ())]
    missing = [h for h in ("编号", *INPUT_COLUMNS) if h not in header]
    if missing:
        raise ValidationError(f"表头缺少列：{'、'.join(missing)}（请使用本系统导出的台账）")
    at = {name: header.index(name) for name in ("编号", *INPUT_COLUMNS)}
    found: list[ImportRow] = []
    errors: list[tuple[int, str]] = []
    for number, values in enumerate(lines, start=2):
        _read_line(number, list(values), at, found, errors)
    return found, errors


def _read_line(
    number: int, values: list[Any], at: dict[str, int], found: list[ImportRow], errors: list[tuple[int, str]]
) -> None:
    def get(name: str) -> Any:
        index = at[name]
        return values[index] if index < len(values) else None

    value, narrative, problems, done = (get(name) for name in INPUT_COLUMNS)
    if all(v in (None, "") for v in (value, narrative, problems, done)):
        return  # nothing filled in on this line
    task_id = get("编号")
    if not isinstance(task_id, int | float) or int(task_id) != task_id:
        errors.append((number, "编号缺失或不是整数"))
        return
    number_value: float | None = None
    if value not in (None, ""):
        try:
            number_value = float(str(value).replace(",", ""))
        except ValueError:
            errors.append((number, f"本期完成值“{value}”不是数字"))
            return
    flag = str(done or "").strip()
    if flag not in ("", "是", "否"):
        errors.append((number, "是否完成只能填“是”或“否”"))
        return
    found.append(
        ImportRow(number, int(task_id), number_value, str(narrative or ""), str(problems or ""), flag == "是")
    )
