"""Uncertainty: Monte Carlo draws, one-at-a-time sensitivity, and scenario-lever sweeps.

Draws come from the distributions a config states (``uncertainty:``), joined by
a Gaussian copula where it states correlations. Randomness comes only from
``numpy.random.Generator`` objects built from one ``SeedSequence(seed)``, with
one child per chunk of draws; chunks are fixed by the draw count and the chunk
size, never by the number of workers, so ``--jobs 1``, ``--jobs 2`` and a Dask
cluster give the same bytes.

Each chunk runs the vectorised engine over (scenario, province, draw, year) and
keeps only what the answer needs (growth and real GRDP, and the counts for the
probabilities); the engine's other paths are dropped chunk by chunk.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy import special

from .engine import PATH_FIELDS, EngineInputs, run
from .errors import ConfigError, InputError, Problem

if TYPE_CHECKING:
    from .assemble import ModelSetup
    from .config import ScenarioConfig
    from .data import Panel
    from .results import ProjectionResult

Array = NDArray[np.float64]
QUANTILES = (0.05, 0.10, 0.50, 0.90, 0.95)
QUANTILE_NAMES = ("p05", "p10", "p50", "p90", "p95")
INITIAL_PARAMS = {
    "capital_output_ratio_initial": "capital_output_ratio_0",
    "bpd_credit_initial": "bpd_credit_0",
    "bpd_deposits_initial": "bpd_deposits_0",
    "bpd_equity_initial": "bpd_equity_0",
}
PATH_PARAMS = {
    "investment_rate": "investment_rate_base",
    "tfp_growth": "tfp_growth",
    "labour_growth": "labour_growth",
    "capital_share": "capital_share",
    "depreciation": "depreciation",
    "inflation": "inflation",
    "bpd_credit_growth": "bpd_credit_growth",
    "baseline_bpd_credit_growth": "baseline_bpd_credit_growth",
    "deposit_growth": "deposit_growth",
    "capital_injection": "capital_injection",
    "return_on_equity": "return_on_equity",
    "payout_ratio": "payout_ratio",
    "npl_ratio": "npl_ratio",
    "loss_given_default": "loss_given_default",
    "ldr_max": "ldr_max",
    "car_min": "car_min",
    "risk_weight": "risk_weight",
    "productive_share": "productive_share",
    "investment_share": "investment_share",
    "additionality": "additionality",
}


# --------------------------------------------------------------------------- draws
@dataclass(frozen=True)
class DrawSpec:
    """One parameter's distribution, resolved to arrays (picklable, no config objects).

    ``center`` is the resolved path (S, P, 1, T + 1); ``sd`` broadcasts to (1, P, 1);
    ``low``/``high`` are the truncation or uniform bounds; ``mode`` the triangular mode.
    """

    name: str
    kind: str
    center: Array
    sd: Array
    low: float
    high: float
    mode: float
    shared: bool


def _ppf(spec: DrawSpec, u: Array, z: Array) -> Array:
    """Map copula draws (uniform ``u``, standard normal ``z``; shape (P or 1, D)) to shocks or values.

    Returns an array that broadcasts against ``center[..., 1]`` with shape (S, P, D):
    for additive kinds the shock, for multiplicative the factor, for absolute kinds the value.
    """
    sd = np.asarray(spec.sd, dtype=float)
    sd_cells = sd.reshape(1, -1) if sd.ndim else sd  # against (S, P)
    sd_draws = sd.reshape(1, -1, 1) if sd.ndim else sd  # against (S, P, D)
    if spec.kind in ("normal", "truncnormal"):
        v0 = spec.center[..., 0, 1]  # (S, P): the value in the first projected year
        a = special.ndtr((spec.low - v0) / sd_cells)[..., None]
        b = special.ndtr((spec.high - v0) / sd_cells)[..., None]
        return special.ndtri(a + (b - a) * u[None]) * sd_draws
    if spec.kind == "lognormal":
        return np.exp(sd_draws * z[None])
    if spec.kind == "uniform":
        return (spec.low + (spec.high - spec.low) * u)[None]
    # triangular: inverse CDF in closed form
    lo, hi, mo = spec.low, spec.high, spec.mode
    c = (mo - lo) / (hi - lo)
    left = lo + np.sqrt(u * (hi - lo) * (mo - lo))
    right = hi - np.sqrt((1.0 - u) * (hi - lo) * (hi - mo))
    return np.where(u < c, left, right)[None]


def _apply(spec: DrawSpec, draws: Array, n_t: int) -> Array:
    """The drawn parameter path, (S, P, D, T + 1), stored time-first for the engine."""
    center_tf = np.moveaxis(spec.center, -1, 0)  # (T + 1, S, P, 1)
    shock = draws[None]  # (1, S, P, D)
    if spec.kind in ("normal", "truncnormal"):
        path = center_tf + shock
        lo, hi = spec.low, spec.high
        path = np.clip(path, lo, hi)
    elif spec.kind == "lognormal":
        path = center_tf * shock
    else:
        path = np.broadcast_to(shock, (n_t, *shock.shape[1:])).copy()
    return np.moveaxis(np.ascontiguousarray(path), 0, -1)


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
        raise InputError([Problem(f"--engine must be joblib or dask, got '{engine}'", key="--engine")])
    if engine == "dask":
        import importlib.util

        if importlib.util.find_spec("distributed") is None:
            raise InputError(
                [Problem("--engine dask needs dask.distributed: pip install 'growth8[dask]'", key="--engine")]
            )
        if not scheduler:
            raise InputError(
                [Problem("--engine dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)", key="--scheduler")]
            )
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


# --------------------------------------------------------------------------- Monte Carlo
def _specs(setup: ModelSetup, estimated_se: Mapping[int, float] | None) -> tuple[DrawSpec, ...]:
    cfg = setup.config
    out = []
    for name, spec in cfg.uncertainty.parameters.items():
        pdef = setup.defaults[name]
        center = setup.values[name][:, :, None, :]
        sd: Any = spec.sd if spec.sd is not None else 0.0
        if sd == "estimated":
            if estimated_se is None:
                raise ConfigError([Problem(f"{name}: sd 'estimated' needs the estimation results", key=name)])
            sd = np.array([estimated_se.get(c, math.nan) for c in setup.provinces])
            missing = [c for c, v in zip(setup.provinces, sd, strict=True) if not np.isfinite(v) or v <= 0]
            if missing:
                raise ConfigError(
                    [
                        Problem(
                            f"{name}: no estimated standard error for province(s) {missing}; give sd as a number",
                            key=f"uncertainty.parameters.{name}.sd",
                        )
                    ]
                )
        low = spec.low if spec.low is not None else pdef.bounds[0]
        high = spec.high if spec.high is not None else pdef.bounds[1]
        out.append(
            DrawSpec(
                name=name,
                kind=spec.dist,
                center=np.ascontiguousarray(center),
                sd=np.asarray(sd, dtype=float),
                low=float(low),
                high=float(high),
                mode=float(spec.mode) if spec.mode is not None else math.nan,
                shared=bool(spec.shared),
            )
        )
    return tuple(out)


def _cholesky(cfg: ScenarioConfig) -> Array:
    names = list(cfg.uncertainty.parameters)
    corr = np.eye(len(names))
    for item in cfg.uncertainty.correlation:
        a, b = (names.index(n) for n in item.between)
        corr[a, b] = corr[b, a] = item.rho
    try:
        return np.linalg.cholesky(corr) if names else corr
    except np.linalg.LinAlgError:
        raise ConfigError(
            [
                Problem(
                    "the correlations do not form a valid correlation matrix (not positive definite)",
                    key="uncertainty.correlation",
                )
            ]
        ) from None


@dataclass(frozen=True)
class UncertaintyResult:
    """Monte Carlo results: quantiles of growth and GRDP, and the probability of reaching the target.

    Attributes
    ----------
    projection : ProjectionResult
        The central projection the draws are taken around.
    draws, seed, chunk : int
    growth_quantiles, grdp_quantiles : ndarray (S, P, T + 1, 5)
        p05, p10, p50, p90, p95 over draws.
    growth_mean : ndarray (S, P, T + 1)
    prob_reach_target : ndarray (S, P)
        Share of draws whose growth in the target year reaches the target level.
    prob_reach_target_average : ndarray (S, P)
        Share of draws whose geometric mean growth over ``window`` reaches it.
    window : tuple of int
    stored_bytes : int
        Memory held for the quantiles: growth and GRDP of every draw
        (``exact``), or the histogram counts (``histogram``).
    quantile_method : str
        ``exact`` or ``histogram`` (see UncertaintySpec.quantiles).
    seconds : float
    """

    projection: ProjectionResult = field(repr=False)
    draws: int
    seed: int
    chunk: int
    growth_quantiles: Array = field(repr=False)
    grdp_quantiles: Array = field(repr=False)
    growth_mean: Array = field(repr=False)
    prob_reach_target: Array = field(repr=False)
    prob_reach_target_average: Array = field(repr=False)
    window: tuple[int, int]
    target_year: Array = field(repr=False)
    target_level: Array = field(repr=False)
    stored_bytes: int = 0
    seconds: float = 0.0
    quantile_method: str = "exact"

    def quantiles(self) -> pd.DataFrame:
        """quantiles.csv: scenario, province_code, province, year, variable, p05..p95, mean (unit in 'unit')."""
        setup = self.projection.setup
        rows = []
        for variable, q, unit in (
            ("growth", self.growth_quantiles, "fraction"),
            ("grdp_real", self.grdp_quantiles, "Rp bn, 2010 prices"),
        ):
            for i, scen in enumerate(setup.scenarios):
                for j, (code, name) in enumerate(zip(setup.provinces, self.projection.province_names, strict=True)):
                    for t, year in enumerate(setup.years):
                        row = {
                            "scenario": scen,
                            "province_code": code,
                            "province": name,
                            "year": int(year),
                            "variable": variable,
                            "unit": unit,
                        }
                        row.update({k: q[i, j, t, n] for n, k in enumerate(QUANTILE_NAMES)})
                        rows.append(row)
        frame = pd.DataFrame(rows)
        return frame[frame["year"] > setup.years[0]].reset_index(drop=True)

    def probabilities(self) -> pd.DataFrame:
        """probabilities.csv: probability of reaching the target, per scenario and province."""
        setup = self.projection.setup
        rows = []
        for i, scen in enumerate(setup.scenarios):
            for j, (code, name) in enumerate(zip(setup.provinces, self.projection.province_names, strict=True)):
                rows.append(
                    {
                        "scenario": scen,
                        "province_code": code,
                        "province": name,
                        "target_growth": float(self.target_level[j]),
                        "target_year": int(self.target_year[j]),
                        "prob_reach_target": float(self.prob_reach_target[i, j]),
                        "window": f"{self.window[0]}-{self.window[1]}",
                        "prob_reach_target_average": float(self.prob_reach_target_average[i, j]),
                        "draws": self.draws,
                    }
                )
        return pd.DataFrame(rows)

    def to_frame(self) -> pd.DataFrame:
        """Long form of the quantiles: scenario, province_code, province, year, variable, value, unit (+ quantile)."""
        q = self.quantiles()
        long = q.melt(
            id_vars=["scenario", "province_code", "province", "year", "variable", "unit"],
            value_vars=list(QUANTILE_NAMES),
            var_name="quantile",
            value_name="value",
        )
        return long

    def summary(self, lang: str = "en") -> str:
        """Probabilities of reaching the target, one line per scenario and province."""
        from .i18n import percent

        lines = []
        for _, r in self.probabilities().iterrows():
            if lang == "id":
                lines.append(
                    f"{r['province']} [{r['scenario']}]: peluang mencapai {percent(r['target_growth'], 1, lang)} pada "
                    f"{r['target_year']}: {percent(r['prob_reach_target'], 1, lang)}; rata-rata {r['window']}: "
                    f"{percent(r['prob_reach_target_average'], 1, lang)} ({self.draws} simulasi)."
                )
            else:
                lines.append(
                    f"{r['province']} [{r['scenario']}]: probability of {percent(r['target_growth'], 1, lang)} in "
                    f"{r['target_year']}: {percent(r['prob_reach_target'], 1, lang)}; on average over {r['window']}: "
                    f"{percent(r['prob_reach_target_average'], 1, lang)} ({self.draws} draws)."
                )
        return "\n".join(lines)


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
    if not spec.parameters:
        raise ConfigError(
            [
                Problem(
                    "no uncertain parameters: add an 'uncertainty: {parameters: ...}' block "
                    "(see configs/README.md, Uncertainty)",
                    file=str(cfg.path),
                    key="uncertainty",
                )
            ]
        )
    n_draws = int(draws if draws is not None else spec.draws)
    size = int(chunk if chunk is not None else spec.chunk)
    if n_draws < 1 or size < 1:
        raise InputError([Problem(f"draws ({n_draws}) and chunk ({size}) must be positive", key="--draws")])
    root_seed = int(seed if seed is not None else cfg.seed)
    started = time.perf_counter()
    years = setup.years
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
    s_n, p_n, _, t_n = base_inputs.shape()
    cells = (s_n, p_n, t_n)
    method = spec.quantiles
    if method == "auto":
        method = "exact" if 2 * 8 * s_n * p_n * t_n * n_draws <= MEMORY_BUDGET else "histogram"
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

        from .errors import Growth8Warning

        warnings.warn(
            Growth8Warning(
                f"{unresolved} quantile(s) fell outside the histogram range and are shown at its edge; "
                "set uncertainty.quantiles: exact (needs memory for every draw)"
            ),
            stacklevel=2,
        )
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


# --------------------------------------------------------------------------- sensitivity
DEFAULT_SENSITIVITY = (
    "capital_share",
    "depreciation",
    "capital_output_ratio_initial",
    "tfp_growth",
    "labour_growth",
    "additionality",
    "productive_share",
    "investment_share",
    "bpd_credit_growth",
    "deposit_growth",
)


def _tile(inputs: EngineInputs, variants: int) -> EngineInputs:
    """Inputs with a draw axis of length ``variants``, every array a writable copy."""
    s_n, p_n, _, t_n = inputs.shape()
    return replace(
        inputs,
        **{
            f: np.broadcast_to(np.asarray(getattr(inputs, f), dtype=float), (s_n, p_n, variants, t_n)).copy()
            for f in PATH_FIELDS
        },
        **{
            f: np.broadcast_to(np.asarray(getattr(inputs, f), dtype=float), (s_n, p_n, variants)).copy()
            for f in EngineInputs.INITIAL
        },
    )


@dataclass(frozen=True)
class SensitivityResult:
    """One-at-a-time swings: tornado data per scenario, province and outcome."""

    table: pd.DataFrame

    def tornado(self) -> pd.DataFrame:
        """tornado.csv, ranked by swing within each scenario, province and outcome."""
        return self.table

    def summary(self, lang: str = "en") -> str:
        lines = []
        for (scen, prov, outcome), g in self.table.groupby(["scenario", "province", "outcome"], sort=False):
            top = g.head(3)
            ranked = ", ".join(f"{r.parameter} ({r.swing:.4f})" for r in top.itertuples())
            label = "paling berpengaruh" if lang == "id" else "moves most"
            lines.append(f"{prov} [{scen}] {outcome}: {label}: {ranked}")
        return "\n".join(lines)


def sensitivity(
    projection: ProjectionResult, ranges: Mapping[str, tuple[float, float]] | None = None
) -> SensitivityResult:
    """One-at-a-time sensitivity of growth in the target year and of the required investment rate.

    Parameters
    ----------
    projection : ProjectionResult
    ranges : mapping, optional
        Parameter -> (low, high) absolute values held in every projected year.
        Default: the config's ``sensitivity.parameters``, else the usual range
        (soft bounds in configs/defaults.yaml) of a standard set of parameters.

    Notes
    -----
    All variants (base, then low and high of each parameter) run in one engine
    call along the draw axis. Outcomes: ``growth_target_year`` (projected
    growth into the target year) and ``required_investment_rate`` (the I/Y of
    the year before, needed to reach the target path; growth8.target).
    swing = |outcome(high) - outcome(low)|.
    """
    from .target import Caps, requirements, target_paths

    setup = projection.setup
    cfg = setup.config
    chosen = dict(ranges or cfg.sensitivity.parameters)
    if not chosen:
        chosen = {name: setup.defaults[name].soft_bounds for name in DEFAULT_SENSITIVITY}
    names = list(chosen)
    inputs = setup.engine_inputs()
    tiled = _tile(inputs, 1 + 2 * len(names))
    for k, name in enumerate(names):
        lo, hi = chosen[name]
        for offset, value in ((1 + 2 * k, lo), (2 + 2 * k, hi)):
            if name in INITIAL_PARAMS:
                getattr(tiled, INITIAL_PARAMS[name])[:, :, offset] = value
            else:
                getattr(tiled, PATH_PARAMS[name])[:, :, offset, 1:] = value
    out = run(tiled)
    years_by, _ = _target_info(projection)
    t_idx = np.array([int(np.searchsorted(setup.years, y)) for y in years_by])
    growth_by = np.take_along_axis(out.growth, t_idx[None, :, None, None], axis=-1)[..., 0]  # (S, P, V)
    paths = target_paths(cfg.province_targets, setup.provinces, setup.years, out.growth[0, :, 0, 1])
    target = np.broadcast_to(paths[None, :, None, :], out.growth.shape).copy()
    target[..., 1] = out.growth[..., 1]
    caps = Caps(
        *(
            setup.values[k][:, :, None, :]
            for k in ("investment_rate_max", "bpd_credit_growth_max", "capital_injection_max")
        )
    )
    req = requirements(tiled, out, target, caps)
    s_req = np.take_along_axis(req.required_investment_rate, (t_idx - 1)[None, :, None, None], axis=-1)[..., 0]
    rows = []
    for i, scen in enumerate(setup.scenarios):
        for j, (code, prov) in enumerate(zip(setup.provinces, projection.province_names, strict=True)):
            for outcome, values in (("growth_target_year", growth_by), ("required_investment_rate", s_req)):
                base = values[i, j, 0]
                for k, name in enumerate(names):
                    lo_out, hi_out = values[i, j, 1 + 2 * k], values[i, j, 2 + 2 * k]
                    rows.append(
                        {
                            "scenario": scen,
                            "province_code": code,
                            "province": prov,
                            "outcome": outcome,
                            "parameter": name,
                            "unit": setup.defaults[name].unit,
                            "low_value": chosen[name][0],
                            "high_value": chosen[name][1],
                            "outcome_low": lo_out,
                            "outcome_high": hi_out,
                            "outcome_base": base,
                            "swing": abs(hi_out - lo_out),
                        }
                    )
    table = pd.DataFrame(rows)
    # Largest swing first within each (scenario, province, outcome), keeping the config's order of those.
    table["_group"] = table.groupby(["scenario", "province_code", "outcome"], sort=False).ngroup()
    table = table.sort_values(["_group", "swing"], ascending=[True, False], kind="stable")
    return SensitivityResult(table=table.drop(columns="_group").reset_index(drop=True))


# --------------------------------------------------------------------------- sweeps
@dataclass(frozen=True)
class SweepTask:
    index: int
    inputs: EngineInputs
    names: tuple[str, ...]
    points: Array  # (D, K)
    target_index: Array  # (P,)
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


@dataclass(frozen=True)
class SweepResult:
    """Projected outcomes over a grid of levers (one scenario)."""

    table: pd.DataFrame
    seconds: float

    def summary(self, lang: str = "en") -> str:
        reach = self.table.groupby("province")["reaches_target"].agg(["sum", "count"])
        lines = []
        for prov, r in reach.iterrows():
            if lang == "id":
                lines.append(f"{prov}: target tercapai pada {int(r['sum'])} dari {int(r['count'])} titik grid.")
            else:
                lines.append(f"{prov}: the target is reached at {int(r['sum'])} of {int(r['count'])} grid points.")
        return "\n".join(lines)


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
        raise ConfigError(
            [Problem("no sweep grid: add 'sweep: {grid: ...}' to the config or pass --grid", key="sweep")]
        )
    unknown = [n for n in chosen if n not in setup.defaults]
    if unknown:
        from .errors import did_you_mean

        raise InputError(
            [Problem(f"unknown parameter '{unknown[0]}'{did_you_mean(unknown[0], setup.defaults)}", key="--grid")]
        )
    for name, values in chosen.items():
        lo, hi = setup.defaults[name].bounds
        bad = [v for v in values if not lo <= v <= hi]
        if bad:
            raise InputError(
                [Problem(f"{name} = {bad[0]:g} is outside the allowed range [{lo:g}, {hi:g}]", key="--grid")]
            )
    scen = scenario or cfg.sweep.scenario or setup.scenarios[-1]
    if scen not in setup.scenarios:
        from .errors import did_you_mean

        raise InputError([Problem(f"unknown scenario '{scen}'{did_you_mean(scen, setup.scenarios)}", key="--scenario")])
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
    return SweepResult(table=pd.DataFrame(rows), seconds=time.perf_counter() - started)


def _slice_scenario(inputs: EngineInputs, i: int) -> EngineInputs:
    def cut(a: Any) -> Any:
        if a is None:
            return None
        arr = np.asarray(a)
        return arr[i : i + 1] if arr.ndim >= 3 and arr.shape[0] > 1 else arr

    return replace(inputs, **{f: cut(getattr(inputs, f)) for f in (*PATH_FIELDS, *EngineInputs.INITIAL)})


def parse_grid(items: Iterable[str]) -> dict[str, list[float]]:
    """Parse ``--grid name=v1,v2,v3`` options (also ``name=start:stop:step``)."""
    grid: dict[str, list[float]] = {}
    problems = []
    for item in items:
        name, sep, values = item.partition("=")
        if not sep or not name.strip() or not values.strip():
            problems.append(Problem(f"--grid '{item}': write NAME=v1,v2,... or NAME=start:stop:step", key="--grid"))
            continue
        try:
            if ":" in values:
                start, stop, step = (float(x) for x in values.split(":"))
                count = round((stop - start) / step) + 1
                grid[name.strip()] = [round(start + k * step, 12) for k in range(count)]
            else:
                grid[name.strip()] = [float(x) for x in values.split(",")]
        except ValueError:
            problems.append(Problem(f"--grid '{item}': the values must be numbers", key="--grid"))
    if problems:
        raise InputError(problems)
    return grid


def estimated_tfp_se(panel: Panel, provinces: Sequence[int], base_year: int) -> dict[int, float]:
    """Standard errors of TFP growth per province from growth8.estimate (for ``sd: estimated``)."""
    from .estimate import estimate

    result = estimate(panel=panel)  # type: ignore[call-arg]
    return {int(k): float(v) for k, v in result.parameter_se.get("tfp_growth", {}).items() if int(k) in provinces}
