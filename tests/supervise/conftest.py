"""Fixtures for the supervision engine: a migrated ledger with a few units, a movable clock."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from luoshi.store.db import Database
from luoshi.store.ledger import Ledger
from luoshi.store.models import Unit
from luoshi.supervise.clock import FixedClock

UNITS = [
    ("fgw", "市发展改革委", "department", ["市发改委"]),
    ("gxj", "市工信局", "department", []),
    ("nyj", "市能源局", "department", []),
    ("pdx", "平定县", "county", []),
]

LedgerOn = Callable[..., AbstractContextManager[Ledger]]


@pytest.fixture
def seeded(database: Database) -> Database:
    with database.ledger(actor="seed", clock=FixedClock.on(date(2023, 1, 1))) as ledger:
        for position, (code, name, kind, aliases) in enumerate(UNITS):
            ledger.add(Unit(code=code, name=name, kind=kind, aliases=aliases, keywords=[], position=position))
    return database


@pytest.fixture
def on(seeded: Database) -> LedgerOn:
    """``with on(date(2023, 3, 1), actor="督查室") as ledger:`` — a unit of work on that day."""

    def open_on(day: date, actor: str = "督查室") -> AbstractContextManager[Ledger]:
        return seeded.ledger(actor=actor, clock=FixedClock.on(day))

    return open_on


# ---------------------------------------------------------------- local receivers for notifications


@dataclass
class Received:
    """What a local receiver got: (headers, body) per request or message."""

    items: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    fail_first: int = 0  # answer the first N requests with HTTP 503
    reply: bytes = b'{"errcode": 0, "errmsg": "ok"}'


@pytest.fixture
def http_receiver() -> Iterator[Callable[..., tuple[str, Received]]]:
    """Start local HTTP receivers on free ports: ``url, got = http_receiver(fail_first=1)``."""
    servers: list[ThreadingHTTPServer] = []

    def start(fail_first: int = 0, reply: bytes | None = None) -> tuple[str, Received]:
        got = Received(fail_first=fail_first)
        if reply is not None:
            got.reply = reply

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if got.fail_first > 0:
                    got.fail_first -= 1
                    self.send_response(503)
                    self.end_headers()
                    return
                got.items.append(
                    ({k.lower(): v for k, v in self.headers.items()} | {"path": self.path}, body)
                )
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(got.reply)

            def log_message(self, format: str, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        servers.append(server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{server.server_address[1]}/hook", got

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, Received]]:
    """A local SMTP server (aiosmtpd) on a free port that keeps what it receives."""
    from aiosmtpd.controller import Controller

    got = Received()

    class Sink:
        async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:
            headers = {"to": ",".join(envelope.rcpt_tos), "from": envelope.mail_from}
            got.items.append((headers, envelope.original_content or envelope.content))
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    yield port, got
    controller.stop()
