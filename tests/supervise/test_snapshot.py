from __future__ import annotations

import gc
import threading
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path

import pytest
from tests.supervise.conftest import City

from luoshi.clock import FixedClock
from luoshi.store.board import changed_tasks, data_version, load_board
from luoshi.store.ledger import Ledger
from luoshi.store.models import Task, Unit
from luoshi.supervise import snapshot
from luoshi.supervise.board import task_board, task_facts
from luoshi.supervise.progress import ProgressInput, add_progress
from luoshi.supervise.snapshot import _build, board, engine_board, task_row
from luoshi.supervise.status import task_status

DAYS = [date(2024, 1, 10), date(2024, 4, 6), date(2024, 6, 21), date(2024, 9, 1), date(2025, 1, 2)]


def _rename_energy_bureau(city: City, day: date) -> None:
    """A unit renamed in its own unit of work: a change that names no task."""
    with city.ledger(day) as ledger:
        unit = ledger.find(Unit, code="nyj")
        assert unit is not None
        unit.name = "市能源局（新）"
        ledger.flush()


def test_bulk_board_agrees_with_the_per_task_path(city: City) -> None:
    for day in DAYS:
        with city.ledger(day) as ledger:
            rows = {r.id: r for r in task_board(ledger, as_of=day)}
            accepted = {r.id: r.grade for r in rows.values()}
            for task in ledger.all(Task, load=["assignments.unit", "progress", "milestones"]):
                closed = date(2024, 6, 20) if task.id == city.tasks[2] else None
                assert rows[task.id].status == task_status(task_facts(task, day, closed), day)
                leads = [a.unit.name for a in task.assignments if a.role == "lead"]
                assert rows[task.id].lead == leads[0]
                assert rows[task.id].co == tuple(a.unit.name for a in task.assignments if a.role == "co")
            assert accepted[city.tasks[2]] == ("良好" if day >= date(2024, 6, 20) else None)
    with city.ledger(date(2024, 9, 1)) as ledger:
        assert {r.state for r in board(ledger, date(2024, 9, 1))} >= {"closed", "overdue", "behind"}


def test_a_write_recomputes_only_its_task_and_matches_a_full_rebuild(city: City, tmp_path: Path) -> None:
    day = date(2024, 7, 10)
    with city.ledger(day) as ledger:
        before = board(ledger, day)
        version = data_version(ledger)
    untouched = [r for r in before if r.id != city.tasks[3]]
    with city.ledger(day, actor="填报员") as ledger:
        entry = ProgressInput(period="2024-06", narrative="已开工", done=True)
        add_progress(ledger, task_id=city.tasks[3], entry=entry, reporter="填报员", evidence_dir=tmp_path)
        mine = task_row(ledger, city.tasks[3], day)  # its own write, not cached
        assert mine is not None and mine.state == "done"
    with city.ledger(day) as ledger:
        latest = data_version(ledger)
        assert version is not None and latest is not None
        assert city.tasks[3] in (changed_tasks(ledger, version, latest) or set())  # patched, not rebuilt
        after = board(ledger, day)
        assert after == _build(load_board(ledger), day, 0).rows
        assert engine_board(ledger, day) == task_board(ledger, as_of=day)
    assert [r for r in after if r.id != city.tasks[3]] == untouched
    assert next(r for r in after if r.id == city.tasks[3]).state == "done"
    assert next(r for r in before if r.id == city.tasks[3]).state != "done"


def test_a_change_outside_any_task_rebuilds_the_board(city: City) -> None:
    day = date(2024, 7, 10)
    with city.ledger(day) as ledger:
        board(ledger, day)
    _rename_energy_bureau(city, day)
    with city.ledger(day) as ledger:
        assert next(r for r in board(ledger, day) if r.id == city.tasks[3]).lead_unit == "市能源局（新）"


def test_load_board_for_some_tasks(city: City) -> None:
    with city.ledger(date(2024, 7, 10)) as ledger:
        everything = {r.id: r for r in load_board(ledger)}
        some = load_board(ledger, [city.tasks[0], city.tasks[2]])
    assert [r.id for r in some] == [city.tasks[0], city.tasks[2]]
    assert all(r == everything[r.id] for r in some)
    assert len(everything[city.tasks[0]].progress) == 6 and everything[city.tasks[2]].accepted is not None


