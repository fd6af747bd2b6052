"""What the day's notices say: one digest per unit, summaries for the office and each leader,
and a message of its own only for an item escalated to a leader."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from luoshi.supervise.escalation import escalate
from luoshi.supervise.notify.config import Messages, NotifyConfig, PerItem
from luoshi.supervise.notify.digest import Notice, compose, read_day
from luoshi.supervise.orders import raise_order

if TYPE_CHECKING:
    from tests.supervise.conftest import LedgerOn

DAY = date(2024, 3, 12)
LINK = "https://duban.example.gov.cn"


def day_notices(on: LedgerOn, messages: Messages | None = None) -> dict[str, Notice]:
    config = NotifyConfig(office="市委督查室", leader="分管副市长", messages=messages or Messages(link=LINK))
    with on(date(2024, 3, 1)) as ledger:
        raise_order(
            ledger,
            title="园区标准化厂房",
            lead="gxj",
            co=["pdx"],
            leader="李副市长",
            detail="年内建成10万平方米",
        )
        raise_order(ledger, title="企业用地手续", lead="gxj", leader="李副市长")
        raise_order(ledger, title="重点项目审批", lead="fgw", on=date(2024, 3, 11))
        raise_order(ledger, title="按日历天计", lead="nyj", policy="13710-calendar")
    with on(DAY, actor="system") as ledger:
        escalate(ledger, config)
        return {n.key: n for n in compose(read_day(ledger, config, DAY), config)}


def test_one_digest_per_unit_a_summary_for_the_office_and_each_leader(on: LedgerOn) -> None:
    notices = day_notices(on)
    digests = sorted(k for k in notices if k.startswith("digest:"))
    units = [f"digest:{DAY}:unit:{u}" for u in ("市工信局", "平定县", "市发展改革委", "市能源局")]
    leaders = [f"digest:{DAY}:leader:{who}" for who in ("李副市长", "分管副市长")]
    assert digests == sorted([*units, f"digest:{DAY}:office", *leaders])
    assert notices[f"digest:{DAY}:office"].recipient == "市委督查室"
    assert "市工信局：逾期2项" in notices[f"digest:{DAY}:office"].body


def test_a_digest_says_what_is_late_by_how_many_working_days_and_what_is_next(on: LedgerOn) -> None:
    """Rule: overdue counts in the policy's days (个工作日 or 天); link, next deadline, leader, detail."""
    notices = day_notices(on)
    body = notices[f"digest:{DAY}:unit:市工信局"].body
    assert "已逾期6个工作日" in body and "天" not in body.replace("今日", "")
    assert f"[#1 园区标准化厂房]({LINK}/items/1)" in body and "分管领导：李副市长" in body
    assert "事项：年内建成10万平方米" in body and "（已催办、通报、提级督办）" in body
    assert "（协办）" in notices[f"digest:{DAY}:unit:平定县"].body
    assert (
        "下一节点：研究部署，2024-03-12前完成（今日到期）" in notices[f"digest:{DAY}:unit:市发展改革委"].body
    )
    calendar = notices[f"digest:{DAY}:unit:市能源局"].body  # 13710-calendar counts calendar days
    assert re.search(r"已逾期\d+天", calendar) and "工作日" not in calendar


def test_only_an_escalation_to_a_leader_gets_a_message_of_its_own_and_it_reads_as_one(on: LedgerOn) -> None:
    notices = day_notices(on)
    own = [n for k, n in notices.items() if not k.startswith("digest:")]
    assert {n.order_id for n in own} == {1, 2, 4} and {n.recipient for n in own} == {"李副市长", "分管副市长"}
    [first] = [n for n in own if n.order_id == 1]
    assert first.subject == "【提级督办·呈阅】园区标准化厂房" and first.body.startswith(
        "呈李副市长：市工信局牵头"
    )
    assert "请阅示" in first.body and "协办单位：平定县" in first.body
    unit = notices[f"digest:{DAY}:unit:市工信局"]
    assert unit.subject.startswith("【督办提醒】") and not unit.body.startswith("呈")
    assert [k for k in day_notices_none(on) if not k.startswith("digest:")] == []


def day_notices_none(on: LedgerOn) -> dict[str, Notice]:
    config = NotifyConfig(messages=Messages(per_item=PerItem.NONE))
    with on(DAY) as ledger:
        return {n.key: n for n in compose(read_day(ledger, config, DAY), config)}


def test_the_digests_shown_in_the_docs_are_what_notify_composes(on: LedgerOn) -> None:
    docs = (Path(__file__).parents[2] / "docs" / "supervision.md").read_text(encoding="utf-8")
    shown = re.findall(r"```text\n(.*?)\n```", docs[docs.index("## Notifications") :], flags=re.S)
    config = NotifyConfig(office="市委督查室", leader="分管副市长", messages=Messages(link=LINK))
    with on(date(2024, 3, 1)) as ledger:
        detail = "年内建成标准化厂房10万平方米，6月底前完成主体施工"
        raise_order(
            ledger, title="园区标准化厂房建设", lead="gxj", co=["pdx"], leader="李副市长", detail=detail
        )
        raise_order(
            ledger,
            title="企业用地手续办理",
            lead="gxj",
            leader="李副市长",
            detail="协调解决3家企业用地手续",
            on=date(2024, 3, 6),
        )
        raise_order(ledger, title="重点项目审批提速", lead="fgw", on=date(2024, 3, 11))
    with on(DAY, actor="system") as ledger:
        escalate(ledger, config)
        composed = {f"{n.subject}\n{n.body}" for n in compose(read_day(ledger, config, DAY), config)}
    assert len(shown) == 5 and all(text in composed for text in shown)
