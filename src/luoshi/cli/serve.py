"""``luoshi serve``: the web app (pages, JSON API at /api, OpenAPI at /docs)."""

from __future__ import annotations

from typing import Any

import click

from luoshi.config import Settings, load_settings


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--db", "db_url", default=None, help="数据库地址（默认 LUOSHI_DATABASE_URL 或数据目录中的 SQLite）"
)
@click.option(
    "--demo", is_flag=True, help="数据库为空时载入示例报告、单位、演示用户和演示进展（均标注为演示数据）"
)
@click.option(
    "--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="进程数（多核服务器）"
)
def serve(host: str, port: int, db_url: str | None, demo: bool, workers: int) -> None:
    """Start the web app."""
    import os
    import tempfile

    import uvicorn

    from luoshi.logs import log_config
    from luoshi.serve.app import create_app
    from luoshi.store.db import Database
    from luoshi.store.migrate import ensure_schema
    from luoshi.supervise.credentials import signing_key

    settings = load_settings(database_url=db_url)
    db = Database(settings.resolved_database_url)
    ensure_schema(db.engine)
    clock = None
    if demo:
        from luoshi.clock import FixedClock
        from luoshi.supervise.demo import load_demo

        click.echo("正在准备演示数据……")
        result = load_demo(db, evidence_dir=settings.data_dir / "evidence", today=settings.today)
        for line in result.lines:
            click.echo(line)
        if result.demo:
            clock = FixedClock.on(result.as_of)
            click.echo(f"演示模式：系统日期视为 {result.as_of.isoformat()}")
    if workers > 1:
        if clock is not None:
            raise click.UsageError("演示模式只支持单进程（去掉 --workers）")
        db.dispose()
        signing_key(settings)  # made once here, not raced by the workers
        os.environ["LUOSHI_DATABASE_URL"] = settings.resolved_database_url  # the workers' create_app reads it
        os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="luoshi-metrics-"))
        click.echo(f"luoshi 已启动（{workers} 个进程）：http://{host}:{port}/  （接口文档 /docs）")
        uvicorn.run("luoshi.serve.app:create_app", factory=True, host=host, port=port, workers=workers,
                    log_level="warning", log_config=log_config(settings.log_format),
                    **proxy_options(settings))  # fmt: skip
        return
    app = create_app(settings=settings, database=db, clock=clock)
    click.echo(f"luoshi 已启动：http://{host}:{port}/  （接口文档 /docs）")
    uvicorn.run(app, host=host, port=port, log_level="warning", log_config=log_config(settings.log_format),
                **proxy_options(settings))  # fmt: skip


def proxy_options(settings: Settings) -> dict[str, Any]:
    """uvicorn reads X-Forwarded-For only from the proxies in LUOSHI_FORWARDED_ALLOW_IPS (none by default),
    so no client can choose the address its failed logins are counted under."""
    proxies = settings.forwarded_allow_ips.strip()
    return {"proxy_headers": bool(proxies), "forwarded_allow_ips": proxies or "127.0.0.1"}
