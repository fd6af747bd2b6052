from __future__ import annotations

import csv
import io
import json
from datetime import date

from openpyxl import load_workbook

from luoshi.cli.output import clip, columns, to_csv, to_json, to_jsonl, to_table, to_xlsx, width
from luoshi.document import Metric, Modifier, PartKind, Quantity, Task

REPORT = {"title": "2023年政府工作报告", "region": "阳泉市", "year": 2023, "source": "r.txt"}


def quantities() -> list[dict[str, object]]:
    made = [
        Quantity(
            part=PartKind.REVIEW,
            section="(一)能源革命",
            indicator="地区生产总值",
            metric=Metric.LEVEL,
            value=1012.9,
            unit="亿元",
            modifier=Modifier.EXACT,
            sentence="地区生产总值达到1012.9亿元。",
            start=10,
            end=19,
            places=["阳泉市", "平定县"],
            text="1012.9亿元",
        ),
        Quantity(
            part=PartKind.PLAN,
            section=None,
            indicator="GDP增速",
            metric=Metric.GROWTH,
            value=6.0,
            unit="%",
            modifier=Modifier.RANGE,
            sentence="增长6%—6.5%。",
            start=30,
            end=37,
            value_high=6.5,
            deadline=date(2023, 12, 31),
            text="6%—6.5%",
        ),
    ]
    return [q.to_dict() for q in made]


def test_json_keeps_the_report_items_shape() -> None:
    data = json.loads(to_json(REPORT, quantities()))
    assert set(data) == {"report", "items"}
    assert data["items"][1]["deadline"] == "2023-12-31"
    assert data["items"][0]["part"] == "review"


def test_jsonl_is_one_item_per_line() -> None:
    lines = to_jsonl(quantities()).splitlines()
    assert [json.loads(line)["indicator"] for line in lines] == ["地区生产总值", "GDP增速"]
    assert to_jsonl([]) == ""


def test_csv_has_every_field_and_a_header_even_when_empty() -> None:
    rows = list(csv.reader(io.StringIO(to_csv(quantities(), tasks=False))))
    assert rows[0] == columns(tasks=False)
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["value"] == "1012.9" and record["places"] == "阳泉市、平定县"
    assert dict(zip(rows[0], rows[2], strict=True))["value"] == "6"
    assert to_csv([], tasks=True).splitlines() == [",".join(columns(tasks=True))]


def test_table_columns_line_up_in_a_terminal() -> None:
    lines = to_table(REPORT, quantities(), tasks=False).splitlines()
    header, rule, first, second, summary = lines
    starts = [width(header[: header.index(name)]) for name in ("指标", "数值", "单位")]
    for row, cells in ((first, ("地区生产总值", "1012.9", "亿元")), (second, ("GDP增速", "6–6.5", "%"))):
        assert [width(row[: row.index(c)]) for c in cells] == starts
    assert summary == "阳泉市 2023 2023年政府工作报告 · 共 2 个数量"
    assert set(rule) <= {"─", " "}


def test_table_for_tasks() -> None:
    task = Task(
        text="建成5G基站1000座", part=PartKind.PLAN, section="(二)", theme=None, verb="建成", start=0, end=9
    )
    lines = to_table(REPORT, [task.to_dict()], tasks=True).splitlines()
    assert lines[0].split() == ["部分", "章节", "动作", "期限", "任务"]
    assert "建成5G基站1000座" in lines[2] and lines[-1].endswith("共 1 项任务")


def test_xlsx_is_for_people_chinese_headers_and_values_frozen_header_widths() -> None:
    """xlsx headers and codes in Chinese (总量, not level), the header row frozen, columns sized."""
    book = load_workbook(io.BytesIO(to_xlsx(REPORT, quantities(), tasks=False)))
    sheet = book["数量"]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows[0]) == len(columns(tasks=False)) and rows[0][:5] == (
        "部分",
        "章节",
        "指标",
        "类型",
        "数值",
    )
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["数值"] == 1012.9 and (first["部分"], first["类型"]) == ("回顾", "总量")
    codes = {str(v) for row in rows[1:] for v in row if v is not None}
    assert codes.isdisjoint({"level", "growth", "at_least", "range", "review", "plan"})
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["R"].width > sheet.column_dimensions["A"].width  # 原文 is wide
    assert dict(book["报告"].iter_rows(values_only=True))["地区"] == "阳泉市"


def test_width_and_clip_count_cjk_double() -> None:
    assert width("中a") == 3
    assert width("ＡＢ") == 4
    assert width("e\u0301") == 1
    assert clip("推动能源产业绿色低碳转型", 9) == "推动能源…"
    assert width(clip("推动能源产业绿色低碳转型", 9)) <= 9
    assert clip("短", 9) == "短"


def test_table_shows_codes_in_chinese() -> None:
    first, second = to_table(REPORT, quantities(), tasks=False).splitlines()[2:4]
    assert first.split()[:2] == ["回顾", "(一)能源革命"] and "总量" in first
    assert second.split()[0] == "部署" and "增速" in second and "区间" in second


def test_every_cli_table_aligns_by_one_width_rule() -> None:
    """Rule (one home for display width): listing tables pad CJK, full-width and combining text alike."""
    from luoshi.cli.options import table

    rows = [{"单位": "市发改委", "值": "ＡＢ"}, {"单位": "e\u0301x", "值": "1"}, {"单位": "a\nb", "值": "中"}]
    lines = table(rows, ["单位", "值"]).splitlines()
    column = width("市发改委") + 2  # the widest cell, then the two-space gap
    starts = [width(line[: line.index(cell)]) for line, cell in zip(lines[2:], "Ａ1中", strict=True)]
    assert starts == [column] * 3
    assert "\n" not in "".join(lines[2:]) and lines[4].startswith("a b")
