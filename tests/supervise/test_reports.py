from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from luoshi.errors import InputError
from luoshi.store.ledger import Ledger
from luoshi.store.models import Quantity, Report, Task
from luoshi.supervise.reports import latest_report, report_rows, store_report, stored_text


def test_stores_report_text_outline_quantities_and_tasks(ledger: Ledger, report: Any) -> None:
    result = store_report(ledger, report)
    assert (result.status, result.version, result.quantities, result.tasks) == ("stored", 1, 3, 4)
    row = ledger.get(Report, result.report_id)
    assert [p.kind for p in row.parts] == ["review", "plan"]
    assert [s.title for s in row.parts[1].sections] == ["扎实推进项目建设", "持续改善生态环境"]
    text = stored_text(ledger, row.id)
    assert text.original == report.text.original and list(text.index) == list(report.text.index)
    for q in ledger.all(Quantity, report_id=row.id):
        assert text.original[q.start : q.end] == q.written


def test_tasks_get_target_deadline_and_cadence(ledger: Ledger, report: Any) -> None:
    rid = store_report(ledger, report).report_id
    tasks = ledger.all(Task, report_id=rid, order_by="ordinal")
    projects, park, forest, housing = tasks
    assert (projects.target_value, projects.target_unit, projects.indicator) == (
        120,
        "个",
        "新开工亿元以上项目",
    )
    assert (forest.target_value, forest.target_modifier) == (50000, "at_least")
    assert forest.main_quantity_id is not None
    assert (park.deadline, park.deadline_source) == (date(2024, 8, 31), "text")
    assert (housing.deadline, housing.deadline_source, housing.target_value) == (
        date(2024, 12, 31),
        "year_end",
        None,
    )
    assert all(t.cadence == "monthly" and t.due_day == 5 for t in tasks)
    assert report.text.original[park.start : park.end] == park.text


def test_same_content_again_changes_nothing(ledger: Ledger, report: Any) -> None:
    first = store_report(ledger, report)
    again = store_report(ledger, report)
    assert again.status == "unchanged" and again.report_id == first.report_id
    assert ledger.count(Report) == 1 and ledger.count(Task) == 4


def test_new_content_is_a_new_version_not_merged(ledger: Ledger, make_report: Any) -> None:
    first = store_report(ledger, make_report())
    revised = make_report(make_report().text.original + "（三）新增一段。\n")
    second = store_report(ledger, revised)
    assert (second.status, second.version) == ("new_version", 2)
    assert second.report_id != first.report_id
    assert ledger.count(Task, report_id=first.report_id) == 4
    assert ledger.count(Task, report_id=second.report_id) == 4
    latest = latest_report(ledger, region="示例市", year=2024)
    assert latest is not None and latest.id == second.report_id
    assert latest_report(ledger, region="示例市", year=2023) is None
    assert [(r["version"], r["tasks"]) for r in report_rows(ledger)] == [(1, 4), (2, 4)]


def test_region_and_year_can_be_given_or_must_be_known(ledger: Ledger, make_report: Any) -> None:
    with pytest.raises(InputError, match="--region"):
        store_report(ledger, make_report(region=None))
    result = store_report(ledger, make_report(region=None), region="阳泉市", year=2024)
    assert (result.region, result.year) == ("阳泉市", 2024)


def test_a_part_split_in_two_halves_keeps_its_number(ledger: Ledger, report: Any) -> None:
    from luoshi import document as doc

    review = report.parts[0]
    report.parts.insert(
        1, doc.Part(review.number, review.title, doc.PartKind.PLAN, 2024, review.end, review.end)
    )
    row = ledger.get(Report, store_report(ledger, report).report_id)
    assert [(p.number, p.kind) for p in row.parts] == [(1, "review"), (1, "plan"), (2, "plan")]
