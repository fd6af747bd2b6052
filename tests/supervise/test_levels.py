"""上下联动: a city task handed down (转办) to counties, each county's clock, and the city's roll-up."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import SAMPLE_TEXT
from tests.supervise.conftest import LedgerOn

from luoshi.errors import ConflictError, NotFoundError, ValidationError
from luoshi.store.models import Assignment, AuditEvent, Report, Task, Unit
from luoshi.store.models.supervision import SupervisionOrder
from luoshi.supervise.assign import assign
from luoshi.supervise.board import task_board
from luoshi.supervise.extensions import request_task_extension
from luoshi.supervise.items import EventKind
from luoshi.supervise.levels import county_of, hand_down, hand_down_order, item_levels, task_rollup
from luoshi.supervise.orders import raise_order, record
from luoshi.supervise.permissions import in_scope, visible_scope
from luoshi.supervise.progress import ProgressInput, add_progress
from luoshi.supervise.reports import report_unit, report_unit_for, store_report
from luoshi.supervise.scoring import load_scoring, scoreboard
from luoshi.supervise.snapshot import board
from luoshi.supervise.status import Colour, State
from luoshi.supervise.tasks import set_schedule
from luoshi.supervise.units import Catalogue, UnitSpec, import_catalogue
from luoshi.supervise.yearlinks import decide_link, propose_links
from luoshi.supervise.years import Decision, carried_alone, close_year, decide

COUNTIES = Catalogue(
    [
        UnitSpec("yx", "盂县", "county"),
        UnitSpec("kq", "矿区", "district"),
        UnitSpec("gxq", "高新区", "zone"),
        UnitSpec("pd-fgj", "平定县发展和改革局", "department", "pdx", ["平定县发改局"]),
        UnitSpec("pd-jzz", "冠山镇", "township", "pdx"),
    ]
)


@pytest.fixture
def city_task(on: LedgerOn, report: Any) -> int:
    """The sample report's 营造林 task (5万亩以上, year end), with the counties in the catalogue."""
    with on(date(2024, 3, 1)) as ledger:
        import_catalogue(ledger, COUNTIES)
        rid = store_report(ledger, report).report_id
        task = next(t for t in ledger.all(Task, report_id=rid) if "营造林" in t.text)
        assign(ledger, task_id=task.id, lead="fgw")
        return task.id


def test_hand_down_to_named_counties_makes_linked_children(on: LedgerOn, city_task: int) -> None:
    with on(date(2024, 3, 2)) as ledger:
        result = hand_down(ledger, city_task, ["平定县", "盂县"], deadline=date(2024, 11, 30))
        assert [u for u, _ in result.created] == ["平定县", "盂县"] and result.kept == []
        parent = ledger.get(Task, city_task)
        for county, child_id in result.created:
            child = ledger.get(Task, child_id)
            assert (child.parent_id, child.text, child.target_value) == (city_task, parent.text, 50000)
            assert child.deadline == date(2024, 11, 30) and child.year == parent.year
            (lead,) = ledger.all(Assignment, task_id=child_id)
            assert (lead.role, lead.confirmed, lead.source) == ("lead", True, "handdown")
            assert ledger.get(Unit, lead.unit_id).name == county
            inserted = ledger.all(AuditEvent, entity="tasks", entity_id=child_id, action="insert")
            assert inserted and inserted[0].actor == "督查室"
        assert [a.unit_id for a in parent.assignments] == [ledger.find(Unit, code="fgw").id]  # type: ignore[union-attr]


def test_hand_down_is_rerunnable_and_all_means_every_county(on: LedgerOn, city_task: int) -> None:
    with on(date(2024, 3, 2)) as ledger:
        hand_down(ledger, city_task, ["平定县"])
    with on(date(2024, 3, 3)) as ledger:
        again = hand_down(ledger, city_task, None)
        assert [u for u, _ in again.kept] == ["平定县"]
        assert [u for u, _ in again.created] == ["盂县", "矿区"]  # counties and districts, not the zone
        assert hand_down(ledger, city_task, None).created == []
        assert ledger.count(Task, parent_id=city_task) == 3


