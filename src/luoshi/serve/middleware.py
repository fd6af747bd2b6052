"""Pure ASGI middleware: the signed session cookie, security headers, a request body limit."""

from __future__ import annotations

from http.cookies import SimpleCookie

from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from luoshi.serve.security import SESSION_COOKIE, SESSION_MAX_AGE, SessionCodec, SessionData, new_csrf_token

SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
        "form-action 'self'"
    ),
}
# Swagger UI sets inline styles and draws icons as data: images; its scripts are all files
DOCS_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; frame-ancestors 'none'; base-uri 'self'"
)


class HttpMiddleware:
    """ASGI middleware that handles HTTP requests (:meth:`http`) and passes every other scope
    (lifespan, websocket) straight through."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.http(scope, receive, send)

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        raise NotImplementedError


class SessionMiddleware(HttpMiddleware):
    """Reads the session cookie into ``request.state.session``; writes it back when it changed.

    Every browser visitor gets a session (with a CSRF token) on the first response, so that
    even the login form carries a token. Requests with a bearer token get no cookie.
    """

    def __init__(self, app: ASGIApp, *, codec: SessionCodec, secure: bool) -> None:
        super().__init__(app)
        self.codec = codec
        self.secure = secure

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = MutableHeaders(scope=scope)
        loaded = self.codec.loads(_cookie(headers.get("cookie", ""), SESSION_COOKIE))
        bearer = headers.get("authorization", "").lower().startswith("bearer ")
        # API clients with a bearer token get no cookie, so no CSRF token is drawn for them
        session = loaded or SessionData(csrf="" if bearer else new_csrf_token())
        state = scope.setdefault("state", {})
        state["session"] = session
        before = None if loaded is None else loaded.to_dict()

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                current: SessionData = state["session"]
                if not bearer and current.to_dict() != before:
                    out.append("set-cookie", self._cookie(current))
                _secure_headers(out, str(scope.get("path", "")))
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    def _cookie(self, session: SessionData) -> str:
        value = self.codec.dumps(session)
        flags = f"Path=/; Max-Age={SESSION_MAX_AGE}; HttpOnly; SameSite=Lax"
        return f"{SESSION_COOKIE}={value}; {flags}" + ("; Secure" if self.secure else "")


def _secure_headers(headers: MutableHeaders, path: str) -> None:
    for key, value in SECURITY_HEADERS.items():
        headers.setdefault(key, value)
    if path == "/docs":
        headers["content-security-policy"] = DOCS_CSP


def _cookie(header: str, name: str) -> str | None:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(header)
    except Exception:  # a malformed Cookie header is treated as no cookie
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None


class BodyLimitMiddleware(HttpMiddleware):
    """Refuses request bodies over ``limit`` bytes with 413 (declared or streamed)."""

    def __init__(self, app: ASGIApp, *, limit: int) -> None:
        super().__init__(app)
        self.limit = limit

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        declared = MutableHeaders(scope=scope).get("content-length")
        if declared and declared.isdigit() and int(declared) > self.limit:
            await _too_large(send)
            return
        seen = 0

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise HTTPException(413, "上传内容过大")
            return message

        await self.app(scope, limited_receive, send)


async def _too_large(send: Send) -> None:
    body = '{"detail":"上传内容过大"}'.encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
