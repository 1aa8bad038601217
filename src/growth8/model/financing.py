"""Who can finance the investment gap: every source at its stated maximum, and the remainder.

A province's investment gap (the extra fixed investment the target path needs, DESIGN.md 2.7)
can be financed by four sources, each with its own pass-through to fixed capital and its own
maximum rule:

``own_bpd``
    the province's development bank lending the most it can every year: loan growth at its
    ceiling and capital injections at theirs, within its funding and capital limits (and the RIM
    ceiling when a scenario sets it); the engine's bank block, run on those levers.
``other_banks``
    all other banks' loans for projects in the province growing at their highest observed growth,
    within the highest observed credit-to-GRDP ratio.
``direct_investment``
    realised PMA + PMDN investment at its highest observed share of GRDP.
``public_investment``
    public capital spending above the baseline up to the scenario's cap.

The gap is filled in that order, each source up to its maximum; what is left is ``not_financed``.
So, in every year, ``sum of financed + not financed = gap`` exactly.

Pure numpy: no I/O, no pandas.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from growth8.model.engine import BINDING_LABELS, EngineInputs, EngineOutput

Array = NDArray[np.float64]

#: The financing sources, in the order they fill the gap.
SOURCES = ("own_bpd", "other_banks", "direct_investment", "public_investment")
#: The remainder's name in the financing table.
NOT_FINANCED = "not_financed"


@dataclass(frozen=True)
class SourceMaxima:
    """The most each source can add to fixed investment, per (scenario, province, draw, year).

    Attributes
    ----------
    real : dict of str to ndarray (S, P, D, T + 1)
        Extra fixed investment at the source's maximum, Rp bn at 2010 prices (>= 0).
    binding : dict of str to ndarray of str (S, P, D, T + 1)
        The limit that sets each maximum (``funding``, ``car``, ``rim``, ``credit_growth_ceiling``,
        ``credit_to_grdp_ceiling``, ``highest_observed_share``, ``scenario_cap``).
    baseline_flow : dict of str to ndarray (S, P, D, T + 1)
        The source's own flow in the baseline, nominal Rp bn: net new loans (banks), realised
        investment (PMA + PMDN); NaN where not known (public capital spending).
    passthrough : dict of str to ndarray (S, P, D, T + 1)
        Share of the source's extra flow that becomes fixed capital in the province (kappa).
    """

    real: Mapping[str, Array]
    binding: Mapping[str, np.ndarray]
    baseline_flow: Mapping[str, Array]
    passthrough: Mapping[str, Array]


def _capped_growth(start: Array, growth: Array, ceiling: Array) -> Array:
    """Stock path B_t = min(B_{t-1} (1 + g_t), ceiling_t), time last; B_0 = start."""
    growth = np.asarray(growth, dtype=float)
    shape = np.broadcast_shapes(np.shape(growth), np.shape(ceiling), (*np.shape(start), 1))
    out = np.empty(shape)
    out[..., 0] = np.broadcast_to(start, shape[:-1])
    g = np.broadcast_to(growth, shape)
    cap = np.broadcast_to(ceiling, shape)
    for t in range(1, shape[-1]):
        out[..., t] = np.minimum(out[..., t - 1] * (1.0 + g[..., t]), cap[..., t])
    return out


def other_banks_at_max(
    credit_0: Array,
    growth_max: Array,
    baseline_growth: Array,
    depth_max: Array,
    grdp_nominal: Array,
) -> tuple[Array, Array, NDArray[np.bool_]]:
    """Other banks' extra net lending at their maximum, and their baseline net lending (nominal).

    Parameters
    ----------
    credit_0 : ndarray (...)
        Loans in the base year.
    growth_max, baseline_growth, depth_max : ndarray (..., T + 1)
        Growth ceiling, baseline growth and the credit-to-GRDP ceiling.
    grdp_nominal : ndarray (..., T + 1)
        Nominal GRDP along the path the maximum is measured on.

    Returns
    -------
    extra, baseline_flow : ndarray (..., T + 1)
        ``NB^max_t - NB^ref_t`` (>= 0) and ``NB^ref_t``, with NB_t = B_t - B_{t-1}.
    depth_binds : ndarray of bool
        Where the credit-to-GRDP ceiling, not the growth ceiling, sets the maximum.

    Notes
    -----
    ``B^max_t = min(B^max_{t-1} (1 + g_max), depth Y_t P_t)`` and
    ``B^ref_t = min(B^ref_{t-1} (1 + g_base), depth Y_t P_t)``.
    """
    ceiling = np.asarray(depth_max) * grdp_nominal
    best = _capped_growth(credit_0, growth_max, ceiling)
    ref = _capped_growth(credit_0, baseline_growth, ceiling)
    flow_best = np.diff(best, axis=-1, prepend=best[..., :1])
    flow_ref = np.diff(ref, axis=-1, prepend=ref[..., :1])
    depth_binds = best >= np.broadcast_to(ceiling, best.shape) * (1.0 - 1e-12)
    return np.maximum(flow_best - flow_ref, 0.0), flow_ref, depth_binds


def source_maxima(
    inputs: EngineInputs,
    pushed: EngineOutput,
    grdp_real: Array,
    deflator: Array,
    caps: Mapping[str, Array],
) -> SourceMaxima:
    """Each source's maximum extra fixed investment along a real GRDP path.

    Parameters
    ----------
    inputs : EngineInputs
        The scenario's inputs.
    pushed : EngineOutput
        The engine run with the BPD's levers at their caps (:func:`growth8.model.inverse.max_growth`'s
        ``by_year`` run): its ``bpd_extra_investment_real`` is the BPD's maximum.
    grdp_real, deflator : ndarray (S, P, D, T + 1)
        The path the maxima are measured along (the target path) and the price level.
    caps : mapping
        ``other_bank_credit_growth_max``, ``direct_investment_share_max`` and
        ``public_investment_extra_max``, arrays broadcastable to (S, P, D, T + 1).

    Returns
    -------
    SourceMaxima

    Notes
    -----
    With Y*, P the target path's real GRDP and price level::

        own_bpd:            X^max = kappa_BPD (N^max - N^ref) / P         (engine, levers at caps)
        other_banks:        X^max = kappa_B (NB^max - NB^ref) / P          (other_banks_at_max)
        direct_investment:  X^max = kappa_DI max(di_max - di_base, 0) Y*
        public_investment:  X^max = kappa_G e max(G_max, 0) / P
    """
    shape = np.broadcast_shapes(np.shape(grdp_real), np.shape(pushed.grdp_real))
    y = np.broadcast_to(grdp_real, shape)
    p = np.broadcast_to(deflator, shape)
    nominal = y * p

    def full(a: object) -> Array:
        return np.broadcast_to(np.asarray(a, dtype=float), shape)

    real: dict[str, Array] = {}
    binding: dict[str, np.ndarray] = {}
    flow: dict[str, Array] = {}
    passthrough: dict[str, Array] = {}

    # own BPD: the engine at its caps
    passthrough["own_bpd"] = full(pushed.kappa)
    real["own_bpd"] = np.maximum(full(pushed.bpd_extra_investment_real), 0.0)
    ref = full(pushed.bpd_credit_reference)
    flow["own_bpd"] = np.diff(ref, axis=-1, prepend=ref[..., :1])
    code = full(pushed.binding).astype(np.intp)
    binding["own_bpd"] = np.where(code > 0, np.array(BINDING_LABELS, dtype=object)[code], "credit_growth_ceiling")

    # other banks
    kappa_b = full(inputs.other_bank_productive_share * inputs.other_bank_investment_share)
    kappa_b = kappa_b * full(inputs.other_bank_additionality)
    extra, base_flow, depth = other_banks_at_max(
        np.asarray(inputs.other_bank_credit_0, dtype=float),
        full(caps["other_bank_credit_growth_max"]),
        full(inputs.baseline_other_bank_credit_growth),
        full(inputs.other_bank_credit_to_grdp_max),
        nominal,
    )
    passthrough["other_banks"] = kappa_b
    real["other_banks"] = kappa_b * extra / p
    flow["other_banks"] = base_flow
    binding["other_banks"] = np.where(depth, "credit_to_grdp_ceiling", "credit_growth_ceiling").astype(object)

    # PMA + PMDN
    kappa_di = full(inputs.direct_investment_passthrough)
    base_share = full(inputs.direct_investment_share_base)
    room = np.maximum(full(caps["direct_investment_share_max"]) - base_share, 0.0)
    passthrough["direct_investment"] = kappa_di
    real["direct_investment"] = kappa_di * room * y
    flow["direct_investment"] = base_share * nominal
    binding["direct_investment"] = np.full(shape, "highest_observed_share", dtype=object)

    # public capital spending
    kappa_g = full(inputs.public_investment_passthrough)
    passthrough["public_investment"] = kappa_g
    executed = full(inputs.budget_execution_rate) * np.maximum(full(caps["public_investment_extra_max"]), 0.0)
    real["public_investment"] = kappa_g * executed / p
    flow["public_investment"] = np.full(shape, np.nan)
    binding["public_investment"] = np.full(shape, "scenario_cap", dtype=object)

    for a in real.values():
        a[..., 0] = 0.0  # the base year's investment is observed
    return SourceMaxima(real=real, binding=binding, baseline_flow=flow, passthrough=passthrough)


def other_sources_at_max(
    inputs: EngineInputs, caps: Mapping[str, Array], deflator: Array
) -> Callable[[Array, NDArray[np.intp]], Array]:
    """The sources other than the own BPD at their maxima, as a function of the GRDP path.

    Returns a function ``(grdp_real (N, T + 1), cells) -> extra real investment (N, T + 1)`` over the
    flattened (scenario, province, draw) cells, for :func:`growth8.model.inverse.max_growth`'s
    all-sources search: the sum of ``other_banks``, ``direct_investment`` and ``public_investment``
    of :func:`source_maxima`.
    """
    shape = inputs.shape()
    n_t = shape[-1]

    def flat(a: object) -> Array:
        return np.broadcast_to(np.asarray(a, dtype=float), shape).reshape(-1, n_t)

    credit_0 = np.broadcast_to(np.asarray(inputs.other_bank_credit_0, dtype=float), shape[:3]).reshape(-1)
    kappa_b = flat(inputs.other_bank_productive_share) * flat(inputs.other_bank_investment_share)
    kappa_b = kappa_b * flat(inputs.other_bank_additionality)
    arrays = {
        "kappa_b": kappa_b,
        "growth_max": flat(caps["other_bank_credit_growth_max"]),
        "growth_base": flat(inputs.baseline_other_bank_credit_growth),
        "depth": flat(inputs.other_bank_credit_to_grdp_max),
        "price": flat(deflator),
        "di_room": flat(inputs.direct_investment_passthrough)
        * np.maximum(flat(caps["direct_investment_share_max"]) - flat(inputs.direct_investment_share_base), 0.0),
        "public": flat(inputs.public_investment_passthrough)
        * flat(inputs.budget_execution_rate)
        * np.maximum(flat(caps["public_investment_extra_max"]), 0.0),
    }

    def others(grdp_real: Array, cells: NDArray[np.intp]) -> Array:
        a = {k: v[cells] for k, v in arrays.items()}
        nominal = grdp_real * a["price"]
        extra, _, _ = other_banks_at_max(credit_0[cells], a["growth_max"], a["growth_base"], a["depth"], nominal)
        total = a["kappa_b"] * extra / a["price"] + a["di_room"] * grdp_real + a["public"] / a["price"]
        total[:, 0] = 0.0
        return total

    return others


def allocate(gap_real: Array, maxima: Mapping[str, Array]) -> tuple[dict[str, Array], Array]:
    """Fill the gap with the sources in :data:`SOURCES` order, each up to its maximum.

    Returns
    -------
    financed : dict of str to ndarray
        What each source finances (real Rp bn), ``0 <= financed <= max``.
    not_financed : ndarray
        ``max(gap, 0) - sum(financed)``, >= 0.

    Notes
    -----
    ``F_1 = min(M_1, G^+)``, ``F_j = min(M_j, G^+ - sum_{i<j} F_i)``, ``R = G^+ - sum F``, with
    ``G^+ = max(gap, 0)``; hence ``sum F + R = G^+`` exactly in floating point up to rounding.
    """
    remaining = np.maximum(np.asarray(gap_real, dtype=float), 0.0)
    financed: dict[str, Array] = {}
    for name in SOURCES:
        take = np.minimum(np.maximum(maxima[name], 0.0), remaining)
        financed[name] = take
        remaining = remaining - take
    return financed, remaining


__all__ = [
    "NOT_FINANCED",
    "SOURCES",
    "SourceMaxima",
    "allocate",
    "other_banks_at_max",
    "other_sources_at_max",
    "source_maxima",
]
