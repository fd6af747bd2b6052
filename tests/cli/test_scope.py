"""``luoshi review --county``: one county's review and scores (上下联动), as its users see it on the web."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli_inprocess import luoshi_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_review_of_one_county(migrated_sqlite_url: str) -> None:
    db = ("--db", migrated_sqlite_url)
    assert luoshi_text("ingest", str(FIXTURES / "yangquan-2023.txt"), *db).returncode == 0
    assert luoshi_text("units", "import", "--example", *db).returncode == 0
    done = luoshi_text("tasks", "list", *db, "--format", "json")
    task = next(t for t in json.loads(done.stdout) if t.get("target_value") is not None)
    made = luoshi_text(
        "assign", "hand-down", str(task["id"]), "--to", "平定县,盂县", "--as-of", "2023-03-10", *db
    )
    assert made.returncode == 0, made.stderr
    when = ("--as-of", "2023-06-20", "--format", "json")
    whole = json.loads(luoshi_text("review", *when, *db).stdout)
    county = luoshi_text("review", "--county", "平定县", *when, *db)
    assert county.returncode == 0, county.stderr
    mine = json.loads(county.stdout)
    assert mine["total"]["tasks"] == 1 < whole["total"]["tasks"]
    assert {s["unit"] for s in mine["scoreboard"]} <= {"平定县"} and "盂县" in {
        s["unit"] for s in whole["scoreboard"]
    }
    refused = luoshi_text("review", "--county", "市发展改革委", *db)
    assert refused.returncode == 2 and "不是县（区）级单位" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
