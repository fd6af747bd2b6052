"""Targets against outcomes, as pure functions over quantity lists.

:func:`link_targets` pairs each target with the outcome a list states (and with last year's actual,
for ambition) and judges it; :func:`entered_outcome` makes an outcome a user keys in;
:func:`lines_by_quantity` tells a ledger task its verdict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from luoshi.document import Metric, Modifier, PartKind, Quantity, Report
from luoshi.errors import ValidationError
from luoshi.link.card import Line, Scorecard
from luoshi.link.match import Match, best_match
from luoshi.link.verdict import Status, judge
from luoshi.link.vocabulary import Direction, Vocabulary


def display_name(q: Quantity, vocab: Vocabulary) -> str:
    entry = vocab.canonical(q.indicator)
    return entry.name if entry is not None else q.indicator


def link_targets(
    targets: Sequence[Quantity],
    outcomes: Sequence[Quantity] | None,
    vocab: Vocabulary,
    *,
    year: int | None = None,
    previous: Sequence[Quantity] = (),
    entered: Sequence[Quantity] = (),
) -> list[Line]:
    """A line per target: the matching outcome (when ``outcomes`` is given) and verdict, and the
    matching actual among ``previous`` (last year's review, for ambition). Where the outcomes state
    none, an ``entered`` outcome (one a user keyed in, its source in ``sentence``) stands in."""
    lines: list[Line] = []
    last_year = year - 1 if year is not None else None
    for target in _distinct(targets, vocab):
        direction = vocab.direction(target.indicator, target.metric.value)
        prev = best_match(target, previous, vocab, year=last_year) if previous else None
        found = best_match(target, outcomes, vocab, year=year) if outcomes else None
        if found is None and entered:
            found = best_match(target, entered, vocab, year=year)
            if found is not None:
                found = replace(found, reason=f"用户录入的实际数；{found.reason}")
        judged = outcomes is not None or bool(entered)
        lines.append(_line(target, found, prev, direction, vocab, judged))
    return lines


def entered_outcome(
    indicator: str,
    value: float,
    unit: str,
    *,
    metric: Metric,
    source: str,
    year: int | None = None,
    modifier: Modifier = Modifier.EXACT,
) -> Quantity:
    """An outcome a user enters where no report states it; ``source`` says where it comes from
    (统计公报, 部门报送 …) and is shown as its sentence."""
    if not source.strip():
        raise ValidationError("录入实际数须注明来源")
    return Quantity(
        part=PartKind.REVIEW,
        section=None,
        indicator=indicator,
        metric=metric,
        value=value,
        unit=unit,
        modifier=modifier,
        sentence=source.strip(),
        start=0,
        end=0,
        year=year,
    )


def _target_key(t: Quantity, vocab: Vocabulary) -> tuple[str, str, float, float | None, str, str]:
    return (display_name(t, vocab), t.metric.value, t.value, t.value_high, t.unit, t.modifier.value)


def _distinct(targets: Sequence[Quantity], vocab: Vocabulary) -> list[Quantity]:
    """Targets without restatements (the same figure for the same indicator stated twice)."""
    seen: set[tuple[str, str, float, float | None, str, str]] = set()
    kept = []
    for t in targets:
        key = _target_key(t, vocab)
        if key not in seen:
            seen.add(key)
            kept.append(t)
    return kept


def lines_by_quantity(card: Scorecard, plan: Report, vocab: Vocabulary) -> dict[int, Line]:
    """The scorecard line of each of ``plan``'s quantities that is a target (a restatement maps to
    the line of its first statement): what a ledger task shows as its verdict."""
    by_key = {_target_key(line.target, vocab): line for line in card.lines if line.target is not None}
    found = {}
    for index, q in enumerate(plan.quantities):
        line = by_key.get(_target_key(q, vocab)) if q.part == PartKind.PLAN else None
        if line is not None:
            found[index] = line
    return found


def _line(
    target: Quantity,
    found: Match | None,
    prev: Match | None,
    direction: Direction,
    vocab: Vocabulary,
    judged: bool,
) -> Line:
    base = Line(
        indicator=display_name(target, vocab),
        status=Status.NOT_REPORTED,
        why="次年报告的回顾中未见该指标的实际数" if judged else "尚无次年报告",
        direction=direction,
        target=target,
        previous=prev.quantity if prev else None,
        target_sentence=target.sentence,
    )
    if found is None:
        return base
    verdict = judge(target, found.quantity, direction, vocab.settings)
    return replace(
        base,
        status=verdict.status,
        why=verdict.why,
        outcome=found.quantity,
        outcome_sentence=found.quantity.sentence,
        match_reason=found.reason,
    )
