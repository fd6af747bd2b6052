"""A real server (uvicorn on a free port) over a seeded SQLite file, and Debian's chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from tests.serve.serve_sample import seed_sample

from luoshi.store.db import Database
from luoshi.store.models import Unit
from luoshi.supervise.accounts import add_user
from luoshi.supervise.permissions import Role

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "browser-test-password"
HERE = Path(__file__).parent


@dataclass(frozen=True)
class Site:
    url: str
    tasks: list[int]
    data_dir: Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _seed(url: str) -> list[int]:
    db = Database(url)
    with db.ledger(actor="tester") as ledger:
        ledger.add(Unit(code="nengyuan", name="市能源局", kind="department"))
        ledger.add(Unit(code="jiaoyu", name="市教育局", kind="department"))
        add_user(ledger, username="office", role=Role.OFFICE, password=PASSWORD, display_name="督查室")
        add_user(ledger, username="energy", role=Role.REPORTER, unit="nengyuan", password=PASSWORD)
    _, ids = seed_sample(db)
    db.dispose()
    return list(ids)


@pytest.fixture
def site(tmp_path: Path, migrated_sqlite_template: Path) -> Iterator[Site]:
    shutil.copyfile(migrated_sqlite_template, tmp_path / "browser.sqlite3")
    url = f"sqlite:///{tmp_path / 'browser.sqlite3'}"
    ids = _seed(url)
    port = _free_port()
    data = tmp_path / "data"
    server = subprocess.Popen(
        [sys.executable, str(HERE / "server.py"), url, str(data), str(port), "2023-06-15"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait(port, server)
        yield Site(f"http://127.0.0.1:{port}", ids, data)
    finally:
        server.terminate()
        server.wait(timeout=10)


def _wait(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"server exited: {server.stdout.read().decode() if server.stdout else ''}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError("server did not start")


@pytest.fixture
def chromium() -> Iterator[Any]:
    if not CHROMIUM.exists():
        reason = "Debian's chromium is not installed at /usr/bin/chromium"
        if os.environ.get("LUOSHI_TEST_REQUIRE_SERVICES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()
