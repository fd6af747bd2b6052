"""A folder of reports → one table, one row per quantity (the corpus a researcher analyses).

:func:`extract_rows` is the per-report work: a pure, top-level function of a path, so any engine
can map it over many files (worker processes here; Dask or Ray on a cluster, see docs/corpus.md).
:func:`build_corpus` runs it in parallel, keeps each report's rows in a part file named by the
hash of the report's bytes (so a rerun after an interruption redoes nothing already done), skips
and lists files it cannot read, and writes the concatenated table as Parquet or CSV.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Generator
from contextlib import closing
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypedDict, Unpack

from luoshi import __version__
from luoshi.document import Report
from luoshi.errors import InputError, LuoshiError, ValidationError
from luoshi.ingest import report_files
from luoshi.link.measures import parse_measure
from luoshi.link.vocabulary import Vocabulary, load_vocabulary
from luoshi.pool import dask_map, pool_map
from luoshi.segment.meta import named_year

# column → pyarrow type name; the order is the table's
COLUMNS: dict[str, str] = {
    "report_id": "string",
    "source": "string",
    "region": "string",
    "level": "string",
    "report_year": "int64",
    "part": "string",
    "section": "string",
    "indicator": "string",
    "canonical_indicator": "string",
    "metric": "string",
    "value": "float64",
    "value_high": "float64",
    "unit": "string",
    "base_value": "float64",
    "base_unit": "string",
    "modifier": "string",
    "year": "int64",
    "deadline": "string",
    "sentence": "string",
    "start": "int64",
    "end": "int64",
}

_YEAR_IN_NAME = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


def report_rows(report: Report, vocab: Vocabulary) -> list[dict[str, Any]]:
    """One row per quantity of a read report (without ``source``, which the caller knows)."""
    meta = report.meta
    year = named_year(meta)  # the year the report is called by (its plan year unless its title says)
    if year is None and meta.source and (m := _YEAR_IN_NAME.search(Path(meta.source).stem)):
        year = int(m.group())
    rows = []
    report_id = (meta.sha256 or "")[:16]  # one string for all its rows (Arrow encodes it once)
    for q in report.quantities:
        unit = parse_measure(q.unit)
        entry = vocab.canonical(q.indicator)
        rows.append(
            {
                "report_id": report_id,
                "region": meta.region,
                "level": meta.level,
                "report_year": year,
                "part": q.part.value,
                "section": q.section,
                "indicator": q.indicator,
                "canonical_indicator": entry.name if entry else None,
                "metric": q.metric.value,
                "value": q.value,
                "value_high": q.value_high,
                "unit": q.unit,
                "base_value": unit.to_base(q.value),
                "base_unit": unit.base,
                "modifier": q.modifier.value,
                "year": q.year,
                "deadline": q.deadline.isoformat() if q.deadline else None,
                "sentence": q.sentence,
                "start": q.start,
                "end": q.end,
            }
        )
    return rows


@cache
def cached_vocabulary(path: str | None) -> Vocabulary:
    return load_vocabulary(path)


def extract_rows(path: str | Path, vocabulary: str | None = None) -> list[dict[str, Any]]:
    """Read one report file and return its rows. Raises :class:`InputError` when it cannot."""
    from luoshi.pipeline import read_report

    report = read_report(path, tasks=False, entities=False)  # the table has no use for them
    return report_rows(report, cached_vocabulary(vocabulary))


RowsOf = Callable[[str, "str | None"], list[dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class Job:
    path: str
    part: str  # the part file its rows go to
    vocabulary: str | None = None
    rows_of: RowsOf = extract_rows  # a top-level function, so that it pickles to workers
    columnar: bool = False  # write the part file as an Arrow table (see :func:`write_part_table`)


@dataclass(frozen=True, slots=True)
class Done:
    path: str
    rows: int | None  # None: skipped
    error: str | None = None


PART_COLUMNS = {name: kind for name, kind in COLUMNS.items() if name != "source"}  # the caller knows


def write_part_table(rows: list[dict[str, Any]], path: Path) -> None:
    """A report's rows as the corpus keeps them: an Arrow IPC file of :data:`PART_COLUMNS` (typed
    columns that the table is concatenated from in C; no text to write, parse and convert)."""
    import pyarrow as pa

    schema = _schema(PART_COLUMNS)
    table = pa.Table.from_pydict(
        {name: [row.get(name) for row in rows] for name in PART_COLUMNS}, schema=schema
    )
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, schema) as writer:
        writer.write_table(table)


def _schema(columns: dict[str, str]) -> Any:
    import pyarrow as pa

    return pa.schema([(name, getattr(pa, kind)()) for name, kind in columns.items()])


def run_job(job: Job) -> Done:
    """Extract one report into its part file (written atomically). Never raises for bad input."""
    try:
        rows = job.rows_of(job.path, job.vocabulary)
    except LuoshiError as exc:
        return Done(job.path, None, str(exc))
    except Exception as exc:  # one bad file must not stop a corpus of thousands
        return Done(job.path, None, f"无法处理: {exc.__class__.__name__}: {exc}"[:300])
    tmp = Path(f"{job.part}.{os.getpid()}.tmp")
    if job.columnar:
        write_part_table(rows, tmp)
    else:
        tmp.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    tmp.replace(job.part)
    return Done(job.path, len(rows))


class BatchOptions(TypedDict, total=False):
    """How a resumable batch over a folder runs (:func:`build_corpus`, the panel): worker processes
    (default: all cores) or a Dask scheduler's address, the folder for part files, an extra
    indicator vocabulary, and who is told the count to read (``on_plan``) and each report done."""

    workers: int | None
    scheduler: str | None
    work_dir: str | Path | None
    vocabulary: str | None
    on_plan: Callable[[int], None] | None
    on_report: Callable[[Done], None] | None


@dataclass(slots=True)
class CorpusResult:
    out: Path
    reports: int = 0  # reports in the table
    rows: int = 0
    extracted: int = 0  # reports read in this run
    reused: int = 0  # reports whose part file an earlier run left
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why)


def work_folder(out: Path, vocabulary: str | None) -> Path:
    """Where part files live: next to the output, keyed by luoshi's version, its reading code and
    data (a changed rule is not served from old parts) and the vocabulary."""
    vocab_text = Path(vocabulary).read_bytes() if vocabulary else b""
    tag = hashlib.sha256(__version__.encode() + code_digest() + vocab_text).hexdigest()[:10]
    return out.with_name(out.name + ".parts") / tag


@cache
def code_digest() -> bytes:
    """A digest of the package's code and data files (a few milliseconds, once per process)."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in {".py", ".yaml", ".json", ".txt"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


