"""``luoshi fengong FILE --report ID``: preview as table, JSON, CSV and xlsx; --apply; bad input."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from tests.cli_inprocess import luoshi_text
from tests.fengong_score import rates

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SHARED = FIXTURES / "fengong" / "yangquan-2023-fengong.txt"


def test_preview_apply_and_rerun(migrated_sqlite_url: str, tmp_path: Path) -> None:
    db = ("--db", migrated_sqlite_url)
    assert luoshi_text("ingest", str(FIXTURES / "yangquan-2023.txt"), *db).returncode == 0
    assert luoshi_text("units", "import", "--example", *db).returncode == 0
    shown = luoshi_text("fengong", str(SHARED), "--report", "1", *db)
    assert shown.returncode == 0, shown.stderr
    assert "阳政发〔2023〕3号" in shown.stdout and "加 --apply 执行" in shown.stdout
    assert "单位目录中没有的名称" in shown.stdout and "国网阳泉供电公司" in shown.stdout
    preview = json.loads(luoshi_text("fengong", str(SHARED), "--report", "1", "--format", "json", *db).stdout)
    gold = json.loads((FIXTURES / "fengong" / "yangquan-2023-fengong.gold.json").read_text(encoding="utf-8"))
    assert min(rates(gold, preview).values()) >= 0.95
    csv = luoshi_text("fengong", str(SHARED), "--report", "1", "--format", "csv", *db).stdout
    assert csv.splitlines()[0].lstrip("\ufeff").startswith("序号,分工任务,报告任务,牵头单位")
    out = tmp_path / "fengong.xlsx"
    assert (
        luoshi_text(
            "fengong", str(SHARED), "--report", "1", "--format", "xlsx", "--out", str(out), *db
        ).returncode
        == 0
    )
    assert load_workbook(out).sheetnames == ["分工", "无分工的报告任务", "变更"]
    applied = luoshi_text("fengong", str(SHARED), "--report", "1", "--apply", "--by", "督查室", *db)
    assert applied.returncode == 0 and "已写入的变更" in applied.stdout
    again = luoshi_text("fengong", str(SHARED), "--report", "1", "--apply", *db)
    assert "已写入的变更：0 项" in again.stdout
    listed = json.loads(luoshi_text("assign", "--confirm", "--format", "json", *db).stdout)
    assert sum(1 for row in listed if row["status"] == "confirmed") >= 60


def test_bad_input_is_one_line_and_exit_2(migrated_sqlite_url: str, tmp_path: Path) -> None:
    db = ("--db", migrated_sqlite_url)
    missing = luoshi_text("fengong", str(tmp_path / "无此文件.docx"), "--report", "1", *db)
    assert missing.returncode == 2 and "找不到文件" in missing.stderr
    luoshi_text("ingest", str(FIXTURES / "texts" / "county-2024.txt"), *db)
    empty = tmp_path / "notice.txt"
    empty.write_text("关于做好值班工作的通知\n请各单位认真落实。\n", encoding="utf-8")
    refused = luoshi_text("fengong", str(empty), "--report", "1", *db)
    assert refused.returncode == 2 and "没有读到分工任务" in refused.stderr
    assert luoshi_text("fengong", str(SHARED), "--report", "99", *db).returncode == 2
