"""Signed session cookies and CSRF tokens (passwords and API tokens: :mod:`luoshi.supervise.credentials`).

Pure helpers: no database, no request objects. The routes and dependencies wire them up.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer

SESSION_COOKIE = "luoshi_session"
SESSION_MAX_AGE = 12 * 3600  # seconds
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


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
