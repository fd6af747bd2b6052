"""Linking never raises on arbitrary text: any two 'reports' give a scorecard."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luoshi.link import Vocabulary, scorecard, targets_not_set
from luoshi.pipeline import read_text

pieces = st.sampled_from(
    [
        "一、2022年工作回顾\n",
        "二、2023年工作安排\n",
        "地区生产总值增长6%左右；",
        "居民消费价格上涨0.4%。",
        "不设定具体增长目标，",
        "能耗强度目标在“十四五”期内统筹考核。",
        "粮食产量700亿斤以上，",
        "到2025年，新建5G基站1万座。",
        "过去五年，",
        "城镇调查失业率5.5%以内",
        "\n",
        "。",
    ]
)
texts = st.lists(st.one_of(pieces, st.text(max_size=12)), max_size=25).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts, texts)
def test_scorecard_never_raises(vocab: Vocabulary, plan_text: str, outcome_text: str) -> None:
    plan, outcome = read_text(plan_text or "空"), read_text(outcome_text or "空")
    plan.meta.year, outcome.meta.year = 2023, 2024
    card = scorecard(plan, outcome, vocab)
    assert all(line.why and "\n" not in line.why for line in card.lines)
    for stated in targets_not_set(plan, vocab):
        assert plan_text[stated.start : stated.end].strip()
