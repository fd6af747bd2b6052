"""The example report published four ways reads to the same clean text and the same quantities."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from tests.ingest.pdfgen import make_pdf

from luoshi.ingest import read_source
from luoshi.normalise import normalise
from luoshi.pipeline import read_report

PORTAL = """<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>2023年阳泉市政府工作报告_阳泉市人民政府</title><script>var _hmt = _hmt || [];</script></head>
<body><table width="100%"><tr><td class="top"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> |
<a href="/hdjl">互动交流</a> | <a href="/bsfw">办事服务</a></td></tr>
<tr><td><table><tr><td class="left" width="200"><ul><li><a href="#">领导之窗</a></li>
<li><a href="#">政府文件</a></li><li><a href="#">规划计划</a></li><li><a href="#">统计信息</a></li></ul></td>
<td class="content"><div class="title"><h1>2023年阳泉市政府工作报告</h1></div>
<div class="info">发布时间：2023-02-27 来源：阳泉市人民政府办公室 浏览次数：12345</div>
<div class="zh">【字体：<a>大</a> <a>中</a> <a>小</a>】 <a href="javascript:window.print()">打印</a></div>
<div id="zoom">{paragraphs}</div>
<div class="bottom"><a>【打印本页】</a> <a>【关闭窗口】</a></div></td></tr></table></td></tr>
<tr><td class="foot">版权所有：阳泉市人民政府 主办单位：阳泉市人民政府办公室 晋ICP备05000000号</td></tr>
</table></body></html>"""


def items(path: Path) -> list[tuple[object, ...]]:
    """The quantities of a report file; each one's span in the text as read cleans to its number."""
    report = read_report(path)
    for q in report.quantities:
        assert normalise(report.text.original[q.start : q.end]).clean == q.text
    return [(q.part, q.indicator, q.metric, q.value, q.unit, q.modifier) for q in report.quantities]


@pytest.fixture(scope="module")
def expected(example_path: Path) -> str:
    return normalise(example_path.read_text(encoding="utf-8")).clean


def lines_of(example_path: Path) -> list[str]:
    return [line for line in example_path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_portal_page(tmp_path: Path, example_path: Path, expected: str) -> None:
    paragraphs = "\n".join(f"<p>　　{html.escape(line)}</p>" for line in lines_of(example_path))
    page = tmp_path / "report.htm"
    page.write_bytes(PORTAL.format(paragraphs=paragraphs).encode("gb18030"))
    clean = normalise(read_source(page).text).clean
    assert clean.split("\n", 1)[1] == expected  # the title heading comes first
    assert clean.split("\n", 1)[0] == "2023年阳泉市政府工作报告"
    assert items(page) == items(example_path)


def test_word_document(tmp_path: Path, example_path: Path, expected: str) -> None:
    import docx

    document = docx.Document()
    for line in lines_of(example_path):
        document.add_paragraph(line)
    path = tmp_path / "report.docx"
    document.save(str(path))
    assert normalise(read_source(path).text).clean == expected
    assert items(path) == items(example_path)


def test_hard_wrapped_pdf(tmp_path: Path, example_path: Path, expected: str) -> None:
    width = 38  # a printed report has no web debris: wrap the clean text into 38-character lines
    wrapped = [p[i : i + width] for p in expected.splitlines() for i in range(0, len(p), width)]
    pages = [wrapped[i : i + 45] for i in range(0, len(wrapped), 45)]
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf(pages))
    clean = normalise(read_source(path).text).clean
    assert clean.replace("\n", "") == expected.replace("\n", "")
    # a paragraph that ends exactly at the right margin cannot be told from a wrapped line
    paragraphs = expected.splitlines()
    joined = set(clean.splitlines())
    assert sum(p in joined for p in paragraphs) >= 0.85 * len(paragraphs)
    got, want = items(path), items(example_path)
    # paragraphs merged at such margins may name an indicator differently; the numbers must agree
    assert [g[:1] + g[2:] for g in got] == [w[:1] + w[2:] for w in want]
    assert sum(g == w for g, w in zip(got, want, strict=True)) >= 0.95 * len(want)
