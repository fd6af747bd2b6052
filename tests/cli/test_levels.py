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


def test_a_county_ingests_its_own_report_for_its_unit(migrated_sqlite_url: str, tmp_path: Path) -> None:
    db = ("--db", migrated_sqlite_url)
    texts = FIXTURES / "texts"
    catalogue = tmp_path / "units.csv"
    catalogue.write_text(
        "code,name,kind,parent\njh,江淮省,province,\nql,青岚市,city,jh\nyx,云溪县,county,ql\n"
        "yx-fgj,云溪县发展和改革局,department,yx\n",
        encoding="utf-8",
    )
    assert luoshi_text("units", "import", str(catalogue), *db).returncode == 0
    for args, message in (
        (("--unit", "不存在县"), "找不到单位"),
        (("--unit", "云溪县发展和改革局"), "一级政府"),
    ):
        done = luoshi_text("ingest", str(texts / "link-county-2024.txt"), *args, *db)
        assert done.returncode == 2 and message in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert _json("reports", *db) == []  # refused before anything was stored
    city = _json("ingest", str(texts / "link-city-2024.txt"), *db)
    county = _json("ingest", str(texts / "link-county-2024.txt"), "--region", "云溪", "--unit", "yx", *db)
    assert (city[0]["unit"], county[0]["unit"], county[0]["region"]) == ("", "云溪县", "云溪")
    assert {r["region"]: r["unit"] for r in _json("reports", *db)} == {"青岚市": "", "云溪": "云溪县"}
    chain = _json("levels", "chain", "--indicator", "地区生产总值", "--year", "2024", *db)
    assert [(r["unit"], r["above"], r["gap"], r["matched_by"]) for r in chain] == [
        ("青岚市", "", None, "region"),
        ("云溪县", "青岚市", 1.5, "unit"),
    ]
    table = luoshi_text("levels", "chain", "--indicator", "GDP", "--year", "2024", *db).stdout
    assert "matched_by" in table.splitlines()[0] and "unit" in table.splitlines()[-1]


def test_year_close_carries_the_counties_children_under_the_carried_parent(migrated_sqlite_url: str) -> None:
    """A city and two counties over 2023 → 2024, on the command line."""
    db = ("--db", migrated_sqlite_url)
    assert (
        luoshi_text("ingest", str(FIXTURES / "yangquan-2023.txt"), "--as-of", "2023-02-22", *db).returncode
        == 0
    )
    assert luoshi_text("units", "import", "--example", *db).returncode == 0
    first, second = (str(t["id"]) for t in _json("tasks", "list", *db)[:2])
    now = ("--as-of", "2023-03-10", "--by", "督查室")
    forest = {
        str(r["county"]): str(r["task_id"])
        for r in _json("assign", "hand-down", first, "--to", "平定县,盂县", *now, *db)
    }
    other = {
        str(r["county"]): str(r["task_id"])
        for r in _json("assign", "hand-down", second, "--to", "平定县,盂县", *now, *db)
    }
    day = ("--as-of", "2024-01-20")
    for task_id, decision in (
        (first, "结转"),
        (forest["平定县"], "结转"),
        (forest["盂县"], "完成"),
        (other["盂县"], "结转"),
    ):
        assert luoshi_text("year", "decide", task_id, "--decision", decision, *day, *db).returncode == 0
    closed = luoshi_text("year", "close", "2023", "--rest", "完成", *day, *db)
    assert closed.returncode == 0, closed.stderr
    assert (
        f"下级任务 {other['盂县']} 结转为" in closed.stderr and f"上级任务 {second} 未结转" in closed.stderr
    )
    rows = {r["id"]: r for r in _json("status", "--year", "2024", "--as-of", "2024-03-01", *db)}
    parent = next(r for r in rows.values() if r["origin_id"] == int(first))
    children = [r for r in rows.values() if r["parent_id"] == parent["id"]]
    assert [(c["handed_to"], c["origin_id"]) for c in children] == [("平定县", int(forest["平定县"]))]
    alone = next(r for r in rows.values() if r["origin_id"] == int(other["盂县"]))
    assert (alone["parent_id"], alone["handed_to"]) == (None, "盂县")
    assert not any(r["origin_id"] == int(forest["盂县"]) for r in rows.values())  # 完成: not carried
    rolled = luoshi_text("levels", "rollup", str(parent["id"]), "--as-of", "2024-03-01", *db)
    assert "汇总：1 个下级" in rolled.stderr
