"""Review or plan, by weighing evidence: each clue adds to a score, and every clue is named.

A positive score is a plan, a negative one a review. The clues, strongest first:

| clue | weight |
|---|---|
| the part is one side of a mixed part split where its text turned to the future | ±6 |
| the heading names a year before the plan year (2022年工作回顾 in a 2023 report) | −5 |
| the heading names the plan year or a later one (2023年工作安排, 2035年远景目标) | +3 |
| the heading's words (回顾/成就/以来 against 安排/任务/目标/要求) | ±4 |
| the part holds the headline-targets sentence (主要预期目标是) | +3 |
| a plan part came before (自身建设 after the plan is plan too) | +2 |
| the wording: past marks (了/同比/一年来) against modal and future words (要/将/力争) | ±1 |

A score of zero is a plan: a report's text is about the work to do unless it says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from luoshi.document import PartKind
from luoshi.segment import kinds

SPLIT, YEAR_BEFORE, YEAR_PLAN, WORDS, HEADLINE, AFTER_PLAN, WORDING = 6, -5, 3, 4, 3, 2, 1


@dataclass(slots=True)
class Verdict:
    """The kind decided for one part, and the clues that decided it."""

    kind: PartKind = PartKind.PLAN
    score: int = 0
    clues: list[str] = field(default_factory=list)

    def add(self, weight: int, clue: str) -> None:
        self.score += weight
        self.clues.append(f"{weight:+d} {clue}")


def weigh(
    title: str,
    body: str,
    *,
    split: PartKind | None,
    plan_year: int | None,
    plan_before: bool,
    headline: bool,
) -> Verdict:
    """The kind of a part with heading ``title`` and text ``body``."""
    v = Verdict()
    if split is not None:
        v.add(
            SPLIT if split is PartKind.PLAN else -SPLIT,
            "分拆：正文在此转向今后" if split is PartKind.PLAN else "分拆：转向今后之前的回顾",
        )
    year = kinds.title_year(title)
    if year is not None and plan_year is not None:
        if year < plan_year:
            v.add(YEAR_BEFORE, f"标题年份 {year} 早于计划年份 {plan_year}")
        else:
            v.add(YEAR_PLAN, f"标题年份 {year} 不早于计划年份 {plan_year}")
    stated = kinds.title_kind(title)
    if stated is not None:
        word = (kinds.REVIEW_TITLE if stated is PartKind.REVIEW else kinds.PLAN_TITLE).search(title)
        said = word.group() if word else ""
        v.add(WORDS if stated is PartKind.PLAN else -WORDS, f"标题词“{said}”")
    if headline:
        v.add(HEADLINE, "含主要预期目标句")
    if plan_before:
        v.add(AFTER_PLAN, "前面已有计划部分")
    review, plan = kinds.word_counts(body)
    if review != plan:
        v.add(WORDING if plan > review else -WORDING, f"用词：过去 {review} 处，今后 {plan} 处")
    v.kind = PartKind.REVIEW if v.score < 0 else PartKind.PLAN
    return v
