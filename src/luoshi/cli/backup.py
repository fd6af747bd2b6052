"""``luoshi backup FILE`` / ``luoshi restore FILE``: every table and the evidence files, one zip archive."""

from __future__ import annotations

from pathlib import Path

import click

from luoshi.cli.options import db_option, emit, format_option, open_database


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--no-evidence", is_flag=True, help="只备份数据表，不含佐证文件")
@db_option
@format_option()
def backup(path: Path, no_evidence: bool, db_url: str | None, fmt: str) -> None:
    """Write every table and (by default) every evidence file to PATH, one zip archive."""
    from luoshi.supervise.archive import write_backup

    database = open_database(db_url, existing=True)
    try:
        written = write_backup(database, path, evidence_dir=None if no_evidence else _evidence_dir(db_url))
    finally:
        database.dispose()
    emit([{"table": k, "rows": v} for k, v in written.rows.items()], fmt)
    click.echo(written.summary(), err=True)


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="校验不符时仍然恢复（记入审计）")
@click.option("--by", "actor", default="cli", show_default=True, help="操作人（记入审计记录）")
@db_option
@format_option()
def restore(path: Path, force: bool, actor: str, db_url: str | None, fmt: str) -> None:
    """Check PATH against its manifest, then load it into an empty database (all or nothing)."""
    from luoshi.supervise.archive import restore_backup

    database = open_database(db_url)
    try:
        done = restore_backup(database, path, evidence_dir=_evidence_dir(db_url), force=force, actor=actor)
    finally:
        database.dispose()
    emit([{"table": k, "rows": v} for k, v in done.rows.items()], fmt)
    line = f"已恢复 {sum(done.rows.values())} 行，佐证文件 {done.files} 个"
    if done.skipped:
        line += f"；跳过 {len(done.skipped)} 个内容与哈希不符的佐证文件"
    click.echo(line, err=True)


def _evidence_dir(db_url: str | None) -> Path:
    from luoshi.config import load_settings
    from luoshi.supervise.evidence import folder_in

    return folder_in(load_settings(database_url=db_url).data_dir)
