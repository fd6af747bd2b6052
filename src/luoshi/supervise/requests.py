"""互联网+督查: a company or a person files a problem (诉求/线索); the office triages it onto the
13710 clock; the filer follows it by a tracking code and confirms or disputes the result (回访).

A request's stage is derived from its own steps and from the supervision item it became: nothing
about it is stored twice. What the filer sees (:func:`track`) is stages and dates, a referral's or
rejection's public reason, and never the units' notes.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from difflib import SequenceMatcher
from enum import StrEnum
from pathlib import Path

from luoshi.errors import FieldError, NotFoundError, ValidationError
from luoshi.store import port as queries
from luoshi.store.ledger import Ledger
from luoshi.store.models import Task
from luoshi.store.models.port import PublicRequest, RequestEvent, RequestFiler
from luoshi.store.models.supervision import SupervisionOrder
from luoshi.supervise import evidence
from luoshi.supervise.items import FEEDBACK_KINDS, EventKind, Level, Origin, is_closed, is_resolved, last
from luoshi.supervise.orders import facts_of, raise_order, record

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud over the phone
CODE_LENGTH = 12
MAX_PROBLEM = 4000
MIN_PROBLEM = 10
MAX_ATTACHMENTS = 3
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
DUPLICATE_SIMILARITY = 0.6  # an open request about the same subject this alike is a duplicate
FILER = "诉求人"
_PHONE = re.compile(r"(?:\+?86)?1[3-9]\d{9}|0\d{2,3}-?\d{7,8}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class Kind(StrEnum):
    ENTERPRISE = "enterprise"  # a company, with its 统一社会信用代码
    PERSON = "person"


class Step(StrEnum):
    FILED = "filed"
    ACCEPTED = "accepted"  # 立项督办
    MERGED = "merged"  # 并入已有督办事项
    REFERRED = "referred"  # 转其他渠道办理 (12345, a department)
    REJECTED = "rejected"  # 不予受理
    SATISFIED = "satisfied"  # 回访满意
    DISPUTED = "disputed"  # 回访不满意


class Stage(StrEnum):
    """Where a request stands, as the filer is told."""

    PENDING = "待受理"
    IN_PROGRESS = "办理中"
    TO_CONFIRM = "已办结，待您评价"
    REOPENED = "重新办理中"
    CONFIRMED = "您已确认满意，待验收销号"
    CLOSED = "已办结"
    REFERRED = "已转其他渠道办理"
    REJECTED = "不予受理"


ENDED = frozenset({Stage.CLOSED, Stage.REFERRED, Stage.REJECTED})


@dataclass(frozen=True, slots=True)
class Limits:
    """Abuse limits (settings ``LUOSHI_PORT_*``): requests a day per address, and per contact (also
    per company, whatever phone it gives)."""

    per_address: int = 5
    per_contact: int = 3


@dataclass(frozen=True, slots=True)
class Filing:
    """What the public form sends."""

    kind: str
    name: str
    contact: str
    problem: str
    credit_code: str = ""
    task_id: int | None = None
    policy: str = ""
    address: str = ""
    attachments: Sequence[tuple[str, bytes]] = ()
    honeypot: str = ""  # a field people never see: anything in it is a robot


@dataclass(frozen=True, slots=True)
class Milestone:
    """One line of the tracking page: what happened, when, and the reason the filer is owed."""

    label: str
    on: date
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Tracking:
    code: str
    stage: Stage
    filed_on: date
    milestones: list[Milestone] = field(default_factory=list)

    @property
    def awaiting_feedback(self) -> bool:
        return self.stage is Stage.TO_CONFIRM


def keyed(secret: str, value: str) -> str:
    """A keyed hash: counts and duplicates need equality, never the address or contact itself."""
    return hmac.new(secret.encode(), value.strip().lower().encode(), hashlib.sha256).hexdigest()


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normal_code(text: str) -> str:
    """A code as typed (lower case, spaces, no dashes) in its stored form."""
    raw = re.sub(r"[\s\-－—]", "", text).upper()
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def check_credit_code(code: str) -> str:
    """统一社会信用代码 (GB 32100-2015): 18 characters with a check character."""
    from stdnum.cn import uscc
    from stdnum.exceptions import ValidationError as StdnumError

    try:
        return str(uscc.validate(code))
    except StdnumError:
        raise FieldError("credit_code", "统一社会信用代码不正确（18 位，含校验码）") from None


def check_filing(filing: Filing) -> Filing:
    """The form's fields, each refused with one line that names it."""
    if filing.honeypot.strip():
        raise FieldError("", "提交失败，请稍后重试")
    if filing.kind not in set(Kind):
        raise FieldError("kind", "请选择诉求人类型（企业或个人）")
    name = filing.name.strip()
    if not 1 <= len(name) <= 200:
        raise FieldError("name", "请填写企业名称或姓名（不超过 200 字）")
    credit = check_credit_code(filing.credit_code.strip()) if filing.kind == Kind.ENTERPRISE else ""
    contact = filing.contact.strip()
    if not (_PHONE.fullmatch(contact.replace(" ", "")) or _EMAIL.fullmatch(contact)) or len(contact) > 200:
        raise FieldError("contact", "请填写有效的联系电话或电子邮箱")
    problem = filing.problem.strip()
    if not MIN_PROBLEM <= len(problem) <= MAX_PROBLEM:
        raise FieldError("problem", f"问题描述须为 {MIN_PROBLEM}–{MAX_PROBLEM} 字")
    if len(filing.attachments) > MAX_ATTACHMENTS:
        raise FieldError("attachments", f"附件最多 {MAX_ATTACHMENTS} 个")
    for name_, data in filing.attachments:
        if len(data) > MAX_ATTACHMENT_BYTES:
            limit = MAX_ATTACHMENT_BYTES // (1024 * 1024)
            raise FieldError("attachments", f"附件超过 {limit} MB：{evidence.safe_name(name_)}")
        try:
            evidence.check(name_, data)
        except ValidationError as exc:
            raise FieldError("attachments", str(exc)) from None
    return Filing(
        filing.kind, name, contact, problem, credit, filing.task_id, filing.policy.strip()[:200],
        filing.address, filing.attachments,
    )  # fmt: skip


