from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.ingest.pdfgen import make_pdf
from tests.ingest.samples import PLAN, SENTENCE

from luoshi.errors import InputError
from luoshi.ingest import read_bytes, read_source

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(f"{PLAN}\n{SENTENCE}".encode("gb18030"))
    source = read_source(path)
    assert (source.format, source.text, source.path) == ("txt", f"{PLAN}\n{SENTENCE}", str(path))


def test_docx_paragraphs_and_table_cells(docx_file: Path) -> None:
    source = read_source(docx_file)
    assert source.format == "docx"
    assert source.text.splitlines() == [
        "2023年政府工作报告",
        PLAN,
        SENTENCE,
        "指标 目标",
        "原煤产量 6800万吨",
        "合并单元格只出现一次",
    ]


def test_type_comes_from_content_not_suffix(tmp_path: Path, docx_file: Path) -> None:
    disguised = tmp_path / "report.txt"
    disguised.write_bytes(docx_file.read_bytes())
    assert read_source(disguised).format == "docx"
    page = tmp_path / "page.txt"
    page.write_text(f"<html><body><p>{SENTENCE}</p><script>x()</script></body></html>", encoding="utf-8")
    assert read_source(page) == read_source(page).__class__(SENTENCE, "html", str(page))


def test_html_with_declared_charset(tmp_path: Path) -> None:
    page = tmp_path / "page.htm"
    markup = f'<html><head><meta charset="gb2312"></head><body><p>{PLAN}</p><p>{SENTENCE}</p></body></html>'
    page.write_bytes(markup.encode("gb18030"))
    assert read_source(page).text == f"{PLAN}\n{SENTENCE}"


def test_html_declaring_gb2312_but_saved_as_utf8(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    markup = f'<html><head><meta charset="gb2312"></head><body><p>{SENTENCE}</p></body></html>'
    page.write_bytes(markup.encode("utf-8"))
    assert read_source(page).text == SENTENCE


def test_pdf_file(tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    path.write_bytes(make_pdf([[PLAN, SENTENCE]]))
    assert read_source(path).text == f"{PLAN}\n{SENTENCE}"


def bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Each kind of unreadable input with a word its message must contain."""
    files: dict[str, tuple[bytes | None, str, str]] = {
        "missing": (None, "nope.txt", "找不到文件"),
        "empty": (b"", "empty.txt", "文件为空"),
        "blank": (b" \n\t\r\n", "blank.txt", "文件为空"),
        "png renamed": (PNG, "report.pdf", "PNG"),
        "binary": (bytes(range(256)) * 64, "data.txt", "无法读取"),
        "old word": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "r.doc", ".doc"),
        "scanned pdf": (make_pdf([[], []]), "scan.pdf", "扫描件"),
        "broken pdf": (b"%PDF-1.7\n1 0 obj << /Type /Catalog", "broken.pdf", "PDF"),
        "broken docx": (b"PK\x03\x04" + bytes(100), "broken.docx", "无法读取"),
        "html without text": (b"<html><body><script>x()</script></body></html>", "p.html", "没有正文"),
    }
    out: dict[str, tuple[Path, str]] = {}
    for key, (data, name, word) in files.items():
        path = tmp_path / name
        if data is not None:
            path.write_bytes(data)
        out[key] = (path, word)
    return out


BAD = [
    "missing",
    "empty",
    "blank",
    "png renamed",
    "binary",
    "old word",
    "scanned pdf",
    "broken pdf",
    "broken docx",
    "html without text",
]


@pytest.mark.parametrize("kind", BAD)
def test_bad_input_is_one_clear_line(tmp_path: Path, kind: str) -> None:
    path, word = bad_inputs(tmp_path)[kind]
    with pytest.raises(InputError) as caught:
        read_source(path)
    message = str(caught.value)
    assert word in message and str(path) in message
    assert "\n" not in message


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="目录"):
        read_source(tmp_path)


def test_device_is_not_a_report() -> None:
    with pytest.raises(InputError, match="不是普通文件"):
        read_source("/dev/zero")


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:  # sparse: 100 MB on paper, nothing on disk
        f.truncate(100 * 1024 * 1024)
    with pytest.raises(InputError, match="文件过大"):
        read_source(path)
    with pytest.raises(InputError, match="上限 1 MB"):
        read_source(path, max_bytes=1024 * 1024)


def test_size_limit_from_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "r.txt"
    path.write_text(SENTENCE * 100, encoding="utf-8")
    assert read_source(path).text  # the default limit, read once and remembered …
    monkeypatch.setenv("LUOSHI_MAX_INPUT_BYTES", "100")
    with pytest.raises(InputError, match="文件过大"):  # … until the environment changes
        read_source(path)
    monkeypatch.delenv("LUOSHI_MAX_INPUT_BYTES")
    assert read_source(path).text


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_permissions(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    path.chmod(0)
    with pytest.raises(InputError, match="权限"):
        read_source(path)


def test_read_bytes_names_the_input() -> None:
    with pytest.raises(InputError, match="<输入>"):
        read_bytes(b"")
