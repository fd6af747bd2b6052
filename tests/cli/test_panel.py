"""``luoshi panel`` as a user runs it (in-process), and ``--scheduler`` on a local Dask cluster."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pyarrow.parquet as pq
from tests.cli_inprocess import luoshi_text as luoshi

FIXTURES = Path(__file__).parent.parent / "fixtures"


def make_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "collection"
    folder.mkdir()
    for year in (2023, 2024):
        shutil.copy(FIXTURES / "texts" / f"link-province-{year}.txt", folder / f"province-{year}.txt")
    shutil.copy(FIXTURES / "communiques" / "province-2023-style.txt", folder / "gongbao.txt")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def test_panel_writes_csv_and_lists_what_it_skipped(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    out = luoshi("panel", str(folder), "--out", str(tmp_path / "panel.csv"), "--workers", "1")
    assert out.returncode == 0, out.stderr
    assert "3 份文件 → 20 行" in out.stderr and "跳过" in out.stderr and "empty.txt" in out.stderr
    text = (tmp_path / "panel.csv").read_text(encoding="utf-8-sig")
    rows = {(r["year"], r["indicator"]): r for r in csv.DictReader(io.StringIO(text))}
    gdp = rows[("2023", "地区生产总值")]  # 6.5%左右 against the communiqué's 6.1% (and the report's)
    assert (gdp["target_written"], gdp["outcome_written"], gdp["outcome_from"]) == (
        "6.5%左右",
        "6.1%",
        "统计公报",
    )
    assert (gdp["verdict_label"], gdp["sources_agree"]) == ("未完成", "True")
    again = luoshi("panel", str(folder), "--out", str(tmp_path / "panel.csv"), "--workers", "1")
    assert "本次读取 0 份，沿用 3 份" in again.stderr


def test_scheduler_option_runs_on_dask(tmp_path: Path) -> None:
    from distributed import LocalCluster

    folder = make_folder(tmp_path)
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    )
    with cluster:
        for command in ("panel", "corpus"):
            out = tmp_path / f"{command}.parquet"
            got = luoshi(command, str(folder), "--out", str(out), "--scheduler", cluster.scheduler_address)
            assert got.returncode == 0, got.stderr
            assert pq.read_table(out).num_rows > 0


def test_an_unreachable_scheduler_is_one_line(tmp_path: Path) -> None:
    import dask
    import distributed  # noqa: F401  (registers its config section; see below)

    folder = make_folder(tmp_path)
    # Dask's connect timeout (30 s by default), shortened as a user would with
    # DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT: nothing listens on port 9, so the wait is all of it.
    # distributed must be imported first: a set() that creates the "distributed" section removes
    # the whole section on exit, and every later LocalCluster in this process fails with KeyError.
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        got = luoshi(
            "panel", str(folder), "--out", str(tmp_path / "p.csv"), "--scheduler", "tcp://127.0.0.1:9"
        )
    assert got.returncode == 2 and "无法连接 Dask 调度器" in got.stderr
