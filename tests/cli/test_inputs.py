"""Input forms: standard input, Markdown and other text files in folder runs, --explain-outline."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.cli_inprocess import luoshi_bytes

from luoshi.ingest import is_report_file

LINE = "2023年，全市地区生产总值增长6%左右，新建5G基站1000座以上。\n"
# Front matter and bold headings as in 政府工作报告-省自治区/福建省/2022.txt (shared real corpus).
MARKDOWN = (
    "---\ntitle: 2023年某市政府工作报告\n---\n\n**一、2022年工作回顾**\n\n全市经济增长了5%。\n\n"
    "**二、2023年工作安排**\n\n今年主要预期目标是：地区生产总值增长6%左右。\n"
)


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """``luoshi ARGS`` in this process (the extract command's end-to-end run is tests/test_cli.py)."""
    return luoshi_bytes(*args, input=stdin)


def test_standard_input_is_read_with_a_dash() -> None:
    """Rule: `luoshi extract -` reads the report from standard input; a one-line plan gives items."""
    out = run_cli("extract", "-", "--format", "json", stdin=LINE.encode())
    assert out.returncode == 0, out.stderr.decode()
    doc = json.loads(out.stdout)
    assert doc["report"]["year"] == 2023
    assert {(i["indicator"], i["value"], i["part"]) for i in doc["items"]} >= {("地区生产总值", 6.0, "plan")}


def test_empty_standard_input_is_one_clear_line() -> None:
    out = run_cli("extract", "-", stdin=b"")
    assert out.returncode == 2 and "Traceback" not in out.stderr.decode()
    assert len(out.stderr.decode().strip().splitlines()) == 1


def test_markdown_and_text_files_of_any_suffix_are_reports(tmp_path: Path) -> None:
    """Rule: a folder run reads report suffixes and any file whose first bytes are Chinese text
    (a .md copy, a file without suffix); an English README.md and a binary file are not reports."""
    (tmp_path / "a.md").write_text(MARKDOWN, encoding="utf-8")
    (tmp_path / "b").write_text(LINE, encoding="utf-8")
    (tmp_path / "c.text").write_bytes(LINE.encode("gb18030"))
    (tmp_path / "README.md").write_text("# Reports\nNotes in English.\n", encoding="utf-8")
    (tmp_path / "d.bin").write_bytes(b"\x00\x01\x02binary\xff" * 20)
    picked = sorted(p.name for p in tmp_path.iterdir() if is_report_file(p))
    assert picked == ["a.md", "b", "c.text"]
    out = run_cli("extract", str(tmp_path), "--workers", "1")
    assert out.returncode == 0, out.stderr.decode()
    reports = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert len(reports) == 3
    md = next(r for r in reports if r["report"]["source"].endswith("a.md"))
    assert md["report"]["title"] == "2023年某市政府工作报告"
    assert any(i["part"] == "plan" and i["indicator"] == "地区生产总值" for i in md["items"])


def test_explain_outline_prints_parts_kinds_and_clues(tmp_path: Path) -> None:
    """Rule: --explain-outline prints metadata, each part with its kind and the clues behind it."""
    path = tmp_path / "r.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    out = run_cli("extract", str(path), "--explain-outline")
    assert out.returncode == 0, out.stderr.decode()
    text = out.stdout.decode()
    assert "第1部分 2022年工作回顾 → 回顾" in text and "第2部分 2023年工作安排 → 计划" in text
    assert "含主要预期目标句" in text
