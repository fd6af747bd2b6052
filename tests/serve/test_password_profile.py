"""Password hashing: production uses argon2's default profile; the suite's cheap hashes still verify."""

from __future__ import annotations

import subprocess
import sys

from luoshi.serve.security import hash_password, verify_password


def test_production_hashes_use_argon2_default_profile() -> None:
    """A process that is not the test suite hashes with argon2id, 64 MiB, 3 passes (RFC 9106 low memory)."""
    code = "from luoshi.serve.security import hash_password; print(hash_password('correct horse battery'))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.startswith("$argon2id$v=19$m=65536,t=3,p=4$")


def test_suite_hashes_are_cheap_and_verify() -> None:
    stored = hash_password("correct horse battery")
    assert stored.startswith("$argon2id$v=19$m=8,t=1,p=1$")
    assert verify_password(stored, "correct horse battery")
    assert not verify_password(stored, "wrong horse battery")
