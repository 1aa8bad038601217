"""Running tasks locally (joblib's loky processes) or on a dask.distributed cluster, results in task order.

Local workers (``--jobs N``) are loky processes (the engine joblib uses), started so that they never outlive or
out-shout the command that started them:

* **Ctrl-C reaches the parent only.** A terminal's Ctrl-C signals the whole process group. Workers are started
  with SIGINT blocked (:func:`_sigint_blocked` around every submission, which is where loky starts its
  processes; a blocked signal mask is inherited through fork and exec), and their initializer
  (:func:`_worker_start`) then ignores SIGINT for good. So a worker prints no traceback, even while it is still
  importing. The parent's interrupt unwinds through :func:`_local`, which terminates the workers
  (``shutdown(kill_workers=True)``) before the command prints its one line.
* **Workers die with their parent.** Each worker runs a daemon thread that exits the worker as soon as
  ``os.getppid()`` is no longer the process that started it; on Linux, when the pool is started from the main
  thread, the kernel also kills the worker the moment its parent dies (``prctl(PR_SET_PDEATHSIG, SIGKILL)``;
  not from other threads, as the kernel ties it to the thread that started the worker). So killing only the
  main process (SIGKILL, an OOM kill) leaves no workers computing for an hour.
* **Any failure stops the rest.** A task's error, an interrupt or an abandoned iteration cancels what is queued
  and terminates the workers.

A dask scheduler that cannot be reached is an :class:`~growth8.errors.InputError` after
:data:`DASK_CONNECT_TIMEOUT` seconds, not an internal error after dask's 30.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

from growth8.errors import InputError, Problem

#: Seconds to wait for a dask scheduler before telling the user it cannot be reached.
DASK_CONNECT_TIMEOUT = 5.0
#: Seconds an idle local worker waits for more work before it exits (loky's idle timeout).
WORKER_IDLE_TIMEOUT = 60.0
#: Seconds between two checks by a worker that its parent is alive.
PARENT_POLL_SECONDS = 0.25
#: Tasks submitted ahead of the one awaited, per worker: enough to keep workers busy, memory flat.
AHEAD_PER_WORKER = 2
#: Thread-pool variables limited in workers (as joblib does) so N workers do not oversubscribe the CPUs.
THREAD_VARS = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "BLIS_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
)

_PR_SET_PDEATHSIG = 1


# --------------------------------------------------------------------------- running tasks
def execute(
    func: Callable[[Any], Any],
    tasks: Sequence[Any],
    *,
    jobs: int = 1,
    engine: str = "joblib",
    scheduler: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[Any]:
    """Run ``func`` over ``tasks`` locally (joblib) or on a dask.distributed cluster.

    Yields the results one at a time, in task order whatever the backend, so
    outputs never depend on how the work was spread and the caller can fold
    each result in and drop it (memory stays flat in the number of tasks).

    Parameters
    ----------
    func : callable
        A module-level function of one task (it is pickled to the workers).
    tasks : sequence
        The tasks, in the order their results are yielded.
    jobs : int
        Local worker processes (``engine="joblib"``); 1 runs in this process.
    engine : str
        ``joblib`` (this machine) or ``dask`` (a dask.distributed cluster at ``scheduler``).
    scheduler : str, optional
        The dask scheduler's address, with ``engine="dask"``.
    progress : callable, optional
        Called with (tasks done, tasks) after each result.

    Returns
    -------
    iterator
        The results, in task order.

    Raises
    ------
    InputError
        An unknown engine, dask not installed, no scheduler, or a scheduler that cannot be reached
        (raised when the iteration starts).
    """
    if engine not in ("joblib", "dask"):
        raise InputError([Problem.of("error.analysis.engine", key="--engine", engine=engine)])
    if engine == "dask":
        import importlib.util

        if importlib.util.find_spec("distributed") is None:
            raise InputError([Problem.of("error.analysis.dask_missing", key="--engine")])
        if not scheduler:
            raise InputError([Problem.of("error.analysis.dask_scheduler", key="--scheduler")])
        return _dask(func, tasks, scheduler, progress)
    if jobs == 1 or len(tasks) <= 1:
        return _serial(func, tasks, progress)
    return _local(func, tasks, jobs, progress)


def _serial(
    func: Callable[[Any], Any], tasks: Sequence[Any], progress: Callable[[int, int], None] | None
) -> Iterator[Any]:
    total = len(tasks)
    for i, task in enumerate(tasks):
        yield func(task)
        if progress:
            progress(i + 1, total)


class ForkPool:
    """Worker processes forked from this one, started at once, that take tasks one at a time until closed.

    A forked worker starts in milliseconds with everything this process has imported (a fresh loky worker
    imports the package for seconds), so the pool suits a few short tasks whose results are wanted later, such
    as a report's charts: start it early, let ``warm`` import and set up what the tasks need while this process
    computes, then submit. The workers are started as :func:`execute`'s are (SIGINT blocked, then ignored; they
    die with this process), and :meth:`close` after an error or Ctrl-C terminates them.

    Forking is safe only from a process with one thread, on Linux (where fork is the default): elsewhere, or
    when other threads run (a server), the tasks run in this process, each when its result is first asked for.

    Parameters
    ----------
    jobs : int
        Worker processes; 1 runs every task in this process.
    warm : callable, optional
        A module-level function of no arguments that every worker runs first, one worker at a time (an error in
        it is ignored: the tasks then report their own).

    Examples
    --------
    >>> with ForkPool(2) as pool:                      # doctest: +SKIP
    ...     results = [pool.submit(abs, x) for x in (-1, -2)]
    ...     [result() for result in results]
    [1, 2]
    """

    def __init__(self, jobs: int, warm: Callable[[], None] | None = None) -> None:
        self._pool: Any = None
        if jobs > 1 and sys.platform.startswith("linux") and threading.active_count() == 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            start = (os.getpid(), True, warm, multiprocessing.get_context("fork").Lock())
            with _sigint_blocked():  # the workers are forked now, with SIGINT blocked
                self._pool = ProcessPoolExecutor(
                    max_workers=jobs,
                    mp_context=multiprocessing.get_context("fork"),
                    initializer=_forked_worker_start,
                    initargs=start,
                )
                self._pool.submit(int)  # with fork, the first submit starts every worker

    @property
    def forked(self) -> bool:
        """Whether tasks run in forked workers (False: in this process)."""
        return self._pool is not None

    def submit(self, func: Callable[[Any], Any], task: Any) -> Callable[[], Any]:
        """Start ``func(task)`` and return a function of no arguments that waits for its result and returns it
        (raising what the task raised); without workers, that function runs the task the first time it is
        called."""
        if self._pool is None:
            done: list[Any] = []

            def run_here() -> Any:
                if not done:
                    done.append(func(task))
                return done[0]

            return run_here
        with _sigint_blocked():
            future = self._pool.submit(func, task)
        return lambda: _wait(future)

    def close(self, kill: bool = False) -> None:
        """Stop the workers: after their queued tasks, or (``kill``) at once, dropping what is queued."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if not kill:
            pool.shutdown(wait=True)
            return
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            with suppress(Exception):
                process.terminate()
        with _sigint_blocked(), suppress(Exception):  # the pool is broken now: its manager thread ends at once
            pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ForkPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self.close(kill=kind is not None)


