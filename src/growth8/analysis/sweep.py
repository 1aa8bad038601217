"""Sweeps over scenario levers: the Cartesian product of a grid, projected in chunks."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from growth8.analysis.executor import execute
from growth8.analysis.montecarlo import _target_info
from growth8.analysis.sensitivity import _tile
from growth8.config.limits import MAX_GRID_POINTS, MAX_SWEEP_ROWS
from growth8.errors import ConfigError, InputError, Problem, Text, suggestion
from growth8.i18n import Num
from growth8.model.engine import INITIAL_FIELDS, PATH_FIELDS, Array, EngineInputs, run
from growth8.model.engine import INITIAL_PARAMETERS as INITIAL_PARAMS
from growth8.model.engine import PATH_PARAMETERS as PATH_PARAMS
from growth8.results.uncertainty import SweepResult

if TYPE_CHECKING:
    from growth8.results.projection import ProjectionResult


# --------------------------------------------------------------------------- sweeps
@dataclass(frozen=True)
class SweepTask:
    index: int
    inputs: EngineInputs
    names: tuple[str, ...]
    points: Array  # (D, K)
    target_index: NDArray[np.intp]  # (P,)
    target_level: Array  # (P,)


def run_sweep_chunk(task: SweepTask) -> tuple[int, Array, Array, Array]:
    """Project every grid point of a chunk; return growth into the target year, mean growth, extra investment share."""
    tiled = _tile(task.inputs, task.points.shape[0])
    for k, name in enumerate(task.names):
        column = task.points[:, k]
        if name in INITIAL_PARAMS:
            getattr(tiled, INITIAL_PARAMS[name])[...] = column
        else:
            getattr(tiled, PATH_PARAMS[name])[..., 1:] = column[:, None]
    out = run(tiled)
    growth_by = np.take_along_axis(out.growth, task.target_index[None, :, None, None], axis=-1)[..., 0]
    mean = np.exp(np.log1p(out.growth[..., 1:]).mean(axis=-1)) - 1.0
    share = (out.extra_investment_real[..., 1:] / out.grdp_real[..., 1:]).mean(axis=-1)
    return task.index, growth_by, mean, share


def sweep(
    projection: ProjectionResult,
    grid: Mapping[str, Sequence[float]] | None = None,
    *,
    scenario: str | None = None,
    chunk: int = 250,
    jobs: int = 1,
    engine: str = "joblib",
    scheduler: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SweepResult:
    """Project every point of a grid over parameters (levers), for one scenario.

    Parameters
    ----------
    projection : ProjectionResult
    grid : mapping, optional
        Parameter -> values; default the config's ``sweep.grid``. The
        Cartesian product is swept; a value is held in every projected year
        (for ``capital_injection``: paid every year).
    scenario : str, optional
        Default the config's ``sweep.scenario``, else the last scenario.
    chunk, jobs, engine, scheduler, progress : as for :func:`simulate`.

    Returns
    -------
    SweepResult
        One row per grid point and province: the levers, growth into the
        target year, mean growth over the projection, mean extra investment
        (share of GRDP), and whether the target is reached in the target year.
    """
    setup = projection.setup
    cfg = setup.config
    source = grid if grid is not None else cfg.sweep.grid
    chosen = {k: [float(x) for x in v] for k, v in source.items()}
    if not chosen:
        raise ConfigError(
            [Problem.of("error.analysis.no_sweep_grid", file=str(cfg.path), key="sweep", block="sweep: {grid: ...}")]
        )
    problems = grid_problems(chosen, setup.defaults)
    scen = scenario or cfg.sweep.scenario or setup.scenarios[-1]
    if scen not in setup.scenarios:
        hint = suggestion(scen, setup.scenarios)
        problems.append(Problem.of("error.config.unknown_scenario", key="--scenario", name=scen, hint=hint))
    points_n = math.prod(len(v) for v in chosen.values())
    work = points_n * len(setup.provinces)
    if not problems and work > MAX_SWEEP_ROWS:
        problems.append(
            Problem.of(
                "error.analysis.sweep_work",
                key="--grid",
                points=Num(points_n),
                provinces=len(setup.provinces),
                work=Num(work),
                ceiling=Num(MAX_SWEEP_ROWS),
            )
        )
    if problems:
        raise InputError(problems)
    started = time.perf_counter()
    i = setup.scenarios.index(scen)
    full = setup.engine_inputs()
    one = _slice_scenario(full, i)
    names = tuple(chosen)
    mesh = np.array(np.meshgrid(*(np.asarray(chosen[n], dtype=float) for n in names), indexing="ij"))
    points = mesh.reshape(len(names), -1).T
    years_by, level = _target_info(projection)
    t_idx = np.array([int(np.searchsorted(setup.years, y)) for y in years_by])
    tasks = [
        SweepTask(
            index=c,
            inputs=one,
            names=names,
            points=points[c * chunk : (c + 1) * chunk],
            target_index=t_idx,
            target_level=level,
        )
        for c in range(math.ceil(len(points) / chunk))
    ]
    parts = list(execute(run_sweep_chunk, tasks, jobs=jobs, engine=engine, scheduler=scheduler, progress=progress))
    growth_by = np.concatenate([p[1] for p in parts], axis=2)[0]  # (P, N)
    mean = np.concatenate([p[2] for p in parts], axis=2)[0]
    share = np.concatenate([p[3] for p in parts], axis=2)[0]
    n_points, n_prov = len(points), len(setup.provinces)
    reaches = growth_by >= level[:, None] - 1e-12
    columns: dict[str, Any] = {
        "point": np.repeat(np.arange(n_points, dtype=np.int64), n_prov),
        "scenario": np.full(n_points * n_prov, scen, dtype=object),
        "province_code": np.tile(np.asarray(setup.provinces, dtype=np.int64), n_points),
        "province": np.tile(np.asarray(projection.province_names, dtype=object), n_points),
        **{name: np.repeat(points[:, k], n_prov) for k, name in enumerate(names)},
        "target_year": np.tile(years_by.astype(np.int64), n_points),
        "target_growth": np.tile(level.astype(float), n_points),
        "growth_target_year": growth_by.T.reshape(-1),
        "mean_growth": mean.T.reshape(-1),
        "extra_investment_share": share.T.reshape(-1),
        "reaches_target": reaches.T.reshape(-1),
    }
    return SweepResult(rows=pd.DataFrame(columns), seconds=time.perf_counter() - started, grid=chosen, scenario=scen)


def _slice_scenario(inputs: EngineInputs, i: int) -> EngineInputs:
    def cut(a: Any) -> Any:
        if a is None:
            return None
        arr = np.asarray(a)
        return arr[i : i + 1] if arr.ndim >= 3 and arr.shape[0] > 1 else arr

    return replace(inputs, **{f: cut(getattr(inputs, f)) for f in (*PATH_FIELDS, *INITIAL_FIELDS)})


def grid_problems(grid: Mapping[str, Sequence[float]], defaults: Mapping[str, Any]) -> list[Problem]:
    """The problems of a grid: unknown levers, no values, values that are not finite or outside the hard
    bounds, more points than MAX_GRID_POINTS. Every one at once."""
    problems = []
    for name, values in grid.items():
        if name not in defaults:
            hint = suggestion(name, defaults)
            problems.append(Problem.of("error.config.unknown_parameter", key="--grid", name=name, hint=hint))
            continue
        if not values:
            problems.append(Problem.of("error.config.sweep_empty", key=f"--grid {name}"))
            continue
        lo, hi = defaults[name].bounds
        bad = [v for v in values if not (math.isfinite(v) and lo <= v <= hi)]
        if bad:
            problems.append(
                Problem.of("error.analysis.grid_outside", key="--grid", parameter=name, value=bad[0], low=lo, high=hi)
            )
    points = math.prod(len(v) for v in grid.values()) if grid else 0
    if points > MAX_GRID_POINTS:
        problems.append(
            Problem.of("error.config.grid_points", key="--grid", points=Num(points), most=Num(MAX_GRID_POINTS))
        )
    return problems


def grid_range(start: float, stop: float, step: float) -> int:
    """How many values ``start:stop:step`` holds (start, start + step, ... up to stop), without building them.

    Raises
    ------
    ValueError
        A value that is not finite, a step that is not positive, or ``stop`` below ``start``.
    """
    if not all(math.isfinite(x) for x in (start, stop, step)):
        raise ValueError("finite")
    if step <= 0:
        raise ValueError("step")
    if stop < start:
        raise ValueError("order")
    steps = (stop - start) / step
    if not math.isfinite(steps) or steps > 10 * MAX_GRID_POINTS:
        return 10 * MAX_GRID_POINTS + 1
    return math.floor(steps + 1e-9) + 1


def parse_grid(items: Iterable[str], *, check: bool = True) -> dict[str, list[float]]:
    """Parse ``--grid name=v1,v2,v3`` options (also ``name=start:stop:step``).

    The number of values of a range is computed from start, stop and step before any is built: a grid above
    :data:`~growth8.config.limits.MAX_GRID_POINTS` points is refused, as are a zero or negative step, a
    reversed or infinite range, a lever given twice, and (with ``check``) unknown levers and values outside
    their hard bounds. Every problem of every ``--grid`` is reported at once.

    Raises
    ------
    InputError
        With every problem found.
    """
    grid: dict[str, list[float]] = {}
    problems = []
    for item in items:
        name, sep, values = item.partition("=")
        name = name.strip()
        if not sep or not name or not values.strip():
            problems.append(Problem.of("error.analysis.grid_form", key="--grid", item=item))
            continue
        if name in grid:
            problems.append(Problem.of("error.analysis.grid_twice", key="--grid", item=item, name=name))
            continue
        try:
            if ":" in values:
                parts = values.split(":")
                if len(parts) != 3:
                    problems.append(Problem.of("error.analysis.grid_range_form", key="--grid", item=item))
                    continue
                start, stop, step = (float(x) for x in parts)
                try:
                    count = grid_range(start, stop, step)
                except ValueError as why:
                    problems.append(Problem.of(f"error.analysis.grid_{why}", key="--grid", item=item))
                    continue
                if count > MAX_GRID_POINTS:
                    problems.append(
                        Problem.of(
                            "error.analysis.grid_range_points",
                            key="--grid",
                            item=item,
                            points=Num(count)
                            if count <= 10 * MAX_GRID_POINTS
                            else Text("error.analysis.grid_more", most=Num(10 * MAX_GRID_POINTS)),
                            most=Num(MAX_GRID_POINTS),
                        )
                    )
                    continue
                grid[name] = [round(start + k * step, 12) for k in range(count)]
            else:
                numbers = [float(x) for x in values.split(",")]
                if not all(math.isfinite(x) for x in numbers):
                    problems.append(Problem.of("error.analysis.grid_finite", key="--grid", item=item))
                    continue
                grid[name] = numbers
        except ValueError:
            problems.append(Problem.of("error.analysis.grid_numbers", key="--grid", item=item))
    if check and grid:
        from growth8.config.parameters import load_defaults

        problems.extend(grid_problems(grid, load_defaults()))
    if problems:
        raise InputError(problems)
    return grid
