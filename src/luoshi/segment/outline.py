"""Assemble the outline: part headings → parts → sections → paragraphs, with kinds and years."""

from __future__ import annotations

import re

from luoshi.document import Paragraph, Part, PartKind, ReportMeta, Section
from luoshi.segment import kinds
from luoshi.segment.appendix import appendix_start, is_glossary_heading
from luoshi.segment.cities import city_of
from luoshi.segment.evidence import Verdict, weigh
from luoshi.segment.headings import NUM, PART_WORDS, Heading, Style, heading_like, part_heading
from luoshi.segment.meta import level_of, report_meta
from luoshi.segment.paragraphs import is_debris, is_headline, is_target_line
from luoshi.segment.provinces import province_of
from luoshi.segment.sections import SectionFiller
from luoshi.segment.text import CJK, lines

Row = tuple[int, int]
Draft = tuple[Part, PartKind | None]  # a part and the kind already decided for it, if any
MAX_SKIP = 3  # an excerpt may leave out up to two parts
PREAMBLE_MIN = 400  # characters of body text before the first part that make a part of their own
SENTENCE_STOPS = "。！？!?"
GLUED_TITLE = 30
GLUED = re.compile(rf"\s*({NUM}、[^；;，,：:]{{2,{GLUED_TITLE}}})")  # after the last sentence stop of a line
HEADLINE_LEAD = 5  # paragraphs before the headline targets where the plan may open (今年…)
RESTART_GAP = 3  # rows between a part's bare heading and the 一、 of its first section
BARE_TITLE = 30
NUMBERED = re.compile(r"[一二三四五六七八九十\d]{1,3}\s*[、.．]|[(（【\[]|第[一二三四五六七八九十]")


def outline(text: str) -> tuple[ReportMeta, list[Part]]:
    """The report's metadata and its parts, in clean-text coordinates."""
    meta, parts, _ = assemble(text)
    return meta, parts


def assemble(text: str) -> tuple[ReportMeta, list[Part], list[Verdict]]:
    """Metadata, parts, and for each part the verdict (with its clues) that gave it its kind."""
    rows = _unglue(text, [(s, e) for s, e in lines(text) if not is_debris(text[s:e])])
    cut = appendix_start(text, rows)
    rows, after = rows[:cut], rows[cut:]
    heads = part_heads(text, rows)
    if heads:
        meta = report_meta(text[: rows[heads[0][0]][0]])
        drafts = _preamble(text, rows[: heads[0][0]]) + _parts(text, rows, heads, meta)
    else:
        skip = header_rows(text, rows)
        meta = report_meta(text[: rows[skip][0]] if skip < len(rows) else text)
        drafts = _headless(text, rows[skip:])
    if meta.region is None:
        meta.region = province_of(text) or city_of(text)
        meta.level = level_of(meta.region)
    meta.year = _plan_year(drafts, meta)
    verdicts = _decide(text, drafts, meta.year)
    parts = [part for part, _ in drafts]
    for part in parts:
        part.year = _part_year(part, meta.year)
        if part.kind is PartKind.PLAN:
            _flag_headline(paragraphs_of(part))
    if after:
        parts.append(_appendix(text, after, max((p.number for p in parts), default=0) + 1))
        verdicts.append(
            Verdict(PartKind.APPENDIX, 0, ["附录（名词解释）：报告正文之后，不是回顾或计划，不取目标和任务"])
        )
    return meta, parts, verdicts


def _unglue(text: str, rows: list[Row]) -> list[Row]:
    """Rows with a part heading that a copy glued to the end of the paragraph before it
    ("…贡献出一切力量！三、2003年的主要工作安排") split off as rows of their own."""
    out: list[Row] = []
    for s, e in rows:
        at = _glued_heading(text, s, e)
        out += [(s, at), (at, e)] if at else [(s, e)]
    return out


