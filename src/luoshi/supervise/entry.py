"""Progress is entered and shown in the unit the report wrote (:class:`EntryUnit`).

The ledger keeps a target in base units (1100万人 is 11,000,000 人), but a unit reports the way the
report wrote it: against 1100万人 it types 654, meaning 654万人. A reduction target (降低3%, stored
−3) is entered as the fall: 3.5 means "fell 3.5 %" and is stored −3.5. A value whose magnitude is
implausible for the target is refused with one line, before anything is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from luoshi.errors import ValidationError
from luoshi.extract.measures import MAGNITUDES

TOO_LARGE = 20.0  # an entry over 20 × the target is a unit slip (typed 人 against 万人)
TOO_SMALL = 1e-3  # a non-zero entry under 1/1000 of the target is one too
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(" + "|".join(sorted(MAGNITUDES, key=len, reverse=True)) + ")?")


@dataclass(frozen=True, slots=True)
class EntryUnit:
    """How a task's progress is typed: in ``label`` (×``scale`` base units), as a fall if ``fall``."""

    label: str
    scale: float = 1.0
    fall: bool = False

    def stored(self, typed: float) -> float:
        """The ledger's value for what the unit typed."""
        return (-typed if self.fall else typed) * self.scale

    def shown(self, stored: float | None) -> float | None:
        """A ledger value as the unit typed it."""
        if stored is None:
            return None
        value = stored / self.scale
        return -value if self.fall else value

    @property
    def prompt(self) -> str:
        """What the form and the CLI ask for: 完成值（万人） or 下降幅度（%）."""
        return f"{'下降幅度' if self.fall else '完成值'}（{self.label}）" if self.label else "完成值"


def entry_unit(target: float | None, unit: str | None, written: str | None = None) -> EntryUnit:
    """The unit a task's progress is typed in, from its target as the report wrote it."""
    label = unit or ""
    fall = target is not None and target < 0
    match = _NUMBER.search(written or "")
    if target is None or match is None or match.group(2) is None or label.startswith(match.group(2)):
        return EntryUnit(label, 1.0, fall)
    scale = MAGNITUDES[match.group(2)]
    if abs(float(match.group(1)) * scale - abs(target)) > 1e-6 * abs(target):
        return EntryUnit(label, 1.0, fall)  # the text does not state this target: keep base units
    return EntryUnit(match.group(2) + label, scale, fall)


def check_magnitude(typed: float, stored: float, target: float | None, entry: EntryUnit) -> None:
    """Refuse a value far out of scale with the target (nothing is stored)."""
    if not target or not stored:
        return
    ratio = abs(stored) / abs(target)
    if ratio > TOO_LARGE or ratio < TOO_SMALL:
        goal = f"{abs(entry.shown(target) or 0):g}{entry.label}"
        raise ValidationError(
            f"数值 {typed:g} 与目标 {goal} 的量级不符：请按“{entry.label or '目标单位'}”填写"
        )
