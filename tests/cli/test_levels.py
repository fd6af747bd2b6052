"""``luoshi assign hand-down``: a city task handed down (转办) to counties; ``luoshi status`` rolls it up."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli_inprocess import luoshi_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _json(*args: str) -> list[dict[str, object]]:
    done = luoshi_text(*args, "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_hand_down_to_counties_rerun_and_roll_up(migrated_sqlite_url: str) -> None:
    db = ("--db", migrated_sqlite_url)
    assert luoshi_text("ingest", str(FIXTURES / "yangquan-2023.txt"), *db).returncode == 0
    assert luoshi_text("units", "import", "--example", *db).returncode == 0
    tasks = _json("tasks", "list", *db)
    task = next(t for t in tasks if t.get("target_value") is not None)
    tid = str(task["id"])
    now = ("--as-of", "2023-03-10", "--by", "督查室")
    made = _json("assign", "hand-down", tid, "--to", "平定县,盂县", *now, *db)
    assert [(r["county"], r["status"]) for r in made] == [("平定县", "created"), ("盂县", "created")]
    rerun = _json("assign", "hand-down", tid, "--all-counties", *now, *db)
    assert {r["county"] for r in rerun if r["status"] == "kept"} == {"平定县", "盂县"}
    assert {r["county"] for r in rerun if r["status"] == "created"} == {"城区", "矿区", "郊区"}
    children = {str(r["county"]): r["task_id"] for r in made}
    assert luoshi_text("history", str(children["平定县"]), *db).returncode == 0
    status = _json("status", "--as-of", "2023-06-20", *db)
    parent = next(r for r in status if r["id"] == int(tid))
    rollup = parent["rollup"]
    assert isinstance(rollup, dict) and rollup["children"] == 5 and parent["state"] == rollup["state"]
    assert {r["handed_to"] for r in status if r["parent_id"] == int(tid)} == {
        "平定县",
        "盂县",
        "城区",
        "矿区",
        "郊区",
    }


def test_hand_down_bad_input_is_one_line(migrated_sqlite_url: str) -> None:
    db = ("--db", migrated_sqlite_url)
    assert luoshi_text("ingest", str(FIXTURES / "yangquan-2023.txt"), *db).returncode == 0
    assert luoshi_text("units", "import", "--example", *db).returncode == 0
    for args, message in (
        (("assign", "hand-down", "1"), "--all-counties"),
        (("assign", "hand-down", "1", "--to", "市能源局"), "下级政府"),
        (("assign", "hand-down", "1", "--to", "平定县", "--deadline", "2024-06-30"), "不能晚于上级任务"),
        (("assign", "hand-down", "x", "--to", "平定县"), "任务编号"),
        (("assign", "1", "2", "--lead", "平定县"), "多余的参数"),
    ):
        done = luoshi_text(*args, *db)
        assert done.returncode == 2 and message in done.stderr, (args, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1
