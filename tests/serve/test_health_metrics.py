"""``/healthz`` (no login, 200 or 503, no data) and ``/metrics`` (off unless a token is set)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from luoshi.clock import FixedClock
from luoshi.config import Settings
from luoshi.serve.app import create_app
from luoshi.store.db import Database
from luoshi.supervise.gauges import backups_in
from luoshi.supervise.health import calendar_last_year

TOKEN = "m" * 40


def make_app(database: Database, tmp_path: Path, *, day: date, token: str = "") -> FastAPI:
    settings = Settings(
        data_dir=tmp_path / "data", database_url=database.url, secret_key="t" * 40, metrics_token=token
    )
    return create_app(settings=settings, database=database, clock=FixedClock.on(day))


def test_healthz_is_200_without_login_on_a_migrated_database(database: Database, tmp_path: Path) -> None:
    app = make_app(database, tmp_path, day=date(calendar_last_year() - 1, 5, 1))
    with TestClient(app) as client:
        got = client.get("/healthz")
    assert got.status_code == 200
    body = got.json()
    assert body["status"] == "ok" and set(body["checks"]) == {"database", "migrations", "calendar"}
    assert database.url not in got.text and str(tmp_path) not in got.text


def test_healthz_is_503_when_migrations_lag_or_the_calendar_ends_this_year(
    database: Database, tmp_path: Path
) -> None:
    app = make_app(database, tmp_path, day=date(calendar_last_year(), 5, 1))
    with TestClient(app) as client:
        late = client.get("/healthz")
        assert late.status_code == 503 and late.json()["checks"]["calendar"]["ok"] is False
        with database.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '0005_outline'"))
        behind = client.get("/healthz").json()
    assert behind["checks"]["migrations"]["ok"] is False
    assert "luoshi db upgrade" in behind["checks"]["migrations"]["message"]


def test_metrics_are_off_without_a_token_and_refuse_a_wrong_one(database: Database, tmp_path: Path) -> None:
    with TestClient(make_app(database, tmp_path, day=date(2023, 6, 15))) as client:
        assert client.get("/metrics").status_code == 404
    with TestClient(make_app(database, tmp_path, day=date(2023, 6, 15), token=TOKEN)) as client:
        assert client.get("/metrics").status_code == 401
        assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_metrics_count_requests_per_route_and_read_the_ledger(database: Database, tmp_path: Path) -> None:
    """Routes are labelled by template, not by path; gauges come from the ledger and the backup folder."""
    app = make_app(database, tmp_path, day=date(2023, 6, 15), token=TOKEN)
    backup = backups_in(tmp_path / "data") / "luoshi-2023-06-14.jsonl"
    backup.parent.mkdir(parents=True)
    backup.write_text("{}\n", encoding="utf-8")
    os.utime(backup, (1_686_700_000, 1_686_700_000))
    with TestClient(app) as client:
        for _ in range(3):
            client.get("/healthz")
        client.get("/api/tasks/1")
        client.get("/api/tasks/2")
        client.get("/no-such-page")
        got = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/plain")
    lines = got.text.splitlines()
    assert 'luoshi_http_requests_total{method="GET",route="/healthz",status="200"} 3.0' in lines
    assert [
        ln for ln in lines if 'route="/api/tasks/{task_id}"' in ln and ln.startswith("luoshi_http_requests")
    ]
    assert not [ln for ln in lines if "/api/tasks/1" in ln or "/no-such-page" in ln]
    assert 'luoshi_http_request_duration_seconds_count{method="GET",route="/healthz"} 3.0' in lines
    assert 'luoshi_outbox_messages{state="pending"} 0.0' in lines
    assert 'luoshi_overdue{kind="order"} 0.0' in lines
    assert "luoshi_last_backup_timestamp_seconds 1.6867e+09" in lines


WORKER = """
import sys
from datetime import date
from pathlib import Path
from fastapi.testclient import TestClient
from luoshi.config import Settings
from luoshi.serve.app import create_app
from luoshi.store.db import Database
from luoshi.clock import FixedClock

url, data, token, hits, scrape = sys.argv[1], Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]
settings = Settings(data_dir=data, database_url=url, secret_key="t" * 40, metrics_token=token)
app = create_app(settings=settings, database=Database(url), clock=FixedClock.on(date(2023, 6, 15)))
with TestClient(app) as client:
    for _ in range(hits):
        client.get("/healthz")
    if scrape == "scrape":
        print(client.get("/metrics", headers={"Authorization": "Bearer " + token}).text)
"""


@pytest.mark.slow
def test_metrics_sum_the_requests_of_every_worker_process(database: Database, tmp_path: Path) -> None:
    """``luoshi serve --workers N``: a scrape reaching any one worker counts the requests of all."""
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "prom")}
    (tmp_path / "prom").mkdir()

    def worker(hits: int, then: str) -> str:
        args = [sys.executable, "-c", WORKER, database.url, str(tmp_path / "data"), TOKEN, str(hits), then]
        done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout

    worker(2, "exit")  # a worker process that served 2 requests and has ended
    lines = worker(3, "scrape").splitlines()  # another one's scrape counts its own 3 and those 2
    assert 'luoshi_http_requests_total{method="GET",route="/healthz",status="200"} 5.0' in lines
