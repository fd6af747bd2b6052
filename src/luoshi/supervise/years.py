"""The seam between years (年终考核与结转): decide each unfinished task, freeze the year's review,
carry tasks into the next year, link them to the new report's restatements.

* :func:`decide` records the office's decision for a task not 销号: 完成 (accepted late), 未完成
  (with a reason) or 结转 (carried over). Decisions can change until the year is closed.
* :func:`close_year` freezes the year as of a day: the review, the unit scoreboard (等次, 奖惩),
  the decisions and the scorecard verdicts, as canonical JSON with its SHA-256. The stored bytes
  are the 考核 record: :func:`frozen_document` gives them back unchanged whatever happens later.
  Each 结转 decision becomes a task of the next year (:func:`carry`) linked to its origin.
* :func:`propose_links` pairs each carried task with the new report's task that restates it (by
  text similarity); :func:`decide_link` confirms (the two become one task) or rejects.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from luoshi.errors import ConflictError, NotFoundError, ValidationError
from luoshi.store.ledger import Ledger
from luoshi.store.models import Assignment, Report, Task
from luoshi.store.models.supervision import TaskAcceptance
from luoshi.store.models.years import YearClosure, YearDecision
from luoshi.supervise.policy import DEFAULT_POLICY
from luoshi.supervise.review import Review, build_review, review_scores
from luoshi.supervise.scoring import ScoringConfig, UnitScore, load_scoring
from luoshi.supervise.status import State

FORMAT = 1  # the frozen document's layout
CARRY_ORDINAL = 100_000  # a carried task's ordinal: its origin's plus this per year carried


class Decision(StrEnum):
    DONE = "done"  # 完成（逾期完成，予以认定）
    UNDONE = "undone"  # 未完成（须说明原因）
    CARRIED = "carried"  # 结转下一年度

    @property
    def label(self) -> str:
        return DECISION_LABELS[self]


DECISION_LABELS = {Decision.DONE: "完成", Decision.UNDONE: "未完成", Decision.CARRIED: "结转"}


def parse_decision(text: str) -> Decision:
    """A decision by its value or its Chinese label (完成/未完成/结转); one line if neither."""
    for d in Decision:
        if text in (d.value, d.label):
            return d
    raise ValidationError(f"年终认定须为 完成、未完成 或 结转（收到：{text}）")


def task_year(ledger: Ledger, task: Task) -> int:
    return task.year if task.year is not None else ledger.get(Report, task.report_id).year


def closure(ledger: Ledger, year: int) -> YearClosure | None:
    return ledger.find(YearClosure, year=year)


def _open(ledger: Ledger, year: int) -> None:
    closed = closure(ledger, year)
    if closed is not None:
        raise ConflictError(f"{year} 年度已于 {closed.as_of.isoformat()} 关账，不能再改年终认定")


def decide(
    ledger: Ledger, *, task_id: int, decision: Decision, reason: str = "", on: date | None = None
) -> YearDecision:
    """Record (or change, until the year is closed) the year-end decision on a task not 销号."""
    task = ledger.get(Task, task_id)
    year = task_year(ledger, task)
    _open(ledger, year)
    if ledger.find(TaskAcceptance, task_id=task_id) is not None:
        raise ConflictError(f"任务 {task_id} 已验收销号，无需年终认定")
    if decision is Decision.UNDONE and not reason.strip():
        raise ValidationError("认定未完成须说明原因（--reason）")
    day = on or ledger.clock.today()
    row = ledger.find(YearDecision, task_id=task_id)
    if row is None:
        row = YearDecision(
            task_id=task_id, year=year, decided_by=ledger.actor, recorded_at=ledger.clock.now()
        )
        ledger.session.add(row)
    row.decision, row.reason, row.decided_on, row.decided_by = (
        decision.value,
        reason.strip(),
        day,
        ledger.actor,
    )
    ledger.flush()
    return row


def decisions(ledger: Ledger, year: int) -> dict[int, YearDecision]:
    """task id → the year-end decision recorded on it."""
    return {d.task_id: d for d in ledger.all(YearDecision, year=year)}


@dataclass(frozen=True, slots=True)
class Closed:
    year: int
    as_of: date
    sha256: str
    carried: dict[int, int]  # origin task id → its task in the next year
    document: bytes
    unlinked: list[tuple[int, int, int]] = field(default_factory=list)  # 转办 children carried alone:
    # (the child, its carried task, its parent that was not carried — completed or 未完成)


def close_year(
    ledger: Ledger,
    *,
    year: int,
    as_of: date | None = None,
    rest: Decision | None = None,
    rest_reason: str = "",
    policy: str = DEFAULT_POLICY,
    config: ScoringConfig | None = None,
) -> Closed:
    """Close ``year`` as of ``as_of``: every task not 销号 must have a decision (``rest`` decides
    those that have none); 结转 tasks are carried into the next year; the review is frozen."""
    _open(ledger, year)
    day = as_of or ledger.clock.today()
    review = build_review(ledger, as_of=day, policy=policy, year=year)
    if not review.tasks:
        raise ValidationError(f"{year} 年度没有任务，无需关账")
    decided = decisions(ledger, year)
    undecided = [t.id for t in review.tasks if t.status.state is not State.CLOSED and t.id not in decided]
    if undecided and rest is None:
        shown = "、".join(map(str, undecided[:10])) + ("…" if len(undecided) > 10 else "")
        raise ValidationError(
            f"{year} 年度尚有 {len(undecided)} 项未销号任务没有年终认定（{shown}）；"
            "请逐项认定（luoshi year decide），或用 --rest 认定其余任务"
        )
    for task_id in undecided:  # only when ``rest`` decides them (else refused above)
        decide(ledger, task_id=task_id, decision=rest or Decision.UNDONE, reason=rest_reason, on=day)
    decided = decisions(ledger, year)
    carried = {
        d.task_id: carry(ledger, d, year + 1).id for d in decided.values() if d.decision == Decision.CARRIED
    }
    unlinked = relink_children(ledger, carried)
    scores = review_scores(review, config or load_scoring())
    data = year_review_data(ledger, review, scores, decisions(ledger, year))
    text = canonical(data)
    sha = hashlib.sha256(text).hexdigest()
    ledger.add(
        YearClosure(
            year=year,
            as_of=day,
            document=text.decode("utf-8"),
            sha256=sha,
            closed_by=ledger.actor,
            closed_at=ledger.clock.now(),
        )
    )
    return Closed(year, day, sha, carried, text, unlinked)


def relink_children(ledger: Ledger, carried: dict[int, int]) -> list[tuple[int, int, int]]:
    """转办 across the seam: a carried child of a carried parent is linked to the carried parent (the
    counties stay in one loop next year); a child carried while its parent was not (completed,
    or 未完成) stands alone (no parent next year; its origin keeps the link) and is returned as
    (child, its carried task, the parent) for the office to see."""
    alone = []
    for origin_id, new_id in sorted(carried.items()):
        parent_id = ledger.get(Task, origin_id).parent_id
        if parent_id is None:
            continue
        task = ledger.get(Task, new_id)
        task.parent_id = carried.get(parent_id)
        if task.parent_id is None:
            alone.append((origin_id, new_id, parent_id))
    ledger.flush()
    return alone


def carried_alone(ledger: Ledger, year: int) -> list[tuple[int, int, int]]:
    """转办 children of ``year`` carried while their parent was not, as (child, its carried task, the
    parent): what :func:`relink_children` reported at closing, read back for the 年度 page."""
    alone = []
    for d in ledger.all(YearDecision, year=year, order_by="task_id"):
        if d.carried_task_id is None:
            continue
        origin, carried = ledger.get(Task, d.task_id), ledger.find(Task, id=d.carried_task_id)
        if origin.parent_id is not None and carried is not None and carried.parent_id is None:
            alone.append((origin.id, carried.id, origin.parent_id))
    return alone


def canonical(data: Any) -> bytes:
    """One byte sequence per value: sorted keys, no spaces, UTF-8 (so its hash is reproducible)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode()


