from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.ingest import read_source
from luoshi.ingest.numbering import chinese, render

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (35, "三十五"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
        (123, "一百二十三"),
    ],
)
def test_chinese_counting(n: int, text: str) -> None:
    assert chinese(n) == text


def test_formats() -> None:
    assert [render(f, 3) for f in ("decimal", "chineseCounting", "decimalEnclosedCircle", "upperLetter")] == [
        "3",
        "三",
        "③",
        "C",
    ]
    assert render("lowerRoman", 14) == "xiv" and render("decimalFullWidth", 12) == "１２"


def level(ilvl: int, text: str) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


def outline_docx(path: Path) -> Path:
    """A report whose parts (一、) and sections ((一)) are numbered by Word, not typed."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="90">{level(0, "%1、")}{level(1, "（%2）")}'
            "</w:abstractNum>"
        ),
    )
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )

    document.add_paragraph("各位代表：")
    numbered("2022年工作回顾", 0)
    numbered("能源革命", 1)
    numbered("数字经济", 1)
    numbered("2023年工作安排", 0)
    numbered("扩大有效投资", 1)
    document.add_paragraph("第一项", style="List Number")
    document.add_paragraph("第二项", style="List Number")
    document.add_paragraph("要点", style="List Bullet")
    document.save(str(path))
    return path


def test_automatic_numbers_are_part_of_the_text(tmp_path: Path) -> None:
    assert read_source(outline_docx(tmp_path / "r.docx")).text.splitlines() == [
        "各位代表：",
        "一、2022年工作回顾",
        "（一）能源革命",
        "（二）数字经济",
        "二、2023年工作安排",
        "（一）扩大有效投资",
        "1.第一项",
        "2.第二项",
        "要点",
    ]
