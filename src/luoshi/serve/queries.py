"""Read-only queries over the store that pages and the API share (HTML and JSON from one function)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import partial
from typing import Any

from luoshi import document as doc
from luoshi.errors import NotFoundError
from luoshi.segment.text import split_sentences
from luoshi.serve.dashboard import (
    DUE_SOON_DAYS,
    FINISHED,
    Dashboard,
    Tally,
    UnitRank,
    ranked_notices,
    summarise,
    tally,
)
from luoshi.serve.encode import GZIP_MIN, gzipped, to_json
from luoshi.serve.items import ItemRow, StageDue
from luoshi.store.board import per_version
from luoshi.store.ledger import Ledger
from luoshi.store.models import ProgressReport, Quantity, Report, Task, Unit
from luoshi.supervise.labels import STATUS_LABELS
from luoshi.supervise.ledger_query import LedgerQuery
from luoshi.supervise.orders import OrderView
from luoshi.supervise.reader import Heading, Mark, Piece, Span, cut
from luoshi.supervise.reports import stored_text
from luoshi.supervise.scope import EVERYTHING, Scope, city_rows, report_ids, scoped_board, units_seen
from luoshi.supervise.snapshot import TaskRow, board, derived, engine_board, items_page, year_items


def has_demo_data(ledger: Ledger) -> bool:
    return bool(ledger.find(Report, demo=True) or ledger.find(ProgressReport, demo=True))


@dataclass(frozen=True, slots=True)
class ReportSummary:
    id: int
    region: str
    year: int
    version: int
    title: str | None
    level: str | None
    demo: bool
    quantities: int
    tasks: int
    name: str  # what lists and headings call it: its title, else region and year


def report_name(title: str | None, region: str, year: int) -> str:
    """A report's name where it has no title of its own: 阳泉市 2023 年政府工作报告."""
    return (title or "").strip() or f"{region} {year} 年政府工作报告".strip()


def list_reports(ledger: Ledger, scope: Scope = EVERYTHING) -> list[ReportSummary]:
    """The stored reports, newest year first; with a county's ``scope``, its own and those it was
    handed a task from (``supervise.scope.report_ids``)."""
    ids = report_ids(ledger, scope)
    rows = ledger.all(Report, order_by="-year,region,-version")
    return [_summary(ledger, r) for r in rows if ids is None or r.id in ids]


def _summary(ledger: Ledger, r: Report) -> ReportSummary:
    return ReportSummary(
        id=r.id,
        region=r.region,
        year=r.year,
        version=r.version,
        title=r.title,
        level=r.level,
        demo=r.demo,
        quantities=ledger.count(Quantity, report_id=r.id),
        tasks=ledger.count(Task, report_id=r.id),
        name=report_name(r.title, r.region, r.year),
    )


@dataclass(frozen=True, slots=True)
class ReaderView:
    report: ReportSummary
    outline: list[Heading]
    pieces: list[Piece]
    quantities: list[dict[str, Any]]
    original: bool = False  # the text as published (else clean and simplified)
    task_id: int | None = None  # the task whose sentence is highlighted


def reader_view(
    ledger: Ledger, report_id: int, *, original: bool = False, task_id: int | None = None
) -> ReaderView:
    """The report's clean text (or, with ``original``, the text as published) with every stored
    number marked and linked, the outline beside it, and ``task_id``'s sentence highlighted."""
    report = ledger.get(Report, report_id)
    text = stored_text(ledger, report_id)
    shown = text.original if original else text.clean

    def place(start: int, end: int) -> tuple[int, int]:
        return (start, end) if original else text.to_clean(start, end)

    outline = _outline(report, text if original else None)
    task_of = _task_links(ledger, report_id)
    spans = [
        Span(
            *place(q.start, q.end), mark=Mark(q.id, q.part, q.indicator, q.headline_target, task_of.get(q.id))
        )
        for q in report.quantities
    ]
    anchors = [(h.start, h.anchor) for top in outline for h in (top, *top.children)]
    hit = focus = None
    if task_id is not None:
        hit, focus = _task_sentence(ledger, report_id, task_id, text, original)
        anchors.append((hit[0], f"task-{task_id}"))
    quantities = [{**q.to_dict(), "task_id": task_of.get(q.id)} for q in report.quantities]
    pieces = cut(shown, spans, anchors, hit, focus)
    return ReaderView(_summary(ledger, report), outline, pieces, quantities, original, task_id)


