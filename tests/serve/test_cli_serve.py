"""``luoshi serve --demo`` as ``make run`` starts it: a real uvicorn on a free port."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _first_answer(url: str, *, within: float) -> httpx.Response | None:
    """The server's first answer at ``url``, polling until it listens (None if it never did)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            return httpx.get(url, timeout=30)
        except httpx.ConnectError:
            time.sleep(0.1)
    return None


def test_serve_demo_prints_passwords_once_and_serves_labelled_pages(tmp_path: Path) -> None:
    port = free_port()
    db = f"sqlite:///{tmp_path / 'run.sqlite3'}"
    env = {"LUOSHI_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "luoshi", "serve", "--demo", "--port", str(port), "--db", db]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    lines: list[str] = []
    try:
        assert server.stdout is not None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not any("已启动" in line for line in lines):
            line = server.stdout.readline()
            if not line and server.poll() is not None:
                break
            lines.append(line)
        output = "".join(lines)
        assert "演示账号" in output and "admin" in output and "2023-09-30" in output, output
        public = _first_answer(f"http://127.0.0.1:{port}/public", within=60)  # a loaded machine binds late
        assert public is not None, output
        assert public.status_code == 200 and 'data-demo="1"' in public.text
        assert "截至 2023-09-30" in public.text
    finally:
        server.terminate()
        server.wait(timeout=10)
