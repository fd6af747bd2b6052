"""``luoshi port list|export|purge``: requests from the public and companies (互联网+督查)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from luoshi.cli.options import emit, format_option, with_ledger

if TYPE_CHECKING:
    from luoshi.store.ledger import Ledger


@click.group()
def port() -> None:
    """企业诉求和群众线索：列出、导出某诉求人的个人信息、按保存期限删除。"""


@port.command("list")
@with_ledger(reads=True, as_of=False)
@format_option()
def list_(ledger: Ledger, fmt: str) -> None:
    """Every request with its stage (no contacts: see ``export``)."""
    from luoshi.store.models.port import PublicRequest
    from luoshi.supervise.requests import stage_of

    rows = [
        {"编号": r.id, "提交日期": r.filed_on, "类型": "企业" if r.kind == "enterprise" else "个人",
         "阶段": stage_of(r).value, "督办事项": r.order_id, "问题": r.problem[:40]}
        for r in ledger.all(PublicRequest)
    ]  # fmt: skip
    emit(rows, fmt, columns=["编号", "提交日期", "类型", "阶段", "督办事项", "问题"])


@port.command("export")
@click.argument("contact")
@click.option("--out", type=click.Path(path_type=Path), default=None, help="输出 JSON 文件（默认打印）")
@with_ledger(reads=True, as_of=False)
def export(ledger: Ledger, contact: str, out: Path | None, db_url: str | None) -> None:
    """Everything kept about the filer who gave CONTACT (a phone number or e-mail), as JSON."""
    from luoshi.config import load_settings
    from luoshi.supervise.credentials import signing_key
    from luoshi.supervise.filers import export as export_filer

    secret = signing_key(load_settings(database_url=db_url))
    data = export_filer(ledger, contact, secret=secret)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if out is None:
        sys.stdout.write(text + "\n")
    else:
        out.write_text(text + "\n", encoding="utf-8")
        click.echo(f"已导出 {len(data['requests'])} 件诉求：{out}")


@port.command("purge")
@click.option(
    "--days", type=click.IntRange(1), default=None, help="保存天数（默认 LUOSHI_PORT_RETENTION_DAYS）"
)
@with_ledger(as_of=False)
def purge(ledger: Ledger, days: int | None, db_url: str | None) -> None:
    """Erase the names and contacts of ended requests filed longer ago than the retention period."""
    from luoshi.config import load_settings
    from luoshi.supervise.filers import erase_expired

    keep = days or load_settings(database_url=db_url).port_retention_days
    erased = erase_expired(ledger, keep_days=keep)
    click.echo(f"已删除 {erased} 件诉求的诉求人信息（保存期限 {keep} 天）")
