"""Scorecards of stored reports and entered outcomes, on SQLite and PostgreSQL.

Two reports of consecutive years (tests/fixtures/texts/link-city-2023.txt / -2024.txt) are read by
the real pipeline and stored; the 成绩单 is derived on read from them and from entered outcomes.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from luoshi.document import Report
from luoshi.errors import NotFoundError, ValidationError
from luoshi.link.vocabulary import Vocabulary, load_vocabulary
from luoshi.store.ledger import Ledger
from luoshi.store.models import Task
from luoshi.supervise.audit import history
from luoshi.supervise.outcomes import enter_outcome, entered_quantities, list_outcomes
from luoshi.supervise.reports import store_report, stored_report
from luoshi.supervise.scorecards import report_scorecard, task_verdict, task_verdicts

TEXTS = Path(__file__).parents[1] / "fixtures" / "texts"


@cache
def _read(name: str) -> Report:
    from luoshi.pipeline import read_report

    return read_report(TEXTS / name)


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return load_vocabulary()


def _store(ledger: Ledger, *names: str) -> list[int]:
    return [store_report(ledger, _read(name)).report_id for name in names]


def _statuses(ledger: Ledger, report_id: int, vocab: Vocabulary) -> dict[str, str]:
    card = report_scorecard(ledger, report_id=report_id, vocab=vocab).card
    return {line.indicator: line.status.value for line in card.lines}


def test_stored_report_reads_back_as_the_pipeline_made_it(ledger: Ledger) -> None:
    (rid,) = _store(ledger, "link-city-2023.txt")
    back, made = stored_report(ledger, report_id=rid), _read("link-city-2023.txt")
    assert back.quantities == made.quantities
    assert [(p.kind, p.start, p.end, p.title) for p in back.parts] == [
        (p.kind, p.start, p.end, p.title) for p in made.parts
    ]
    assert back.text.original == made.text.original and list(back.text.index) == list(made.text.index)


def test_scorecard_of_a_stored_report_against_the_next_stored_year(ledger: Ledger, vocab: Vocabulary) -> None:
    plan, later = _store(ledger, "link-city-2023.txt", "link-city-2024.txt")
    stored = report_scorecard(ledger, report_id=plan, vocab=vocab)
    assert stored.next_report_id == later
    statuses = _statuses(ledger, plan, vocab)
    assert statuses["原煤产量"] == "met"  # 8120万吨 (煤炭产量) against 8000万吨左右
    assert statuses["一般公共预算收入"] == "missed"  # 118.6亿元 against 120亿元
    assert statuses["地区生产总值"] == "target_not_set"
    line = next(x for x in stored.card.lines if x.indicator == "原煤产量")
    assert "8000万吨左右" in line.target_sentence and "8120万吨" in (line.outcome_sentence or "")
    data = stored.to_dict()
    assert data["report_id"] == plan and data["next_report_id"] == later
    assert data["counts"]["met"] >= 4 and data["counts"]["missed"] >= 1


def test_without_the_next_report_nothing_is_judged(ledger: Ledger, vocab: Vocabulary) -> None:
    (plan,) = _store(ledger, "link-city-2023.txt")
    stored = report_scorecard(ledger, report_id=plan, vocab=vocab)
    assert stored.next_report_id is None
    assert {x.status.value for x in stored.card.lines} <= {"not_reported", "target_not_set"}
    assert task_verdicts(ledger, report_id=plan, vocab=vocab) == {}


def test_an_entered_outcome_fills_a_not_reported_target_and_is_audited(
    ledger: Ledger, vocab: Vocabulary
) -> None:
    plan, _ = _store(ledger, "link-city-2023.txt", "link-city-2024.txt")
    assert _statuses(ledger, plan, vocab)["新增省级专精特新企业"] == "not_reported"
    row = enter_outcome(
        ledger, region="青岚市", year=2023, indicator="新增省级专精特新企业", value=12, unit="家",
        source="青岚市2023年国民经济和社会发展统计公报", vocab=vocab,
    )  # fmt: skip
    assert row.metric == "level" and row.entered_by == "tester"
    assert _statuses(ledger, plan, vocab)["新增省级专精特新企业"] == "missed"  # 12 against 15
    line = next(
        x
        for x in report_scorecard(ledger, report_id=plan, vocab=vocab).card.lines
        if x.indicator == "新增省级专精特新企业"
    )
    assert line.outcome_sentence == "青岚市2023年国民经济和社会发展统计公报"
    assert (line.match_reason or "").startswith("用户录入")
    # a correction updates the same row (one row per region, year, indicator and metric)
    enter_outcome(
        ledger, region="青岚市", year=2023, indicator="新增省级专精特新企业", value=18, unit="家",
        source="统计公报（修订）", vocab=vocab,
    )  # fmt: skip
    assert _statuses(ledger, plan, vocab)["新增省级专精特新企业"] == "met"
    assert [r.value for r in list_outcomes(ledger, region="青岚市")] == [18]
    actions = [e["action"] for e in history(ledger, ref=f"outcomes:{row.id}")]
    assert actions == ["insert", "update"]


def test_a_report_outcome_wins_over_an_entered_one(ledger: Ledger, vocab: Vocabulary) -> None:
    plan, _ = _store(ledger, "link-city-2023.txt", "link-city-2024.txt")
    enter_outcome(
        ledger, region="青岚市", year=2023, indicator="原煤产量", value=100, unit="万吨", source="某来源",
        vocab=vocab,
    )  # fmt: skip
    assert _statuses(ledger, plan, vocab)["原煤产量"] == "met"


def test_entered_outcomes_of_other_regions_and_years_do_not_count(ledger: Ledger, vocab: Vocabulary) -> None:
    plan, _ = _store(ledger, "link-city-2023.txt", "link-city-2024.txt")
    for region, year in (("别的市", 2023), ("青岚市", 2022)):
        enter_outcome(
            ledger, region=region, year=year, indicator="新增省级专精特新企业", value=20, unit="家",
            source="统计公报", vocab=vocab,
        )  # fmt: skip
    assert _statuses(ledger, plan, vocab)["新增省级专精特新企业"] == "not_reported"
    assert len(entered_quantities(ledger, region="青岚市", year=2022)) == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"source": "  "}, "来源"),
        ({"indicator": ""}, "指标"),
        ({"year": 20}, "年份"),
        ({"metric": "speed"}, "指标类型"),
        ({"unit": "%", "indicator": "某某比例"}, "百分比"),
        ({"source": "公报\x00"}, "无效字符"),  # PostgreSQL text cannot hold NUL
    ],
)
def test_bad_outcomes_are_refused_in_one_line(
    ledger: Ledger, vocab: Vocabulary, fields: dict[str, object], message: str
) -> None:
    given: dict[str, object] = {
        "region": "青岚市", "year": 2023, "indicator": "原煤产量", "value": 1.0, "unit": "万吨",
        "source": "公报",
    }  # fmt: skip
    with pytest.raises(ValidationError, match=message):
        enter_outcome(ledger, vocab=vocab, **{**given, **fields})  # type: ignore[arg-type]


def test_a_percent_outcome_takes_its_metric_from_the_vocabulary(ledger: Ledger, vocab: Vocabulary) -> None:
    row = enter_outcome(
        ledger, region="青岚市", year=2023, indicator="居民消费价格涨幅", value=0.2, unit="%", source="公报",
        vocab=vocab,
    )  # fmt: skip
    assert row.metric == "growth"


def test_tasks_show_their_target_verdict_once_the_next_report_is_stored(
    ledger: Ledger, vocab: Vocabulary
) -> None:
    (plan,) = _store(ledger, "link-city-2023.txt")
    coal = next(t.id for t in ledger.all(Task, report_id=plan) if t.indicator == "原煤产量")
    assert task_verdict(ledger, task_id=coal, vocab=vocab) is None
    _store(ledger, "link-city-2024.txt")
    verdicts = task_verdicts(ledger, report_id=plan, vocab=vocab)
    assert verdicts[coal].line.status.value == "met"
    by_indicator = {ledger.get(Task, tid).indicator: v.line.status.value for tid, v in verdicts.items()}
    assert by_indicator["一般公共预算收入"] == "missed"
    assert task_verdict(ledger, task_id=coal, vocab=vocab) == verdicts[coal]
    with pytest.raises(NotFoundError):
        report_scorecard(ledger, report_id=999, vocab=vocab)


def test_stored_pair_scores_as_the_files_do(ledger: Ledger, vocab: Vocabulary) -> None:
    """The State Council reports of 2021 and 2022: stored, the scorecard has the very same lines."""
    from luoshi.link.scorecard import scorecard
    from luoshi.pipeline import read_report

    fixtures = TEXTS.parent
    plan, later = (read_report(fixtures / f"guowuyuan-{year}.txt") for year in (2021, 2022))
    ids = [store_report(ledger, r, region="全国", year=y).report_id for r, y in ((plan, 2021), (later, 2022))]
    stored = report_scorecard(ledger, report_id=ids[0], vocab=vocab)
    from_files = scorecard(plan, later, vocab)
    assert stored.next_report_id == ids[1]
    assert [line.to_dict() for line in stored.card.lines] == [line.to_dict() for line in from_files.lines]
    assert stored.card.counts()["met"] >= 5
