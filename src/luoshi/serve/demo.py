"""``luoshi serve --demo``: the service's demo (:mod:`luoshi.supervise.demo`) with web accounts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from luoshi.store.db import Database
from luoshi.supervise.accounts import add_user
from luoshi.supervise.demo import DemoResult
from luoshi.supervise.demo import load_demo as load


def load_demo(db: Database, *, evidence_dir: Path, today: date | None = None) -> DemoResult:
    """Load the demo into an empty database, its users made with the web app's accounts."""
    return load(db, evidence_dir=evidence_dir, make_user=add_user, today=today)