@pytest.mark.slow
def test_a_big_board_is_frozen_out_of_the_collector(city: City, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(snapshot, "SETTLE_TASKS", 1)
    day = date(2024, 7, 11)
    try:
        gc.unfreeze()
        with city.ledger(day) as ledger:
            rows = board(ledger, day)
        assert gc.get_freeze_count() > 0
        assert not any(o is rows[0] for o in gc.get_objects())  # frozen: no collection walks it
        frozen = gc.get_freeze_count()
        with city.ledger(day) as ledger:
            ledger.get(Unit, 1).name = "改名"  # a change outside any task: a full build again
        with city.ledger(day) as ledger:
            board(ledger, day)
        assert gc.get_freeze_count() < frozen * 1.5  # unfrozen and collected first: no pile-up
    finally:
        gc.unfreeze()


def test_a_supervision_step_changes_no_board_row_and_rebuilds_nothing(city: City) -> None:
    from luoshi.supervise.items import EventKind
    from luoshi.supervise.orders import raise_order, record

    day = date(2024, 7, 10)
    with city.ledger(day) as ledger:
        order = raise_order(ledger, title="光伏并网指标不足", lead="nyj", task_id=city.tasks[3])
    with city.ledger(day) as ledger:
        before = board(ledger, day)
        version = data_version(ledger)
    with city.ledger(day) as ledger:
        record(ledger, order.id, EventKind.DEPLOYED, note="局务会研究部署")
    with city.ledger(day) as ledger:
        latest = data_version(ledger)
        assert version is not None and latest is not None and latest > version
        assert changed_tasks(ledger, version, latest) == set()  # no row to patch, nothing rebuilt
        assert board(ledger, day) == before == _build(load_board(ledger), day, 0).rows


def test_stale_ok_figures_are_one_computation_old_only_while_another_is_in_flight(city: City) -> None:
    from luoshi.store.board import database_key

    day = date(2024, 7, 10)
    with city.ledger(day) as ledger:
        first = snapshot.derived(ledger, day, "count", len, stale_ok=True)
        engine, key = database_key(ledger), (day, f"count@{ledger.year}")
    _rename_energy_bureau(city, day)  # a new data version
    with city.ledger(day) as ledger:
        snapshot._IN_FLIGHT[engine][key] = 1  # another request is computing the newer figures
        try:
            assert snapshot.derived(ledger, day, "count", lambda rows: -1, stale_ok=True) == first
            assert snapshot.derived(ledger, day, "count", lambda rows: -1) == -1  # not stale_ok: computed
        finally:
            snapshot._IN_FLIGHT[engine][key] = 0
    with city.ledger(day) as ledger:  # nothing in flight: current
        assert snapshot.derived(ledger, day, "count", lambda rows: -2, stale_ok=True) == -1


def test_a_step_recomputes_only_its_item_and_matches_a_full_computation(city: City) -> None:
    from luoshi.supervise.items import EventKind
    from luoshi.supervise.orders import raise_order, record, year_orders

    day = date(2024, 7, 10)
    with city.ledger(day) as ledger:
        third = raise_order(ledger, title="老旧小区改造资金缺口", lead="nyj", task_id=city.tasks[3]).id
    with city.ledger(day) as ledger:
        before = {v.id: v for v in snapshot.year_items(ledger, day)}
    with city.ledger(day) as ledger:
        record(ledger, third, EventKind.DEPLOYED, note="局务会研究部署")
    with city.ledger(day) as ledger:
        after = {v.id: v for v in snapshot.year_items(ledger, day)}
        assert list(after.values()) == year_orders(ledger, as_of=day)  # as a full computation has it
    assert after.keys() == before.keys() and len(after) == 3
    assert all(after[i] is before[i] for i in city.orders)  # the other items' clocks were kept
    assert after[third] != before[third] and after[third].facts.events[-1].kind is EventKind.DEPLOYED


def test_an_older_unit_of_work_is_served_the_newer_items_and_keeps_them(city: City) -> None:
    from luoshi.clock import FixedClock
    from luoshi.store.board import items_context
    from luoshi.supervise.items import EventKind
    from luoshi.supervise.orders import record

    day = date(2024, 7, 10)
    reader = city.database.reader()  # units of work that only read (a page), one cache among them

    def reading() -> AbstractContextManager[Ledger]:
        return reader.ledger(actor="督查室", clock=FixedClock.on(day))

    with reading() as ledger:
        snapshot.year_items(ledger, day)
    with reading() as older:
        assert data_version(older) is not None and items_context(older) is not None  # began before the step
        with city.ledger(day) as ledger:
            record(ledger, city.orders[0], EventKind.DEPLOYED, note="局务会研究部署")
        with reading() as ledger:
            newer = snapshot.year_items(ledger, day)
        assert snapshot.year_items(older, day) is newer  # not computed again from the older figures
    with reading() as ledger:
        assert snapshot.year_items(ledger, day) is newer  # and still kept
    stepped = next(v for v in newer if v.id == city.orders[0])
    assert stepped.facts.events[-1].kind is EventKind.DEPLOYED


def test_a_tasks_items_are_the_kept_items_and_a_step_renews_them(city: City) -> None:
    from luoshi.supervise.items import EventKind
    from luoshi.supervise.orders import list_orders, raise_order, record

    day, task = date(2024, 7, 10), city.tasks[3]
    with city.ledger(day) as ledger:
        item = raise_order(ledger, title="光伏并网指标不足", lead="nyj", task_id=task).id
    with city.ledger(day) as ledger:
        before = snapshot.task_items(ledger, day, task)
        assert before and before == list_orders(ledger, as_of=day, task_id=task)
        assert snapshot.task_items(ledger, day, -1) == []
    with city.ledger(day) as ledger:
        record(ledger, item, EventKind.DEPLOYED, note="局务会研究部署")
        assert snapshot.task_items(ledger, day, task) == list_orders(ledger, as_of=day, task_id=task)  # wrote
    with city.ledger(day) as ledger:
        after = snapshot.task_items(ledger, day, task)
        assert after == list_orders(ledger, as_of=day, task_id=task) and after != before
    assert next(v for v in after if v.id == item).facts.events[-1].kind is EventKind.DEPLOYED


def test_a_renamed_unit_recomputes_every_item(city: City) -> None:
    day = date(2024, 7, 10)
    with city.ledger(day) as ledger:
        before = {v.id: v.lead_unit for v in snapshot.year_items(ledger, day)}
    _rename_energy_bureau(city, day)
    with city.ledger(day) as ledger:
        after = {v.id: v.lead_unit for v in snapshot.year_items(ledger, day)}
    assert before[city.orders[0]] == "市能源局" and after[city.orders[0]] == "市能源局（新）"


def test_pure_figures_outlive_a_step_and_a_progress_report_recomputes_them(
    city: City, tmp_path: Path
) -> None:
    from luoshi.supervise.items import EventKind
    from luoshi.supervise.orders import raise_order, record

    day = date(2024, 7, 10)
    calls: list[int] = []

    def done(rows: list[snapshot.TaskRow]) -> int:
        calls.append(1)
        return sum(r.state == "done" for r in rows)

    with city.ledger(day) as ledger:
        order = raise_order(ledger, title="光伏并网指标不足", lead="nyj", task_id=city.tasks[3])
    with city.ledger(day) as ledger:
        first = snapshot.derived(ledger, day, "done", done, pure=True)
        rows = board(ledger, day)
    with city.ledger(day) as ledger:
        record(ledger, order.id, EventKind.DEPLOYED, note="局务会研究部署")  # no task row changes
    with city.ledger(day) as ledger:
        assert snapshot.derived(ledger, day, "done", done, pure=True) == first and len(calls) == 1
        assert board(ledger, day) is rows  # the same rows, shared by the newer version
        assert snapshot.derived(ledger, day, "plain", len) == len(rows)  # not pure: per version
    with city.ledger(day, actor="填报员") as ledger:
        entry = ProgressInput(period="2024-06", narrative="已完成", done=True)
        add_progress(ledger, task_id=city.tasks[3], entry=entry, reporter="填报员", evidence_dir=tmp_path)
    with city.ledger(day) as ledger:
        assert snapshot.derived(ledger, day, "done", done, pure=True) == first + 1 and len(calls) == 2
        assert (
            f"places@{ledger.year}" in snapshot._board(ledger, day).pure
        )  # its year patched, not taken again
        assert board(ledger, day) == _build(load_board(ledger), day, 0).rows
        assert engine_board(ledger, day) == task_board(ledger, as_of=day)


def test_a_task_re_read_unchanged_keeps_the_board(city: City) -> None:
    day = date(2024, 7, 10)
    with city.ledger(day) as ledger:
        old = snapshot._board(ledger, day)
        again = snapshot._patch(
            old, load_board(ledger, [city.tasks[3]]), {city.tasks[3]}, day, old.version + 1
        )
    assert again.rows is old.rows and again.pure is old.pure and again.version == old.version + 1


def test_per_version_values_follow_the_writes_that_change_them(city: City) -> None:
    from luoshi.store.board import per_version
    from luoshi.store.models import Report

    day = date(2024, 7, 10)
    with city.ledger(day) as ledger:
        years = ledger.years
        assert per_version(ledger, "n", lambda: 1) == 1
        assert per_version(ledger, "n", lambda: 2) == 1  # kept for the version
    with city.ledger(day) as ledger:
        report = ledger.find(Report)
        assert report is not None
        report.year = max(years) + 1  # an audited write: a new version
        ledger.flush()
        assert data_version(ledger) is None and per_version(ledger, "n", lambda: 3) == 3  # wrote: not kept
        assert max(years) + 1 in ledger.years  # read in this transaction, not from the cache
    with city.ledger(day) as ledger:
        assert per_version(ledger, "n", lambda: 4) == 4
        assert max(years) + 1 in ledger.years


def test_a_transaction_reads_the_version_once_and_a_new_one_afresh(city: City) -> None:
    day = date(2024, 7, 10)
    with city.ledger(day) as ledger:
        first = data_version(ledger)
        unit = ledger.find(Unit, code="nyj")
        assert unit is not None
        unit.name = "市能源局（新）"
        ledger.flush()
        assert data_version(ledger) is None  # this transaction wrote
        ledger.commit()
        later = data_version(ledger)  # a new transaction: read again
    assert first is not None and later is not None and later > first


def test_the_items_context_is_read_once_per_transaction_and_a_step_moves_it(city: City) -> None:
    from luoshi.store.board import items_context
    from luoshi.supervise.items import EventKind
    from luoshi.supervise.orders import record

    day = date(2024, 7, 10)
    with city.ledger(day) as ledger:
        first = items_context(ledger)
        assert first is not None and items_context(ledger) is first  # kept for the transaction
    with city.ledger(day) as ledger:
        record(ledger, city.orders[0], EventKind.DEPLOYED, note="局务会研究部署")
        assert items_context(ledger) is None  # this transaction wrote
    with city.ledger(day) as ledger:
        later = items_context(ledger)
    assert later is not None and later[0] != first[0]


def test_a_value_naming_its_tables_outlives_writes_elsewhere(city: City) -> None:
    from luoshi.store.board import per_version
    from luoshi.supervise.items import EventKind
    from luoshi.supervise.orders import record

    day = date(2024, 7, 10)
    with city.ledger(day) as ledger:
        record(ledger, city.orders[0], EventKind.DEPLOYED, note="局务会研究部署")
    with city.ledger(day) as ledger:
        assert per_version(ledger, "names", lambda: 1, ["units"]) == 1
    with city.ledger(day) as ledger:
        record(ledger, city.orders[0], EventKind.DEPLOYED, note="局务会研究部署")  # a new version, no unit
    with city.ledger(day) as ledger:
        assert per_version(ledger, "names", lambda: 2, ["units"]) == 1  # kept on either backend
        assert per_version(ledger, "other", lambda: 5, ["units"]) == 5
    _rename_energy_bureau(city, day)
    with city.ledger(day) as ledger:
        assert per_version(ledger, "names", lambda: 3, ["units"]) == 3  # a unit changed: read again


def test_a_writer_queues_behind_one_not_yet_committed_and_cached_figures_show_both(city: City) -> None:
    """Writers take their audit ids in the order they commit (SQLite's write lock, PostgreSQL's
    writers' lock): a second writer waits for a first that has written and not yet committed, so
    no write lands below a data version once read. A reader meanwhile (not queued) keeps its figures
    at the version before both; after both commit, the figures show both, with no further write.
    (Before the writers' lock, on PostgreSQL the second committed first with the higher id; a reader
    cached the figures at that id without the first's write, and kept them after it landed.)"""
    from luoshi.store.board import per_version
    from luoshi.store.models import AuditEvent
    from luoshi.supervise.items import EventKind
    from luoshi.supervise.orders import record

    day = date(2024, 7, 10)
    step = "局务会研究部署（后到）"
    with city.database.reader().ledger(actor="page", clock=FixedClock.on(day)) as ledger:
        assert per_version(ledger, "names", lambda: 1, ["units"]) == 1
        board(ledger, day)
    done, failures = threading.Event(), []

    def second() -> None:
        try:
            with city.ledger(day) as ledger:
                record(ledger, city.orders[0], EventKind.DEPLOYED, note=step)
        except BaseException as exc:  # asserted on below
            failures.append(exc)
        finally:
            done.set()

    thread = threading.Thread(target=second, daemon=True)
    with city.ledger(day) as first:
        unit = first.find(Unit, code="nyj")
        assert unit is not None
        unit.name = "市能源局（新）"
        first.flush()  # its audit event written, not committed
        thread.start()
        assert not done.wait(0.5), "the second writer did not wait for the first to commit"
        with city.database.reader().ledger(actor="page", clock=FixedClock.on(day)) as ledger:
            assert per_version(ledger, "names", lambda: 2, ["units"]) == 1  # not queued; neither seen
            row = next(r for r in board(ledger, day) if r.id == city.tasks[3])
            assert row.lead_unit != "市能源局（新）"
    thread.join(10)
    assert done.is_set() and failures == []
    with city.database.reader().ledger(actor="page", clock=FixedClock.on(day)) as ledger:
        assert per_version(ledger, "names", lambda: 3, ["units"]) == 3  # the first's rename is seen
        row = next(r for r in board(ledger, day) if r.id == city.tasks[3])
        assert row.lead_unit == "市能源局（新）"
        assert board(ledger, day) == _build(load_board(ledger), day, 0).rows
        renamed = max(e.id for e in ledger.all(AuditEvent, entity="units"))
        stepped = [e.id for e in ledger.all(AuditEvent) if (e.after or {}).get("note") == step]
    assert stepped and min(stepped) > renamed  # ids in commit order: the first's below the second's


def test_the_ledgers_order_follows_a_write_as_sorting_again_has_it(city: City, tmp_path: Path) -> None:
    from luoshi.serve.queries import Sorted, ledger_rows
    from luoshi.supervise.ledger_query import LedgerQuery

    day = date(2024, 7, 10)
    queries = [LedgerQuery(), LedgerQuery(sort="state"), LedgerQuery(sort="progress", desc=True)]
    queries.append(LedgerQuery(state="missing"))
    with city.ledger(day) as ledger:
        before = [ledger_rows(ledger, day, q) for q in queries]
    with city.ledger(day, actor="填报员") as ledger:
        entry = ProgressInput(period="2024-06", narrative="已完成", done=True)
        add_progress(ledger, task_id=city.tasks[3], entry=entry, reporter="填报员", evidence_dir=tmp_path)
    with city.ledger(day) as ledger:
        rows = board(ledger, day)
        for query in queries:
            assert ledger_rows(ledger, day, query) == query.apply(rows)  # followed or sorted again: the same
        followed = ledger_rows(ledger, day, queries[0])
        assert followed != before[0]  # and the write shows
        assert isinstance(followed, Sorted) and isinstance(before[0], Sorted)
        assert followed.places is not None and followed.places is before[0].places  # one index, kept


def test_the_ledgers_sections_outlive_a_report_and_a_new_section_lists_them_again(
    city: City, tmp_path: Path
) -> None:
    from luoshi.serve.queries import _sections, ledger_choices

    day = date(2024, 7, 10)
    with city.ledger(day) as ledger:
        before = ledger_choices(ledger, day).sections
    with city.ledger(day, actor="填报员") as ledger:
        entry = ProgressInput(period="2024-06", narrative="已完成", done=True)
        add_progress(ledger, task_id=city.tasks[3], entry=entry, reporter="填报员", evidence_dir=tmp_path)
    with city.ledger(day) as ledger:
        assert ledger_choices(ledger, day).sections is before  # followed the report, not listed again
    with city.ledger(day) as ledger:
        task = ledger.get(Task, city.tasks[3])
        task.section = "新增篇章"
        ledger.flush()
    with city.ledger(day) as ledger:
        after = ledger_choices(ledger, day).sections
        assert "新增篇章" in after and after == _sections(board(ledger, day))


def test_the_dashboards_tally_follows_a_write_as_counting_again_has_it(
    city: City, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import fields

    from luoshi.serve import queries
    from luoshi.serve.dashboard import Dashboard, Tally, notice_counts, ranked_notices, summarise, tally

    day = date(2024, 7, 10)
    with city.ledger(day) as ledger:
        before = queries.dashboard(ledger, day)
    counted: list[int] = []

    def counting(rows: list[snapshot.TaskRow], as_of: date) -> Tally:
        counted.append(len(rows))
        return tally(rows, as_of)

    monkeypatch.setattr(queries, "tally", counting)
    with city.ledger(day, actor="填报员") as ledger:
        entry = ProgressInput(period="2024-06", narrative="已完成", done=True)
        add_progress(ledger, task_id=city.tasks[3], entry=entry, reporter="填报员", evidence_dir=tmp_path)
    with city.ledger(day) as ledger:
        after = queries.dashboard(ledger, day)
        rows = board(ledger, day)
    assert counted == []  # the swapped row patched the tally: the year's rows were not counted again
    fresh = summarise(rows, day)
    items = {"items_by_stage", "ranking", "calendar_warning", "overdue_items", "items_due_soon", "notices"}
    same = {f.name for f in fields(Dashboard)} - items  # what summarise counts from the rows
    assert {n: getattr(after, n) for n in same} == {n: getattr(fresh, n) for n in same}
    assert after.notices == ranked_notices(notice_counts(rows), after.overdue_items)
    assert after.states != before.states  # and the write shows


def test_a_tally_counts_again_when_a_row_changes_its_group(city: City) -> None:
    from dataclasses import replace

    from luoshi.serve.dashboard import tally

    day = date(2024, 7, 10)
    with city.ledger(day) as ledger:
        rows = board(ledger, day)
    counted = tally(rows, day)
    row = rows[0]
    assert counted.follow([(row, replace(row, section=row.section + "（新）"))]) is None
    assert counted.follow([(row, replace(row, headline=not row.headline))]) is None
    done = replace(row, state="done", colour="green")
    assert counted.follow([(row, done)]).dashboard() == tally([done, *rows[1:]], day).dashboard()  # type: ignore[union-attr]


def test_a_patch_re_reads_only_the_written_tasks(city: City, tmp_path: Path) -> None:
    day = date(2024, 7, 10)
    versions = []
    for n, task in enumerate((city.tasks[1], city.tasks[3])):
        with city.ledger(day, actor="填报员") as ledger:
            entry = ProgressInput(period=f"2024-0{5 + n}", narrative="已开工")
            add_progress(ledger, task_id=task, entry=entry, reporter="填报员", evidence_dir=tmp_path)
        with city.ledger(day) as ledger:
            versions.append(data_version(ledger))
            rows = board(ledger, day)
    first, second = versions
    assert first is not None and second is not None and second > first
    with city.ledger(day) as ledger:
        # the first write is a few events below: its writer committed before the second began
        assert changed_tasks(ledger, first, second) == {city.tasks[3]}
        assert rows == _build(load_board(ledger), day, 0).rows  # the patched board: as built afresh


def test_readers_that_ask_for_the_same_items_list_at_once_compute_it_once(city: City) -> None:
    import threading
    import time

    day = date(2024, 7, 10)
    with city.ledger(day) as ledger:
        snapshot.year_items(ledger, day)
        found = snapshot._items(ledger, day)
    assert found is not None
    calls: list[int] = []

    def slow() -> int:
        calls.append(1)
        time.sleep(0.05)  # long enough for the other reader to arrive meanwhile
        return len(calls)

    results: list[int] = []
    readers = [
        threading.Thread(target=lambda: results.append(snapshot.items_derived(found, "slow", slow)))
        for _ in range(3)
    ]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    assert calls == [1] and results == [1, 1, 1]  # one computation, its result taken by all


def test_the_items_versions_are_read_since_the_kept_ones_and_checked_against_their_sums(city: City) -> None:
    from sqlalchemy import update

    from luoshi.store.board import order_versions
    from luoshi.store.models.supervision import SupervisionOrder
    from luoshi.supervise.items import EventKind
    from luoshi.supervise.orders import record

    day = date(2024, 7, 10)
    with city.ledger(day) as ledger:
        kept, after = order_versions(ledger), data_version(ledger)
    assert kept is not None and after is not None
    with city.ledger(day) as ledger:
        record(ledger, city.orders[0], EventKind.DEPLOYED, note="局务会研究部署")
    with city.ledger(day) as ledger:
        since = order_versions(ledger, kept, after)
        assert since == order_versions(ledger) and since is not None
        assert since[city.orders[0]] > kept[city.orders[0]]
    with city.ledger(day) as ledger:  # a version moved with no audit event: the sums disagree
        ledger.session.execute(
            update(SupervisionOrder)
            .where(SupervisionOrder.id == city.orders[1])
            .values(version=SupervisionOrder.version + 1)
        )
    with city.ledger(day) as ledger:
        again = order_versions(ledger, since, after + 10_000)  # no event after this: only the sums tell
        assert again == order_versions(ledger) and again is not None
        assert again[city.orders[1]] == since[city.orders[1]] + 1


def test_a_board_patched_while_a_writer_holds_its_transaction_reads_both_writes_after(
    city: City, tmp_path: Path
) -> None:
    """A board patched while one writer has written and not committed, a second queued behind
    it: the next patch reads exactly the two writers' tasks (their ids land above the version the
    board was patched at, in commit order) and agrees with a board built afresh."""
    day = date(2024, 7, 10)
    done, failures = threading.Event(), []

    def report(ledger: Ledger, task: int, period: str) -> None:
        entry = ProgressInput(period=period, narrative="已开工")
        add_progress(ledger, task_id=task, entry=entry, reporter="填报员", evidence_dir=tmp_path)

    def second() -> None:
        try:
            with city.ledger(day, actor="填报员") as ledger:
                report(ledger, city.tasks[3], "2024-06")
        except BaseException as exc:  # asserted on below
            failures.append(exc)
        finally:
            done.set()

    with city.database.reader().ledger(actor="page", clock=FixedClock.on(day)) as ledger:
        board(ledger, day)
    thread = threading.Thread(target=second, daemon=True)
    with city.ledger(day, actor="填报员") as first:
        report(first, city.tasks[0], "2024-06")
        first.flush()
        thread.start()
        assert not done.wait(0.5), "the second writer did not wait for the first to commit"
        with city.database.reader().ledger(actor="page", clock=FixedClock.on(day)) as ledger:
            version = data_version(ledger)
            board(ledger, day)
    thread.join(10)
    assert done.is_set() and failures == []
    with city.database.reader().ledger(actor="page", clock=FixedClock.on(day)) as ledger:
        latest = data_version(ledger)
        assert version is not None and latest is not None and latest > version
        assert changed_tasks(ledger, version, latest) == {city.tasks[0], city.tasks[3]}
        assert board(ledger, day) == _build(load_board(ledger), day, 0).rows
