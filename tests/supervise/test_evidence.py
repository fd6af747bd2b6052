from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from luoshi.errors import NotFoundError, ValidationError
from luoshi.supervise import evidence


def _zip(*names: str) -> bytes:
    """A small zip archive, the same bytes whenever it is built. The bytes are part of the test
    ids below, and each xdist worker collects on its own: with the build time in each entry (as
    ``writestr(name, …)`` stores it), two workers that built them on either side of one of the
    zip format's two-second steps collected different tests, and the run stopped before any test."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), "<x/>")
    return buffer.getvalue()


def test_the_sample_archives_are_the_same_bytes_at_any_time(monkeypatch: pytest.MonkeyPatch) -> None:
    now = _zip("[Content_Types].xml")
    monkeypatch.setattr(time, "time", lambda: 1_700_000_000.0)  # November 2023
    assert _zip("[Content_Types].xml") == now


@pytest.mark.parametrize(
    ("name", "data", "media_type"),
    [
        ("a.pdf", b"%PDF-1.7\n...", "application/pdf"),
        ("a.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        ("a.JPG", b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        ("a.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        ("a.docx", _zip("[Content_Types].xml", "word/document.xml"),
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("a.xlsx", _zip("[Content_Types].xml", "xl/workbook.xml"),
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("a.txt", "完成进度百分之六十".encode("gb18030"), "text/plain"),
    ],
)  # fmt: skip
def test_allowed_types_by_their_bytes(name: str, data: bytes, media_type: str) -> None:
    assert evidence.check(name, data).media_type == media_type


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.pdf", b"\x89PNG\r\n\x1a\n\x00", "扩展名不符"),  # a PNG renamed .pdf
        ("a.exe", b"MZ\x90\x00\x03\x00\x00\x00", "不支持"),
        ("a.zip", _zip("evil.sh"), "不支持"),
        ("a.txt", b"", "为空"),
        ("a.txt", b"abc\x00\x01def", "不支持"),
        ("..", b"%PDF-1.4", "文件名"),
    ],
)
def test_refused_files(name: str, data: bytes, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        evidence.check(name, data)


def test_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.pdf"
    with big.open("wb") as fh:
        fh.write(b"%PDF-1.4\n")
        fh.truncate(evidence.MAX_EVIDENCE_BYTES + 1)
    with pytest.raises(ValidationError, match="超过"):
        evidence.read_upload(big)
    with pytest.raises(ValidationError, match="超过"):
        evidence.check("big.pdf", b"%PDF-" + bytes(evidence.MAX_EVIDENCE_BYTES))


def test_stored_by_hash_and_never_outside_the_folder(tmp_path: Path) -> None:
    stored = evidence.save(tmp_path / "ev", "../../../etc/passwd.txt", b"hello")
    assert stored.name == "passwd.txt"
    assert evidence.open_blob(tmp_path / "ev", stored.sha256) == b"hello"
    assert evidence.save(tmp_path / "ev", "again.txt", b"hello").sha256 == stored.sha256
    for bad in ("../../etc/passwd", "a" * 63, stored.sha256.upper(), "/" + stored.sha256[1:]):
        with pytest.raises(NotFoundError):
            evidence.open_blob(tmp_path / "ev", bad)
    assert [p.name for p in (tmp_path / "ev").rglob("*") if p.is_file()] == [stored.sha256]
