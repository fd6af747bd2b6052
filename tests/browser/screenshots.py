"""The 驾驶舱 screenshots in docs/img: ``python -m tests.browser.screenshots docs/img``.

The demo (``luoshi serve --demo``) plus 督办事项 at every stage (dashboard_sample.py), as of
2023-09-30, in headless Debian chromium at 1440 px and at 1920 px (大屏). Nothing is saved if any
chart text overlaps or is cut (the check of test_dashboard_charts.py).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.browser.charts import open_dashboard, problems, serve
from tests.browser.conftest import ARGS, CHROMIUM, PASSWORD, _free_port
from tests.browser.dashboard_sample import DAY, seed_items

from luoshi.store.db import Database
from luoshi.store.migrate import upgrade
from luoshi.supervise.accounts import add_user
from luoshi.supervise.demo import load_demo
from luoshi.supervise.permissions import Role

SHOTS = (("dashboard-1440.png", 1440, ""), ("dashboard-1920-screen.png", 1920, "?screen=1"))


def main(out: Path) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'demo.sqlite3'}"
        db = Database(url)
        upgrade(db.engine)
        load_demo(db, evidence_dir=Path(tmp) / "evidence")
        seed_items(db)
        with db.ledger(actor="screenshots") as ledger:
            add_user(ledger, username="shots", role=Role.LEADER, password=PASSWORD)
        db.dispose()
        with serve(url, Path(tmp) / "data", _free_port(), DAY.isoformat()) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            for name, width, query in SHOTS:
                page = open_dashboard(browser, base, "shots", PASSWORD, width, query)
                found = problems(page)
                if found:
                    raise SystemExit(f"{name}: chart text overlaps or is cut: {found}")
                page.screenshot(path=str(out / name), full_page=True)
                print(out / name)
            browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/img"))