def _glued_heading(text: str, s: int, e: int) -> int | None:
    """Where a part heading glued after the line's last sentence starts, if one is."""
    if text.find("、", max(s, e - GLUED_TITLE - 4), e) < 0:  # no 三、 near the line's end: fast path
        return None
    stop = max(text.rfind(mark, s, e) for mark in SENTENCE_STOPS)
    m = GLUED.fullmatch(text, stop + 1, e) if stop >= s else None
    h = part_heading(m.group(1)) if m else None
    return m.start(1) if m and h is not None and _part_title(h) else None


def _appendix(text: str, rows: list[Row], number: int) -> Part:
    """The glossary after the report, as a part of its own (kind appendix, no year)."""
    heading = 2 if len(rows) > 1 and not is_glossary_heading(text[rows[0][0] : rows[0][1]]) else 1
    title = " ".join(text[s:e].strip() for s, e in rows[:heading])  # 附件2 名词解释
    part = Part(number, title, PartKind.APPENDIX, None, rows[0][0], rows[-1][1])
    SectionFiller(text, part).fill(rows[heading:])
    return part


APPENDIX_CLUE = "附录（名词解释）：报告正文之后，不是回顾或计划，不取目标和任务"
KIND_NAMES = {PartKind.REVIEW: "回顾", PartKind.PLAN: "计划", PartKind.APPENDIX: "附录"}


def explain(text: str) -> list[str]:
    """The outline as lines a person can check: metadata, then each part, its kind and clues."""
    meta, parts, verdicts = assemble(text)
    unknown = "？"
    out = [
        f"报告：{meta.title or unknown}｜地区 {meta.region or unknown}｜日期 {meta.date or unknown}"
        f"｜年份 {meta.year or unknown}"
    ]
    for part, verdict in zip(parts, verdicts, strict=True):
        kind = KIND_NAMES[part.kind]
        head = f"第{part.number}部分 {part.title or '（无标题）'}"
        out.append(f"{head} → {kind}（{verdict.score:+d}）年份 {part.year or unknown}")
        out.extend(f"    {clue}" for clue in verdict.clues)
    return out


def _flag_headline(paras: list[Paragraph]) -> None:
    """Flag the headline-target paragraph, and the list lines that follow one ending in a colon."""
    listing = False
    for para in paras:
        if is_headline(para.text):
            para.headline_targets = True
            listing = para.text.rstrip().endswith(("：", ":"))
        elif listing and is_target_line(para.text):
            para.headline_targets = True
        else:
            listing = False


def paragraphs_of(part: Part) -> list[Paragraph]:
    return [p for s in part.sections for p in s.paragraphs]


def part_heads(text: str, rows: list[Row]) -> list[tuple[int, Heading]]:
    """The rows that head parts, in the document's part style (the style met first)."""
    found: dict[Style, list[tuple[int, Heading]]] = {}
    for i, (s, e) in enumerate(rows):
        if (h := part_heading(text[s:e])) is not None and _top_level(h):
            found.setdefault(h.style, []).append((i, h))
    if over := _over_restarts(text, rows, found.get(Style.DUN, [])):
        keyword = found.get(Style.KEYWORD, []) + found.get(Style.BRACKET, [])
        return sorted({i: h for i, h in over + keyword}.items())  # with the parts that open no run
    if Style.DUN in found:
        found[Style.DUN] = _in_sequence(found[Style.DUN])
    found = {style: heads for style, heads in found.items() if heads}
    if any(len(heads) > 1 for heads in found.values()):  # a lone un-numbered line is no part style
        found = {s: h for s, h in found.items() if len(h) > 1 or s in (Style.PARTS, Style.DUN)}
    if not found:
        return []
    return min(found.values(), key=lambda heads: heads[0][0])


