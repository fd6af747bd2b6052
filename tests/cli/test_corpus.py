"""``luoshi corpus`` end to end, as a user runs it."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
from tests.cli_inprocess import luoshi_text

from luoshi.link.corpus import COLUMNS

FIXTURES = Path(__file__).parent.parent / "fixtures"


def luoshi_process(*args: str) -> subprocess.CompletedProcess[str]:
    """The real ``python -m luoshi``: this file's one end-to-end test."""
    return subprocess.run(
        [sys.executable, "-m", "luoshi", *args], capture_output=True, text=True, timeout=120
    )


luoshi = luoshi_text  # the other tests run the command in-process


def make_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for src in (FIXTURES / "texts").glob("link-*.txt"):
        shutil.copy(src, folder / src.name)
    (folder / "blank.html").write_text("  \n\t\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def test_parquet_with_skipped_files_listed(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    out = luoshi_process("corpus", str(folder), "--out", str(tmp_path / "d.parquet"), "--workers", "2")
    assert out.returncode == 0, out.stderr
    count = len(list((FIXTURES / "texts").glob("link-*.txt")))
    assert f"{count} 篇报告" in out.stderr
    skipped = [line for line in out.stderr.splitlines() if line.startswith("跳过")]
    assert (
        len(skipped) == 2
        and any("empty.txt" in s for s in skipped)
        and any("blank.html" in s for s in skipped)
    )
    data = pq.read_table(tmp_path / "d.parquet")
    assert data.schema.names == list(COLUMNS)
    rows = data.to_pylist()
    assert {r["source"] for r in rows} == {p.name for p in (FIXTURES / "texts").glob("link-*.txt")}
    assert all(r["sentence"] and r["end"] > r["start"] for r in rows)
    again = luoshi("corpus", str(folder), "--out", str(tmp_path / "d.parquet"), "--no-progress")
    assert f"沿用 {count} 篇" in again.stderr


def test_csv_header(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    out = luoshi("corpus", str(folder), "--out", str(tmp_path / "d.csv"), "--no-progress")
    assert out.returncode == 0, out.stderr
    with (tmp_path / "d.csv").open(encoding="utf-8-sig") as fh:  # CSV files carry a BOM
        assert next(csv.reader(fh)) == list(COLUMNS)


def test_bad_output_suffix_and_missing_folder(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    for args in (
        ["corpus", str(folder), "--out", str(tmp_path / "d.xlsx")],
        ["corpus", str(tmp_path / "no"), "--out", "d.csv"],
    ):
        out = luoshi(*args)
        assert out.returncode == 2 and "Traceback" not in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1


def test_vocabulary_option_names_the_canonical_column(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    vocab = tmp_path / "v.yaml"
    vocab.write_text(
        "indicators:\n  - {name: 城市口袋公园, synonyms: [新建城市口袋公园], unit: count}\n",
        encoding="utf-8",
    )
    args = ["corpus", str(folder), "--no-progress", "--vocabulary", str(vocab)]
    assert luoshi(*args, "--out", str(tmp_path / "v.parquet")).returncode == 0
    assert (
        luoshi("corpus", str(folder), "--no-progress", "--out", str(tmp_path / "d.parquet")).returncode == 0
    )
    with_vocab = {r["canonical_indicator"] for r in pq.read_table(tmp_path / "v.parquet").to_pylist()}
    without = {r["canonical_indicator"] for r in pq.read_table(tmp_path / "d.parquet").to_pylist()}
    assert "城市口袋公园" in with_vocab and "城市口袋公园" not in without