def _forked_worker_start(parent: int, kernel_watch: bool, warm: Callable[[], None] | None, one_at_a_time: Any) -> None:
    """Initializer of a :class:`ForkPool` worker: :func:`_worker_start`, then ``warm`` (its errors ignored).

    ``one_at_a_time`` (a lock the workers share) lets one worker warm up at a time: the process that started
    them is still computing, and two workers warming up at once on a 2-CPU machine would take a third of its
    CPU while the second worker's warm-up, done later, still ends before the charts are asked for.
    """
    _worker_start(parent, kernel_watch)
    if warm is not None:
        with one_at_a_time, suppress(Exception):
            warm()


# --------------------------------------------------------------------------- local worker processes
@contextmanager
def _sigint_blocked() -> Iterator[None]:
    """Block SIGINT in this thread inside the block: processes started here inherit the blocked mask.

    A Ctrl-C that arrives meanwhile waits and is delivered when the block ends.
    """
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None:  # pragma: no cover - not POSIX
        yield
        return
    previous = mask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, previous)


def _worker_start(parent: int, kernel_watch: bool) -> None:
    """Initializer of every local worker: ignore Ctrl-C (the parent handles it) and die with the parent.

    Parameters
    ----------
    parent : int
        The process id of the process that started the pool.
    kernel_watch : bool
        Also ask Linux to kill this worker when its parent dies (only right when the pool was started from the
        parent's main thread: the kernel watches the thread that started the worker).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # also discards a Ctrl-C that arrived while blocked
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    if kernel_watch:
        _die_with_parent()
    threading.Thread(target=_watch_parent, args=(parent,), name="growth8-parent-watch", daemon=True).start()
    if os.getppid() != parent:  # the parent died before the worker could watch it
        os._exit(1)


def _die_with_parent() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError, TypeError):
        return False


def _watch_parent(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


def _worker_env(jobs: int) -> dict[str, str]:
    threads = str(max((os.cpu_count() or 1) // jobs, 1))
    return {var: os.environ.get(var, threads) for var in THREAD_VARS}


def _start_resource_trackers() -> None:
    """Start the resource trackers of multiprocessing and loky now, with SIGINT not blocked.

    They start with the first worker otherwise, inside :func:`_sigint_blocked`, and unblock SIGINT when done
    (``SIG_UNBLOCK`` rather than restoring the mask): the workers started after them would not inherit the block.
    The trackers ignore SIGINT themselves.
    """
    from multiprocessing import resource_tracker

    from joblib.externals.loky.backend import resource_tracker as loky_tracker

    with suppress(Exception):  # best effort: a tracker that cannot start now starts with the first worker
        resource_tracker.ensure_running()
    with suppress(Exception):
        loky_tracker.ensure_running()


def _local(
    func: Callable[[Any], Any], tasks: Sequence[Any], jobs: int, progress: Callable[[int, int], None] | None
) -> Iterator[Any]:
    from joblib.externals.loky import get_reusable_executor

    total = len(tasks)
    workers = min(jobs, total)
    _start_resource_trackers()
    with _sigint_blocked():  # a resized executor starts processes here
        pool = get_reusable_executor(
            max_workers=workers,
            timeout=WORKER_IDLE_TIMEOUT,
            initializer=_worker_start,
            initargs=(os.getpid(), threading.current_thread() is threading.main_thread()),
            env=_worker_env(workers),
        )
    pending: deque[Any] = deque()
    upcoming = iter(tasks)

    def submit_next() -> None:
        for task in upcoming:
            with _sigint_blocked():  # loky starts (and restarts) its worker processes in submit
                pending.append(pool.submit(func, task))
            return

    try:
        for _ in range(AHEAD_PER_WORKER * workers):
            submit_next()
        done = 0
        while pending:
            result = _wait(pending.popleft())
            submit_next()
            done += 1
            yield result
            if progress:
                progress(done, total)
    except BaseException:  # an error, Ctrl-C, or the caller stopped iterating: stop every worker now
        _stop(pool)
        raise


def _stop(pool: Any) -> None:
    """Terminate the pool's workers now; what is queued is dropped (its futures fail).

    loky's manager thread fails the pending futures itself (cancelling them first makes it raise), but it still
    reads the ids of tasks it has not queued yet after it has dropped them (a KeyError printed by its thread):
    so those ids are taken out of its queue first. No task is submitted meanwhile (this thread is here).
    """
    work_ids = getattr(pool, "_work_ids", None)
    with suppress(Exception):  # queue.Empty ends it
        while work_ids is not None:
            work_ids.get_nowait()
    with _sigint_blocked(), suppress(Exception):
        pool.shutdown(wait=True, kill_workers=True)


def _wait(future: Any) -> Any:
    """The future's result, waiting in short steps so that a Ctrl-C is handled at once."""
    while True:
        try:
            return future.result(timeout=0.2)
        except TimeoutError:
            continue