def _over_restarts(text: str, rows: list[Row], duns: list[tuple[int, Heading]]) -> list[tuple[int, Heading]]:
    """Un-numbered part headings over 一、 sections that start again at 一 in every part (a copy
    that numbers sections, not parts: "一九九三年的工作 / 一、… 五、… / 一九九四年的主要任务 / 一、…").

    Each run of 一、二、… must have a bare heading line (short, no number, after the report's first
    sentence, so not its head) at most RESTART_GAP rows above its 一, and one of those lines must
    read like a part title.
    """
    starts = [k for k, (_, h) in enumerate(duns) if h.number == 1]
    ends = [*starts[1:], len(duns)]
    if len(starts) < 2 or starts[0] != 0 or any(b - a < 2 for a, b in zip(starts, ends, strict=True)):
        return []
    first = next((j for j, (s, e) in enumerate(rows) if text[s:e].endswith(("。", "；", "！"))), len(rows))
    heads: list[tuple[int, Heading]] = []
    for k in starts:
        at = duns[k][0]
        above = range(max(first, at - RESTART_GAP), at)
        bare = [j for j in above if _bare_title(text[rows[j][0] : rows[j][1]])]
        if not bare:
            return []
        title = text[rows[bare[-1]][0] : rows[bare[-1]][1]]
        heads.append((bare[-1], Heading(Style.KEYWORD, None, title)))
    return heads if any(kinds.title_kind(h.title) or PART_WORDS.search(h.title) for _, h in heads) else []


def _bare_title(line: str) -> bool:
    """A short heading line without a number: not a salutation, a sentence, or a lead-in ending in a colon."""
    return (
        heading_like(line)
        and len(line) <= BARE_TITLE
        and NUMBERED.match(line) is None
        and not line.endswith(("：", ":", "。", "！", "!"))
        and not line.startswith(("各位", "同志"))
    )


def header_rows(text: str, rows: list[Row]) -> int:
    """How many leading rows are the report's head (title, date, speaker, salutation)."""
    i = 0
    while i < min(len(rows), 15):
        line = text[rows[i][0] : rows[i][1]]
        if line.startswith("现在") and "报告" in line:
            i += 1
            continue
        if not (len(line) < 45 or line.startswith("——")) or line.endswith(("。", "；", "！", "？")):
            break  # a sentence: the report's text has begun
        i += 1
    return i


def _top_level(h: Heading) -> bool:
    if h.style is Style.BRACKET:
        return PART_WORDS.search(h.title) is not None or kinds.title_year(h.title) is not None
    return True


def _in_sequence(heads: list[tuple[int, Heading]]) -> list[tuple[int, Heading]]:
    """一、二、三、 headings numbered 1, 2, 3 … in order (stray list items dropped).

    Where several lines carry the next number, one that reads like a part title (a year or a
    part word) wins over a list item such as "三、加强监管". An excerpt may skip a part
    (一 → 三): a later number is taken when its heading reads like a part title.
    """
    kept: list[tuple[int, Heading]] = []
    while True:
        after, last = (kept[-1][0], kept[-1][1].number or 0) if kept else (-1, 0)
        later = [(i, h) for i, h in heads if i > after and h.number and h.number > last]
        nxt = [(i, h) for i, h in later if h.number == last + 1]
        titled = [(i, h) for i, h in nxt if _part_title(h)]
        skipped = [(i, h) for i, h in later if (h.number or 0) <= last + MAX_SKIP and _part_title(h)]
        if titled or nxt:
            kept.append(titled[0] if titled else nxt[0])
        elif skipped and kept:
            kept.append(skipped[0])
        else:
            return kept


def _part_title(h: Heading) -> bool:
    return PART_WORDS.search(h.title) is not None or kinds.title_year(h.title) is not None


def _parts(text: str, rows: list[Row], heads: list[tuple[int, Heading]], meta: ReportMeta) -> list[Draft]:
    drafts: list[Draft] = []
    bounds = [i for i, _ in heads] + [len(rows)]
    for n, (i, h) in enumerate(heads):
        s, e = rows[i]
        part = Part(h.number or n + 1, h.title, PartKind.PLAN, None, s, e)
        SectionFiller(text, part).fill(_run_on(text, rows[i], h.title) + rows[i + 1 : bounds[n + 1]])
        for piece in _split_restart(part):
            if kinds.is_mixed(h.title):
                drafts.extend(_split_mixed(piece))
            elif (
                kinds.title_kind(h.title) is not PartKind.PLAN
                and (pivot := _headline_turn(piece))
                and not _opens_on_plan(text, piece, pivot, meta)
            ):
                drafts.extend(_split_mixed(piece, pivot))
            else:
                drafts.append((piece, None))
    return drafts


