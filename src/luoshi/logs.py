"""Log set-up for the server: one line per event on stderr, as text or as JSON (LUOSHI_LOG_FORMAT)."""

from __future__ import annotations

import json
import logging
import logging.config
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

FIELDS = ("request_id", "method", "path", "status", "ms", "actor", "action", "entity", "entity_id")
current_request: ContextVar[str] = ContextVar("current_request", default="")  # set per web request


class RequestIdFilter(logging.Filter):
    """Tags every record logged while a web request is handled with that request's id."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id") and (rid := current_request.get()):
            record.request_id = rid
        return True


TEXT = "%(asctime)s %(levelname)s %(name)s %(message)s"


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, and the request fields when present."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        data.update({k: getattr(record, k) for k in FIELDS if hasattr(record, k)})
        if record.exc_info:
            data["error"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False)


def log_config(fmt: str = "text") -> dict[str, Any]:
    """A ``logging.config.dictConfig`` for luoshi's loggers (and uvicorn's) on stderr in ``fmt``.

    ``luoshi serve`` hands it to uvicorn, which applies it in every worker process.
    """
    formatter = {"()": JsonFormatter} if fmt == "json" else {"format": TEXT}
    handler = {
        "class": "logging.StreamHandler",
        "formatter": "luoshi",
        "filters": ["request_id"],
        "stream": "ext://sys.stderr",
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"luoshi": formatter},
        "filters": {"request_id": {"()": RequestIdFilter}},
        "handlers": {"stderr": handler},
        "loggers": {
            "luoshi": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "uvicorn": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        },
    }


def configure_logging(fmt: str = "text") -> None:
    """Apply :func:`log_config` in this process."""
    logging.config.dictConfig(log_config(fmt))
