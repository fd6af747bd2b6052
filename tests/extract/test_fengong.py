"""Reading breakdown documents (分工方案): bracket lines, 〔责任单位〕 lines, tables in text and Word."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from luoshi.extract.fengong import read_breakdown
from luoshi.extract.fengong.brackets import read_roles, responsibility_brackets
from luoshi.ingest import read_bytes

FENGONG = Path(__file__).resolve().parents[1] / "fixtures" / "fengong"


def _gold(name: str) -> dict[str, Any]:
    return dict(json.loads((FENGONG / name).read_text(encoding="utf-8")))


FORMS: list[tuple[str, list[str], list[str], date | None]] = [
    # the four forms issue 14 quotes
    ("国家发展改革委、财政部牵头，各有关部门按职责分工负责，年内持续推进",
     ["国家发展改革委", "财政部"], ["各有关部门"], None),
    ("市发展改革委牵头，市工信局、市商务局按职责分工负责，2023年6月底前完成",
     ["市发展改革委"], ["市工信局", "市商务局"], date(2023, 6, 30)),
    ("国务院各部门分别负责", ["国务院各部门"], [], None),
    ("责任单位：省发展改革委、省工信厅等按职责分工负责", ["省发展改革委"], ["省工信厅"], None),
    # forms written here: labelled cells, a plain list (the first leads), "X负责", a quarter
    ("牵头单位：省科技厅；配合单位：省财政厅、省教育厅；完成时限：2024年12月底前",
     ["省科技厅"], ["省财政厅", "省教育厅"], date(2024, 12, 31)),
    ("市人社局、市财政局，9月底前完成", ["市人社局"], ["市财政局"], date(2023, 9, 30)),
    ("财政部负责，长期坚持", ["财政部"], [], None),
    ("人民银行牵头，各县（市、区）政府配合，2023年第二季度末前完成",
     ["人民银行"], ["各县（市、区）政府"], date(2023, 6, 30)),
    ("责任单位：省财政厅、省发展改革委（牵头）、省统计局；完成时限：2024年",
     ["省发展改革委"], ["省财政厅", "省统计局"], date(2024, 12, 31)),
]  # fmt: skip


@pytest.mark.parametrize(("bracket", "lead", "co", "deadline"), FORMS)
def test_bracket_forms(bracket: str, lead: list[str], co: list[str], deadline: date | None) -> None:
    roles = read_roles(bracket, 2023)
    assert (roles.lead, roles.co, roles.deadline) == (lead, co, deadline)


def test_each_county_and_a_leader_post() -> None:
    assert read_roles("各县（区）政府分别负责，年内持续推进", 2023).each
    roles = read_roles("常务副市长、市发展改革委牵头，市财政局按职责分工负责", 2023)
    assert (roles.leaders, roles.lead, roles.co) == (["常务副市长"], ["市发展改革委"], ["市财政局"])


def test_nested_brackets_and_asides_are_not_responsibility() -> None:
    text = "推进盂县、郊区（含高新区）屋顶光伏试点。（市能源局牵头，各县（区）政府按职责分工负责）"
    spans = responsibility_brackets(text)
    assert [text[a:b] for a, b in spans] == ["（市能源局牵头，各县（区）政府按职责分工负责）"]


def test_shared_breakdown_reads_every_line_and_the_notice() -> None:
    breakdown = read_breakdown((FENGONG / "yangquan-2023-fengong.txt").read_text(encoding="utf-8"))
    gold = _gold("yangquan-2023-fengong.gold.json")
    assert [line.task for line in breakdown.lines] == [g["task"] for g in gold["lines"]]
    assert [(b.lead, b.co) for b in breakdown.lines] == [(g["lead"], g["co"]) for g in gold["lines"]]
    assert [b.deadline and b.deadline.isoformat() for b in breakdown.lines] == [
        g["deadline"] for g in gold["lines"]
    ]
    meta = breakdown.meta
    assert (meta.doc_no, meta.issued_on, meta.year, meta.report_day) == (
        "阳政发〔2023〕3号",
        date(2023, 3, 8),
        2023,
        5,
    )
    assert len(meta.requirements) == 3 and "纳入年度目标责任考核" in meta.requirements[-1]
    assert breakdown.lines[4].part == "二、全力构建现代产业体系，夯实高质量发展新支撑"


@pytest.mark.parametrize("name", ["national-2021-fengong", "province-jiangling-2024-fengong"])
def test_own_breakdowns_at_other_levels(name: str) -> None:
    """National 意见 wording (two brackets in one item) and the provincial 〔责任单位〕 form with a
    bracket on a line of its own and a closing 保障措施."""
    breakdown = read_breakdown((FENGONG / f"{name}.txt").read_text(encoding="utf-8"))
    gold = _gold(f"{name}.gold.json")["lines"]
    assert [(b.task, b.lead, b.co) for b in breakdown.lines] == [
        (g["task"], g["lead"], g["co"]) for g in gold
    ]
    assert [b.deadline and b.deadline.isoformat() for b in breakdown.lines] == [g["deadline"] for g in gold]
    assert breakdown.meta.report_day in (10, 25)
    assert not any("督查室" in b.task or "督促检查" in b.task for b in breakdown.lines)


def _check_table(text: str) -> None:
    gold = _gold("yangquan-2023-table.gold.json")["lines"]
    breakdown = read_breakdown(text)
    got = [(b.n, b.task, b.lead, b.co, b.leaders[0] if b.leaders else None) for b in breakdown.lines]
    assert got == [(str(g["n"]), g["task"], g["lead"], g["co"], g["leader"]) for g in gold]
    assert [b.deadline and b.deadline.isoformat() for b in breakdown.lines] == [g["deadline"] for g in gold]
    assert breakdown.lines[0].part == "一、全力构建现代产业体系，夯实高质量发展新支撑"
    assert breakdown.meta.report_day == 25 and breakdown.meta.doc_no == "阳政办发〔2023〕12号"


def test_table_as_text() -> None:
    _check_table((FENGONG / "yangquan-2023-table.txt").read_text(encoding="utf-8"))


def test_table_as_text_with_tabs_and_blank_cells() -> None:
    lines = (FENGONG / "yangquan-2023-table.txt").read_text(encoding="utf-8").splitlines()
    tabbed = [
        "\t".join(c.strip() for c in line.strip().strip("|").split("|")) if "|" in line else line
        for line in lines
    ]
    _check_table("\n".join(line for line in tabbed if not set(line) <= set("-\t ")))


def table_docx() -> bytes:
    """The table fixture as a Word file: the 通知 as paragraphs, one table (heading rows merged
    across the row), the 工作要求 after it."""
    import docx

    spec = _gold("yangquan-2023-table.gold.json")
    document = docx.Document()
    for line in spec["header"]:
        document.add_paragraph(line)
    columns = ["序号", "重点任务", "牵头领导", "牵头单位", "配合单位", "完成时限"]
    table = document.add_table(rows=1, cols=len(columns))
    for cell, name in zip(table.rows[0].cells, columns, strict=True):
        cell.text = name
    for row in spec["rows"]:
        cells = table.add_row().cells
        if "heading" in row:
            merged = cells[0].merge(cells[-1])
            merged.text = row["heading"]
            continue
        values = [row["n"], row["task"], row["leader"], row["lead"], row["co"], row["deadline"]]
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    for line in spec["closing"]:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_table_in_word() -> None:
    source = read_bytes(table_docx(), name="分解表.docx", cell_sep="\t")
    assert source.format == "docx"
    _check_table(source.text)


def test_a_numbered_item_whose_bracket_never_comes_is_kept_without_units() -> None:
    text = "一、稳增长\n1.推进重大项目建设。\n2.扩大有效投资。（市发展改革委牵头）\n"
    lines = read_breakdown(text, year=2023).lines
    assert [(b.n, b.task, b.lead) for b in lines] == [
        ("1", "推进重大项目建设。", []),
        ("2", "扩大有效投资。", ["市发展改革委"]),
    ]


def test_table_in_a_web_page() -> None:
    """A breakdown published as an HTML page: blank cells keep their place (牵头领导 often is one)."""
    spec = _gold("yangquan-2023-table.gold.json")
    head = "".join(f"<p>{line}</p>" for line in spec["header"])
    rows = [
        "<tr><td>序号</td><td>重点任务</td><td>牵头领导</td><td>牵头单位</td><td>配合单位</td><td>完成时限</td></tr>"
    ]
    for row in spec["rows"]:
        if "heading" in row:
            rows.append(f'<tr><td colspan="6">{row["heading"]}</td></tr>')
        else:
            keys = ("n", "task", "leader", "lead", "co", "deadline")
            rows.append("<tr>" + "".join(f"<td>{row[k]}</td>" for k in keys) + "</tr>")
    tail = "".join(f"<p>{line}</p>" for line in spec["closing"])
    page = f"<html><body><div class='content'>{head}<table>{''.join(rows)}</table>{tail}</div></body></html>"
    source = read_bytes(page.encode(), name="分解表.html", cell_sep="\t")
    assert source.format == "html"
    _check_table(source.text)
