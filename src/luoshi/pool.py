"""One way to run a per-file function over many files in worker processes.

``luoshi extract DIR``, ``luoshi corpus`` and the benchmarks all map a pure, top-level function of
a path over a folder; this is the one place that decides how (a process pool on this machine; one
process when there is one worker or one item). Stopping the iteration early — an error, Ctrl-C, a
closed pipe — cancels what is still queued.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def workers_for(workers: int | None, items: int) -> int:
    """Worker processes for ``items`` items: the number asked (default: every core), at most one per item."""
    return max(1, min(workers or os.cpu_count() or 1, items))


def pool_map(
    fn: Callable[[T], R], items: Sequence[T], *, workers: int | None = None, ordered: bool = True
) -> Generator[R, None, None]:
    """``fn`` over ``items``: in the items' order (``ordered``) or as each finishes."""
    count = workers_for(workers, len(items))
    if count <= 1:
        yield from map(fn, items)
        return
    pool = ProcessPoolExecutor(max_workers=count)
    try:
        if ordered:
            yield from pool.map(fn, items, chunksize=1)
        else:
            for future in as_completed([pool.submit(fn, item) for item in items]):
                yield future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
