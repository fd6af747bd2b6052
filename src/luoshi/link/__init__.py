"""Stage: link — targets of one year against the outcomes the next year's report states.

Public surface: :func:`load_vocabulary`, :func:`best_match`, :func:`judge`, :func:`link_targets`,
:func:`scorecard`, :func:`entered_outcome`, :func:`targets_not_set`.
"""

from __future__ import annotations

from luoshi.link.card import Line, Scorecard
from luoshi.link.match import Match, best_match
from luoshi.link.notset import NotSet, targets_not_set
from luoshi.link.outcomes import entered_outcome, lines_by_quantity, link_targets
from luoshi.link.scorecard import scorecard, scorecards
from luoshi.link.verdict import Judgement, Status, judge
from luoshi.link.vocabulary import Direction, Indicator, Vocabulary, load_vocabulary

__all__ = [
    "Direction",
    "Indicator",
    "Judgement",
    "Line",
    "Match",
    "NotSet",
    "Scorecard",
    "Status",
    "Vocabulary",
    "best_match",
    "entered_outcome",
    "judge",
    "lines_by_quantity",
    "link_targets",
    "load_vocabulary",
    "scorecard",
    "scorecards",
    "targets_not_set",
]
