"""Properties of verdicts that hold for any numbers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from tests.link.build import make_quantity

from luoshi.link.verdict import Status, judge
from luoshi.link.vocabulary import Direction, Settings

values = st.floats(min_value=-1000, max_value=1000, allow_nan=False, allow_infinity=False)
modifiers = st.sampled_from(["about", "at_least", "at_most", "exact", "range"])
directions = st.sampled_from(list(Direction))


@given(values, values, values, modifiers, directions)
def test_judge_never_raises_and_says_why(
    t: float, high: float, o: float, modifier: str, d: Direction
) -> None:
    target = make_quantity("指标", t, modifier=modifier, value_high=high if modifier == "range" else None)
    verdict = judge(target, make_quantity("指标", o, part="review"), d, Settings())
    assert verdict.status in (Status.MET, Status.MISSED)
    assert verdict.why and "\n" not in verdict.why


@given(st.floats(min_value=0, max_value=100), st.floats(min_value=-100, max_value=100))
def test_a_ceiling_about_target_is_met_by_anything_at_or_below(t: float, o: float) -> None:
    target = make_quantity("居民消费价格涨幅", t, modifier="about")
    met = judge(target, make_quantity("居民消费价格", o, part="review"), Direction.CEILING, Settings())
    assert (met.status == Status.MET) == (o <= t + 0.2 + 1e-9)


@given(values, values, values, modifiers)
def test_floor_verdicts_are_monotone(t: float, o: float, bump: float, modifier: str) -> None:
    """Under a floor, a better outcome never turns met into missed (for growth and for falls)."""
    target = make_quantity("x", t, modifier=modifier if modifier != "range" else "exact")
    low, high = sorted((o, o + abs(bump)))
    if t < 0:  # a reduction target: a bigger fall is better
        low, high = -low, -high
    first = judge(target, make_quantity("x", low, part="review"), Direction.FLOOR, Settings())
    second = judge(target, make_quantity("x", high, part="review"), Direction.FLOOR, Settings())
    if modifier != "at_most":
        assert not (first.status == Status.MET and second.status == Status.MISSED)
