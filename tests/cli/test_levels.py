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


def test_levels_chain_and_rollup(migrated_sqlite_url: str, tmp_path: Path) -> None:
    db = ("--db", migrated_sqlite_url)
    texts = FIXTURES / "texts"
    files = [str(texts / f"link-{level}-2024.txt") for level in ("province", "city", "county")]
    assert luoshi_text("ingest", *files, *db).returncode == 0
    catalogue = tmp_path / "units.csv"
    catalogue.write_text(
        "code,name,kind,parent\njh,江淮省,province,\nql,青岚市,city,jh\nyx,云溪县,county,ql\n",
        encoding="utf-8",
    )
    assert luoshi_text("units", "import", str(catalogue), *db).returncode == 0
    exported = luoshi_text("units", "export", "--format", "csv", *db).stdout
    assert "jh,江淮省,province," in exported and "yx,云溪县,county,ql" in exported
    chain = _json("levels", "chain", "--indicator", "地区生产总值", "--year", "2024", *db)
    assert [(r["level_label"], r["target"], r["gap"]) for r in chain] == [
        ("省", 5.5, None),
        ("市", 5.0, -0.5),
        ("县", 6.5, 1.5),
    ]
    table = luoshi_text("levels", "chain", "--indicator", "地区生产总值", "--year", "2024", *db)
    assert "云溪县" in table.stdout and "1.5" in table.stdout
    missing = luoshi_text("levels", "chain", "--indicator", "地区生产总值", "--year", "2019", *db)
    assert missing.returncode == 2 and "2019" in missing.stderr
    city_task = next(t for t in _json("tasks", "list", *db) if t["report_id"] == 2)
    made = _json("assign", "hand-down", str(city_task["id"]), "--all-counties", "--as-of", "2024-03-01", *db)
    assert [r["county"] for r in made] == ["云溪县"]
    rolled = luoshi_text("levels", "rollup", str(city_task["id"]), "--as-of", "2024-06-20", *db)
    assert rolled.returncode == 0 and "云溪县" in rolled.stdout and "汇总：1 个下级" in rolled.stderr


def test_levels_hand_down_order(migrated_sqlite_url: str) -> None:
    db = ("--db", migrated_sqlite_url)
    assert luoshi_text("ingest", str(FIXTURES / "yangquan-2023.txt"), *db).returncode == 0
    assert luoshi_text("units", "import", "--example", *db).returncode == 0
    raised = luoshi_text(
        "supervise", "raise", "--title", "项目开工滞后", "--lead", "市发展改革委", "--task", "1", *db
    )
    assert raised.returncode == 0, raised.stderr
    made = _json("levels", "hand-down-order", "1", "--to", "平定县,盂县", "--as-of", "2023-04-01", *db)
    assert [(r["county"], r["status"]) for r in made] == [("平定县", "created"), ("盂县", "created")]
    again = _json("levels", "hand-down-order", "1", "--to", "平定县", *db)
    assert again == [{"county": "平定县", "order_id": made[0]["order_id"], "status": "kept"}]
    refused = luoshi_text("levels", "hand-down-order", "1", *db)
    assert refused.returncode == 2 and "--all-counties" in refused.stderr
