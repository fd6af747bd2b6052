"""User accounts: create, change password, issue API tokens, check a login."""

from __future__ import annotations

from functools import cache

from luoshi.errors import NotFoundError, ValidationError
from luoshi.serve.security import hash_password, new_api_token, new_password, token_digest, verify_password
from luoshi.store.ledger import Ledger
from luoshi.store.models import Unit, User
from luoshi.store.models.auth import ApiToken
from luoshi.supervise.permissions import Role

MIN_PASSWORD = 10


def add_user(
    ledger: Ledger,
    *,
    username: str,
    role: Role,
    unit: str | None = None,
    display_name: str = "",
    password: str | None = None,
) -> tuple[User, str]:
    """Create a user; returns it with its password (generated when none is given)."""
    if role is Role.PUBLIC:
        raise ValidationError("公众无需账号")
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
    user = _user(ledger, username)
    password = password or new_password()
    _check_password(password)
    user.password_hash = hash_password(password)
    ledger.flush()
    return password


def issue_token(ledger: Ledger, *, username: str, name: str = "") -> str:
    """A new bearer token for the user (shown once; only its digest is stored)."""
    user = _user(ledger, username)
    token = new_api_token()
    ledger.add(
        ApiToken(user_id=user.id, digest=token_digest(token), name=name, created_at=ledger.clock.now())
    )
    return token


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


def _unit_id(ledger: Ledger, name_or_code: str) -> int:
    unit = ledger.find(Unit, code=name_or_code) or ledger.find(Unit, name=name_or_code)
    if unit is None:
        raise NotFoundError(f"单位 {name_or_code} 不存在")
    return unit.id


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError(f"密码至少 {MIN_PASSWORD} 个字符")


@cache
def _dummy_hash() -> str:
    return hash_password("luoshi-dummy-password")
