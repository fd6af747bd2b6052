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
    public,
    reports,
    scorecards,
    tasks,
    units,
    uploads,
    years,
)
from luoshi.serve.pages.admin import router as admin_router

router = APIRouter(include_in_schema=False)
for _module in (
    auth,
    home,
    reports,
    fengong,
    dashboard,
    ledger,
    public,
    port,
    units,
    tasks,
    items,
    scorecards,
    panel,
    years,
):
    router.include_router(_module.router)
for _module in (uploads, assignments, catalogue, account):  # the office's workbench (督查室)
    router.include_router(_module.router)
router.include_router(admin_router)
