"""Evidence files: type-checked by their bytes, size-limited, stored by content hash in the data folder."""

from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from luoshi.errors import InputError, NotFoundError, ValidationError

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
ALLOWED = {  # media type → file name extensions
    "application/pdf": (".pdf",),
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/gif": (".gif",),
    "image/webp": (".webp",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx",),
    "text/plain": (".txt",),
}
_MAGIC = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
]
_OOXML = {
    "word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/workbook.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_SHA256 = re.compile(r"[0-9a-f]{64}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# direction overrides, embeddings and isolates: "发票\u202egnp.exe" would show as "发票exe.png"
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def as_record(stored: StoredFile) -> dict[str, object]:
    """A stored file as a JSON record kept on the row that cites it."""
    return {"sha256": stored.sha256, "name": stored.name, "size": stored.size, "type": stored.media_type}


def folder_in(data_dir: Path) -> Path:
    """Where evidence files live under the data folder."""
    return data_dir / "evidence"


@dataclass(frozen=True, slots=True)
class StoredFile:
    sha256: str
    name: str
    size: int
    media_type: str


def sniff(data: bytes) -> str | None:
    """The media type the bytes say they are (None: not an allowed type)."""
    for magic, media_type in _MAGIC:
        if data.startswith(magic):
            return media_type
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data.startswith(b"PK\x03\x04"):
        return _ooxml_type(data)
    return "text/plain" if _is_text(data) else None


def _ooxml_type(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    return next((media for part, media in _OOXML.items() if part in names), None)


def _is_text(data: bytes) -> bool:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return bool(text.strip()) and not _CONTROL.search(text)
    return False


def check(name: str, data: bytes) -> StoredFile:
    """Validate a file's size and type (its bytes must match its extension)."""
    clean = safe_name(name)
    if not data:
        raise ValidationError(f"佐证材料为空：{clean}")
    if len(data) > MAX_EVIDENCE_BYTES:
        raise ValidationError(f"佐证材料超过 {MAX_EVIDENCE_BYTES // (1024 * 1024)} MB：{clean}")
    media_type = sniff(data)
    if media_type is None:
        raise ValidationError(f"不支持的文件类型（只接受 PDF、图片、docx、xlsx、txt）：{clean}")
    if Path(clean).suffix.lower() not in ALLOWED[media_type]:
        raise ValidationError(f"文件内容（{media_type}）与扩展名不符：{clean}")
    return StoredFile(hashlib.sha256(data).hexdigest(), clean, len(data), media_type)


def safe_name(name: str) -> str:
    """The file's own name only: no folders, no control characters, at most 255 characters."""
    base = shown_name(_CONTROL.sub("", name.replace("\\", "/").rsplit("/", 1)[-1])).strip()
    if base in ("", ".", ".."):
        raise ValidationError("佐证材料缺少文件名")
    return base[-255:]


def shown_name(name: str) -> str:
    """A stored file name as it may be displayed: without Unicode direction controls."""
    return _BIDI.sub("", name)


def save(folder: Path, name: str, data: bytes) -> StoredFile:
    """Check and store ``data`` under ``folder`` by its sha256 (idempotent)."""
    stored = check(name, data)
    target = blob_path(folder, stored.sha256)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    return stored


def read_upload(path: Path) -> bytes:
    """A file given on the command line, refused before reading when it is too large."""
    try:
        if path.stat().st_size > MAX_EVIDENCE_BYTES:
            raise ValidationError(f"佐证材料超过 {MAX_EVIDENCE_BYTES // (1024 * 1024)} MB：{path.name}")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取佐证材料 {path}：{exc.strerror}") from exc


def blob_path(folder: Path, sha256: str) -> Path:
    """Where a file with this hash lives; refuses anything but a hash, so no path escapes ``folder``."""
    if not _SHA256.fullmatch(sha256):
        raise NotFoundError("佐证材料不存在")
    root = folder.resolve()
    path = (root / sha256[:2] / sha256).resolve()
    if not path.is_relative_to(root):
        raise NotFoundError("佐证材料不存在")
    return path


def open_blob(folder: Path, sha256: str) -> bytes:
    path = blob_path(folder, sha256)
    if not path.is_file():
        raise NotFoundError("佐证材料不存在")
    return path.read_bytes()
