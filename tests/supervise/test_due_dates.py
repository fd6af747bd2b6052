"""Due dates that land on a day off roll to the next working day (民法典 第二百零三条) — fixed points."""

from __future__ import annotations

from datetime import date

from luoshi.supervise.items import EventKind, ItemEvent, ItemFacts, Level
from luoshi.supervise.policy import load_policy
from luoshi.supervise.stages import item_clock, item_status


def raised(on: date, level: Level = Level.ORDINARY) -> ItemFacts:
    return ItemFacts(level, on, (ItemEvent(EventKind.RAISED, on),))


def test_major_item_raised_on_1_september_is_due_after_national_day() -> None:
    """A month from 2023-09-01 is 10-01 (国庆节): the item is due on 10-07, the make-up Saturday."""
    settle = {
        s.key: s for s in item_clock(raised(date(2023, 9, 1), Level.MAJOR), load_policy(), date(2023, 10, 7))
    }
    assert settle["settle"].due == date(2023, 10, 7)
    assert settle["settle"].overdue == 0  # not counted a day late on 10-07


def test_calendar_day_policy_rolls_a_seven_day_stage_past_the_holiday() -> None:
    """13710-calendar: 7 days from 2023-09-25 is 10-02 (holiday) → due 10-07, not 5 days late then."""
    policy = load_policy("13710-calendar")
    stages = {s.key: s for s in item_clock(raised(date(2023, 9, 25)), policy, date(2023, 10, 7))}
    assert stages["settle"].due == date(2023, 10, 7)
    assert stages["settle"].overdue == 0


def test_a_stage_due_on_a_working_day_does_not_move() -> None:
    policy = load_policy("13710-calendar")
    stages = {s.key: s.due for s in item_clock(raised(date(2023, 3, 1)), policy, date(2023, 3, 1))}
    assert stages == {"deploy": date(2023, 3, 2), "respond": date(2023, 3, 6), "settle": date(2023, 3, 8)}


def test_an_item_raised_at_the_end_of_a_known_year_gets_due_dates_in_an_unknown_one() -> None:
    """Raised 2026-12-28: its 7-working-day stage lands in 2027 (estimated), never an error."""
    status = item_status(raised(date(2026, 12, 28)), load_policy(), date(2027, 3, 1))
    settle = next(s for s in status.stages if s.key == "settle")
    assert settle.due == date(2027, 1, 7)  # 12-29, 30, 31, 1-4, 5, 6, 7 (1-1 元旦, weekend 1-2/3)
    assert status.overdue > 0