def test_hand_down_refuses_what_is_not_a_lower_level(on: LedgerOn, city_task: int) -> None:
    with on(date(2024, 3, 2)) as ledger:
        with pytest.raises(ValidationError, match="不能晚于上级任务"):
            hand_down(ledger, city_task, ["平定县"], deadline=date(2025, 1, 31))
        with pytest.raises(ValidationError, match="下级政府"):
            hand_down(ledger, city_task, ["市能源局"])
        (child_id,) = [i for _, i in hand_down(ledger, city_task, ["平定县"]).created]
        with pytest.raises(ValidationError, match="不能晚于上级任务"):
            set_schedule(ledger, task_id=child_id, deadline=date(2025, 3, 31))
        with pytest.raises(ValidationError, match="不能晚于上级任务"):
            request_task_extension(ledger, task_id=child_id, new_due=date(2025, 3, 31), reason="资金未到位")
        # a county hands its child on to its own townships, never to another county's
        assert [u for u, _ in hand_down(ledger, child_id, None).created] == ["冠山镇"]
        with pytest.raises(ValidationError, match="本级下属"):
            hand_down(ledger, child_id, ["盂县"])


def test_county_assigns_its_child_to_its_own_units(on: LedgerOn, city_task: int) -> None:
    with on(date(2024, 3, 2)) as ledger:
        (child_id,) = [i for _, i in hand_down(ledger, city_task, ["平定县"]).created]
    with on(date(2024, 3, 3), actor="平定县") as ledger:
        assign(ledger, task_id=child_id, lead="平定县发改局")
        child = ledger.get(Task, child_id)
        assert child.handed_to_id == ledger.find(Unit, code="pdx").id  # type: ignore[union-attr]


def test_a_county_is_scored_over_its_children_and_its_units_work(on: LedgerOn, city_task: int) -> None:
    with on(date(2024, 3, 2)) as ledger:
        created = dict(hand_down(ledger, city_task, ["平定县", "盂县"]).created)
    with on(date(2024, 3, 3), actor="平定县") as ledger:
        assign(ledger, task_id=created["平定县"], lead="平定县发改局")
    with on(date(2024, 5, 20)) as ledger:
        levels = county_of(ledger)
        assert levels["平定县发展和改革局"] == "平定县" and levels["冠山镇"] == "平定县"
        assert "平定县" not in levels and "市能源局" not in levels
        rows = task_board(ledger)
    plain = {s.unit: s for s in scoreboard(rows, [], load_scoring(), as_of=date(2024, 5, 20))}
    rolled = {s.unit: s for s in scoreboard(rows, [], load_scoring(), as_of=date(2024, 5, 20), levels=levels)}
    assert (rolled["平定县"].tasks, rolled["盂县"].tasks, rolled["平定县发展和改革局"].tasks) == (1, 1, 1)
    assert plain["平定县"].tasks == 1  # handed to it, though its department now leads
    assert rolled["平定县"].components["completion"] is not None


def test_city_board_shows_the_roll_up(on: LedgerOn, city_task: int, tmp_path: Path) -> None:
    with on(date(2024, 3, 2)) as ledger:
        created = dict(hand_down(ledger, city_task, ["平定县", "盂县"]).created)
    for day, value in ((date(2024, 4, 3), 1.5), (date(2024, 5, 3), 2.0)):
        with on(day, actor="平定县") as ledger:
            entry = ProgressInput(value=value)
            add_progress(
                ledger, task_id=created["平定县"], entry=entry, reporter="平定县", evidence_dir=tmp_path
            )
    with on(date(2024, 5, 20)) as ledger:
        rows = {r.id: r for r in task_board(ledger)}
        parent, pd, yx = rows[city_task], rows[created["平定县"]], rows[created["盂县"]]
        assert (pd.parent_id, pd.handed_to) == (city_task, "平定县")
        assert yx.status.state is State.MISSING and pd.status.state is State.ON_TRACK
        assert parent.rollup is not None and parent.rollup.children == 2
        assert parent.rollup.missing == 1 and parent.rollup.on_track == 0.5
        assert parent.status.state is State.MISSING
        assert parent.status.colour is Colour.ORANGE
        assert parent.to_dict()["rollup"]["missing"] == 1
        children, summary = task_rollup(ledger, city_task)
        assert [c.handed_to for c in children] == ["平定县", "盂县"]
        assert summary == parent.rollup
        assert task_rollup(ledger, created["盂县"]) == ([], None)


def test_visible_scope_is_the_users_county() -> None:
    # 1 city, 2 市发改委, 3 平定县, 4 平定县发改局, 5 冠山镇, 6 冠山镇 office, 7 盂县
    parents = {1: None, 2: 1, 3: 1, 4: 3, 5: 3, 6: 5, 7: 1}
    kinds = {
        1: "city",
        2: "department",
        3: "county",
        4: "department",
        5: "township",
        6: "office",
        7: "county",
    }
    assert visible_scope(None, parents, kinds) is None and visible_scope(2, parents, kinds) is None
    for unit in (3, 4, 6):
        assert visible_scope(unit, parents, kinds) == frozenset({3, 4, 5, 6})
    pingding = visible_scope(4, parents, kinds)
    assert in_scope(pingding, [4]) and in_scope(pingding, [2], handed_to_id=3)
    assert not in_scope(pingding, [2, 7]) and in_scope(None, [7])


