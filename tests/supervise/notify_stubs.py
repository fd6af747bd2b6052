"""Local stand-ins for the receivers of notifications: a group robot that enforces its rate limit
(errcode 45009, as 企业微信 answers), and an SMTP server behind a self-signed TLS certificate."""

from __future__ import annotations

import socket
import subprocess
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tests.conftest import skip_or_fail


@dataclass
class SteppedClock:
    """Seconds that pass only when someone sleeps: the limiter and the robot stub share it, so a
    rate window is waited out by delivery's own ``sleep`` calls, not by the test's wall time."""

    at: float = 0.0
    slept: list[float] = field(default_factory=list)

    def monotonic(self) -> float:
        return self.at

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.at += seconds


@dataclass
class Robot:
    """What a robot stub accepted (path, JSON body) and how often it refused for speed."""

    limit: int = 20
    window: float = 60.0
    clock: Callable[[], float] = time.monotonic  # the window's clock
    delay: float = 0.0  # seconds to wait before answering
    down: bool = False  # answer HTTP 503 to everything
    posts: list[tuple[str, bytes]] = field(default_factory=list)
    refused: int = 0
    recent: deque[float] = field(default_factory=deque)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def admit(self) -> bool:
        """The real rule of the robots: at most ``limit`` posts in any ``window`` seconds."""
        with self.lock:
            now = self.clock()
            while self.recent and self.recent[0] <= now - self.window:
                self.recent.popleft()
            if len(self.recent) >= self.limit:
                self.refused += 1
                return False
            self.recent.append(now)
            return True


@contextmanager
def robot_stub(robot: Robot) -> Iterator[str]:
    """Serve ``robot`` on a free local port; yields its URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            time.sleep(robot.delay)
            if robot.down:
                self._answer(503, b"{}")
            elif robot.admit():
                robot.posts.append((self.path, body))
                self._answer(200, b'{"errcode": 0, "errmsg": "ok"}')
            else:
                self._answer(200, b'{"errcode": 45009, "errmsg": "api freq out of limit"}')

        def _answer(self, status: int, payload: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = False  # server_close() waits for the requests still in flight
    # polled every 10 ms: shutdown() waits up to one poll (0.5 s by default)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/send?key=k"
    finally:
        server.shutdown()
        server.server_close()


def self_signed(folder: Path, common_name: str, san: str | None = None) -> tuple[Path, Path]:
    """A self-signed certificate and its key (made by the openssl command)."""
    cert, key = folder / f"{common_name}.pem", folder / f"{common_name}.key"
    args = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
    args += ["-keyout", str(key), "-out", str(cert), "-subj", f"/CN={common_name}"]
    if san:
        args += ["-addext", f"subjectAltName={san}"]
    try:
        subprocess.run(args, check=True, capture_output=True, timeout=60)
    except (OSError, subprocess.CalledProcessError) as exc:
        skip_or_fail(f"openssl cannot make a test certificate: {exc}")
    return cert, key


@contextmanager
def tls_smtp(cert: Path, key: Path, *, implicit: bool) -> Iterator[tuple[int, list[bytes]]]:
    """An aiosmtpd server with ``cert``: STARTTLS, or TLS from the first byte (``implicit``)."""
    import ssl

    from aiosmtpd.controller import Controller

    got: list[bytes] = []

    class Sink:
        async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:
            got.append(envelope.original_content or envelope.content)
            return "250 OK"

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    tls: dict[str, Any] = {"ssl_context": context} if implicit else {"tls_context": context}
    controller = Controller(Sink(), hostname="127.0.0.1", port=port, **tls)
    controller.start()
    try:
        yield port, got
    finally:
        controller.stop()