def build_corpus(
    folder: str | Path, out: str | Path, *, rows_of: RowsOf = extract_rows, **options: Unpack[BatchOptions]
) -> CorpusResult:
    """Extract every report in ``folder`` into one table at ``out`` (.parquet or .csv).

    ``rows_of`` is the per-report function (a top-level one, so that it pickles to workers);
    ``on_plan`` is told how many reports this run will read, ``on_report`` is called after each;
    ``scheduler`` (a Dask scheduler's address) runs it on a Dask cluster instead of local processes.
    """
    jobs, result = extract_parts(folder, out, rows_of=rows_of, columnar=True, **options)
    table = _concatenate(jobs, Path(folder), {p for p, _ in result.skipped})
    result.reports = len(jobs) - len([p for p, _ in result.skipped if p in jobs])
    result.rows = table.num_rows
    if result.out.suffix.lower() == ".parquet":
        _write_parquet(table, result.out)
    else:
        write_columns(table.to_pydict(), result.out)
    return result


def extract_parts(
    folder: str | Path,
    out: str | Path,
    *,
    rows_of: RowsOf = extract_rows,
    columnar: bool = False,
    **options: Unpack[BatchOptions],
) -> tuple[dict[str, Job], CorpusResult]:
    """Run ``rows_of`` over every file in ``folder`` that has no part file yet (the resumable part
    of :func:`build_corpus` and the panel); returns the jobs by path, in path order. ``columnar``:
    part files hold Arrow tables (:func:`write_part_table`), not JSON lists of rows."""
    out = Path(out)
    if out.suffix.lower() not in (".parquet", ".csv"):
        raise ValidationError(f"输出文件须为 .parquet 或 .csv: {out}")
    vocabulary, work_dir = options.get("vocabulary"), options.get("work_dir")
    work = Path(work_dir) if work_dir else work_folder(out, vocabulary)
    paths = [p for p in report_files(Path(folder), exclude=work) if p.resolve() != out.resolve()]
    if not paths:
        raise InputError(f"文件夹中没有报告文件 (.txt/.md/.html/.docx/.pdf 或其他文本文件): {folder}")
    work.mkdir(parents=True, exist_ok=True)
    result = CorpusResult(out)
    jobs: dict[str, Job] = {}
    for path in paths:
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            result.skipped.append((str(path), f"无法读取: {exc.strerror or exc}"))
            continue
        part = work / f"{digest[:40]}.{'arrow' if columnar else 'json'}"
        jobs[str(path)] = Job(str(path), str(part), vocabulary, rows_of, columnar)
    pending = [j for j in jobs.values() if not Path(j.part).exists()]
    result.reused = len(jobs) - len(pending)
    if (on_plan := options.get("on_plan")) is not None:
        on_plan(len(pending))
    on_report = options.get("on_report")
    with closing(_mapped(pending, options.get("workers"), options.get("scheduler"))) as stream:
        for done in stream:
            if done.rows is None:
                result.skipped.append((done.path, done.error or ""))
            else:
                result.extracted += 1
            if on_report is not None:
                on_report(done)
    return jobs, result


