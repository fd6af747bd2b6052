from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from luoshi.supervise.status import (
    Colour,
    Measure,
    ProgressPoint,
    State,
    TaskFacts,
    TaskMilestone,
    elapsed_share,
    month_ends,
    report_timeliness,
    task_status,
)

YEAR = TaskFacts(start=date(2023, 1, 1), deadline=date(2023, 12, 31), target=100.0)


def with_reports(*points: ProgressPoint, facts: TaskFacts = YEAR) -> TaskFacts:
    return replace(facts, reports=points)


def test_elapsed_share_counts_whole_days() -> None:
    assert elapsed_share(date(2023, 1, 1), date(2023, 12, 31), date(2022, 12, 1)) == 0
    assert elapsed_share(date(2023, 1, 1), date(2023, 12, 31), date(2023, 12, 31)) == 1
    assert elapsed_share(date(2023, 1, 1), date(2023, 12, 31), date(2023, 7, 2)) == pytest.approx(
        0.5, abs=0.01
    )


@pytest.mark.parametrize(
    ("value", "as_of", "state", "colour"),
    [
        (None, date(2023, 1, 10), State.NOT_STARTED, Colour.GREEN),  # nothing yet, within tolerance
        (None, date(2023, 3, 1), State.BEHIND, Colour.YELLOW),  # nothing while 16 % of the year is gone
        (50.0, date(2023, 6, 30), State.ON_TRACK, Colour.GREEN),  # 50 % vs 49.6 % elapsed
        (46.0, date(2023, 6, 30), State.ON_TRACK, Colour.GREEN),  # within the 5-point tolerance
        (40.0, date(2023, 6, 30), State.BEHIND, Colour.YELLOW),  # 时序进度 lag of ~10 points
        (100.0, date(2023, 6, 30), State.DONE, Colour.GREEN),
        (90.0, date(2024, 1, 5), State.OVERDUE, Colour.RED),
    ],
)
def test_numeric_task_status(value: float | None, as_of: date, state: State, colour: Colour) -> None:
    points = () if value is None else (ProgressPoint(min(as_of, date(2023, 6, 30)), value=value),)
    status = task_status(with_reports(*points), as_of, tolerance=0.05)
    assert (status.state, status.colour) == (state, colour)


def test_reports_after_the_as_of_date_are_not_seen() -> None:
    facts = with_reports(
        ProgressPoint(date(2023, 3, 31), value=30), ProgressPoint(date(2023, 9, 30), value=100)
    )
    assert task_status(facts, date(2023, 6, 30)).state is State.BEHIND
    assert task_status(facts, date(2023, 10, 1)).state is State.DONE
    assert task_status(facts, date(2023, 10, 1)).done_on == date(2023, 9, 30)


def test_overdue_days_and_closure() -> None:
    facts = with_reports(ProgressPoint(date(2023, 11, 30), value=80))
    assert task_status(facts, date(2024, 1, 10)).overdue_days == 10
    closed = replace(facts, closed_on=date(2024, 1, 20))
    assert task_status(closed, date(2024, 1, 20)).state is State.CLOSED
    assert task_status(closed, date(2024, 1, 19)).state is State.OVERDUE


def test_a_target_to_bring_down() -> None:
    facts = TaskFacts(date(2023, 1, 1), date(2023, 12, 31), target=80.0, baseline=100.0)
    half = with_reports(ProgressPoint(date(2023, 6, 30), value=90), facts=facts)
    assert task_status(half, date(2023, 6, 30)).progress == pytest.approx(0.5)
    assert task_status(
        with_reports(ProgressPoint(date(2023, 8, 1), value=79), facts=facts), date(2023, 8, 1)
    ).state is (State.DONE)


def test_tasks_without_a_number_use_milestones() -> None:
    milestones = (
        TaskMilestone("完成可研", date(2023, 3, 31), done_on=date(2023, 3, 20)),
        TaskMilestone("开工建设", date(2023, 6, 30)),
        TaskMilestone("竣工投产", date(2023, 12, 31)),
    )
    facts = TaskFacts(date(2023, 1, 1), date(2023, 12, 31), milestones=milestones)
    reported = with_reports(ProgressPoint(date(2023, 4, 5), percent=10), facts=facts)
    assert task_status(reported, date(2023, 5, 1)).state is State.ON_TRACK
    assert task_status(reported, date(2023, 5, 1)).progress == pytest.approx(1 / 3)
    assert task_status(reported, date(2023, 7, 1)).state is State.BEHIND  # 开工 missed


