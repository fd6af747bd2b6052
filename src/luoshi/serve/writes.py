"""Form input → service calls: parse what a person typed, then hand it to the ledger's services."""

from __future__ import annotations

from pathlib import Path

from luoshi.errors import ValidationError
from luoshi.serve.deps import Actor
from luoshi.store.ledger import Ledger
from luoshi.store.models import ProgressReport
from luoshi.supervise import evidence as files
from luoshi.supervise.progress import ProgressInput, add_progress


def parse_number(text: str) -> float | None:
    """A number as typed ("1,234.5", "１２"), or None when blank."""
    cleaned = text.strip().replace(",", "").replace("，", "")
    if not cleaned:
        return None
    try:
        return float(cleaned.translate(_FULL_WIDTH))
    except ValueError:
        raise ValidationError(f"完成值“{text.strip()}”不是数字") from None


_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－", "0123456789.-")


def file_progress(
    ledger: Ledger,
    who: Actor,
    *,
    task_id: int,
    value: str,
    narrative: str,
    problems: str,
    done: bool,
    uploads: list[tuple[str, bytes]],
    evidence_dir: Path,
) -> ProgressReport:
    entry = ProgressInput(value=parse_number(value), narrative=narrative, problems=problems, done=done)
    return add_progress(
        ledger, task_id=task_id, entry=entry, reporter=who.username, evidence=uploads,
        evidence_dir=evidence_dir, unit_id=who.unit_id,
    )  # fmt: skip


def read_evidence(folder: Path, sha256: str) -> bytes:
    """A stored evidence file by hash; the hash is checked so no path can leave ``folder``."""
    return files.open_blob(folder, sha256)
