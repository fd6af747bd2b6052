"""The number grammar: numbers as written, with magnitude, unit, hedges, ranges and lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.extract.numbers import may_hold_number, scan

Row = tuple[str, float, str]  # (text as written, value, unit)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("达到1012.9亿元", [("1012.9亿元", 1012.9, "亿元")]),
        ("惠及市场主体4万余户", [("4万余户", 40000, "户")]),  # 万 before a counter multiplies
        ("开展文化下乡演出1万余场", [("1万余场", 10000, "场")]),
        ("培训2.4万人", [("2.4万人", 24000, "人")]),
        ("发放补贴资金7400万元", [("7400万元", 7400, "万元")]),  # 万 stays in a measure unit
        ("发电量262.5亿千瓦时", [("262.5亿千瓦时", 262.5, "亿千瓦时")]),
        ("装机达到221.8万千瓦", [("221.8万千瓦", 221.8, "万千瓦")]),
        ("改造122.7万平方米", [("122.7万平方米", 122.7, "万平方米")]),
        ("粮食产量1.3万亿斤", [("1.3万亿斤", 1.3, "万亿斤")]),
        ("占比提高2.6个百分点", [("2.6个百分点", 2.6, "百分点")]),
        ("利润增长2倍", [("2倍", 2, "倍")]),
        ("车桩比4.1∶1", [("4.1∶1", 4.1, "∶1")]),
        ("增长45.9%", [("45.9%", 45.9, "%")]),
        ("增长２.３％", [("２.３％", 2.3, "%")]),  # full-width digits and percent
        ("新建100多个", [("100多个", 100, "个")]),
        ("两个新能源电池产业园区", [("两个", 2, "个")]),
        ("建设十大示范基地", [("十大", 10, "个")]),
        ("新增两万人", [("两万人", 20000, "人")]),
        ("131万阳泉人民", [("131万", 1310000, "人")]),  # people counted without a unit
        ("PM2.5浓度35微克/立方米", [("35微克/立方米", 35, "微克/立方米")]),
        ("连续151个月", [("151个月", 151, "个月")]),
        ("增长-3.5%", [("-3.5%", -3.5, "%")]),  # a minus sign, not a range
        ("新增污水处理能力4.5万吨/日", [("4.5万吨/日", 4.5, "万吨/日")]),
        ("发放贷款3.2万笔", [("3.2万笔", 32000, "笔")]),
        ("港口吞吐量320万标准箱", [("320万标准箱", 320, "万标准箱")]),
        ("达到1012.9 亿元，增长 5.2 %", [("1012.9 亿元", 1012.9, "亿元"), ("5.2 %", 5.2, "%")]),  # PDF text
    ],
)
def test_scan_reads_numbers_as_written(text: str, expected: list[Row]) -> None:
    assert [(n.text, n.value, n.unit) for n in scan(text)] == expected


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("增长6%—6.5%", 6, 6.5, "%"),
        ("增长6%-6.5%", 6, 6.5, "%"),
        ("增长6—6.5%", 6, 6.5, "%"),
        ("增长6%～7%", 6, 7, "%"),
        ("100万元至300万元", 100, 300, "万元"),
        ("新建3到5个", 3, 5, "个"),
    ],
)
def test_ranges_have_a_high_end(text: str, low: float, high: float, unit: str) -> None:
    [n] = scan(text)
    assert (n.value, n.value_high, n.unit) == (low, high, unit)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("分别高于省定目标10.6、38.3个百分点", [(10.6, "百分点"), (38.3, "百分点")]),
        ("跨越60、70、80亿元", [(60, "亿元"), (70, "亿元"), (80, "亿元")]),
        ("分别提高1836元和1027元", [(1836, "元"), (1027, "元")]),
        ("分别达到2、3万人", [(20000, "人"), (30000, "人")]),
    ],
)
def test_lists_share_the_last_unit(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(n.value, n.unit) for n in scan(text)] == expected


@pytest.mark.parametrize(
    ("text", "post", "approx"),
    [
        ("8%以上", "以上", False),
        ("6%左右", "左右", False),
        ("4%以内", "以内", False),
        ("4万余户", "", True),
        ("1000座以上", "以上", False),
    ],
)
def test_trailing_hedges(text: str, post: str, approx: bool) -> None:
    [n] = scan(text)
    assert (n.post, n.approx) == (post, approx)


@pytest.mark.parametrize(
    "text",
    [
        "2023年",  # a year is found (as 年) but only kept by the exclusions as a streak
        "7×24小时",
        "“1+1+10+1”政策体系",
        "5G网络",
        "4A级景区",
        "PM2.5",
        "智创城7号",
        "国道307、207线",
        "3.0版",
        "十四五",
        "百项堵点",
        "第六批",
        "8月底前",
    ],
)
def test_names_and_dates_hold_no_quantity(text: str) -> None:
    assert [n for n in scan(text) if n.unit != "年"] == []


def test_ranks_are_read_as_ranks() -> None:
    [n] = scan("排全省第5")
    assert n.rank and n.value == 5
    [n] = scan("排名全省第一")
    assert n.rank and n.value == 1
    assert scan("稳居全省开发区第一方阵") == []


def test_fractions_are_shares() -> None:
    [n] = scan("占三分之一")
    assert n.value == pytest.approx(1 / 3) and n.unit == ""
    [n] = scan("提高到百分之五")
    assert (n.value, n.unit) == (5, "%")
    [n] = scan("超过一半的县")
    assert n.value == 0.5 and n.unit == ""


# Source: quantities2 brief, item 4: thousands separators, and ASCII commas used as clause marks.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("人均可支配收入42,341元", [(42341.0, "元")]),
        ("总投资2,345.6亿元", [(2345.6, "亿元")]),
        ("接待游客1,200万人次", [(12000000.0, "人次")]),
        ("完成投资100亿元,123个项目开工", [(100.0, "亿元"), (123.0, "个")]),
        ("增长5.5%,12个项目开工", [(5.5, "%"), (12.0, "个")]),
        ("建成12,34个", [(34.0, "个")]),
        ("2019,2020年", [(2020.0, "年")]),  # a year list, not 2,019,020
    ],
)
def test_thousands_separators(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(n.value, n.unit) for n in scan(text)] == expected


def test_may_hold_number_is_false_only_where_scan_finds_nothing() -> None:
    texts = [
        "推进高质量发展",
        "增长5%",
        "第3位",
        "过半",
        "三分之一",
        "两个园区",
        "１２亿元",
        "提高到百分之五",
    ]
    assert [may_hold_number(t) for t in texts] == [False, *[True] * 7]
    assert all(scan(t) for t in texts[1:])
    sentences = (
        (Path(__file__).parents[1] / "fixtures" / "yangquan-2023.txt")
        .read_text(encoding="utf-8")
        .replace("\n", "。")
        .split("。")
    )
    assert all(scan(s) == [] for s in sentences if not may_hold_number(s))
    assert sum(not may_hold_number(s) for s in sentences) > 50
