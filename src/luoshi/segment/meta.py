"""Report metadata where the text states it: title, date delivered, speaker, region, level."""

from __future__ import annotations

import re
from datetime import date

from luoshi.document import ReportMeta
from luoshi.segment.numerals import cn_number, cn_year
from luoshi.segment.provinces import PROVINCES

DEBRIS = re.compile(
    r"^(点击|查阅|来源|责任编辑|编辑|作者|发布时间|浏览|打印|分享|字号|【字号|关闭|扫一扫|相关链接|上一篇|下一篇|"
    r"首页|当前位置|您的位置)"
)
CN = "〇零一二三四五六七八九十"
DATE = re.compile(
    rf"(\d{{4}}|[{CN}]{{4}})\s*年\s*(\d{{1,2}}|[{CN}]{{1,3}})\s*月\s*(\d{{1,2}}|[{CN}]{{1,3}})\s*日"
)
# 在阳泉市第十六届人民代表大会…, 在第十三届全国人民代表大会…, 在市十六届人大三次会议上
CONGRESS = re.compile(
    r"([^\s在于—─－(（]{0,16}?)第?[一二三四五六七八九十\d]+届\s*(全国)?\s*(?:人民代表大会|人大)"
)
# A line that goes on with the congress's name (…在长沙市第十三届 / 人民代表大会第三次会议上).
CONGRESS_REST = re.compile(r"^\s*(?:第?[一二三四五六七八九十\d]+届|人民代表大会|代表大会|人大)")
ROLE = re.compile(
    r"(国务院总理|总理|(?:代理?)?(?:省|市|县|区|州|盟|旗)长|(?:自治区)?主席)"
    r"\s{0,8}([\u4e00-\u9fff·]{2,5})(?=\s|$)"
)
GOVERNMENT = re.compile(r"([\u4e00-\u9fff]{2,12}?)人民政府")
# Words before a name that are not part of it: 我代表省人民政府, 受市人民政府委托.
NOT_NAME = re.compile(r"^.*(?:代表|受|向|在|于|本届|第[一二三四五六七八九十\d]+届|\d\s*日)")
REGION = re.compile(
    r"[\u4e00-\u9fff]{1,10}?(?:维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|省|市|县|区|州|盟|旗)"
    r"(?![市县])"  # 泉州市, not 泉州
)
NATIONAL = re.compile(r"国务院|全国人民代表大会|全国人大")
TITLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年(?!\s*\d{1,2}\s*月)")  # not a date: 2021年12月21日
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
HEAD_LINES = 12


def report_meta(header: str) -> ReportMeta:
    """Metadata from the lines before the first part (the report's head).

    Region, in order of trust: the congress the report was delivered to, the title, the speaker's
    office, a government named in the head ("我代表省人民政府" names none)."""
    lines = [ln.strip() for ln in header.split("\n") if ln.strip() and not DEBRIS.match(ln.strip())]
    head = lines[:HEAD_LINES]
    meta = ReportMeta(title=_title(head))
    meta.date = _delivered(head)
    if m := ROLE.search("\n".join(head)):
        meta.speaker = f"{m.group(1)} {m.group(2)}"
    meta.region = _congress(head) or _named(meta.title) or _speaker_region(head) or _government(head)
    meta.level = level_of(meta.region)
    return meta


def named_year(meta: ReportMeta) -> int | None:
    """The year a report is called by, which a collection files it under: the year its title names
    (2006年四川省人民政府工作报告, a report on 2006 delivered in January 2007; 1981年政府工作报告,
    delivered in December 1981 for 1982; not a date in it), else its plan year (兰州 delivers in
    December for the next year and names that year).

    The plan year (``meta.year``) is what its 今年 means and its deadlines hang on; this is its name."""
    if meta.title and (m := TITLE_YEAR.search(meta.title)):
        return int(m.group(1))
    return meta.year


def _delivered(head: list[str]) -> date | None:
    """The date on a date line of the head (——2023年2月21日在…会议上, （2016年1月8日）), not in prose."""
    for line in head:
        if "。" in line or len(line) > 80:
            continue
        if (m := DATE.search(line)) and (day := _date(m.group(1), m.group(2), m.group(3))):
            return day
    return None


def _congress(head: list[str]) -> str | None:
    """The congress a date line names, also when the line is broken (在长沙市第十三届 / 人民代表大会…)
    or set apart (在呼和浩特市 第十六届…); in a sentence, only a note's (see :func:`_noted`)."""
    for i, line in enumerate(head):
        after = head[i + 1] if i + 1 < len(head) else ""
        joined = re.sub(r"\s+", "", line + (after if CONGRESS_REST.match(after) else ""))
        if "。" in line:
            if found := _noted(joined):
                return found
            continue
        if m := CONGRESS.search(joined):
            return "国务院" if m.group(2) else _region_name(m.group(1))
        if "全国人民代表大会" in line:
            return "国务院"
    return None


def _noted(sentence: str) -> str | None:
    """The congress a note names in its first clause as 在X市第N届… (这是周恩来在第三届全国人民代表大会
    …作的报告。), not one a sentence of the report cites later (为了…，根据…在六届全国人大…)."""
    clause = re.split(r"[，。]", sentence, maxsplit=1)[0]
    if not (m := CONGRESS.search(clause)) or not clause[: m.start()].endswith("在"):
        return None
    if m.group(2):
        return "国务院"
    return _region_name(m.group(1)) if m.group(1) else None


def _named(title: str | None) -> str | None:
    """The region a title names: 2023年山西省政府工作报告, 天津市2021年政府工作报告."""
    if not title:
        return None
    if NATIONAL.search(title):
        return "国务院"
    name = re.split(r"[（(]|工作报告", title, maxsplit=1)[0]  # not the date and speaker after it
    return _region_name(re.sub(r"\d{4}\s*年", " ", name))


def _speaker_region(head: list[str]) -> str | None:
    """The region in front of the speaker's office: 太原市市长 李荣怀."""
    for line in head:
        if (m := ROLE.search(line)) and "。" not in line:
            if m.group(1) in ("国务院总理", "总理"):
                return "国务院"
            return _region_name(line[: m.start()])
    return None


def _government(head: list[str]) -> str | None:
    for line in head:
        for m in GOVERNMENT.finditer(line):
            if name := _region_name(m.group(1)):
                return name
    return None


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


def _region_name(text: str) -> str | None:
    """The first administrative name in ``text``: 阳泉市, 山西省, 平定县 (我代表省 names none)."""
    text = NOT_NAME.sub("", text)
    m = REGION.search(text)
    if not m or m.group(0) in ("自治区", "自治州", "自治县"):
        return None
    return _province_name(m.group(0))


def _province_name(name: str) -> str:
    """A province by its full name: 贵州 (read as if 州 were a prefecture's) → 贵州省, 新疆自治区 →
    新疆维吾尔自治区; any other name unchanged."""
    short = name.removesuffix("自治区").removesuffix("省")
    return PROVINCES.get(short, name) if short in PROVINCES else name
