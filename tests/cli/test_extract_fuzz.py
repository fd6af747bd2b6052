"""`read_text` (the pipeline behind `luoshi extract`) never raises, whatever the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.normalise.test_normalise import REPORTISH

from luoshi.pipeline import read_text

HEADINGS = st.sampled_from(
    [
        "一、2022年工作回顾\n",
        "二、2023年工作安排\n",
        "(一)",
        "主要预期目标是:",
        "增长6%左右,",
        "分别达到160家、220家以上",
        "1.5万",
        "4万余户",
        "6%—6.5%",
        "下降4.7%",
        "两个",
        "4.1∶1",
        "8月底前",
        "年内",
        "。",
        ",",
        "\n",
    ]
)
ANY_REPORT = st.lists(st.one_of(HEADINGS, REPORTISH, st.text(max_size=20)), max_size=30).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_REPORT)
def test_read_text_never_raises_on_report_like_text(text: str) -> None:
    report = read_text(text)
    for q in report.quantities:
        assert 0 <= q.start <= q.end <= len(text)


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_read_text_never_raises_on_any_text(text: str) -> None:
    read_text(text)
