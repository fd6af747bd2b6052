"""The JSON API under /api (OpenAPI at /docs)."""

from __future__ import annotations

from fastapi import APIRouter

from luoshi.serve.api.routes import me, reports

router = APIRouter()
for _module in (me, reports):
    router.include_router(_module.router)
