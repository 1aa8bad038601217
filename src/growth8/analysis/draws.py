"""Monte Carlo draws: a config's distributions resolved to arrays, a Gaussian copula, and the drawn engine inputs."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy import special

from growth8.errors import ConfigError, Problem
from growth8.model.engine import Array

if TYPE_CHECKING:
    from growth8.assemble import ModelSetup
    from growth8.config import ScenarioConfig


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
                raise ConfigError([Problem.of("error.analysis.sd_needs_estimates", key=name, parameter=name)])
            sd = np.array([estimated_se.get(c, math.nan) for c in setup.provinces])
            missing = [c for c, v in zip(setup.provinces, sd, strict=True) if not np.isfinite(v) or v <= 0]
            if missing:
                raise ConfigError(
                    [
                        Problem.of(
                            "error.analysis.no_standard_error",
                            key=f"uncertainty.parameters.{name}.sd",
                            parameter=name,
                            provinces=missing,
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
        return np.asarray(np.linalg.cholesky(corr) if names else corr, dtype=np.float64)
    except np.linalg.LinAlgError:
        raise ConfigError([Problem.of("error.analysis.not_positive_definite", key="uncertainty.correlation")]) from None
