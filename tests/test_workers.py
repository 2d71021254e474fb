"""The worker processes: results in order, never more workers than jobs, a job's bug raised in the
main process, a killed worker reported, and every worker gone when the pool closes."""

from __future__ import annotations

import os
import signal
import time

import pytest

from build_processes import running
from notecards.workers import WorkerFailed, Workers


def setup(*_: object) -> None:
    pass


def square(number: int) -> int:
    return number * number


def slow_square(number: int) -> int:
    time.sleep(0.01 * (number % 3))
    return number * number


def broken(number: int) -> int:
    if number == 3:
        raise ValueError("a bug in a job")
    return number


def suicide(number: int) -> int:
    if number == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    return number


def test_results_come_back_in_order_from_two_workers() -> None:
    with Workers(2, setup) as workers:
        assert list(workers.map(slow_square, list(range(20)))) == [n * n for n in range(20)]
        assert len(workers.pids) == 2


def test_never_more_workers_than_jobs() -> None:
    """--jobs 64 on three files starts three workers, not 64."""
    with Workers(64, setup) as workers:
        workers.start(setup, expected=3)
        assert len(workers.pids) == 3
        assert list(workers.map(square, [1, 2, 3])) == [1, 4, 9] and len(workers.pids) == 3
    with Workers(64, setup) as workers:
        assert list(workers.map(square, [1, 2, 3, 4])) == [1, 4, 9, 16] and len(workers.pids) == 4


def test_a_bug_in_a_job_is_raised_in_the_main_process() -> None:
    with Workers(2, setup) as workers, pytest.raises(ValueError, match="a bug in a job"):
        list(workers.map(broken, list(range(6))))


def test_a_killed_worker_is_an_error_not_a_hang() -> None:
    with Workers(2, setup) as workers, pytest.raises(WorkerFailed, match="killed by signal 9"):
        list(workers.map(suicide, list(range(6))))


@pytest.mark.parametrize("failing", [False, True])
def test_every_worker_is_gone_when_the_pool_closes(failing: bool) -> None:
    seen: tuple[int, ...] = ()
    try:
        with Workers(3, setup) as workers:
            workers.start(setup)
            seen = workers.pids
            list(workers.map(broken if failing else square, list(range(9))))
    except ValueError:
        assert failing
    assert len(seen) == 3 and not any(running(pid) for pid in seen)
