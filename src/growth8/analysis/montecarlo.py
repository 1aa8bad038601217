"""Monte Carlo: chunks of draws through the vectorised engine, quantiles and target probabilities.

Randomness comes only from ``numpy.random.Generator`` objects built from one ``SeedSequence(seed)``, with
one child per chunk of draws; chunks are fixed by the draw count and the chunk size, never by the number
of workers, so ``--jobs 1``, ``--jobs 2`` and a Dask cluster give the same bytes.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray
from scipy import special

from growth8.analysis.draws import DrawSpec, _apply, _cholesky, _ppf, _specs
from growth8.analysis.executor import execute
from growth8.errors import ConfigError, InputError, Problem
from growth8.model.engine import INITIAL_PARAMETERS as INITIAL_PARAMS
from growth8.model.engine import PATH_PARAMETERS as PATH_PARAMS
from growth8.model.engine import EngineInputs, run
from growth8.results.uncertainty import QUANTILES, UncertaintyResult

if TYPE_CHECKING:
    from growth8.results.projection import ProjectionResult


Array = NDArray[np.float64]


@dataclass(frozen=True)
class ChunkTask:
    """Everything one chunk of draws needs, in plain arrays (sent to workers)."""

    index: int
    size: int
    seed: np.random.SeedSequence
    inputs: EngineInputs
    specs: tuple[DrawSpec, ...]
    cholesky: Array
    target_index: NDArray[np.intp]  # (P,): index of each province's target year
    target_level: Array  # (P,)
    window: tuple[int, int]  # year indices, inclusive


@dataclass(frozen=True)
class ChunkResult:
    index: int
    growth: Array  # (S, P, T + 1, D): draws last, for fast quantiles
    grdp_real: Array
    reach: NDArray[np.int64]  # (S, P) draws reaching the target in the target year
    reach_average: NDArray[np.int64]


def draw_inputs(task: ChunkTask) -> EngineInputs:
    """The engine inputs of one chunk: every drawn parameter replaced by its draws."""
    rng = np.random.default_rng(task.seed)
    k = len(task.specs)
    n_p = task.inputs.shape()[1]
    n_t = task.inputs.shape()[3]
    normals = rng.standard_normal((k, n_p, task.size))
    if k:
        normals = np.einsum("ij,jpd->ipd", task.cholesky, normals)
    changes: dict[str, Any] = {}
    for i, spec in enumerate(task.specs):
        z = normals[i, :1] if spec.shared else normals[i]  # (1 or P, D)
        u = special.ndtr(z)
        drawn = _ppf(spec, u, z)  # broadcasts to (S, P, D)
        if spec.name in INITIAL_PARAMS:
            base = spec.center[..., 0]  # (S, P, 1)
            if spec.kind in ("normal", "truncnormal"):
                value = np.clip(base + drawn, spec.low, spec.high)
            elif spec.kind == "lognormal":
                value = base * drawn
            else:
                value = np.broadcast_to(drawn, np.broadcast_shapes(base.shape, drawn.shape))
            changes[INITIAL_PARAMS[spec.name]] = value
        else:
            changes[PATH_PARAMS[spec.name]] = _apply(
                spec, np.broadcast_to(drawn, (*spec.center.shape[:2], task.size)), n_t
            )
    return replace(task.inputs, **changes)


_LOCAL = threading.local()  # engine buffers reused by the chunks one thread runs (never shared between threads)


def run_chunk(task: ChunkTask) -> ChunkResult:
    """Draw, project, and keep growth, GRDP and the target counts of one chunk."""
    if not hasattr(_LOCAL, "workspace"):
        _LOCAL.workspace = {}
    out = run(draw_inputs(task), workspace=_LOCAL.workspace)
    growth = np.ascontiguousarray(np.moveaxis(out.growth, 2, 3))  # (S, P, T + 1, D)
    level = task.target_level[None, :, None]
    in_target_year = np.take_along_axis(growth, np.asarray(task.target_index)[None, :, None, None], axis=2)[:, :, 0, :]
    reach = (in_target_year >= level - 1e-12).sum(axis=-1)
    w0, w1 = task.window
    avg = np.exp(np.log1p(growth[:, :, w0 : w1 + 1, :]).mean(axis=2)) - 1.0
    reach_avg = (avg >= level - 1e-12).sum(axis=-1)
    grdp = np.ascontiguousarray(np.moveaxis(out.grdp_real, 2, 3))
    return ChunkResult(task.index, growth, grdp, reach, reach_avg)


# --------------------------------------------------------------------------- quantile stores
MEMORY_BUDGET = 256 * 2**20  # bytes of kept draws above which "auto" streams into histograms


class ExactStore:
    """Keeps every draw of one variable, (S, P, T + 1, draws): exact quantiles."""

    method = "exact"

    def __init__(self, shape: tuple[int, ...], draws: int):
        self.values = np.empty((*shape, draws))

    def add(self, chunk: Array, offset: int) -> None:
        self.values[..., offset : offset + chunk.shape[-1]] = chunk

    def quantiles(self, qs: Sequence[float]) -> Array:
        return np.moveaxis(np.quantile(self.values, qs, axis=-1), 0, -1)

    def mean(self) -> Array:
        return self.values.mean(axis=-1)

    @property
    def nbytes(self) -> int:
        return int(self.values.nbytes)


class HistogramStore:
    """Streams draws into fixed bins per cell: memory independent of the number of draws.

    The bin range of each (scenario, province, year) is set from the first
    chunk: its range widened by its own width on each side, in ``bins`` bins.
    Quantiles interpolate linearly within a bin, so they are accurate to one
    bin width (about a 1,400th of the first chunk's spread with 4,096 bins).
    Draws outside the range are counted in an underflow and an overflow bin;
    a quantile that falls there is reported at the range's edge and counted in
    ``unresolved``.
    """

    method = "histogram"

    def __init__(self, shape: tuple[int, ...], bins: int):
        self.shape = shape
        self.bins = bins
        self.counts = np.zeros((*shape, bins + 2), dtype=np.int64)
        self.total = np.zeros(shape)
        self.n = 0
        self.lo: Array | None = None
        self.width: Array | None = None
        self.unresolved = 0

    def add(self, chunk: Array, offset: int) -> None:
        del offset  # order-free: counts only
        if self.lo is None:
            some = ~np.all(np.isnan(chunk), axis=-1)  # all-NaN cells (base-year growth) stay NaN
            lo = np.where(some, np.where(np.isnan(chunk), np.inf, chunk).min(axis=-1), np.nan)
            hi = np.where(some, np.where(np.isnan(chunk), -np.inf, chunk).max(axis=-1), np.nan)
            pad = np.maximum(hi - lo, 1e-12 * np.maximum(np.abs(lo), 1.0))
            self.lo = lo - pad
            self.width = (hi + pad - self.lo) / self.bins
        assert self.width is not None
        valid = ~np.isnan(chunk)
        with np.errstate(invalid="ignore"):
            index = np.floor((chunk - self.lo[..., None]) / self.width[..., None])
        index = np.clip(np.nan_to_num(index, nan=-1.0), -1, self.bins).astype(np.int64) + 1
        cells = np.arange(int(np.prod(self.shape)), dtype=np.int64).reshape(*self.shape, 1)
        flat = (index + cells * (self.bins + 2))[valid]
        self.counts += np.bincount(flat, minlength=self.counts.size).reshape(self.counts.shape)
        self.total += chunk.sum(axis=-1)
        self.n += chunk.shape[-1]

    def quantiles(self, qs: Sequence[float]) -> Array:
        assert self.lo is not None and self.width is not None
        cumulative = self.counts.cumsum(axis=-1)
        out = np.empty((*self.shape, len(qs)))
        for k, q in enumerate(qs):
            rank = q * (self.n - 1) + 1.0  # the same order statistic np.quantile interpolates around
            slot = (cumulative < rank).sum(axis=-1)  # first slot whose cumulative count reaches the rank
            slot = np.minimum(slot, self.bins + 1)
            below = np.take_along_axis(cumulative, np.maximum(slot - 1, 0)[..., None], axis=-1)[..., 0]
            below = np.where(slot == 0, 0, below)
            inside = np.take_along_axis(self.counts, slot[..., None], axis=-1)[..., 0]
            frac = np.clip((rank - below - 0.5) / np.maximum(inside, 1), 0.0, 1.0)
            value = self.lo + ((slot - 1) + frac) * self.width
            edge = ((slot == 0) | (slot == self.bins + 1)) & ~np.isnan(self.lo)
            self.unresolved += int(edge.sum())
            value = np.where(slot == 0, self.lo, value)
            value = np.where(slot == self.bins + 1, self.lo + self.bins * self.width, value)
            out[..., k] = value
        return out

    def mean(self) -> Array:
        return self.total / max(self.n, 1)

    @property
    def nbytes(self) -> int:
        return int(self.counts.nbytes + self.total.nbytes)


#: Bytes of working memory per draw and (scenario, province, year) cell while a chunk is projected (measured:
#: about 28 arrays of float64 in the engine and the draws).
CHUNK_BYTES_PER_CELL = 240


def run_bytes(cells: tuple[int, int, int], draws: int, chunk: int, method: str, bins: int, jobs: int = 1) -> int:
    """The memory a Monte Carlo keeps: its two quantile stores and the working set of the chunks in flight."""
    n = int(np.prod(cells, dtype=np.int64))
    stores = 2 * 8 * n * (draws if method == "exact" else bins + 3)
    return int(stores + CHUNK_BYTES_PER_CELL * n * min(chunk, draws) * max(1, min(jobs, math.ceil(draws / chunk))))


def check_run(
    cfg: Any,
    *,
    draws: int,
    chunk: int,
    seed: int,
    cells: tuple[int, int, int],
    method: str,
    bins: int,
    jobs: int = 1,
    years: tuple[int, int] | None = None,
) -> None:
    """Refuse a Monte Carlo above a ceiling of :mod:`growth8.config.limits`, before any draw is made.

    Raises
    ------
    InputError
        Draws, chunk, seed or histogram bins out of range; the draws times the scenarios and provinces
        above MAX_DRAW_CELLS (the run would take minutes); the memory it needs above MAX_MONTE_CARLO_BYTES;
        an uncertainty window outside the projected years ``years``. Every problem at once.
    """
    from growth8.config.limits import (
        MAX_CHUNK,
        MAX_DRAW_CELLS,
        MAX_DRAWS,
        MAX_HISTOGRAM_BINS,
        MAX_MONTE_CARLO_BYTES,
        MIN_HISTOGRAM_BINS,
        SEED_LIMIT,
    )
    from growth8.i18n import Num

    file = str(cfg.path) if getattr(cfg, "path", None) is not None else None
    problems = []
    if not 1 <= draws <= MAX_DRAWS:
        problems.append(Problem.of("option.draws", key="--draws", most=Num(MAX_DRAWS), value=Num(draws)))
    if not 1 <= chunk <= MAX_CHUNK:
        problems.append(
            Problem.of(
                "error.config.chunk_range", file=file, key="uncertainty.chunk", value=Num(chunk), most=Num(MAX_CHUNK)
            )
        )
    if not 0 <= seed < SEED_LIMIT:
        problems.append(Problem.of("option.seed", key="--seed", value=seed))
    if method == "histogram" and not MIN_HISTOGRAM_BINS <= bins <= MAX_HISTOGRAM_BINS:
        problems.append(
            Problem.of(
                "error.config.bins_range",
                file=file,
                key="uncertainty.histogram_bins",
                value=Num(bins),
                least=Num(MIN_HISTOGRAM_BINS),
                most=Num(MAX_HISTOGRAM_BINS),
            )
        )
    window = cfg.uncertainty.window
    if years is not None and window is not None and not years[0] <= window[0] <= window[1] <= years[1]:
        problems.append(
            Problem.of(
                "error.config.uncertainty_window",
                file=file,
                key="uncertainty.window",
                window=list(window),
                first=years[0],
                horizon=years[1],
            )
        )
    s_n, p_n, _ = cells
    work = draws * s_n * p_n
    if problems:
        raise InputError(problems)
    if work > MAX_DRAW_CELLS:
        most = MAX_DRAW_CELLS // max(s_n * p_n, 1)
        problems.append(
            Problem.of(
                "error.analysis.draw_cells",
                key="--draws",
                draws=Num(draws),
                scenarios=s_n,
                provinces=p_n,
                work=Num(work),
                ceiling=Num(MAX_DRAW_CELLS),
                most=Num(most),
            )
        )
    need = run_bytes(cells, min(draws, MAX_DRAWS), min(chunk, MAX_CHUNK), method, bins, jobs)
    if need > MAX_MONTE_CARLO_BYTES:
        problems.append(
            Problem.of(
                "error.analysis.memory",
                file=file,
                key="uncertainty.quantiles" if method == "exact" else "uncertainty.chunk",
                need=Num(need / 2**30, 1),
                most=Num(MAX_MONTE_CARLO_BYTES / 2**30, 1),
                method=method,
            )
        )
    if problems:
        raise InputError(problems)


def _target_info(projection: ProjectionResult) -> tuple[Array, Array]:
    setup = projection.setup
    years = setup.years
    years_by = np.array(
        [min(max(setup.config.province_targets[c].by, int(years[1])), int(years[-1])) for c in setup.provinces]
    )
    level = np.array([setup.config.province_targets[c].growth for c in setup.provinces], dtype=float)
    return years_by, level


def simulate(
    projection: ProjectionResult,
    *,
    draws: int | None = None,
    seed: int | None = None,
    chunk: int | None = None,
    jobs: int = 1,
    engine: str = "joblib",
    scheduler: str | None = None,
    estimated_se: Mapping[int, float] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> UncertaintyResult:
    """Monte Carlo around a projection, with the config's distributions.

    Parameters
    ----------
    projection : ProjectionResult
        The central projection (growth8.project).
    draws, seed, chunk : int, optional
        Default: the config's ``uncertainty.draws``, ``seed`` and ``uncertainty.chunk``.
    jobs : int
        Local worker processes (joblib).
    engine, scheduler : str
        ``joblib`` (default) or ``dask`` with a dask.distributed scheduler address.
    estimated_se : mapping, optional
        Province -> standard error of TFP growth, for ``sd: estimated``.
    progress : callable, optional
        Called with (chunks done, chunks) as chunks finish.

    Returns
    -------
    UncertaintyResult

    Raises
    ------
    ConfigError
        No distributions in the config, or invalid correlations.

    Notes
    -----
    Chunk c uses ``SeedSequence(seed).spawn(n_chunks)[c]``; the result is the
    same for any ``jobs`` and either engine. The target-year probability counts
    draws with g_{by} >= G; the average probability counts draws with
    (prod_{t in window} (1 + g_t))^(1/n) - 1 >= G.
    """
    setup = projection.setup
    cfg = setup.config
    spec = cfg.uncertainty
    if estimated_se is None and any(s.sd == "estimated" for s in spec.parameters.values()):
        if projection.panel is None:
            raise ConfigError([Problem.of("error.analysis.sd_needs_data", key="uncertainty")])
        from growth8.estimation import estimated_tfp_se

        estimated_se = estimated_tfp_se(projection.panel, setup.provinces, int(setup.years[0]))
    if not spec.parameters:
        raise ConfigError(
            [
                Problem.of(
                    "error.analysis.no_uncertain_parameters",
                    file=str(cfg.path),
                    key="uncertainty",
                    block="uncertainty: {parameters: ...}",
                )
            ]
        )
    n_draws = int(draws if draws is not None else spec.draws)
    size = int(chunk if chunk is not None else spec.chunk)
    if n_draws < 1 or size < 1:
        raise InputError([Problem.of("error.analysis.draws_positive", key="--draws", draws=n_draws, chunk=size)])
    root_seed = int(seed if seed is not None else cfg.seed)
    years = setup.years
    method = spec.quantiles
    s_n, p_n, _, t_n = setup.engine_inputs().shape()
    if method == "auto":
        method = "exact" if 2 * 8 * s_n * p_n * t_n * n_draws <= MEMORY_BUDGET else "histogram"
    check_run(
        cfg,
        draws=n_draws,
        chunk=size,
        seed=root_seed,
        cells=(s_n, p_n, t_n),
        method=method,
        bins=spec.histogram_bins,
        jobs=jobs,
        years=(int(years[1]), int(years[-1])) if len(years) > 1 else (int(years[0]), int(years[0])),
    )
    started = time.perf_counter()
    years_by, level = _target_info(projection)
    target_index = np.array([int(np.searchsorted(years, y)) for y in years_by], dtype=np.intp)
    w = spec.window or (int(years_by.min()), int(years[-1]))
    window_idx = (int(np.searchsorted(years, w[0])), int(np.searchsorted(years, w[1])))
    base_inputs = setup.engine_inputs()
    specs = _specs(setup, estimated_se)
    chol = _cholesky(cfg)
    n_chunks = math.ceil(n_draws / size)
    children = np.random.SeedSequence(root_seed).spawn(n_chunks)
    tasks = [
        ChunkTask(
            index=c,
            size=min(size, n_draws - c * size),
            seed=children[c],
            inputs=base_inputs,
            specs=specs,
            cholesky=chol,
            target_index=target_index,
            target_level=level,
            window=window_idx,
        )
        for c in range(n_chunks)
    ]
    cells = (s_n, p_n, t_n)
    stores: list[ExactStore | HistogramStore] = [
        ExactStore(cells, n_draws) if method == "exact" else HistogramStore(cells, spec.histogram_bins)
        for _ in range(2)
    ]
    reach = np.zeros((s_n, p_n), dtype=np.int64)
    reach_avg = np.zeros((s_n, p_n), dtype=np.int64)
    for res in execute(run_chunk, tasks, jobs=jobs, engine=engine, scheduler=scheduler, progress=progress):
        offset = res.index * size
        stores[0].add(res.growth, offset)
        stores[1].add(res.grdp_real, offset)
        reach += res.reach
        reach_avg += res.reach_average
    gq = stores[0].quantiles(QUANTILES)
    yq = stores[1].quantiles(QUANTILES)
    unresolved = sum(getattr(st, "unresolved", 0) for st in stores)
    if unresolved:
        import warnings

        from growth8.errors import Growth8Warning

        warnings.warn(Growth8Warning.of("warning.histogram_edge", n=unresolved), stacklevel=2)
    return UncertaintyResult(
        projection=projection,
        draws=n_draws,
        seed=root_seed,
        chunk=size,
        growth_quantiles=gq,
        grdp_quantiles=yq,
        growth_mean=stores[0].mean(),
        prob_reach_target=reach / n_draws,
        prob_reach_target_average=reach_avg / n_draws,
        window=(int(w[0]), int(w[1])),
        target_year=years_by,
        target_level=level,
        stored_bytes=sum(st.nbytes for st in stores),
        seconds=time.perf_counter() - started,
        quantile_method=method,
    )
