"""``luoshi scorecard`` end to end, as a user runs it."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

TEXTS = Path(__file__).parent.parent / "fixtures" / "texts"
CITY = [str(TEXTS / "link-city-2023.txt"), str(TEXTS / "link-city-2024.txt")]


def luoshi(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "luoshi", *args], capture_output=True, text=True, timeout=120
    )


def test_json_lists_lines_with_verdicts() -> None:
    out = luoshi("scorecard", *CITY, "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["year"] == 2023
    assert data["counts"]["target_not_set"] == 2
    unset = {line["indicator"]: line for line in data["lines"] if line["status"] == "target_not_set"}
    assert set(unset) == {"地区生产总值", "单位地区生产总值能耗"}
    assert "统筹考核" in unset["单位地区生产总值能耗"]["target_sentence"]


def test_table_and_csv() -> None:
    table = luoshi("scorecard", *CITY)
    assert table.returncode == 0, table.stderr
    assert table.stdout.startswith("成绩单 2023年") and "未设目标" in table.stdout
    out = luoshi("scorecard", *CITY, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert {r["结论"] for r in rows} >= {"未设目标"}
    assert {"指标", "目标", "实际", "结论", "说明", "目标原文", "实际原文"} <= set(rows[0])


def test_xlsx_needs_an_out_file(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    refused = luoshi("scorecard", *CITY, "--format", "xlsx")
    assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1
    path = tmp_path / "card.xlsx"
    out = luoshi("scorecard", *CITY, "--format", "xlsx", "--out", str(path))
    assert out.returncode == 0, out.stderr
    sheet = load_workbook(path).active
    assert sheet is not None and sheet["A1"].value == "指标" and sheet.max_row == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["scorecard", CITY[1], CITY[0]], "应晚于"),
        (["scorecard", CITY[0], "/nonexistent/report.txt"], "找不到"),
        (["scorecard", *CITY, "--vocabulary", "/nonexistent/v.yaml"], "词表"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    out = luoshi(*args)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr and message in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
