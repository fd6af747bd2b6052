from __future__ import annotations

import pytest

from luoshi.ingest.sniff import sniff

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n", "pdf"),
        (PNG, "image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image"),
        (b"GIF89a\x01\x00", "image"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "ole"),
        (b"\x7fELF\x02\x01\x01", "binary"),
        (b"PK\x03\x04not really a zip", "binary"),
        ("政府工作报告".encode(), "text"),
        (b"BM is also how a text may start", "text"),
    ],
)
def test_kind_comes_from_the_first_bytes(data: bytes, kind: str) -> None:
    assert sniff(data)[0] == kind
