"""ForkPool: tasks in forked workers, results in order, errors and Ctrl-C stop every worker, and a process with
other threads (a server) runs the tasks itself."""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading

import pytest

from growth8.analysis.executor import ForkPool

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ForkPool forks on Linux only")


def square_and_pid(x: int) -> tuple[int, int]:
    return x * x, os.getpid()


def fail_on_three(x: int) -> int:
    if x == 3:
        raise ValueError(f"task {x} failed on purpose")
    return x


def broken_warm() -> None:
    raise RuntimeError("warm-up failed on purpose")


@linux_only
def test_forked_workers_return_results_in_task_order() -> None:
    with ForkPool(2) as pool:
        assert pool.forked
        results = [pool.submit(square_and_pid, x) for x in range(8)]
        out = [r() for r in results]
    assert [v for v, _ in out] == [x * x for x in range(8)]
    pids = {pid for _, pid in out}
    assert os.getpid() not in pids and 1 <= len(pids) <= 2
    assert multiprocessing.active_children() == []  # closed: every worker has exited


def test_one_job_runs_each_task_here_when_its_result_is_asked_for() -> None:
    calls: list[int] = []

    def record(x: int) -> int:  # a local function: never pickled, since nothing is forked
        calls.append(x)
        return -x

    with ForkPool(1) as pool:
        assert not pool.forked
        result = pool.submit(record, 5)
        assert calls == []  # not run yet
        assert result() == -5 and result() == -5
    assert calls == [5]


@linux_only
def test_a_process_with_other_threads_does_not_fork() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        with ForkPool(2) as pool:
            assert not pool.forked
            assert pool.submit(square_and_pid, 4)() == (16, os.getpid())
    finally:
        stop.set()
        thread.join()


@linux_only
def test_a_failing_task_raises_its_error_and_stops_every_worker() -> None:
    with pytest.raises(ValueError, match="task 3 failed on purpose"), ForkPool(2) as pool:
        results = [pool.submit(fail_on_three, x) for x in range(6)]
        [r() for r in results]
    assert multiprocessing.active_children() == []  # terminated, and the pool's own thread has ended:
    with ForkPool(2) as again:  # so the next pool forks again
        assert again.forked and again.submit(fail_on_three, 1)() == 1


@linux_only
def test_a_failing_warm_up_is_ignored() -> None:
    with ForkPool(2, warm=broken_warm) as pool:
        assert pool.submit(square_and_pid, 3)()[0] == 9
