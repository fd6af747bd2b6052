"""Read-only queries over the store that pages and the API share."""

from __future__ import annotations

from luoshi.store.ledger import Ledger
from luoshi.store.models import ProgressReport, Report


def has_demo_data(ledger: Ledger) -> bool:
    return bool(ledger.find(Report, demo=True) or ledger.find(ProgressReport, demo=True))
