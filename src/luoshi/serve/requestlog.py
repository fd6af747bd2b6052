"""A request id for every request (``X-Request-ID``, on error pages too) and one log line per request."""

from __future__ import annotations

import logging
import re
import time
import uuid

from starlette.datastructures import MutableHeaders
from starlette.types import Message, Receive, Scope, Send

from luoshi.logs import current_request
from luoshi.serve.middleware import HttpMiddleware

log = logging.getLogger("luoshi.request")
HEADER = "x-request-id"
GIVEN = re.compile(r"[A-Za-z0-9._-]{8,64}")  # an id set by nginx or a client is kept when it looks sane


def request_id(scope: Scope) -> str:
    """The request's id: the one the proxy sent, else a new one."""
    for name, value in scope.get("headers", []):
        if name == HEADER.encode() and GIVEN.fullmatch(value.decode("latin-1")):
            return str(value.decode("latin-1"))
    return uuid.uuid4().hex[:16]


class RequestLogMiddleware(HttpMiddleware):
    """Tags each HTTP request with an id (``request.state.request_id`` and the response header) and
    logs ``METHOD path status ms`` once it is answered."""

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        rid = request_id(scope)
        scope.setdefault("state", {})["request_id"] = rid
        started, status = time.perf_counter(), 500

        async def tag(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)[HEADER] = rid
            await send(message)

        token = current_request.set(rid)  # log lines of the work done for it carry the id
        try:
            await self.app(scope, receive, tag)
        finally:
            current_request.reset(token)
            ms = round((time.perf_counter() - started) * 1000, 1)
            fields = {"request_id": rid, "method": scope["method"], "path": scope["path"], "status": status}
            log.info("%s %s %s %sms id=%s", scope["method"], scope["path"], status, ms, rid,
                     extra={**fields, "ms": ms})  # fmt: skip
