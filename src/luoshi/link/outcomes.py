"""Targets against outcomes, as pure functions over quantity lists.

:func:`link_targets` pairs each target with the outcome a list states (and with last year's actual,
for ambition) and judges it; :func:`entered_outcome` makes an outcome a user keys in;
:func:`lines_by_quantity` tells a ledger task its verdict.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from luoshi.document import Metric, Modifier, PartKind, Quantity, Report
from luoshi.errors import ValidationError
from luoshi.link.card import Line, Scorecard
from luoshi.link.frame import Frame, quantity_frame, refusal
from luoshi.link.match import Match, best_match, choose, family_value
from luoshi.link.verdict import Status, judge, written
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
    frame: Callable[[Quantity], Frame] = quantity_frame,
) -> list[Line]:
    """A line per target: the matching outcome (when ``outcomes`` is given) and verdict, and the
    matching actual among ``previous`` (last year's review, for ambition). Where the outcomes state
    none, an ``entered`` outcome (one a user keyed in, its source in ``sentence``) stands in.
    ``frame`` tells a figure's kind and period (flow or stock, one year or several); an outcome
    of another kind or period is not judged against the target, and the line says why."""
    lines: list[Line] = []
    last_year = year - 1 if year is not None else None
    for target in _distinct(targets, vocab):
        direction = vocab.direction(target.indicator, target.metric.value)
        refuse = _refuser(target, frame)
        prev = best_match(target, previous, vocab, year=last_year, refuse=refuse) if previous else None
        found, refused = (
            choose(target, outcomes, vocab, year=year, refuse=refuse) if outcomes else (None, None)
        )
        if found is None and entered:
            found = best_match(target, entered, vocab, year=year)
            if found is not None:
                found = replace(found, reason=f"用户录入的实际数；{found.reason}")
        judged = outcomes is not None or bool(entered)
        line = _line(target, found, prev, direction, vocab, judged)
        lines.append(_with_refusal(line, refused) if found is None and refused else line)
    return lines


def _refuser(target: Quantity, frame: Callable[[Quantity], Frame]) -> Callable[[Quantity], str | None]:
    mine = frame(target)
    amounts = _is_amount(target)

    def refuse(cand: Quantity) -> str | None:
        return refusal(mine, frame(cand), amounts=amounts and _is_amount(cand))

    return refuse


def _is_amount(q: Quantity) -> bool:
    """A count or physical amount (座, 个, 亩, 公里), where this year's addition and a total differ."""
    return q.metric in (Metric.LEVEL, Metric.COUNT) and family_value(q)[0] != "currency"


def _with_refusal(line: Line, refused: Match) -> Line:
    """A 未报告 line that names the figure it did not use, and why."""
    q = refused.quantity
    why = f"次年报告的回顾中未见可比的当年实际数：「{q.indicator}{written(q)}」{refused.reason}"
    return replace(line, why=why, outcome_sentence=q.sentence, match_reason=f"未采用：{refused.reason}")


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
    return (display_name(t, vocab), _metric(t, vocab), t.value, t.value_high, t.unit, t.modifier.value)


def _metric(q: Quantity, vocab: Vocabulary) -> str:
    """The metric a restatement means: 经济增长预期目标为5%左右 reads as a share, but the indicator
    is stated as growth only, so it restates the growth target."""
    entry = vocab.canonical(q.indicator)
    if entry is None or q.metric.value in entry.metrics or family_value(q)[0] != "percent":
        return q.metric.value
    stated = [m for m in entry.metrics if m in ("growth", "share")]
    return stated[0] if len(stated) == 1 else q.metric.value


def _distinct(targets: Sequence[Quantity], vocab: Vocabulary) -> list[Quantity]:
    """Targets without restatements (the same figure for the same indicator stated twice)."""
    seen: set[tuple[str, str, float, float | None, str, str]] = set()
    kept: list[Quantity] = []
    for t in targets:
        key = _target_key(t, vocab)
        if _restates_as_change(t, kept, vocab):
            continue
        if key not in seen:
            seen.add(key)
            kept.append(t)
    return kept


def _restates_as_change(t: Quantity, kept: Sequence[Quantity], vocab: Vocabulary) -> bool:
    """专项债券3.75万亿元，比去年增加1.6万亿元: the change restates the amount just set."""
    if t.metric != Metric.CHANGE:
        return False
    name = display_name(t, vocab)
    return any(
        k.metric == Metric.LEVEL and k.sentence == t.sentence and display_name(k, vocab) == name for k in kept
    )


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
