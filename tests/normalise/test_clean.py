from __future__ import annotations

import unicodedata

import pytest

from luoshi.normalise.clean import strip_debris


def clean(text: str) -> str:
    return strip_debris(text)[0]


@pytest.mark.parametrize(
    ("dirty", "expected"),
    [
        ("現(xiàn)在", "現在"),
        ("發（fā）展", "發展"),
        ("產(chǎn)業(yè)", "產業"),
        (unicodedata.normalize("NFD", "現(xiàn)在"), "現在"),  # combining tone marks
        ("现(xian4)在", "现在"),  # tone numbers
        ("綠(Lǜ)色", "綠色"),
        ("a\u200bb\u200dc\ufeffd\u00ade\u2060f", "abcdef"),
        ("全年\u3000增长", "全年增长"),
        ("\u3000\u3000现在，  \n  一、回顾\t\r\n", "现在，\n一、回顾"),
        ("\n\n\u200b\n标题\n\n\n \n正文\n\n", "标题\n正文"),
    ],
)
def test_debris_removed(dirty: str, expected: str) -> None:
    assert clean(dirty) == expected


@pytest.mark.parametrize(
    "kept",
    [
        "(一)加快转型",
        "（十）保障民生",
        "阳泉市委办(室)",
        "公顷(ha)",
        "面积(km2)",
        "GDP(现价)",
        "(a)",
        "x(xiàn)",
    ],
)
def test_real_parentheses_kept(kept: str) -> None:
    assert clean(kept) == kept


def test_index_points_at_kept_characters() -> None:
    original = "\u3000現(xiàn)在\u200b發(fā)展"
    text, index = strip_debris(original)
    assert text == "現在發展"
    assert [original[i] for i in index[:-1]] == list(text)
    assert index[-1] == len(original)