def _mapped(pending: list[Job], workers: int | None, scheduler: str | None) -> Generator[Done, None, None]:
    """Each job run in local worker processes, or on the Dask cluster at ``scheduler``."""
    if scheduler:
        return dask_map(run_job, pending, address=scheduler)
    return pool_map(run_job, pending, workers=workers, ordered=False)


def _concatenate(jobs: dict[str, Job], folder: Path, skipped: set[str]) -> Any:
    """Every part file's table, one after another, with its ``source``: one Arrow table."""
    import pyarrow as pa

    tables, sources = [], []
    for path, job in jobs.items():  # in sorted path order, whatever order the workers finished
        if path in skipped or not Path(job.part).exists():
            continue
        with pa.OSFile(job.part, "rb") as source:
            table = pa.ipc.open_file(source).read_all()
        tables.append(table)
        sources += [str(Path(path).relative_to(folder))] * table.num_rows
    parts = pa.concat_tables(tables) if tables else _schema(PART_COLUMNS).empty_table()
    whole = parts.append_column(pa.field("source", pa.string()), pa.array(sources, pa.string()))
    return whole.select(list(COLUMNS))


def _write_parquet(table: Any, out: Path) -> None:
    """Write an Arrow table as Parquet, atomically (as :func:`write_columns` does)."""
    import pyarrow.parquet as pq

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    pq.write_table(table, tmp)
    tmp.replace(out)


def write_table(rows: list[dict[str, Any]], out: Path, columns: dict[str, str] = COLUMNS) -> None:
    """Write rows as Parquet (pyarrow) or CSV (UTF-8 with a BOM), by the suffix of ``out``;
    ``columns`` maps each column to its pyarrow type name."""
    write_columns({name: [row.get(name) for row in rows] for name in columns}, out, columns)


def write_columns(data: dict[str, list[Any]], out: Path, columns: dict[str, str] = COLUMNS) -> None:
    """Write a table held column by column (``data``: a list of values per column, all of one
    length) as Parquet or CSV, like :func:`write_table`."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    if out.suffix.lower() == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pydict({name: data[name] for name in columns}, schema=_schema(columns))
        pq.write_table(table, tmp)
    else:
        from luoshi.tabular import csv_bytes

        tmp.write_bytes(csv_bytes(list(columns), zip(*(data[name] for name in columns), strict=True)))
    tmp.replace(out)
