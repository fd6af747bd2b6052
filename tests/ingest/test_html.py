from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.ingest.html import MAX_DEPTH, html_to_text

PAGE = """<!DOCTYPE html><html><head><title>阳泉市人民政府</title>
<style>p { color: red }</style><script>var 阳泉 = "脚本里的文字";</script></head>
<body>
<header><div class="logo">阳泉市人民政府门户网站</div></header>
<nav><ul><li><a href="/">首页</a></li><li><a href="/zw">政务公开</a></li></ul></nav>
<div class="position">当前位置：<a href="/">首页</a> &gt; 政府工作报告</div>
<div class="main">
  <h1>2023年阳泉市政府工作报告</h1>
  <div class="fontsize">【字号 <a>大</a> <a>中</a> <a>小</a>】</div>
  <div id="zoom">
    <p>各位代表：</p>
    <p>　　现在，我代表市人民政府向大会报告工作，
       请予审议。</p>
    <p>一、2022年工作回顾</p>
    <p>地区生产总值达到<b>1012.9</b>亿元，增长4.5%&nbsp;&amp;&nbsp;更多。</p>
    <table><tr><td>原煤产量</td><td>6898万吨</td></tr></table>
    <div>二、2023年工作安排<br>新建5G基站1000座以上。</div>
  </div>
  <div class="bdsharebuttonbox"><a>分享到：</a><a>微信</a><a>微博</a></div>
  <div class="print"><a>【打印本页】</a><a>【关闭窗口】</a></div>
</div>
<aside>热点新闻<a>某条新闻标题很长很长很长很长</a></aside>
<footer>版权所有：阳泉市人民政府 晋ICP备05000000号</footer>
</body></html>"""


def test_main_block_kept_with_paragraphs() -> None:
    text = html_to_text(PAGE)
    lines = text.splitlines()
    assert lines[0] == "2023年阳泉市政府工作报告"
    assert "各位代表：" in lines
    assert "地区生产总值达到1012.9亿元，增长4.5%\xa0&\xa0更多。" in lines
    assert "原煤产量 6898万吨" in lines
    assert "二、2023年工作安排" in lines and "新建5G基站1000座以上。" in lines
    # a source line break inside a paragraph is whitespace, not a new paragraph
    assert any(line.startswith("　　现在，我代表") and line.endswith("请予审议。") for line in lines)


@pytest.mark.parametrize(
    "furniture",
    [
        "脚本里的文字",
        "color: red",
        "门户网站",
        "政务公开",
        "当前位置",
        "字号",
        "分享到",
        "微博",
        "打印本页",
        "关闭窗口",
        "热点新闻",
        "版权所有",
        "ICP",
    ],
)
def test_page_furniture_dropped(furniture: str) -> None:
    assert furniture not in html_to_text(PAGE)


def test_content_in_sibling_divs_is_one_block() -> None:
    paragraphs = "".join(f"<div>第{i}段，政府工作报告的正文内容。</div>" for i in range(8))
    page = f"<body><div class=menu><a>首页</a><a>新闻</a></div><div class=text>{paragraphs}</div></body>"
    text = html_to_text(page)
    assert text.splitlines() == [f"第{i}段，政府工作报告的正文内容。" for i in range(8)]


def test_page_without_paragraphs_falls_back_to_body() -> None:
    assert html_to_text("<html><body>只有一句话</body></html>") == "只有一句话"
    assert html_to_text("<html><head><title>x</title></head></html>") == ""


HOSTILE = [
    "<div>" * 100_000 + "深层文字" + "</div>" * 100_000,
    "<div>" * 50_000 + "未闭合",
    "<p>段落" * 50_000,
    "<table>" + "<tr><td>格" * 20_000,
    "<b><i><u>" * 10_000 + "格式",
    "&#x110000;&#0;&#xD800;&amp&lt;&#99999999999;&nbsp" * 1000 + "实体",
    "<script>" + "</scr" * 10_000 + "x",
    "<!--" + "-" * 10_000 + "注释不闭合",
    "<<<>>><a href='<'>\x00\x01</a><p =x>混乱</p></p></div></body></html>",
    "<svg><foreignObject><p>嵌入</p></foreignObject></svg><math><mi>x</mi></math>",
]


@pytest.mark.parametrize("markup", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_markup_is_read_quickly(markup: str) -> None:
    began = time.process_time()  # CPU time: a quadratic blow-up shows, a loaded machine does not
    text = html_to_text(markup)
    assert isinstance(text, str)
    assert time.process_time() - began < 5


def test_deep_nesting_keeps_text_and_drops_scripts() -> None:
    markup = "<script>隐藏()</script>" + "<div>" * (MAX_DEPTH + 10) + "深层文字" + "</div>" * (MAX_DEPTH + 10)
    assert html_to_text(markup) == "深层文字"


def test_title_from_the_head_loses_the_site_name() -> None:
    head = "<head><title>2023年政府工作报告_某某县人民政府</title></head>"
    page = f"<html>{head}<body><p>正文内容。</p></body></html>"
    assert html_to_text(page) == "2023年政府工作报告\n正文内容。"


_MARKUP_PIECES = st.sampled_from(
    [
        "<div>",
        "</div>",
        "<p>",
        "</p>",
        "<br>",
        "<a href='x'>",
        "</a>",
        "<script>",
        "</script>",
        "<style>",
        "<!--",
        "-->",
        "<table><tr><td>",
        "</td>",
        "&amp;",
        "&#x4e2d;",
        "&#0;",
        "<h1>报告",
        "<nav>",
        "<",
        ">",
        "class='share'",
        '<div class="print">',
        "<![CDATA[",
        "<svg>",
        "</body>",
        "<html>",
        "\x00",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_MARKUP_PIECES, st.text(max_size=10)), max_size=60).map("".join))
def test_any_markup_gives_text(markup: str) -> None:
    text = html_to_text(markup)
    assert isinstance(text, str)
    assert "\n\n" not in text


def test_link_menus_dropped_when_the_page_has_no_wrapper() -> None:
    page = (
        "<html><body><div class=top><a>首页</a> <a>新闻中心</a> <a>政务公开</a></div>"
        "<p>各位代表：</p><p>现在，我代表县人民政府向大会报告工作，详见<a href=x>附件</a>。</p>"
        "<p>全县地区生产总值完成120亿元，增长5%。</p>"
        "<div>相关链接：<a>某某县2021年政府工作报告</a> <a>某某县2020年政府工作报告</a></div>"
        "<ul><li><a>网站地图</a></li><li><a>联系我们</a></li></ul></body></html>"
    )
    assert html_to_text(page).splitlines() == [
        "各位代表：",
        "现在，我代表县人民政府向大会报告工作，详见附件。",
        "全县地区生产总值完成120亿元，增长5%。",
    ]


def test_legacy_page_with_unclosed_cells_is_parsed_not_flattened() -> None:
    cells = "<tr><td>表格<td>数据" * 1500  # never closed, as old portals write them
    page = f"<body><nav><a>首页</a></nav><div id=zoom><p>正文第一段。</p><table>{cells}</table></div></body>"
    text = html_to_text(page)
    assert text.startswith("正文第一段。\n表格 数据") and "首页" not in text


def test_ruby_pinyin_is_not_text() -> None:
    page = "<p><ruby>現<rp>(</rp><rt>xiàn</rt><rp>)</rp></ruby>在，<ruby>發<rt>fā</rt></ruby>展。</p>"
    assert html_to_text(page) == "現在，發展。"
