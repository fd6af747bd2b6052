"""``make bench``: luoshi's speed against a floor measured in the same run.

Floor = read the file + pinyin/invisible debris removal + OpenCC tw2s + one regex pass over the
text: the least any reader of these reports must do. Each figure is the best of several runs
(the minimum: on a shared machine, other processes only ever add time).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from luoshi.cli.batch import outcomes
from luoshi.ingest import read_source, report_files
from luoshi.normalise.clean import DEBRIS
from luoshi.normalise.script import to_simplified
from luoshi.pipeline import read_report

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLE = FIXTURES / "yangquan-2023.txt"
NUMBER = re.compile(r"\d+(?:\.\d+)?\s*(?:%|亿元|万元|万吨|万千瓦|个|家|座|项)?")
BATCH_COPIES = 16  # reports per fixture in the synthetic batch


def floor(path: str) -> int:
    """The floor: read, strip debris, convert script, one regex pass. Returns the match count."""
    text = read_source(path).text
    clean = to_simplified(DEBRIS.sub("", text))
    return len(NUMBER.findall(clean))


def full(path: str) -> int:
    """The whole reading pipeline (ingest → normalise → segment → extract)."""
    report = read_report(path)
    return len(report.quantities) + len(report.tasks)


def best_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return min(times)


def stages(path: str, runs: int) -> list[tuple[str, float]]:
    """Best seconds of each stage of the pipeline on one report."""
    from luoshi.extract import extract_quantities, extract_tasks
    from luoshi.normalise import normalise
    from luoshi.segment import segment

    source = read_source(path)
    text = normalise(source.text)
    meta, parts = segment(text)
    quantities = extract_quantities(text, parts, meta)
    return [
        ("  ingest (read_source)", best_seconds(lambda: read_source(path), runs)),
        ("  normalise", best_seconds(lambda: normalise(source.text), runs)),
        ("  segment", best_seconds(lambda: segment(text), runs)),
        ("  extract quantities", best_seconds(lambda: extract_quantities(text, parts, meta), runs)),
        ("  extract tasks", best_seconds(lambda: extract_tasks(text, parts, meta, quantities), runs)),
    ]


def make_batch(folder: Path) -> list[Path]:
    """A synthetic batch: the bundled reports, each in UTF-8, GB18030 and as an HTML page."""
    for source in sorted(FIXTURES.glob("*.txt")):
        text = source.read_text(encoding="utf-8")
        page = "<html><body><div id=zoom>" + "".join(f"<p>{p}</p>" for p in text.splitlines()) + "</div>"
        for i in range(BATCH_COPIES // 4 or 1):
            (folder / f"{source.stem}-{i}.txt").write_text(text, encoding="utf-8")
            (folder / f"{source.stem}-{i}-gbk.txt").write_bytes(text.encode("gb18030"))
            (folder / f"{source.stem}-{i}.html").write_text(page + "</body></html>", encoding="utf-8")
    return report_files(folder)


def floor_batch(files: list[Path], workers: int) -> None:
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(floor, [str(p) for p in files], chunksize=1))


def full_batch(files: list[Path], workers: int) -> None:
    for outcome in outcomes(files, tasks=False, workers=workers):
        if outcome.error:
            raise SystemExit(outcome.error)


def cli_seconds(args: list[str], runs: int) -> float:
    return best_seconds(lambda: subprocess.run(args, check=True, capture_output=True), runs)


def row(name: str, ours: float, base: float, unit: str, chars: int | None = None) -> str:
    speed = f"{chars / ours / 1e6:6.2f} M字/s" if chars else " " * 12
    return f"{name:<34}{ours * 1000:9.1f} ms {base * 1000:9.1f} ms {ours / base:7.1f}×  {speed}  {unit}"


def main() -> None:
    chars = len(read_source(EXAMPLE).text)
    full(str(EXAMPLE))  # warm caches: OpenCC dictionaries, compiled regexes
    floor(str(EXAMPLE))
    workers = os.cpu_count() or 1
    lines = [f"{'':<34}{'luoshi':>12} {'floor':>12} {'ratio':>8}  {'speed':>12}", "─" * 88]
    ours = best_seconds(lambda: full(str(EXAMPLE)), 15)
    base = best_seconds(lambda: floor(str(EXAMPLE)), 15)
    lines.append(row("example report (one process)", ours, base, f"{chars} 字", chars))
    lines += [row(name, seconds, base, "stage ÷ whole floor") for name, seconds in stages(str(EXAMPLE), 9)]
    with tempfile.TemporaryDirectory() as tmp:
        files = make_batch(Path(tmp))
        total = sum(len(read_source(p).text) for p in files)
        ours = best_seconds(lambda: full_batch(files, workers), 3)
        base = best_seconds(lambda: floor_batch(files, workers), 3)
        lines.append(row(f"batch of {len(files)} ({workers} workers)", ours, base, f"{total} 字", total))
        lines.append(row("  per report in the batch", ours / len(files), base / len(files), ""))
    luoshi = [sys.executable, "-m", "luoshi"]
    ours, base = cli_seconds([*luoshi, "--help"], 9), cli_seconds([sys.executable, "-c", "pass"], 9)
    lines.append(row("CLI start-up (luoshi --help)", ours, base, "floor: python -c pass"))
    ours = cli_seconds([*luoshi, "extract", str(EXAMPLE), "--format", "json"], 5)
    lines.append(row("CLI extract example --format json", ours, base, "floor: python -c pass"))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
