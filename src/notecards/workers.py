"""Running a build's jobs: in a process pool (generation is CPU-bound) or inline.

Jobs are top-level functions of picklable values and their results come back in submission
order, so the output is the same whatever the number of workers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Workers:
    """A pool of ``jobs`` worker processes, each set up once by ``initializer(*initargs)``; started
    when at least ``inline_below`` jobs need running at once (or by ``start``), otherwise jobs run
    inline in this process: starting workers costs more than a few jobs take."""

    def __init__(self, jobs: int, initializer: Callable[..., None], *initargs: object, inline_below: int = 2) -> None:
        self.jobs, self.initializer, self.initargs = max(jobs, 1), initializer, initargs
        self.inline_below = max(inline_below, 2)
        self.pool: ProcessPoolExecutor | None = None

    def start(self, warm_up: Callable[[], None]) -> None:
        """Start the pool now (when there is one), each worker running ``warm_up`` once it is set up:
        slow imports then load while this process does other work."""
        if self.jobs > 1 and self.pool is None:
            self.pool = ProcessPoolExecutor(self.jobs, initializer=self.initializer, initargs=self.initargs)
            for _ in range(self.jobs):
                self.pool.submit(warm_up)

    def map(self, function: Callable[[T], R], items: list[T]) -> Iterator[R]:
        if self.pool is None and (self.jobs == 1 or len(items) < self.inline_below):
            self.initializer(*self.initargs)
            return map(function, items)
        if self.pool is None:
            self.pool = ProcessPoolExecutor(self.jobs, initializer=self.initializer, initargs=self.initargs)
        return self.pool.map(function, items, chunksize=max(1, min(8, len(items) // (self.jobs * 8))))

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
