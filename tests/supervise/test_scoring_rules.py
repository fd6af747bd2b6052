"""The scoreboard follows from the statuses: each rule of docs/scoring.md on hand-built task rows."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from luoshi.errors import ValidationError
from luoshi.supervise.board import StatusRow
from luoshi.supervise.ratings import COMMENDED, NAMED, parse_ratings
from luoshi.supervise.scoring import UnitScore, load_scoring, parse_scoring, scoreboard, task_credit
from luoshi.supervise.status import Colour, State, TaskStatus

AS_OF = date(2024, 7, 1)
COLOURS = {State.BEHIND: Colour.YELLOW, State.OVERDUE: Colour.RED, State.MISSING: Colour.ORANGE}
_ids = iter(range(1, 10_000))


def row(
    lead: str,
    state: State = State.ON_TRACK,
    progress: float | None = None,
    *,
    co: tuple[str, ...] = (),
    elapsed: float = 0.5,
    returns: int = 0,
) -> StatusRow:
    status = TaskStatus(state, COLOURS.get(state, Colour.GREEN), elapsed, progress)
    return StatusRow(
        id=next(_ids), section="", text="任务", indicator="", target=None, unit="",
        deadline=date(2024, 12, 31), lead=lead, co=co, value=None, status=status, reports_due=0,
        reports_on_time=0, reports_late=0,
        grade=None, returns=returns,
    )  # fmt: skip


def scores(tasks: list[StatusRow], **overrides: Any) -> dict[str, UnitScore]:
    config = load_scoring()
    if overrides:
        config = parse_scoring({**_default(), **overrides})
    return {s.unit: s for s in scoreboard(tasks, [], config, as_of=AS_OF)}


def _default() -> dict[str, Any]:
    from importlib import resources

    import yaml

    text = (resources.files("luoshi") / "data" / "scoring" / "default.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def test_completion_agrees_with_status_a_behind_task_never_counts_in_full() -> None:
    """A unit whose only task is 进度滞后 does not complete 1.0, even when its share done is ahead of
    the clock by value (a GDP 5.0 against 5.5 behind task counts its pace, capped)."""
    behind = scores([row("甲", State.BEHIND, progress=5.0 / 5.5)])["甲"]
    assert behind.components["completion"] == pytest.approx(0.8)  # behind_cap
    slow = scores([row("乙", State.BEHIND, progress=0.2, elapsed=0.5)])["乙"]
    assert slow.components["completion"] == pytest.approx(0.4)  # pace 0.2 ÷ 0.5
    assert scores([row("丙", State.ON_TRACK)])["丙"].components["completion"] == 1.0


def test_missing_reports_earn_no_completion_credit() -> None:
    """缺报 tasks count the policy's ``missing`` credit (0 by default), whatever their last value."""
    assert scores([row("甲", State.MISSING, progress=0.9)])["甲"].components["completion"] == 0.0


def test_tasks_without_a_number_are_scored_by_the_stage_reached() -> None:
    """A task without a number that is behind counts the milestones reached (its progress share)."""
    stages = row("甲", State.BEHIND, progress=1 / 3, elapsed=0.5)  # one of three milestones met
    assert task_credit(stages, load_scoring()) == pytest.approx(2 / 3)  # pace, under the 0.8 cap
    assert scores([stages])["甲"].components["completion"] == pytest.approx((1 / 3) / 0.5)
    reporting = row("乙", State.ON_TRACK, progress=None)  # reporting, nothing to measure: on track
    assert scores([reporting])["乙"].components["completion"] == 1.0


def test_returns_cost_points() -> None:
    """Each 退回 of a reported finish costs the ``returned`` penalty."""
    clean = scores([row("甲")])["甲"].score
    returned = scores([row("甲", returns=2)])["甲"]
    assert returned.returns == 2 and returned.score == pytest.approx((clean or 0) - 2 * 3)


def test_unknown_penalty_names_are_refused_like_unknown_weights() -> None:
    """``returned`` is known; a misspelt penalty (``retruned``) is refused, not silently ignored."""
    with pytest.raises(ValidationError, match="未知的扣分项"):
        parse_scoring({**_default(), "penalties": {"retruned": 10}})
    with pytest.raises(ValidationError, match="未知的分工角色"):
        parse_scoring({**_default(), "roles": {"helper": 1}})


