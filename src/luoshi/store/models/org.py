"""The organisation: a unit tree (province → city → districts/counties/zones → townships, each level with
its departments), task forces, users."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from luoshi.store.models.base import Base, IdMixin, Versioned

UNIT_KINDS = (
    "province",  # 省
    "city",  # 市
    "district",  # 区 (a county-level district)
    "county",  # 县
    "zone",  # 开发区
    "township",  # 乡镇（街道）
    "department",
    "office",
    "enterprise",
    "task_force",  # 专班: a responsible party of its own (the catalogue's task_forces are mirrored here)
    "other",
)
LEVEL_KINDS = UNIT_KINDS[:6]  # the levels of government (省/市/区/县/开发区/乡镇): units with a work report


class Unit(IdMixin, Versioned, Base):
    """An accountable body: a government level or a department, with its parent and match keywords."""

    __tablename__ = "units"
    __label__ = "单位"

    code: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)  # other names it goes by (市发改委)
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)  # topics it leads (能源, 煤矿)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)  # order among siblings

    parent: Mapped[Unit | None] = relationship(remote_side="Unit.id")


class TaskForce(IdMixin, Versioned, Base):
    """A task force (专班) that groups units around a topic, led by one of them."""

    __tablename__ = "task_forces"
    __label__ = "专班"

    code: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    lead_unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    lead_unit: Mapped[Unit] = relationship()
    members: Mapped[list[TaskForceMember]] = relationship(
        back_populates="task_force", cascade="all, delete-orphan", order_by="TaskForceMember.id"
    )


class TaskForceMember(IdMixin, Base):
    __tablename__ = "task_force_members"
    __label__ = "专班成员"
    __table_args__ = (UniqueConstraint("task_force_id", "unit_id"),)

    task_force_id: Mapped[int] = mapped_column(ForeignKey("task_forces.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)

    task_force: Mapped[TaskForce] = relationship(back_populates="members")
    unit: Mapped[Unit] = relationship()


class User(IdMixin, Versioned, Base):
    """A person who signs in: admin (督查室) | leader | reporter (one unit) | public."""

    __tablename__ = "users"
    __label__ = "用户"

    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    email: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # raised on logout, password change and disabling: every older session cookie stops working
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    unit: Mapped[Unit | None] = relationship()
