"""The province a report speaks for when its head names none ("我代表省人民政府", "全省").

China's 34 provincial-level divisions are a fixed national list (not any report's wording); the
province a provincial report is about is the one its text names most often.
"""

from __future__ import annotations

import re

from luoshi.segment.cities import cities_province

PROVINCES = {
    "北京": "北京市", "天津": "天津市", "上海": "上海市", "重庆": "重庆市",
    "河北": "河北省", "山西": "山西省", "辽宁": "辽宁省", "吉林": "吉林省", "黑龙江": "黑龙江省",
    "江苏": "江苏省", "浙江": "浙江省", "安徽": "安徽省", "福建": "福建省", "江西": "江西省",
    "山东": "山东省", "河南": "河南省", "湖北": "湖北省", "湖南": "湖南省", "广东": "广东省",
    "海南": "海南省", "四川": "四川省", "贵州": "贵州省", "云南": "云南省", "陕西": "陕西省",
    "甘肃": "甘肃省", "青海": "青海省", "台湾": "台湾省",
    "内蒙古": "内蒙古自治区", "广西": "广西壮族自治区", "西藏": "西藏自治区", "宁夏": "宁夏回族自治区",
    "新疆": "新疆维吾尔自治区", "香港": "香港特别行政区", "澳门": "澳门特别行政区",
}  # fmt: skip
_NAMES = re.compile("|".join(sorted(PROVINCES, key=len, reverse=True)))
_WHOLE = re.compile(r"全(省|市)")
_SPEAKS_FOR = re.compile(r"代表(省|自治区|市)(?:人民)?政府")  # 我代表省人民政府 / 我代表市政府
MIN_MENTIONS = 3


def province_of(text: str) -> str | None:
    """The province a provincial report names most often (at least three times), else None.

    A report is provincial when it speaks for a province's government (我代表省/自治区人民政府),
    or, saying neither, when it says 全省 more often than 全市. One that seldom names its province
    is placed by the cities it names (兰州, 天水 … → 甘肃省)."""
    if m := _SPEAKS_FOR.search(text[:5000]):
        if m.group(1) == "市":
            return None
    else:
        whole = [w.group(1) for w in _WHOLE.finditer(text)]
        if whole.count("省") <= whole.count("市"):
            return None
    counts: dict[str, int] = {}
    for m in _NAMES.finditer(text):
        counts[m.group()] = counts.get(m.group(), 0) + 1
    name, n = max(counts.items(), key=lambda kv: kv[1]) if counts else ("", 0)
    if n >= MIN_MENTIONS:
        return PROVINCES[name]
    return PROVINCES[by_cities] if (by_cities := cities_province(text)) else None
