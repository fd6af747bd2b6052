"""Who am I (role, unit) — for API clients checking their token."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from luoshi.serve.deps import ActorDep

router = APIRouter(tags=["auth"])


class MePublic(BaseModel):
    username: str
    display_name: str
    role: str
    unit_id: int | None
    signed_in: bool


@router.get("/me")
def me(who: ActorDep) -> MePublic:
    return MePublic(
        username=who.username,
        display_name=who.display_name,
        role=who.role.value,
        unit_id=who.unit_id,
        signed_in=who.signed_in,
    )
