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

# command name → "module:attribute"; add a line here to add a command.
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
