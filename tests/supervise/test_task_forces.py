"""专班 as a responsible party (issue 9): a unit kind in the catalogue, named as lead by a breakdown
or an assignment, answering items, with its own review row and its members' share in the scores."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from luoshi.clock import FixedClock
from luoshi.errors import ValidationError
from luoshi.store.db import Database
from luoshi.store.models import Task, Unit
from luoshi.supervise import fengong
from luoshi.supervise.orders import raise_order
from luoshi.supervise.reports import store_report
from luoshi.supervise.review import build_review
from luoshi.supervise.scoring import load_scoring, parse_scoring, scoreboard
from luoshi.supervise.units import (
    Catalogue,
    TaskForceSpec,
    UnitSpec,
    example_catalogue,
    export_catalogue,
    import_catalogue,
    read_catalogue,
)

CATALOGUE = Catalogue(
    units=[
        UnitSpec("city", "示例市", "city"),
        UnitSpec("fgw", "市发展改革委", "department", "city", ["市发改委"]),
        UnitSpec("zrzyj", "市自然资源局", "department", "city"),
        UnitSpec("czj", "市财政局", "department", "city"),
        UnitSpec("gxj", "市工信局", "department", "city"),
    ],
    task_forces=[TaskForceSpec("zb-xm", "市重点项目推进专班", "fgw", ["zrzyj", "czj"], ["亿元以上项目"])],
)
BREAKDOWN = (
    "示例市2024年《政府工作报告》重点任务分工方案\n"
    "一、扎实推进项目建设\n"
    "1.全年新开工亿元以上项目120个。（市重点项目推进专班牵头，市自然资源局按职责分工负责，2024年9月底前完成）\n"
    "2.8月底前高新区数字产业园建成投产。（市工信局牵头，2024年8月底前完成）\n"
)
DAY = date(2024, 3, 1)


@pytest.fixture
def stored(database: Database, report: Any) -> Database:
    with database.ledger(actor="督查室", clock=FixedClock.on(DAY)) as ledger:
        store_report(ledger, report)
        import_catalogue(ledger, CATALOGUE)
    return database


def test_a_task_force_is_a_unit_kind_under_its_lead(stored: Database) -> None:
    with stored.reader().ledger(actor="t") as ledger:
        force = ledger.find(Unit, code="zb-xm")
        assert force is not None and force.kind == "task_force" and force.name == "市重点项目推进专班"
        assert force.parent is not None and force.parent.code == "fgw"
        exported = export_catalogue(ledger)
    assert "zb-xm" not in [u.code for u in exported.units]  # written back once, as a task force
    assert [f.code for f in exported.task_forces] == ["zb-xm"]
    with stored.ledger(actor="督查室") as ledger:
        again = import_catalogue(ledger, exported)
    assert again.created == 0 and again.updated == 0


def test_the_example_catalogue_mirrors_its_four_task_forces() -> None:
    catalogue = read_catalogue(example_catalogue())
    assert len(catalogue.task_forces) == 4
    with pytest.raises(ValidationError, match="同名"):
        from luoshi.supervise.units import validate

        clash = Catalogue(CATALOGUE.units, [TaskForceSpec("zb", "市财政局", "fgw")])
        validate(clash)


def test_a_breakdown_names_a_task_force_as_lead_and_it_answers_items(stored: Database) -> None:
    with stored.ledger(actor="督查室", clock=FixedClock.on(DAY)) as ledger:
        result = fengong.apply(ledger, report_id=1, text=BREAKDOWN)
        task_id = result.lines[0].link.task_ids[0]
        task = ledger.get(Task, task_id)
        assert {(a.unit.code, a.role) for a in task.assignments} == {("zb-xm", "lead"), ("zrzyj", "co")}
        order = raise_order(ledger, title="重点项目开工滞后", lead="市重点项目推进专班", task_id=task_id)
        assert order.lead_unit.code == "zb-xm"


def _board(stored: Database, **roles: float) -> dict[str, Any]:
    with stored.ledger(actor="督查室", clock=FixedClock.on(DAY)) as ledger:
        fengong.apply(ledger, report_id=1, text=BREAKDOWN)
    with stored.reader().ledger(actor="t", clock=FixedClock.on(date(2024, 6, 30))) as ledger:
        review = build_review(ledger)
    config = load_scoring() if not roles else parse_scoring({**_default(), "roles": roles})
    scores = scoreboard(
        review.tasks, review.orders, config, as_of=review.as_of, units=review.units, forces=review.forces
    )
    return {"review": review, "scores": {s.unit: s for s in scores}}


def _default() -> dict[str, Any]:
    import yaml

    path = Path(__file__).resolve().parents[2] / "src" / "luoshi" / "data" / "scoring" / "default.yaml"
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def test_a_task_force_has_its_own_review_row_and_its_members_their_share(stored: Database) -> None:
    """The 专班 is a row of the review by unit and of the scoreboard (scored by its role, 牵头);
    its lead unit and members carry the ``member`` share of its task (0.3 by default)."""
    board = _board(stored)
    assert "市重点项目推进专班" in [g.name for g in board["review"].by_unit]
    scores = board["scores"]
    force = scores["市重点项目推进专班"]
    assert (force.tasks, force.rank is not None) == (1, True)
    assert scores["市发展改革委"].member_tasks == 1 and scores["市财政局"].member_tasks == 1
    assert scores["市发展改革委"].rank is not None  # ranked on its share of the 专班's task
    assert (
        scores["市自然资源局"].member_tasks == 0 and scores["市自然资源局"].co_tasks == 1
    )  # named co: co share
    assert scores["市工信局"].member_tasks == 0


def test_the_member_share_is_a_weight_in_the_scoring_file(stored: Database) -> None:
    scores = _board(stored, lead=1.0, co=0.3, member=0.0)["scores"]
    assert scores["市财政局"].member_tasks == 1 and scores["市财政局"].components["completion"] is None
    with pytest.raises(ValidationError, match="未知的分工角色"):
        parse_scoring({**_default(), "roles": {"members": 0.5}})
