"""``luoshi fengong FILE --report ID``: read a breakdown document (分工方案) and assign from it."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from luoshi.cli.options import (
    by_option,
    db_option,
    format_option,
    ledger_session,
    out_option,
    table,
    xlsx_file,
)

if TYPE_CHECKING:
    from luoshi.supervise.fengong import Preview


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--report", "report_id", type=int, required=True, help="分工方案对应的报告编号（luoshi reports）"
)
@click.option("--apply", "do_apply", is_flag=True, help="写入台账：牵头/配合单位（已确认）、期限、牵头领导")
@out_option
@db_option
@by_option
@format_option("table", "json", "csv", "xlsx")
def fengong(
    file: Path, report_id: int, do_apply: bool, out: Path | None, db_url: str | None, actor: str, fmt: str
) -> None:
    """Preview line → report task → lead/co-units → deadline; --apply writes it (one transaction, audited)."""
    from luoshi.ingest import read_source
    from luoshi.supervise import fengong as service

    text = read_source(file, cell_sep="\t").text
    with ledger_session(db_url, actor=actor, as_of=None, existing=not do_apply) as ledger:
        run = service.apply if do_apply else service.preview
        result = run(ledger, report_id=report_id, text=text)
    if fmt == "json":
        json.dump(service.preview_dict(result), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    elif fmt == "csv":
        from luoshi.tabular import dict_rows, write_csv_out

        rows = service.preview_rows(result)
        write_csv_out(sys.stdout, list(rows[0]), dict_rows(rows, list(rows[0])))
    elif fmt == "xlsx":
        from luoshi.tabular import write_workbook

        path = xlsx_file(out, f"fengong-{report_id}")
        click.echo(str(write_workbook(path, service.preview_sheets(result), title="分工方案")))
    else:
        click.echo(render(result))


def render(result: Preview) -> str:
    """The preview as plain-text tables, with what is left over and what changes."""
    from luoshi.supervise.fengong import preview_rows

    rows = preview_rows(result)
    meta = result.meta
    head = f"{meta.title} {meta.doc_no}".strip() or "分工方案"
    linked = sum(1 for p in result.lines if p.link.task_ids)
    parts = [
        f"{head}：{len(result.lines)} 条分工，{linked} 条对应报告任务；"
        f"报告任务 {len(result.plans)} 项有分工，"
        f"{len(result.uncovered)} 项无分工",
        table(rows, list(rows[0]) if rows else []),
    ]
    if result.unlinked:
        parts.append(
            "\n报告中找不到来源的分工条目\n"
            + table(
                [{"序号": p.line.n, "分工任务": p.line.task} for p in result.unlinked], ["序号", "分工任务"]
            )
        )
    if result.unknown:
        parts.append("\n单位目录中没有的名称（未分配，请补充单位目录或别名）：" + "、".join(result.unknown))
    if result.uncovered:
        parts.append(
            "\n没有分工的报告任务\n"
            + table([{"任务": i, "内容": t} for i, t in result.uncovered], ["任务", "内容"])
        )
    changes = [{"任务": c.task_id, "项目": c.what, "原": c.before, "新": c.after} for c in result.changes]
    verb = "已写入" if result.applied else "将写入（加 --apply 执行）"
    parts.append(
        f"\n{verb}的变更：{len(changes)} 项\n"
        + (table(changes, ["任务", "项目", "原", "新"]) if changes else "（无变化）")
    )
    return "\n".join(parts)
