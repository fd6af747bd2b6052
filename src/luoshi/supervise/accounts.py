"""User accounts: create, change password, issue API tokens, check a login."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache

from luoshi.errors import NotFoundError, ValidationError
from luoshi.store.ledger import Ledger
from luoshi.store.models import User
from luoshi.store.models.auth import ApiToken
from luoshi.supervise.credentials import (
    hash_password,
    new_api_token,
    new_password,
    token_digest,
    verify_password,
)
from luoshi.supervise.permissions import Role
from luoshi.supervise.scope import EVERYTHING, Scope, require_inside
from luoshi.supervise.units import find_unit

MIN_PASSWORD = 10


def add_user(
    ledger: Ledger,
    *,
    username: str,
    role: Role,
    unit: str | None = None,
    display_name: str = "",
    password: str | None = None,
    scope: Scope = EVERYTHING,
) -> tuple[User, str]:
    """Create a user; returns it with its password (generated when none is given). A county's
    office (``scope``) makes accounts only for its own county's units."""
    if role is Role.PUBLIC:
        raise ValidationError("公众无需账号")
    require_inside(ledger, scope, "unit", unit or "")
    if ledger.find(User, username=username):
        raise ValidationError(f"用户 {username} 已存在")
    unit_id = _unit_id(ledger, unit) if unit else None
    if role is Role.REPORTER and unit_id is None:
        raise ValidationError("单位填报员必须指定所属单位（--unit）")
    password = password or new_password()
    _check_password(password)
    user = User(
        username=username,
        role=role.value,
        unit_id=unit_id,
        display_name=display_name or username,
        password_hash=hash_password(password),
        active=True,
    )
    return ledger.add(user), password


def set_password(ledger: Ledger, *, username: str, password: str | None = None) -> str:
    """A new password; every session and API token the user had ends with the old one."""
    user = _user(ledger, username)
    password = password or new_password()
    _check_password(password)
    user.password_hash = hash_password(password)
    end_sessions(ledger, username=username)
    revoke_tokens(ledger, username=username)
    return password


def issue_token(ledger: Ledger, *, username: str, name: str = "", days: int = 90) -> str:
    """A new bearer token for the user, valid ``days`` days (shown once; only its digest is stored)."""
    user = _user(ledger, username)
    if not user.active:
        raise ValidationError(f"用户 {username} 已停用")
    token = new_api_token()
    now = ledger.clock.now()
    ledger.add(
        ApiToken(
            user_id=user.id, digest=token_digest(token), name=name, created_at=now,
            expires_at=now + timedelta(days=days),
        )
    )  # fmt: skip
    return token


def end_sessions(ledger: Ledger, *, username: str) -> None:
    """Sign the user out everywhere: every session cookie issued so far stops working."""
    user = _user(ledger, username)
    user.session_generation += 1
    ledger.flush()


def revoke_tokens(ledger: Ledger, *, username: str) -> int:
    """Revoke every API token of the user; returns how many were still live."""
    user = _user(ledger, username)
    live = ledger.all(ApiToken, user_id=user.id, revoked=False)
    for token in live:
        token.revoked = True
    ledger.flush()
    return len(live)


def set_active(ledger: Ledger, *, username: str, active: bool) -> None:
    """Disable (sessions and tokens end at once) or enable a user."""
    user = _user(ledger, username)
    user.active = active
    if not active:
        end_sessions(ledger, username=username)
        revoke_tokens(ledger, username=username)
    ledger.flush()


def token_live(token: ApiToken, now: datetime, default_days: int) -> bool:
    """Not revoked and not expired (tokens without an expiry run ``default_days`` from issue)."""
    expires = token.expires_at or token.created_at + timedelta(days=default_days)
    return not token.revoked and _aware(expires) > now


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def authenticate(ledger: Ledger, *, username: str, password: str) -> User | None:
    """The active user with these credentials, or None."""
    user = ledger.find(User, username=username)
    if user is None or not user.active or not user.password_hash:
        verify_password(_dummy_hash(), password)  # same work either way: no user-name oracle by timing
        return None
    return user if verify_password(user.password_hash, password) else None


def _user(ledger: Ledger, username: str) -> User:
    user = ledger.find(User, username=username)
    if user is None:
        raise NotFoundError(f"用户 {username} 不存在")
    return user


def _unit_id(ledger: Ledger, key: str) -> int:
    """A unit by code, name or alias: the one resolver every command uses (``supervise raise`` too)."""
    return find_unit(ledger, key).id


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError(f"密码至少 {MIN_PASSWORD} 个字符")


@cache
def _dummy_hash() -> str:
    return hash_password("luoshi-dummy-password")
