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
@click.option(
    "--demo", is_flag=True, help="数据库为空时载入示例报告、单位、演示用户和演示进展（均标注为演示数据）"
)
def serve(host: str, port: int, db_url: str | None, demo: bool) -> None:
    """Start the web app."""
    import uvicorn

    from luoshi.serve.app import create_app
    from luoshi.store.db import Database
    from luoshi.store.migrate import ensure_schema

    settings = load_settings(database_url=db_url)
    db = Database(settings.resolved_database_url)
    ensure_schema(db.engine)
    clock = None
    if demo:
        from luoshi.serve.demo import load_demo
        from luoshi.supervise.clock import FixedClock

        click.echo("正在准备演示数据……")
        result = load_demo(db, evidence_dir=settings.data_dir / "evidence")
        for line in result.lines:
            click.echo(line)
        if result.demo:
            clock = FixedClock.on(result.as_of)
            click.echo(f"演示模式：系统日期视为 {result.as_of.isoformat()}")
    app = create_app(settings=settings, database=db, clock=clock)
    click.echo(f"luoshi 已启动：http://{host}:{port}/  （接口文档 /docs）")
    uvicorn.run(app, host=host, port=port, log_level="warning")