def year_review_data(
    ledger: Ledger, review: Review, scores: list[UnitScore], decided: dict[int, YearDecision]
) -> dict[str, Any]:
    """The year-end review as plain data: what the frozen document holds."""
    verdicts = _verdicts(ledger, review)
    tasks = []
    for t in review.tasks:
        row = t.to_dict()
        d = decided.get(t.id)
        row["decision"] = None if d is None else _decision(d)
        row["verdict"] = verdicts.get(t.id)
        tasks.append(row)
    return {
        "format": FORMAT,
        "year": review.year,
        "as_of": review.as_of.isoformat(),
        "review": {k: v for k, v in review.to_dict().items() if k not in ("overdue", "behind", "missing")},
        "scoreboard": [s.to_dict() for s in scores],
        "tasks": tasks,
        "counts": {d.value: sum(1 for x in decided.values() if x.decision == d.value) for d in Decision},
    }


def _decision(d: YearDecision) -> dict[str, Any]:
    return {"decision": d.decision, "reason": d.reason, "by": d.decided_by, "on": d.decided_on.isoformat()}


def _verdicts(ledger: Ledger, review: Review) -> dict[int, dict[str, Any]]:
    """task id → the scorecard verdict (target ↔ the next report's or an entered outcome), if any."""
    from luoshi.link.vocabulary import load_vocabulary
    from luoshi.supervise.scorecards import task_verdicts

    vocab = load_vocabulary()
    found: dict[int, dict[str, Any]] = {}
    reports = {t.report_id for t in ledger.all(Task, id=[t.id for t in review.tasks])}
    for report_id in sorted(reports):
        for task_id, verdict in task_verdicts(ledger, report_id=report_id, vocab=vocab).items():
            line = verdict.line.to_dict()
            found[task_id] = {"indicator": line["indicator"], "status": line["status"], "why": line["why"]}
    return found


