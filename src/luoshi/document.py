"""The data that flows between the reading stages.

Every stage is a plain function over these types. Spans come in two coordinate systems:

* ``clean`` offsets index :attr:`Text.clean` (debris removed, simplified script); stages work here.
* ``start``/``end`` on :class:`Quantity` and :class:`Task` index :attr:`Text.original`, the text as
  read from the file (for HTML/DOCX/PDF: the text layer the reader extracted). They are filled by
  :meth:`Text.to_original` when the items leave the pipeline, so a reader can always be shown
  the exact source: ``text.original[q.start:q.end]``.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from dataclasses import asdict, dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class PartKind(StrEnum):
    """What a top-level part of a report does."""

    REVIEW = "review"  # what was achieved (past year / past period)
    PLAN = "plan"  # what will be done (targets and tasks)
    APPENDIX = "appendix"  # after the report: a glossary (名词解释) — neither, no targets or tasks


class Metric(StrEnum):
    LEVEL = "level"  # a stock or flow amount: 1012.9亿元, 6898万吨
    GROWTH = "growth"  # 增长/下降 X%, 增长2倍
    SHARE = "share"  # 占比/比重/率 X%
    COUNT = "count"  # N 个/家/座/所/项/人
    CHANGE = "change"  # 提高/增加 X (absolute change, 百分点)
    RANK = "rank"  # 第N
    OTHER = "other"  # gaps to a benchmark, streaks, ratios


class Modifier(StrEnum):
    ABOUT = "about"  # 左右, 约, 近
    AT_LEAST = "at_least"  # 以上, 不低于, 不少于, 超过, 余, 多
    AT_MOST = "at_most"  # 以内, 以下, 不超过, 控制在…以内
    EXACT = "exact"
    RANGE = "range"  # A—B: value is the low end, value_high the high end


@dataclass(frozen=True, slots=True)
class Text:
    """A report's text: as read, and cleaned + simplified, with an offset map between them.

    ``index[i]`` is the original offset of clean character ``i``; ``index[len(clean)]`` is
    ``len(original)`` so that end offsets map too.
    """

    original: str
    clean: str
    index: array[int]

    @classmethod
    def identity(cls, original: str) -> Text:
        """A text that needs no cleaning (clean == original)."""
        return cls(original, original, array("l", range(len(original) + 1)))

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean span ``[start, end)`` to the original text."""
        if start >= end:
            pos = self.index[start]
            return pos, pos
        return self.index[start], self.index[end - 1] + 1

    def to_clean(self, start: int, end: int) -> tuple[int, int]:
        """Map an original span ``[start, end)`` to the clean text (removed debris falls away)."""
        last = len(self.clean)
        a = bisect_left(self.index, start, 0, last)
        return a, max(a, bisect_left(self.index, end, 0, last))


@dataclass(frozen=True, slots=True)
class Span:
    """A span of the clean text."""

    start: int
    end: int


# A clause: from its first to its last character that is neither whitespace nor a clause mark
# (，,：:; str.isspace and \s agree on every code point). segment.text splits by it too.
CLAUSE_SPAN = re.compile(r"[^\s，,：:](?:[^，,：:]*[^\s，,：:])?")


@dataclass(slots=True)
class Clause:
    """A piece of a sentence between commas or colons (:data:`CLAUSE_SPAN`)."""

    start: int
    end: int
    text: str


def split_clauses(text: str, start: int, end: int, *, offset: int = 0) -> list[Clause]:
    """Clauses of ``text[start:end]``: between ，,：: (half- and full-width), each trimmed of
    whitespace, empty ones dropped; ``offset`` is added to their spans."""
    return [
        Clause(m.start() + offset, m.end() + offset, m.group())
        for m in CLAUSE_SPAN.finditer(text, start, end)
    ]


@dataclass(slots=True)
class Sentence:
    """Text between 。；！？ or a line break (the unit quantities quote as ``sentence``)."""

    start: int
    end: int
    text: str
    _clauses: list[Clause] | None = field(default=None, repr=False, compare=False)

    @property
    def clauses(self) -> list[Clause]:
        """Its clauses (clean offsets), split on first use: most sentences state no number and
        are never read clause by clause."""
        if self._clauses is None:
            self._clauses = split_clauses(self.text, 0, len(self.text), offset=self.start)
        return self._clauses


@dataclass(slots=True)
class Paragraph:
    start: int
    end: int
    text: str
    theme: str | None = None  # a lead sentence such as "推动能源产业绿色低碳转型"
    headline_targets: bool = False  # the 主要预期目标 paragraph
    sentences: list[Sentence] = field(default_factory=list)


@dataclass(slots=True)
class Section:
    """A numbered section inside a part: (一)…(十)."""

    number: int
    title: str
    start: int
    end: int
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass(slots=True)
class Part:
    """A top-level part: 一、二、三、 with its review/plan kind (or an appendix after the report)."""

    number: int
    title: str
    kind: PartKind
    year: int | None
    start: int
    end: int
    sections: list[Section] = field(default_factory=list)


@dataclass(slots=True)
class ReportMeta:
    title: str | None = None
    date: date | None = None  # the day it was delivered
    speaker: str | None = None
    region: str | None = None
    level: str | None = None  # national | province | city | county
    year: int | None = None  # the year of the plan part
    source: str | None = None  # file path or URL
    sha256: str | None = None  # of the original text
    format: str | None = None  # txt | html | docx | pdf


@dataclass(slots=True)
class Quantity:
    """One number the report states, with what it measures."""

    part: PartKind
    section: str | None
    indicator: str
    metric: Metric
    value: float
    unit: str
    modifier: Modifier
    sentence: str
    start: int  # original offsets of the number as written (with its unit)
    end: int
    value_high: float | None = None
    year: int | None = None
    deadline: date | None = None
    places: list[str] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    theme: str | None = None
    headline_target: bool = False
    text: str = ""  # the number as written, simplified ("4万余户")

    def to_dict(self) -> dict[str, Any]:
        return dict(json_ready(asdict(self)))


@dataclass(slots=True)
class Task:
    """A plan clause that commits to an action (a future ledger row)."""

    text: str
    part: PartKind
    section: str | None
    theme: str | None
    verb: str
    start: int  # original offsets of the clause
    end: int
    deadline: date | None = None
    quantities: list[int] = field(default_factory=list)  # indexes into Report.quantities
    places: list[str] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(json_ready(asdict(self)))


@dataclass(slots=True)
class Report:
    """A read report: its text, structure, quantities and tasks."""

    meta: ReportMeta
    text: Text
    parts: list[Part] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)

    def meta_dict(self) -> dict[str, Any]:
        return dict(json_ready(asdict(self.meta)))


def json_ready(value: Any) -> Any:
    """Make dataclass dicts JSON-ready: enums → str, dates → ISO."""
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_ready(v) for v in value]
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value
