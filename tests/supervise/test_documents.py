"""督办通知单, 催办通知, 督查通报 as .docx: GB/T 9704-2012 page set-up and fonts, and the content of
a real item from the example ledger, read back through luoshi's own .docx reader."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Emu, Pt, Twips

from luoshi.clock import FixedClock
from luoshi.config import Settings
from luoshi.errors import NotFoundError, ValidationError
from luoshi.ingest.office import docx_to_text
from luoshi.store.db import Database
from luoshi.supervise.documents import bulletin_docx, notice_docx, urge_docx
from luoshi.supervise.documents.layout import CHAR_SPACE, LINE_TWIPS

AS_OF = date(2023, 10, 20)
SETTINGS = Settings(print_contact="联系人：李明，电话：0353-2020000")


@pytest.fixture
def db(example_ledger_url: str) -> Any:
    database = Database(example_ledger_url)
    yield database
    database.dispose()


def make(db: Database, kind: str, day: date = AS_OF, settings: Settings = SETTINGS) -> bytes:
    with db.ledger(actor="督查室", clock=FixedClock.on(day)) as ledger:
        if kind == "notice":
            return notice_docx(ledger, 1, settings, day)
        if kind == "urge":
            return urge_docx(ledger, 1, settings, day)
        return bulletin_docx(ledger, settings, day)


def opened(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def paragraph(document: Document, text: str) -> Any:
    return next(p for p in document.paragraphs if p.text == text)


def east_asia(run: Any) -> str:
    return str(run._r.rPr.rFonts.get(qn("w:eastAsia")))


@pytest.mark.parametrize("kind", ["notice", "urge", "bulletin"])
def test_page_set_up_follows_gbt_9704(db: Database, kind: str) -> None:
    document = opened(make(db, kind))
    section = document.sections[0]
    sizes = [section.page_width, section.page_height, section.top_margin, section.left_margin]
    sizes += [section.right_margin, section.bottom_margin]
    assert [round(s.mm) for s in sizes] == [210, 297, 37, 28, 26, 35]  # type: ignore[union-attr]
    assert round(section.page_width.mm - section.left_margin.mm - section.right_margin.mm) == 156  # type: ignore[union-attr]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    assert (int(grid.get(qn("w:linePitch"))), int(grid.get(qn("w:charSpace")))) == (LINE_TWIPS, CHAR_SPACE)
    block = section.page_height - section.top_margin - section.bottom_margin  # type: ignore[operator]
    assert Emu(block).twips // LINE_TWIPS == 22  # lines per page
    pitch_pt = 16 + CHAR_SPACE / 4096
    assert abs(28 * pitch_pt * 25.4 / 72 - 156) < 0.1  # 28 characters fill the line
    normal = document.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert normal.paragraph_format.line_spacing == Twips(LINE_TWIPS)
    assert str(normal.paragraph_format.line_spacing_rule).startswith("EXACTLY")
    assert document.settings.odd_and_even_pages_header_footer
    assert document.settings.element.find(qn("w:mirrorMargins")) is not None


@pytest.mark.parametrize("kind", ["notice", "urge", "bulletin"])
def test_page_numbers_are_dashed_fields_at_the_outside_corners(db: Database, kind: str) -> None:
    section = opened(make(db, kind)).sections[0]
    for footer, align in ((section.footer, "RIGHT"), (section.even_page_footer, "LEFT")):
        [p] = footer.paragraphs
        xml = p._p.xml
        assert 'w:fldCharType="begin"' in xml and "PAGE" in xml
        assert p.text.startswith("— ") and p.text.endswith(" —")
        assert str(p.alignment).startswith(align)
        assert {east_asia(r) for r in p.runs} == {"宋体"} and {r.font.size for r in p.runs} == {Pt(14)}


def test_notice_of_the_example_item(db: Database) -> None:
    data = make(db, "notice")
    document = opened(data)
    mark = paragraph(document, "阳泉市人民政府督查室")
    assert {str(r.font.color.rgb) for r in mark.runs} == {"FF0000"}
    number = paragraph(document, "阳政督〔2023〕1号")
    assert number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:color")) == "FF0000"
    title = paragraph(document, "督办通知单")
    assert [(r.font.size, east_asia(r)) for r in title.runs] == [(Pt(22), "方正小标宋简体")]
    assert str(title.alignment).startswith("CENTER")
    body = next(p for p in document.paragraphs if p.text.startswith("现将"))
    assert [(r.font.size, east_asia(r)) for r in body.runs] == [(Pt(16), "仿宋_GB2312")]
    assert paragraph(document, "二〇二三年十月二十日")  # 成文日期 in Chinese numerals
    rows = {r.cells[0].text: r.cells[1].text for r in document.tables[0].rows}
    assert rows["牵头单位"] == "市发展改革委" and rows["配合单位"] == "市工信局"
    assert rows["督办等级"] == "一般性事项（分管领导：王副市长）"
    assert "固定资产投资增长8%以上" in rows["来源"] and rows["来源"].startswith("定期盘点")
    assert rows["办理时限"].splitlines()[:2] == ["研究部署：2023年10月7日前", "反馈办理情况：2023年10月9日前"]
    assert rows["联系人"] == "联系人：李明，电话：0353-2020000"
    lines = docx_to_text(data).splitlines()  # the round trip through luoshi's own reader
    assert lines[:4] == [
        "阳泉市人民政府督查室",
        "阳政督〔2023〕1号",
        "督办通知单",
        "市发展改革委、市工信局：",
    ]
    assert "牵头单位 市发展改革委" in lines and lines[-2:] == [
        "二〇二三年十月二十日",
        "（联系人：李明，电话：0353-2020000）",
    ]


def test_urge_names_the_overdue_stages(db: Database) -> None:
    text = docx_to_text(make(db, "urge"))
    assert "阳政督催〔2023〕1号" in text and "催办通知" in text
    assert "研究部署应于2023年10月7日前完成，已逾期11个工作日" in text  # as /api/items says that day
    assert "（阳政督〔2023〕1号）" in text and "提请王副市长提级督办" in text


def test_urge_is_refused_before_a_stage_is_overdue(db: Database) -> None:
    with pytest.raises(ValidationError, match="没有逾期环节"):
        make(db, "urge", date(2023, 10, 1))


def test_unknown_item_is_one_chinese_line(db: Database) -> None:
    with db.ledger(actor="督查室") as ledger, pytest.raises(NotFoundError, match="督办事项 99 不存在"):
        notice_docx(ledger, 99, SETTINGS, AS_OF)


def test_bulletin_by_unit_with_named_units(db: Database) -> None:
    data = make(db, "bulletin")
    document = opened(data)
    table = document.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header == ["单位", "应报", "按期", "迟报", "缺报", "退回", "逾期督办", "等次"]
    assert table.rows[0]._tr.get_or_add_trPr().find(qn("w:tblHeader")) is not None
    assert all(r._tr.get_or_add_trPr().find(qn("w:cantSplit")) is not None for r in table.rows)
    fgw = next(dict(zip(header, (c.text for c in r.cells), strict=True)) for r in table.rows
               if r.cells[0].text == "市发展改革委")  # fmt: skip
    assert (fgw["按期"], fgw["逾期督办"]) == ("1", "1")
    assert int(fgw["应报"]) == int(fgw["按期"]) + int(fgw["迟报"]) + int(fgw["缺报"])
    text = docx_to_text(data)
    assert "阳政督通〔2023〕10号" in text and "关于2023年政府工作报告重点任务落实情况的督查通报" in text
    named = next(line for line in text.splitlines() if line.startswith("市发展改革委："))
    assert "督办事项逾期1项" in named
    headings = [p for p in document.paragraphs if p.text in ("一、总体情况", "四、通报批评")]
    assert [east_asia(p.runs[0]) for p in headings] == ["黑体", "黑体"]


def test_office_comes_from_the_settings(db: Database) -> None:
    settings = Settings(print_office="阳泉市人民政府办公室督查室", print_code="阳办督")
    text = docx_to_text(make(db, "notice", settings=settings))
    assert text.startswith("阳泉市人民政府办公室督查室\n阳办督〔2023〕1号")
    assert "（联系人：　　　　　联系电话：　　　　　）" in text  # no contact set: a line to fill in
