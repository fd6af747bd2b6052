"""The grammar of indicator names: what a list item counts, and where a counted noun ends.

Three small rules, each a function:

- list items that are only a verb share the noun of their neighbour: 城建重大项目竣工6个、开工18个
  → 城建重大项目开工; 新建60家、提档升级40家社区养老院 → 新建社区养老院;
- a counted noun after its measure word ends where the clause's predicate starts:
  22个重点产业集群建设取得积极成效 → 重点产业集群建设; 5G基站 keeps its leading 5G;
- a name that is only an adverb (净 of 净增890元) is no name: the reader takes the one before.

The rest of the reader (:mod:`luoshi.extract.reading`) calls these; they know nothing of numbers.
"""

from __future__ import annotations

import re

from luoshi.extract.lead import ACTION, strip_leading

# Stages of a project or service a list may run through, besides the actions of lead.ACTION.
STAGE = (
    "竣工 完工 续建 在建 开建 投产 投用 开行 供应 发行 下达 净增 新增 新开工 新签约 签约 "
    "提档升级 提质改造 养护 维修"
)
LIST_VERBS = sorted({*ACTION, *STAGE.split()}, key=len, reverse=True)
VERB = "|".join(LIST_VERBS)
# Adverbs a verb-only item may carry: 已完工137个, 先发行200亿元, 再新增3家.
ADVERB = r"(?:已经|已|先期|先|率先|再|又|另|累计|共|全部|全面|基本)"
VERB_ONLY = re.compile(rf"^{ADVERB}*((?:(?:再|新)?(?:{VERB}))+)$")
# 新建、改扩建幼儿园 → 新建、改扩建; 新建成污水管网 → 新建成.
OPENING_VERBS = re.compile(rf"(?:(?:再|新)?(?:{VERB})(?!区)、?)+")  # 建成区 is a place
TRAILING_VERB = re.compile(rf"(?:{ADVERB})*(?:{VERB})+$")
# 分别新增, 各新建: the verb a listed subject closes with.
CLOSING_LIST_VERB = re.compile(rf"(?:分别|各|均)((?:{VERB})*)$")
# Levels and areas that set parallel items apart: 国家级、省级; 城镇、农村.
PARALLEL_ONLY = re.compile(r"(?:国家级|国家|省级|自治区级|市级|县级|区级|城镇|农村|城市|乡村)(?:以上)?")
# The predicate that follows a counted noun: 4个中心创建获国家支持, 927个事项实现“掌上办”.
RESULT = r"已经|已|实现|取得|获得|获批|荣获|获评|获|入选|入围|列入|纳入|通过|落地|成为|启动实施"
PREDICATE = re.compile(
    r"(?:已经|已|均|全部|全面|基本|顺利|有序|稳步|加快|正式|成功|率先|首次)?"
    rf"(?:{RESULT}|提高到|提高|提升到|达到|占比|比重|完成率)(?![者率])"
)

# When, between a counted noun and its predicate: 4个项目年内实现并网.
WHEN = re.compile(r"(?:年内|年底前|今年|当年|全年|目前|均|都|可|并|又|已|同时|一次性|首次|全部)+$")
# Actions that enclose the thing measured and do not name it: 推动有色冶金产业规模突破600亿元.
ENCLOSING = re.compile(
    r"^(?:推动|推进|加快|促进|深化|支持|落实|抓好|办好|着力|全力|持续|积极|大力|努力|继续|进一步|"
    r"稳步|扎实|有序|加大|力争|确保|争创)+"
)
CLAUSE_MARK = re.compile(r"[，,；;：:]")
# A clause that opens with an adverb and an action: 在全省率先完成X任务 acts on X任务.
ACTING = re.compile(
    rf"^(?:在[^，,]{{1,6}}?)?(?:率先|首次|全面|基本|提前|顺利|如期|已经|已)+(?:(?:再|新)?(?:{VERB}))+"
)
# Whom an action serves, before the action: 为80周岁以上老年人发放高龄补贴 → 发放高龄补贴.
BENEFICIARY = re.compile(rf"^(?:为|向|给)[^为向给，,]{{2,16}}?(?=(?:再|新)?(?:{VERB}))")
# A number that is part of a name: 5G基站, 4K超高清, 24小时自助图书馆.
NAME_NUMBER = re.compile(r"[0-9]+(?:[A-Za-z]|小时(?=[^\W\d]))")
# The adverb left of 净增/再增/另有 once the verb is read as the predicate.
FRAGMENT = re.compile(r"净|再|另|又|新")
SHORT_NOUN = 2  # the fewest characters a counted noun keeps when its predicate is cut


