"""Errors become a JSON body under /api and a page elsewhere; never a traceback."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.exceptions import HTTPException
from starlette.responses import Response

from luoshi.errors import (
    ConflictError,
    InputError,
    LuoshiError,
    NotFoundError,
    PermissionDenied,
    ValidationError,
)

log = logging.getLogger("luoshi.request")

STATUS: dict[type[LuoshiError], int] = {
    NotFoundError: 404,
    PermissionDenied: 403,
    ConflictError: 409,
    ValidationError: 422,
    InputError: 422,
}


def install(app: FastAPI) -> None:
    app.add_exception_handler(LuoshiError, _luoshi_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _crash)


def status_of(exc: LuoshiError) -> int:
    return next((code for kind, code in STATUS.items() if isinstance(exc, kind)), 400)


async def _luoshi_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LuoshiError)
    return _respond(request, status_of(exc), str(exc))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 401 and not _wants_json(request):
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    return _respond(request, exc.status_code, str(exc.detail), exc.headers)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if _wants_json(request):
        return JSONResponse({"detail": _plain_errors(exc)}, status_code=422)
    return _respond(request, 422, "提交的内容不符合要求，请检查后重试")


async def _crash(request: Request, exc: Exception) -> Response:
    """A bug: log it with the request id; the user sees one line and the id to quote to IT."""
    rid = getattr(request.state, "request_id", "")
    log.error("unhandled error id=%s", rid, exc_info=exc, extra={"request_id": rid})
    message = "服务器内部错误，已记录；联系管理员时请提供请求编号"
    if _wants_json(request) or not hasattr(request.state, "session"):
        return JSONResponse({"detail": message, "request_id": rid}, 500, headers={"x-request-id": rid})
    return _respond(request, 500, message, {"x-request-id": rid})


def _respond(request: Request, code: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    rid = getattr(request.state, "request_id", "")
    if _wants_json(request):
        body = {"detail": message, "request_id": rid}
        return JSONResponse(body, status_code=code, headers=dict(headers or {}))
    from luoshi.serve.deps import PUBLIC
    from luoshi.serve.render import page

    who = getattr(request.state, "actor", PUBLIC)
    back = _back(request)
    response = page(
        request, "error.html", who, status_code=code, code=code, message=message, request_id=rid, back=back
    )
    response.headers.update(dict(headers or {}))
    return response


def _back(request: Request) -> str:
    """The page a refused form came from (same site only), to go back to with the input still there."""
    if request.method in ("GET", "HEAD"):
        return ""
    referer = request.headers.get("referer", "")
    base = str(request.base_url)
    return "/" + referer[len(base) :] if referer.startswith(base) else ""


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or "application/json" in request.headers.get("accept", "")


def _plain_errors(exc: RequestValidationError) -> list[dict[str, object]]:
    """Validation errors without echoing the input back (it may be huge or binary)."""
    return [
        {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
        for e in exc.errors()
    ]
