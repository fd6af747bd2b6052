"""Lay a :class:`Paper` out as a .docx following GB/T 9704-2012 《党政机关公文格式》.

A4; margins top 37 mm, binding side 28 mm (mirrored for two-sided printing); text block
156 × 225 mm, 22 lines of 28 characters (exact line spacing and a character grid); title 2号
方正小标宋简体, body 3号 仿宋_GB2312, headings 黑体 / 楷体_GB2312; red 发文机关标志 and separator
line; 成文日期 in Chinese numerals, right-indented four characters; page numbers "— 1 —" in 4号
宋体 at the outside corners. Fonts are named, not embedded (docs/printing.md).
"""

from __future__ import annotations

import io
from typing import Any

from luoshi.segment.numerals import cn_date
from luoshi.supervise.documents.paper import Grid, Heading, Paper, Para

TEXT_WIDTH_MM, TEXT_HEIGHT_MM = 156, 225
LINES, CHARS = 22, 28
BODY_PT, TITLE_PT, PAGE_NUMBER_PT, TABLE_PT = 16, 22, 14, 14  # 3号, 2号, 4号, 4号
LINE_TWIPS = 579  # 28.95 pt: 22 lines fill the 225 mm block (22 × 28.95 pt = 224.7 mm)
PT_PER_MM = 72 / 25.4
# Word's grid: character pitch = the body size + charSpace / 4096 pt; 28 characters fill 156 mm.
CHAR_SPACE = round((TEXT_WIDTH_MM * PT_PER_MM / CHARS - BODY_PT) * 4096)
# Body characters are drawn 0.25 pt closer (w:spacing −5 twentieths), so a 3号 character (15.75 pt)
# fits one cell of the grid (15.79 pt) in every word processor, not two (LibreOffice otherwise).
TIGHTEN = -5
RED = "FF0000"
TITLE_FONT, BODY_FONT, HEI, KAI, SONG = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"
LATIN_FONT = "Times New Roman"
MARK_MAX_PT = 36
CELL_PADDING_PT = 2
# what may follow these elements in their parent (ECMA-376 schema order), for _child
SETTINGS_AFTER_MIRROR = ("w:alignBordersAndEdges", "w:gutterAtTop", "w:hideSpellingErrors",
                         "w:proofState", "w:attachedTemplate", "w:defaultTabStop", "w:evenAndOddHeaders",
                         "w:characterSpacingControl", "w:compat", "w:rsids")  # fmt: skip
RPR_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
                     "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
                     "w:eastAsianLayout", "w:specVanish", "w:oMath")  # fmt: skip
PPR_AFTER_SNAP = ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                  "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
                  "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")  # fmt: skip
PPR_AFTER_BORDER = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
                    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
                    "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
                    "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")  # fmt: skip


