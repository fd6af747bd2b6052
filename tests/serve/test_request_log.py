"""One log line per request with a request id; the id is on every response and on error pages."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from luoshi.clock import FixedClock
from luoshi.config import Settings, load_settings
from luoshi.errors import ValidationError
from luoshi.logs import JsonFormatter, configure_logging
from luoshi.serve.app import create_app
from luoshi.store.db import Database


@pytest.fixture
def app(database: Database, tmp_path: Path) -> FastAPI:
    settings = Settings(data_dir=tmp_path / "data", database_url=database.url, secret_key="t" * 40)
    return create_app(settings=settings, database=database, clock=FixedClock.on(date(2023, 6, 15)))


@pytest.fixture
def logged(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    with caplog.at_level(logging.INFO, logger="luoshi.request"):
        yield caplog


def test_each_request_is_logged_once_with_the_id_it_was_answered_with(
    app: FastAPI, logged: pytest.LogCaptureFixture
) -> None:
    with TestClient(app) as client:
        first, second = client.get("/healthz"), client.get("/healthz")
    ids = [first.headers["x-request-id"], second.headers["x-request-id"]]
    lines = [r for r in logged.records if r.name == "luoshi.request"]
    seen = [
        (getattr(r, "request_id", None), getattr(r, "status", None), getattr(r, "path", None)) for r in lines
    ]
    assert seen == [(i, 200, "/healthz") for i in ids]
    assert ids[0] != ids[1] and f"id={ids[0]}" in lines[0].getMessage()


def test_a_sane_request_id_from_the_proxy_is_kept_and_a_strange_one_replaced(app: FastAPI) -> None:
    with TestClient(app) as client:
        kept = client.get("/healthz", headers={"X-Request-ID": "nginx-0123456789abcdef"})
        replaced = client.get("/healthz", headers={"X-Request-ID": "<script>"})
    assert kept.headers["x-request-id"] == "nginx-0123456789abcdef"
    assert replaced.headers["x-request-id"] != "<script>" and len(replaced.headers["x-request-id"]) == 16


def test_error_pages_and_api_errors_show_the_request_id(app: FastAPI) -> None:
    with TestClient(app) as client:
        page = client.get("/no-such-page", headers={"Accept": "text/html"})
        api = client.get("/api/no-such-thing")
    assert page.status_code == 404 and page.headers["x-request-id"] in page.text
    assert api.json()["request_id"] == api.headers["x-request-id"]


def test_an_unexpected_error_is_one_line_with_the_id_and_logged_with_its_traceback(
    app: FastAPI, logged: pytest.LogCaptureFixture
) -> None:
    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("bug")

    with TestClient(app, raise_server_exceptions=False) as client:
        got = client.get("/api/boom")
    rid = got.json()["request_id"]
    assert got.status_code == 500 and "Traceback" not in got.text and "bug" not in got.text
    [crash] = [r for r in logged.records if r.levelno == logging.ERROR]
    assert crash.exc_info is not None and f"id={rid}" in crash.getMessage()


def test_json_log_lines_carry_the_request_fields() -> None:
    record = logging.LogRecord("luoshi.request", logging.INFO, __file__, 1, "GET / 200", None, None)
    record.request_id, record.status = "abc123", 200
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "abc123" and line["status"] == 200 and line["message"] == "GET / 200"
    assert line["level"] == "info" and line["time"].endswith("+00:00")


def test_log_format_json_writes_json_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    logger = logging.getLogger("luoshi")
    saved = (logger.handlers[:], logger.level, logger.propagate)
    try:
        configure_logging("json")
        logging.getLogger("luoshi.request").info("hello", extra={"request_id": "r1"})
        assert json.loads(capsys.readouterr().err.strip())["request_id"] == "r1"
    finally:
        logger.handlers, logger.propagate = saved[0], saved[2]
        logger.setLevel(saved[1])


def test_log_format_setting_is_text_or_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LUOSHI_LOG_FORMAT", "json")
    assert load_settings().log_format == "json"
    monkeypatch.setenv("LUOSHI_LOG_FORMAT", "xml")
    with pytest.raises(ValidationError, match="LUOSHI_LOG_FORMAT"):
        load_settings()
