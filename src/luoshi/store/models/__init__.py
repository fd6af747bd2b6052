"""The ledger's tables. Every module in this package is imported so that ``Base.metadata`` is whole."""

from __future__ import annotations

import importlib
import pkgutil

from luoshi.store.models.audit import AuditEvent
from luoshi.store.models.base import Base
from luoshi.store.models.ledger import Assignment, Evidence, Milestone, ProgressReport, Task
from luoshi.store.models.org import TaskForce, TaskForceMember, Unit, User
from luoshi.store.models.report import Part, Quantity, Report, ReportText, Section

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")

__all__ = [
    "Assignment",
    "AuditEvent",
    "Base",
    "Evidence",
    "Milestone",
    "Part",
    "ProgressReport",
    "Quantity",
    "Report",
    "ReportText",
    "Section",
    "Task",
    "TaskForce",
    "TaskForceMember",
    "Unit",
    "User",
]
