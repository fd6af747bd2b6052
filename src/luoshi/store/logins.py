"""Failed sign-ins counted per account and per client address, in the database (shared by all workers)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select

from luoshi.config import Settings
from luoshi.store.ledger import Ledger
from luoshi.store.models.auth import LoginFailure


@dataclass(frozen=True, slots=True)
class LoginKeys:
    """The two counters one sign-in attempt touches."""

    account: str
    address: str

    @classmethod
    def of(cls, username: str, address: str) -> LoginKeys:
        return cls(account=f"account:{username.strip().lower()[:100]}", address=f"address:{address[:100]}")


def blocked(ledger: Ledger, keys: LoginKeys, settings: Settings, now: datetime) -> bool:
    """Whether the account or the address has used up its failures in the window."""
    since = now - timedelta(seconds=settings.login_window_seconds)
    return (
        _count(ledger, keys.account, since) >= settings.login_failures_per_account
        or _count(ledger, keys.address, since) >= settings.login_failures_per_address
    )


def record_failure(ledger: Ledger, keys: LoginKeys, settings: Settings, now: datetime) -> None:
    """Count one failure against both keys; failures older than the window are dropped."""
    since = now - timedelta(seconds=settings.login_window_seconds)
    ledger.session.execute(delete(LoginFailure).where(LoginFailure.at < since))
    ledger.add(LoginFailure(key=keys.account, at=now))
    ledger.add(LoginFailure(key=keys.address, at=now))


def record_success(ledger: Ledger, keys: LoginKeys) -> None:
    """A correct password clears the account's count (the address keeps its own)."""
    ledger.session.execute(delete(LoginFailure).where(LoginFailure.key == keys.account))


def _count(ledger: Ledger, key: str, since: datetime) -> int:
    query = select(func.count()).select_from(LoginFailure).where(LoginFailure.key == key)
    return ledger.session.scalar(query.where(LoginFailure.at >= since)) or 0
