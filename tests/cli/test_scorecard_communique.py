"""``luoshi scorecard`` with a statistical communiqué as an outcome source, alone or beside the
next year's report: each line names its source and, where both state it, whether they agree."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.cli_inprocess import luoshi_text as luoshi

FIXTURES = Path(__file__).parent.parent / "fixtures"
NATIONAL = [str(FIXTURES / "guowuyuan-2021.txt"), str(FIXTURES / "guowuyuan-2022.txt")]
COMMUNIQUE_2021 = str(FIXTURES / "communiques" / "2021.txt")
CITY = [str(FIXTURES / "texts" / "link-city-2023.txt"), str(FIXTURES / "texts" / "link-city-2024.txt")]
CITY_COMMUNIQUE = str(FIXTURES / "communiques" / "city-2023-style.txt")


def card(*args: str) -> dict[str, Any]:
    out = luoshi("scorecard", *args, "--format", "json")
    assert out.returncode == 0, out.stderr
    data: dict[str, Any] = json.loads(out.stdout)
    return data


def line(data: dict[str, Any], indicator: str) -> dict[str, Any]:
    found: dict[str, Any] = next(x for x in data["lines"] if x["indicator"] == indicator)
    return found


def test_the_communique_alone_gives_the_outcomes() -> None:
    data = card(NATIONAL[0], COMMUNIQUE_2021)
    assert data["communique"]["title"] == "中华人民共和国2021年国民经济和社会发展统计公报"
    assert data["outcome_report"] is None
    gdp = line(data, "地区生产总值")
    assert (gdp["status"], gdp["outcome"]["value"], gdp["outcome_source"]) == ("met", 8.1, "统计公报")
    energy = line(data, "单位地区生产总值能耗")  # 下降3%左右 against the communiqué's 下降2.7%
    assert (energy["status"], energy["outcome"]["value"]) == ("missed", -2.7)
    grain = line(data, "粮食产量")  # 1.3万亿斤以上 against 68285万吨
    assert grain["status"] == "met" and grain["outcome"]["unit"] == "万吨"


def test_both_sources_say_which_and_whether_they_agree() -> None:
    data = card(NATIONAL[0], COMMUNIQUE_2021, NATIONAL[1])  # in any order: told apart by content
    assert data["outcome_report"]["year"] == 2022 and data["communique"]["year"] is None
    gdp = line(data, "地区生产总值")
    assert gdp["outcome_source"] == "统计公报" and gdp["agreement"].startswith("一致")
    grain = line(data, "粮食产量")  # 1.37万亿斤 in the report, 68285万吨 in the communiqué
    assert grain["agreement"] == "一致（次年报告1.37万亿斤，统计公报68285万吨）"
    only_report = [x for x in data["lines"] if x["outcome_source"] == "次年报告"]
    assert only_report and all(x["agreement"] == "统计公报未见" for x in only_report)
    table = luoshi("scorecard", *NATIONAL, COMMUNIQUE_2021)
    assert "实际来源" in table.stdout and "两源比较" in table.stdout and "统计公报" in table.stdout


def test_a_city_communique_that_differs_from_the_report() -> None:
    """Text written in a city communiqué's form: 地区生产总值 4.9% against the report's 4.8%."""
    data = card(*CITY, CITY_COMMUNIQUE)
    gdp = line(data, "地区生产总值")  # the report set no GDP target; the actual is shown for information
    assert gdp["status"] == "target_not_set"
    assert gdp["agreement"] == "不一致（次年报告4.8%，统计公报4.9%）"
    revenue = line(data, "一般公共预算收入")  # 120亿元 against 118.6亿元 in both
    assert revenue["status"] == "missed" and revenue["agreement"].startswith("一致")
    csv = luoshi("scorecard", *CITY, CITY_COMMUNIQUE, "--format", "csv").stdout
    assert "实际来源" in csv.splitlines()[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([NATIONAL[1], COMMUNIQUE_2021], "统计公报是2021年"),
        ([COMMUNIQUE_2021, NATIONAL[1]], "须为政府工作报告"),
        ([NATIONAL[0], COMMUNIQUE_2021, COMMUNIQUE_2021], "至多两份"),
    ],
)
def test_wrong_sources_are_one_line_and_exit_2(args: list[str], message: str) -> None:
    out = luoshi("scorecard", *args)
    assert out.returncode == 2 and message in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_a_folder_with_communiques_uses_them(tmp_path: Path) -> None:
    import shutil

    for src in [*CITY, CITY_COMMUNIQUE]:
        shutil.copy(src, tmp_path / Path(src).name)
    data = json.loads(luoshi("scorecard", str(tmp_path), "--format", "json").stdout)
    first = data["scorecards"][0]
    assert first["year"] == 2023 and first["communique"]["region"] == "青岚市"
    assert line(first, "一般公共预算收入")["outcome_source"] == "统计公报"