def _opens_on_plan(text: str, part: Part, pivot: int, meta: ReportMeta) -> bool:
    """A part headed, without a kind word, by the year the report is delivered in (二、2009年的工作意见
    in February 2009) whose text before its headline targets reads as the plan too: it is not split
    there. (二、2011年的工作 opening on "过去一年…增长10.3%" is.)"""
    year = kinds.title_year(part.title)
    if year is None or meta.date is None or year < meta.date.year:
        return False
    before = text[part.start : paragraphs_of(part)[pivot].start]
    return kinds.content_kind(before) is PartKind.PLAN


def _run_on(text: str, row: Row, title: str) -> list[Row]:
    """The text a part heading's line runs on with after its title ("二、2005年 主要任务 今年是…"),
    as a row of its own: the part's first paragraph, not lost with the heading."""
    s, e = row
    at = text.find(title, s, e) if title else -1
    if at < 0:
        return []
    rest = at + len(title)
    while rest < e and text[rest].isspace():
        rest += 1
    return [(rest, e)] if CJK.search(text, rest, e) else []


def _preamble(text: str, rows: list[Row]) -> list[Draft]:
    """Body text before the first part heading (a copy that lost its review heading, or opens with
    the year's review): a part numbered 0, when it is more than a head and a few lines."""
    body = rows[header_rows(text, rows) :]
    if sum(e - s for s, e in body) < PREAMBLE_MIN:
        return []
    part = Part(0, "", PartKind.PLAN, None, body[0][0], body[0][0])
    SectionFiller(text, part).fill(body)
    pivot = _headline_turn(part)
    return _split_mixed(part, pivot) if pivot else [(part, None)]


def _headline_turn(part: Part) -> int | None:
    """Where a part that holds the headline-targets paragraph turns to the plan: the last paragraph
    opening on the future (今年…) shortly before that paragraph, else the paragraph itself."""
    paras = paragraphs_of(part)
    at = next((i for i, p in enumerate(paras) if is_headline(p.text)), None)
    if not at:
        return None
    turns = [i for i in range(max(1, at - HEADLINE_LEAD), at) if kinds.turns_to_plan(paras[i].text)]
    return turns[0] if turns else at


def _split_restart(part: Part) -> list[Part]:
    """A part whose section numbers start again at (一) holds a second part whose heading the copy
    lost (an abridged report: (一)…(八) of the review, then (一)…(七) of the plan)."""
    restart = next(
        (i for i, s in enumerate(part.sections) if i and s.number == 1 and part.sections[i - 1].number > 1),
        None,
    )
    if restart is None:
        return [part]
    rest = part.sections[restart:]
    first = Part(part.number, part.title, part.kind, None, part.start, part.sections[restart - 1].end)
    first.sections = part.sections[:restart]
    second = Part(part.number + 1, "", part.kind, None, rest[0].start, part.end)
    second.sections = rest
    return [first, *_split_restart(second)]


def _headless(text: str, rows: list[Row]) -> list[Draft]:
    """A report without part headings: a review and a plan part, split where it turns."""
    if not rows:
        return []
    part = Part(1, "", PartKind.PLAN, None, rows[0][0], rows[0][0])
    SectionFiller(text, part).fill(rows)
    return _split_mixed(part)


