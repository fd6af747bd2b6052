from __future__ import annotations

import os

import pytest

from luoshi.ingest.encoding import decode

SIMPLIFIED = "现在，我代表市人民政府向大会报告工作，请予审议。\n地区生产总值达到1012.9亿元，增长4.5%。\n"
TRADITIONAL = "我們堅持以習近平新時代中國特色社會主義思想為指導，經濟社會發展取得新成就。\n"


@pytest.mark.parametrize(
    "codec", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]
)
@pytest.mark.parametrize("text", [SIMPLIFIED, SIMPLIFIED.replace("\n", ""), SIMPLIFIED * 50])
def test_each_encoding_is_detected(codec: str, text: str) -> None:
    assert decode(text.encode(codec)) == text


def test_big5_traditional_is_detected() -> None:
    assert decode((TRADITIONAL * 5).encode("big5")) == TRADITIONAL * 5


def test_gb18030_four_byte_characters() -> None:
    text = "㐀（扩展A区）与€符号，" + SIMPLIFIED
    assert decode(text.encode("gb18030")) == text


def test_utf8_wins_when_valid() -> None:
    assert decode(b"ASCII only, 2023") == "ASCII only, 2023"


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_are_not_text(seed: int) -> None:
    data = bytes((b * 7919 + seed * 31) % 256 for b in os.urandom(4096))
    assert decode(data) is None


def test_nul_filled_data_is_not_text() -> None:
    assert decode(b"\x00\x01\x02\x03" * 1000) is None