def test_a_supervision_order_is_handed_down_to_counties(on: LedgerOn, city_task: int) -> None:
    with on(date(2024, 3, 2)) as ledger:
        children = dict(hand_down(ledger, city_task, ["平定县"]).created)
        order = raise_order(ledger, title="营造林进度偏慢", lead="fgw", task_id=city_task, detail="请加快")
        result = hand_down_order(ledger, order.id, None)
        assert [u for u, _ in result.created] == ["平定县", "盂县", "矿区"]
        by_county = {u: ledger.get(SupervisionOrder, i) for u, i in result.created}
        pd = by_county["平定县"]
        assert (pd.parent_id, pd.title, pd.raised_on) == (order.id, "营造林进度偏慢", date(2024, 3, 2))
        assert (
            pd.task_id == children["平定县"] and by_county["盂县"].task_id == city_task
        )  # not handed to 盂县
        assert ledger.get(Unit, pd.lead_unit_id).name == "平定县" and "转办自督办事项" in pd.detail
        assert [u for u, _ in hand_down_order(ledger, order.id, ["平定县"]).kept] == ["平定县"]
        with pytest.raises(ValidationError, match="下级政府"):
            hand_down_order(ledger, order.id, ["市工信局"])


# ---------------------------------------------------------------- a county's own report (Report.unit_id)


def test_a_county_ingests_its_own_report_and_its_users_see_its_tasks(on: LedgerOn, make_report: Any) -> None:
    own = make_report(text=SAMPLE_TEXT + "（平定县）\n", region=None, year=2024)
    with on(date(2024, 3, 1)) as ledger:
        import_catalogue(ledger, COUNTIES)
        pd = report_unit_for(ledger, "平定县")
        assert report_unit_for(ledger, str(pd.id)) is pd and report_unit_for(ledger, "pdx") is pd
        with pytest.raises(ValidationError, match="一级政府"):
            report_unit_for(ledger, "平定县发改局")
        with pytest.raises(NotFoundError):
            report_unit_for(ledger, "不存在县")
        city = store_report(ledger, make_report())
        county = store_report(ledger, own, unit=pd)
        assert (county.unit, county.region, city.unit) == ("平定县", "平定县", "")  # region from the unit
        row = ledger.get(Report, county.report_id)
        assert (row.unit_id, row.level) == (pd.id, "county")
        assert report_unit(ledger, county.report_id) is pd and report_unit(ledger, city.report_id) is None
        # a new version keeps its unit; the same content again for another unit is refused
        again = store_report(ledger, make_report(text=own.text.original + "修订\n", region=None), unit=pd)
        assert again.version == 2 and again.unit == "平定县"
        assert (
            store_report(ledger, make_report(text=own.text.original + "修订\n", region="平定县")).unit
            == "平定县"
        )
        with pytest.raises(ConflictError, match="已归属 平定县"):
            store_report(ledger, own, unit=report_unit_for(ledger, "盂县"))
        scope = visible_scope(
            ledger.find(Unit, code="pd-fgj").id,  # type: ignore[union-attr]
            {u.id: u.parent_id for u in ledger.all(Unit)},
            {u.id: u.kind for u in ledger.all(Unit)},
        )
    with on(date(2024, 3, 2)) as ledger:
        rows = board(ledger, date(2024, 3, 2))
    seen = {r.report_id for r in rows if in_scope(scope, r.unit_ids, r.handed_to_id, r.report_unit_id)}
    assert seen == {county.report_id, again.report_id}  # not the city's, though none is assigned yet


def test_an_old_report_is_tied_to_its_unit_when_ingested_again(on: LedgerOn, make_report: Any) -> None:
    with on(date(2024, 3, 1)) as ledger:
        import_catalogue(ledger, COUNTIES)
        old = store_report(ledger, make_report(region="盂县"))
        assert old.unit == ""
        tied = store_report(ledger, make_report(region="盂县"), unit=report_unit_for(ledger, "盂县"))
        assert (tied.status, tied.report_id, tied.unit) == ("unchanged", old.report_id, "盂县")


# ---------------------------------------------------------------- a supervision item handed down