def test_tasks_without_a_number_or_milestones_use_reports() -> None:
    facts = TaskFacts(
        date(2023, 1, 1), date(2023, 12, 31), report_due=month_ends(date(2023, 1, 1), date(2023, 12, 31))
    )
    monthly = with_reports(ProgressPoint(date(2023, 1, 30)), ProgressPoint(date(2023, 2, 27)), facts=facts)
    assert task_status(monthly, date(2023, 3, 15)).state is State.ON_TRACK
    status = task_status(monthly, date(2023, 4, 2))  # March report missing
    assert status.state is State.BEHIND
    assert status.missed_reports == (date(2023, 3, 31),)
    done = with_reports(ProgressPoint(date(2023, 1, 30), percent=100), facts=facts)
    assert task_status(done, date(2023, 2, 1)).state is State.DONE


def test_report_timeliness_tells_on_time_late_and_missing() -> None:
    dues = (date(2023, 1, 31), date(2023, 2, 28), date(2023, 3, 31))
    reports = [date(2023, 1, 20), date(2023, 3, 3), date(2023, 3, 3)]
    assert report_timeliness(dues, reports, date(2023, 4, 30)) == [
        (date(2023, 1, 31), date(2023, 1, 20)),
        (date(2023, 2, 28), date(2023, 3, 3)),  # late but in
        (date(2023, 3, 31), date(2023, 3, 3)),  # the second report that day answers March
    ]
    assert report_timeliness(dues, [date(2023, 4, 2)], date(2023, 4, 30))[:2] == [
        (date(2023, 1, 31), None),
        (date(2023, 2, 28), None),
    ]


def test_month_ends_with_a_due_day() -> None:
    assert month_ends(date(2023, 1, 1), date(2023, 3, 31)) == (
        date(2023, 1, 31),
        date(2023, 2, 28),
        date(2023, 3, 31),
    )
    assert month_ends(date(2023, 1, 10), date(2023, 3, 31), day=5) == (date(2023, 2, 5), date(2023, 3, 5))


def test_rate_targets_compare_the_rate_not_the_clock() -> None:
    growth = TaskFacts(date(2023, 1, 1), date(2023, 12, 31), target=6.0, measure=Measure.RATE)
    assert task_status(
        with_reports(ProgressPoint(date(2023, 3, 31), value=6.2), facts=growth), date(2023, 4, 1)
    ).state is (
        State.ON_TRACK  # reaching 6 % in March is not "done" for a growth rate
    )
    slow = with_reports(ProgressPoint(date(2023, 3, 31), value=4.8), facts=growth)
    assert task_status(slow, date(2023, 4, 1)).state is State.BEHIND


def test_ceiling_targets_are_behind_only_above_the_limit() -> None:
    ceiling = TaskFacts(date(2023, 1, 1), date(2023, 12, 31), target=35.0, measure=Measure.CEILING)
    under = with_reports(ProgressPoint(date(2023, 6, 30), value=33.0), facts=ceiling)
    over = with_reports(ProgressPoint(date(2023, 6, 30), value=38.0), facts=ceiling)
    assert task_status(under, date(2023, 7, 1)).state is State.ON_TRACK
    assert task_status(over, date(2023, 7, 1)).state is State.BEHIND


def test_reports_answering_known_periods_are_matched_exactly() -> None:
    facts = TaskFacts(
        date(2023, 1, 1),
        date(2023, 12, 31),
        report_due=(date(2023, 2, 5), date(2023, 3, 5)),
        reports=(ProgressPoint(date(2023, 3, 1), percent=20, answers=date(2023, 3, 5)),),
    )
    assert task_status(facts, date(2023, 3, 10)).missed_reports == (date(2023, 2, 5),)


def test_a_return_voids_earlier_finishes_until_a_new_report() -> None:
    done = ProgressPoint(date(2023, 6, 5), value=50, done=True, seq=7)
    facts = TaskFacts(date(2023, 1, 1), date(2023, 12, 31), target=100, reports=(done,))
    returned = replace(facts, returned_on=date(2023, 6, 10), returned_after=7)
    assert task_status(returned, date(2023, 6, 9)).state is State.DONE  # before the return
    after = task_status(returned, date(2023, 6, 10))
    assert (after.state, after.colour, after.returned_on) == (
        State.ON_TRACK,
        Colour.YELLOW,
        date(2023, 6, 10),
    )
    late = task_status(returned, date(2024, 1, 3))
    assert (late.state, late.colour, late.returned_on) == (State.OVERDUE, Colour.RED, date(2023, 6, 10))
    again = replace(returned, reports=(done, ProgressPoint(date(2023, 6, 10), value=55, seq=8)))
    answered = task_status(again, date(2023, 6, 12))
    assert (answered.state, answered.colour, answered.returned_on) == (State.ON_TRACK, Colour.GREEN, None)
    finished = replace(again, reports=(*again.reports, ProgressPoint(date(2023, 6, 20), done=True, seq=9)))
    assert task_status(finished, date(2023, 6, 20)).state is State.DONE
