"""Stage 1, ingest: a published report file (txt / html / docx / pdf) → its text layer.

The kind of file is judged by its content (magic bytes, then markup), not by its name.
Public surface: :func:`read_source`, :func:`read_bytes`, :func:`is_report_file`, :func:`report_files`,
:class:`Source`,
:data:`SUFFIXES`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from luoshi.errors import InputError
from luoshi.ingest.encoding import decode
from luoshi.ingest.sniff import sniff

SUFFIXES = frozenset((".txt", ".html", ".htm", ".docx", ".pdf"))  # always picked up in a folder
_CJK = re.compile(r"[\u3400-\u9fff]")
_HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
_MARKUP = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|div|p|table|br)\b", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Source:
    """The text of a report as published, before any cleaning."""

    text: str
    format: str  # txt | html | docx | pdf
    path: str | None = None


def read_source(path: str | Path, *, max_bytes: int | None = None, cell_sep: str | None = None) -> Source:
    """Read a report file. Raises :class:`InputError` with a one-line reason when it cannot.
    ``cell_sep``: join a .docx table row's cells with it, empty cells kept (else one space)."""
    p = Path(path)
    limit = max_bytes if max_bytes is not None else _default_limit()
    try:
        if p.is_dir():
            raise InputError(f"这是一个目录，不是文件：{p}")
        if not p.exists():
            raise InputError(f"找不到文件：{p}")
        if not p.is_file():
            raise InputError(f"不是普通文件（设备、管道或套接字）：{p}")
        size = p.stat().st_size
        if size > limit:
            raise InputError(f"文件过大（{_mb(size)}，上限 {_mb(limit)}）：{p}")
        data = p.read_bytes()
    except PermissionError as exc:
        raise InputError(f"没有读取权限：{p}") from exc
    except OSError as exc:
        raise InputError(f"无法读取文件（{exc.strerror or exc}）：{p}") from exc
    return read_bytes(data, name=str(p), cell_sep=cell_sep)


def is_report_file(path: Path) -> bool:
    """Whether a folder run reads ``path``: a report suffix, or any other file whose first bytes
    are Chinese text (a Markdown copy, a report saved without a suffix); an English README.md is
    not a report."""
    if not path.is_file():
        return False
    if path.suffix.lower() in SUFFIXES:
        return True
    try:
        with path.open("rb") as stream:
            head = stream.read(4096)
    except OSError:
        return False
    if not head.strip() or sniff(head)[0] != "text":
        return False
    text = decode(head) or decode(head[: head.rfind(b"\n") + 1] or head)  # a cut multi-byte character
    return text is not None and _CJK.search(text) is not None


def report_files(folder: Path, *, exclude: Path | None = None) -> list[Path]:
    """Report files under ``folder`` (recursively), sorted by path — the one finder for every command
    that reads many reports. Hidden files and folders, and anything under ``exclude``, are skipped."""
    if not folder.is_dir():
        raise InputError(f"找不到文件夹：{folder}")
    found = []
    for path in folder.rglob("*"):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if exclude is not None and path.is_relative_to(exclude):
            continue
        if is_report_file(path):
            found.append(path)
    return sorted(found)


def read_bytes(data: bytes, *, name: str = "<输入>", cell_sep: str | None = None) -> Source:
    """Read a report from its bytes; ``name`` (a path) is used in messages and its suffix as a hint."""
    if not data.strip():
        raise InputError(f"文件为空：{name}")
    kind, label = sniff(data)
    if kind == "pdf":
        return Source(_pdf(data, name), "pdf", name)
    if kind == "docx":
        return Source(_docx(data, name, cell_sep), "docx", name)
    if kind != "text":
        raise InputError(f"无法读取{label}（需要 txt、html、docx 或 pdf 报告）：{name}")
    text = _decode(data, name, label)
    if name.lower().endswith(_HTML_SUFFIXES) or _MARKUP.search(text[:4096]):
        from luoshi.ingest.html import html_to_text

        text = html_to_text(text, cell_sep=cell_sep)
        return Source(_nonempty(text, name, "网页中没有正文文字"), "html", name)
    return Source(_nonempty(text, name, "文件中没有文字"), "txt", name)


def _decode(data: bytes, name: str, label: str) -> str:
    """Valid UTF-8 first (pages often declare gb2312 and are saved as UTF-8), then a page's
    declared charset, then detection."""
    declared = _CHARSET.search(data[:4096])
    if declared and not _valid_utf8(data):
        codec = declared.group(1).decode("ascii", "replace").lower()
        codec = "gb18030" if codec in ("gb2312", "gbk", "x-gbk") else codec
        try:
            return data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall back to detection
    text = decode(data)
    if text is None:
        raise InputError(f"无法读取：{label}，或编码不是 UTF-8、GB18030、UTF-16 的文本：{name}")
    return text


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _pdf(data: bytes, name: str) -> str:
    from luoshi.ingest.pdf import Garbled, NoTextLayer, Unreadable, pdf_to_text

    try:
        return pdf_to_text(data)
    except Garbled:
        raise InputError(
            f"PDF 的文字层无法识别（字体缺少字符映射），请另存为文本或做文字识别：{name}"
        ) from None
    except NoTextLayer:
        raise InputError(f"PDF 没有文字层（可能是扫描件），请先做文字识别（OCR）：{name}") from None
    except Unreadable:
        raise InputError(f"PDF 文件已损坏或已加密，无法读取：{name}") from None


def _docx(data: bytes, name: str, cell_sep: str | None = None) -> str:
    from luoshi.ingest.office import docx_to_text

    try:
        text = docx_to_text(data, cell_sep=cell_sep)
    except Exception as exc:  # python-docx raises many kinds on a broken package
        raise InputError(f"Word 文件已损坏，无法读取：{name}") from exc
    return _nonempty(text, name, "Word 文件中没有文字")


def _nonempty(text: str, name: str, reason: str) -> str:
    if not text.strip():
        raise InputError(f"{reason}：{name}")
    return text


def _default_limit() -> int:
    """The configured size limit, read again only when the LUOSHI_* environment, the working
    folder or its .env changes (a corpus reads thousands of files with the same settings)."""
    env = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("LUOSHI_")))
    cwd = os.getcwd()
    try:
        dotenv = os.stat(".env").st_mtime_ns
    except OSError:
        dotenv = None
    return _limit_for(env, cwd, dotenv)


@lru_cache(maxsize=8)
def _limit_for(env: tuple[tuple[str, str], ...], cwd: str, dotenv: int | None) -> int:
    from luoshi.config import load_settings

    return load_settings().max_input_bytes


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB"
