from __future__ import annotations

from luoshi.serve.security import SessionCodec, SessionData, csrf_matches


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
