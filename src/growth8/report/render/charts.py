"""The report draws its figures with :mod:`growth8.figures.draw` (the charts results ``plot()`` too), in worker
processes: drawing the charts is most of a report's time, and each chart is independent of the others."""

from __future__ import annotations

import os

from growth8.figures.draw import figure_size, figure_svg, render
from growth8.report.model import Figure

__all__ = ["default_jobs", "figure_size", "figure_svg", "render", "svg_task", "warm_up"]

#: At most this many worker processes draw a report's charts (a report has about a dozen).
MAX_CHART_JOBS = 4


def default_jobs() -> int:
    """Worker processes for a report's charts: the CPUs this process may use, at most :data:`MAX_CHART_JOBS`."""
    affinity = getattr(os, "sched_getaffinity", None)
    cpus = len(affinity(0)) if affinity is not None else (os.cpu_count() or 1)
    return max(1, min(cpus, MAX_CHART_JOBS))


def warm_up() -> None:
    """What a chart worker does before its first chart: import matplotlib and lay out one line of text (the
    font cache), about a second."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(1, 1))
    fig.text(0.5, 0.5, "growth8")
    fig.canvas.draw()
    plt.close(fig)


def svg_task(task: tuple[Figure, str]) -> bytes:
    """One chart's SVG bytes; ``task`` is (figure, language), as ``ForkPool.submit`` passes it."""
    return figure_svg(*task)
