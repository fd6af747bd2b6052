"""What a file is, judged by its first bytes (magic numbers), not by its name.

Anything without a known signature is a text candidate; the decoder decides whether it is text.
"""

from __future__ import annotations

import io
import zipfile

# magic bytes → (kind, name shown to the user). Kinds other than pdf/zip are refused.
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "pdf", "PDF"),
    (b"PK\x03\x04", "zip", "ZIP"),
    (b"\x89PNG\r\n\x1a\n", "image", "PNG 图片"),
    (b"\xff\xd8\xff", "image", "JPEG 图片"),
    (b"GIF87a", "image", "GIF 图片"),
    (b"GIF89a", "image", "GIF 图片"),
    (b"BM", "image?", "BMP 图片"),
    (b"II*\x00", "image", "TIFF 图片"),
    (b"MM\x00*", "image", "TIFF 图片"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole", "旧版 Office 文件（.doc/.xls，请另存为 .docx）"),
    (b"{\\rtf", "rtf", "RTF 文档"),
    (b"\x1f\x8b", "binary", "gzip 压缩包"),
    (b"Rar!", "binary", "RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "binary", "7z 压缩包"),
    (b"\x7fELF", "binary", "可执行文件"),
    (b"MZ", "binary?", "Windows 程序"),
)


def sniff(data: bytes) -> tuple[str, str]:
    """Return ``(kind, label)``: kind is pdf, docx, text, or a kind that cannot be read."""
    head = data[:16]
    for magic, kind, label in _MAGIC:
        if head.startswith(magic):
            if kind.endswith("?"):  # a weak two-byte magic: text decides, the label explains a failure
                return "text", label
            if kind == "zip":
                return _zip_kind(data)
            return kind, label
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image", "WebP 图片"
    return "text", "二进制文件"  # the label is used only if no text encoding fits


def _zip_kind(data: bytes) -> tuple[str, str]:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return "binary", "损坏的压缩文件"
    if "word/document.xml" in names:
        return "docx", "Word 文档"
    if "xl/workbook.xml" in names:
        return "binary", "Excel 表格"
    if "ppt/presentation.xml" in names:
        return "binary", "PowerPoint 演示文稿"
    return "binary", "ZIP 压缩包"
