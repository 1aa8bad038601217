"""The report draws its figures with :mod:`growth8.figures.draw` (the charts results ``plot()`` too), spread over
worker processes: drawing the charts is most of a report's time, and each chart is independent of the others."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

from growth8.figures.draw import figure_svg, render
from growth8.report.model import Figure

__all__ = ["default_jobs", "figure_svg", "figure_svgs", "in_workers", "render"]

#: At most this many worker processes draw a report's charts (a report has about a dozen).
MAX_CHART_JOBS = 4


def default_jobs() -> int:
    """Worker processes for a report's charts: the CPUs this process may use, at most :data:`MAX_CHART_JOBS`."""
    affinity = getattr(os, "sched_getaffinity", None)
    cpus = len(affinity(0)) if affinity is not None else (os.cpu_count() or 1)
    return max(1, min(cpus, MAX_CHART_JOBS))


def in_workers(
    func: Callable[[tuple[Figure, str]], Any], figures: Sequence[Figure], lang: str, jobs: int | None = None
) -> list[Any]:
    """``func((figure, lang))`` for every figure, in order, run by ``jobs`` worker processes forked from this one
    (default :func:`default_jobs`; 1: in this process; see :func:`growth8.analysis.executor.execute_forked`).

    ``func`` must be a module-level function (it is pickled to the workers). The results are the same whatever
    ``jobs`` is: each chart is drawn from its own spec with fixed settings (``svg.hashsalt``), never from state
    left by another.
    """
    from growth8.analysis.executor import execute_forked

    tasks = [(fig, lang) for fig in figures]
    return execute_forked(func, tasks, default_jobs() if jobs is None else jobs)


def svg_task(task: tuple[Figure, str]) -> bytes:
    """One chart's SVG bytes; ``task`` is (figure, language)."""
    return figure_svg(*task)


def figure_svgs(figures: Sequence[Figure], lang: str, jobs: int | None = None) -> list[bytes]:
    """Every chart as SVG bytes, in order (see :func:`in_workers`)."""
    return in_workers(svg_task, figures, lang, jobs)
