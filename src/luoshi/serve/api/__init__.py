"""The JSON API under /api (OpenAPI at /docs)."""

from __future__ import annotations

from fastapi import APIRouter

from luoshi.serve.api.routes import dashboard, extensions, items, me, public, reports, scorecards, tasks

router = APIRouter()
for _module in (me, reports, tasks, dashboard, public, items, scorecards, extensions):
    router.include_router(_module.router)
