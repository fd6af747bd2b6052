"""A carried task (结转) restated by the new report: propose the pair by text similarity, and let the
office confirm (the two become one task of the new year, linked to its origin) or reject."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from luoshi.errors import ConflictError
from luoshi.store.ledger import Ledger
from luoshi.store.models import Milestone, ProgressReport, Report, Task
from luoshi.store.models.supervision import SupervisionOrder
from luoshi.store.models.years import TaskLink, YearDecision

THRESHOLD = 0.3  # Dice similarity of character bigrams a proposal needs
_NOISE = re.compile(r"[\s，。、；：！？“”‘’（）()《》,.;:!?\"'\-—0-9０-９%％]+")


def bigrams(text: str) -> set[str]:
    """The character bigrams of ``text`` without punctuation, spaces or digits (numbers change
    from year to year; the project's words do not)."""
    plain = _NOISE.sub("", text)
    return {plain[i : i + 2] for i in range(len(plain) - 1)}


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the two texts' bigrams (0 … 1)."""
    x, y = bigrams(a), bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


@dataclass(frozen=True, slots=True)
class LinkView:
    id: int
    year: int
    task_id: int
    task_text: str
    carried_id: int | None
    origin_id: int | None
    origin_text: str
    similarity: float
    state: str
    version: int


def propose_links(ledger: Ledger, *, year: int, threshold: float = THRESHOLD) -> list[LinkView]:
    """For each task carried into ``year`` not yet linked, the new report's task most like it (if
    similar enough) as a proposal. Running it again proposes nothing twice."""
    tasks = ledger.all(Task, year=year, order_by="report_id,ordinal")
    report_year = {r.id: r.year for r in ledger.all(Report)}
    carried = [t for t in tasks if t.origin_id is not None and report_year[t.report_id] < year]
    fresh = [t for t in tasks if report_year[t.report_id] == year and t.origin_id is None]
    known = {(k.task_id, k.carried_id) for k in ledger.all(TaskLink, year=year)}
    decided = {k.carried_id for k in ledger.all(TaskLink, year=year) if k.state != "rejected"}
    for c in carried:
        if c.id in decided:
            continue
        scored = sorted(((similarity(c.text, t.text), t.id) for t in fresh), reverse=True)
        best = next(((s, t) for s, t in scored if s >= threshold and (t, c.id) not in known), None)
        if best is not None:
            ledger.session.add(TaskLink(task_id=best[1], carried_id=c.id, origin_id=c.origin_id, year=year,
                                        similarity=round(best[0], 4), state="proposed"))  # fmt: skip
    ledger.flush()
    return list_links(ledger, year=year)


def list_links(ledger: Ledger, *, year: int) -> list[LinkView]:
    texts = {t.id: t.text for t in ledger.all(Task, id=_ids(ledger, year))}
    return [
        LinkView(k.id, k.year, k.task_id, texts.get(k.task_id, ""), k.carried_id, k.origin_id,
                 texts.get(k.origin_id or 0, ""), k.similarity, k.state, k.version)
        for k in ledger.all(TaskLink, year=year)
    ]  # fmt: skip


def _ids(ledger: Ledger, year: int) -> list[int]:
    links = ledger.all(TaskLink, year=year)
    return sorted({i for k in links for i in (k.task_id, k.origin_id) if i is not None})


def decide_link(
    ledger: Ledger, *, link_id: int, confirm: bool, version: int | None = None, on: date | None = None
) -> TaskLink:
    """Confirm: the new report's task continues the origin (its ``origin_id``), the carried copy's
    progress, milestones, orders and handed-down children move to it and the copy goes. Reject: the
    two stay apart."""
    link = ledger.get(TaskLink, link_id, version=version)
    if link.state != "proposed":
        raise ConflictError(f"关联 {link_id} 已{'确认' if link.state == 'confirmed' else '驳回'}")
    link.state, link.decided_by, link.decided_on = (
        "confirmed" if confirm else "rejected",
        ledger.actor,
        on or ledger.clock.today(),
    )
    if confirm and link.carried_id is not None:
        _merge(ledger, ledger.get(Task, link.carried_id), ledger.get(Task, link.task_id))
    ledger.flush()
    return link


def _merge(ledger: Ledger, copy: Task, task: Task) -> None:
    if task.origin_id is not None and task.origin_id != copy.origin_id:
        raise ConflictError(f"任务 {task.id} 已关联其他往年任务 {task.origin_id}")
    task.origin_id = copy.origin_id
    for row in ledger.all(ProgressReport, task_id=copy.id):
        row.task_id = task.id
    for stone in ledger.all(Milestone, task_id=copy.id):
        stone.task_id = task.id
    for order in ledger.all(SupervisionOrder, task_id=copy.id):
        order.task_id = task.id
    for child in ledger.all(Task, parent_id=copy.id):  # 转办: carried children follow (never cascade away)
        child.parent_id = task.id
    for d in ledger.all(YearDecision, carried_task_id=copy.id):
        d.carried_task_id = task.id
    for other in ledger.all(TaskLink, carried_id=copy.id):
        if other.state == "proposed" and other.task_id != task.id:
            other.state = "rejected"
    ledger.flush()
    ledger.session.expire(copy)
    ledger.delete(ledger.get(Task, copy.id))