# --------------------------------------------------------------------------- dask.distributed
def _unreachable(scheduler: str) -> InputError:
    return InputError(
        [
            Problem.of(
                "error.analysis.dask_unreachable",
                key="--scheduler",
                address=scheduler,
                seconds=f"{DASK_CONNECT_TIMEOUT:g}",
            )
        ]
    )


def _check_address(scheduler: str) -> None:
    """Refuse an address dask cannot parse, and a tcp/tls scheduler nobody listens on, at once.

    dask itself retries a refused connection until its timeout; a plain socket says so in milliseconds.
    """
    import socket

    from distributed.comm.addressing import get_address_host_port, parse_address

    try:
        scheme, _ = parse_address(scheduler)
        if scheme not in ("tcp", "tls"):
            return  # inproc://, ucx://, ws://: left to dask
        host, port = get_address_host_port(scheduler)
    except (ValueError, TypeError):
        raise InputError([Problem.of("error.analysis.dask_address", key="--scheduler", address=scheduler)]) from None
    try:
        with socket.create_connection((host, int(port)), timeout=DASK_CONNECT_TIMEOUT):
            pass
    except (OSError, OverflowError, ValueError):
        raise _unreachable(scheduler) from None


def _connect(scheduler: str) -> Any:
    """A dask client of ``scheduler``; an InputError when it cannot be reached in DASK_CONNECT_TIMEOUT s."""
    from distributed import Client

    class _Client(Client):
        def start(self, **kwargs: Any) -> Any:
            try:
                return super().start(**kwargs)
            except BaseException:  # half-made: its finaliser would otherwise wait 10 s for nothing
                _abandon(self)
                raise

    _check_address(scheduler)
    try:
        return _Client(scheduler, set_as_default=False, timeout=DASK_CONNECT_TIMEOUT)
    except (OSError, TimeoutError):
        raise _unreachable(scheduler) from None
    except Exception:  # something answered, but not as a dask scheduler
        raise InputError(
            [Problem.of("error.analysis.dask_not_scheduler", key="--scheduler", address=scheduler)]
        ) from None


def _abandon(client: Any) -> None:
    """Forget a client whose connection failed, without waiting for its scheduler."""
    with suppress(Exception):
        client.status = "closed"
    with suppress(Exception):
        client._loop_runner.stop()


def _dask(
    func: Callable[[Any], Any], tasks: Sequence[Any], scheduler: str, progress: Callable[[int, int], None] | None
) -> Iterator[Any]:
    total = len(tasks)
    client = _connect(scheduler)
    try:
        futures = client.map(func, tasks, pure=False)
        for i, future in enumerate(futures):  # in task order: the result never depends on timing
            yield future.result()
            futures[i] = None  # let the cluster forget it
            if progress:
                progress(i + 1, total)
    finally:
        with suppress(Exception):
            client.close(timeout=DASK_CONNECT_TIMEOUT)
