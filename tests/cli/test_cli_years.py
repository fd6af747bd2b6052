"""The turn of the year on the command line: two years of the example city, and the national
reports of two years in one ledger (issue 17)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from tests.cli_inprocess import luoshi_bytes

FIXTURES = Path(__file__).parents[1] / "fixtures"
PLAN_2024 = FIXTURES / "years" / "yangquan-2024-plan.txt"  # written for this test, the example's style


def run(db: str, *args: str) -> str:
    ran = luoshi_bytes(*args, "--db", db)
    assert ran.returncode == 0, ran.stderr.decode()
    return ran.stdout.decode()


def rows(db: str, *args: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(run(db, *args, "--format", "json"))
    return data


def refused(db: str, *args: str) -> str:
    ran = luoshi_bytes(*args, "--db", db)
    err = ran.stderr.decode().strip()
    assert ran.returncode == 2 and len(err.splitlines()) == 1, err
    return err


def one(tasks: list[dict[str, Any]], words: str) -> int:
    found = [t["id"] for t in tasks if words in t["text"]]
    assert len(found) == 1, (words, found)
    return int(found[0])


@pytest.fixture(scope="module")
def walked_once(tmp_path_factory: pytest.TempPathFactory, example_path: Path) -> dict[str, Any]:
    """Ingest 2023, report, close 2023 (one carried, one 未完成), ingest 2024."""
    db = f"sqlite:///{tmp_path_factory.mktemp('years') / 'l.sqlite3'}"
    run(db, "ingest", str(example_path), "--as-of", "2023-02-22")
    run(db, "units", "import", "--example")
    run(db, "assign", "--auto")
    run(db, "assign", "--confirm")
    tasks = rows(db, "tasks", "list")
    road, parks, jobs = (
        one(tasks, "化义路南延"),
        one(tasks, "11个口袋公园"),
        one(tasks, "坚决完成能源保供任务"),
    )
    run(db, "progress", "add", str(road), "--percent", "60", "--note", "路基完成", "--as-of", "2023-09-04")
    run(db, "progress", "add", str(jobs), "--done", "--note", "已完成", "--as-of", "2023-12-05")
    run(db, "supervise", "accept-task", str(jobs), "--grade", "良好", "--as-of", "2023-12-20")
    run(db, "supervise", "raise", "--title", "化义路南延工期滞后", "--lead", "市住建局", "--task", str(road),
        "--as-of", "2023-11-01")  # fmt: skip
    day = "2024-01-31"
    pending = rows(db, "year", "review", "2023", "--as-of", day)
    run(db, "year", "decide", str(road), "--decision", "结转", "--as-of", day)
    run(db, "year", "decide", str(parks), "--decision", "未完成", "--reason", "资金未到位", "--as-of", day)
    before = refused(db, "year", "close", "2023", "--as-of", day)
    run(db, "year", "close", "2023", "--as-of", day, "--rest", "完成", "--by", "督查室")
    frozen = luoshi_bytes("year", "show", "2023", "--db", db).stdout
    live_2023 = run(db, "review", "--year", "2023", "--as-of", day, "--format", "json")
    run(db, "ingest", str(PLAN_2024), "--as-of", "2024-02-21")
    return {"db": db, "road": road, "parks": parks, "jobs": jobs, "pending": pending, "refused": before,
            "frozen": frozen, "live_2023": live_2023, "tasks_2023": tasks}  # fmt: skip


@pytest.fixture
def walked(walked_once: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    """The walked ledger, a copy of its own for each test: the tests change it, in any order."""
    copy = tmp_path / "l.sqlite3"
    source, target = sqlite3.connect(walked_once["db"].removeprefix("sqlite:///")), sqlite3.connect(copy)
    source.backup(target)  # with whatever the write-ahead log still holds
    source.close()
    target.close()
    return {**walked_once, "db": f"sqlite:///{copy}"}


def test_closing_needs_a_decision_for_every_task_not_closed(walked: dict[str, Any]) -> None:
    pending = {r["id"] for r in walked["pending"]}
    assert walked["road"] in pending and walked["jobs"] not in pending  # 销号 needs no decision
    assert len(pending) == len(walked["tasks_2023"]) - 1
    assert "尚有" in walked["refused"] and "--rest" in walked["refused"]


def test_the_new_year_board_shows_its_tasks_plus_the_carried_one(walked: dict[str, Any]) -> None:
    db, road = walked["db"], walked["road"]
    board = rows(db, "status", "--as-of", "2024-03-01")
    plan = [r for r in rows(db, "tasks", "list") if r["report_id"] == 2]
    assert {r["year"] for r in board} == {2024}
    carried = [r for r in board if r["origin_id"] == road]
    assert len(carried) == 1 and "化义路南延" in carried[0]["text"]
    assert len(board) == len(plan) + 1
    assert not {r["id"] for r in board} & {t["id"] for t in walked["tasks_2023"]}
    old = rows(db, "status", "--year", "2023", "--as-of", "2024-03-01")
    assert {r["id"] for r in old} == {t["id"] for t in walked["tasks_2023"]}


def test_the_restated_project_is_linked_instead_of_duplicated(walked: dict[str, Any]) -> None:
    db, road = walked["db"], walked["road"]
    proposed = [k for k in rows(db, "year", "links", "2024") if k["state"] == "proposed"]
    assert len(proposed) == 1 and "6月底前竣工通车" in proposed[0]["task_text"]
    assert proposed[0]["origin_id"] == road and proposed[0]["similarity"] >= 0.3
    assert [k["state"] for k in rows(db, "year", "links", "2024")] == ["proposed"]  # not proposed twice
    run(db, "year", "link", str(proposed[0]["id"]), "--confirm", "--by", "督查室")
    board = rows(db, "status", "--as-of", "2024-03-01")
    plan = [r for r in rows(db, "tasks", "list") if r["report_id"] == 2]
    assert len(board) == len(plan)  # one task, not two
    merged = [r for r in board if r["origin_id"] == road]
    assert [r["id"] for r in merged] == [proposed[0]["task_id"]]
    items = rows(db, "supervise", "list", "--as-of", "2024-03-01")
    assert [i["title"] for i in items] == ["化义路南延工期滞后"]  # open across the seam, counted once
    review = json.loads(run(db, "review", "--as-of", "2024-03-01", "--format", "json"))
    assert review["year"] == 2024 and review["total"]["orders"] == 1
    history = run(db, "history", str(road))
    assert "year_decisions" in history


def test_the_frozen_review_reproduces_byte_for_byte_after_later_edits(walked: dict[str, Any]) -> None:
    db, parks, frozen = walked["db"], walked["parks"], walked["frozen"]
    run(db, "progress", "add", str(parks), "--done", "--note", "补报完成", "--as-of", "2024-03-04")
    run(db, "assign", str(parks), "--lead", "市发展改革委")
    later = run(db, "review", "--year", "2023", "--as-of", "2024-01-31", "--format", "json")
    assert later != walked["live_2023"]  # the live figures moved with the edits …
    assert luoshi_bytes("year", "show", "2023", "--db", db).stdout == frozen  # … the frozen ones did not
    listed = {r["year"]: r for r in rows(db, "year", "list")}
    assert listed[2023]["sha256"] == hashlib.sha256(frozen.rstrip(b"\n")).hexdigest()
    data = json.loads(frozen)
    decided = {t["id"]: t["decision"] for t in data["tasks"]}
    assert decided[walked["road"]]["decision"] == "carried" and decided[parks]["reason"] == "资金未到位"
    assert decided[walked["jobs"]] is None and data["scoreboard"]
    assert "已于 2024-01-31 关账" in refused(db, "year", "decide", str(parks), "--decision", "完成")


def test_a_units_record_over_years_reads_the_frozen_year(walked: dict[str, Any]) -> None:
    record = rows(walked["db"], "year", "record", "--unit", "市住建局", "--as-of", "2024-03-01")
    assert [(r["year"], r["closed"]) for r in record] == [(2023, True), (2024, False)]
    assert record[0]["as_of"] == "2024-01-31" and record[0]["tasks"] > 0


def test_two_national_reports_no_longer_mix_years(tmp_path: Path) -> None:
    """The issue's finding: the reports of two years in one ledger, looked at mid-year."""
    db = f"sqlite:///{tmp_path / 'n.sqlite3'}"
    for year in (2021, 2022):
        run(db, "ingest", str(FIXTURES / f"guowuyuan-{year}.txt"), "--as-of", f"{year}-03-06")
    board = rows(db, "status", "--as-of", "2022-06-30")
    assert board and {r["year"] for r in board} == {2022}
    assert not [r for r in board if r["state"] == "overdue"]
    earlier = rows(db, "status", "--as-of", "2021-06-30")
    assert {r["year"] for r in earlier} == {2021}  # the latest year adopted by that day
    assert {r["year"] for r in rows(db, "status", "--year", "2021", "--as-of", "2022-06-30")} == {2021}
    review = json.loads(run(db, "review", "--as-of", "2022-06-30", "--format", "json"))
    assert review["year"] == 2022 and review["total"]["tasks"] == len(board)
    assert "2021" in run(db, "year", "list") and "2022" in run(db, "year", "list")
