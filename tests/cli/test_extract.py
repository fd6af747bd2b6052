"""The command as a user runs it: a subprocess, real files, exit codes and stderr."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.cli_inprocess import luoshi_bytes
from tests.ingest.pdfgen import make_pdf
from tests.ingest.samples import PLAN, SENTENCE, write_docx

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


run_cli = luoshi_bytes  # in-process; tests/test_cli.py runs `python -m luoshi extract` end to end


def assert_one_line_error(out: subprocess.CompletedProcess[bytes], word: str) -> None:
    stderr = out.stderr.decode()
    assert out.returncode == 2, stderr
    assert "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert word in stderr
    assert out.stdout == b""


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def sparse(path: Path, size: int) -> Path:
    with path.open("wb") as f:
        f.truncate(size)
    return path


BAD: dict[str, tuple[Callable[[Path], Path], str]] = {
    "missing": (lambda d: d / "nope.txt", "找不到文件"),
    "empty": (lambda d: write(d / "empty.txt", b""), "文件为空"),
    "binary": (lambda d: write(d / "a.bin", bytes(range(256)) * 32), "无法读取"),
    "png renamed": (lambda d: write(d / "report.pdf", PNG), "PNG"),
    "100 MB": (lambda d: sparse(d / "huge.txt", 100 * 1024 * 1024), "文件过大"),
    "scanned pdf": (lambda d: write(d / "scan.pdf", make_pdf([[]])), "扫描件"),
    "broken pdf": (lambda d: write(d / "broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog"), "PDF"),
    "truncated pdf": (lambda d: write(d / "cut.pdf", make_pdf([[SENTENCE]])[:-60]), "PDF"),
    "old word": (lambda d: write(d / "r.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)), ".doc"),
    "broken docx": (lambda d: write(d / "r.docx", b"PK\x03\x04" + bytes(200)), "无法读取"),
    "empty dir": (lambda d: d, "没有报告文件"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_is_one_line_exit_2(tmp_path: Path, case: str) -> None:
    make, word = BAD[case]
    assert_one_line_error(run_cli("extract", str(make(tmp_path)), "--format", "json"), word)


def test_hostile_html_is_read(tmp_path: Path) -> None:
    page = "<div>" * 100_000 + f"<p>{SENTENCE}</p>" + "<script>" + "&#x110000;" * 100
    out = run_cli("extract", str(write(tmp_path / "p.html", page.encode())), "--format", "json")
    assert out.returncode == 0, out.stderr.decode()
    assert json.loads(out.stdout)["report"]["format"] == "html"


def test_formats(tmp_path: Path, example_path: Path) -> None:
    as_json = json.loads(run_cli("extract", str(example_path), "--format", "json").stdout)
    assert set(as_json) == {"report", "items"} and as_json["report"]["sha256"]
    piped = json.loads(run_cli("extract", str(example_path)).stdout)  # not a terminal: JSON
    assert piped == as_json
    jsonl = run_cli("extract", str(example_path), "--format", "jsonl").stdout.decode()
    assert [json.loads(line) for line in jsonl.splitlines()] == as_json["items"]
    rows = list(
        csv.reader(
            io.StringIO(run_cli("extract", str(example_path), "--format", "csv").stdout.decode("utf-8-sig"))
        )
    )
    assert rows[0][:3] == ["part", "section", "indicator"] and len(rows) == len(as_json["items"]) + 1
    table = run_cli("extract", str(example_path), "--format", "table").stdout.decode()
    assert table.splitlines()[0].split()[:3] == ["部分", "章节", "指标"]
    assert run_cli("extract", str(example_path), "--format", "xlsx").stdout[:2] == b"PK"
    out = tmp_path / "out.xlsx"
    assert run_cli("extract", str(example_path), "--format", "xlsx", "--out", str(out)).returncode == 0
    assert out.read_bytes()[:2] == b"PK"


def test_csv_file_opens_in_excel(tmp_path: Path, example_path: Path) -> None:
    target = tmp_path / "items.csv"
    assert run_cli("extract", str(example_path), "--format", "csv", "--out", str(target)).returncode == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbfpart,")
    # a redirect (not a terminal) is a file too: `luoshi extract … --format csv > f.csv` opens in Excel
    assert run_cli("extract", str(example_path), "--format", "csv").stdout.startswith(b"\xef\xbb\xbfpart,")


def test_tasks_flag_lists_tasks(example_path: Path) -> None:
    out = run_cli("extract", str(example_path), "--tasks", "--format", "csv")
    assert out.returncode == 0
    assert out.stdout.decode("utf-8-sig").splitlines()[0].startswith("text,part,section,theme,verb")


@pytest.mark.parametrize("target", ["no/such/x.json", "."])
def test_unwritable_out_is_one_line(tmp_path: Path, example_path: Path, target: str) -> None:
    out = run_cli("extract", str(example_path), "--out", str(tmp_path / target))
    assert_one_line_error(out, "无法写入")


def reports_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    (folder / "county").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    write(folder / "a.txt", f"{PLAN}\n{SENTENCE}".encode("gb18030"))
    write(folder / "b.htm", f"<html><body><p>{PLAN}</p><p>{SENTENCE}</p></body></html>".encode())
    write_docx(folder / "c.docx")
    write(folder / "county" / "d.pdf", make_pdf([[PLAN, SENTENCE]]))
    write(folder / ".hidden" / "e.txt", SENTENCE.encode())
    write(folder / "notes.md", b"# Notes\nTo do: read the 2023 reports.\n")  # English, not a report
    return folder


def test_directory_in_parallel_as_json_lines(tmp_path: Path) -> None:
    folder = reports_dir(tmp_path)
    out = run_cli("extract", str(folder), "--workers", "2")
    assert out.returncode == 0, out.stderr.decode()
    reports = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert [Path(r["report"]["source"]).name for r in reports] == ["a.txt", "b.htm", "c.docx", "d.pdf"]
    assert [r["report"]["format"] for r in reports] == ["txt", "html", "docx", "pdf"]
    assert all(set(r) == {"report", "items"} for r in reports)


def test_directory_skips_unreadable_files_with_exit_1(tmp_path: Path) -> None:
    folder = reports_dir(tmp_path)
    write(folder / "broken.pdf", PNG)
    write(folder / "empty.txt", b"")
    target = tmp_path / "all.jsonl"
    out = run_cli("extract", str(folder), "--format", "jsonl", "--out", str(target))
    stderr = out.stderr.decode()
    assert out.returncode == 1, stderr
    assert "Traceback" not in stderr
    assert len(stderr.splitlines()) == 2 and "broken.pdf" in stderr and "empty.txt" in stderr
    assert len(target.read_text(encoding="utf-8").splitlines()) == 4


def test_directory_output_file_inside_the_directory_is_not_read(tmp_path: Path) -> None:
    folder = reports_dir(tmp_path)
    target = folder / "all.txt"
    out = run_cli("extract", str(folder), "--out", str(target))
    assert out.returncode == 0, out.stderr.decode()
    assert len(target.read_text(encoding="utf-8").splitlines()) == 4


def test_directory_where_nothing_is_readable_is_exit_2(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", b"")
    write(tmp_path / "b.pdf", PNG)
    out = run_cli("extract", str(tmp_path))
    assert out.returncode == 2
    assert "都无法读取" in out.stderr.decode().splitlines()[-1]


def test_directory_refuses_table_format(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", SENTENCE.encode())
    assert_one_line_error(run_cli("extract", str(tmp_path), "--format", "table"), "JSON Lines")


def test_terminal_gets_a_table_and_no_xlsx_bytes(example_path: Path, tmp_path: Path) -> None:
    """xlsx without --out on a terminal goes to luoshi-extract-<name>.xlsx, as for every command."""
    import os
    import pty

    def on_terminal(*args: str) -> tuple[int, str, str]:
        main, child = pty.openpty()
        proc = subprocess.Popen(
            [sys.executable, "-m", "luoshi", *args],
            stdout=child,
            stderr=subprocess.PIPE,
            close_fds=True,
            cwd=tmp_path,
        )
        os.close(child)
        chunks = []
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(main)
        _, err = proc.communicate(timeout=120)
        return proc.returncode, b"".join(chunks).decode(errors="replace"), err.decode()

    code, out, err = on_terminal("extract", str(example_path))
    assert code == 0 and out.split()[:3] == ["部分", "章节", "指标"], err
    code, out, err = on_terminal("extract", str(example_path), "--format", "xlsx")
    assert code == 0 and out.strip() == f"luoshi-extract-{example_path.stem}.xlsx", err
    assert "PK" not in out and (tmp_path / out.strip()).read_bytes()[:2] == b"PK"


def test_directory_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    import fcntl
    import os
    import pty
    import struct
    import termios

    folder = reports_dir(tmp_path)
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a 100-column terminal
    proc = subprocess.Popen(
        [sys.executable, "-m", "luoshi", "extract", str(folder), "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=child,
        close_fds=True,
    )
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    out, _ = proc.communicate(timeout=120)
    bar = b"".join(chunks).decode(errors="replace")
    assert proc.returncode == 0
    assert "读取报告" in bar and "4/4" in bar
    assert len(out.decode().splitlines()) == 4
