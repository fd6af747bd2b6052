"""What the ledger commands share: ``--db``, ``--as-of``, ``--by``, ``--format`` and row output."""

from __future__ import annotations

import functools
import inspect
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar, cast

import click

from luoshi.cli.output import clip, pad, width
from luoshi.tabular import dict_rows, write_csv_out

if TYPE_CHECKING:
    from luoshi.link.corpus import BatchOptions, CorpusResult
    from luoshi.link.panel import PanelResult
    from luoshi.store.db import Database
    from luoshi.store.ledger import Ledger

F = TypeVar("F", bound=Callable[..., Any])
P = ParamSpec("P")
R = TypeVar("R")
LIST_FORMATS = ("table", "json", "csv")

db_option = click.option(
    "--db",
    "db_url",
    default=None,
    metavar="URL",
    help="数据库地址（默认 LUOSHI_DATABASE_URL 或数据目录中的 SQLite 文件）",
)
as_of_option = click.option(
    "--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None, help="以该日期为“今天”（YYYY-MM-DD）"
)
out_option = click.option(
    "--out",
    "--output",
    "out",
    type=click.Path(path_type=Path),
    default=None,
    help="输出文件；--format xlsx 不给时写入当前目录的 luoshi-<命令>-<日期>.xlsx 并打印路径",
)
year_option = click.option(
    "--year",
    "year",
    type=click.IntRange(1949, 2100),
    default=None,
    help="报告年度（默认：截至今天已通过的最新年度；结转任务属于新年度）",
)
by_option = click.option("--by", "actor", default="cli", show_default=True, help="操作人（记入审计记录）")


def format_option(*choices: str, default: str = "table") -> Callable[[F], F]:
    return click.option("--format", "fmt", type=click.Choice(choices or LIST_FORMATS), default=default)


def xlsx_file(out: Path | None, name: str) -> Path:
    """Where an xlsx goes: ``--out``, else ``luoshi-<name>.xlsx`` here (every command the same)."""
    return out or Path(f"luoshi-{name}.xlsx")


def open_database(db_url: str | None, *, existing: bool = False) -> Database:
    """The configured database, its schema created on first use (see docs/ledger.md).

    With ``existing`` (commands that only read) a SQLite file that is not there is refused rather
    than created. A database that cannot be reached or opened is one line, never a traceback.
    """
    from luoshi.config import load_settings
    from luoshi.store.db import Database
    from luoshi.store.migrate import ensure_schema
    from luoshi.store.problems import explain, require_existing

    url = load_settings(database_url=db_url).resolved_database_url
    if existing:
        require_existing(url)
    try:
        database = Database(url)
        ensure_schema(database.engine)
    except Exception as exc:
        problem = explain(exc, url)
        if problem is None:
            raise
        raise problem from exc
    return database


@contextmanager
def ledger_session(
    db_url: str | None,
    *,
    actor: str,
    as_of: datetime | None,
    existing: bool = False,
    year: int | None = None,
) -> Iterator[Ledger]:
    """One unit of work for a command: committed when the command succeeds.

    ``existing``: the command only reads, so a SQLite file that is not there is refused (see
    :func:`open_database`). ``year`` (``--year``): the report year boards, lists and scores show.

    If the command counted working days in a year nobody loaded, or ``--as-of`` is in (or near)
    one, one warning line goes to stderr.
    """
    from luoshi.clock import clock_for

    database = open_database(db_url, existing=existing)
    try:
        with database.ledger(actor=actor, clock=clock_for(as_of_date(as_of)), year=year) as ledger:
            yield ledger
            warning = ledger.calendar_warning(as_of_date(as_of))
        if warning:
            click.echo(f"注意：{warning}", err=True)
    finally:
        database.dispose()


def with_ledger(
    *,
    reads: bool = False,
    by: bool | None = None,
    as_of: bool = True,
    year: bool = False,
    actor: str = "cli",
) -> Callable[[Callable[Concatenate[Ledger, P], R]], Callable[P, R]]:
    """Hand a command its ledger: adds ``--db`` (and ``--by``, ``--as-of``, ``--year``) and runs the
    command inside one :func:`ledger_session`, its first argument the ledger.

    ``reads``: the command only reads (a missing SQLite file is refused, no ``--by`` unless asked).
    ``by``: offer ``--by`` (default: when the command writes); without it the audit names ``actor``.
    ``as_of``/``year``: offer ``--as-of``/``--year``. A command that declares a parameter named
    after an offered option (``db_url``, ``actor``, ``as_of``, ``year``) still receives its value.
    """
    with_by = not reads if by is None else by

    def decorate(command: Callable[Concatenate[Ledger, P], R]) -> Callable[P, R]:
        wanted = set(inspect.signature(command).parameters)
        offered = [name for name, on in (("actor", with_by), ("as_of", as_of), ("year", year)) if on]

        @functools.wraps(command)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            db_url = cast("str | None", kwargs["db_url"] if "db_url" in wanted else kwargs.pop("db_url"))
            chosen: dict[str, Any] = {name: kwargs.pop(name) for name in offered}
            kwargs.update({name: value for name, value in chosen.items() if name in wanted})
            chosen = {"actor": actor, "as_of": None, "year": None} | chosen
            with ledger_session(
                db_url, actor=chosen["actor"], as_of=chosen["as_of"], existing=reads, year=chosen["year"]
            ) as ledger:
                return command(ledger, *args, **kwargs)

        options = [db_option, *([by_option] * with_by), *([as_of_option] * as_of), *([year_option] * year)]
        for option in reversed(options):
            run = option(run)
        return run

    return decorate


