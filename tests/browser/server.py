"""Run the app under uvicorn for the browser tests: ``python server.py DB_URL DATA_DIR PORT AS_OF``."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import uvicorn

from luoshi.clock import FixedClock
from luoshi.config import Settings
from luoshi.serve.app import create_app
from luoshi.store.db import Database


def main(url: str, data_dir: str, port: str, as_of: str) -> None:
    settings = Settings(data_dir=Path(data_dir), database_url=url, secret_key="b" * 40)
    app = create_app(
        settings=settings, database=Database(url), clock=FixedClock.on(date.fromisoformat(as_of))
    )
    uvicorn.run(app, host="127.0.0.1", port=int(port), log_level="warning")


if __name__ == "__main__":
    main(*sys.argv[1:5])
