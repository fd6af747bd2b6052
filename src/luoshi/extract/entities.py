"""Places (平定县, 高新区) and bodies (华阳集团, 市发展改革委) named in a clause.

General grammar, not a gazetteer: a name is a suffix (县, 开发区, 集团, 局 …) with a stem to its
left. The stem stops at punctuation and function words, loses the verbs and adverbs that precede
names in plan text, and is rejected when it is a category (国家级, 重点, 两个) or part of a common
word (城市, 乡镇, 格局). Precision comes first: these names route tasks to responsible units.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from luoshi.extract.entity_words import (
    AFTER_NUMBER,
    CATEGORY,
    CATEGORY_END,
    COMMON_BEFORE,
    COUNTED,
    DETERMINERS,
    FUNCTION,
    LEADING,
    LEVEL_WORD_AFTER,
    MAX_PLACE_STEM,
    MAX_STEM,
    MIN_STEM,
    NUMERALS,
    PROVINCES,
)

Hit = tuple[int, int, str]  # start, end, name

PLACE = re.compile(r"自治区|自治州|自治县|街道|省|市|县|区|镇|乡|村|旗|盟")
ZONE = re.compile(
    r"经济技术开发区|高新技术产业开发区|高新技术开发区|综合保税区|高新区|经开区|保税区|自贸区|开发区|示范区|"
    r"试验区|产业园区|工业园区|物流园区|产业园|工业园|科技园|物流园|园区|景区|新区"
)
BARE_ZONES = {"高新区", "经开区", "经济技术开发区", "综合保税区", "保税区", "自贸区"}
ORG = re.compile(
    r"集团(?:(?:股份)?有限(?:责任)?公司|公司)?|(?:股份)?有限(?:责任)?公司|公司|银行|大学|学院|医院|研究院|研究所|设计院|商会|协会|"
    r"发电厂|电厂"
)
GOV = re.compile(
    r"(?P<level>省|市|县|区)(?:(?:人民)?政府|人大常委会|人大|政协|纪委|监委|(?:人民)?法院|(?:人民)?检察院"
    r"|(?P<stem>[\u4e00-\u9fff]{0,8}?)(?P<kind>委员会|委(?![员托屈婉派])|局|厅|办公室))"
)
SOE = re.compile(
    r"(?:中国|国家)(?:电网|电建|能建|铁建|中铁|交建|建筑|移动|联通|电信|铁塔|石油|石化|海油|华电|华能|大唐|国电|"
    r"电投|中车|五矿|宝武|中化|邮政|能源|烟草|核电|建材|中冶)(?![局部委署])(?:集团)?(?:有限)?(?:公司)?"
    r"|(?:中国)?(?:工商|农业|建设|交通|邮政储蓄)银行|国家开发银行|农业发展银行"
)
NATIONAL = re.compile(
    r"国务院|党中央|中共中央|全国人大|全国政协"
    r"|国家(?:发展改革|发展和改革|能源|统计|税务|市场监管|林业和草原|医疗保障|卫生健康|粮食和物资储备|"
    r"乡村振兴|知识产权|文物|铁路|邮政|外汇管理|金融监督管理|数据)(?:委员会|委|局|总局|署)"
)
MINE = re.compile(r"[\u4e00-\u9fff]{2}[一二三四五六七八九十\d]{1,2}矿")
CJK = re.compile(r"[\u4e00-\u9fff]")
LEADING_WORD = re.compile("|".join(LEADING))
NOT_A_BUREAU_END = set("格布结大全当开破变时残赌棋骗饭")


def entities_in(text: str) -> tuple[list[str], list[str]]:
    """(places, bodies) named in ``text``, in order of first mention, without duplicates."""
    places, bodies = _entities(text)
    return list(places), list(bodies)


@lru_cache(maxsize=4096)
def _entities(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    bodies = _resolve(list(_bodies(text)))
    places = [p for p in _resolve(list(_places(text))) if not any(b[0] <= p[0] < b[1] for b in bodies)]
    return tuple(_names(places)), tuple(_names(bodies))


def _places(text: str) -> Iterator[Hit]:
    for m in PLACE.finditer(text):
        suffix = m.group(0)
        stem = _stem(text, m.start(), cut=set("省市县区") - {suffix[0]})
        if _place_stem_ok(stem, suffix, text, m.end()):
            yield m.start() - len(stem), m.end(), stem + suffix
    for m in ZONE.finditer(text):
        stem = _stem(text, m.start(), cut=set("省市县"))
        if (stem and _name_ok(stem) and len(stem) >= 2) or (not stem and m.group(0) in BARE_ZONES):
            yield m.start() - len(stem), m.end(), stem + m.group(0)


def _bodies(text: str) -> Iterator[Hit]:
    for pattern in (NATIONAL, SOE, MINE):
        for m in pattern.finditer(text):
            yield m.start(), m.end(), m.group(0)
    for m in ORG.finditer(text):
        stem = _stem(text, m.start(), cut=set(), keep_level=True)
        if 2 <= len(stem) <= 8 and _name_ok(stem.lstrip("省市县区")):
            yield m.start() - len(stem), m.end(), stem + m.group(0)
    for m in GOV.finditer(text):
        if _gov_ok(text, m):
            yield m.start(), m.end(), m.group(0)


def _stem(text: str, end: int, cut: set[str], keep_level: bool = False) -> str:
    """The name's stem left of ``end``: Chinese characters back to a boundary, leading verbs dropped.

    Empty when no boundary (punctuation, a digit, a function word) is found close enough: a
    name must start at a word boundary, and without one the left edge is a guess.
    """
    start, bounded = end, False
    while start > 0 and end - start <= MAX_STEM + 4:
        ch = text[start - 1]
        if not CJK.match(ch) or ch in FUNCTION or ch in cut:
            bounded = True
            break
        if keep_level and ch in "省市县区" and _level_boundary(text, start - 1):
            start -= 1
            bounded = True
            break
        start -= 1
    if start == 0:
        bounded = True
    if not bounded:
        return ""
    stem = _after_last_verb(text[start:end])
    if start > 0 and text[start - 1].isdigit() and stem[:1] in AFTER_NUMBER:
        if stem[0] in COUNTED:
            return ""
        stem = stem[1:]
    return stem if len(stem) <= MAX_STEM + (2 if keep_level else 0) else ""


def _after_last_verb(run: str) -> str:
    """What follows the last verb or adverb in ``run`` ("月底前开工青羊" → "青羊")."""
    cut = 0
    for m in LEADING_WORD.finditer(run):
        cut = m.end()
    return run[cut:]


def _level_boundary(text: str, i: int) -> bool:
    """Whether 省/市/县/区 at ``i`` starts a body's name (市教育局) rather than ending a word (城市)."""
    before = text[i - 1] if i > 0 else ""
    return not before or before not in COMMON_BEFORE.get(text[i], set())


