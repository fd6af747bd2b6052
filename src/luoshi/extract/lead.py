"""What stands before a number in its clause: the subject, the predicate, the hedge.

``地区生产总值增长6%`` → subject 地区生产总值, predicate 增长; ``全年煤炭产量不低于6890万吨`` →
subject 煤炭产量, predicate 不低于. The predicate words are peeled off the end of the text
before the number, then adverbs, places and connectives off its start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from luoshi.extract.hedges import ABOUT_BEFORE, AT_LEAST_BEFORE, AT_MOST_BEFORE


def _words(s: str) -> list[str]:
    return s.split()


# Words peeled off the end (longest first): hedges, verbs of change and of reaching, adverbs.
TRAILING = [
    *AT_LEAST_BEFORE,
    *AT_MOST_BEFORE,
    *ABOUT_BEFORE,
    *_words(
        "保持在 稳定在 达到 完成 实现 增长 增加 提高 提升 下降 降低 减少 压减 压缩 缩短 缩减 "
        "削减 回落 上涨 上升 扩大 改善 分别 同比 比上年 较上年 比去年 较去年 同口径 每人每月 每人每年 安排 "
        "年均 平均 实际 累计 合计 总计 力争 "
        "争取 确保 预计 稳定 保持 达 为 是 增 降 涨 到 至 了 在 均 都 再 占 拟 按 共"
    ),
]
TRAIL = re.compile(rf"(?:{'|'.join(sorted(TRAILING, key=len, reverse=True))})$")
SAFE_SINGLE_END = re.compile(r"(?:节约|附近|最近|公共|所在|存在|行为|作为|发达|总共|新增)$")
LEADING = re.compile(
    r"^(?:[（(]?[0-9０-９一二三四五六七八九十]{1,2}[）)]|[0-9]{1,2}[.．、]|[一二三四五六七八九十]是|"
    r"全市|全省|全国|全区|全县|全州|全盟|全年|今年|去年|当年|本年|明年|一年来|我市|我省|我区|"
    r"我县|我州|我国|其中|同时|此外|另外|并且|以及|并|和|及|与|、|力争|争取|确保|累计|共计|合计|总计|预计|"
    r"计划|拟|年均|再|\w{0,4}?[将要]在|在(?![用建岗校职编线售营途])|将|要|还|也|实现|完成|达到|共有|共(?![享同识赢担性产青和商治])|"
    r"20\d\d年(?:底|末)?(?:前|以来)?|年内|年底前|[上下]半年|[一二三四]季度|前三季度|"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:底|末)?前|"
    r"用[一二两三四五六七八九十\d]+年(?:时间|左右)?|[一二两三四五六七八九十\d]+年(?:内|来|间|以来)?)"
)
# Brackets and separators at the edges (a trailing 、 is kept: 迈上千亿台阶、达到… reads it).
EDGE_PUNCT = re.compile(r"^[（）()【】\[\]、，,；;：:\s]+|[（）()【】\[\]，,；;：:\s]+$")
LIGHT_VERB = re.compile(r"(?<=[^\W\d])实现(?=[^\W\d])")  # 规上工业企业实现营业收入
LEAD_HEDGE = re.compile(r"^(?:约|近|接近|超过|不到|不足|至少)(?=为|是|占|相当于)")
# 从75%提高到…, 由每人每年6000元提高到…; not 从拿地到开工
FROM = re.compile(r"(?:从(?![业事严而中来头未不])|(?<![自理缘因经])由)[^到至]{0,8}$")
ACTION = _words(
    "新改扩建 改扩建 新建 扩建 改建 开工建设 启动建设 开工 启动 建设 建成 完成 实施 推进 推动 打造 "
    "创建 培育 新增 引进 改造 认定 认证 发放 投入 争取 招引 新发展 发展 办好 抓好 支持 建立 组建 "
    "设立 开展 举办 落实 再培育 新培育 创成 获批 申报"
)
LEAD_ACTION = re.compile(rf"^(?:再|新)?(?:{'|'.join(sorted(ACTION, key=len, reverse=True))})+")
ONLY_ACTION = re.compile(rf"^(?:再|新)?(?:{'|'.join(sorted(ACTION, key=len, reverse=True))})+$")


@dataclass(frozen=True, slots=True)
class Lead:
    """The text before a number, read: ``subject`` + ``predicate`` (the peeled words)."""

    subject: str
    predicate: str


@lru_cache(maxsize=16384)
def read_lead(pre: str) -> Lead:
    """Split ``pre`` (the clause text before a number) into subject and predicate (remembered:
    a lead is immutable, and a corpus meets the same ones again and again)."""
    subject, predicate = EDGE_PUNCT.sub("", pre), ""
    while subject and (m := TRAIL.search(subject)):
        if len(m.group()) == 1 and SAFE_SINGLE_END.search(subject):
            break
        predicate = m.group() + predicate
        subject = subject[: m.start()]
    if (m := FROM.search(subject)) and m.start() > 1:  # 起征点从10万元提高到15万元
        subject = subject[: m.start()]
    subject = strip_leading(LIGHT_VERB.sub("", EDGE_PUNCT.sub("", subject)))
    if m := LEAD_HEDGE.match(subject):  # 约为全国平均水平的95%
        predicate, subject = m.group() + predicate, subject[m.end() :]
    return Lead(subject, predicate)


def strip_leading(s: str) -> str:
    """Drop places, times and connectives at the start: 全市/今年/其中/和 …"""
    while s and (m := LEADING.match(s)) and m.end() < len(s):
        s = s[m.end() :]
    return s if not LEADING.fullmatch(s) else ""


def leading_action(s: str) -> str:
    """The action verbs a phrase opens with, after its times and places
    (建成华阳一矿、新景矿 → 建成; 年底前完成西沟村… → 完成)."""
    while s:
        if m := LEAD_ACTION.match(s):
            return m.group()
        if not (m := LEADING.match(s)):
            break
        s = s[m.end() :]
    return ""


def only_action(s: str) -> bool:
    """Whether ``s`` is nothing but action verbs (启动建设, 改扩建): a name with no noun."""
    return bool(ONLY_ACTION.match(s))
