"""The ``luoshi`` command line: thin commands over the pipeline and the services.

Subcommands live in their own modules and are imported only when used, so start-up stays fast.
A :class:`~luoshi.errors.LuoshiError`, a usage error (in Chinese, :mod:`luoshi.cli.usage`) and a
database that cannot be opened each become one line on stderr and exit code 2.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any, TextIO

import click

from luoshi import __version__
from luoshi.errors import LuoshiError

# command name → "module:attribute"; add a line here (and one to SUMMARIES) to add a command.
COMMANDS: dict[str, str] = {
    "extract": "luoshi.cli.extract:extract",
    "serve": "luoshi.cli.serve:serve",
    "user": "luoshi.cli.user:user",
    "db": "luoshi.cli.db:db",
    "doctor": "luoshi.cli.doctor:doctor",
    "ingest": "luoshi.cli.ingest:ingest",
    "reports": "luoshi.cli.ingest:reports",
    "units": "luoshi.cli.units:units",
    "assign": "luoshi.cli.assign:assign",
    "fengong": "luoshi.cli.fengong:fengong",
    "progress": "luoshi.cli.progress:progress",
    "tasks": "luoshi.cli.tasks:tasks",
    "history": "luoshi.cli.history:history",
    "backup": "luoshi.cli.backup:backup",
    "restore": "luoshi.cli.backup:restore",
    "supervise": "luoshi.cli.supervise:supervise",
    "status": "luoshi.cli.status:status",
    "review": "luoshi.cli.review:review",
    "notify": "luoshi.cli.notify:notify",
    "corpus": "luoshi.cli.corpus:corpus",
    "panel": "luoshi.cli.panel:panel",
    "scorecard": "luoshi.cli.scorecard:scorecard",
    "outcomes": "luoshi.cli.outcomes:outcomes",
    "calendar": "luoshi.cli.calendar:calendar",
    "port": "luoshi.cli.port:port",
    "year": "luoshi.cli.years:year",
    "levels": "luoshi.cli.levels:levels",
    "print": "luoshi.cli.print_docs:print_group",
}

# command name → its one-line help, so that `luoshi --help` lists the commands without importing
# them all (a quarter of a second); tests/cli/test_startup.py checks each against the command's own.
SUMMARIES: dict[str, str] = {
    "assign": "Assign tasks: --auto proposes, TASK_ID --lead UNIT [--co UNIT…] assigns, --confirm confirms; "
    "hand-down TASK_ID --to 县A,县B | --all-counties hands a task down (转办) to counties.",
    "backup": "Write every table and (by default) every evidence file to PATH, one zip archive.",
    "calendar": "节假日安排：导入国务院办公厅每年的通知，查看某年的放假和调休。",
    "corpus": "Every report in FOLDER → one table (Parquet/CSV), a row per quantity.",
    "db": "Database schema.",
    "doctor": "Check the database, migrations, calendar, data folder, secret, notify config and disk.",
    "extract": "Extract every quantity (or, with --tasks, every task) from a report file or a directory.",
    "fengong": "Preview line → report task → lead/co-units → deadline; "
    "--apply writes it (one transaction, audited).",
    "history": "Who changed what and when: REF is a task id (12) or ENTITY:ID (unit:3, progress:7).",
    "ingest": "Store reports (files, or every report in a folder): text, outline, quantities and tasks.",
    "levels": "上下联动：各级目标链、转办任务的汇总。",
    "notify": "Queue the day's digests (once a day) and deliver what is due; failures are retried later.",
    "outcomes": "实际数：次年报告未载明时，由督查室录入（须注明来源），用于成绩单。",
    "panel": "Reports (and 统计公报) in FOLDER → one row per region, year and headline indicator.",
    "port": "企业诉求和群众线索：列出、导出某诉求人的个人信息、按保存期限删除。",
    "print": "Print 督办通知单, 催办通知 and 督查通报 as .docx (GB/T 9704-2012).",
    "progress": "Progress reports (定期盘点).",
    "reports": "List stored reports and their versions.",
    "restore": "Check PATH against its manifest, then load it into an empty database (all or nothing).",
    "review": "By section and by unit: counts by status, 时序进度, overdue and late lists, "
    "response times, ranking.",
    "scorecard": "成绩单: each target of PLAN_REPORT against the outcomes OUTCOME_REPORTS state.",
    "serve": "Start the web app.",
    "status": "List tasks with their status as of --as-of (default today): 未启动/正常/滞后/逾期/完成/销号.",
    "supervise": "Supervision orders (督办事项) on the 13710 response clock.",
    "tasks": "Ledger rows (台账): targets, deadlines, reporting cadence, milestones.",
    "units": "The unit catalogue: city → districts/counties/zones → departments, and task forces (专班).",
    "user": "Manage users: admin (督查室), leader (领导), reporter (单位填报员).",
    "year": "年度：年终认定、关账（冻结考核结果）、结转与新报告的关联、历年记录。",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attr = target.split(":")
        command: click.Command = getattr(importlib.import_module(module), attr)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list, from :data:`SUMMARIES` (importing only a command that has none)."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [(name, short_help(self._summary(ctx, name), limit)) for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def _summary(self, ctx: click.Context, name: str) -> str:
        if name in SUMMARIES:
            return SUMMARIES[name]
        command = self.get_command(ctx, name)
        return command.get_short_help_str(10**6) if command else ""


def short_help(summary: str, limit: int) -> str:
    """``summary`` cut to ``limit`` characters at a word, ending "...", as click shortens help."""
    if len(summary) <= limit:
        return summary
    if limit < 3:
        return "..."
    import textwrap

    return textwrap.shorten(summary, limit, placeholder="...", break_on_hyphens=False)


@click.group(cls=LazyGroup)
@click.version_option(__version__, prog_name="luoshi")
def cli() -> None:
    """luoshi (落实): 政府工作报告 → 抓落实台账."""


class QuietPipe:
    """stdout that goes quiet once its reader has gone (``luoshi … | head``).

    A command's output is written inside its unit of work; were the broken pipe raised there,
    the work would be rolled back after the user saw it reported. Instead the rest of the
    output goes to /dev/null and the command finishes (and commits) as it would have.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.gone = False

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                self._stream.write(text)
            except BrokenPipeError:
                self._silence()
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._silence()

    def _silence(self) -> None:
        self.gone = True
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, self._stream.fileno())
        os.close(devnull)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def main(argv: list[str] | None = None) -> Any:
    if not isinstance(sys.stdout, QuietPipe) and hasattr(sys.stdout, "fileno"):
        sys.stdout = QuietPipe(sys.stdout)  # type: ignore[assignment]
    try:
        return cli.main(args=argv, prog_name="luoshi", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("已取消", err=True)
        sys.exit(130)
    except click.exceptions.NoArgsIsHelpError as exc:
        exc.show()
        sys.exit(2)
    except click.UsageError as exc:
        from luoshi.cli.usage import usage_message

        click.echo(f"luoshi: {usage_message(exc)}", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except LuoshiError as exc:
        click.echo(f"luoshi: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a database that cannot be reached or opened: one line, not a traceback
        from luoshi.store.problems import explain

        problem = explain(exc)
        if problem is None:
            raise
        click.echo(f"luoshi: {problem}", err=True)
        sys.exit(problem.exit_code)