def _task_sentence(
    ledger: Ledger, report_id: int, task_id: int, text: doc.Text, original: bool
) -> tuple[tuple[int, int], tuple[int, int]]:
    """The sentence holding a task's clause, and the clause, in the shown text's offsets."""
    task = ledger.get(Task, task_id)
    if task.report_id != report_id:
        raise NotFoundError(f"任务 {task_id} 不在这份报告中")
    start, end = text.to_clean(task.start, task.end)
    line_start = text.clean.rfind("\n", 0, start) + 1
    line_end = text.clean.find("\n", end)
    found = [s for s in split_sentences(text.clean, line_start, len(text.clean) if line_end < 0 else line_end)
             if s.start < max(end, start + 1) and start < s.end]  # fmt: skip
    sentence = (min(start, found[0].start), max(end, found[-1].end)) if found else (start, end)
    if original:
        return text.to_original(*sentence), text.to_original(start, end)
    return sentence, (start, end)


def _outline(report: Report, original: doc.Text | None) -> list[Heading]:
    """Parts and their titled sections (a part's untitled opening is no entry), at their offsets
    in the clean text, or mapped to the original when ``original`` is given."""

    def at(clean: int) -> int:
        return original.index[min(clean, len(original.index) - 1)] if original else clean

    return [
        Heading(
            anchor=f"p{part.number}",
            title=part.title,
            kind=part.kind,
            start=at(part.start),
            children=[
                Heading(f"p{part.number}s{s.number}", s.title, part.kind, at(s.start))
                for s in part.sections
                if s.title.strip()
            ],
        )
        for part in report.parts
    ]


def _task_links(ledger: Ledger, report_id: int) -> dict[int, int]:
    """quantity id → the task (ledger row) that carries it as its target or one of its figures."""
    links: dict[int, int] = {}
    for task in ledger.all(Task, report_id=report_id):
        for qid in [task.main_quantity_id, *(task.quantity_ids or [])]:
            if qid is not None:
                links.setdefault(qid, task.id)
    return links


def ledger_rows(ledger: Ledger, as_of: date, query: LedgerQuery, scope: Scope = EVERYTHING) -> list[TaskRow]:
    """The ledger's rows as of a day, filtered, searched and sorted (kept with the board); with a
    county's ``scope``, only its tasks and those handed to it (a county's own ledger)."""
    follow = partial(_follow, query, scope)
    if scope.everything:
        name = f"ledger?{query.params()}"
        return derived(ledger, as_of, name, lambda rows: Sorted(query.apply(rows)), pure=True, patch=follow)
    name = f"ledger?{query.params()}@{scope.key}"
    return derived(
        ledger, as_of, name, lambda rows: Sorted(query.apply(scope.only(rows))), pure=True, patch=follow
    )


class Sorted(list[TaskRow]):
    """The 台账's rows in their order, and each task's place among them (by task id: built on the
    first write that follows them, and kept by the next ones, which keep every row in its place)."""

    places: dict[int, int] | None = None

    def place(self, row: TaskRow) -> int | None:
        """Where ``row`` (that very row) stands, or None."""
        if self.places is None:
            self.places = {r.id: n for n, r in enumerate(self)}
        found = self.places.get(row.id)
        return found if found is not None and self[found] is row else None


def _follow(
    query: LedgerQuery, scope: Scope, shown: Sorted, changes: list[tuple[TaskRow, TaskRow]]
) -> Sorted | None:
    """The 台账 ``shown`` after a write changed these rows, without sorting 10,000 again: each new row
    takes its old one's place when both are shown or both not, and it still sorts between its
    neighbours; else None (sorted again)."""
    inside = [query.matches(new) and scope.only([new]) == [new] for _, new in changes]
    if not any(inside) and not any(query.matches(old) and scope.only([old]) == [old] for old, _ in changes):
        return shown  # none of them shown, before or after
    result = Sorted(shown)
    for (old, new), now in zip(changes, inside, strict=True):
        place = shown.place(old)
        if (place is not None) != now:
            return None  # it comes into the list or leaves it
        if place is None:
            continue
        result[place] = new
        around = result[max(place - 1, 0) : place + 2]
        if [id(r) for r in query.apply(around)] != [id(r) for r in around]:
            return None  # its place in the order moved
    result.places = shown.places  # every row kept its place
    return result


@dataclass(frozen=True, slots=True)
class LedgerChoices:
    sections: list[str]
    units: list[tuple[int, str]]
    states: list[tuple[str, str]]
    colours: list[tuple[str, str]]


def _sections(rows: list[TaskRow]) -> list[str]:
    return list(dict.fromkeys(r.section for r in rows if r.section))