def file_request(
    ledger: Ledger, filing: Filing, *, secret: str, limits: Limits, files: Path
) -> PublicRequest:
    """File a request from the public form; its tracking code is on the returned row."""
    filing = check_filing(filing)
    now = ledger.clock.now()
    address_key, contact_key = keyed(secret, filing.address), keyed(secret, filing.contact)
    subject_key = keyed(secret, filing.credit_code or filing.contact)
    day_ago = now - timedelta(days=1)
    if queries.filed_since(ledger, address_key=address_key, since=day_ago) >= limits.per_address:
        raise ValidationError("提交过于频繁，请明天再试")
    if queries.filed_since(ledger, contact_key=contact_key, since=day_ago) >= limits.per_contact:
        raise ValidationError("该联系方式今日提交已达上限，请明天再试")
    if queries.filed_since(ledger, subject_key=subject_key, since=day_ago) >= limits.per_contact:
        raise ValidationError("该企业今日提交已达上限，请明天再试")  # one company, many phones
    _refuse_duplicate(ledger, subject_key, filing.problem)
    if filing.task_id is not None and ledger.find(Task, id=filing.task_id) is None:
        raise FieldError("task", f"报告中没有编号为 {filing.task_id} 的任务")
    stored = [evidence.save(files, name, data) for name, data in filing.attachments]
    request = PublicRequest(
        code=new_code(), kind=filing.kind, problem=filing.problem, task_id=filing.task_id,
        policy=filing.policy, filed_on=ledger.clock.today(), filed_at=now, address_key=address_key,
        contact_key=contact_key, subject_key=subject_key, attachments=[evidence.as_record(s) for s in stored],
    )  # fmt: skip
    request.filer = RequestFiler(name=filing.name, credit_code=filing.credit_code, contact=filing.contact)
    ledger.add(request)
    _step(ledger, request, Step.FILED)
    return request


def _refuse_duplicate(ledger: Ledger, subject_key: str, problem: str) -> None:
    for earlier in queries.about(ledger, subject_key):
        if stage_of(earlier) in ENDED:
            continue
        if SequenceMatcher(None, earlier.problem, problem).ratio() >= DUPLICATE_SIMILARITY:
            raise ValidationError(
                f"已有相同的诉求正在办理（{earlier.filed_on:%Y年%m月%d日}提交），请用当时的查询码查询进度，勿重复提交"
            )


def _step(
    ledger: Ledger, request: PublicRequest, step: Step, *, public_note: str = "", note: str = ""
) -> RequestEvent:
    event = RequestEvent(
        kind=step.value, happened_on=ledger.clock.today(), actor=ledger.actor, public_note=public_note,
        note=note, recorded_at=ledger.clock.now(),
    )  # fmt: skip
    request.events.append(event)
    request.event_count = len(request.events)
    ledger.flush()
    return event


def _pending(ledger: Ledger, request_id: int, version: int | None) -> PublicRequest:
    request = ledger.get(PublicRequest, request_id, version=version)
    if stage_of(request) is not Stage.PENDING:
        raise ValidationError(f"诉求 {request_id} 已分办（{stage_of(request).value}），不能再次分办")
    return request


def accept(
    ledger: Ledger, request_id: int, *, lead: str, co: Sequence[str] = (), level: Level = Level.ORDINARY,
    title: str = "", version: int | None = None,
) -> SupervisionOrder:  # fmt: skip
    """受理: the request becomes a supervision item on the 13710 clock (ordinary 7 working days,
    major 1 month), led by ``lead`` with ``co``."""
    request = _pending(ledger, request_id, version)
    origin = Origin.ENTERPRISE if request.kind == Kind.ENTERPRISE else Origin.PUBLIC
    heading = title.strip() or request.problem.splitlines()[0][:100]
    order = raise_order(
        ledger, title=heading, lead=lead, co=co, level=level, origin=origin, detail=request.problem,
        task_id=request.task_id,
    )  # fmt: skip
    request.order = order
    _step(ledger, request, Step.ACCEPTED, note=f"督办事项 {order.id}")
    return order


