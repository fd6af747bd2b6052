from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from luoshi.normalise import normalise
from luoshi.normalise.clean import PINYIN
from luoshi.normalise.forms import plain_forms
from luoshi.normalise.script import _has_traditional, _traditional_char, to_simplified, tw2s

# Text shaped like a web copy of a report: CJK in both scripts, pinyin, debris, boilerplate lines.
_PIECES = st.sampled_from(
    [
        "現(xiàn)",
        "發（fā）",
        "產(chǎn)業(yè)",
        "區(qū)",
        "(一)",
        "(室)",
        "公頃(ha)",
        "\u200b",
        "\u3000",
        "\ufeff",
        "\n",
        "\r\n",
        " ",
        "\u00a0",
        "來源：陽泉日報\n",
        "【字號 大 中 小】\n",
        "點擊查閱更多\n",
        "責任編輯：張三\n",
        "— 3 —\n",
        "著",
        "隨著",
        "乾",
        "乾隆",
        "髮",
        "後",
        "1012.9億元",
        "增長4.5%",
        "個百分點",
        "xiàn",
        "(",
        ")",
        "（",
        "）",
    ]
)
REPORTISH = st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=40).map("".join)


def check_map(original: str) -> None:
    text = normalise(original)
    index = text.index
    assert len(index) == len(text.clean) + 1
    assert index[-1] == len(original)
    assert all(0 <= i < len(original) for i in index[:-1])
    assert all(a < b for a, b in pairwise(index))  # strictly monotonic
    # OpenCC converts phrases, so compare with the conversion of the kept text as a whole
    # (debris between two kept characters is gone before conversion).
    kept = "".join(original[j] for j in index[:-1])
    converted = tw2s(plain_forms(kept))
    for i, char in enumerate(text.clean):
        source = original[index[i]]
        assert char in (source, plain_forms(source), converted[i]), (i, char, source)


@settings(max_examples=300, deadline=None)
@given(REPORTISH)
@example("xiàn\x00\n發乾隆")  # a NUL on a boilerplate line once made OpenCC convert 乾隆 to 干隆
@example("來源：陽泉日報\x00\n隨著乾隆")
def test_offset_map_on_reportish_text(original: str) -> None:
    check_map(original)


def test_a_nul_character_keeps_the_phrase_conversion_of_the_rest() -> None:
    """OpenCC stops at NUL; the text around a NUL keeps its length and its phrase context."""
    assert tw2s("隨著\x00乾隆發展\x00") == "随着\x00乾隆发展\x00"
    assert normalise("發展\x00\n乾隆發展").clean == "发展\x00\n乾隆发展"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_offset_map_on_any_text(original: str) -> None:
    check_map(original)