def _sections_follow(
    scope: Scope, sections: list[str], changes: list[tuple[TaskRow, TaskRow]]
) -> list[str] | None:
    """The sections after a write swapped these rows: the same unless one changed its section or
    came into the scope or left it (then None: listed again)."""
    for old, new in changes:
        if old.section != new.section or (scope.only([old]) == [old]) != (scope.only([new]) == [new]):
            return None
    return sections


def ledger_choices(ledger: Ledger, as_of: date, scope: Scope = EVERYTHING) -> LedgerChoices:
    """What the filters and unit pickers offer: a county's own sections and units only."""
    sections = derived(
        ledger,
        as_of,
        f"sections@{scope.key}",
        lambda rows: _sections(scope.only(rows)),
        pure=True,
        patch=partial(_sections_follow, scope),
    )

    def choices() -> list[tuple[int, str]]:
        return [(u.id, u.name) for u in units_seen(ledger, scope) if u.active]

    # kept until a unit changes: a task page and the 台账 ask on every request
    units = per_version(ledger, f"unit-choices@{scope.key}", choices, ["units"])
    return LedgerChoices(
        sections=sections,
        units=units,
        states=list(STATUS_LABELS.items()),
        colours=[("green", "绿"), ("yellow", "黄"), ("orange", "橙"), ("red", "红")],
    )


def dashboard(ledger: Ledger, as_of: date, scope: Scope = EVERYTHING) -> Dashboard:
    """The 驾驶舱's figures; with a county's ``scope``, its tasks, items and units only. Each part
    is kept with what it is computed from: the tasks' figures with the board's rows (a response to
    an item leaves them), the items' stages with the items (a task's progress leaves them); the
    ranking reads both and is computed again after any write."""

    def figures(every: list[TaskRow]) -> Dashboard:
        counted: Tally = derived(
            ledger,
            as_of,
            f"summary@{scope.key}",
            lambda rows: tally(scope.only(rows), as_of),
            pure=True,
            patch=partial(_tally_follow, scope),
        )
        (late, soon), stages = _item_figures(ledger, as_of, scope)
        return replace(
            counted.dashboard(),
            items_by_stage=stages,
            ranking=unit_ranking(ledger, as_of, scope),
            calendar_warning=ledger.calendar.warning(as_of),
            overdue_items=late,
            items_due_soon=soon,
            notices=ranked_notices(counted.notices, late),
        )

    return derived(
        ledger, as_of, dashboard_name(scope), figures, stale_ok=True
    )  # under a burst of writes: one computation old


def _tally_follow(scope: Scope, counted: Tally, changes: list[tuple[TaskRow, TaskRow]]) -> Tally | None:
    """The 驾驶舱's task tally after a write swapped these rows (:meth:`Tally.follow`): the swaps
    inside ``scope``; None (counted again) if a row comes into the scope or leaves it."""
    inside = []
    for old, new in changes:
        was, now = scope.only([old]) == [old], scope.only([new]) == [new]
        if was != now:
            return None
        if now:
            inside.append((old, new))
    return counted.follow(inside) if inside else counted


def _item_figures(
    ledger: Ledger, as_of: date, scope: Scope
) -> tuple[tuple[list[StageDue], list[StageDue]], dict[str, int]]:
    """The open items' stages (overdue, due soon) and their count by stage, kept with the items."""
    from luoshi.serve.items import items_by_stage, open_stages

    def compute(items: list[OrderView]) -> tuple[tuple[list[StageDue], list[StageDue]], dict[str, int]]:
        return open_stages(ledger, as_of, within=DUE_SOON_DAYS, scope=scope), items_by_stage(
            ledger, as_of, scope
        )

    return items_page(ledger, as_of, f"dashboard-stages@{scope.key}", compute)


def dashboard_name(scope: Scope) -> str:
    """The dashboard's cache name: one per scope."""
    return "dashboard" if scope.everything else f"dashboard@{scope.key}"


@dataclass(frozen=True, slots=True)
class PublicTask:
    """What the public sees of a task: no narratives, problems, evidence or people."""

    id: int
    section: str
    text: str
    lead_unit: str
    deadline: date
    target_value: float | None
    target_unit: str
    latest_value: float | None
    state: str
    colour: str
    headline: bool


@dataclass(frozen=True, slots=True)
class PublicView:
    as_of: date
    states: dict[str, int]
    headlines: list[PublicTask]
    tasks: list[PublicTask]
    demo: bool


