"""修改密码: every signed-in user changes their own password (the current one first)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from luoshi.serve.deps import DatabaseDep, UserDep, forget_actors
from luoshi.serve.forms import FORM_ERRORS, NO_FORM, FieldError, FormState, failure
from luoshi.serve.render import page
from luoshi.serve.security import SessionData, new_csrf_token
from luoshi.store.models import User
from luoshi.supervise.accounts import MIN_PASSWORD, authenticate, set_password

router = APIRouter()
Secret = Annotated[str, Form(max_length=200)]
FORM_ID = "password-form"


@router.get("/account/password")
def password_form(request: Request, who: UserDep) -> Response:
    return _page(request, who)


@router.post("/account/password")
def change_password(
    request: Request,
    who: UserDep,
    db: DatabaseDep,
    current: Secret = "",
    new: Secret = "",
    again: Secret = "",
) -> Response:
    """A new password ends every other session and token; this browser stays signed in."""
    try:
        if len(new) < MIN_PASSWORD:
            raise FieldError("new", f"新密码至少 {MIN_PASSWORD} 个字符")
        if new != again:
            raise FieldError("again", "两次输入的新密码不一致")
        with db.ledger(actor=who.username) as ledger:
            if authenticate(ledger, username=who.username, password=current) is None:
                raise FieldError("current", "当前密码不正确")
            set_password(ledger, username=who.username, password=new)
            user = ledger.find(User, username=who.username)
            generation = user.session_generation if user is not None else 0
    except FORM_ERRORS as exc:
        return _page(request, who, failure(FORM_ID, exc, {}))  # passwords are never echoed back
    request.state.session = SessionData(csrf=new_csrf_token(), user_id=who.user_id, generation=generation)
    forget_actors(request)
    return _page(request, who, done=True)


def _page(request: Request, who: UserDep, state: FormState = NO_FORM, done: bool = False) -> Response:
    return page(
        request, "password.html", who, state.code, form_state=state, done=done, min_password=MIN_PASSWORD
    )
