"""Clock policies as data: stages with durations, the escalation ladder, the 时序进度 tolerance.

A policy is a YAML file. The built-in ones live in ``luoshi/data/policies/`` (``13710`` is the
default); any other file can be given by path. See ``docs/supervision.md`` for the format.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from luoshi.calendar import Calendar, DayKind, add_months
from luoshi.errors import ValidationError
from luoshi.supervise.items import EventKind, Level

DEFAULT_POLICY = "13710"
E = TypeVar("E", bound=StrEnum)


class TimeUnit(StrEnum):
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    MONTHS = "months"


class Action(StrEnum):
    """Rungs of the escalation ladder."""

    REMINDER = "reminder"  # 催办
    NOTICE = "notice"  # 通报
    ESCALATION = "escalation"  # 提级督办

    @property
    def event(self) -> EventKind:
        return {
            Action.REMINDER: EventKind.REMINDER,
            Action.NOTICE: EventKind.NOTICE,
            Action.ESCALATION: EventKind.ESCALATED,
        }[self]


@dataclass(frozen=True, slots=True)
class Duration:
    amount: int
    unit: TimeUnit

    def after(self, start: date, calendar: Calendar) -> date:
        """The due date: working days counted, or calendar days and months rolled past days off."""
        if self.unit is TimeUnit.MONTHS:
            return calendar.roll_forward(add_months(start, self.amount))
        kind = DayKind.WORKING if self.unit is TimeUnit.WORKING_DAYS else DayKind.CALENDAR
        return calendar.add_days(start, self.amount, kind)

    def __str__(self) -> str:
        names = {TimeUnit.WORKING_DAYS: "个工作日", TimeUnit.CALENDAR_DAYS: "天", TimeUnit.MONTHS: "个月"}
        return f"{self.amount}{names[self.unit]}"


@dataclass(frozen=True, slots=True)
class Stage:
    """A step on the response clock: due ``within`` after the item is raised (or returned)."""

    key: str
    label: str
    within: Duration
    done_by: frozenset[EventKind]
    levels: frozenset[Level]  # which item levels the stage applies to


@dataclass(frozen=True, slots=True)
class Rung:
    """Ladder step: take ``action`` once a stage is overdue by ``after`` days; tell ``notify``."""

    action: Action
    label: str
    after: int
    notify: tuple[str, ...]  # roles: lead, co, office, leader


@dataclass(frozen=True, slots=True)
class Policy:
    name: str
    title: str
    stages: tuple[Stage, ...]
    ladder: tuple[Rung, ...]
    ladder_days: DayKind  # how "overdue by N days" is counted
    rework: Duration  # time to redo after a closure is returned
    tolerance: float  # 时序进度: behind when progress share < elapsed share − tolerance
    due_soon: int  # yellow when a stage is due within this many days (ladder_days)
    missing_after: int = 2  # 缺报: a task that missed this many of its latest reports in a row

    def stages_for(self, level: Level) -> tuple[Stage, ...]:
        return tuple(s for s in self.stages if level in s.levels)


def load_policy(name_or_path: str | Path = DEFAULT_POLICY) -> Policy:
    """A built-in policy by name (``13710``, ``13710-calendar``) or a YAML file by path."""
    import yaml

    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml"):
        if not path.is_file():
            raise ValidationError(f"找不到督办规则文件：{path}")
        text = path.read_text(encoding="utf-8")
    else:
        builtin = resources.files("luoshi") / "data" / "policies" / f"{name_or_path}.yaml"
        if not builtin.is_file():
            raise ValidationError(f"没有名为 {name_or_path} 的督办规则")
        text = builtin.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ValidationError(f"督办规则不是有效的 YAML：{exc}".splitlines()[0]) from None
    return parse_policy(data)


def parse_policy(data: Any) -> Policy:
    """Build a policy from parsed YAML, refusing anything malformed with one clear line."""
    if not isinstance(data, dict):
        raise ValidationError("督办规则须为映射（name, stages, ladder …）")
    name = str(_need(data, "name"))
    stages = tuple(_stage(s) for s in _list(data, "stages"))
    if not stages:
        raise ValidationError("督办规则至少要有一个阶段")
    ladder = tuple(sorted((_rung(r) for r in data.get("ladder") or []), key=lambda r: r.after))
    tolerance = float(data.get("tolerance", 0.05))
    if not 0 <= tolerance < 1:
        raise ValidationError("tolerance 须在 0 到 1 之间")
    return Policy(
        name=name,
        title=str(data.get("title", name)),
        stages=stages,
        ladder=ladder,
        ladder_days=_enum(DayKind, data.get("ladder_days", "working"), "ladder_days"),
        rework=_duration(data.get("rework", "7 working_days"), "rework"),
        tolerance=tolerance,
        due_soon=int(data.get("due_soon", 1)),
        missing_after=_missing_after(data.get("missing_after", 2)),
    )


def _missing_after(raw: Any) -> int:
    if not isinstance(raw, int) or isinstance(raw, bool) or raw < 1:
        raise ValidationError("missing_after 须为不小于 1 的整数（连续几期未报送即为缺报）")
    return raw


def _stage(raw: Any) -> Stage:
    if not isinstance(raw, dict):
        raise ValidationError("stages 的每一项须为映射")
    key = str(_need(raw, "key"))
    done_by = raw.get("done_by")
    kinds = done_by if isinstance(done_by, list) else [done_by]
    levels = raw.get("levels") or [level.value for level in Level]
    return Stage(
        key=key,
        label=str(raw.get("label", key)),
        within=_duration(_need(raw, "within"), f"stages.{key}.within"),
        done_by=frozenset(_enum(EventKind, k, f"stages.{key}.done_by") for k in kinds),
        levels=frozenset(_enum(Level, v, f"stages.{key}.levels") for v in levels),
    )


def _rung(raw: Any) -> Rung:
    if not isinstance(raw, dict):
        raise ValidationError("ladder 的每一项须为映射")
    action = _enum(Action, _need(raw, "action"), "ladder.action")
    after = int(raw.get("after", 0))
    if after < 0:
        raise ValidationError("ladder.after 不能为负数")
    notify = raw.get("notify") or ["lead"]
    bad = set(notify) - {"lead", "co", "office", "leader"}
    if bad:
        raise ValidationError(f"ladder.notify 只能是 lead/co/office/leader，不能是 {sorted(bad)}")
    return Rung(action, str(raw.get("label", action.value)), after, tuple(notify))


def _duration(raw: Any, where: str) -> Duration:
    """``"3 working_days"``, ``"7 calendar_days"``, ``"1 months"`` (or a mapping amount/unit)."""
    if isinstance(raw, dict):
        amount, unit = raw.get("amount"), raw.get("unit")
    else:
        amount, _, unit = str(raw).strip().partition(" ")
    try:
        value = int(str(amount))
    except ValueError:
        raise ValidationError(f"{where} 的时长写法不对：{raw!r}（例：3 working_days）") from None
    if value < 0:
        raise ValidationError(f"{where} 的时长不能为负数")
    return Duration(value, _enum(TimeUnit, str(unit).strip(), where))


def _enum(enum: type[E], raw: Any, where: str) -> E:
    try:
        return enum(str(raw))
    except ValueError:
        allowed = "/".join(e.value for e in enum)
        raise ValidationError(f"{where} 的值 {raw!r} 无效（可选：{allowed}）") from None


def _need(data: dict[str, Any], key: str) -> Any:
    if data.get(key) in (None, ""):
        raise ValidationError(f"督办规则缺少 {key}")
    return data[key]


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise ValidationError(f"{key} 须为列表")
    return value