def public_view(ledger: Ledger, as_of: date, county: Scope | None = None) -> PublicView:
    """What the public sees: the city's own tasks (``supervise.scope.city_rows``), or with a
    ``county``'s scope (``/public?county=平定县``) that county's tasks and those handed to it."""

    def rows_of(every: list[TaskRow]) -> list[TaskRow]:
        return city_rows(ledger, every) if county is None else county.only(every)

    name = public_name(county)
    return derived(ledger, as_of, name, lambda every: _public(rows_of(every), as_of))


def public_name(county: Scope | None) -> str:
    """The public view's cache name: the city's, or one county's."""
    return "public" if county is None else f"public@{county.key}"


def _public(rows: list[TaskRow], as_of: date) -> PublicView:
    tasks = [
        PublicTask(r.id, r.section, r.text, r.lead_unit, r.deadline, r.target_value, r.target_unit,
                   r.latest_value, r.state, r.colour, r.headline)
        for r in rows
    ]  # fmt: skip
    summary = summarise(rows, as_of)
    return PublicView(as_of, summary.states, [t for t in tasks if t.headline], tasks, summary.demo)


@dataclass(frozen=True, slots=True)
class UnitView:
    unit_id: int
    unit: str
    to_report: list[TaskRow]  # reports due and not filed
    late: list[TaskRow]  # overdue or behind the clock
    due_soon: list[TaskRow]
    all: list[TaskRow]
    items: list[ItemRow]  # open supervision items the unit leads or helps with
    returned: list[ItemRow]  # closures the office sent back (退回重办)
    returned_tasks: list[TaskRow]  # finishes the office sent back, not yet answered by a new report


def unit_view(ledger: Ledger, unit_id: int, as_of: date) -> UnitView:
    """A unit's own tasks: what is due, what is late."""
    from luoshi.serve.items import item_rows

    unit = ledger.get(Unit, unit_id)
    rows = [r for r in board(ledger, as_of) if unit_id in r.unit_ids]
    items = item_rows(ledger, as_of, unit_id=unit_id)
    open_rows = [r for r in rows if r.state not in FINISHED]
    soon = as_of + timedelta(days=DUE_SOON_DAYS)
    return UnitView(
        unit_id=unit.id,
        unit=unit.name,
        to_report=[r for r in open_rows if r.missed_reports],
        late=[r for r in open_rows if r.state in ("overdue", "behind")],
        due_soon=[r for r in open_rows if as_of <= r.deadline <= soon],
        all=rows,
        items=[i for i in items if i.state != "closed"],
        returned=[i for i in items if i.returned],
        returned_tasks=[r for r in open_rows if r.returned_on is not None],
    )


def as_json(
    ledger: Ledger, as_of: date, name: str, build: Callable[[], object], *, gzip: bool = False
) -> tuple[bytes, bool]:
    """``build()`` encoded as JSON once per board version (the dashboard's hot data endpoints),
    and whether it is gzip-compressed (also once): if ``gzip`` and the body is not tiny."""

    def encode(rows: list[TaskRow]) -> bytes:
        return to_json(build())

    body = derived(ledger, as_of, f"{name}.json", encode)
    if not gzip or len(body) < GZIP_MIN:
        return body, False
    return derived(ledger, as_of, f"{name}.json.gz", lambda rows: gzipped(body)), True


RANKING_FORCES = ("task_forces", "task_force_members", "units")  # what task_forces() reads
RANKING_CASES = ("model_cases", "units")  # what published_counts() reads


def unit_ranking(ledger: Ledger, as_of: date, scope: Scope = EVERYTHING) -> list[UnitRank]:
    """The engine's unit scoreboard (its documented, configurable formula), as the dashboard shows it;
    with a county's ``scope``, its own tasks and items ranked among its own units."""
    from luoshi.supervise.cases import published_counts
    from luoshi.supervise.levels import county_of
    from luoshi.supervise.review import task_forces
    from luoshi.supervise.scoring import load_scoring, scoreboard

    orders = scope.only(year_items(ledger, as_of))
    board = scoped_board(ledger, engine_board(ledger, as_of), scope)
    scores = scoreboard(
        board,
        orders,
        load_scoring(),
        as_of=as_of,
        # read once per data version, or until a write touches their own tables: asked after every write
        forces=per_version(ledger, "task-forces", lambda: task_forces(ledger), RANKING_FORCES),
        cases=per_version(ledger, f"cases@{as_of}", lambda: published_counts(ledger, as_of), RANKING_CASES),
        levels=per_version(ledger, "county-of", lambda: county_of(ledger), ["units"]),
    )
    return [UnitRank(s.rank, s.unit, s.score, s.tasks) for s in scores]
