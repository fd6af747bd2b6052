"""One way to run a per-file function over many files in worker processes.

``luoshi extract DIR``, ``luoshi corpus`` and the benchmarks all map a pure, top-level function of
a path over a folder; this is the one place that decides how (a process pool on this machine; one
process when there is one worker or one item; :func:`dask_map` for a Dask cluster). Stopping the
iteration early — an error, Ctrl-C, a closed pipe — cancels what is still queued.
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


def dask_map(fn: Callable[[T], R], items: Sequence[T], *, address: str) -> Generator[R, None, None]:
    """``fn`` over ``items`` on a Dask distributed cluster (its scheduler at ``address``, such as
    ``tcp://10.0.0.5:8786``), as each finishes: for collections beyond one machine. Every worker
    needs luoshi installed and the items' files at the same paths (a shared file system). How long
    to wait for the scheduler is Dask's own setting ``distributed.comm.timeouts.connect`` (30 s
    unless set, e.g. ``DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT=5s``)."""
    from distributed import Client, as_completed

    from luoshi.errors import InputError

    if not items:
        return
    try:
        client = Client(address)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise InputError(f"无法连接 Dask 调度器 {address}：{exc}") from exc
    try:
        futures = client.map(fn, list(items), pure=False)
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            yield future.result()
    finally:
        client.close()  # type: ignore[no-untyped-call]