def frozen_document(ledger: Ledger, year: int) -> bytes:
    """The closed year's document exactly as it was stored; refused if its hash does not match."""
    closed = closure(ledger, year)
    if closed is None:
        raise NotFoundError(f"{year} 年度尚未关账")
    data = closed.document.encode("utf-8")
    if hashlib.sha256(data).hexdigest() != closed.sha256:
        raise ConflictError(f"{year} 年度关账文档与其校验值不符（已被改动）")
    return data


def carry(ledger: Ledger, decision: YearDecision, year: int) -> Task:
    """The carried task's row in ``year``: the origin's text, target and units; a new year's schedule."""
    origin = ledger.get(Task, decision.task_id)
    carried_years = year - task_year(ledger, origin) + (origin.ordinal // CARRY_ORDINAL)
    row = ledger.add(
        origin.copy(
            ordinal=origin.ordinal % CARRY_ORDINAL + CARRY_ORDINAL * carried_years,
            deadline=date(year, 12, 31),
            deadline_source="year_end",
            starts_on=date(year, 1, 1),
            year=year,
            origin_id=origin.id,
        )
    )
    for a in origin.assignments:
        ledger.session.add(
            Assignment(
                task_id=row.id,
                unit_id=a.unit_id,
                role=a.role,
                confirmed=a.confirmed,
                source=a.source,
                reason=f"结转自任务 {origin.id}",
                assigned_by=ledger.actor,
                assigned_at=ledger.clock.now(),
                confirmed_by=a.confirmed_by,
                confirmed_at=a.confirmed_at,
            )
        )
    decision.carried_task_id = row.id
    ledger.flush()
    return row


def year_rows(ledger: Ledger) -> list[dict[str, Any]]:
    """One row per year the ledger holds (listings, the 年度 page)."""
    closed = {c.year: c for c in ledger.all(YearClosure)}
    tasks = ledger.all(Task)
    rows = []
    for year in ledger.years:
        mine = [t for t in tasks if t.year == year]
        c = closed.get(year)
        rows.append({
            "year": year,
            "tasks": len(mine),
            "carried_in": sum(1 for t in mine if t.origin_id is not None),
            "decided": ledger.count(YearDecision, year=year),
            "closed_on": c.as_of.isoformat() if c else None,
            "closed_by": c.closed_by if c else None,
            "sha256": c.sha256 if c else None,
        })  # fmt: skip
    return rows


def pending_rows(ledger: Ledger, *, year: int, as_of: date | None = None) -> list[dict[str, Any]]:
    """The year's tasks not 销号, with their status and any decision recorded."""
    review = build_review(ledger, as_of=as_of, year=year)
    decided = decisions(ledger, year)
    rows = []
    for t in review.tasks:
        if t.status.state is State.CLOSED:
            continue
        d = decided.get(t.id)
        rows.append({"id": t.id, "lead": t.lead, "text": t.text, "state": t.status.state.label,
                     "decision": Decision(d.decision).label if d else None, "reason": d.reason if d else "",
                     "version": d.version if d else None})  # fmt: skip
    return rows


@dataclass(frozen=True, slots=True)
class Seam:
    """A task's place across years: its year, the tasks it continues and the ones continuing it."""

    year: int
    earlier: list[tuple[int, int, str]]  # (task id, year, text), nearest first
    later: list[tuple[int, int, str]]  # tasks that carry it on (结转 or a confirmed restatement)
    decision: tuple[str, str] | None  # (完成/未完成/结转, reason) at its year's end


def task_seam(ledger: Ledger, task_id: int) -> Seam:
    task = ledger.get(Task, task_id)
    earlier, seen, step = [], {task.id}, task
    while step.origin_id is not None and step.origin_id not in seen:
        step = ledger.get(Task, step.origin_id)
        seen.add(step.id)
        earlier.append((step.id, task_year(ledger, step), step.text))
    later = [(t.id, task_year(ledger, t), t.text) for t in ledger.all(Task, origin_id=task.id)]
    d = ledger.find(YearDecision, task_id=task.id)
    return Seam(
        task_year(ledger, task), earlier, later, (Decision(d.decision).label, d.reason) if d else None
    )
