"""``luoshi serve``: the web app (pages, JSON API at /api, OpenAPI at /docs)."""

from __future__ import annotations

import click

from luoshi.config import load_settings


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--db", "db_url", default=None, help="数据库地址（默认 LUOSHI_DATABASE_URL 或数据目录中的 SQLite）"
)
def serve(host: str, port: int, db_url: str | None) -> None:
    """Start the web app."""
    import uvicorn

    from luoshi.serve.app import create_app
    from luoshi.store.db import Database
    from luoshi.store.migrate import ensure_schema

    settings = load_settings(database_url=db_url)
    db = Database(settings.resolved_database_url)
    ensure_schema(db.engine)
    app = create_app(settings=settings, database=db)
    click.echo(f"luoshi 已启动：http://{host}:{port}/  （接口文档 /docs）")
    uvicorn.run(app, host=host, port=port, log_level="warning")
