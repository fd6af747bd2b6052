"""Render extracted items as JSON, JSON Lines, CSV, an aligned terminal table or an Excel workbook."""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from luoshi import tabular

# (key, header, widest cell shown) for the terminal table
QUANTITY_TABLE = (
    ("part", "部分", 6),
    ("section", "章节", 14),
    ("indicator", "指标", 18),
    ("metric", "类型", 6),
    ("value", "数值", 14),
    ("unit", "单位", 8),
    ("modifier", "修饰", 8),
    ("deadline", "期限", 10),
    ("text", "原文", 24),
)
TASK_TABLE = (
    ("part", "部分", 6),
    ("section", "章节", 14),
    ("verb", "动作", 6),
    ("deadline", "期限", 10),
    ("text", "任务", 48),
)

# codes shown in Chinese in the terminal table and xlsx (JSON and CSV keep the codes)
LABELS: dict[str, dict[str, str]] = {
    "part": {"review": "回顾", "plan": "部署"},
    "metric": {
        "level": "总量",
        "growth": "增速",
        "share": "占比",
        "count": "个数",
        "change": "增减",
        "rank": "位次",
        "other": "其他",
    },
    "modifier": {"about": "左右", "at_least": "以上", "at_most": "以内", "exact": "", "range": "区间"},
}


# xlsx headers and widths (JSON and CSV keep the field names and codes, for programs)
HEADERS = {
    "part": "部分", "section": "章节", "indicator": "指标", "metric": "类型", "value": "数值",
    "unit": "单位", "modifier": "修饰", "sentence": "句子", "start": "起始字符", "end": "结束字符",
    "value_high": "区间上限", "year": "年份", "deadline": "期限", "places": "地区", "bodies": "责任主体",
    "theme": "主题", "headline_target": "主要预期目标", "text": "原文", "verb": "动作", "quantities": "数量",
}  # fmt: skip
WIDTHS = {"section": 24, "indicator": 18, "text": 60, "sentence": 40, "theme": 16, "quantities": 30}
META = {
    "title": "标题", "date": "日期", "speaker": "报告人", "region": "地区", "level": "层级", "year": "年份",
    "source": "来源", "sha256": "SHA-256", "format": "格式",
}  # fmt: skip


def columns(tasks: bool) -> list[str]:
    """Every field of an item, in declaration order (the CSV / xlsx header)."""
    from luoshi.document import Quantity, Task  # here, not at the top: `luoshi … --help` skips it

    return [f.name for f in fields(Task if tasks else Quantity)]


def to_json(report: dict[str, Any], items: list[dict[str, Any]]) -> str:
    return json.dumps({"report": report, "items": items}, ensure_ascii=False) + "\n"


def to_jsonl(items: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)


def to_csv(items: list[dict[str, Any]], *, tasks: bool) -> str:
    """CSV text without a BOM (``luoshi extract`` adds one, except on a terminal)."""
    header = columns(tasks)
    return tabular.csv_text(header, tabular.dict_rows(items, header), bom=False)


def to_xlsx(report: dict[str, Any], items: list[dict[str, Any]], *, tasks: bool) -> bytes:
    """A workbook for people: Chinese headers and values (总量, 以上), frozen header, set widths."""
    table = tabular.Sheet("任务" if tasks else "数量", None, sheet_columns(tasks), [shown(i) for i in items],
                          colour_key=None)  # fmt: skip
    about = [{"key": META.get(k, k), "value": v} for k, v in report.items()]
    pairs = [tabular.Column("key", "项目", 10), tabular.Column("value", "内容", 60)]
    meta = tabular.Sheet("报告", None, pairs, about, colour_key=None)
    return tabular.workbook_bytes([table, meta])


def sheet_columns(tasks: bool) -> list[tabular.Column]:
    """The xlsx columns: every field, headed in Chinese."""
    heads = {**HEADERS, "text": "任务"} if tasks else HEADERS
    return [tabular.Column(key, heads.get(key, key), WIDTHS.get(key, 10)) for key in columns(tasks)]


def shown(item: dict[str, Any]) -> dict[str, Any]:
    """An item's codes in Chinese (level → 总量, at_least → 以上), a yes/no flag as 是 / blank."""
    out = {k: LABELS[k].get(v, v) if k in LABELS and isinstance(v, str) else v for k, v in item.items()}
    return {k: ("是" if v else "") if isinstance(v, bool) else v for k, v in out.items()}


def to_table(report: dict[str, Any], items: list[dict[str, Any]], *, tasks: bool) -> str:
    """An aligned table for a terminal; CJK characters count two columns wide."""
    spec = TASK_TABLE if tasks else QUANTITY_TABLE
    rows = [[header for _, header, _ in spec]]
    rows += [[clip(table_cell(key, item), limit) for key, _, limit in spec] for item in items]
    widths = [max(width(row[i]) for row in rows) for i in range(len(spec))]
    lines = ["  ".join(pad(text, w) for text, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("─" * w for w in widths))
    what = "项任务" if tasks else "个数量"
    title = " ".join(str(v) for v in (report.get("region"), report.get("year"), report.get("title")) if v)
    lines.append(f"{title or report.get('source') or ''} · 共 {len(items)} {what}".strip(" ·"))
    return "\n".join(lines) + "\n"


def cell(value: Any) -> str:
    """A CSV cell: lists joined with 、, None empty, numbers without a trailing .0."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(cell(v) for v in value)
    if isinstance(value, float):
        return number(value)
    return str(value)


def table_cell(key: str, item: dict[str, Any]) -> str:
    if key == "value" and item.get("value_high") is not None:
        return f"{cell(item.get('value'))}–{cell(item['value_high'])}"
    text = cell(item.get(key))
    return LABELS.get(key, {}).get(text, text)


def number(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else f"{value:g}"


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal (wcwidth: wide and full-width characters two, combining
    and format characters none; a control character counts nothing)."""
    from wcwidth import wcswidth, wcwidth

    total = wcswidth(text)
    return total if total >= 0 else sum(max(wcwidth(char), 0) for char in text)


def clip(text: str, limit: int) -> str:
    """Cut ``text`` to at most ``limit`` columns, marking the cut with …."""
    text = " ".join(text.split())
    if width(text) <= limit:
        return text
    out, used = [], 0
    for char in text:
        w = width(char)
        if used + w > limit - 1:
            break
        out.append(char)
        used += w
    return "".join(out) + "…"


def pad(text: str, columns: int) -> str:
    return text + " " * (columns - width(text))
