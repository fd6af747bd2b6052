"""督办通知单 (one item, as raised) and 催办通知 (an item past a stage's due date) as :class:`Paper`."""

from __future__ import annotations

from datetime import date

from luoshi.calendar import DayKind
from luoshi.errors import ValidationError
from luoshi.store.ledger import Ledger
from luoshi.store.models import Task
from luoshi.store.models.supervision import SupervisionOrder
from luoshi.supervise.documents.office import document_number, item_number
from luoshi.supervise.documents.paper import Grid, Office, Paper, Para
from luoshi.supervise.items import LADDER_KINDS
from luoshi.supervise.orders import OrderView, policy_for, view

TASK_CHARS = 60  # a task's clause quoted in the 来源 line is cut here
REPLY_WITHIN = "1个工作日"  # a 催办通知 asks for a written answer within this


def day(d: date) -> str:
    """A date in running text as GB/T 9704 writes it: 2023年10月7日."""
    return f"{d.year}年{d.month}月{d.day}日"


def notice(ledger: Ledger, item_id: int, office: Office, as_of: date) -> Paper:
    """The 督办通知单 of one item: what, from where, who leads and supports, by when each stage."""
    order = ledger.get(SupervisionOrder, item_id)
    v = view(ledger, order, as_of)
    number = document_number(office, "", order.raised_on.year, item_number(ledger, order))
    co = "、".join(v.co_units)
    rows = [
        ("督办事项", v.title),
        *([("事项内容", order.detail.strip())] if order.detail.strip() else []),
        ("来源", _source(ledger, v)),
        ("牵头单位", v.lead_unit),
        ("配合单位", co or "无"),
        ("督办等级", v.level.label + (f"（分管领导：{v.leader}）" if v.leader else "")),
        ("交办日期", day(v.raised_on)),
        ("办理时限", "\n".join(f"{s.label}：{day(s.due)}前" for s in v.status.stages)),
        ("联系人", office.contact or "　"),
    ]
    body = (
        f"现将“{v.title}”列为{v.level.label}，交由{v.lead_unit}牵头办理" + (f"，{co}配合" if co else "")
        + f"。请按照{_rule(v)}要求，在下列时限内研究部署、反馈办理情况并落实解决；"
        "逾期未办的，将依次催办、通报直至提级督办。"
    )  # fmt: skip
    return Paper(
        mark=office.name,
        number=number,
        title="督办通知单",
        addressee=_addressee(v),
        blocks=(Para(body), Grid(("项目", "内容"), tuple(rows), (32, 124))),
        signer=office.name,
        dated=as_of,
        notes=_notes(office),
    )


def urge(ledger: Ledger, item_id: int, office: Office, as_of: date) -> Paper:
    """The 催办通知 of an item with a stage past its due date on ``as_of``; refused otherwise."""
    order = ledger.get(SupervisionOrder, item_id)
    v = view(ledger, order, as_of)
    late = [s for s in v.status.stages if s.open and s.overdue > 0]
    if not late:
        raise ValidationError(f"督办事项 {item_id} 截至 {as_of.isoformat()} 没有逾期环节，无需催办")
    year, seq = order.raised_on.year, item_number(ledger, order)
    unit = "个工作日" if policy_for(v.policy).ladder_days is DayKind.WORKING else "天"
    stages = "；".join(f"{s.label}应于{day(s.due)}前完成，已逾期{s.overdue}{unit}" for s in late)
    steps = [f"{day(e.on)}{e.kind.label}" for e in v.facts.upto(as_of) if e.kind in LADDER_KINDS]
    paras = [
        f"{day(v.raised_on)}交由你单位牵头办理的督办事项“{v.title}”"
        f"（{document_number(office, '', year, seq)}），按照{_rule(v)}：{stages}。"
        f"截至{day(as_of)}，仍未办结。" + (f"此前已{'、'.join(steps)}。" if steps else ""),
        f"请你单位高度重视，立即研究办理，于接到本通知后{REPLY_WITHIN}内将办理情况和逾期原因书面反馈"
        f"{office.name}。逾期仍未办理的，将予以通报，直至提请{v.leader or '分管领导'}提级督办。",
    ]
    return Paper(
        mark=office.name,
        number=document_number(office, "催", year, seq),
        title="催办通知",
        addressee=_addressee(v),
        blocks=tuple(Para(p) for p in paras),
        signer=office.name,
        dated=as_of,
        notes=_notes(office),
    )


def _addressee(v: OrderView) -> str:
    return "、".join((v.lead_unit, *v.co_units)) + "："


def _rule(v: OrderView) -> str:
    return "“13710”工作制度" if v.policy.startswith("13710") else f"督办规则“{policy_for(v.policy).title}”"


def _source(ledger: Ledger, v: OrderView) -> str:
    source = v.origin.label
    if v.task_id is not None:
        text = ledger.get(Task, v.task_id).text.strip()
        quoted = text if len(text) <= TASK_CHARS else text[:TASK_CHARS] + "……"
        source += f"（政府工作报告任务第{v.task_id}号：{quoted}）"
    return source


def _notes(office: Office) -> tuple[str, ...]:
    return (f"（{office.contact}）",) if office.contact else ("（联系人：　　　　　联系电话：　　　　　）",)
