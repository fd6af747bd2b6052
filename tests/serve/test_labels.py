"""Chinese pages say things in Chinese: field names, stage names and numbers as people write them."""

from __future__ import annotations

import io
from datetime import date
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient
from tests.serve.test_item_pages import raise_on_task

from luoshi.clock import FixedClock
from luoshi.store.db import Database
from luoshi.supervise.escalation import escalate
from luoshi.supervise.labels import period_label, plain_number, quantity_text
from luoshi.supervise.notify.channels import LogChannel
from luoshi.supervise.notify.config import NotifyConfig

if TYPE_CHECKING:
    from tests.serve.conftest import Browser, Seeded


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (6.54e6, "654万"),
        (1.3e12, "1.3万亿"),
        (2.5e8, "2.5亿"),
        (6543210.0, "654.32万"),
        (9999, "9999"),
        (20.0, "20"),
        (5.25, "5.25"),
        (-3.5, "-3.5"),
        (None, "—"),
    ],
)
def test_numbers_are_written_with_wan_and_yi(value: float | None, shown: str) -> None:
    """Rule: a number is shown as a Chinese report writes it (万, 亿, 万亿), never in e-notation."""
    assert plain_number(value) == shown


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (1.3e12, "斤", "1.3万亿斤"),
        (6.54e6, "人", "654万人"),
        (100.0, "万千瓦", "100万千瓦"),
        (20, "座", "20座"),
    ],
)
def test_a_unit_with_its_own_magnitude_is_not_scaled_twice(value: float, unit: str, shown: str) -> None:
    """Rule: 100万千瓦 stays 100万千瓦 (not 100万千瓦 rescaled); 6540000 人 is 654万人."""
    assert quantity_text(value, unit) == shown


@pytest.mark.parametrize(
    ("key", "shown"), [("2023-06", "2023年6月"), ("2023-Q2", "2023年第2季度"), ("2023-06-30", "2023-06-30")]
)
def test_reporting_periods_are_named_in_chinese(key: str, shown: str) -> None:
    """Rule: a period key (2023-Q2) is shown as people say it (2023年第2季度)."""
    assert period_label(key) == shown


def test_task_timeline_names_fields_and_units_in_chinese(
    client: TestClient, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    """Rule: an assignment on the timeline reads 单位 市能源局，承办方式 牵头 — no role/unit_id/False."""
    browser.login("office")
    html = client.get(f"/tasks/{seeded.charging}").text
    assert "新增分工" in html and "市能源局" in html and "牵头" in html and "配合" in html
    for leak in ("role", "unit_id", "confirmed", "False", "True", "lead", "e+0"):
        assert leak not in _timeline(html), leak


def _timeline(html: str) -> str:
    start = html.index('<ul class="timeline">')
    return html[start : html.index("</ul>", start)]


def test_ladder_events_name_the_stage_in_chinese(
    client: TestClient, database: Database, browser: Browser, users: dict[str, str], seeded: Seeded
) -> None:
    """Rule: 催办/通报 on an item's timeline name the stage as the clock does (研究部署), not its key."""
    browser.login("office")
    item_id = raise_on_task(client, browser, seeded.solar)
    config = NotifyConfig(channels={"log": LogChannel(stream=io.StringIO())})
    with database.ledger(actor="督查室", clock=FixedClock.on(date(2023, 6, 26))) as ledger:
        assert escalate(ledger, config)
    events = client.get(f"/api/items/{item_id}").json()["events"]
    ladder = [e for e in events if e["kind"] in ("reminder", "notice", "escalated")]
    assert ladder and all(e["stage_label"] and e["stage_label"] != e["stage"] for e in ladder)
    html = client.get(f"/items/{item_id}").text
    assert "催办</strong>（研究部署）" in html
    assert "（deploy）" not in html and "（respond）" not in html
