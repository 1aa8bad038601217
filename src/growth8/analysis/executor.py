"""Running tasks locally (joblib) or on a dask.distributed cluster, results in task order."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from growth8.errors import InputError, Problem

if TYPE_CHECKING:
    pass


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
    """
    if engine not in ("joblib", "dask"):
        raise InputError([Problem.of("error.analysis.engine", key="--engine", engine=engine)])
    if engine == "dask":
        import importlib.util

        if importlib.util.find_spec("distributed") is None:
            raise InputError([Problem.of("error.analysis.dask_missing", key="--engine")])
        if not scheduler:
            raise InputError([Problem.of("error.analysis.dask_scheduler", key="--scheduler")])
    return _results(func, tasks, jobs, engine, scheduler, progress)


def _results(
    func: Callable[[Any], Any],
    tasks: Sequence[Any],
    jobs: int,
    engine: str,
    scheduler: str | None,
    progress: Callable[[int, int], None] | None,
) -> Iterator[Any]:
    total = len(tasks)
    if engine == "dask":
        from distributed import Client

        with Client(scheduler, set_as_default=False) as client:
            futures = client.map(func, tasks, pure=False)
            for i, future in enumerate(futures):  # in task order: the result never depends on timing
                yield future.result()
                futures[i] = None  # let the cluster forget it
                if progress:
                    progress(i + 1, total)
        return
    if jobs == 1 or total == 1:
        for i, task in enumerate(tasks):
            yield func(task)
            if progress:
                progress(i + 1, total)
        return
    from joblib import Parallel, delayed

    runner = Parallel(n_jobs=jobs, return_as="generator")
    for i, result in enumerate(runner(delayed(func)(task) for task in tasks)):
        yield result
        if progress:
            progress(i + 1, total)
