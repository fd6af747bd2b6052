"""Link a breakdown's lines to the report tasks they come from, and its unit names to the catalogue.

A breakdown line is the report's sentence condensed, split or joined. Similarity is over character
bigrams (punctuation and spaces ignored): a line comes from the report sentence that holds the
largest share of its bigrams; a further sentence counts too when it holds at least half of what
is left and a fifth of the line, or when the line holds most of it (a line that joins several
short sentences: the targets 国内生产总值增长6%以上；城镇新增就业…；…). Below ``MIN_COVER`` the
line has no report task (the breakdown added it). Within a sentence that is several ledger rows
(the headline targets, one row per clause), the line covers the rows whose own bigrams it mostly
contains.

Unit names resolve by name or alias after folding the usual long forms (发展和改革委员会 →
发展改革委, 人民政府 → 政府, the city's own name → 市); "各县（区）政府" means every county and
district; "各有关部门" and the like are groups that name no unit; anything else is unknown and listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

MIN_COVER = 0.4
ALSO_REST, ALSO_LINE = 0.5, 0.2
ROW_COVER = 0.5
CONTAINED, MIN_CONTAINED = 0.7, 6
IGNORED = set("，,。、；;：:！!？?“”\"'‘’（）()《》〈〉 \t\n\u3000—-")


def grams(text: str) -> set[str]:
    """The character bigrams of ``text`` with punctuation and spaces removed."""
    s = "".join(ch for ch in text if ch not in IGNORED)
    return {s[i : i + 2] for i in range(len(s) - 1)}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A report task: its id, its own text and the sentence it sits in (clean text)."""

    id: int
    text: str
    sentence: str


@dataclass(slots=True)
class Link:
    """The report tasks one line covers."""

    sentence: str | None = None  # the report sentence its first clause comes from
    task_id: int | None = None  # the task in that sentence it is most like
    task_ids: list[int] = field(default_factory=list)  # every task it covers
    also: list[str] = field(default_factory=list)  # further sentences it draws on
    cover: float = 0.0  # share of the line's bigrams found in its sentences


def link_lines(lines: Iterable[str], candidates: list[Candidate]) -> list[Link]:
    """One link per line (in order); an empty link when no sentence holds enough of it."""
    sentences: dict[str, list[Candidate]] = {}
    for c in candidates:
        sentences.setdefault(c.sentence, []).append(c)
    index = [(s, grams(s), rows) for s, rows in sentences.items()]
    return [_link(line, index) for line in lines]


def _link(line: str, index: list[tuple[str, set[str], list[Candidate]]]) -> Link:
    own = grams(line)
    if not own or not index:
        return Link()
    best = max(index, key=lambda item: (_share(own, item[1]), _dice(own, item[1])))
    cover = _share(own, best[1])
    if cover < MIN_COVER:
        return Link(cover=round(cover, 3))
    chosen = [best]
    rest = own - best[1]
    for item in sorted(index, key=lambda i: -len(rest & i[1])):
        hit = rest & item[1]
        holds = len(hit) >= ALSO_REST * len(rest) and len(hit) >= ALSO_LINE * len(own)
        contained = len(hit) >= max(MIN_CONTAINED, CONTAINED * len(item[1]))  # a short sentence, joined whole
        if item is best or not rest or not (holds or contained):
            continue
        chosen.append(item)
        rest -= item[1]
    chosen.sort(key=lambda item: _first_at(line, item[1]))  # the sentence its first clause comes from first
    covered = [c for _, _, rows in chosen for c in _rows(own, rows)]
    head = chosen[0]
    first = _rows(own, head[2])[0]
    total = len(own - rest) / len(own)
    return Link(head[0], first.id, [c.id for c in covered], [s for s, _, _ in chosen[1:]], round(total, 3))


def _first_at(line: str, sentence: set[str]) -> int:
    """Where in ``line`` the first bigram from ``sentence`` starts."""
    s = "".join(ch for ch in line if ch not in IGNORED)
    return next((i for i in range(len(s) - 1) if s[i : i + 2] in sentence), len(s))


