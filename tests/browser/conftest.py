"""A real server (uvicorn on a free port) over a seeded SQLite file, and Debian's chromium."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from tests.serve.serve_sample import seed_sample

from luoshi.store.db import Database
from luoshi.store.models import Unit
from luoshi.supervise.accounts import add_user
from luoshi.supervise.permissions import Role

# Debian's chromium-headless-shell: chromium's own engine without the browser around it; the
# browser tests cost ~45 % less CPU in it than in /usr/bin/chromium (docs/benchmarks.md). Where
# only the whole browser is installed, the tests use that.
CHROMIUMS = (Path("/usr/bin/chromium-headless-shell"), Path("/usr/bin/chromium"))
CHROMIUM = next((path for path in CHROMIUMS if path.exists()), CHROMIUMS[0])
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


def sign_in(page: Any, base: str, username: str, then: str = "/dashboard", password: str = PASSWORD) -> None:
    """Sign in through the login form and go on to ``then`` (the form's ``next``), as a link to a
    page does for someone signed out. Not every sign-in draws the 驾驶舱's charts on the way (about
    0.4 s of chromium's CPU each). The header's 年度 picker has a submit button of its own."""
    page.goto(f"{base}/login?{urlencode({'next': then})}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form[method=post][action='/login'] button[type=submit]")
    page.wait_for_url(lambda url: urlsplit(url).path == urlsplit(then).path)


def sign_out(page: Any) -> None:
    page.click("header button.link")
    page.wait_for_load_state()


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
    with serve_app(url, tmp_path / "data", "2023-06-15") as base:
        yield Site(base, ids, tmp_path / "data")


@contextmanager
def serve_app(url: str, data_dir: Path, as_of: str, port: int = 0) -> Iterator[str]:
    """The app under a real uvicorn on ``port`` (0: a free one), in a thread of this process, until
    the block ends; its base URL. No interpreter start and app import per test (server.py is the
    same server as a script, for screenshots.py)."""
    import uvicorn

    from luoshi.clock import FixedClock
    from luoshi.config import Settings
    from luoshi.serve.app import create_app

    settings = Settings(data_dir=data_dir, database_url=url, secret_key="b" * 40)
    database = Database(url)
    app = create_app(settings=settings, database=database, clock=FixedClock.on(date.fromisoformat(as_of)))
    listening = socket.socket()
    listening.bind(("127.0.0.1", port))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    try:
        _wait(server, thread)
        yield f"http://127.0.0.1:{listening.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        listening.close()
        database.dispose()


def _wait(server: Any, thread: threading.Thread) -> None:
    """Until uvicorn has started (polled every 10 ms); fails if the server thread ended first."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.started:
            return
        if not thread.is_alive():
            raise RuntimeError("server exited before it started")
        time.sleep(0.01)
    raise RuntimeError("server did not start")


_RUNNING: dict[str, Any] = {}  # "playwright" and "browser" while a run of browser tests lasts


@pytest.fixture
def _shared_chromium(request: pytest.FixtureRequest) -> Any:
    """A headless chromium shared by consecutive browser tests (starting Playwright and chromium
    costs ~1.5 s a test). It is stopped after the last browser test before any other test runs
    (:func:`pytest_runtest_teardown`): while it runs, Playwright's sync API leaves its event loop
    marked running on this thread, and a later test's asyncio.run() would fail."""
    if not CHROMIUM.exists():
        reason = f"neither of Debian's {' nor '.join(map(str, CHROMIUMS))} is installed"
        if os.environ.get("LUOSHI_TEST_REQUIRE_SERVICES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    _check_grouped(request)
    browser = _RUNNING.get("browser")
    if browser is None or not browser.is_connected():
        stop_chromium()
        from playwright.sync_api import sync_playwright

        playwright = _RUNNING["playwright"] = sync_playwright().start()
        browser = _RUNNING["browser"] = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
    return browser


def _check_grouped(request: pytest.FixtureRequest) -> None:
    """Under ``--dist loadgroup`` a browser test runs in the "browser" group (one worker, one
    chromium at a time). pytest 9.2 with pytest-xdist 3.8 dropped the group without a word
    (pytest-dev/pytest-xdist#1386): two chromiums then ran at once; this says so instead."""
    if getattr(request.config.option, "loadgroup", False):
        assert request.node.nodeid.endswith("@browser"), f"not in the browser group: {request.node.nodeid}"


def stop_chromium() -> None:
    """Close the shared chromium and stop Playwright (its event loop with it), if running."""
    browser, playwright = _RUNNING.pop("browser", None), _RUNNING.pop("playwright", None)
    try:
        if browser is not None and browser.is_connected():
            browser.close()
    finally:
        if playwright is not None:
            playwright.stop()


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    """After a browser test and its fixtures' teardown (this conftest's hooks see only the browser
    tests): stop the shared chromium unless the next test on this worker is a browser test too."""
    if nextitem is None or nextitem.path.parent != item.path.parent:
        stop_chromium()


@pytest.fixture
def chromium(_shared_chromium: Any) -> Iterator[Any]:
    """The test's chromium; the pages it opened (each in its own context) are closed when it ends."""
    yield _shared_chromium
    for context in _shared_chromium.contexts:
        context.close()
