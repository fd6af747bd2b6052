"""A form that failed: what was typed and why, so the page is drawn again with the error beside the
field (never a bare error page, never losing the input)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date

from fastapi import Request

from luoshi.errors import ConflictError, InputError, LuoshiError, NotFoundError, ValidationError
from luoshi.store.db import Database

# what a form shows beside its fields; PermissionDenied stays a 403
FORM_ERRORS = (ValidationError, InputError, ConflictError, NotFoundError)


class FieldError(ValidationError):
    """A typed value the web layer refuses, naming the form field it belongs to."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.field = name


@dataclass(frozen=True, slots=True)
class FormState:
    """The failed form (its HTML id), the values as typed, and field → message ("" = the whole form)."""

    form: str = ""
    values: Mapping[str, str | list[str]] = field(default_factory=dict)
    errors: Mapping[str, str] = field(default_factory=dict)
    code: int = 200  # the HTTP status the page is drawn with (422, or 409 for a lost race)

    def value(self, form: str, name: str, default: object = "") -> object:
        """What the person typed into ``form``'s ``name`` if that form failed, else ``default``."""
        if form == self.form and name in self.values:
            return self.values[name]
        return default

    def chosen(self, form: str, name: str, option: str, default: Collection[str] = ()) -> bool:
        """Whether ``option`` of a multiple choice is ticked: as typed if ``form`` failed, else default."""
        typed = self.value(form, name, None)
        if typed is None:
            return option in default
        return option in typed if isinstance(typed, list) else option == typed

    def error(self, form: str, name: str = "") -> str:
        return self.errors.get(name, "") if form == self.form else ""

    def failed(self, form: str) -> bool:
        return form == self.form


NO_FORM = FormState()


def failure(form: str, exc: LuoshiError, values: Mapping[str, object]) -> FormState:
    """The state of ``form`` after ``exc``: beside its field when it names one, else above the button."""
    name = exc.field if isinstance(exc, FieldError) else ""
    typed: dict[str, str | list[str]] = {}
    for key, value in values.items():
        if isinstance(value, str):
            typed[key] = value
        elif isinstance(value, list | tuple):
            typed[key] = [str(v) for v in value]
    code = 409 if isinstance(exc, ConflictError) else 422
    return FormState(form=form, values=typed, errors={name: str(exc)}, code=code)


def required(name: str, value: str, label: str) -> str:
    """``value`` stripped, or a :class:`FieldError` saying ``label`` must be filled in."""
    if not value.strip():
        raise FieldError(name, f"请填写{label}")
    return value.strip()


def reading(request: Request) -> Database:
    """The app's database for drawing a page again after a refused write (no write lock taken)."""
    db: Database = request.app.state.db
    return db.reader()


def parse_day(name: str, text: str, label: str) -> date:
    """A date typed as YYYY-MM-DD, or a :class:`FieldError` on ``name``."""
    try:
        return date.fromisoformat(required(name, text, label))
    except ValueError:
        raise FieldError(name, f"{label}须为 YYYY-MM-DD 格式的日期") from None
