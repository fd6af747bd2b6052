"""Review or plan: the kind of a part, from its heading, its position and its wording."""

from __future__ import annotations

import re

from luoshi.document import PartKind

YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)年")
REVIEW_TITLE = re.compile(r"回顾|过去|成绩|成就|总结|工作情况|一年来|五年来|以来|取得|进展")
PLAN_TITLE = re.compile(
    r"安排|任务|重点工作|目标|要求|取向|思路|今后|未来|今年(?!以来)|明年|打算|部署|自身建设|展望|计划|举措|建议"
)
# Phrases that open a paragraph about the future (a mixed part turns to its plan here).
FUTURE_LEAD = re.compile(
    r"^.{0,12}(今后|未来|展望|今年|明年|新的一年|“十[四五六七]五”时期是|十[四五六七]五时期是)"
    r"|^.{0,30}(主要预期目标|主要目标|预期目标)(是|为|：|:)"
)
REVIEW_WORDS = re.compile(r"了|一年来|过去|去年|上年|比上年|同比|累计|五年来|取得|实现")
PLAN_WORDS = re.compile(r"要|将|力争|确保|争取|今年|计划|预计|着力|坚持|加快|推动|全力")


def title_kind(title: str) -> PartKind | None:
    """The kind a heading states; None when it states none or both (a mixed part)."""
    review = REVIEW_TITLE.search(title) is not None
    plan = PLAN_TITLE.search(title) is not None
    if review == plan:
        return None
    return PartKind.REVIEW if review else PartKind.PLAN


def is_mixed(title: str) -> bool:
    """A heading that announces both a review and a plan (“十三五”成就和“十四五”目标任务)."""
    return bool(REVIEW_TITLE.search(title) and PLAN_TITLE.search(title))


def word_counts(text: str) -> tuple[int, int]:
    """How many past-tense marks and how many modal and future words ``text`` has."""
    return len(REVIEW_WORDS.findall(text)), len(PLAN_WORDS.findall(text))


def content_kind(text: str) -> PartKind:
    """Kind from wording: past-tense marks against modal and future words."""
    review, plan = word_counts(text)
    return PartKind.REVIEW if review > plan else PartKind.PLAN


def turns_to_plan(paragraph: str) -> bool:
    """Whether a paragraph opens on the future (where a mixed part's plan begins)."""
    return FUTURE_LEAD.search(paragraph[:60]) is not None


def title_year(title: str) -> int | None:
    """The last year a heading names (2023年工作安排 → 2023)."""
    years = YEAR.findall(title)
    return int(years[-1]) if years else None