def as_of_date(value: datetime | date | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def emit(rows: Sequence[dict[str, Any]], fmt: str, *, columns: Sequence[str] | None = None) -> None:
    """Print rows as an aligned table, JSON (a list) or CSV (with a BOM unless on a terminal)."""
    keys = list(columns or (rows[0].keys() if rows else []))
    if fmt == "json":
        json.dump([{k: r.get(k) for k in keys} for r in rows], sys.stdout, ensure_ascii=False, default=str)
        sys.stdout.write("\n")
    elif fmt == "csv":
        write_csv_out(sys.stdout, keys, dict_rows(rows, keys))
    else:
        click.echo(table(rows, keys))


def table(rows: Sequence[dict[str, Any]], keys: Sequence[str], *, max_width: int = 40) -> str:
    if not keys:
        return "（无）"
    cells = [[clip(_cell(r.get(k)), max_width) for k in keys] for r in rows]
    widths = [max(width(x) for x in [k, *(row[i] for row in cells)]) for i, k in enumerate(keys)]
    lines = ["  ".join(pad(k, w) for k, w in zip(keys, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(pad(c, w) for c, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "、".join(map(str, value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def batch_options(
    out_help: str,
) -> Callable[[Callable[[Path, Path, BatchOptions], None]], Callable[..., None]]:
    """FOLDER and the options of a resumable batch over it (``corpus``, ``panel``): --out, --workers,
    --work, --vocabulary, --progress, --scheduler. The command is given FOLDER, --out and the rest as
    the batch takes them, with a progress bar on stderr while it runs."""
    options = [
        click.argument("folder", type=click.Path(path_type=Path)),
        click.option("--out", "out", type=click.Path(path_type=Path), required=True, help=out_help),
        click.option("--workers", type=int, default=None, help="Worker processes (default: all cores)."),
        click.option(
            "--work",
            "work",
            type=click.Path(path_type=Path),
            default=None,
            help="Folder for per-file part files (default: OUT.parts/); a rerun reuses them.",
        ),
        click.option(
            "--vocabulary", type=click.Path(path_type=Path), default=None, help="Extra indicator YAML."
        ),
        click.option("--progress/--no-progress", default=True, help="Progress bar on stderr."),
        click.option(
            "--scheduler",
            default=None,
            help="A Dask scheduler's address (tcp://HOST:8786): run on that cluster, not local processes.",
        ),
    ]

    def apply(command: Callable[[Path, Path, BatchOptions], None]) -> Callable[..., None]:
        @functools.wraps(command)
        def run(
            folder: Path,
            out: Path,
            workers: int | None,
            work: Path | None,
            vocabulary: Path | None,
            progress: bool,
            scheduler: str | None,
        ) -> None:
            with ProgressBar(enabled=progress) as bar:
                batch: BatchOptions = {
                    "workers": workers,
                    "work_dir": work,
                    "vocabulary": str(vocabulary) if vocabulary else None,
                    "scheduler": scheduler,
                    "on_plan": bar.start,
                    "on_report": bar.step,
                }
                command(folder, out, batch)

        wrapped: Callable[..., None] = run
        for option in reversed(options):
            wrapped = option(wrapped)
        return wrapped

    return apply


class ProgressBar:
    """A bar on stderr, drawn once the count of reports to read is known (nothing when there are none)."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None

    def start(self, total: int) -> None:
        from tqdm import tqdm

        self.bar = tqdm(total=total, unit="篇", disable=not self.enabled or not total, dynamic_ncols=True)

    def step(self, _: object) -> None:
        if self.bar is not None:
            self.bar.update()

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *_: object) -> None:
        if self.bar is not None:
            self.bar.close()


def echo_batch(result: CorpusResult | PanelResult, count: int, measure: str, noun: str) -> None:
    """A batch's summary on stderr (``count`` ``measure````noun`` in the table, rows, where, how many
    read, reused and skipped), then one line per file it could not read, with why."""
    click.echo(
        f"{count} {measure}{noun} → {result.rows} 行 → {result.out}（本次读取 {result.extracted} {measure}，"
        f"沿用 {result.reused} {measure}，跳过 {len(result.skipped)} {measure}）",
        err=True,
    )
    for path, why in result.skipped:
        click.echo(f"跳过 {path}: {why}", err=True)