def test_example_report_loses_all_pinyin_and_keeps_real_parentheses(example_path: Path) -> None:
    original = example_path.read_text(encoding="utf-8")
    assert len(PINYIN.findall(original)) == 1448
    text = normalise(original)
    assert not re.search(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", text.clean)
    parens = re.compile(r"[(（][^()（）]{1,12}[)）]")
    debris = {m.start() for m in PINYIN.finditer(original)}
    real = [m.group() for m in parens.finditer(original) if m.start() not in debris]
    assert len(real) == 20
    assert sorted(parens.findall(text.clean)) == sorted(to_simplified(m) for m in real)
    assert "(室)" in text.clean and "(十)" in text.clean


def test_example_report_comes_out_simplified(example_path: Path) -> None:
    text = normalise(example_path.read_text(encoding="utf-8"))
    assert "发展" in text.clean and "發展" not in text.clean
    assert "随着" in text.clean or "着力" in text.clean
    assert "点击查阅更多" not in text.clean
    assert text.clean.startswith("——2023年2月21日")


def test_spans_map_back_to_the_number_as_written(example_path: Path) -> None:
    original = example_path.read_text(encoding="utf-8")
    text = normalise(original)
    for m in re.finditer(r"\d+(?:\.\d+)?(?:亿元|万吨|%)", text.clean):
        start, end = text.to_original(m.start(), m.end())
        written = original[start:end]
        assert PINYIN.sub("", written) == m.group() or to_simplified(PINYIN.sub("", written)) == m.group()


def test_boilerplate_lines_recorded_in_the_map() -> None:
    original = "來源：陽泉日報\n一、工作回顧\n【字號 大 中 小】\n發(fā)展"
    text = normalise(original)
    assert text.clean == "一、工作回顾\n发展"
    assert original[text.index[0]] == "一"
    assert original[text.index[len("一、工作回顾\n")]] == "發"


def test_simplified_text_is_left_alone() -> None:
    original = "效率显著提升,成就卓著。\n隨著改革深化,成效顯著。"
    assert normalise(original).clean == "效率显著提升,成就卓著。\n随着改革深化,成效显著。"


def test_opencc_is_not_loaded_for_simplified_text() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from luoshi.normalise import normalise; "
        "normalise('效率显著提升,增长6.5%。'); assert 'opencc' not in sys.modules; "
        "normalise('發展'); assert 'opencc' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_simplified_reports_pass_through_unchanged(fixtures_dir: Path) -> None:
    for name in ("guowuyuan-2021.txt", "guowuyuan-2022.txt"):
        original = (fixtures_dir / name).read_text(encoding="utf-8")
        assert to_simplified(original) == original


def test_every_line_break_becomes_a_line_feed() -> None:
    assert normalise("一、回顾\r二、安排\u2028三、\r\n四、").clean == "一、回顾\n二、安排\n三、\n四、"


def test_full_width_digits_and_letters_become_ascii() -> None:
    assert normalise("２０２３年增长６．５％，新建５Ｇ基站\u00a0１０００座（一）").clean == (
        "2023年增长6.5%，新建5G基站 1000座（一）"
    )


@settings(max_examples=200, deadline=None)
@given(REPORTISH, st.integers(0, 400), st.integers(0, 400))
def test_original_spans_map_back_to_the_clean_text(original: str, a: int, b: int) -> None:
    """to_clean inverts to_original on every clean span, and never leaves the clean text."""
    text = normalise(original)
    a, b = sorted((min(a, len(text.clean)), min(b, len(text.clean))))
    if a < b:
        assert text.to_clean(*text.to_original(a, b)) == (a, b)
    start, end = text.to_clean(a, b + 3)
    assert 0 <= start <= end <= len(text.clean)


def test_a_number_written_with_pinyin_debris_maps_to_its_clean_form(example_path: Path) -> None:
    original = example_path.read_text(encoding="utf-8")
    text = normalise(original)
    start = original.index("城鎮(zhèn)登記失業(yè)率控制在4%以內")
    a, b = text.to_clean(start, start + len("城鎮(zhèn)登記失業(yè)率控制在4%以內"))
    assert text.clean[a:b] == "城镇登记失业率控制在4%以内"


def test_removed_debris_maps_to_an_empty_clean_span() -> None:
    text = normalise("現(xiàn)在發(fā)展")
    debris = "現(xiàn)在發(fā)展".index("(xiàn)")
    assert text.clean == "现在发展"
    assert text.to_clean(debris, debris + len("(xiàn)")) == (1, 1)


def test_the_traditional_test_agrees_with_the_definition_for_every_ideograph() -> None:
    """The encoder-driven test (GB2312 in C) finds exactly the characters :func:`_traditional_char` names."""
    chars = [chr(c) for c in (*range(0x3000, 0xA000), *range(0xF900, 0xFB00), 0x20000, 0x2A6D6)]
    assert [c for c in chars if _has_traditional(f"增长5%，{c}。")] == [
        c for c in chars if _traditional_char(c)
    ]
    assert _has_traditional("國") and not _has_traditional("国家‰—～€")


def test_only_lines_with_a_traditional_character_are_converted() -> None:
    text = "顯著成績\n取得显著成效\n發展速度\n"
    assert to_simplified(text) == "显著成绩\n取得显著成效\n发展速度\n"