def _rows(own: set[str], rows: list[Candidate]) -> list[Candidate]:
    """The rows of one sentence the line covers: all of a one-row sentence, else those whose own
    bigrams the line mostly holds (at least the most alike)."""
    if len(rows) == 1:
        return rows
    scored = [(_share(grams(c.text), own), c) for c in rows]
    kept = [c for s, c in scored if s >= ROW_COVER]
    return kept or [max(scored, key=lambda item: item[0])[1]]


def _share(part: set[str], whole: set[str]) -> float:
    return len(part & whole) / len(part) if part else 0.0


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


# --- unit names ------------------------------------------------------------------------------

PLACE_KINDS = ("county", "district")
EACH_PLACE = re.compile(
    r"^各(?:县|区|市)?[（(]?(?:县|区|市)(?:[、，,]?(?:县|区|市))*[）)]?(?:人民)?政府$|^各县区$|^各县（区）$"
)
EACH_ZONE = re.compile(r"^各(?:类)?开发区(?:管委会)?$")
GROUP = re.compile(  # names that stand for no one unit: 各有关部门, 市直各部门, …成员单位
    r"^(?:各|有关|相关|其他)|^(?:市直|省直|县直|区直|国务院|中央|全市|全省)(?:各|有关|相关)|(?:成员单位|各部门|各单位)$"
)
FOLDS = (
    ("发展和改革委员会", "发展改革委"),
    ("发展和改革局", "发展改革局"),
    ("人民政府", "政府"),
    ("管理委员会", "管委会"),
    ("委员会", "委"),
)
PLACE_SUFFIX = re.compile(r"(?:政府|管委会)$")


@dataclass(frozen=True, slots=True)
class UnitRef:
    """A catalogue unit as the resolver sees it."""

    code: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Resolved:
    """A name as written and what it means: units (``codes``), and how it was read."""

    written: str
    codes: tuple[str, ...]
    how: str  # unit | each (every county) | group (no unit named) | unknown


class UnitResolver:
    """Names → units through the catalogue's names and aliases (built once per preview)."""

    def __init__(self, units: Iterable[UnitRef]) -> None:
        self.units = list(units)
        cities = [n for u in self.units if u.kind == "city" for n in (u.name, *u.aliases) if len(n) > 1]
        self.cities = sorted(cities, key=len, reverse=True)
        self.keys: dict[str, str] = {}
        for u in self.units:
            for name in (u.name, *u.aliases):
                self.keys.setdefault(self.key(name), u.code)
        self.places = {
            self.key(PLACE_SUFFIX.sub("", n)): u.code
            for u in self.units
            if u.kind in (*PLACE_KINDS, "zone")
            for n in (u.name, *u.aliases)
        }

    def key(self, name: str) -> str:
        """A name folded to compare: spaces gone, long forms short, the city's name as 市."""
        key = "".join(name.split())
        for long, short in FOLDS:
            key = key.replace(long, short)
        for city in self.cities:  # 阳泉市发展改革委 → 市发展改革委, 江岭省财政厅 → 省财政厅
            if key.startswith(city) and len(key) > len(city) + 1 and city[-1] in "省市县区":
                key = city[-1] + key[len(city) :]
        return key

    def resolve(self, written: str) -> Resolved:
        key = self.key(written)
        if (code := self.keys.get(key)) is not None:
            return Resolved(written, (code,), "unit")
        if (code := self.places.get(PLACE_SUFFIX.sub("", key))) is not None:
            return Resolved(written, (code,), "unit")
        kinds = PLACE_KINDS if EACH_PLACE.match(key) else ("zone",) if EACH_ZONE.match(key) else ()
        if kinds and (codes := tuple(u.code for u in self.units if u.kind in kinds)):
            return Resolved(written, codes, "each")
        if GROUP.search(key):
            return Resolved(written, (), "group")
        return Resolved(written, (), "unknown")
