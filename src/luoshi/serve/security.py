"""Passwords, signed session cookies, CSRF tokens and API tokens.

Pure helpers: no database, no request objects. The routes and dependencies wire them up.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from argon2 import Parameters, PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeTimedSerializer

_HASHER = PasswordHasher()  # argon2-cffi's default profile (RFC 9106 low memory): production
SESSION_COOKIE = "luoshi_session"
SESSION_MAX_AGE = 12 * 3600  # seconds
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
TOKEN_PREFIX = "ls_"


def use_password_profile(parameters: Parameters) -> None:
    """Hash new passwords with other argon2 ``parameters`` (the test suite uses ``profiles.CHEAPEST``).

    Verification reads each hash's own parameters, so existing hashes stay valid.
    """
    global _HASHER
    _HASHER = PasswordHasher.from_parameters(parameters)


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def new_password() -> str:
    """A random password fit to print once (demo users, ``user add`` without --password)."""
    return secrets.token_urlsafe(12)


def new_api_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """What is stored for an API token (the token itself never is)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_csrf_token() -> str:
    return secrets.token_urlsafe(24)


def csrf_matches(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(str(expected), str(given))


@dataclass(slots=True)
class SessionData:
    """What the session cookie carries: the user (if logged in) and the CSRF token."""

    csrf: str
    user_id: int | None = None
    generation: int = 0  # the user's session generation at sign-in: a later one ends this session

    def to_dict(self) -> dict[str, Any]:
        return {"c": self.csrf, "u": self.user_id, "g": self.generation}


class SessionCodec:
    """Signs and reads session cookies (itsdangerous, timestamped)."""

    def __init__(self, secret: str) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt="luoshi-session")

    def dumps(self, data: SessionData) -> str:
        return self._serializer.dumps(data.to_dict())

    def loads(self, cookie: str | None) -> SessionData | None:
        if not cookie:
            return None
        try:
            raw = self._serializer.loads(cookie, max_age=SESSION_MAX_AGE)
        except BadSignature:
            return None
        if not isinstance(raw, dict) or not isinstance(raw.get("c"), str):
            return None
        user_id, generation = raw.get("u"), raw.get("g")
        return SessionData(
            csrf=raw["c"],
            user_id=user_id if isinstance(user_id, int) else None,
            generation=generation if isinstance(generation, int) else -1,  # cookies from before 0011 end
        )
