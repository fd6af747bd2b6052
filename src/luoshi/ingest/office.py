"""Text of a Word (.docx) document: paragraphs (with their automatic numbers) and table cells."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from luoshi.ingest.numbering import Numbering


def docx_to_text(data: bytes, *, cell_sep: str | None = None) -> str:
    """One line per paragraph; a table row becomes one line of its cells separated by spaces, or
    by ``cell_sep`` with empty cells kept (a breakdown table, whose columns must stay in place)."""
    import docx

    document = docx.Document(io.BytesIO(data))
    numbering = Numbering(document)
    return "\n".join(line for line in _blocks(document, numbering, cell_sep) if line.strip())


def _blocks(container: Any, numbering: Numbering, cell_sep: str | None = None) -> Iterator[str]:
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            yield from _table(block, numbering, cell_sep)
        else:
            yield numbering.label(block) + block.text


def _table(table: Any, numbering: Numbering, cell_sep: str | None) -> Iterator[str]:
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell repeats across the columns it spans
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(line for line in _blocks(cell, numbering) if line.strip()))
        yield " ".join(c for c in cells if c) if cell_sep is None else cell_sep.join(cells)
