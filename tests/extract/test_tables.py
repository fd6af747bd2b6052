"""Target tables (主要预期目标表) read as .docx, HTML and plain text: one item per value cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.document import Metric, Modifier, PartKind, Quantity, Report
from luoshi.extract.tables import Role, read_row, table_rows
from luoshi.pipeline import read_report, read_text

HEAD = (
    "青岚县2024年政府工作报告\n一、2023年工作回顾\n过去一年，全县经济平稳运行。\n"
    "二、2024年工作安排\n主要预期目标如下：\n"
)
HEADER = ["序号", "指标名称", "单位", "2023年完成", "2024年目标", "指标属性"]
ROWS = [
    ["1", "地区生产总值增长", "%", "5.9", "6左右", "预期性"],
    ["2", "一般公共预算收入", "亿元", "12.36", "13.1", "预期性"],
    ["3", "城镇新增就业", "万人", "1.2", "1.3", "预期性"],
    ["4", "单位地区生产总值能耗下降", "%", "3.1", "完成市下达任务", "约束性"],
    ["5", "粮食总产量", "万吨", "21.4", "21以上", "约束性"],
]


def _table_items(report: Report) -> list[Quantity]:
    return [q for q in report.quantities if q.sentence[:1].isdigit() or "（" in q.sentence.split(" ")[0]]


def _key(q: Quantity) -> tuple[str, PartKind, int | None, Metric, float, str, Modifier]:
    return (q.indicator, q.part, q.year, q.metric, q.value, q.unit, q.modifier)


EXPECTED = [
    ("地区生产总值", PartKind.REVIEW, 2023, Metric.GROWTH, 5.9, "%", Modifier.EXACT),
    ("地区生产总值", PartKind.PLAN, 2024, Metric.GROWTH, 6.0, "%", Modifier.ABOUT),
    ("一般公共预算收入", PartKind.REVIEW, 2023, Metric.LEVEL, 12.36, "亿元", Modifier.EXACT),
    ("一般公共预算收入", PartKind.PLAN, 2024, Metric.LEVEL, 13.1, "亿元", Modifier.EXACT),
    ("城镇新增就业", PartKind.REVIEW, 2023, Metric.COUNT, 12000.0, "人", Modifier.EXACT),
    ("城镇新增就业", PartKind.PLAN, 2024, Metric.COUNT, 13000.0, "人", Modifier.EXACT),
    ("单位地区生产总值能耗", PartKind.REVIEW, 2023, Metric.GROWTH, -3.1, "%", Modifier.EXACT),
    ("粮食总产量", PartKind.REVIEW, 2023, Metric.LEVEL, 21.4, "万吨", Modifier.EXACT),
    ("粮食总产量", PartKind.PLAN, 2024, Metric.LEVEL, 21.0, "万吨", Modifier.AT_LEAST),
]


def test_docx_table_gives_one_item_per_value_cell(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in HEAD.strip().split("\n"):
        document.add_paragraph(line)
    table = document.add_table(rows=0, cols=len(HEADER))
    for cells in [HEADER, *ROWS]:
        for cell, value in zip(table.add_row().cells, cells, strict=True):
            cell.text = value
    document.add_paragraph("围绕上述目标，重点抓好以下工作。")
    path = tmp_path / "report.docx"
    document.save(str(path))
    report = read_report(path)
    items = _table_items(report)
    assert [_key(q) for q in items] == EXPECTED
    assert items[0].sentence == "1 地区生产总值增长 % 5.9 6左右 预期性"
    for q in items:  # the span is the number as written in the cell
        assert report.text.original[q.start : q.end] == q.text
        assert q.text in q.sentence


def test_plain_text_table_with_wide_gaps_split_name_range_and_symbol() -> None:
    rows = [
        "序号    指标名称    单位    2023年完成    2024年目标    指标属性",
        "1    地区生产总值 增长    %    5.9    6-6.5    预期性",
        "2\t一般公共预算收入\t亿元\t12.36\t≥13.1\t预期性",
    ]
    report = read_text(HEAD + "\n".join(rows) + "\n围绕上述目标，重点抓好以下工作。\n")
    items = _table_items(report)
    assert [(q.indicator, q.part, q.value, q.value_high, q.modifier) for q in items] == [
        ("地区生产总值", PartKind.REVIEW, 5.9, None, Modifier.EXACT),
        ("地区生产总值", PartKind.PLAN, 6.0, 6.5, Modifier.RANGE),
        ("一般公共预算收入", PartKind.REVIEW, 12.36, None, Modifier.EXACT),
        ("一般公共预算收入", PartKind.PLAN, 13.1, None, Modifier.AT_LEAST),
    ]
    assert items[0].sentence == "1 地区生产总值增长 % 5.9 6-6.5 预期性"
    for q in items:
        assert report.text.original[q.start : q.end] == q.text


def test_html_table_with_the_unit_in_the_name_and_words_for_columns(tmp_path: Path) -> None:
    page = (
        "<html><head><title>青岚县2024年政府工作报告</title></head><body><div class='content'>"
        + "".join(f"<p>{line}</p>" for line in HEAD.strip().split("\n")[1:])
        + "<table><tr><th>指标</th><th>上年实际</th><th>今年预期目标</th><th>备注</th></tr>"
        "<tr><td>地区生产总值（亿元）</td><td>168.7</td><td>180左右</td><td>预期性</td></tr>"
        "<tr><td>城乡居民收入增长（%）</td><td>6.3</td><td>与经济增长同步</td><td>预期性</td></tr>"
        "<tr><td>森林覆盖率（%）</td><td>32.6</td><td>33</td><td>约束性</td></tr>"
        "</table><p>围绕上述目标，重点抓好以下工作。</p></div></body></html>"
    )
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    report = read_report(path)
    items = _table_items(report)
    assert [_key(q) for q in items] == [
        ("地区生产总值", PartKind.REVIEW, 2023, Metric.LEVEL, 168.7, "亿元", Modifier.EXACT),
        ("地区生产总值", PartKind.PLAN, 2024, Metric.LEVEL, 180.0, "亿元", Modifier.ABOUT),
        ("城乡居民收入", PartKind.REVIEW, 2023, Metric.GROWTH, 6.3, "%", Modifier.EXACT),
        ("森林覆盖率", PartKind.REVIEW, 2023, Metric.SHARE, 32.6, "%", Modifier.EXACT),
        ("森林覆盖率", PartKind.PLAN, 2024, Metric.SHARE, 33.0, "%", Modifier.EXACT),
    ]
    for q in items:
        assert report.text.original[q.start : q.end] == q.text


def test_unit_in_the_header_name_column() -> None:
    clean = "指标（亿元） 2023年 2024年\n地区生产总值 168.7 180\n"
    (row,) = table_rows(clean, 2024).values()
    assert [(i.indicator, i.part, i.year, i.value, i.unit) for i in read_row(row)] == [
        ("地区生产总值", PartKind.REVIEW, 2023, 168.7, "亿元"),
        ("地区生产总值", PartKind.PLAN, 2024, 180.0, "亿元"),
    ]


def test_header_columns_by_role() -> None:
    clean = "序号 指标名称 单位 2023年完成 2024年目标 指标属性\n1 森林覆盖率 % 32.6 33 约束性\n"
    (row,) = table_rows(clean, 2024).values()
    assert [c.role for c in row.columns] == [
        Role.SEQ,
        Role.NAME,
        Role.UNIT,
        Role.VALUE,
        Role.VALUE,
        Role.OTHER,
    ]
    assert row.start == clean.index("1 森林")


def test_project_list_is_not_a_target_table() -> None:
    """A list of projects (no 指标 column) is read as prose: its bare numbers give no items."""
    rows = [
        "序号 项目名称 建设内容 总投资（亿元） 2024年计划投资（亿元）",
        "1 青岚古城保护 古城修缮 12.5 3.2",
    ]
    assert table_rows("\n".join(rows), 2024) == {}
    report = read_text(HEAD + "\n".join(rows) + "\n")
    assert [q for q in report.quantities if q.sentence.startswith("1 ")] == []


def test_rows_end_at_the_first_line_that_is_not_a_row() -> None:
    clean = "指标名称 单位 2024年目标\n粮食总产量 万吨 21以上\n围绕上述目标，重点抓好以下工作。\n"
    clean += "森林覆盖率 % 33\n"
    rows = table_rows(clean, 2024)
    assert [r.sentence for r in rows.values()] == ["粮食总产量 万吨 21以上"]


def test_an_empty_trailing_attribute_cell_keeps_the_row() -> None:
    clean = "指标名称 单位 2024年目标 指标属性\n粮食总产量 万吨 21以上\n森林覆盖率 % 33 约束性\n"
    rows = list(table_rows(clean, 2024).values())
    assert [[i.value for i in read_row(r)] for r in rows] == [[21.0], [33.0]]


def test_prose_lines_with_spaces_give_no_items() -> None:
    """Words that look like a header (指标, 完成) read nothing from lines without numbers."""
    rows = table_rows("全年 指标 完成 良好\n今年 目标 已定\n", 2024)
    assert [i for r in rows.values() for i in read_row(r)] == []
    assert table_rows("全年 指标 完成 良好\n经济运行稳中有进，发展质量持续提升。\n", 2024) == {}
