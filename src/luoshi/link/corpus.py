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
    for q in report.quantities:
        unit = parse_measure(q.unit)
        entry = vocab.canonical(q.indicator)
        rows.append(
            {
                "report_id": (meta.sha256 or "")[:16],
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
    columnar: bool = False  # write the part file column by column (see :func:`part_data`)


@dataclass(frozen=True, slots=True)
class Done:
    path: str
    rows: int | None  # None: skipped
    error: str | None = None


def part_data(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Rows as a part file holds them for the corpus: ``{"columns": {name: [value, …]}}``, each
    column once (a list of row objects repeats every name in every row: twice the bytes to write,
    read and parse). :func:`_concatenate` also reads the older list-of-rows shape."""
    names = dict.fromkeys(name for row in rows for name in row)
    return {"columns": {name: [row.get(name) for row in rows] for name in names}}


def run_job(job: Job) -> Done:
    """Extract one report into its part file (written atomically). Never raises for bad input."""
    try:
        rows = job.rows_of(job.path, job.vocabulary)
    except LuoshiError as exc:
        return Done(job.path, None, str(exc))
    except Exception as exc:  # one bad file must not stop a corpus of thousands
        return Done(job.path, None, f"无法处理: {exc.__class__.__name__}: {exc}"[:300])
    tmp = Path(f"{job.part}.{os.getpid()}.tmp")
    data = part_data(rows) if job.columnar else rows
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
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
    columns = _concatenate(jobs, Path(folder), {p for p, _ in result.skipped})
    result.reports = len(jobs) - len([p for p, _ in result.skipped if p in jobs])
    result.rows = len(columns["source"])
    write_columns(columns, result.out)
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
    part files hold columns (:func:`part_data`), not a list of rows."""
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
        jobs[str(path)] = Job(str(path), str(work / f"{digest[:40]}.json"), vocabulary, rows_of, columnar)
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


def _concatenate(jobs: dict[str, Job], folder: Path, skipped: set[str]) -> dict[str, list[Any]]:
    """Every part file's rows, column by column (a list per column: the cheap shape to write)."""
    columns: dict[str, list[Any]] = {name: [] for name in COLUMNS}
    for path, job in jobs.items():  # in sorted path order, whatever order the workers finished
        if path in skipped or not Path(job.part).exists():
            continue
        data = json.loads(Path(job.part).read_text(encoding="utf-8"))
        if isinstance(data, list):  # a part file in the list-of-rows shape
            data = part_data(data)
        part = data["columns"]
        count = len(next(iter(part.values()), []))
        source = str(Path(path).relative_to(folder))
        for name, column in columns.items():
            column.extend([source] * count if name == "source" else part.get(name) or [None] * count)
    return columns


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

        schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in columns.items()])
        pq.write_table(pa.Table.from_pydict({name: data[name] for name in columns}, schema=schema), tmp)
    else:
        from luoshi.tabular import csv_bytes

        tmp.write_bytes(csv_bytes(list(columns), zip(*(data[name] for name in columns), strict=True)))
    tmp.replace(out)
