from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from luoshi.calendar import Calendar, DayKind
from luoshi.errors import ValidationError
from luoshi.supervise.items import EventKind, Level
from luoshi.supervise.policy import Action, Duration, TimeUnit, load_policy, parse_policy


def test_default_policy_is_13710_in_working_days() -> None:
    policy = load_policy()
    assert policy.name == "13710"
    ordinary = {s.key: s.within for s in policy.stages_for(Level.ORDINARY)}
    assert ordinary == {
        "deploy": Duration(1, TimeUnit.WORKING_DAYS),
        "respond": Duration(3, TimeUnit.WORKING_DAYS),
        "settle": Duration(7, TimeUnit.WORKING_DAYS),
    }
    major = {s.key: s for s in policy.stages_for(Level.MAJOR)}
    assert major["settle"].within == Duration(1, TimeUnit.MONTHS)
    assert major["settle"].done_by == {EventKind.RESOLVED, EventKind.TIMETABLE_FILED}
    assert [r.action for r in policy.ladder] == [Action.REMINDER, Action.NOTICE, Action.ESCALATION]
    assert "leader" in policy.ladder[-1].notify
    assert policy.ladder_days is DayKind.WORKING
    assert 0 < policy.tolerance < 0.2


def test_calendar_variant_counts_calendar_days() -> None:
    policy = load_policy("13710-calendar")
    deploy = policy.stages[0]
    assert deploy.within.after(date(2023, 3, 2), Calendar()) == date(2023, 3, 3)
    assert deploy.within.after(date(2023, 1, 20), Calendar()) == date(2023, 1, 28)  # 1-21 is 春节: rolled
    assert load_policy().stages[0].within.after(date(2023, 1, 20), Calendar()) == date(2023, 1, 28)
    assert policy.ladder_days is DayKind.CALENDAR


def test_policy_from_a_file(tmp_path: Path) -> None:
    data: dict[str, Any] = {
        "name": "fast",
        "stages": [{"key": "respond", "within": "2 calendar_days", "done_by": "responded"}],
        "ladder": [{"action": "notice", "after": 2}, {"action": "reminder", "after": 0}],
        "tolerance": 0.1,
    }
    path = tmp_path / "fast.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    policy = load_policy(path)
    assert policy.name == "fast"
    assert [r.action for r in policy.ladder] == [Action.REMINDER, Action.NOTICE]  # sorted by after
    assert policy.tolerance == 0.1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"stages": []}, "至少要有一个阶段"),
        ({"stages": [{"key": "x", "within": "3 weeks", "done_by": "responded"}]}, "weeks"),
        ({"stages": [{"key": "x", "within": "three working_days", "done_by": "responded"}]}, "时长写法"),
        ({"stages": [{"key": "x", "within": "3 working_days", "done_by": "smiled"}]}, "smiled"),
        ({"ladder": [{"action": "scold"}]}, "scold"),
        ({"ladder": [{"action": "notice", "notify": ["mayor"]}]}, "mayor"),
        ({"tolerance": 2}, "tolerance"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_policies_are_refused_in_one_line(change: dict[str, Any], message: str) -> None:
    data: dict[str, Any] = {
        "name": "p",
        "stages": [{"key": "respond", "within": "3 working_days", "done_by": "responded"}],
    }
    data.update(change)
    with pytest.raises(ValidationError, match=message) as info:
        parse_policy(data)
    assert "\n" not in str(info.value)


def test_unknown_policy_names_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="没有名为"):
        load_policy("nope")
    with pytest.raises(ValidationError, match="找不到"):
        load_policy(tmp_path / "missing.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: [unclosed", encoding="utf-8")
    with pytest.raises(ValidationError, match="YAML"):
        load_policy(broken)
