"""Parsed uploads are capped and parsed off the event loop (issue 10, finding 2)."""

from __future__ import annotations

import asyncio
import io
import re
import time
import zipfile
from collections.abc import Iterable

import httpx
import pytest
from fastapi import FastAPI
from tests.serve.conftest import PASSWORD, Seeded

from luoshi.errors import ValidationError
from luoshi.ingest.xlsx_limits import XlsxLimits, check_xlsx
from luoshi.serve.queries import ledger_rows
from luoshi.store.db import Database
from luoshi.supervise.exports import INPUT_COLUMNS, to_xlsx

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def tiny_xlsx(rows: Iterable[str]) -> bytes:
    """A valid xlsx whose one sheet holds ``rows`` (XML fragments), deflated: small on disk."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        book.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        book.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        book.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook xmlns="{NS}" xmlns:r="{RELS}"><sheets>'
            '<sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>",
        )
        with book.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<?xml version="1.0"?><worksheet xmlns="{NS}"><sheetData>'.encode())
            for row in rows:
                sheet.write(row.encode())
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def _text_cell(text: str) -> str:
    return f'<c t="inlineStr"><is><t>{text}</t></is></c>'


HEADER = "<row>" + "".join(_text_cell(name) for name in ("编号", *INPUT_COLUMNS)) + "</row>"


def empty_rows(count: int) -> bytes:
    """The import's header row, then ``count`` empty rows (openpyxl reads them all: ~10 s per million)."""
    return tiny_xlsx([HEADER, "<row/>" * count])


def wide_row(cells: int) -> bytes:
    return tiny_xlsx([HEADER, "<row>", "<c/>" * cells, "</row>"])


@pytest.fixture(scope="module")
def million_rows() -> bytes:
    return empty_rows(1_000_000)


@pytest.fixture(scope="module")
def two_million_cells() -> bytes:
    return wide_row(2_000_000)


def test_caps_refuse_many_rows_wide_rows_and_large_unpacked_sizes() -> None:
    """Each cap (rows, columns, cells, unpacked bytes) refuses with one Chinese line."""
    small = XlsxLimits(rows=11, columns=5, cells=30, unpacked_bytes=10_000)
    for data, word in [
        (empty_rows(11), "行"),  # the header and 11 rows
        (wide_row(6), "列"),
        (tiny_xlsx(["<row>" + "<c/>" * 5 + "</row>"] * 7), "单元格"),
        (tiny_xlsx(["<row>", "<c><v>" + "9" * 20_000 + "</v></c>", "</row>"]), "解压后"),
    ]:
        with pytest.raises(ValidationError, match=word) as caught:
            check_xlsx(data, small)
        assert "\n" not in str(caught.value)
    check_xlsx(empty_rows(10), small)  # at the caps: accepted


def test_a_real_ledger_export_is_far_below_the_caps(database: Database, seeded: Seeded) -> None:
    with database.ledger(actor="tester") as ledger:
        from datetime import date

        from luoshi.supervise.ledger_query import LedgerQuery

        rows = ledger_rows(ledger, date(2023, 6, 15), LedgerQuery())
    check_xlsx(to_xlsx(rows * 200))  # 600 task rows: a large city's ledger


async def _login(client: httpx.AsyncClient, username: str) -> str:
    html = (await client.get("/login")).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert token
    data = {"username": username, "password": PASSWORD, "csrf_token": token.group(1), "next": "/"}
    assert (await client.post("/login", data=data)).status_code == 303
    page = (await client.get("/ledger")).text
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found
    return found.group(1)


async def _import_while_reading(app: FastAPI, data: bytes) -> tuple[httpx.Response, float]:
    """Upload ``data`` as a reporter and, meanwhile, time a static file: (import answer, seconds)."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        csrf = await _login(client, "energy")
        upload = asyncio.create_task(
            client.post(
                "/ledger/import", data={"csrf_token": csrf}, files={"file": ("台账.xlsx", data, XLSX)}
            )
        )
        started = time.perf_counter()  # client and server share this loop: a blocked loop delays both
        await asyncio.sleep(0.05)
        static = await client.get("/static/app.css")
        waited = time.perf_counter() - started - 0.05
        assert static.status_code == 200
        return await upload, waited


@pytest.mark.parametrize("fixture", ["million_rows", "two_million_cells"])
def test_a_tiny_hostile_xlsx_is_refused_and_the_server_keeps_answering(
    app: FastAPI, users: dict[str, str], seeded: Seeded, fixture: str, request: pytest.FixtureRequest
) -> None:
    """1,000,000 empty rows or 2,000,000 cells in one row (under 100 KB each) → 4xx with one line."""
    data: bytes = request.getfixturevalue(fixture)
    assert len(data) < 200_000
    response, waited = asyncio.run(_import_while_reading(app, data))
    assert 400 <= response.status_code < 500
    assert "表格过大" in response.text
    assert waited < 2.0, f"a static file waited {waited:.2f} s during the import"  # was 17 s and 34 s
