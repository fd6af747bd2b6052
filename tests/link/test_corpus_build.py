"""The corpus builder: parallel equals serial, resume redoes nothing, bad files are skipped."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from tests.link.rowmakers import failing_rows, number_rows

from luoshi.errors import InputError, ValidationError
from luoshi.link import corpus
from luoshi.link.corpus import COLUMNS, Done, build_corpus, extract_rows, report_rows
from luoshi.link.vocabulary import load_vocabulary
from luoshi.pipeline import read_report

FIXTURES = Path(__file__).parent.parent / "fixtures"
SOURCES = sorted((FIXTURES / "texts").glob("link-*.txt"))
N = 2 * len(SOURCES)  # each source and a variant of it


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """N distinct reports in two folders, plus debris that is not a report."""
    root = tmp_path / "reports"
    (root / "province").mkdir(parents=True)
    (root / "city").mkdir()
    for src in SOURCES:
        shutil.copy(src, root / ("city" if "city" in src.name else "province") / src.name)
        variant = src.read_text(encoding="utf-8").replace("各位代表", "各位代表、同志们")
        (root / "province" / f"v-{src.name}").write_text(variant + "\n附：123。\n", encoding="utf-8")
    (root / "notes.md").write_text("not a report 42", encoding="utf-8")
    (root / ".hidden.txt").write_text("hidden 7", encoding="utf-8")
    return root


def table(path: Path) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = pq.read_table(path).to_pylist()
    return rows


def test_parallel_gives_the_same_rows_as_serial(folder: Path, tmp_path: Path) -> None:
    serial = build_corpus(folder, tmp_path / "s.parquet", workers=1, rows_of=number_rows)
    parallel = build_corpus(folder, tmp_path / "p.parquet", workers=2, rows_of=number_rows)
    assert serial.reports == parallel.reports == N
    assert serial.rows == parallel.rows > 100
    assert table(tmp_path / "s.parquet") == table(tmp_path / "p.parquet")
    assert list(pq.read_table(tmp_path / "p.parquet").schema.names) == list(COLUMNS)
    sources = {r["source"] for r in table(tmp_path / "p.parquet")}
    assert "city/link-city-2023.txt" in sources and "notes.md" not in sources


def test_resume_after_interruption_redoes_nothing(folder: Path, tmp_path: Path) -> None:
    whole = build_corpus(folder, tmp_path / "whole.csv", workers=1, rows_of=number_rows)
    seen: list[Done] = []

    def stop_after_three(done: Done) -> None:
        seen.append(done)
        if len(seen) == 3:
            raise KeyboardInterrupt

    out = tmp_path / "resumed.csv"
    with pytest.raises(KeyboardInterrupt):
        build_corpus(folder, out, workers=1, rows_of=number_rows, on_report=stop_after_three)
    assert not out.exists()
    parts = sorted((tmp_path / "resumed.csv.parts").rglob("*.arrow"))
    assert len(parts) == 3
    stamps = {p: p.stat().st_mtime_ns for p in parts}
    again = build_corpus(folder, out, workers=1, rows_of=number_rows)
    assert (again.reused, again.extracted) == (3, N - 3)
    assert {p: p.stat().st_mtime_ns for p in parts} == stamps
    assert out.read_text(encoding="utf-8") == (tmp_path / "whole.csv").read_text(encoding="utf-8")
    assert again.rows == whole.rows
    third = build_corpus(folder, out, workers=2, rows_of=number_rows)
    assert (third.reused, third.extracted) == (N, 0)


def test_part_files_hold_each_reports_rows_as_a_typed_table(folder: Path, tmp_path: Path) -> None:
    """A part file is an Arrow table of the report's rows in the table's columns (all but source)."""
    out = tmp_path / "c.parquet"
    first = build_corpus(folder, out, workers=1, rows_of=number_rows)
    parts = sorted((tmp_path / "c.parquet.parts").rglob("*.arrow"))
    assert len(parts) == N and not list((tmp_path / "c.parquet.parts").rglob("*.json"))
    tables = [pa.ipc.open_file(pa.memory_map(str(p))).read_all() for p in parts]
    assert all(t.schema.names == [c for c in COLUMNS if c != "source"] for t in tables)
    assert all(t.schema.field("value").type == pa.float64() for t in tables)
    rows = sorted((r["start"], r["value"]) for t in tables for r in t.to_pylist())
    assert rows == sorted((r["start"], r["value"]) for r in table(out)) and len(rows) == first.rows
    for path in parts:  # a report without quantities is an empty table, read back as none
        corpus.write_part_table([], path)
    again = build_corpus(folder, out, workers=1, rows_of=number_rows)
    assert (again.reused, again.rows) == (N, 0)
    assert pq.read_table(out).schema.names == list(COLUMNS)


def test_unreadable_files_are_skipped_and_listed(folder: Path, tmp_path: Path) -> None:
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "boom.txt").write_text("政府工作报告 1 2 3", encoding="utf-8")
    result = build_corpus(folder, tmp_path / "d.parquet", workers=2, rows_of=failing_rows)
    skipped = dict(result.skipped)
    assert set(skipped) == {str(folder / "empty.txt"), str(folder / "boom.txt")}
    assert "为空" in skipped[str(folder / "empty.txt")]
    assert "RuntimeError" in skipped[str(folder / "boom.txt")]
    assert result.reports == N


def test_real_extraction_rows_match_the_reader(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    for name in ("guowuyuan-2021.txt", "guowuyuan-2022.txt"):
        shutil.copy(FIXTURES / name, folder / name)
    build_corpus(folder, tmp_path / "d.parquet", workers=2)
    vocab = load_vocabulary()
    expected = []
    for name in ("guowuyuan-2021.txt", "guowuyuan-2022.txt"):
        for row in report_rows(read_report(folder / name), vocab):
            expected.append({**{c: row.get(c) for c in COLUMNS}, "source": name})
    rows = table(tmp_path / "d.parquet")
    assert rows == expected and len(rows) > 100
    gdp = [r for r in rows if r["canonical_indicator"] == "地区生产总值" and r["metric"] == "growth"]
    assert {(r["source"], r["value"]) for r in gdp} >= {
        ("guowuyuan-2021.txt", 6.0),
        ("guowuyuan-2022.txt", 8.1),
    }
    grain = next(r for r in rows if r["canonical_indicator"] == "粮食产量" and r["unit"] == "万亿斤")
    assert isinstance(grain["value"], float)
    assert grain["base_unit"] == "吨" and grain["base_value"] == pytest.approx(grain["value"] * 5e8)
    assert extract_rows(folder / "guowuyuan-2021.txt") == report_rows(
        read_report(folder / "guowuyuan-2021.txt"), vocab
    )
    assert read_report(folder / "guowuyuan-2021.txt", tasks=False).tasks == []  # the corpus needs none


def test_bad_arguments(folder: Path, tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        build_corpus(folder, tmp_path / "d.xlsx")
    with pytest.raises(InputError):
        build_corpus(tmp_path / "missing", tmp_path / "d.csv")
    (tmp_path / "none").mkdir()
    with pytest.raises(InputError, match="没有报告"):
        build_corpus(tmp_path / "none", tmp_path / "d.csv")


def test_part_files_are_keyed_by_the_reading_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A changed rule is not served from parts an older code wrote (the digest covers code and data)."""
    before = corpus.work_folder(tmp_path / "c.parquet", None)
    assert before == corpus.work_folder(tmp_path / "c.parquet", None)  # stable within a version
    monkeypatch.setattr(corpus, "code_digest", lambda: b"a changed rule")
    assert corpus.work_folder(tmp_path / "c.parquet", None) != before
