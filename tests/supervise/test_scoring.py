"""The unit scoreboard: the formula from docs/scoring.md, computed by hand for the sample year."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from luoshi.errors import ValidationError
from luoshi.supervise import scoring
from luoshi.supervise.orders import raise_order
from luoshi.supervise.review import build_review
from luoshi.supervise.scoring import load_scoring, parse_scoring, scoreboard

if TYPE_CHECKING:
    from tests.supervise.conftest import City

AS_OF = date(2024, 7, 15)


def board(city: City) -> dict[str, Any]:
    with city.ledger(AS_OF) as ledger:
        review = build_review(ledger)
    return {s.unit: s for s in scoreboard(review.tasks, review.orders, load_scoring(), as_of=AS_OF)}


def test_components_match_the_documented_formula(city: City) -> None:
    scores = board(city)
    fgw = scores["市发展改革委"]
    elapsed = 197 / 366  # 2024-01-01 … 07-15 of a leap year
    assert fgw.components["completion"] == 1.0  # its one task is on track (62 of 120 by mid-July)
    assert (62 / 120) / elapsed > 0.95
    assert fgw.components["timeliness"] == pytest.approx(5 / 6)
    assert fgw.components["response"] == 1.0  # deploy, respond, settle all met on time
    assert fgw.components["acceptance"] == 1.0  # 优秀
    expected = 100 * (0.4 * fgw.components["completion"] + 0.2 * 5 / 6 + 0.2 + 0.2)
    assert fgw.score == pytest.approx(round(expected, 1))
    forest = scores["平定县"]
    assert forest.components["completion"] == 1.0 and forest.components["acceptance"] == 0.85
    assert forest.components["response"] is None  # no orders: weight renormalised over the rest


def test_ranking_orders_by_score_and_penalties_apply(city: City) -> None:
    from luoshi.supervise.escalation import escalate
    from luoshi.supervise.notify.config import NotifyConfig

    before = board(city)
    ranks = sorted(before.values(), key=lambda s: s.rank)
    assert [s.rank for s in ranks] == [1, 2, 3, 4]
    assert [s.unit for s in ranks] == ["市发展改革委", "平定县", "市工信局", "市能源局"]
    # 市工信局: its own task is 缺报 (credit 0) but it supports 市发展改革委's on-track task (配合 0.3)
    assert before["市工信局"].components["completion"] == pytest.approx(0.3 / 1.3)
    assert before["市工信局"].co_tasks == 1 and before["市能源局"].components["completion"] == 0
    assert before["平定县"].components["timeliness"] == 1 / 5  # May's report only; none due after done
    with city.ledger(date(2024, 7, 1)) as ledger:
        raise_order(ledger, title="林地占补平衡", lead="pdx")  # never answered
    with city.ledger(AS_OF, actor="system") as ledger:
        escalate(ledger, NotifyConfig(channels={}))
    after = board(city)["平定县"]
    # deploy (due 7-02), respond (7-04) and settle (7-10) all missed: one 通报, one 提级督办 for the item
    assert (after.notices, after.escalations) == (1, 1)
    assert after.components["response"] == 0.0
    assert after.score is not None and after.score < before["平定县"].score - (3 + 5)


def test_scoring_config_from_yaml(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(
        "weights: {completion: 1}\ngrades: {优秀: 95, 良好: 80, 合格: 60, 不合格: 0}\n", encoding="utf-8"
    )
    config = load_scoring(path)
    assert config.weights == {"completion": 1.0}
    assert config.penalties == {"notice": 0.0, "escalation": 0.0, "returned": 0.0}
    for bad, message in [
        ({"weights": {"speed": 1}, "grades": {}}, "未知的评分项"),
        ({"weights": {"completion": 0}}, "至少一项"),
        ({"weights": {"completion": 1}, "grades": {"优秀": 100}}, "等次分值"),
    ]:
        with pytest.raises(ValidationError, match=message):
            parse_scoring(bad)
    with pytest.raises(ValidationError, match="找不到"):
        load_scoring(tmp_path / "none.yaml")


def test_a_units_score_is_kept_until_its_tasks_change(city: City) -> None:
    from dataclasses import replace

    from luoshi.supervise.status import State

    with city.ledger(AS_OF) as ledger:
        review = build_review(ledger)
    config = load_scoring()
    first = {s.unit: s for s in scoreboard(review.tasks, review.orders, config, as_of=AS_OF)}
    again = {s.unit: s for s in scoreboard(review.tasks, review.orders, config, as_of=AS_OF)}
    assert again == first and all(again[u] is not first[u] for u in first)  # copies: ranks are set on them
    mine = next(t for t in review.tasks if t.lead == "市发展改革委")
    missing = replace(mine, status=replace(mine.status, state=State.MISSING))  # its report now 缺报
    tasks = [missing if t is mine else t for t in review.tasks]
    changed = {s.unit: s for s in scoreboard(tasks, review.orders, config, as_of=AS_OF)}
    assert changed["市发展改革委"].components["completion"] == 0.0
    assert first["市发展改革委"].components["completion"] == 1.0  # on track before
    assert changed["市能源局"].components == first["市能源局"].components
    assert scoring._LAST_TASKS[0][2][0]["市发展改革委"].count(missing) == 1  # swapped into its unit's list
    scoring._LAST.clear()  # indexed and computed afresh: the same scores
    scoring._LAST_TASKS.clear()
    assert changed == {s.unit: s for s in scoreboard(tasks, review.orders, config, as_of=AS_OF)}


def test_the_rankings_reads_outlive_a_write_elsewhere_and_a_published_case_renews_them(
    city: City, monkeypatch: pytest.MonkeyPatch
) -> None:
    from luoshi.serve.queries import unit_ranking
    from luoshi.store.ledger import Ledger
    from luoshi.supervise import cases
    from luoshi.supervise.items import EventKind
    from luoshi.supervise.orders import record

    calls: list[date] = []
    counted = cases.published_counts

    def counting(ledger: Ledger, day: date) -> dict[str, int]:
        calls.append(day)
        return counted(ledger, day)

    monkeypatch.setattr(cases, "published_counts", counting)
    with city.ledger(AS_OF) as ledger:
        before = {r.unit: r.score for r in unit_ranking(ledger, AS_OF)}
    with city.ledger(AS_OF) as ledger:
        record(ledger, city.orders[0], EventKind.DEPLOYED, note="局务会研究部署")  # a new version, no case
    with city.ledger(AS_OF) as ledger:
        unit_ranking(ledger, AS_OF)
    assert len(calls) == 1  # kept: no write touched the cases or units (both backends: ids in commit order)
    with city.ledger(AS_OF) as ledger:
        case = cases.mark(ledger, title="光伏整县推进", summary="经验做法", unit="nyj")
        cases.publish(ledger, case.id)
    with city.ledger(AS_OF) as ledger:
        after = {r.unit: r.score for r in unit_ranking(ledger, AS_OF)}
    assert len(calls) == 2  # read again
    assert after["市能源局"] != before["市能源局"]  # the 示范 bonus counts the new case
