"""The JSON API under /api (OpenAPI at /docs)."""

from __future__ import annotations

from fastapi import APIRouter

from luoshi.serve.api.routes import dashboard, me, public, reports, tasks

router = APIRouter()
for _module in (me, reports, tasks, dashboard, public):
    router.include_router(_module.router)
