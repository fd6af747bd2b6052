"""互联网+督查: requests and clues the public and companies file (诉求/线索), and model cases (示范案例).

A request's personal data (who filed it, how to reach them) sits in :class:`RequestFiler`, kept
out of the audit trail so that the retention rule can erase it; everything the office decides is
an append-only :class:`RequestEvent`, audited. A request's stage is derived from its events and
from the supervision item it became, never stored.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from luoshi.store.models.base import Base, IdMixin, Versioned
from luoshi.store.models.org import Unit
from luoshi.store.models.supervision import SupervisionOrder


class PublicRequest(IdMixin, Versioned, Base):
    """A problem or clue filed through the port; ``code`` is the filer's tracking code."""

    __tablename__ = "public_requests"
    __label__ = "诉求"

    code: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[str] = mapped_column(String(10))  # enterprise | person
    problem: Mapped[str] = mapped_column(Text)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id", ondelete="SET NULL"), index=True)
    policy: Mapped[str] = mapped_column(
        String(200), default=""
    )  # the policy it concerns, in the filer's words
    filed_on: Mapped[date] = mapped_column(Date, index=True)
    filed_at: Mapped[datetime] = mapped_column(index=True)
    address_key: Mapped[str] = mapped_column(String(64), index=True)  # keyed hash of the address
    contact_key: Mapped[str] = mapped_column(String(64), index=True)  # keyed hash of the contact
    subject_key: Mapped[str] = mapped_column(
        String(64), index=True
    )  # credit code or contact: who it is about
    order_id: Mapped[int | None] = mapped_column(
        ForeignKey("supervision_orders.id", ondelete="SET NULL"), index=True
    )
    attachments: Mapped[list[dict[str, object]]] = mapped_column(
        JSON, default=list
    )  # sha256, name, size, type
    event_count: Mapped[int] = mapped_column(Integer, default=0)

    order: Mapped[SupervisionOrder | None] = relationship(back_populates="requests")
    filer: Mapped[RequestFiler | None] = relationship(
        back_populates="request", cascade="all, delete-orphan", uselist=False
    )
    events: Mapped[list[RequestEvent]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="RequestEvent.id"
    )


class RequestFiler(IdMixin, Base):
    """Who filed a request and how to reach them: personal data, erased after the retention period."""

    __tablename__ = "request_filers"
    __label__ = "诉求人"
    __audited__ = False

    request_id: Mapped[int] = mapped_column(ForeignKey("public_requests.id", ondelete="CASCADE"), unique=True)
    name: Mapped[str] = mapped_column(String(200))  # the company, or the person
    credit_code: Mapped[str] = mapped_column(String(18), default="")  # 统一社会信用代码 (companies)
    contact: Mapped[str] = mapped_column(String(200))
    erased_on: Mapped[date | None] = mapped_column(Date)

    request: Mapped[PublicRequest] = relationship(back_populates="filer")


class RequestEvent(IdMixin, Base):
    """One step of a request: filed, accepted, merged, referred, rejected, 回访; never updated.

    ``public_note`` is what the filer sees (a referral's or rejection's reason); ``note`` is the
    office's own.
    """

    __tablename__ = "request_events"
    __label__ = "诉求记录"

    request_id: Mapped[int] = mapped_column(ForeignKey("public_requests.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    happened_on: Mapped[date] = mapped_column(Date)
    actor: Mapped[str] = mapped_column(String(100))
    public_note: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime]

    request: Mapped[PublicRequest] = relationship(back_populates="events")


class ModelCase(IdMixin, Versioned, Base):
    """A practice the office holds up as a model (典型经验/示范案例): a task, an item or a unit's."""

    __tablename__ = "model_cases"
    __label__ = "示范案例"

    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id", ondelete="SET NULL"), index=True)
    order_id: Mapped[int | None] = mapped_column(
        ForeignKey("supervision_orders.id", ondelete="SET NULL"), index=True
    )
    evidence: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    marked_on: Mapped[date] = mapped_column(Date, index=True)
    marked_by: Mapped[str] = mapped_column(String(100))
    published_on: Mapped[date | None] = mapped_column(Date)
    withdrawn_on: Mapped[date | None] = mapped_column(Date)

    unit: Mapped[Unit] = relationship()