def verb_only(name: str) -> str:
    """The verbs a list item consists of (已完工 → 完工), or '' when it names a thing."""
    m = VERB_ONLY.match(name)
    return m.group(1) if m else ""


def split_trailing_verb(name: str) -> tuple[str, str]:
    """城建重大项目竣工 → (城建重大项目, 竣工); a name without a closing verb → (name, '')."""
    m = TRAILING_VERB.search(name)
    if m is None or m.start() < SHORT_NOUN:
        return name, ""
    return name[: m.start()], name[m.start() :]


def leading_verbs(name: str) -> str:
    """The verbs a name opens with: 新建社区养老院 → 新建."""
    m = OPENING_VERBS.match(name)
    return m.group() if m else ""


def list_frame(subject: str) -> tuple[str, str]:
    """A listed subject and the verb its items share: 新增国家级、省级技术中心 →
    (新增, 国家级、省级技术中心); 技术中心、研究中心分别新增 → (新增, 技术中心、研究中心)."""
    if (m := CLOSING_LIST_VERB.search(subject)) and m.start() >= SHORT_NOUN:
        return m.group(1) or "", subject[: m.start()]
    opening = leading_verbs(subject)
    return opening, subject[len(opening) :]


def split_before_after(base: str, noun: str, count: int) -> list[str] | None:
    """新建省级企业技术中心2个、3个工程研究中心: the first number counts the noun before it, the
    rest the noun after; None when nothing is named before (新建2个、3个中心)."""
    verb = leading_verbs(base)
    if count < 2 or len(base) - len(verb) <= SHORT_NOUN or "、" in base:
        return None
    return [base] + [verb + noun] * (count - 1)


def elliptic_name(modifier: str, previous: str) -> str:
    """省级3个 after 新增国家级企业技术中心2个 → 省级企业技术中心: a level or area alone takes the
    head of the name before; '' when ``modifier`` is more than that."""
    if not PARALLEL_ONLY.fullmatch(modifier):
        return ""
    bare = previous[len(leading_verbs(previous)) :]
    if not (m := PARALLEL_ONLY.match(bare)) or len(bare) - m.end() < SHORT_NOUN:
        return ""
    return modifier + bare[m.end() :]


def list_items(verb: str, first: str, bare: list[str] | None, whole: list[str] | None) -> list[str] | None:
    """One name per listed item, each with the verb the list shares. ``bare`` is the list split
    without its verb (``first`` its first item as written), ``whole`` with the verb glued to the
    first item: items that share a head (新增国家级、省级X) read bare, other lists whole (新增存款、贷款)."""
    closing = whole is not None and whole[-1].endswith(verb)  # …分别新增
    items = bare if bare and (whole is None or closing or _share_a_head(first, bare)) else whole
    if items is None:
        return None
    if verb_only(items[0]):  # 新开工、新投产制造业项目: verbs sharing the last item's noun
        return [shared_noun(item, items[-1]) or item if verb_only(item) else item for item in items]
    return [item if leading_verbs(item) else verb + item for item in items]


def _share_a_head(first: str, bare: list[str]) -> bool:
    """Whether the bare split lent its first item a head: 国家级 → 国家级技术中心, 小麦 → 小麦示范区."""
    return bool(PARALLEL_ONLY.fullmatch(first)) or (
        bare[0] != first and SHARED_HEAD.search(bare[0]) is not None
    )


