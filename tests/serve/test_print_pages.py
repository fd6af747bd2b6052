"""The 打印 buttons: the item page and the 驾驶舱 download .docx files; only the office and leaders."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import docx
import pytest
from fastapi.testclient import TestClient
from tests.serve.conftest import PASSWORD, login

from luoshi.ingest.office import docx_to_text
from luoshi.store.db import Database
from luoshi.supervise.accounts import add_user
from luoshi.supervise.permissions import Role

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def database(example_ledger_url: str) -> Iterator[Database]:
    """The example ledger (item 1 raised on task 2 on 2023-09-28) with a user of each role."""
    db = Database(example_ledger_url)
    with db.ledger(actor="tester") as ledger:
        add_user(ledger, username="office", role=Role.OFFICE, password=PASSWORD)
        add_user(ledger, username="leader", role=Role.LEADER, password=PASSWORD)
        add_user(ledger, username="fgw", role=Role.REPORTER, unit="fgw", password=PASSWORD)
    try:
        yield db
    finally:
        db.dispose()


@pytest.mark.parametrize("user", ["office", "leader"])
def test_item_page_buttons_download_the_notice_and_the_urge(client: TestClient, user: str) -> None:
    login(client, user)
    page = client.get("/items/1?as_of=2023-10-20").text
    assert 'href="/items/1/notice.docx?as_of=2023-10-20"' in page
    assert 'href="/items/1/urge.docx?as_of=2023-10-20"' in page  # the item is overdue that day
    got = client.get("/items/1/notice.docx?as_of=2023-10-20")
    assert got.status_code == 200 and got.headers["content-type"] == DOCX
    assert unquote(got.headers["content-disposition"]).endswith("督办通知单-1-2023-10-20.docx")
    document = docx.Document(io.BytesIO(got.content))
    assert round(document.sections[0].top_margin.mm) == 37  # type: ignore[union-attr]
    assert "二〇二三年十月二十日" in docx_to_text(got.content)
    urge = client.get("/items/1/urge.docx?as_of=2023-10-20")
    assert urge.status_code == 200 and "已逾期11个工作日" in docx_to_text(urge.content)


def test_no_urge_button_before_a_stage_is_overdue(client: TestClient) -> None:
    login(client, "office")
    page = client.get("/items/1?as_of=2023-10-01").text
    assert "notice.docx" in page and "urge.docx" not in page
    assert client.get("/items/1/urge.docx?as_of=2023-10-01").status_code == 422


def test_dashboard_downloads_the_bulletin(client: TestClient) -> None:
    login(client, "leader")
    assert 'href="/bulletin.docx?as_of=2023-09-30"' in client.get("/dashboard?as_of=2023-09-30").text
    got = client.get("/bulletin.docx?as_of=2023-09-30")
    assert got.status_code == 200 and "阳政督通〔2023〕9号" in docx_to_text(got.content)


@pytest.mark.parametrize("path", ["/items/1/notice.docx", "/items/1/urge.docx", "/bulletin.docx"])
def test_reporters_and_the_public_cannot_print(client: TestClient, path: str) -> None:
    anonymous = client.get(path)
    assert anonymous.headers["content-type"] != DOCX and "<title>登录" in anonymous.text  # asked to sign in
    login(client, "fgw")
    assert client.get(path).status_code == 403
    assert "notice.docx" not in client.get("/items/1").text


def test_unknown_item_is_404(client: TestClient, tmp_path: Path) -> None:
    login(client, "office")
    assert client.get("/items/99/notice.docx").status_code == 404
