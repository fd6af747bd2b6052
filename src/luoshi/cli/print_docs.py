"""``luoshi print``: the documents the office sends, as .docx (GB/T 9704-2012; docs/printing.md)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from luoshi.cli.options import with_ledger

if TYPE_CHECKING:
    from luoshi.config import Settings
    from luoshi.store.ledger import Ledger

docx_out = click.option(
    "--out", "--output", "out", type=click.Path(path_type=Path), default=None,
    help="输出文件（.docx）；不给时写入当前目录并打印路径",
)  # fmt: skip


@click.group(name="print")
def print_group() -> None:
    """Print 督办通知单, 催办通知 and 督查通报 as .docx (GB/T 9704-2012)."""


@print_group.command()
@click.argument("item", type=int)
@docx_out
@with_ledger(reads=True)
def notice(ledger: Ledger, item: int, out: Path | None) -> None:
    """督办通知单 of supervision item ITEM (成文日期: today or --as-of)."""
    from luoshi.supervise.documents import notice_docx

    _write(ledger, out, "notice", item, lambda ledger, s, day: notice_docx(ledger, item, s, day))


@print_group.command()
@click.argument("item", type=int)
@docx_out
@with_ledger(reads=True)
def urge(ledger: Ledger, item: int, out: Path | None) -> None:
    """催办通知 of supervision item ITEM, which must have a stage overdue on that day."""
    from luoshi.supervise.documents import urge_docx

    _write(ledger, out, "urge", item, lambda ledger, s, day: urge_docx(ledger, item, s, day))


@print_group.command()
@click.option(
    "--scoring", "scoring_path", type=click.Path(path_type=Path), default=None, help="评分配置 YAML"
)
@click.option("--policy", default="13710", show_default=True, help="督办规则（时序进度容差）")
@docx_out
@with_ledger(reads=True)
def bulletin(ledger: Ledger, scoring_path: Path | None, policy: str, out: Path | None) -> None:
    """督查通报 as of --as-of: by unit (按期、迟报、缺报、退回), commended and named units."""
    from luoshi.supervise.documents import bulletin_docx

    _write(
        ledger, out, "bulletin", None,
        lambda ledger, s, day: bulletin_docx(ledger, s, day, scoring=scoring_path, policy=policy),
    )  # fmt: skip


def _write(
    ledger: Ledger,
    out: Path | None,
    kind: str,
    item: int | None,
    make: Callable[[Ledger, Settings, date], bytes],
) -> None:
    from luoshi.config import load_settings
    from luoshi.errors import ValidationError
    from luoshi.supervise.documents import file_name

    day = ledger.clock.today()
    data = make(ledger, load_settings(), day)
    path = out or Path(f"luoshi-{file_name(kind, day, item)}")
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise ValidationError(f"无法写入 {path}：{exc.strerror}") from None
    click.echo(str(path))
