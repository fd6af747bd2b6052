"""The responsibility bracket of a breakdown line: who leads, who supports, by when.

Forms seen in published 分工方案: "（X、Y牵头，Z按职责分工负责，2023年6月底前完成）",
"（国务院各部门分别负责）", "〔责任单位：省发展改革委、省工信厅等按职责分工负责〕",
"（牵头单位：X；配合单位：Y；完成时限：…）". The first unit listed leads (牵头) unless the text says
who leads; "X分别负责" makes every X a lead with no co-units; a post (副市长, 秘书长) named as lead is
the task's responsible leader (牵头领导), not a unit. Names are kept exactly as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from luoshi.extract.deadlines import deadline_in

OPEN = "（(〔[【"
CLOSE = "）)〕]】"
# a bracket that assigns work: a role word, or a 责任单位/牵头单位 label
ROLE_WORD = re.compile(r"牵头|负责|责任单位|配合|协办|责任领导|牵头领导")
LABEL = re.compile(
    r"^(?P<key>牵头单位|牵头部门|主责单位|责任单位|责任部门|配合单位|配合部门|协办单位|参与单位|协同单位|"
    r"责任领导|牵头领导|分管领导|牵头市领导|联系领导|完成时限|完成时间|时间节点|时限要求|时限)[：:]\s*(?P<rest>.*)$"
)
LEAD_KEYS = ("牵头单位", "牵头部门", "主责单位")
LISTED_KEYS = ("责任单位", "责任部门")
CO_KEYS = ("配合单位", "配合部门", "协办单位", "参与单位", "协同单位")
LEADER_KEYS = ("责任领导", "牵头领导", "分管领导", "牵头市领导", "联系领导")
LEAD_END = re.compile(r"^(?P<names>.+?)(?:牵头抓总|牵头负责|牵头落实|牵头)$")
EACH_END = re.compile(r"^(?P<names>.+?)(?:分别负责|分别牵头|各自负责)(?:落实)?$")
CO_END = re.compile(
    r"^(?P<names>.+?)(?:按职责分工负责|按职责分工落实|按照职责分工负责|按职能分工负责|按职责负责|"
    r"按职责分工配合|协同配合|配合落实|积极配合|共同负责|参与|配合)$"
)
OWN_END = re.compile(r"^(?P<names>.+?)(?:具体负责|负责落实|负责)$")
TIME_WORD = re.compile(
    r"完成|推进|坚持|开工|建成|到位|实施|启动|底前|年底|年内|季度|月|长期|持续|常态|每年|全年"
)
ONGOING = re.compile(r"持续推进|长期坚持|长期推进|持续开展|持续实施|常态化|长期|持续")
DATED = re.compile(r"20\d\d年|\d{1,2}月|[一二三四五六七八九十]+月|年底|年末|季度|上半年|下半年")
POST = re.compile(r"(?:常务)?副?(?:市|省|县|区|州|盟)长$|秘书长$|副?书记$|副?主席$|副总理$|国务委员$")
SPLIT = "、"
MARK = re.compile(r"[（(]牵头(?:单位)?[）)]$")
YEAR_ONLY = re.compile(r"(20\d\d)年度?(?:内|底|末)?(?:前|以前|之前)?(?:完成|实现|建成)?")
CLAUSE = "，,；;。"


@dataclass(slots=True)
class Roles:
    """What one bracket (or one table row's cells) says."""

    lead: list[str] = field(default_factory=list)
    co: list[str] = field(default_factory=list)
    leaders: list[str] = field(default_factory=list)  # posts (副市长): the responsible leader
    each: bool = False  # 分别负责: every lead on its own, no co-units
    deadline: date | None = None
    deadline_text: str = ""


def bracket_at_end(text: str) -> tuple[int, int] | None:
    """The span of a balanced bracket that closes ``text`` (nested 各县（区） allowed), or None."""
    end = len(text.rstrip())
    if end == 0 or text[end - 1] not in CLOSE:
        return None
    depth = 0
    for i in range(end - 1, -1, -1):
        ch = text[i]
        if ch in CLOSE:
            depth += 1
        elif ch in OPEN:
            depth -= 1
            if depth == 0:
                return i, end
    return None


def responsibility_brackets(text: str) -> list[tuple[int, int]]:
    """Spans of the top-level brackets in ``text`` that assign work (not 各县（区） or an aside)."""
    spans = []
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch in OPEN:
            if depth == 0:
                start = i
            depth += 1
        elif ch in CLOSE and depth > 0:
            depth -= 1
            if depth == 0 and is_responsibility(text[start + 1 : i]):
                spans.append((start, i + 1))
    return spans


def is_responsibility(content: str) -> bool:
    """A bracket's content assigns work: a role word among its clauses, not a parenthetical aside."""
    return ROLE_WORD.search(content) is not None and len(content) <= 300 and "“" not in content[:2]


def top_split(text: str, seps: str) -> list[str]:
    """``text`` split at ``seps`` outside brackets, pieces stripped, empties dropped."""
    pieces: list[str] = []
    buf: list[str] = []
    depth = 0
    for ch in text:
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE and depth > 0:
            depth -= 1
        if ch in seps and depth == 0:
            pieces.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    pieces.append("".join(buf))
    return [p.strip() for p in pieces if p.strip()]


def unit_names(text: str) -> list[str]:
    """The names in "X、Y等": split at 、 outside brackets; a trailing 等 and a leading 由 go."""
    names = []
    for piece in top_split(text, SPLIT + "，,"):
        name = re.sub(r"^(?:由|请)", "", piece)
        name = re.sub(r"(?:等(?:有关)?(?:单位|部门)?|等)$", "", name).strip()
        if name:
            names.append(name)
    return names


def read_roles(content: str, year: int | None) -> Roles:
    """Read one bracket's content (without the bracket marks)."""
    roles = Roles()
    listed: list[str] = []
    for clause in top_split(content, CLAUSE):
        _clause(clause, roles, listed, year)
    if marked := _marked_leads(roles, listed):  # 省发展改革委（牵头）、省财政厅
        roles.lead = [*marked, *(n for n in roles.lead if n not in marked)]
    if listed:  # 责任单位：A、B / "A、B按职责分工负责" with no 牵头: the first listed leads
        if roles.lead:
            roles.co = [*listed, *roles.co]
        else:
            roles.lead, roles.co = listed[:1], [*listed[1:], *roles.co]
    _posts_to_leaders(roles)
    return roles


def _clause(clause: str, roles: Roles, listed: list[str], year: int | None) -> None:
    if (m := LABEL.match(clause)) is not None:
        _labelled(m.group("key"), m.group("rest"), roles, listed, year)
    elif (m := EACH_END.match(clause)) is not None:
        roles.lead += unit_names(m.group("names"))
        roles.each = True
    elif (m := LEAD_END.match(clause)) is not None:
        roles.lead += unit_names(m.group("names"))
    elif (m := CO_END.match(clause)) is not None:
        listed += unit_names(m.group("names"))  # co-units once a lead is named, else the first leads
    elif is_deadline_text(clause):
        set_deadline(roles, clause, year)
    elif (m := OWN_END.match(clause)) is not None:  # "X负责": X leads, unless a lead is named already
        (listed if roles.lead else roles.lead).extend(unit_names(m.group("names")))
    else:
        listed += unit_names(clause)


def _labelled(key: str, rest: str, roles: Roles, listed: list[str], year: int | None) -> None:
    if key in LEADER_KEYS:
        roles.leaders += unit_names(rest)
    elif key in LEAD_KEYS:
        roles.lead += unit_names(rest)
    elif key in CO_KEYS:
        roles.co += unit_names(rest)
    elif key in LISTED_KEYS:
        inner = read_roles(rest.replace("：", ""), year) if ROLE_WORD.search(rest) else None
        if inner is not None and (inner.lead or inner.co):
            roles.lead += inner.lead
            roles.co += inner.co
            roles.each = roles.each or inner.each
        else:
            listed += unit_names(rest)
    else:
        set_deadline(roles, rest, year)


def _marked_leads(roles: Roles, listed: list[str]) -> list[str]:
    """Names written "X（牵头）": taken out of every list, returned without the mark."""
    marked = [MARK.sub("", n) for n in (*roles.lead, *roles.co, *listed) if MARK.search(n)]
    for names in (roles.lead, roles.co, listed):
        names[:] = [n for n in names if not MARK.search(n)]
    return marked


def _posts_to_leaders(roles: Roles) -> None:
    posts = [n for n in roles.lead if POST.search(n)]
    if posts and len(posts) < len(roles.lead) + len(roles.co):
        roles.leaders += posts
        roles.lead = [n for n in roles.lead if n not in posts]
        if not roles.lead and roles.co:
            roles.lead, roles.co = roles.co[:1], roles.co[1:]


def is_deadline_text(text: str) -> bool:
    """A clause that states when (2023年6月底前完成, 年内持续推进, 长期坚持), not who."""
    return TIME_WORD.search(text) is not None and (DATED.search(text) or ONGOING.search(text)) is not None


def set_deadline(roles: Roles, text: str, year: int | None) -> None:
    """The deadline a time clause states: the last day it allows; none for ongoing work."""
    roles.deadline_text = text
    roles.deadline = read_deadline(text, year)


def read_deadline(text: str, year: int | None) -> date | None:
    """2023年6月底前完成 → 2023-06-30; 9月底前 → in ``year``; 年内持续推进 / 长期坚持 → None."""
    explicit = re.search(r"20\d\d年|\d{1,2}月|[一二三四五六七八九十]+月|季度|上半年|下半年|年底|年末", text)
    if ONGOING.search(text) and explicit is None:
        return None
    if (whole_year := YEAR_ONLY.fullmatch(text.strip())) is not None:  # 完成时限: 2023年
        return date(int(whole_year.group(1)), 12, 31)
    stated = re.search(r"(20\d\d)年", text)  # 2021年第二季度末前: the quarter is in the year it names
    return deadline_in(text, int(stated.group(1)) if stated else year)
