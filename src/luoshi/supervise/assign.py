"""Who does a task: proposals from the text (units and places named, keywords), by hand, confirmed.

Weights: a unit named in the task text 10; a rule keyword 3; a task-force keyword 3; a unit's own
catalogue keyword 1 (a keyword inside a longer matching keyword does not count). The best-weighted
department is proposed as lead (牵头); other named units, named places, rule co-units, task-force
members and other keyword matches as co-units (配合). With no department indicated, the first
named place leads. Proposals stay proposals until confirmed; a manual
assignment replaces them and is confirmed at once; ``auto`` never touches a confirmed task.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from luoshi.errors import InputError, ValidationError
from luoshi.store.ledger import Ledger
from luoshi.store.models import Assignment, Task, TaskForce, Unit
from luoshi.supervise.scope import report_scope
from luoshi.supervise.units import find_unit

PLACE_KINDS = ("district", "county", "zone")
NAMED, RULE, TASK_FORCE, KEYWORD = 10, 3, 3, 1
MAX_CO = 6


@dataclass(frozen=True, slots=True)
class Rule:
    keywords: tuple[str, ...]
    lead: str
    co: tuple[str, ...] = ()


@dataclass(slots=True)
class Proposal:
    task_id: int
    lead: str | None = None  # unit code
    co: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


def load_rules(path: Path | None = None) -> list[Rule]:
    """The keyword → unit rules (the packaged data/assign-rules.yaml unless ``path``)."""
    try:
        if path is None:
            text = resources.files("luoshi").joinpath("data/assign-rules.yaml").read_text(encoding="utf-8")
        else:
            text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"无法读取分工规则文件：{exc}") from exc
    items = data.get("rules") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ValidationError("分工规则文件须包含 rules: 列表")
    return [_rule(item) for item in items]


def _rule(item: Any) -> Rule:
    if not isinstance(item, dict) or not item.get("keywords") or not item.get("lead"):
        raise ValidationError(f"分工规则须有 keywords 和 lead：{item!r}")
    return Rule(tuple(map(str, item["keywords"])), str(item["lead"]), tuple(map(str, item.get("co") or [])))


@dataclass(slots=True)
class _Scores:
    lead: dict[str, int] = field(default_factory=dict)
    co: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    def vote(self, code: str, weight: int, reason: str) -> None:
        self.lead[code] = self.lead.get(code, 0) + weight
        self.reasons.append(reason)


def propose(task: Task, units: list[Unit], forces: list[TaskForce], rules: list[Rule]) -> Proposal:
    """A lead unit and co-units for one task (pure: nothing is stored)."""
    text = task.text
    code_of = {u.id: u.code for u in units}
    known = set(code_of.values())
    scores = _Scores()
    hits = _keyword_hits(text, units)
    for unit in units:
        names = [unit.name, *unit.aliases]
        named = next((n for n in names if n in text or n in task.bodies or n in task.places), None)
        if unit.kind in PLACE_KINDS and named:
            scores.places.append(unit.code)
            scores.reasons.append(f"点名地区「{named}」→ {unit.name}")
        elif unit.kind != "city" and named:
            scores.vote(unit.code, NAMED, f"点名单位「{named}」→ {unit.name}")
        elif found := hits.get(unit.code):
            scores.vote(unit.code, KEYWORD * len(found), f"单位关键词「{'、'.join(found)}」→ {unit.name}")
    for rule in rules:
        if rule.lead in known and (matched := [k for k in rule.keywords if k in text]):
            scores.vote(rule.lead, RULE, f"分工规则「{'、'.join(matched)}」→ {rule.lead}")
            scores.co += [c for c in rule.co if c in known]
    for force in forces:
        if force.active and (matched := [k for k in force.keywords if k in text]):
            scores.vote(
                code_of[force.lead_unit_id], TASK_FORCE, f"专班「{force.name}」（{'、'.join(matched)}）"
            )
            scores.co += [code_of[m.unit_id] for m in force.members]
    return _decide(task.id, scores)


def _keyword_hits(text: str, units: list[Unit]) -> dict[str, list[str]]:
    """Each department's catalogue keywords found in ``text``; a keyword inside a longer hit
    (养老 inside 养老保险) does not count: the longer, more specific one decides."""
    found = {
        u.code: [k for k in u.keywords if k in text] for u in units if u.kind not in (*PLACE_KINDS, "city")
    }
    every = {k for words in found.values() for k in words}
    return {
        code: kept
        for code, words in found.items()
        if (kept := [k for k in words if not any(k != other and k in other for other in every)])
    }


def _decide(task_id: int, scores: _Scores) -> Proposal:
    ranked = sorted(scores.lead.items(), key=lambda item: -item[1])  # stable: catalogue order on ties
    lead = ranked[0][0] if ranked else (scores.places[0] if scores.places else None)
    named_others = [code for code, score in ranked[1:] if score >= NAMED]
    others = [code for code, score in ranked[1:] if score < NAMED]
    co: list[str] = []
    for code in [*named_others, *scores.places, *scores.co, *others]:
        if code != lead and code not in co:
            co.append(code)
    return Proposal(task_id, lead, co[:MAX_CO], scores.reasons)


def auto_assign(ledger: Ledger, *, rules: list[Rule], report_id: int | None = None) -> list[Proposal]:
    """Propose units for every task without a confirmed assignment; earlier proposals are replaced.
    A county's own report (``report_id``) is proposed among the county's units only."""
    units = ledger.all(Unit, active=True, order_by="position,id")
    if not units:
        raise ValidationError("还没有单位目录：请先运行 luoshi units import")
    forces = ledger.all(TaskForce)
    if report_id is not None:
        seen = report_scope(ledger, report_id)
        units = [u for u in units if seen.sees_unit(u.id)]
        forces = [f for f in forces if seen.sees_unit(f.lead_unit_id)]
    by_code = {u.code: u for u in units}
    filters: dict[str, Any] = {"report_id": report_id} if report_id is not None else {}
    proposals = []
    for task in ledger.all(Task, load=["assignments"], **filters):
        if any(a.confirmed for a in task.assignments):
            continue
        proposal = propose(task, units, forces, rules)
        _replace(ledger, task, proposal, by_code, source="auto", confirmed=False)
        proposals.append(proposal)
    ledger.flush()
    return proposals


def assign(ledger: Ledger, *, task_id: int, lead: str, co: list[str] | None = None) -> Proposal:
    """Assign a task by hand (unit codes, names or aliases); replaces what was there, confirmed."""
    task = ledger.get(Task, task_id)
    lead_unit = find_unit(ledger, lead)
    co_units = [find_unit(ledger, c) for c in co or []]
    if lead_unit.id in {u.id for u in co_units}:
        raise ValidationError(f"{lead_unit.name} 不能既牵头又配合")
    units = {u.code: u for u in [lead_unit, *co_units]}
    proposal = Proposal(task.id, lead_unit.code, [u.code for u in co_units], ["人工指定"])
    _replace(ledger, task, proposal, units, source="manual", confirmed=True)
    ledger.flush()
    return proposal


def confirm(ledger: Ledger, *, task_ids: list[int] | None = None) -> int:
    """Confirm the proposed assignments of these tasks (all tasks when None); returns how many."""
    filters: dict[str, Any] = {"confirmed": False}
    if task_ids is not None:
        filters["task_id"] = task_ids
    pending = ledger.all(Assignment, **filters)
    for assignment in pending:
        assignment.confirmed = True
        assignment.confirmed_by = ledger.actor
        assignment.confirmed_at = ledger.clock.now()
    ledger.flush()
    return len(pending)


def _replace(
    ledger: Ledger, task: Task, proposal: Proposal, units: dict[str, Unit], *, source: str, confirmed: bool
) -> None:
    leads = [] if proposal.lead is None else [units[proposal.lead]]
    co = [units[code] for code in proposal.co] if leads else []
    replace_assignments(
        ledger, task, leads, co, source=source, confirmed=confirmed, reason="；".join(proposal.reasons)
    )


def replace_assignments(
    ledger: Ledger,
    task: Task,
    leads: list[Unit],
    co: list[Unit],
    *,
    source: str,
    confirmed: bool,
    reason: str,
) -> None:
    """Replace a task's assignments with these leads (牵头, first is the main one) and co-units."""
    if task.assignments:
        task.assignments.clear()
        ledger.flush()  # the old rows go before new ones with the same (task, unit) arrive
    now = ledger.clock.now()
    seen: set[int] = set()
    roles = [*((u, "lead") for u in leads), *((u, "co") for u in co)]
    for unit, role in roles:
        if unit.id in seen:
            continue
        seen.add(unit.id)
        task.assignments.append(
            Assignment(
                unit_id=unit.id,
                role=role,
                confirmed=confirmed,
                source=source,
                reason=reason[:500],
                assigned_by=ledger.actor,
                assigned_at=now,
                confirmed_by=ledger.actor if confirmed else None,
                confirmed_at=now if confirmed else None,
            )
        )


def assignment_rows(ledger: Ledger, *, task_ids: list[int] | None = None) -> list[dict[str, Any]]:
    """One row per task: lead, co-units, whether confirmed (listings, JSON, CSV)."""
    filters: dict[str, Any] = {} if task_ids is None else {"id": task_ids}
    rows = []
    for task in ledger.all(Task, load=["assignments.unit"], **filters):
        lead = [a for a in task.assignments if a.role == "lead"]
        co = [a for a in task.assignments if a.role == "co"]
        rows.append(
            {
                "task_id": task.id,
                "task": task.text,
                "lead": lead[0].unit.name if lead else "",
                "co": "、".join(a.unit.name for a in co),
                "status": assignment_status(task.assignments),
            }
        )
    return rows


def assignment_status(assignments: list[Assignment]) -> str:
    """unassigned | proposed (some unit not confirmed yet) | confirmed."""
    if not assignments:
        return "unassigned"
    return "confirmed" if all(a.confirmed for a in assignments) else "proposed"
