"""Ledger exports carry hostile names as inert text: no live formula in /ledger/export.xlsx or .csv."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from luoshi.store.db import Database
from luoshi.store.models import Unit
from luoshi.supervise.assign import assign

if TYPE_CHECKING:
    from tests.serve.conftest import Browser, Seeded

HOSTILE = '=HYPERLINK("http://evil.example/","点我")'


def test_a_unit_named_like_a_formula_is_text_in_both_exports(
    client: TestClient, browser: Browser, database: Database, users: dict[str, str], seeded: Seeded
) -> None:
    """Rule (OWASP CSV injection): every export neutralises cells starting with = + - @ tab or CR."""
    with database.ledger(actor="tester") as ledger:
        ledger.add(Unit(code="evil", name=HOSTILE, kind="department"))
        assign(ledger, task_id=seeded.solar, lead="evil", co=["jiaoyu"])
    browser.login("office")
    data = client.get("/ledger/export.csv").content
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert {row["牵头单位"] for row in rows} >= {"'" + HOSTILE}
    sheet = load_workbook(io.BytesIO(client.get("/ledger/export.xlsx").content)).active
    header = [c.value for c in sheet[1]]
    lead = [row[header.index("牵头单位")] for row in sheet.iter_rows(min_row=2)]
    hostile = [cell for cell in lead if cell.value == HOSTILE]
    assert hostile and all(c.data_type == "s" and c.quotePrefix for c in hostile)
