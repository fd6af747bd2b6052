"""Look-ups the port needs that are queries, not rows by id: counts in a window, a code, a subject."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select

from luoshi.store.ledger import Ledger
from luoshi.store.models.port import ModelCase, PublicRequest, RequestFiler


def filed_since(
    ledger: Ledger, *, address_key: str = "", contact_key: str = "", subject_key: str = "", since: datetime
) -> int:
    """How many requests an address, a contact or about one subject were filed since ``since``."""
    query = select(func.count()).select_from(PublicRequest).where(PublicRequest.filed_at >= since)
    if address_key:
        query = query.where(PublicRequest.address_key == address_key)
    if contact_key:
        query = query.where(PublicRequest.contact_key == contact_key)
    if subject_key:
        query = query.where(PublicRequest.subject_key == subject_key)
    return ledger.session.scalar(query) or 0


def by_code(ledger: Ledger, code: str) -> PublicRequest | None:
    return ledger.session.scalars(select(PublicRequest).where(PublicRequest.code == code)).first()


def about(ledger: Ledger, subject_key: str) -> list[PublicRequest]:
    """Every request about one company (by credit code) or one person (by contact), oldest first."""
    query = select(PublicRequest).where(PublicRequest.subject_key == subject_key)
    return list(ledger.session.scalars(query.order_by(PublicRequest.id)))


def by_contact(ledger: Ledger, contact_key: str) -> list[PublicRequest]:
    query = select(PublicRequest).where(PublicRequest.contact_key == contact_key)
    return list(ledger.session.scalars(query.order_by(PublicRequest.id)))


def unerased_filed_before(ledger: Ledger, day: date) -> list[PublicRequest]:
    """Requests filed before ``day`` whose filer's data is still kept."""
    query = (
        select(PublicRequest)
        .join(RequestFiler)
        .where(PublicRequest.filed_on < day, RequestFiler.erased_on.is_(None))
        .order_by(PublicRequest.id)
    )
    return list(ledger.session.scalars(query))


def cases_published_by(ledger: Ledger, day: date) -> list[ModelCase]:
    """Model cases published on or before ``day`` and not withdrawn by then."""
    query = select(ModelCase).where(ModelCase.published_on <= day)
    rows = ledger.session.scalars(query.order_by(ModelCase.published_on, ModelCase.id))
    return [c for c in rows if c.withdrawn_on is None or c.withdrawn_on > day]
