"""Corpus throughput: reports per second on 1 and 2 worker processes, beside the reading floor.

Run: ``python -m benchmarks.corpus [N]`` (N reports, default 24). ``run()`` returns the numbers and
``lines()`` the text that ``make bench`` prints. The reading floor is measured in the same run:
read + debris removal + OpenCC + one regex pass over each report (the floor of ``make bench``'s
reading rows, :func:`benchmarks.__main__.floor`), serially, in this process. The bar (issue 16):
at least 80 reports/s on 2 workers over the real collection; these synthetic reports are longer.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from benchmarks.__main__ import floor as read_floor
from luoshi.ingest import report_files
from luoshi.link.corpus import build_corpus

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
SOURCES = ("yangquan-2023.txt", "guowuyuan-2021.txt", "guowuyuan-2022.txt")


def make_corpus(folder: Path, n: int) -> None:
    """``n`` distinct reports (the fixtures, each copy made unique by a trailing line)."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = [(FIXTURES / name).read_text(encoding="utf-8") for name in SOURCES]
    for i in range(n):
        text = texts[i % len(texts)] + f"\n（副本{i}）\n"
        (folder / f"report-{i:04d}.txt").write_text(text, encoding="utf-8")


def reading_floor(folder: Path) -> float:
    """Seconds to read, clean, convert and regex-scan every report once, serially."""
    start = time.perf_counter()
    for path in report_files(folder):
        read_floor(str(path))
    return time.perf_counter() - start


def corpus_seconds(folder: Path, workers: int, scratch: Path) -> float:
    start = time.perf_counter()
    out, parts = scratch / f"w{workers}.parquet", scratch / f"parts-{workers}"
    build_corpus(folder, out, workers=workers, work_dir=parts)
    return time.perf_counter() - start


def run(n: int = 24) -> dict[str, float]:
    """Reports per second: floor, 1 worker, 2 workers (fresh part folders, nothing reused)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_corpus(root / "reports", n)
        floor = reading_floor(root / "reports")
        one = corpus_seconds(root / "reports", 1, root)
        two = corpus_seconds(root / "reports", 2, root)
    return {"reports": n, "floor": n / floor, "workers_1": n / one, "workers_2": n / two}


def lines(result: dict[str, float]) -> list[str]:
    n, floor = int(result["reports"]), result["floor"]
    one, two = result["workers_1"], result["workers_2"]
    return [
        f"corpus ({n} reports): reading floor {floor:.1f} reports/s",
        f"corpus: 1 worker  {one:.1f} reports/s ({floor / one:.1f}× the floor)",
        f"corpus: 2 workers {two:.1f} reports/s ({floor / two:.1f}× the floor, {two / one:.2f}× one worker)",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description="Corpus reports/s on 1 and 2 workers, beside the floor.")
    parser.add_argument("n", nargs="?", type=int, default=24, help="how many reports (default 24)")
    print("\n".join(lines(run(parser.parse_args().n))))


if __name__ == "__main__":
    main()
