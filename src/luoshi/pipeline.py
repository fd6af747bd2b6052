"""The reading pipeline: ingest → normalise → segment → extract, as one call."""

from __future__ import annotations

import hashlib
from pathlib import Path

from luoshi.document import Report
from luoshi.extract import extract_quantities, extract_tasks
from luoshi.ingest import read_source
from luoshi.normalise import normalise
from luoshi.segment import segment


def read_text(
    original: str, *, source: str | None = None, fmt: str = "txt", tasks: bool = True, entities: bool = True
) -> Report:
    """Read a report from its text (as published, any script, with debris). ``tasks=False`` leaves
    the tasks out (an empty list), for callers that use only the quantities (the corpus, a batch);
    ``entities=False`` also leaves the quantities' places and bodies empty (the corpus table)."""
    text = normalise(original)
    meta, parts = segment(text)
    meta.source = source
    meta.format = fmt
    meta.sha256 = hashlib.sha256(original.encode("utf-8")).hexdigest()
    quantities = extract_quantities(text, parts, meta, entities=entities)
    found = extract_tasks(text, parts, meta, quantities) if tasks else []
    return Report(meta=meta, text=text, parts=parts, quantities=quantities, tasks=found)


def read_report(path: str | Path, *, tasks: bool = True, entities: bool = True) -> Report:
    """Read a report file (txt / html / docx / pdf); ``tasks`` and ``entities`` as in :func:`read_text`."""
    src = read_source(path)
    return read_text(src.text, source=src.path, fmt=src.format, tasks=tasks, entities=entities)


def read_upload(data: bytes, *, name: str) -> Report:
    """Read a report from an uploaded file's bytes (the web's 上传报告); ``name`` is shown in messages."""
    from luoshi.ingest import read_bytes

    src = read_bytes(data, name=name)
    return read_text(src.text, source=name, fmt=src.format)
