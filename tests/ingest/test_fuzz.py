from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.errors import InputError
from luoshi.ingest import read_bytes

PREFIXES = st.sampled_from(
    [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body>", b"\xff\xfe", b"\xef\xbb\xbf", b"BM"]
)


@settings(max_examples=300, deadline=None)
@given(PREFIXES, st.binary(max_size=2000))
def test_any_bytes_give_text_or_one_clear_input_error(prefix: bytes, data: bytes) -> None:
    try:
        source = read_bytes(prefix + data, name="x")
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        assert source.text.strip()