def test_co_units_are_assessed_for_their_share() -> None:
    """配合 units carry the ``co`` share of a task's credit; the lead carries all of it."""
    tasks = [row("甲", State.ON_TRACK, co=("乙",)), row("乙", State.MISSING)]
    board = scores(tasks)
    assert board["乙"].co_tasks == 1 and board["乙"].components["completion"] == pytest.approx(0.3 / 1.3)
    alone = scores(tasks, roles={"lead": 1.0, "co": 0.0})
    assert alone["乙"].components["completion"] == 0.0


def test_ties_rank_as_ties() -> None:
    """Equal scores share a rank and the next rank skips: 1, 2, 2, 4."""
    tasks = [row("甲"), row("乙", State.BEHIND, 0.3), row("丙", State.BEHIND, 0.3), row("丁", State.MISSING)]
    ranked = sorted(scores(tasks).values(), key=lambda s: s.rank or 99)
    assert [(s.unit, s.rank) for s in ranked] == [("甲", 1), ("丙", 2), ("乙", 2), ("丁", 4)]


def test_units_with_no_tasks_are_listed_apart_not_ranked() -> None:
    """A unit with no task in the period has no rank and comes after the ranked units."""
    board = scoreboard([row("乙"), row("甲")], [], load_scoring(), as_of=AS_OF, units=["丙", "甲", "乙"])
    assert sorted((s.unit, s.rank, s.score, s.rating) for s in board[:2]) == [
        ("乙", 1, 100.0, "优秀"),
        ("甲", 1, 100.0, "优秀"),
    ]
    assert (board[2].unit, board[2].rank, board[2].score, board[2].rating) == ("丙", None, None, None)


def test_unit_grades_by_score_bands_and_rewards() -> None:
    """等次 by score bands (优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, else 不合格); 优秀 are commended (通报表扬)
    and 不合格 are named in a 通报 (通报批评)."""
    board = scores([row("甲"), row("乙", State.BEHIND, 0.2), row("丙", State.MISSING)])
    assert (board["甲"].score, board["甲"].rating, board["甲"].outcome) == (100.0, "优秀", COMMENDED)
    assert (board["乙"].score, board["乙"].rating, board["乙"].outcome) == (40.0, "不合格", NAMED)
    assert board["丙"].rating == "不合格"


def test_unit_grades_by_rank_shares() -> None:
    """等次 by rank shares: the top 25 % 优秀, the next 25 % 良好, the rest 合格; under the pass
    mark 不合格."""
    ratings = {"by": "shares", "shares": {"优秀": 0.25, "良好": 0.25}, "pass": 30,
               "commend": ["优秀"], "notice": ["不合格"]}  # fmt: skip
    tasks = [row("甲"), row("乙", State.BEHIND, 0.39), row("丙", State.BEHIND, 0.2), row("丁", State.MISSING)]
    board = scores(tasks, ratings=ratings)
    assert [board[u].rating for u in "甲乙丙丁"] == ["优秀", "良好", "合格", "不合格"]


def test_ratings_rule_is_checked() -> None:
    """The 等次 rule is data, and a malformed rule is refused with one line."""
    shares = {"by": "shares", "shares": {"优秀": 0.8, "良好": 0.4}}
    for bad in ({"by": "votes"}, {"by": "bands", "bands": {"卓越": 95}}, shares):
        with pytest.raises(ValidationError):
            parse_ratings(bad)


def test_the_worked_example_of_docs_scoring_md() -> None:
    """docs/scoring.md: three tasks led (on track, GDP 5.0 behind, 缺报) and one supported (配合, on
    track) give completion (1 + 0.8 + 0 + 0.3) ÷ 3.3, and one 退回 costs 3 points."""
    gdp = row("市发展改革委", State.BEHIND, progress=5.0 / 5.5, elapsed=197 / 366)
    tasks = [row("市发展改革委"), gdp, row("市发展改革委", State.MISSING, returns=1),
             row("市工信局", co=("市发展改革委",))]  # fmt: skip
    unit = scores(tasks)["市发展改革委"]
    assert unit.components["completion"] == pytest.approx(2.1 / 3.3)
    assert unit.returns == 1 and unit.score == pytest.approx(round(100 * 2.1 / 3.3 - 3, 1))
