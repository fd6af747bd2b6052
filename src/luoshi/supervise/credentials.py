"""Passwords, API tokens and the signing key: argon2 hashes, random passwords, the digest stored
for a token, and the key that signs session cookies and hashes the port's contacts.

Pure helpers: no database, no web framework. Accounts (:mod:`luoshi.supervise.accounts`) and the
web app's sign-in use them.
"""

from __future__ import annotations

import hashlib
import os
import secrets

from argon2 import Parameters, PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from luoshi.config import MIN_SECRET, PLACEHOLDER_SECRETS, Settings
from luoshi.errors import ValidationError

_HASHER = PasswordHasher()  # argon2-cffi's default profile (RFC 9106 low memory): production
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


def signing_key(settings: Settings) -> str:
    """The signing key: configured; else one kept in the data folder (development only)."""
    if settings.secret_key and settings.secret_key not in PLACEHOLDER_SECRETS:
        return settings.secret_key  # length and placeholders in production: checked by Settings
    if settings.environment == "production":
        raise ValidationError(f"生产环境必须设置 LUOSHI_SECRET_KEY（不少于 {MIN_SECRET} 个随机字符）")
    path = settings.data_dir / "secret_key"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:  # created once, atomically: concurrent workers all read the same key
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(secrets.token_urlsafe(48))
    return path.read_text(encoding="utf-8").strip()
