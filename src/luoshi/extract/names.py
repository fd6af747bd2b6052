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

from luoshi.extract.lead import ACTION

# Stages of a project or service a list may run through, besides the actions of lead.ACTION.
STAGE = (
    "竣工 完工 续建 在建 开建 投产 投用 开行 供应 发行 下达 净增 新增 新开工 新签约 签约 提档升级 提质改造"
)
LIST_VERBS = sorted({*ACTION, *STAGE.split()}, key=len, reverse=True)
VERB = "|".join(LIST_VERBS)
# Adverbs a verb-only item may carry: 已完工137个, 先发行200亿元, 再新增3家.
ADVERB = r"(?:已经|已|先期|先|率先|再|又|另|累计|共|全部|全面|基本)"
VERB_ONLY = re.compile(rf"^{ADVERB}*((?:{VERB})+)$")
# 新建、改扩建幼儿园 → 新建、改扩建; 新建成污水管网 → 新建成.
OPENING_VERBS = re.compile(rf"(?:(?:再|新)?(?:{VERB})、?)+")
TRAILING_VERB = re.compile(rf"(?:{ADVERB})*(?:{VERB})+$")
# The predicate that follows a counted noun: 4个中心创建获国家支持, 927个事项实现“掌上办”.
PREDICATE = re.compile(
    r"(?:已经|已|均|全部|全面|基本|顺利|有序|稳步|加快|正式|成功|率先|首次)?"
    r"(?:已经|已|实现|取得|获得|获批|荣获|获评|获|入选|入围|列入|纳入|通过|落地|成为|启动实施|"
    r"提高到|提高|提升到|达到|占比|比重|完成率)"
)
# When, between a counted noun and its predicate: 4个项目年内实现并网.
WHEN = re.compile(r"(?:年内|年底前|今年|当年|全年|目前|均|都|可|并|又|已|同时|一次性|首次|全部)+$")
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


def list_item_name(previous: str, verb: str) -> str:
    """The name of a list item that is only ``verb``, from the item before it: a noun named
    with its verb after (项目竣工) takes the new verb after, any other the new verb before (新建X → 改造X)."""
    if verb_only(previous):  # 全面开工 before 竣工: no noun to share
        return verb
    noun, closing = split_trailing_verb(previous)
    if closing:
        return noun + verb
    return verb + previous[len(leading_verbs(previous)) :]


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
