"""Sample report content and writers for real files of every kind."""

from __future__ import annotations

from pathlib import Path

PLAN = "二、2023年工作安排"
SENTENCE = "全市地区生产总值增长6%左右，新建5G基站1000座以上。"


def write_docx(path: Path) -> Path:
    """A Word file with a heading, paragraphs, a table and a merged cell (python-docx)."""
    import docx

    document = docx.Document()
    document.add_heading("2023年政府工作报告", level=1)
    document.add_paragraph(PLAN)
    document.add_paragraph(SENTENCE)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "指标", "目标"
    table.cell(1, 0).text, table.cell(1, 1).text = "原煤产量", "6800万吨"
    merged = document.add_table(rows=1, cols=3)
    merged.cell(0, 0).merge(merged.cell(0, 2)).text = "合并单元格只出现一次"
    document.save(str(path))
    return path
