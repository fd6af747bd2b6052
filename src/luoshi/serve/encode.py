"""JSON bytes for the hot read endpoints: dataclasses, dates and enums encoded directly.

Produces what ``fastapi.encoders.jsonable_encoder`` followed by ``json.dumps`` does for these
types, about ten times faster (the public view holds a row per task); anything else falls back
to ``jsonable_encoder``.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from enum import Enum
from typing import Any


def to_json(value: object) -> bytes:
    """``value`` as compact UTF-8 JSON (Chinese kept as is)."""
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_plain)
    except (TypeError, ValueError):
        from fastapi.encoders import jsonable_encoder

        text = json.dumps(jsonable_encoder(value), ensure_ascii=False, separators=(",", ":"))
    return text.encode()


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, set | frozenset):
        return list(value)
    raise TypeError(type(value).__name__)
