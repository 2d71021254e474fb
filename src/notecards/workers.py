"""Running a build's jobs: in worker processes (generation is CPU-bound) or inline.

Jobs are top-level functions of picklable values and their results come back in submission
order, so the output is the same whatever the number of workers.

The pool is a few processes, each with a pipe to this one, and nothing else: no queue feeder or
manager threads that an interrupted build could wait on forever at exit. A worker ignores Ctrl-C
(the terminal sends it to every process of the build; the main process decides), is terminated
when the build stops for any reason, and dies with the main process however that one ends: the
kernel kills it (``PR_SET_PDEATHSIG`` on Linux), else it notices its parent is gone, and a worker
waiting for a job sees its pipe closed. So no worker writes anything after its build has ended.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

STOP_WAIT = 0.5  # seconds a terminated worker gets before it is killed
_PR_SET_PDEATHSIG = 1


class WorkerFailed(RuntimeError):
    """A worker process ended without answering (killed, out of memory) or a job raised."""


class Workers:
    """``jobs`` worker processes, each set up once by ``initializer(*initargs)``; started when at
    least ``inline_below`` jobs need running at once (or by ``start``), otherwise jobs run inline in
    this process: starting workers costs more than a few jobs take. Never more workers than jobs."""

    def __init__(self, jobs: int, initializer: Callable[..., None], *initargs: object, inline_below: int = 2) -> None:
        self.jobs, self.initializer, self.initargs = max(jobs, 1), initializer, initargs
        self.inline_below = max(inline_below, 2)
        self._processes: list[tuple[BaseProcess, Connection]] = []

    @property
    def pids(self) -> tuple[int, ...]:
        return tuple(process.pid or 0 for process, _ in self._processes)

    def start(self, warm_up: Callable[[], None], expected: int | None = None) -> None:
        """Start the workers now (when there are to be any; no more than ``expected`` jobs), each
        running ``warm_up`` once it is set up: slow imports then load while this process works."""
        if self.jobs > 1 and not self._processes:
            self._spawn(min(self.jobs, expected or self.jobs), warm_up)

    def map(self, function: Callable[[T], R], items: list[T]) -> Iterator[R]:
        if not self._processes and (self.jobs == 1 or len(items) < self.inline_below):
            self.initializer(*self.initargs)
            return map(function, items)
        wanted = min(self.jobs, len(items)) - len(self._processes)
        if wanted > 0:
            self._spawn(wanted, None)
        return self._run(function, items)

    def _spawn(self, count: int, warm_up: Callable[[], None] | None) -> None:
        context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        with _signals_held():  # a worker starts with the main process's handlers until it sets its own
            for _ in range(count):
                self._spawn_one(context, warm_up)

    def _spawn_one(self, context: Any, warm_up: Callable[[], None] | None) -> None:
        ours, theirs = context.Pipe()
        process = context.Process(
            target=_serve, args=(theirs, os.getpid(), self.initializer, self.initargs, warm_up), daemon=True
        )
        process.start()
        theirs.close()
        self._processes.append((process, ours))

    def _run(self, function: Callable[[T], R], items: list[T]) -> Iterator[R]:
        waiting = deque(enumerate(items))
        idle = list(self._processes)
        busy: dict[Connection, tuple[BaseProcess, Connection]] = {}
        results: dict[int, R] = {}
        next_index = 0
        while next_index < len(items):
            while idle and waiting:
                worker = idle.pop()
                try:
                    worker[1].send((function, *waiting.popleft()))
                except OSError:  # it ended while idle
                    raise WorkerFailed(_ended(worker[0])) from None
                busy[worker[1]] = worker
            sentinels = {worker[0].sentinel: worker for worker in busy.values()}
            for ready in wait([*busy, *sentinels]):
                if isinstance(ready, int):  # a process ended
                    if sentinels[ready][1] in busy:
                        raise WorkerFailed(_ended(sentinels[ready][0]))
                    continue
                if ready not in busy:
                    continue
                try:
                    index, ok, value = ready.recv()
                except (EOFError, OSError):
                    raise WorkerFailed(_ended(busy[ready][0])) from None
                if not ok:
                    raise value if isinstance(value, BaseException) else WorkerFailed(value)
                results[index] = value
                idle.append(busy.pop(ready))
            while next_index in results:
                yield results.pop(next_index)
                next_index += 1

    def close(self, at_once: bool) -> None:
        """Stop every worker: ask them to finish (``at_once``: terminate them), then make sure."""
        processes, self._processes = self._processes, []
        for process, connection in processes:
            if not at_once:
                with suppress(OSError):
                    connection.send(None)
            elif process.is_alive():
                process.terminate()
        deadline = time.monotonic() + STOP_WAIT
        for process, connection in processes:
            process.join(max(deadline - time.monotonic(), 0))
            if process.is_alive():
                process.kill()
                process.join()
            connection.close()

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self.close(at_once=kind is not None)


_HELD = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM wait (blocked) while workers are forked; they arrive right after."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _ended(process: BaseProcess) -> str:
    process.join(STOP_WAIT)
    code = process.exitcode
    how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
    return f"a worker process stopped unexpectedly ({how}); the build was not recorded"


def _serve(
    connection: Connection,
    parent: int,
    initializer: Callable[..., None],
    initargs: tuple[object, ...],
    warm_up: Callable[[], None] | None,
) -> None:
    """A worker's life: set up, then run jobs until told to stop or the main process is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)
    die_with_parent(parent)
    initializer(*initargs)
    if warm_up is not None:
        warm_up()
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):  # the main process closed its end, or is gone
            return
        if message is None:
            return
        function, index, item = message
        try:
            reply: tuple[int, bool, Any] = (index, True, function(item))
        except Exception as error:  # noqa: BLE001 - a bug in a job: raised again in the main process
            reply = (index, False, _portable(error))
        try:
            connection.send(reply)
        except (EOFError, OSError):
            return


def _portable(error: Exception) -> Exception | str:
    """The error itself when it can travel back to the main process, else its traceback as text."""
    import pickle

    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # noqa: BLE001 - anything that does not survive pickling goes as text
        return "".join(traceback.format_exception(error))
    return error


def die_with_parent(parent: int) -> None:
    """End this process when ``parent`` ends: the kernel's parent-death signal on Linux, else a
    thread that watches for the parent to change (a re-parented process has another parent id)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # it died before the signal was asked for
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)
