"""The error hierarchy: each error carries a message fit to show a user as one line."""

from __future__ import annotations


class LuoshiError(Exception):
    """Base class: something the user can act on. The CLI prints it and exits with code 2."""

    exit_code = 2


class InputError(LuoshiError):
    """A report file that cannot be read: missing, empty, binary, too large, scanned PDF …"""


class NotFoundError(LuoshiError):
    """A record asked for by id does not exist."""


class ConflictError(LuoshiError):
    """A write lost a race (optimistic locking) or breaks a uniqueness rule."""


class ValidationError(LuoshiError):
    """A request or an imported file breaks a rule; nothing was applied."""


class FieldError(ValidationError):
    """A value a form field must correct: ``field`` names it, so a form shows the line beside it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class PermissionDenied(LuoshiError):
    """The acting user may not do this."""