def _split_mixed(part: Part, pivot: int | None = None) -> list[Draft]:
    """Split a part announcing both a review and a plan where its text turns to the future (or at
    paragraph ``pivot``)."""
    paras = paragraphs_of(part)
    if pivot is None:
        pivot = next((i for i, p in enumerate(paras) if i > 0 and kinds.turns_to_plan(p.text)), None)
        headline = _headline_turn(part)
        if headline is not None and (pivot is None or headline < pivot):
            pivot = headline  # the plan opens no later than its headline targets
    if pivot is None:
        return [(part, None)]
    cut = paras[pivot].start
    first = Part(part.number, part.title, PartKind.REVIEW, None, part.start, paras[pivot - 1].end)
    second = Part(part.number, part.title, PartKind.PLAN, None, cut, part.end)
    for section in part.sections:
        before = [p for p in section.paragraphs if p.end <= cut]
        after = [p for p in section.paragraphs if p.start >= cut]
        if before:
            end = before[-1].end if after else section.end
            first.sections.append(Section(section.number, section.title, section.start, end, before))
        if after:
            start = after[0].start if before else section.start
            second.sections.append(Section(section.number, section.title, start, section.end, after))
        if not before and not after:
            (first if section.end <= cut else second).sections.append(section)
    return [(first, PartKind.REVIEW), (second, PartKind.PLAN)]


def _plan_year(drafts: list[Draft], meta: ReportMeta) -> int | None:
    """Year of the plan: the date delivered (+1 from October; not a date years from the title's, a
    copy's error), else the title's year, else the
    earliest year a plan heading names (2021年重点工作, not 2035年远景目标), else a review heading's
    year + 1, else the last year a heading names."""
    titled = kinds.title_year(meta.title) if meta.title else None
    if meta.date is not None and (titled is None or abs(meta.date.year - titled) <= 1):
        return meta.date.year + (1 if meta.date.month >= 10 else 0)
    if titled:
        return titled
    plan_years = [y for p, k in drafts if (y := kinds.title_year(p.title)) and _stated(p, k) is PartKind.PLAN]
    if plan_years:
        return min(plan_years)
    stated = [(y, _stated(p, k)) for p, k in drafts if (y := kinds.title_year(p.title))]
    review_years = [y for y, kind in stated if kind is PartKind.REVIEW]
    if review_years:
        return max(review_years) + 1
    return max(y for y, _ in stated) if stated else _year_from_text(drafts)


def _year_from_text(drafts: list[Draft]) -> int | None:
    """Last resort: the year a headline-target paragraph names ("2023年主要预期目标是"), or the
    year a report of one paragraph opens with."""
    for part, _ in drafts:
        for para in paragraphs_of(part):
            if is_headline(para.text) and (y := kinds.title_year(para.text[:40])):
                return y
    paras = [p for part, _ in drafts for p in paragraphs_of(part)]
    return kinds.title_year(paras[0].text[:8]) if len(paras) == 1 else None  # "2023年，全市…"


def _stated(part: Part, kind: PartKind | None) -> PartKind | None:
    return kind or kinds.title_kind(part.title)


def _decide(text: str, drafts: list[Draft], plan_year: int | None) -> list[Verdict]:
    """Give each part its kind by weighing its clues (see :mod:`luoshi.segment.evidence`)."""
    verdicts: list[Verdict] = []
    plan_before = False
    for part, split in drafts:
        verdict = weigh(
            part.title,
            text[part.start : part.end],
            split=split,
            plan_year=plan_year,
            plan_before=plan_before,
            headline=any(is_headline(p.text) for p in paragraphs_of(part)),
        )
        part.kind = verdict.kind
        plan_before = plan_before or verdict.kind is PartKind.PLAN
        verdicts.append(verdict)
    return verdicts


def _part_year(part: Part, plan_year: int | None) -> int | None:
    """The year a part's heading names, unless its kind says otherwise (the plan side of a split
    review heading is about the plan year), else the plan year or the one before."""
    year = kinds.title_year(part.title)
    if year is None or plan_year is None:
        return year or _default_year(part.kind, plan_year)
    if (part.kind is PartKind.PLAN) == (year >= plan_year):
        return year
    return _default_year(part.kind, plan_year)


def _default_year(kind: PartKind, plan_year: int | None) -> int | None:
    if plan_year is None:
        return None
    return plan_year if kind is PartKind.PLAN else plan_year - 1
