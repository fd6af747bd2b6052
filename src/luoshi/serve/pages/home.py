"""The front door: insiders go to the dashboard, the public to the public page."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from luoshi.serve.deps import ActorDep
from luoshi.supervise.permissions import Action

router = APIRouter()


@router.get("/")
def home(who: ActorDep) -> Response:
    return RedirectResponse("/dashboard" if who.may(Action.VIEW_INTERNAL) else "/public", status_code=303)