def _place_stem_ok(stem: str, suffix: str, text: str, after: int) -> bool:
    if suffix in ("省", "自治区"):
        return stem in PROVINCES
    if not MIN_STEM.get(suffix, 2) <= len(stem) <= MAX_PLACE_STEM.get(suffix, MAX_STEM):
        return False
    if not _name_ok(stem) or stem[0] in "省市县区" or stem[-1] in COMMON_BEFORE.get(suffix, set()):
        return False
    if suffix == "市" and not _city_stem_ok(stem):
        return False
    return text[after : after + 1] not in LEVEL_WORD_AFTER.get(suffix, set())


def _city_stem_ok(stem: str) -> bool:
    """晋城市 and 长治市, not 智慧城市, 大城市 or the slogans 科教兴市, 依法治市."""
    if stem[-1] == "城":
        return len(stem) == 2 and stem[0] not in "大小中新老超特古名全各本上下"
    return not (len(stem) >= 3 and stem[-1] in "兴强立富建治")


def _name_ok(stem: str) -> bool:
    """Not a category (两个, 国家级, 重点) and no function word inside."""
    if not stem or stem.startswith(DETERMINERS):
        return False
    if any(ch in FUNCTION for ch in stem) or any(ch.isdigit() for ch in stem):
        return False
    if stem[-1] in CATEGORY_END or stem[-1] in NUMERALS:
        return False
    return not any(word in stem for word in CATEGORY)


def _gov_ok(text: str, m: re.Match[str]) -> bool:
    """市教育局 / 省委 / 县政府, with 市 at a word start (not 全市, 城市, 超市)."""
    if not _level_boundary(text, m.start()):
        return False
    before = text[max(0, m.start() - 1) : m.start()]
    if before in ("全", "各", "本", "我", "该", "每", "外"):
        return False
    stem = m.group("stem") or ""
    if not m.group("kind"):
        return True
    if m.group("kind") != "委" and not stem:
        return False
    return not stem or (stem[-1] not in NOT_A_BUREAU_END and _plain(stem))


def _plain(stem: str) -> bool:
    """A bureau's own name may hold 和 (规划和自然资源局), no other function word, no level."""
    if "政府" in stem or any(ch in "省市县区" for ch in stem.replace("城市", "")):
        return False
    return not any(ch in FUNCTION and ch != "和" for ch in stem)


def _resolve(hits: list[Hit]) -> list[Hit]:
    """Drop hits inside a longer hit; keep text order."""
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    kept: list[Hit] = []
    for hit in hits:
        if any(k[0] <= hit[0] and hit[1] <= k[1] for k in kept):
            continue
        kept = [k for k in kept if not (hit[0] <= k[0] and k[1] <= hit[1])]
        kept.append(hit)
    return sorted(kept)


def _names(hits: list[Hit]) -> list[str]:
    return list(dict.fromkeys(name for _, _, name in hits))
