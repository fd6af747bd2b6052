"""HTML pages (simplified Chinese), each built from the same query functions as the API."""

from __future__ import annotations

from fastapi import APIRouter

from luoshi.serve.pages import (
    account,
    assignments,
    auth,
    catalogue,
    dashboard,
    fengong,
    home,
    items,
    ledger,
    panel,
    port,
    printing,
    public,
    reports,
    scorecards,
    tasks,
    units,
    uploads,
    years,
)
from luoshi.serve.pages.admin import router as admin_router

# In this order: a fixed path (/reports/upload) before a pattern that would also match it.
PAGES = (
    auth, home, uploads, reports, fengong, dashboard, ledger, public, port, units, tasks, items, scorecards,
    panel, years, printing, assignments, catalogue, account, admin_router,
)  # fmt: skip

router = APIRouter(include_in_schema=False)
for _page in PAGES:
    router.include_router(_page if isinstance(_page, APIRouter) else _page.router)
