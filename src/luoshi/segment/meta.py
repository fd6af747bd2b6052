"""Report metadata where the text states it: title, date delivered, speaker, region, level."""

from __future__ import annotations

import re
from datetime import date

from luoshi.document import ReportMeta
from luoshi.segment.numerals import cn_number, cn_year

DEBRIS = re.compile(
    r"^(点击|查阅|来源|责任编辑|编辑|作者|发布时间|浏览|打印|分享|字号|【字号|关闭|扫一扫|相关链接|上一篇|下一篇|"
    r"首页|当前位置|您的位置)"
)
CN = "〇零一二三四五六七八九十"
DELIVERED = re.compile(
    rf"(\d{{4}}|[{CN}]{{4}})\s*年\s*(\d{{1,2}}|[{CN}]{{1,3}})\s*月\s*(\d{{1,2}}|[{CN}]{{1,3}})\s*日"
    r"\s*在\s*(.{0,40}?)会议"
)
CONGRESS = re.compile(r"^(.{2,16}?)(?:第?[一二三四五六七八九十\d]+届)?(?:人民代表大会|人大)")
ROLE = re.compile(
    r"(国务院总理|总理|(?:代理?)?(?:省|市|县|区|州|盟|旗)长|(?:自治区)?主席)"
    r"\s{0,8}([\u4e00-\u9fff·]{2,5})(?=\s|$)"
)
GOVERNMENT = re.compile(r"([\u4e00-\u9fff]{2,12}?)人民政府")
TITLE = re.compile(r"(?:(\d{4})年)?([\u4e00-\u9fff]{0,14}?)政府工作报告")
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
HEAD_LINES = 12


def report_meta(header: str) -> ReportMeta:
    """Metadata from the lines before the first part (the report's head)."""
    lines = [ln.strip() for ln in header.split("\n") if ln.strip() and not DEBRIS.match(ln.strip())]
    head = "\n".join(lines[:HEAD_LINES])
    meta = ReportMeta(title=_title(lines[:HEAD_LINES]))
    if m := DELIVERED.search(head):
        meta.date = _date(m.group(1), m.group(2), m.group(3))
        meta.region = _congress_region(m.group(4))
    if m := ROLE.search(head):
        meta.speaker = f"{m.group(1)} {m.group(2)}"
        if meta.region is None and m.group(1) in ("国务院总理", "总理"):
            meta.region = "国务院"
    if meta.region is None and meta.title and (m := TITLE.search(meta.title)) and m.group(2):
        meta.region = _region_name(m.group(2))
    if meta.region is None and (m := GOVERNMENT.search(head)):
        meta.region = _region_name(m.group(1))
    meta.level = level_of(meta.region)
    return meta


def level_of(region: str | None) -> str | None:
    """国务院/全国 → national; 省/自治区/直辖市 → province; 市/州/盟 → city; 县/区/旗 → county."""
    if not region:
        return None
    if region in ("国务院", "全国", "中国"):
        return "national"
    if region.endswith(("省", "自治区")) or region in MUNICIPALITIES:
        return "province"
    if region.endswith(("县", "区", "旗")):
        return "county"
    if region.endswith(("市", "州", "盟")):
        return "city"
    return None


def _title(lines: list[str]) -> str | None:
    """The line naming the report; a title broken over short lines (政府工作报 / 告) is joined."""
    joined = ""
    for line in lines:
        if len(line) <= 16 and not re.search(r"[，,。：:——]", line):
            joined += line
            if "工作报告" in joined:
                return joined
            continue
        joined = ""
        if "工作报告" in line and len(line) <= 30 and not line.startswith("——"):
            return line
    return None


def _date(y: str, m: str, d: str) -> date | None:
    year, month, day = cn_year(y), cn_number(m), cn_number(d)
    if year is None or month is None or day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _congress_region(place: str) -> str | None:
    if "全国人民代表大会" in place or place.startswith("全国"):
        return "国务院"
    m = CONGRESS.match(place)
    return _region_name(m.group(1)) if m else None


def _region_name(name: str) -> str | None:
    """The administrative name: 阳泉市, 山西省, 平定县 (leading years and words dropped)."""
    m = re.search(r"[\u4e00-\u9fff]{1,10}?(?:自治区|自治州|自治县|省|市|县|区|州|盟|旗)$", name)
    return m.group(0) if m else None
