"""``luoshi scorecard`` end to end, as a user runs it."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from tests.cli_inprocess import luoshi_text

TEXTS = Path(__file__).parent.parent / "fixtures" / "texts"
CITY = [str(TEXTS / "link-city-2023.txt"), str(TEXTS / "link-city-2024.txt")]


def luoshi_process(*args: str) -> subprocess.CompletedProcess[str]:
    """The real ``python -m luoshi``: this file's one end-to-end test."""
    return subprocess.run(
        [sys.executable, "-m", "luoshi", *args], capture_output=True, text=True, timeout=120
    )


luoshi = luoshi_text  # the other tests run the command in-process


def test_json_lists_lines_with_verdicts() -> None:
    out = luoshi_process("scorecard", *CITY, "--format", "json")
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
    assert table.stdout.startswith("成绩单 青岚市2023年") and "未设目标" in table.stdout
    out = luoshi("scorecard", *CITY, "--format", "csv")
    assert out.stdout.startswith("\ufeff")  # CSV is UTF-8 with a BOM, on a redirect too
    rows = list(csv.DictReader(io.StringIO(out.stdout.removeprefix("\ufeff"))))
    assert {r["结论"] for r in rows} >= {"未设目标"}
    assert {"指标", "目标", "实际", "结论", "说明", "目标原文", "实际原文"} <= set(rows[0])


def test_xlsx_without_out_writes_the_default_file_like_every_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One --out option, one behaviour: xlsx without --out goes to luoshi-<command>-….xlsx here."""
    from openpyxl import load_workbook

    monkeypatch.chdir(tmp_path)
    default = luoshi("scorecard", *CITY, "--format", "xlsx")
    assert default.returncode == 0 and default.stdout.strip() == "luoshi-scorecard-2023.xlsx"
    assert load_workbook(tmp_path / "luoshi-scorecard-2023.xlsx").active is not None
    path = tmp_path / "card.xlsx"
    out = luoshi("scorecard", *CITY, "--format", "xlsx", "--out", str(path))
    assert out.returncode == 0, out.stderr
    lines = json.loads(luoshi("scorecard", *CITY, "--format", "json").stdout)["lines"]
    sheet = load_workbook(path).active
    assert sheet is not None and sheet["A1"].value == "指标" and sheet.max_row == 1 + len(lines)
    names = [sheet.cell(row=i + 2, column=1).value for i in range(len(lines))]
    assert names == [x["indicator"] for x in lines]


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


def test_a_folder_of_several_years_chains_them(tmp_path: Path) -> None:
    import shutil

    for region in ("province", "city"):
        (tmp_path / region).mkdir()
        for year in (2023, 2024):
            shutil.copy(TEXTS / f"link-{region}-{year}.txt", tmp_path / region / f"{year}.txt")
    (tmp_path / "city" / "notes.txt").write_text("", encoding="utf-8")
    out = luoshi("scorecard", str(tmp_path), "--format", "json")
    assert out.returncode == 0, out.stderr
    assert "跳过" in out.stderr and "notes.txt" in out.stderr
    cards = json.loads(out.stdout)["scorecards"]
    assert [(c["year"], c["outcome_report"] is not None) for c in cards] == [
        (2023, True),
        (2024, False),
        (2023, True),
        (2024, False),
    ]
    city_2023 = next(c for c in cards if c["plan_report"]["source"].endswith("city/2023.txt"))
    assert city_2023["counts"]["target_not_set"] == 2
    text = luoshi("scorecard", str(tmp_path), "--format", "csv").stdout.removeprefix("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["年份"] for r in rows} == {"2023", "2024"}
    path = tmp_path / "cards.xlsx"
    assert luoshi("scorecard", str(tmp_path), "--format", "xlsx", "--out", str(path)).returncode == 0
    from openpyxl import load_workbook

    assert len(load_workbook(path).sheetnames) == 4


def test_two_reports_of_one_year_in_one_folder_are_refused(tmp_path: Path) -> None:
    import shutil

    shutil.copy(TEXTS / "link-city-2023.txt", tmp_path / "a.txt")
    text = (TEXTS / "link-city-2023.txt").read_text(encoding="utf-8")
    (tmp_path / "b.txt").write_text(text + "\n（修订稿）\n", encoding="utf-8")
    out = luoshi("scorecard", str(tmp_path))
    assert out.returncode == 2 and "两份2023年" in out.stderr


PROVINCE = [str(TEXTS / "link-province-2023.txt"), str(TEXTS / "link-province-2024.txt")]


def status_of(args: list[str], indicator: str) -> str:
    out = luoshi("scorecard", *args, "--format", "json")
    assert out.returncode == 0, out.stderr
    return str(next(x["status"] for x in json.loads(out.stdout)["lines"] if x["indicator"] == indicator))


def test_tolerance_option() -> None:
    assert status_of(PROVINCE, "地区生产总值") == "missed"  # 6.1% against 6.5%左右, ±0.2
    assert status_of([*PROVINCE, "--tolerance-points", "0.5"], "地区生产总值") == "met"


def test_vocabulary_option(tmp_path: Path) -> None:
    path = tmp_path / "v.yaml"
    path.write_text(
        "indicators:\n"
        "  - {name: 地区生产总值, synonyms: [国内生产总值, 生产总值, GDP], unit: currency,"
        " metrics: [growth, level], direction: band}\n"
        "  - {name: 城市口袋公园, synonyms: [新建城市口袋公园, 口袋公园], unit: count, metrics: [count]}\n",
        encoding="utf-8",
    )
    assert status_of([*PROVINCE, "--vocabulary", str(path)], "城市口袋公园") == "not_reported"
    assert (
        status_of([*PROVINCE, "--vocabulary", str(path), "--tolerance-points", "0.5"], "地区生产总值")
        == "met"
    )
    assert (
        status_of([*PROVINCE, "--vocabulary", str(path), "--tolerance-points", "0.3"], "地区生产总值")
        == "missed"
    )
