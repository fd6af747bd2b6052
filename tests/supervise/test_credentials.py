"""Passwords and API tokens: production hashes with argon2's default profile; the suite's cheap
hashes still verify."""

from __future__ import annotations

import subprocess
import sys

from luoshi.supervise.credentials import hash_password, new_api_token, token_digest, verify_password


def test_production_hashes_use_argon2_default_profile() -> None:
    """A process that is not the test suite hashes with argon2id, 64 MiB, 3 passes (RFC 9106 low memory)."""
    code = "from luoshi.supervise.credentials import hash_password; print(hash_password('correct horse'))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.startswith("$argon2id$v=19$m=65536,t=3,p=4$")


def test_suite_hashes_are_cheap_and_verify() -> None:
    stored = hash_password("correct horse battery")
    assert stored.startswith("$argon2id$v=19$m=8,t=1,p=1$")
    assert verify_password(stored, "correct horse battery")
    assert not verify_password(stored, "wrong horse battery")


def test_password_round_trip_and_wrong_password() -> None:
    stored = hash_password("正确的密码")
    assert stored.startswith("$argon2")
    assert verify_password(stored, "正确的密码")
    assert not verify_password(stored, "wrong")
    assert not verify_password("not-a-hash", "x")


def test_api_tokens_are_stored_as_digests() -> None:
    token = new_api_token()
    assert token != new_api_token()
    assert len(token_digest(token)) == 64 and token not in token_digest(token)
