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
from growth8.errors import ConfigError, InputError, Problem, suggestion
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
    chosen = {k: list(v) for k, v in (grid or cfg.sweep.grid).items()}
    if not chosen:
        raise ConfigError([Problem.of("error.analysis.no_sweep_grid", key="sweep", block="sweep: {grid: ...}")])
    unknown = [n for n in chosen if n not in setup.defaults]
    if unknown:
        hint = suggestion(unknown[0], setup.defaults)
        raise InputError([Problem.of("error.config.unknown_parameter", key="--grid", name=unknown[0], hint=hint)])
    for name, values in chosen.items():
        lo, hi = setup.defaults[name].bounds
        bad = [v for v in values if not lo <= v <= hi]
        if bad:
            raise InputError(
                [Problem.of("error.analysis.grid_outside", key="--grid", parameter=name, value=bad[0], low=lo, high=hi)]
            )
    scen = scenario or cfg.sweep.scenario or setup.scenarios[-1]
    if scen not in setup.scenarios:
        hint = suggestion(scen, setup.scenarios)
        raise InputError([Problem.of("error.config.unknown_scenario", key="--scenario", name=scen, hint=hint)])
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
    rows = []
    for n, point in enumerate(points):
        for j, (code, prov) in enumerate(zip(setup.provinces, projection.province_names, strict=True)):
            row: dict[str, Any] = {"point": n, "scenario": scen, "province_code": code, "province": prov}
            row.update({name: point[k] for k, name in enumerate(names)})
            row.update(
                {
                    "target_year": int(years_by[j]),
                    "target_growth": float(level[j]),
                    "growth_target_year": growth_by[j, n],
                    "mean_growth": mean[j, n],
                    "extra_investment_share": share[j, n],
                    "reaches_target": bool(growth_by[j, n] >= level[j] - 1e-12),
                }
            )
            rows.append(row)
    return SweepResult(rows=pd.DataFrame(rows), seconds=time.perf_counter() - started, grid=chosen, scenario=scen)


def _slice_scenario(inputs: EngineInputs, i: int) -> EngineInputs:
    def cut(a: Any) -> Any:
        if a is None:
            return None
        arr = np.asarray(a)
        return arr[i : i + 1] if arr.ndim >= 3 and arr.shape[0] > 1 else arr

    return replace(inputs, **{f: cut(getattr(inputs, f)) for f in (*PATH_FIELDS, *INITIAL_FIELDS)})


def parse_grid(items: Iterable[str]) -> dict[str, list[float]]:
    """Parse ``--grid name=v1,v2,v3`` options (also ``name=start:stop:step``)."""
    grid: dict[str, list[float]] = {}
    problems = []
    for item in items:
        name, sep, values = item.partition("=")
        if not sep or not name.strip() or not values.strip():
            problems.append(Problem.of("error.analysis.grid_form", key="--grid", item=item))
            continue
        try:
            if ":" in values:
                start, stop, step = (float(x) for x in values.split(":"))
                count = round((stop - start) / step) + 1
                grid[name.strip()] = [round(start + k * step, 12) for k in range(count)]
            else:
                grid[name.strip()] = [float(x) for x in values.split(",")]
        except ValueError:
            problems.append(Problem.of("error.analysis.grid_numbers", key="--grid", item=item))
    if problems:
        raise InputError(problems)
    return grid