def test_a_handed_down_item_shows_each_countys_clock_and_the_roll_up(on: LedgerOn, city_task: int) -> None:
    with on(date(2024, 3, 4)) as ledger:  # a Monday: 研究部署 due the next working day
        order = raise_order(ledger, title="营造林进度偏慢", lead="fgw", task_id=city_task)
        kids = dict(hand_down_order(ledger, order.id, ["平定县", "盂县"]).created)
        record(ledger, kids["平定县"], EventKind.DEPLOYED, note="已部署")
    with on(date(2024, 3, 5)) as ledger:
        record(ledger, kids["平定县"], EventKind.RESPONDED, note="已反馈")
    with on(date(2024, 3, 8)) as ledger:
        levels = item_levels(ledger, order.id, date(2024, 3, 8))
        assert [(c.county, c.view.id) for c in levels.children] == [
            ("平定县", kids["平定县"]),
            ("盂县", kids["盂县"]),
        ]
        assert levels.parent is None and levels.rollup is not None and levels.worst is not None
        r = levels.rollup
        assert (r.children, r.state, r.overdue, r.on_track, r.late, r.done) == (
            2,
            State.OVERDUE,
            1,
            0.5,
            0,
            0,
        )
        assert levels.worst.county == "盂县" and levels.worst.view.status.stage is not None
        assert levels.worst.view.status.stage.key == "deploy" and levels.worst.view.status.overdue == 3
        assert item_levels(ledger, kids["盂县"], date(2024, 3, 8)).parent == (order.id, "营造林进度偏慢")
        record(ledger, kids["盂县"], EventKind.DEPLOYED, note="补部署")  # three days late
        assert item_levels(ledger, order.id, date(2024, 3, 8)).rollup.overdue == 1  # type: ignore[union-attr]
        record(ledger, kids["盂县"], EventKind.RESPONDED, note="补反馈")  # 反馈 was due on the 7th too
        late = item_levels(ledger, order.id, date(2024, 3, 8)).rollup
        assert late is not None and (late.late, late.overdue, late.state) == (1, 0, State.ON_TRACK)
        assert item_levels(ledger, kids["平定县"], date(2024, 3, 8)).rollup is None


# ---------------------------------------------------------------- 结转 at the turn of the year


def test_carried_children_follow_their_carried_parent(on: LedgerOn, make_report: Any) -> None:
    """A city and two counties over 2023 → 2024: the carried children hang under the carried parent,
    a child decided 完成 is not carried, and a child carried under a completed parent is reported."""
    with on(date(2023, 3, 1)) as ledger:
        import_catalogue(ledger, COUNTIES)
        rid = store_report(ledger, make_report(year=2023)).report_id
        tasks = {t.text: t.id for t in ledger.all(Task, report_id=rid)}
        forest, projects = tasks["平定县完成营造林5万亩以上"], tasks["全年新开工亿元以上项目120个"]
        trees = dict(hand_down(ledger, forest, ["平定县", "盂县"]).created)
        builds = dict(hand_down(ledger, projects, ["平定县", "盂县"]).created)
    with on(date(2024, 1, 15)) as ledger:
        for task_id in (forest, trees["平定县"], builds["盂县"]):
            decide(ledger, task_id=task_id, decision=Decision.CARRIED)
        decide(ledger, task_id=trees["盂县"], decision=Decision.DONE)
        closed = close_year(ledger, year=2023, as_of=date(2023, 12, 31), rest=Decision.DONE)
        carried = closed.carried
        assert set(carried) == {forest, trees["平定县"], builds["盂县"]}
        new_child = ledger.get(Task, carried[trees["平定县"]])
        assert (new_child.parent_id, new_child.year) == (carried[forest], 2024)
        assert new_child.handed_to_id == ledger.find(Unit, code="pdx").id  # type: ignore[union-attr]
        assert [t.id for t in ledger.all(Task, parent_id=carried[forest])] == [new_child.id]
        assert ledger.count(Task, parent_id=forest) == 2  # last year's loop is left as it was
        assert closed.unlinked == [(builds["盂县"], carried[builds["盂县"]], projects)]
        assert carried_alone(ledger, 2023) == closed.unlinked
        alone = ledger.get(Task, carried[builds["盂县"]])
        assert alone.parent_id is None and alone.origin_id == builds["盂县"]
    with on(date(2024, 3, 1)) as ledger:
        children, summary = task_rollup(ledger, carried[forest])
        assert [c.handed_to for c in children] == ["平定县"] and summary is not None
    with on(date(2024, 3, 2)) as ledger:  # the 2024 report restates it: the children move with the link
        store_report(ledger, make_report(text=SAMPLE_TEXT + "附：2024年\n", year=2024))
        link = next(k for k in propose_links(ledger, year=2024) if k.carried_id == carried[forest])
        decide_link(ledger, link_id=link.id, confirm=True)
        assert ledger.find(Task, id=carried[forest]) is None
        assert ledger.get(Task, carried[trees["平定县"]]).parent_id == link.task_id
