from __future__ import annotations

from luoshi.serve.security import (
    SessionCodec,
    SessionData,
    csrf_matches,
    hash_password,
    new_api_token,
    token_digest,
    verify_password,
)


def test_password_round_trip_and_wrong_password() -> None:
    stored = hash_password("正确的密码")
    assert stored.startswith("$argon2")
    assert verify_password(stored, "正确的密码")
    assert not verify_password(stored, "wrong")
    assert not verify_password("not-a-hash", "x")


def test_session_cookie_is_signed() -> None:
    codec = SessionCodec("secret-a")
    cookie = codec.dumps(SessionData(csrf="tok", user_id=7))
    assert codec.loads(cookie) == SessionData(csrf="tok", user_id=7)
    assert SessionCodec("secret-b").loads(cookie) is None  # another key
    assert codec.loads(cookie[:-2] + "xx") is None  # tampered
    assert codec.loads("") is None


def test_csrf_compare() -> None:
    assert csrf_matches("abc", "abc")
    assert not csrf_matches("abc", "abd")
    assert not csrf_matches("abc", None)
    assert not csrf_matches(None, None)
    assert not csrf_matches("", "")


def test_api_tokens_are_stored_as_digests() -> None:
    token = new_api_token()
    assert token != new_api_token()
    assert len(token_digest(token)) == 64 and token not in token_digest(token)
