"""Filers' personal data: who sees it, one filer's export on request, erasure after the retention period."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from luoshi.store import port as queries
from luoshi.store.ledger import Ledger
from luoshi.store.models.port import PublicRequest
from luoshi.supervise.permissions import Role
from luoshi.supervise.requests import ENDED, keyed, stage_of

ERASED = "（已按保存期限删除）"


def may_see_filer(role: Role, unit_id: int | None, request: PublicRequest) -> bool:
    """Contacts are the office's and the assigned units' business (lead and co), nobody else's."""
    if role is Role.OFFICE:
        return True
    order = request.order
    if role is not Role.REPORTER or order is None or unit_id is None:
        return False
    return unit_id == order.lead_unit_id or unit_id in order.co_unit_ids


def export(ledger: Ledger, contact: str, *, secret: str) -> dict[str, Any]:
    """Everything kept about the filer who gave ``contact`` (个人信息查阅复制)."""
    rows = queries.by_contact(ledger, keyed(secret, contact))
    return {
        "contact": contact.strip(),
        "requests": [_request(r) for r in rows],
    }


def _request(request: PublicRequest) -> dict[str, Any]:
    filer = request.filer
    return {
        "code": request.code,
        "filed_on": request.filed_on.isoformat(),
        "kind": request.kind,
        "name": filer.name if filer else "",
        "credit_code": filer.credit_code if filer else "",
        "contact": filer.contact if filer else "",
        "problem": request.problem,
        "policy": request.policy,
        "attachments": [a["name"] for a in request.attachments],
        "stage": stage_of(request).value,
        "steps": [
            {"kind": e.kind, "on": e.happened_on.isoformat(), "reason": e.public_note} for e in request.events
        ],
    }


def erase_expired(ledger: Ledger, *, keep_days: int) -> int:
    """Blank the name, credit code, contact and their keyed hashes of ended requests filed more than
    ``keep_days`` ago; the request, its steps and its item stay (the office's record). Returns how
    many were erased."""
    cutoff = ledger.clock.today() - timedelta(days=keep_days)
    erased = 0
    for request in queries.unerased_filed_before(ledger, cutoff):
        if stage_of(request) not in ENDED or request.filer is None:
            continue
        request.filer.name, request.filer.credit_code, request.filer.contact = ERASED, "", ERASED
        request.filer.erased_on = ledger.clock.today()
        request.address_key = request.contact_key = request.subject_key = ""  # nor can it be linked back
        erased += 1
    ledger.flush()
    return erased
