"""互联网+督查: filing, limits, triage, the filer's 回访 on the item's clock, tracking, personal data."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tests.supervise.conftest import LedgerOn

from luoshi.errors import NotFoundError, ValidationError
from luoshi.store.models.port import PublicRequest
from luoshi.store.models.supervision import SupervisionOrder
from luoshi.supervise import filers, requests
from luoshi.supervise.items import EventKind, Grade, Level, Origin
from luoshi.supervise.orders import facts_of, record, view
from luoshi.supervise.permissions import Role
from luoshi.supervise.requests import Filing, Limits, Stage
from luoshi.supervise.scoring import load_scoring, scoreboard

SECRET = "s" * 40
COMPANY = "91110000600037341L"  # a valid 统一社会信用代码 (check character L)
OTHER_COMPANY = "911403001102345679"
PROBLEM = "我公司申报的技术改造专项资金已通过评审三个月，至今未拨付，影响设备采购进度。"


def filing(**changes: object) -> Filing:
    values: dict[str, object] = {
        "kind": "enterprise", "name": "阳泉某机械制造有限公司", "contact": "13800138000",
        "problem": PROBLEM, "credit_code": COMPANY, "address": "10.0.0.1",
    }  # fmt: skip
    return Filing(**(values | changes))  # type: ignore[arg-type]


def file(on: LedgerOn, tmp_path: Path, day: date = date(2023, 5, 8), **changes: Any) -> PublicRequest:
    with on(day, actor="公众") as ledger:
        request = requests.file_request(
            ledger, filing(**changes), secret=SECRET, limits=Limits(), files=tmp_path / "files"
        )
        ledger.session.expunge_all()
    return request


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"credit_code": "91110000600037341A"}, "统一社会信用代码不正确"),
        ({"contact": "call me"}, "联系电话或电子邮箱"),
        ({"problem": "太慢了"}, "问题描述须为"),
        ({"problem": "很" * 4001}, "问题描述须为"),
        ({"kind": "robot"}, "诉求人类型"),
        ({"name": " "}, "企业名称或姓名"),
        ({"honeypot": "http://spam.example"}, "提交失败"),
        ({"attachments": [("合同.doc", b"\xd0\xcf\x11\xe0" + b"x" * 100)]}, "不支持的文件类型"),
        ({"attachments": [("大.txt", b"a" * (requests.MAX_ATTACHMENT_BYTES + 1))]}, "附件超过 5 MB"),
        ({"attachments": [(f"{i}.txt", b"text") for i in range(4)]}, "附件最多 3 个"),
    ],
)
def test_bad_filings_are_refused_with_the_field_named(
    on: LedgerOn, tmp_path: Path, changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        file(on, tmp_path, **changes)
    with on(date(2023, 5, 8)) as ledger:
        assert ledger.count(PublicRequest) == 0  # nothing half-written


def test_a_person_files_without_a_credit_code_and_gets_a_code(on: LedgerOn, tmp_path: Path) -> None:
    request = file(on, tmp_path, kind="person", name="张某", credit_code="", contact="zhang@example.cn")
    assert len(request.code) == 14 and request.code.count("-") == 2
    with on(date(2023, 5, 9)) as ledger:
        tracking = requests.track(ledger, request.code.lower().replace("-", " "))  # as typed on a phone
        assert tracking.stage is Stage.PENDING
        assert [(m.label, m.on) for m in tracking.milestones] == [("提交诉求", date(2023, 5, 8))]
        with pytest.raises(NotFoundError, match="查询码不存在"):
            requests.track(ledger, "AAAA-BBBB-CCCC")


def test_the_contact_and_address_are_kept_only_as_keyed_hashes(on: LedgerOn, tmp_path: Path) -> None:
    request = file(on, tmp_path)
    assert "10.0.0.1" not in request.address_key and "13800138000" not in request.contact_key
    assert request.address_key == requests.keyed(SECRET, "10.0.0.1") != requests.keyed("t" * 40, "10.0.0.1")


def test_one_address_is_limited_per_day(on: LedgerOn, tmp_path: Path) -> None:
    limits = Limits(per_address=2, per_contact=10)
    for i in range(2):
        with on(date(2023, 5, 8), actor="公众") as ledger:
            changed = filing(
                contact=f"1380013800{i}", credit_code="", kind="person", problem=f"{PROBLEM}{i}" * (i + 1)
            )
            requests.file_request(ledger, changed, secret=SECRET, limits=limits, files=tmp_path)
    with on(date(2023, 5, 8), actor="公众") as ledger, pytest.raises(ValidationError, match="过于频繁"):
        third = filing(
            contact="13800138009", kind="person", credit_code="", problem="完全不同的另一个问题：道路积水"
        )
        requests.file_request(ledger, third, secret=SECRET, limits=limits, files=tmp_path)


def test_one_contact_is_limited_per_day_from_any_address(on: LedgerOn, tmp_path: Path) -> None:
    limits = Limits(per_address=10, per_contact=1)
    with on(date(2023, 5, 8), actor="公众") as ledger:
        requests.file_request(ledger, filing(), secret=SECRET, limits=limits, files=tmp_path)
    with (
        on(date(2023, 5, 8), actor="公众") as ledger,
        pytest.raises(ValidationError, match="今日提交已达上限"),
    ):
        other = filing(
            address="10.9.9.9", credit_code=OTHER_COMPANY, problem="另一件事：厂区门前道路破损严重"
        )
        requests.file_request(ledger, other, secret=SECRET, limits=limits, files=tmp_path)


def test_one_company_is_limited_per_day_whatever_contact_it_gives(on: LedgerOn, tmp_path: Path) -> None:
    limits = Limits(per_address=10, per_contact=2)
    problems = ["道路破损严重，大货车无法通行", "用电报装已两个月未接通", "环评审批材料被反复退回"]
    for i, problem in enumerate(problems[:2]):
        with on(date(2023, 5, 8), actor="公众") as ledger:
            changed = filing(contact=f"1390013900{i}", address=f"10.0.0.{i}", problem=problem)
            requests.file_request(ledger, changed, secret=SECRET, limits=limits, files=tmp_path)
    with (
        on(date(2023, 5, 8), actor="公众") as ledger,
        pytest.raises(ValidationError, match="该企业今日提交已达上限"),
    ):
        third = filing(contact="13900139009", address="10.0.0.9", problem=problems[2])
        requests.file_request(ledger, third, secret=SECRET, limits=limits, files=tmp_path)


def test_the_same_company_filing_the_same_problem_again_is_a_duplicate(on: LedgerOn, tmp_path: Path) -> None:
    file(on, tmp_path)
    with pytest.raises(ValidationError, match="已有相同的诉求正在办理"):
        file(
            on,
            tmp_path,
            day=date(2023, 5, 10),
            contact="13900139000",
            problem=PROBLEM.replace("三个月", "四个月"),
        )
    file(
        on, tmp_path, day=date(2023, 5, 10), credit_code=OTHER_COMPANY, contact="13900139000"
    )  # another company
    file(on, tmp_path, day=date(2023, 5, 10), problem="厂区周边道路长期破损，大货车无法通行，请协调修复。")


def test_accepting_puts_it_on_the_13710_clock(on: LedgerOn, tmp_path: Path) -> None:
    request = file(on, tmp_path)
    with on(date(2023, 5, 9)) as ledger:
        order = requests.accept(ledger, request.id, lead="市工信局", co=["市发改委"])
        v = view(ledger, order, date(2023, 5, 9))
        assert (v.origin, v.level, v.lead_unit, v.co_units) == (
            Origin.ENTERPRISE,
            Level.ORDINARY,
            "市工信局",
            ("市发展改革委",),
        )
        assert v.facts.feedback == (f"诉求{request.id}",)
        assert [s.due for s in v.status.stages][:1] == [date(2023, 5, 10)]  # 研究部署: 1 working day
        with pytest.raises(ValidationError, match="已分办"):
            requests.reject(ledger, request.id, reason="重复")


def test_refer_and_reject_give_the_filer_the_reason(on: LedgerOn, tmp_path: Path) -> None:
    a = file(on, tmp_path)
    b = file(on, tmp_path, credit_code=OTHER_COMPANY, contact="13900139000")
    with on(date(2023, 5, 9)) as ledger:
        with pytest.raises(ValidationError, match="渠道和理由"):
            requests.refer(ledger, a.id, channel="12345", reason=" ")
        requests.refer(ledger, a.id, channel="12345政务服务便民热线", reason="属个案咨询，由热线直接答复")
        requests.reject(ledger, b.id, reason="所反映问题已进入司法程序")
    with on(date(2023, 5, 10)) as ledger:
        ta, tb = requests.track(ledger, a.code), requests.track(ledger, b.code)
    assert (
        ta.stage is Stage.REFERRED
        and ta.milestones[-1].reason == "12345政务服务便民热线：属个案咨询，由热线直接答复"
    )
    assert tb.stage is Stage.REJECTED and tb.milestones[-1].reason == "所反映问题已进入司法程序"


def walk_to_resolved(on: LedgerOn, order_id: int, day: date, note: str) -> None:
    with on(day, actor="市工信局") as ledger:
        events = facts_of(ledger.get(SupervisionOrder, order_id)).events
        if not any(e.kind is EventKind.DEPLOYED for e in events):
            record(ledger, order_id, EventKind.DEPLOYED, note="局党组研究部署")
            record(ledger, order_id, EventKind.RESPONDED, note="已与财政局对接，内部核查中")
        record(ledger, order_id, EventKind.RESOLVED, note=note)


def test_the_filer_disputes_the_item_reopens_then_confirms_and_it_is_accepted(
    on: LedgerOn, tmp_path: Path
) -> None:
    request = file(on, tmp_path)
    with on(date(2023, 5, 9)) as ledger:
        order_id = requests.accept(ledger, request.id, lead="市工信局").id
    with on(date(2023, 5, 10), actor="诉求人") as ledger, pytest.raises(ValidationError, match="尚未办结"):
        requests.confirm(ledger, request.code, satisfied=True)
    walk_to_resolved(on, order_id, date(2023, 5, 12), "内部备注：资金已在途，财政局张科长经办")
    with on(date(2023, 5, 12)) as ledger:
        assert requests.track(ledger, request.code).stage is Stage.TO_CONFIRM
    with on(date(2023, 5, 15), actor="诉求人") as ledger:
        with pytest.raises(ValidationError, match="须说明原因"):
            requests.confirm(ledger, request.code, satisfied=False)
        requests.confirm(ledger, request.code, satisfied=False, why="只拨付了一半")
    with on(date(2023, 5, 15)) as ledger:
        v = view(ledger, ledger.get(SupervisionOrder, order_id), date(2023, 5, 15))
        assert requests.track(ledger, request.code).stage is Stage.REOPENED
        assert v.status.stage is not None and v.status.stage.label == "回访不满意重办"
        with pytest.raises(ValidationError, match="问题尚未解决"):
            record(ledger, order_id, EventKind.CLOSURE_REQUESTED)
    walk_to_resolved(on, order_id, date(2023, 5, 19), "剩余资金已拨付")
    with on(date(2023, 5, 19)) as ledger:
        record(ledger, order_id, EventKind.CLOSURE_REQUESTED)
        with pytest.raises(ValidationError, match="尚未回访确认满意"):
            record(ledger, order_id, EventKind.ACCEPTED, grade=Grade.GOOD)
    with on(date(2023, 5, 22), actor="诉求人") as ledger:
        requests.confirm(ledger, request.code, satisfied=True)
        with pytest.raises(ValidationError, match="已评价"):
            requests.confirm(ledger, request.code, satisfied=True)
    with on(date(2023, 5, 22)) as ledger:
        assert requests.track(ledger, request.code).stage is Stage.CONFIRMED
        record(ledger, order_id, EventKind.ACCEPTED, grade=Grade.GOOD)
    with on(date(2023, 5, 23)) as ledger:
        tracking = requests.track(ledger, request.code)
    assert tracking.stage is Stage.CLOSED
    labels = [m.label for m in tracking.milestones]
    assert labels == [
        "提交诉求", "受理，转承办单位办理", "承办单位办结", "您评价：不满意，重新办理", "承办单位办结",
        "您评价：满意", "督查室验收销号",
    ]  # fmt: skip
    shown = " ".join(f"{m.label}{m.reason}" for m in tracking.milestones)
    assert "张科长" not in shown and "内部核查" not in shown and "只拨付了一半" not in shown


def test_the_office_may_accept_past_a_silent_filer_only_with_a_reason(on: LedgerOn, tmp_path: Path) -> None:
    request = file(on, tmp_path)
    with on(date(2023, 5, 9)) as ledger:
        order_id = requests.accept(ledger, request.id, lead="市工信局").id
    walk_to_resolved(on, order_id, date(2023, 5, 12), "已拨付")
    with on(date(2023, 5, 30)) as ledger:
        record(ledger, order_id, EventKind.CLOSURE_REQUESTED)
        record(ledger, order_id, EventKind.ACCEPTED, grade=Grade.PASS, override="三次电话回访未接通")


def test_a_merged_request_follows_the_open_item_and_its_filer_must_confirm(
    on: LedgerOn, tmp_path: Path
) -> None:
    first = file(on, tmp_path)
    second = file(on, tmp_path, credit_code=OTHER_COMPANY, contact="13900139000")
    with on(date(2023, 5, 9)) as ledger:
        order_id = requests.accept(ledger, first.id, lead="市工信局").id
        requests.merge(ledger, second.id, order_id=order_id, reason="与同类问题一并办理")
    walk_to_resolved(on, order_id, date(2023, 5, 12), "已拨付")
    with on(date(2023, 5, 15), actor="诉求人") as ledger:
        requests.confirm(ledger, first.code, satisfied=True)
    with on(date(2023, 5, 15)) as ledger:
        record(ledger, order_id, EventKind.CLOSURE_REQUESTED)
        with pytest.raises(ValidationError, match=f"诉求{second.id}的诉求人尚未回访"):
            record(ledger, order_id, EventKind.ACCEPTED, grade=Grade.GOOD)
        assert requests.track(ledger, first.code).stage is Stage.CONFIRMED
        assert requests.track(ledger, second.code).stage is Stage.TO_CONFIRM


def test_feedback_is_only_for_items_from_the_port(on: LedgerOn, tmp_path: Path) -> None:
    request = file(on, tmp_path)
    with on(date(2023, 5, 9)) as ledger:
        requests.reject(ledger, request.id, reason="不属于本级职责")
        with pytest.raises(ValidationError, match="无需评价"):
            requests.confirm(ledger, request.code, satisfied=True)


def test_satisfaction_counts_in_the_units_score(on: LedgerOn, tmp_path: Path) -> None:
    request = file(on, tmp_path)
    with on(date(2023, 5, 9)) as ledger:
        order_id = requests.accept(ledger, request.id, lead="市工信局").id
    walk_to_resolved(on, order_id, date(2023, 5, 12), "已拨付")
    with on(date(2023, 5, 15), actor="诉求人") as ledger:
        requests.confirm(ledger, request.code, satisfied=False, why="未解决")
    walk_to_resolved(on, order_id, date(2023, 5, 17), "已全部拨付")
    with on(date(2023, 5, 18), actor="诉求人") as ledger:
        requests.confirm(ledger, request.code, satisfied=True)
    with on(date(2023, 5, 18)) as ledger:
        orders = [view(ledger, ledger.get(SupervisionOrder, order_id), date(2023, 5, 18))]
    (score,) = scoreboard([], orders, load_scoring(), as_of=date(2023, 5, 18))
    assert score.components["satisfaction"] == 0.5


def test_contacts_are_for_the_office_and_the_assigned_units_only(on: LedgerOn, tmp_path: Path) -> None:
    request = file(on, tmp_path)
    with on(date(2023, 5, 9)) as ledger:
        requests.accept(ledger, request.id, lead="市工信局", co=["市能源局"])
        row = ledger.get(PublicRequest, request.id)
        order = row.order
        assert order is not None
        lead, co = order.lead_unit_id, order.co_unit_ids[0]
        other = next(i for i in range(1, 10) if i not in (lead, co))
        assert filers.may_see_filer(Role.OFFICE, None, row)
        assert filers.may_see_filer(Role.REPORTER, lead, row) and filers.may_see_filer(Role.REPORTER, co, row)
        assert not filers.may_see_filer(Role.REPORTER, other, row)
        assert not filers.may_see_filer(Role.LEADER, None, row) and not filers.may_see_filer(
            Role.PUBLIC, None, row
        )


def test_one_filers_data_is_exported_and_erased_after_the_retention_period(
    on: LedgerOn, tmp_path: Path
) -> None:
    kept = file(on, tmp_path)
    ended = file(
        on, tmp_path, credit_code=OTHER_COMPANY, problem="厂区周边道路长期破损，大货车无法通行，请协调修复。"
    )
    with on(date(2023, 5, 9)) as ledger:
        requests.reject(ledger, ended.id, reason="属县级事权，请向平定县反映")
        requests.accept(ledger, kept.id, lead="市工信局")
        data = filers.export(ledger, " 13800138000 ", secret=SECRET)
    assert [r["code"] for r in data["requests"]] == [kept.code, ended.code]
    assert data["requests"][0]["credit_code"] == COMPANY and data["requests"][1]["stage"] == "不予受理"
    with on(date(2024, 5, 10)) as ledger:
        assert filers.erase_expired(ledger, keep_days=365) == 1  # only the ended one; the open one is kept
        assert ledger.get(PublicRequest, ended.id).filer.contact == filers.ERASED  # type: ignore[union-attr]
        assert ledger.get(PublicRequest, kept.id).filer.contact == "13800138000"  # type: ignore[union-attr]
        assert ledger.get(PublicRequest, ended.id).problem  # the office's record stays
        assert ledger.get(PublicRequest, ended.id).contact_key == ""
        assert [r["code"] for r in filers.export(ledger, "13800138000", secret=SECRET)["requests"]] == [
            kept.code
        ]
        assert not [
            e for e in ledger.events(entity="request_filers")
        ]  # personal data is not in the audit trail
