"""The JSON API under /api (OpenAPI at /docs)."""

from __future__ import annotations

from fastapi import APIRouter

from luoshi.serve.api.routes import dashboard, items, me, public, reports, scorecards, tasks

router = APIRouter()
for _module in (me, reports, tasks, dashboard, public, items, scorecards):
    router.include_router(_module.router)
