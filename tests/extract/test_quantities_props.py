"""Properties of quantity extraction over arbitrary text: it never raises, and every item's
span in the original text holds the number as written (the original may be traditional and
carry pinyin debris)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luoshi.document import Report
from luoshi.normalise.script import to_simplified
from luoshi.pipeline import read_text

FIXTURES = Path(__file__).parent.parent / "fixtures"
NUMERAL = re.compile(r"[0-9.零〇一二两三四五六七八九十百千万亿]")

REPORT_WORDS = [
    "增长",
    "下降",
    "达到",
    "完成",
    "新增",
    "新建",
    "万",
    "亿",
    "元",
    "亿元",
    "万吨",
    "个",
    "家",
    "户",
    "座",
    "所",
    "人",
    "%",
    "％",
    "个百分点",
    "倍",
    "以上",
    "以内",
    "左右",
    "余",
    "多",
    "约",
    "近",
    "不低于",
    "不超过",
    "控制在",
    "分别",
    "和",
    "、",
    "，",
    ",",
    "。",
    "；",
    ";",
    "：",
    "—",
    "-",
    "～",
    "至",
    "第",
    "全省",
    "排名",
    "两",
    "十大",
    "三年",
    "年",
    "月底前",
    "“",
    "”",
    "(",
    ")",
    "（",
    "）",
    "∶",
    "萬",
    "億",
    "個",
    "戶",
    "發(fā)",
    "產(chǎn)",
    "區(qū)",
    "占比",
    "比重",
    "率",
    "地区生产总值",
    "一般公共预算收入",
    "规上工业企业",
    "高标准农田",
    "5G基站",
    "PM2.5",
    "\n",
]
UNITS = ["%", "％", "亿元", "万吨", "个", "万户", "家", "个百分点", "倍", "万亿斤", "公里", "∶1", "大"]
number = st.one_of(
    st.from_regex(r"[0-9０-９]{1,5}([.．][0-9]{1,2})?", fullmatch=True),
    st.sampled_from(["两", "十", "三", "一百二十", "两万", "十四五"]),
)
pieces = st.one_of(
    st.sampled_from(REPORT_WORDS),
    number,
    st.tuples(number, st.sampled_from(["", "万", "余", "多"]), st.sampled_from(UNITS)).map("".join),
    st.text(max_size=3),
)
report_text = st.lists(pieces, max_size=60).map("".join)


def _wrap(review: str, plan: str) -> str:
    return f"一、2023年工作回顾\n{review}\n二、2024年工作安排\n{plan}\n"


def _numerals(s: str) -> str:
    return "".join(NUMERAL.findall(unicodedata.normalize("NFKC", to_simplified(s))))


def _assert_spans_hold_numbers(report: Report) -> None:
    original = report.text.original
    for q in report.quantities:
        assert 0 <= q.start < q.end <= len(original)
        assert _numerals(original[q.start : q.end]) == _numerals(q.text), q


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_text, report_text)
def test_extract_never_raises_and_spans_hold_the_numbers(review: str, plan: str) -> None:
    report = read_text(_wrap(review, plan))
    _assert_spans_hold_numbers(report)


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=300))
def test_extract_never_raises_on_any_text(text: str) -> None:
    read_text(text)
    read_text(_wrap(text, text))


def test_every_span_of_the_example_report_holds_its_number() -> None:
    report = read_text((FIXTURES / "yangquan-2023.txt").read_text(encoding="utf-8"))
    assert len(report.quantities) > 150
    _assert_spans_hold_numbers(report)
    for q in report.quantities:  # traditional original, simplified output
        assert q.text == to_simplified(q.text)
