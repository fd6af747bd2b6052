"""The target panel: one row per region, year and headline indicator, resumable, the same on Dask."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from luoshi.link.corpus import Done
from luoshi.link.panel import COLUMNS, HEADLINE, build_panel

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """National reports 2021–2022 and communiqués 2021–2022; a city's reports and communiqué."""
    root = tmp_path / "collection"
    for sub in ("国务院", "公报", "青岚市"):
        (root / sub).mkdir(parents=True)
    for year in (2021, 2022):
        shutil.copy(FIXTURES / f"guowuyuan-{year}.txt", root / "国务院" / f"{year}.txt")
        shutil.copy(FIXTURES / "communiques" / f"{year}.txt", root / "公报" / f"{year}.txt")
    for year in (2023, 2024):
        shutil.copy(FIXTURES / "texts" / f"link-city-{year}.txt", root / "青岚市" / f"{year}.txt")
    shutil.copy(FIXTURES / "communiques" / "city-2023-style.txt", root / "青岚市" / "公报2023.txt")
    return root


def rows(path: Path) -> dict[tuple[str, int, str], dict[str, Any]]:
    table: list[dict[str, Any]] = pq.read_table(path).to_pylist()
    return {(r["region"], r["year"], r["indicator"]): r for r in table}


def test_rows_with_targets_outcomes_verdicts_and_spans(folder: Path, tmp_path: Path) -> None:
    result = build_panel(folder, tmp_path / "panel.parquet", workers=1)
    assert result.files == 7 and not result.skipped
    panel = rows(tmp_path / "panel.parquet")
    assert list(pq.read_table(tmp_path / "panel.parquet").schema.names) == list(COLUMNS)
    # region-years: 全国 2021, 2022; 青岚市 2023, 2024 — each with every headline indicator
    assert len(panel) == 4 * len(HEADLINE)
    gdp = panel[("全国", 2021, "地区生产总值")]
    assert (gdp["target_value"], gdp["target_hedge"], gdp["previous_value"]) == (6.0, "以上", 2.3)
    assert (gdp["outcome_value"], gdp["outcome_from"], gdp["verdict"]) == (8.1, "统计公报", "met")
    assert gdp["report_outcome"] == "8.1%" and gdp["sources_agree"] is True
    assert gdp["target_source"] == "国务院/2021.txt" and gdp["outcome_source"] == "公报/2021.txt"
    assert "6%以上" in gdp["target_sentence"] and gdp["target_end"] > gdp["target_start"] > 0
    energy = panel[("全国", 2021, "单位地区生产总值能耗")]
    assert (energy["target_value"], energy["outcome_value"], energy["verdict"]) == (-3.0, -2.7, "missed")
    assert panel[("全国", 2022, "地区生产总值")]["verdict"] == "missed"  # 5.5%左右 against 3.0%
    assert panel[("全国", 2022, "单位地区生产总值能耗")]["verdict"] == "target_not_set"
    jobless = panel[("全国", 2022, "城镇调查失业率")]  # 全年控制在5.5%以内 against 5.6%
    assert (jobless["target_value"], jobless["outcome_value"], jobless["verdict"]) == (5.5, 5.6, "missed")
    city = panel[("青岚市", 2023, "一般公共预算收入")]  # 完成120亿元 against 118.6亿元
    assert (city["target_value"], city["outcome_value"], city["verdict"]) == (120.0, 118.6, "missed")
    assert city["sources_agree"] is True and city["level"] == "city"
    assert panel[("青岚市", 2023, "地区生产总值")]["verdict"] == "target_not_set"
    assert panel[("青岚市", 2024, "地区生产总值")]["verdict"] in ("not_reported", None)


def test_csv_and_resume_after_interruption(folder: Path, tmp_path: Path) -> None:
    whole = build_panel(folder, tmp_path / "whole.csv", workers=1)
    seen: list[Done] = []

    def stop_after_two(done: Done) -> None:
        seen.append(done)
        if len(seen) == 2:
            raise KeyboardInterrupt

    out = tmp_path / "resumed.csv"
    with pytest.raises(KeyboardInterrupt):
        build_panel(folder, out, workers=1, on_report=stop_after_two)
    resumed = build_panel(folder, out, workers=1)
    assert (resumed.reused, resumed.extracted) == (2, 5)
    assert out.read_bytes() == (tmp_path / "whole.csv").read_bytes()
    assert whole.rows == resumed.rows == 4 * len(HEADLINE)
    assert out.read_text(encoding="utf-8-sig").startswith("region,level,year,indicator,target_value")


def test_dask_gives_the_same_panel(folder: Path, tmp_path: Path) -> None:
    from distributed import LocalCluster

    build_panel(folder, tmp_path / "pool.parquet", workers=2)
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    )
    with cluster:
        result = build_panel(folder, tmp_path / "dask.parquet", scheduler=cluster.scheduler_address)
        assert result.extracted == 7
        again = build_panel(folder, tmp_path / "dask.parquet", scheduler=cluster.scheduler_address)
        assert (again.extracted, again.reused) == (0, 7)  # resumable the same way
    assert rows(tmp_path / "dask.parquet") == rows(tmp_path / "pool.parquet")


# The 1999 national report's plan part opens with last year's result (国务院 1999, shared collection).
RESULT_1999 = (
    "国内生产总值比上年增长7.8%，虽然略低于8%的预定目标，"
    "但这是在抵御亚洲金融危机的冲击和战胜国内特大洪涝灾害的情况下取得的，来之不易。"
)
CITY_STYLE = (
    "去年全市地区生产总值比上年增长6.1%，实现了年初预定的目标。今年主要预期目标是：地区生产总值增长6%左右。"
)


@pytest.mark.parametrize(("plan", "expected"), [(RESULT_1999, None), (CITY_STYLE, (6.0, "about"))])
def test_a_result_in_the_plan_part_is_not_the_target(plan: str, expected: tuple[float, str] | None) -> None:
    from luoshi.link.panel import report_facts
    from luoshi.link.vocabulary import load_vocabulary
    from luoshi.pipeline import read_text

    head = "政府工作报告\n——2024年2月1日在青岚市人民代表大会上\n\n一、2023年工作回顾\n经济平稳。\n\n"
    text = f"{head}二、2024年工作安排\n{plan}\n"
    target = report_facts(read_text(text), load_vocabulary())["targets"]["地区生产总值"]
    assert (target["value"], target["modifier"]) == expected if expected else target is None
