from __future__ import annotations

import pytest
from tests.ingest.pdfgen import make_pdf

from luoshi.errors import InputError
from luoshi.ingest import read_bytes
from luoshi.ingest.pdf import join_wrapped


def test_cjk_text_layer_is_read() -> None:
    pdf = make_pdf(
        [["一、2022年工作回顾", "地区生产总值达到1012.9亿元，增长4.5%。", "— 1 —"], ["二、2023年工作安排"]]
    )
    source = read_bytes(pdf, name="r.pdf")
    assert source.format == "pdf"
    assert source.text == "一、2022年工作回顾\n地区生产总值达到1012.9亿元，增长4.5%。\n二、2023年工作安排"


def test_hard_wrapped_lines_join_into_paragraphs() -> None:
    lines = [
        "一、工作回顾",
        "这一年我们迎难而上奋力拼搏综合实力实",
        "现新跨越，地区生产总值达到一千亿元。",
        "二、工作安排",
        "新建基站一千座，改造老旧小区一百个，",
        "全面完成。",
    ]
    assert join_wrapped(lines) == [
        "一、工作回顾",
        "这一年我们迎难而上奋力拼搏综合实力实现新跨越，地区生产总值达到一千亿元。",
        "二、工作安排",
        "新建基站一千座，改造老旧小区一百个，全面完成。",
    ]


def test_spaces_between_cjk_glyphs_are_closed() -> None:
    pdf = make_pdf([["地 区 生 产 总 值 达 到 1012.9 亿元 ， 增长 4.5%"]])
    assert read_bytes(pdf, name="r.pdf").text == "地区生产总值达到 1012.9 亿元，增长 4.5%"


def test_garbled_text_layer_is_refused() -> None:
    garbage = "".join(chr(0xE000 + i) for i in range(40))  # private-use glyph codes
    with pytest.raises(InputError, match="文字层无法识别"):
        read_bytes(make_pdf([[garbage, garbage]]), name="r.pdf")