def list_item_name(previous: str, verb: str) -> str:
    """The name of a list item that is only ``verb``, from the item before it: a name that opens
    with its verb (新建X) takes the new one there (改造X), one that closes with it (项目竣工) there."""
    if verb_only(previous):  # 全面开工 before 竣工: no noun to share
        return verb
    if opening := leading_verbs(previous):  # 新开工棚户区改造 → 建成棚户区改造
        return verb + previous[len(opening) :]
    noun, closing = split_trailing_verb(previous)
    return noun + verb if closing else verb + previous


def shared_noun(verb: str, later: str) -> str:
    """新建 before 提档升级社区养老院 → 新建社区养老院: the noun the list's last item counts."""
    opening = leading_verbs(later)
    noun = later[len(opening) :]
    return verb + noun if opening and len(noun) >= SHORT_NOUN else ""


def cut_predicate(noun: str) -> str:
    """A counted noun up to its clause's predicate: 重点产业集群建设取得积极成效 → 重点产业集群建设.
    A bare head (项目年内实现并网发电, 企业入选500强) keeps its predicate: it says which ones."""
    m = PREDICATE.search(noun, SHORT_NOUN)
    if m is None:
        return noun
    head = WHEN.sub("", noun[: m.start()])
    return head if len(head) > SHORT_NOUN else noun


def name_number_at(text: str, start: int) -> bool:
    """Whether a number at ``start`` is part of a name (5G基站), not a figure of its own."""
    return NAME_NUMBER.match(text, start) is not None


def is_fragment(name: str) -> bool:
    """A name that is only the adverb of its verb: 净 (净增890元), 再, 另, 又."""
    return FRAGMENT.fullmatch(name) is not None


def without_closing_change(name: str) -> str:
    """通车里程新增 → 通车里程: the level reached after a change belongs to the noun."""
    bare = re.sub(r"(?:新增|净增|增加|减少)$", "", name)
    return bare if len(bare) >= SHORT_NOUN else name


def acted_on(clause: str) -> str:
    """What a clause that opens with an adverb and an action acts on (在全省率先完成X任务 → X任务),
    or '' when it opens otherwise: the thing a later 惠及/覆盖 speaks of."""
    clause = strip_leading(clause)  # 今年, 全省 …
    m = ACTING.match(clause)
    return clause[m.end() :] if m and len(clause) - m.end() > SHORT_NOUN else ""


def table_name(name: str) -> str:
    """A name as a table writes it: no enclosing action (推动X → X), no clause before a comma, no
    beneficiary before its action (为老年人发放高龄补贴 → 发放高龄补贴)."""
    name = CLAUSE_MARK.split(name)[-1] or name
    if (m := BENEFICIARY.match(name)) and len(name) - m.end() > SHORT_NOUN:
        name = name[m.end() :]
    if (m := ENCLOSING.match(name)) and len(name) - m.end() > SHORT_NOUN:
        name = name[m.end() :]
    return name


# Heads that parallel modifiers share: 小麦、玉米高产示范区 → 小麦高产示范区.
SHARED_HEAD = re.compile(r"(?:示范区|示范园|示范基地|基地|园区|产业园|产业带|集群|项目|工程|中心|实验室)$")


def shared_head(item: str, last: str) -> str:
    """A short list item before the one that names the head: 小麦 before 玉米高产示范区 →
    小麦高产示范区 (as long as 玉米, the item stands in its place), else the head alone
    (有机蔬菜 → 有机蔬菜基地); '' for an item with a head of its own or a long one."""
    if verb_only(item) or SHARED_HEAD.search(item) or not (head := SHARED_HEAD.search(last)):
        return ""
    tail = last[len(item) :]
    if len(item) <= 3 and len(tail) >= 3 and head.start() >= len(item):
        return item + tail
    return item + head.group() if len(item) <= 4 else ""  # 有机蔬菜、稻渔种养基地 → 有机蔬菜基地


PARALLEL_LEVELS = re.compile(r"(?:(?:国家级|国家|省级|自治区级|市级|县级|区级)(?:及|和|与|、))+")


def parallel_end(noun: str) -> int:
    """Where the levels a counted noun opens with end: 国家及省级生态乡镇 → after 国家及 (the 及
    joins two levels of one noun, it does not end the noun)."""
    m = PARALLEL_LEVELS.match(noun)
    return m.end() if m and m.end() < len(noun) else 0
