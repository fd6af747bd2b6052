"""Text of a Word (.docx) document: paragraphs and table cells, in document order."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any


def docx_to_text(data: bytes) -> str:
    """One line per paragraph; a table row becomes one line of its cells separated by spaces."""
    import docx

    document = docx.Document(io.BytesIO(data))
    return "\n".join(line for line in _blocks(document) if line.strip())


def _blocks(container: Any) -> Iterator[str]:
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            yield from _table(block)
        else:
            yield block.text


def _table(table: Any) -> Iterator[str]:
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell repeats across the columns it spans
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(line for line in _blocks(cell) if line.strip()))
        yield " ".join(c for c in cells if c)