def merge(
    ledger: Ledger, request_id: int, *, order_id: int, reason: str, version: int | None = None
) -> SupervisionOrder:
    """并入: the same problem is already on the clock; the filer follows (and confirms) that item."""
    request = _pending(ledger, request_id, version)
    order = ledger.get(SupervisionOrder, order_id)
    if is_closed(facts_of(order).events):
        raise ValidationError(f"督办事项 {order_id} 已销号，不能并入")
    request.order = order
    _step(ledger, request, Step.MERGED, public_note=reason.strip(), note=f"督办事项 {order.id}")
    return order


def refer(ledger: Ledger, request_id: int, *, channel: str, reason: str, version: int | None = None) -> None:
    """转办: another channel handles it (12345 热线, a department); the filer is told where and why."""
    if not channel.strip() or not reason.strip():
        raise ValidationError("转其他渠道须写明渠道和理由")
    request = _pending(ledger, request_id, version)
    _step(ledger, request, Step.REFERRED, public_note=f"{channel.strip()}：{reason.strip()}")


def reject(ledger: Ledger, request_id: int, *, reason: str, version: int | None = None) -> None:
    """不予受理, with the reason the filer is shown."""
    if not reason.strip():
        raise ValidationError("不予受理须写明理由")
    request = _pending(ledger, request_id, version)
    _step(ledger, request, Step.REJECTED, public_note=reason.strip())


def find(ledger: Ledger, code: str) -> PublicRequest:
    """The request with this tracking code (as typed), or one line saying there is none."""
    request = queries.by_code(ledger, normal_code(code))
    if request is None:
        raise NotFoundError("查询码不存在，请核对后重试")
    return request


def confirm(ledger: Ledger, code: str, *, satisfied: bool, why: str = "") -> None:
    """回访: the filer confirms the resolution or disputes it (with why); a dispute reopens the item."""
    request = find(ledger, code)
    if request.order_id is None or request.order is None:
        raise ValidationError("该诉求未转为督办事项，无需评价")
    kind = EventKind.SATISFIED if satisfied else EventKind.DISPUTED
    record(ledger, request.order_id, kind, note=why.strip(), stage=who(request))
    _step(ledger, request, Step.SATISFIED if satisfied else Step.DISPUTED, note=why.strip())


def who(request: PublicRequest) -> str:
    """How the item's timeline names the request (never its code: the code is the filer's key)."""
    return f"诉求{request.id}"


def stage_of(request: PublicRequest) -> Stage:
    """Where the request stands now, from its steps and its item's timeline."""
    steps = [Step(e.kind) for e in request.events]
    if Step.REFERRED in steps:
        return Stage.REFERRED
    if Step.REJECTED in steps:
        return Stage.REJECTED
    if request.order is None:
        return Stage.PENDING
    events = facts_of(request.order).events
    if is_closed(events):
        return Stage.CLOSED
    mine = tuple(e for e in events if e.stage == who(request) or e.kind is not EventKind.SATISFIED)
    latest = last(mine, EventKind.RESOLVED, EventKind.SATISFIED, EventKind.DISPUTED, EventKind.RETURNED)
    if latest is not None and latest.kind is EventKind.SATISFIED:
        return Stage.CONFIRMED
    if is_resolved(events):
        return Stage.TO_CONFIRM
    return Stage.REOPENED if last(events, EventKind.DISPUTED) is not None else Stage.IN_PROGRESS


_SHOWN = {  # item events the filer sees, by date only
    EventKind.RESOLVED: "承办单位办结",
    EventKind.SATISFIED: "您评价：满意",
    EventKind.DISPUTED: "您评价：不满意，重新办理",
    EventKind.ACCEPTED: "督查室验收销号",
}
_STEP_LABELS = {
    Step.FILED: "提交诉求",
    Step.ACCEPTED: "受理，转承办单位办理",
    Step.MERGED: "受理，并入同类问题一并办理",
    Step.REFERRED: "转其他渠道办理",
    Step.REJECTED: "不予受理",
}


def track(ledger: Ledger, code: str) -> Tracking:
    """The tracking page: the stage and dated milestones, and nothing internal. The office's steps
    come first; then the item's own timeline in its order (this filer's answers, not another's)."""
    request = find(ledger, code)
    steps = [e for e in request.events if Step(e.kind) in _STEP_LABELS]
    shown = [Milestone(_STEP_LABELS[Step(e.kind)], e.happened_on, e.public_note) for e in steps]
    if request.order is not None:
        since = steps[-1].happened_on  # a merged request follows the item from the merge on
        for e in facts_of(request.order).events:
            mine = e.kind not in FEEDBACK_KINDS or e.stage == who(request)
            if e.kind in _SHOWN and mine and e.on >= since:
                shown.append(Milestone(_SHOWN[e.kind], e.on))
    return Tracking(request.code, stage_of(request), request.filed_on, shown)