def render(paper: Paper) -> bytes:
    """The .docx bytes of ``paper``."""
    import docx

    document = docx.Document()
    _page(document)
    _styles(document)
    _head(document, paper)
    _title(document, paper)
    for block in paper.blocks:
        if isinstance(block, Grid):
            _grid(document, block)
        elif isinstance(block, Heading):
            heading = _para(document, block.text, font=HEI if block.level == 1 else KAI, indent=True)
            heading.paragraph_format.keep_with_next = True
        elif isinstance(block, Para):
            _para(document, block.text, indent=True)
    _signature(document, paper)
    _footers(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _page(document: Any) -> None:
    from docx.shared import Mm

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.left_margin = Mm(37), Mm(28)
    section.right_margin = Mm(210 - 28 - TEXT_WIDTH_MM)
    section.bottom_margin = Mm(297 - 37 - TEXT_HEIGHT_MM)
    section.footer_distance = Mm(297 - 37 - TEXT_HEIGHT_MM - 7) - _pt(PAGE_NUMBER_PT)  # 7 mm below
    section.header_distance = Mm(15)
    grid = _child(section._sectPr, "w:docGrid")
    grid.set(_qn("w:type"), "linesAndChars")
    grid.set(_qn("w:linePitch"), str(LINE_TWIPS))
    grid.set(_qn("w:charSpace"), str(CHAR_SPACE))
    _child(document.settings.element, "w:mirrorMargins", before=SETTINGS_AFTER_MIRROR)
    document.settings.odd_and_even_pages_header_footer = True


def _styles(document: Any) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt, Twips

    normal = document.styles["Normal"]
    _font(normal, BODY_FONT, BODY_PT)
    spacing = _child(normal.element.get_or_add_rPr(), "w:spacing", before=RPR_AFTER_SPACING)
    spacing.set(_qn("w:val"), str(TIGHTEN))
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Twips(LINE_TWIPS)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = False
    _child(normal.element.get_or_add_pPr(), "w:snapToGrid", before=PPR_AFTER_SNAP).set(_qn("w:val"), "0")


def _head(document: Any, paper: Paper) -> None:
    """版头: the red 发文机关标志, a blank line, the 发文字号 and the red separator line under it."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING

    size = min(MARK_MAX_PT, int(TEXT_WIDTH_MM * PT_PER_MM / max(len(paper.mark), 1)))
    mark = _para(document, paper.mark, font=TITLE_FONT, size=size, align=WD_ALIGN_PARAGRAPH.CENTER)
    mark.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    _off_grid(mark)
    for run in mark.runs:
        _colour(run, RED)
    document.add_paragraph()
    number = _para(document, paper.number, align=WD_ALIGN_PARAGRAPH.CENTER)
    border = _child(_child(number._p.get_or_add_pPr(), "w:pBdr", before=PPR_AFTER_BORDER), "w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "11"), ("w:color", RED)):
        border.set(_qn(key), value)


def _title(document: Any, paper: Paper) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document.add_paragraph()
    _off_grid(_para(document, paper.title, font=TITLE_FONT, size=TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER))
    document.add_paragraph()
    if paper.addressee:
        _para(document, paper.addressee)


def _signature(document: Any, paper: Paper) -> None:
    """发文机关署名 centred over the 成文日期, which is right-indented four characters; then 附注."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    dated = cn_date(paper.dated.year, paper.dated.month, paper.dated.day)
    offset = max(400 + (len(dated) - len(paper.signer)) * 50, 0)  # hundredths of a character
    document.add_paragraph()
    for text, right in ((paper.signer, offset), (dated, 400)):
        p = _para(document, text, align=WD_ALIGN_PARAGRAPH.RIGHT)
        p.paragraph_format.right_indent = _pt(BODY_PT * right / 100)
        _child(p._p.get_or_add_pPr(), "w:ind").set(_qn("w:rightChars"), str(right))
    for note in paper.notes:
        _para(document, note, indent=True)


def _grid(document: Any, grid: Grid) -> None:
    """A table with borders; its header repeats on each page and no row is split across pages."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Mm, Pt

    table = document.add_table(rows=1 + len(grid.rows), cols=len(grid.header))
    table.style = document.styles["Table Grid"]
    table.autofit = False
    for column, width in zip(table.columns, grid.widths, strict=True):
        column.width = Mm(width)
    for i, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        _child(tr_pr, "w:cantSplit")
        if i == 0:
            _child(tr_pr, "w:tblHeader")
        values = grid.header if i == 0 else grid.rows[i - 1]
        for cell, text, width in zip(row.cells, values, grid.widths, strict=True):
            cell.width = Mm(width)
            p = cell.paragraphs[0]
            p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(CELL_PADDING_PT)
            if i == 0 or len(grid.header) > 2:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER if i == 0 or text.isdigit() else None
            for n, line in enumerate(text.split("\n")):  # a line break within the cell
                run = p.add_run(line)
                if n:
                    run._r.addprevious(_break())
                _font(run, HEI if i == 0 else BODY_FONT, TABLE_PT)


def _footers(document: Any) -> None:
    """ "— 1 —" in 4号 宋体: odd pages at the right, even pages at the left, one character in."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    section = document.sections[0]
    for footer, align, side in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left"),
    ):
        p = footer.paragraphs[0]
        p.alignment = align
        setattr(p.paragraph_format, f"{side}_indent", _pt(BODY_PT))
        p.paragraph_format.line_spacing = 1.0
        _font(p.add_run("— "), SONG, PAGE_NUMBER_PT, latin=SONG)
        _page_field(p)
        _font(p.add_run(" —"), SONG, PAGE_NUMBER_PT, latin=SONG)


def _page_field(paragraph: Any) -> None:
    from docx.oxml import OxmlElement

    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        _font(run, SONG, PAGE_NUMBER_PT, latin=SONG)
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(_qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(_qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text


def _para(
    document: Any, text: str, *, font: str = BODY_FONT, size: int = BODY_PT, align: Any = None,
    indent: bool = False,
) -> Any:  # fmt: skip
    p = document.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent:  # 首行缩进二字
        p.paragraph_format.first_line_indent = _pt(BODY_PT * 2)
        _child(p._p.get_or_add_pPr(), "w:ind").set(_qn("w:firstLineChars"), "200")
    _font(p.add_run(text), font, size)
    return p


def _font(target: Any, east_asia: str, size: int, *, latin: str = LATIN_FONT) -> None:
    """Name the Chinese font (w:eastAsia) and the Latin one, and set the size in points."""
    from docx.shared import Pt

    target.font.size = Pt(size)
    target.font.name = latin
    fonts = _child(target.element.get_or_add_rPr(), "w:rFonts")
    for key, name in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia), ("w:cs", latin)):
        fonts.set(_qn(key), name)


def _break() -> Any:
    """A run holding one line break (w:br)."""
    from docx.oxml import OxmlElement

    run = OxmlElement("w:r")
    run.append(OxmlElement("w:br"))
    return run


def _off_grid(paragraph: Any) -> None:
    """Characters larger than the body's (标志, title) keep their own width, not whole grid cells."""
    snap = _child(paragraph._p.get_or_add_pPr(), "w:snapToGrid", before=PPR_AFTER_SNAP)
    snap.set(_qn("w:val"), "0")


def _colour(run: Any, rgb: str) -> None:
    from docx.shared import RGBColor

    run.font.color.rgb = RGBColor.from_string(rgb)


def _child(parent: Any, tag: str, *, before: tuple[str, ...] = ()) -> Any:
    """``parent``'s child ``tag``; if missing, added before the first of ``before`` that is there
    (Word refuses elements out of schema order), else at the end."""
    from docx.oxml import OxmlElement

    found = parent.find(_qn(tag))
    if found is not None:
        return found
    found = OxmlElement(tag)
    after = next((c for c in parent if c.tag in {_qn(t) for t in before}), None)
    if after is None:
        parent.append(found)
    else:
        after.addprevious(found)
    return found


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


def _pt(points: float) -> Any:
    from docx.shared import Pt

    return Pt(points)
