from __future__ import annotations

from typing import Any

import pytest

from luoshi.errors import NotFoundError, ValidationError
from luoshi.store.ledger import Ledger
from luoshi.store.models import Assignment, Report, Task, Unit
from luoshi.supervise.assign import assign, assignment_rows, auto_assign, confirm, load_rules
from luoshi.supervise.reports import store_report
from luoshi.supervise.units import example_catalogue, import_catalogue, read_catalogue


@pytest.fixture
def tasks(ledger: Ledger, report: Any) -> dict[str, Task]:
    import_catalogue(ledger, read_catalogue(example_catalogue()))
    rid = store_report(ledger, report).report_id
    rows = ledger.all(Task, report_id=rid, order_by="ordinal")
    return dict(zip(["projects", "park", "forest", "housing"], rows, strict=True))


def _units(task: Task) -> tuple[str | None, list[str]]:
    lead = [a.unit.code for a in task.assignments if a.role == "lead"]
    return (lead[0] if lead else None), sorted(a.unit.code for a in task.assignments if a.role == "co")


def test_auto_proposes_lead_and_co_units_from_text(ledger: Ledger, tasks: dict[str, Task]) -> None:
    proposals = auto_assign(ledger, rules=load_rules())
    assert len(proposals) == 4
    lead, co = _units(tasks["forest"])
    assert lead == "zrzyj" and "pingding" in co  # rule 营造林; the named county takes part
    lead, co = _units(tasks["housing"])
    assert lead == "zjj" and "chengqu" in co  # rule 老旧小区; 城区 named
    lead, co = _units(tasks["projects"])
    assert lead == "fgw"  # 专班 重点项目建设 (亿元以上项目) led by 市发展改革委
    assert {"zrzyj", "xzspj"} <= set(co)
    lead, co = _units(tasks["park"])
    assert lead is not None and "gxq" in {lead, *co}
    assert all(not a.confirmed and a.source == "auto" and a.reason for a in ledger.all(Assignment))


def test_a_place_leads_when_no_department_is_indicated(ledger: Ledger, tasks: dict[str, Task]) -> None:
    tasks["park"].text, tasks["park"].places = "盂县建成一批村级便民服务站", []
    ledger.flush()
    auto_assign(ledger, rules=[])
    assert _units(tasks["park"]) == ("yuxian", [])


def test_manual_assignment_overrides_and_auto_leaves_it(ledger: Ledger, tasks: dict[str, Task]) -> None:
    auto_assign(ledger, rules=load_rules())
    assign(ledger, task_id=tasks["forest"].id, lead="平定县", co=["市自然资源局"])
    assert _units(tasks["forest"]) == ("pingding", ["zrzyj"])
    auto_assign(ledger, rules=load_rules())
    assert _units(tasks["forest"]) == ("pingding", ["zrzyj"])
    assert all(a.confirmed and a.source == "manual" for a in tasks["forest"].assignments)


def test_confirm_turns_proposals_into_assignments(ledger: Ledger, tasks: dict[str, Task]) -> None:
    auto_assign(ledger, rules=load_rules())
    assert confirm(ledger, task_ids=[tasks["housing"].id]) >= 1
    statuses = {row["task_id"]: row["status"] for row in assignment_rows(ledger)}
    assert statuses[tasks["housing"].id] == "confirmed"
    assert statuses[tasks["forest"].id] == "proposed"
    confirmed = [a for a in tasks["housing"].assignments]
    assert all(a.confirmed_by == "tester" and a.confirmed_at is not None for a in confirmed)


def test_bad_manual_assignments(ledger: Ledger, tasks: dict[str, Task]) -> None:
    with pytest.raises(NotFoundError):
        assign(ledger, task_id=tasks["forest"].id, lead="市宇航局")
    with pytest.raises(ValidationError, match="既牵头又配合"):
        assign(ledger, task_id=tasks["forest"].id, lead="nyj", co=["市能源局"])
    with pytest.raises(NotFoundError):
        assign(ledger, task_id=9999, lead="nyj")


def test_auto_needs_a_catalogue(ledger: Ledger, report: Any) -> None:
    store_report(ledger, report)
    with pytest.raises(ValidationError, match="units import"):
        auto_assign(ledger, rules=load_rules())


def test_a_countys_own_report_is_proposed_among_the_countys_units(ledger: Ledger, report: Any) -> None:
    """The same tasks go to city departments in the city's report, but stay inside the county when
    the report is the county's own (its 自动建议 must not hand a county's work to the city)."""
    import_catalogue(ledger, read_catalogue(example_catalogue()))
    county = ledger.find(Unit, code="pingding")
    assert county is not None
    rid = store_report(ledger, report).report_id

    def proposed() -> set[str]:
        auto_assign(ledger, rules=load_rules(), report_id=rid)
        return {a.unit.code for t in ledger.all(Task, report_id=rid) for a in t.assignments}

    assert proposed() - {"pingding"}  # the city's report: city departments lead
    ledger.get(Report, rid).unit_id = county.id  # the same text as the county's own report
    assert proposed() == {"pingding"}
