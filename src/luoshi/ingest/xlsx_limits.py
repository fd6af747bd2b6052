"""Size caps for an uploaded xlsx, checked by streaming its zip before any workbook is built.

A few kilobytes of xlsx can unpack to a million empty rows or a row of two million cells; openpyxl
would then spend seconds and gigabytes on it. :func:`check_xlsx` counts the parts, the unpacked
bytes, the rows and the cells of every worksheet with a streaming XML parser (no tree is built) and
refuses the file at the first cap passed. The caps are far above any real 台账.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import IO
from xml.parsers import expat

from luoshi.errors import ValidationError

CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class XlsxLimits:
    rows: int = 20_000  # per worksheet
    columns: int = 200  # cells in one row
    cells: int = 500_000  # per workbook
    unpacked_bytes: int = 32 * 1024 * 1024  # all parts together, as unpacked
    parts: int = 2_000  # files inside the zip


LIMITS = XlsxLimits()


class _Refused(Exception):
    pass


def check_xlsx(data: bytes, limits: XlsxLimits = LIMITS) -> None:
    """Refuse (:class:`ValidationError`, one line) an xlsx past ``limits``; a file that is no zip passes
    through to the reader, which says what it is."""
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return
    try:
        _check_book(book, limits)
    except _Refused as exc:
        raise ValidationError(f"表格过大：{exc}（真实台账远小于此），请上传本系统导出的台账") from None
    finally:
        book.close()


def _check_book(book: zipfile.ZipFile, limits: XlsxLimits) -> None:
    infos = book.infolist()
    if len(infos) > limits.parts:
        raise _Refused(f"压缩包内文件超过 {limits.parts} 个")
    if sum(info.file_size for info in infos) > limits.unpacked_bytes:
        raise _Refused(f"解压后超过 {limits.unpacked_bytes // (1024 * 1024)} MB")
    budget = _Budget(limits)
    for info in infos:
        with book.open(info) as part:  # sizes in the zip headers may lie: count what is unpacked
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                _scan_sheet(part, budget)
            else:
                while chunk := part.read(CHUNK):
                    budget.unpacked(len(chunk))


@dataclass(slots=True)
class _Budget:
    limits: XlsxLimits
    bytes_seen: int = 0
    cells_seen: int = 0

    def unpacked(self, size: int) -> None:
        self.bytes_seen += size
        if self.bytes_seen > self.limits.unpacked_bytes:
            raise _Refused(f"解压后超过 {self.limits.unpacked_bytes // (1024 * 1024)} MB")


def _scan_sheet(part: IO[bytes], budget: _Budget) -> None:
    """Count rows and cells of one worksheet as its XML streams by."""
    limits = budget.limits
    rows = row_cells = 0

    def start(name: str, _attrs: dict[str, str]) -> None:
        nonlocal rows, row_cells
        local = name.rsplit(" ", 1)[-1]
        if local == "row":
            rows, row_cells = rows + 1, 0
            if rows > limits.rows:
                raise _Refused(f"一张工作表超过 {limits.rows} 行")
        elif local == "c":
            row_cells += 1
            budget.cells_seen += 1
            if row_cells > limits.columns:
                raise _Refused(f"一行超过 {limits.columns} 列")
            if budget.cells_seen > limits.cells:
                raise _Refused(f"单元格超过 {limits.cells} 个")

    def no_doctype(*_args: object) -> None:
        raise _Refused("工作表含 DTD 声明")

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = no_doctype
    try:
        while chunk := part.read(CHUNK):
            budget.unpacked(len(chunk))
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError:
        return  # malformed XML: openpyxl reports the file as unreadable
