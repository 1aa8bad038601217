"""What 8% needs: the inverse of the growth model, feasibility, and the highest reachable growth.

Targets: a growth path per province (:func:`target_paths`). Instruments: the
investment rate, and through it the BPD's extra lending, deposits, capital and
capital injections; alternatively TFP growth. The inverse is closed form, year
by year along the target path (DESIGN.md 2.4). The highest reachable constant
growth is a bracketed root-finding problem solved with SciPy; a failure to
converge is reported with its residual, never returned as an answer.

Pure numpy/scipy: no I/O, no pandas.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from growth8.errors import ModelError
from growth8.model.engine import (
    INITIAL_FIELDS,
    PATH_FIELDS,
    EngineInputs,
    EngineOutput,
    lendable_share,
    loss_rate,
    run,
)
from growth8.model.solow import capital_factor, required_capf

if TYPE_CHECKING:
    from growth8.config import TargetSpec

Array = NDArray[np.float64]

#: Why a requirement cannot happen, in the order they are reported.
REASONS = (
    "negative_investment",
    "investment_exceeds_output",
    "investment_ceiling",
    "no_bank_channel",
    "negative_credit",
    "credit_growth_ceiling",
    "funding",
    "car",
    "rim",
)


# --------------------------------------------------------------------------- target paths
def target_path(spec: TargetSpec, years: np.ndarray, first_growth: float) -> np.ndarray:
    """The target growth path of one province.

    Parameters
    ----------
    spec : TargetSpec
        Level, year, path kind (ramp, constant, average), start and window.
    years : ndarray of int, shape (T + 1,)
        Base year to horizon.
    first_growth : float
        Growth into the first projected year. It is set by the base year's
        investment, which has already been made, so every path takes it as given.

    Returns
    -------
    ndarray, shape (T + 1,)
        Growth into each year; index 0 (the base year) is NaN.

    Notes
    -----
    ramp: g*_1 = first_growth, then linear to G in year ``by`` and G after.
    constant: G from ``start`` (default the second projected year); before it,
    first_growth. average: g*_1 = first_growth and a constant c from the second
    projected year such that prod_{t in window} (1 + g*_t) = (1 + G)^n.
    """
    g = np.full(len(years), np.nan)
    if len(years) < 2:
        return g
    t1 = years[1]
    level = spec.growth
    if spec.path == "ramp":
        by = max(spec.by, t1 + 1)
        weight = np.clip((years - t1) / (by - t1), 0.0, 1.0)
        g[1:] = first_growth + (level - first_growth) * weight[1:]
    elif spec.path == "constant":
        start = spec.start if spec.start is not None else t1 + 1
        g[1:] = np.where(years[1:] >= max(start, t1 + 1), level, first_growth)
    else:  # average
        lo, hi = spec.window if spec.window is not None else (t1, years[-1])
        n = hi - lo + 1
        fixed = 1.0 + first_growth if lo <= t1 <= hi else 1.0
        free = n - 1 if lo <= t1 <= hi else n
        c = ((1.0 + level) ** n / fixed) ** (1.0 / max(free, 1)) - 1.0
        g[1] = first_growth
        g[2:] = c
    return g


def target_paths(
    specs: Mapping[int, TargetSpec], provinces: tuple[int, ...], years: np.ndarray, first_growth: np.ndarray
) -> np.ndarray:
    """Target paths for every province, shape (P, T + 1); see :func:`target_path`."""
    return np.stack([target_path(specs[c], years, float(first_growth[i])) for i, c in enumerate(provinces)])


# --------------------------------------------------------------------------- the inverse
@dataclass(frozen=True)
class Caps:
    """Caps the analyst sets, arrays broadcastable to (S, P, D, T + 1)."""

    investment_rate_max: Array
    bpd_credit_growth_max: Array
    capital_injection_max: Array
    other_bank_credit_growth_max: Array | None = None
    direct_investment_share_max: Array | None = None
    public_investment_extra_max: Array | None = None


@dataclass(frozen=True)
class Requirements:
    """What the target path needs, arrays of shape (S, P, D, T + 1) (index 0: base year).

    Attributes
    ----------
    target_growth : growth into each year along the target path.
    path_growth : growth into each year along the required path: the target, or more in a year whose
        baseline investment already beats it (the target is a floor, never a ceiling).
    grdp_real, capital_output_ratio : Y and K/Y along the required path.
    required_investment_rate : s*_t, the investment rate of year t that makes
        growth into t + 1 reach the target (at the horizon the target is held
        one more year); never below the baseline rate: a province already above
        its target needs nothing extra.
    baseline_investment_rate : s^base_t.
    investment_gap_real : (s*_t - s^base_t) Y_t, Rp bn at 2010 prices.
    required_extra_lending : investment_gap_real P_t / kappa_t, nominal Rp bn:
        net lending above the counterfactual that would finance the gap.
    required_bpd_credit : the loan stock that implies (counterfactual path plus
        the cumulated extra lending); required_bpd_credit_growth its growth.
    required_deposits : the deposits that fund required_bpd_credit after the GWM and the PLM,
        with the other funding and the equity on the required path.
    deposits : projected deposits (deposit growth of the scenario).
    required_equity : car_min risk_weight required_bpd_credit.
    equity : the bank's equity on the required path (after injections and losses).
    funding_limit : the loans that equity, deposits and other funding can fund on that path.
    public_capital_output_ratio : kg_t, effective public capital over GRDP on that path (the
        scenario's public investment).
    required_capital_injection : injection that keeps equity at that floor
        after retained profit and losses on the extra lending.
    required_tfp_growth : TFP growth that reaches the target at the baseline
        investment rate capped at its ceiling.
    capital_shortfall : required equity minus the equity the bank would have
        without an injection (negative when it has more than it needs);
        required_capital_injection = max(capital_shortfall, 0).
    reasons : int16 bit mask over :data:`REASONS`; 0 means feasible.
    """

    target_growth: Array
    path_growth: Array
    grdp_real: Array
    capital_output_ratio: Array
    required_investment_rate: Array
    baseline_investment_rate: Array
    investment_gap_real: Array
    required_extra_lending: Array
    required_bpd_credit: Array
    required_bpd_credit_growth: Array
    required_deposits: Array
    deposits: Array
    required_equity: Array
    equity: Array
    funding_limit: Array
    public_capital_output_ratio: Array
    required_capital_injection: Array
    required_tfp_growth: Array
    capital_shortfall: Array
    reasons: NDArray[np.int16]


def _tf(a: object) -> Array:
    """View an (..., T + 1) array time-first."""
    return np.moveaxis(np.asarray(a, dtype=np.float64), -1, 0)


def requirements(
    inputs: EngineInputs,
    projection: EngineOutput,
    target_growth: Array,
    caps: Caps,
    *,
    floor: bool = True,
    other_financing_real: Array | None = None,
) -> Requirements:
    """Solve the model backwards along a target path.

    Parameters
    ----------
    inputs : EngineInputs
        The scenario's parameters (as for :func:`growth8.model.engine.run`).
    projection : EngineOutput
        The scenario's projection: supplies the counterfactual loan path, the
        projected deposits and the deflator.
    target_growth : ndarray, broadcastable to (S, P, D, T + 1)
        Growth into each year; index 1 must equal the projection's growth into
        the first projected year (it is predetermined).
    caps : Caps
    floor : bool
        The target is a floor (default): where the baseline investment already beats it, the requirement
        is the baseline (no extra investment, lending or capital). ``False`` solves for the target exactly,
        with negative requirements below the baseline: the maximum-growth search needs slacks that rise
        strictly with the target.
    other_financing_real : ndarray, optional
        Extra real investment other sources finance in each year (Rp bn, 2010 prices); the BPD
        finances the rest of the gap. Used by the all-sources maximum-growth search.

    Returns
    -------
    Requirements

    Notes
    -----
    For t = 1..T, with parameters of year t + 1 (of T at the horizon) and the
    target g* of year t + 1 (held at the horizon)::

        capf*_{t}  = ((1 + g*_{t+1}) / ((1 + g_A) (1 + g_L)^(1 - alpha)))^(1/alpha)
        s*_t       = max(ky_t (capf*_t - (1 - delta)), s^base_t)       # the target is a floor
        capf_t     = 1 - delta + s*_t / ky_t
        1 + g_{t+1} = (1 + g_A) capf_t^alpha (1 + g_L)^(1 - alpha)   # = 1 + g*_{t+1} unless floored
        ky_{t+1}   = ky_t capf_t / (1 + g_{t+1}),   Y_{t+1} = Y_t (1 + g_{t+1})
        gap_t      = (s*_t - s^base_t) Y_t
        dN_t       = (gap_t - O_t) P_t / kappa_t                      # O: other sources' share
        C*_t       = C^ref_t + sum_{u <= t} dN_u,   E*_t = car_min rw C*_t
        inj_t      = max(E*_t - (E_{t-1} (1 + (1 - payout) roe) - l max(dN_t, 0)), 0)
        D*_t       = (C*_t - other_funding_t - E_t) / (1 - gwm - plm)

    with l = lgd (ps npl_productive + (1 - ps) npl) and E_t the equity after the injection.
    Required TFP is :func:`required_tfp_growth` at the baseline investment rate (capped).
    """
    shape = inputs.shape()
    lead, n_t = shape[:3], shape[3]

    def tf(name: str) -> Array:
        return _tf(getattr(inputs, name))

    def full(a: Array) -> Array:
        return np.broadcast_to(a, (n_t, *lead))

    g_star = full(_tf(target_growth))
    tfp, labour, alpha, delta = tf("tfp_growth"), tf("labour_growth"), tf("capital_share"), tf("depreciation")
    s_base = full(tf("investment_rate_base"))
    ps = tf("productive_share")
    kappa = ps * tf("investment_share") * tf("additionality") * tf("bpd_in_province_share")
    retention = 1.0 + (1.0 - tf("payout_ratio")) * tf("return_on_equity")
    loss = loss_rate(ps, tf("productive_npl_ratio"), tf("npl_ratio"), tf("loss_given_default"))
    car_rw = tf("car_min") * tf("risk_weight")
    lendable = lendable_share(tf("gwm_ratio"), tf("plm_ratio"))
    other_funding, rim_upper = tf("other_funding"), tf("rim_upper")
    s_cap, cg_cap, inj_cap = (
        _tf(getattr(caps, n)) for n in ("investment_rate_max", "bpd_credit_growth_max", "capital_injection_max")
    )
    c_ref = _tf(projection.bpd_credit_reference)
    deposits = full(_tf(projection.bpd_deposits))
    price = _tf(projection.deflator)
    phi, delta_g = tf("public_capital_elasticity"), tf("public_capital_depreciation")
    public_eff = full(_tf(projection.public_investment_effective))  # the scenario's, along any path
    others = full(_tf(other_financing_real)) if other_financing_real is not None else None

    names = [
        f.name
        for f in fields(Requirements)
        if f.name not in ("target_growth", "baseline_investment_rate", "deposits", "reasons", "required_tfp_growth")
    ]
    o = {n: np.empty((n_t, *lead)) for n in names}
    reasons = np.zeros((n_t, *lead), dtype=np.int16)

    y0 = np.broadcast_to(np.asarray(inputs.grdp_real_0, dtype=float), lead)
    ky0 = np.broadcast_to(np.asarray(inputs.capital_output_ratio_0, dtype=float), lead)
    eq = np.broadcast_to(np.asarray(inputs.bpd_equity_0, dtype=float), lead).copy()
    o["grdp_real"][0] = y0
    o["path_growth"][0] = g_star[0]
    o["capital_output_ratio"][0] = ky0
    o["required_investment_rate"][0] = s_base[0]  # the base year's investment is observed
    o["investment_gap_real"][0] = 0.0
    o["required_extra_lending"][0] = 0.0
    o["required_bpd_credit"][0] = c_ref[0]
    o["required_bpd_credit_growth"][0] = np.nan
    o["required_equity"][0] = car_rw[0] * c_ref[0]
    o["equity"][0] = eq
    o["funding_limit"][0] = deposits[0] * lendable[0] + other_funding[0] + eq
    o["required_deposits"][0] = np.maximum(c_ref[0] - other_funding[0] - eq, 0.0) / lendable[0]
    o["required_capital_injection"][0] = 0.0
    o["capital_shortfall"][0] = o["required_equity"][0] - eq

    last = n_t - 1
    cum_extra = np.zeros(lead)
    kg = np.broadcast_to(np.asarray(inputs.public_capital_output_ratio_0, dtype=float), lead).copy()
    o["public_capital_output_ratio"][0] = kg
    floored = np.zeros(lead, dtype=bool)  # the investment of t - 1 was the baseline's, above what the target needs
    for t in range(1, n_t):
        # Growth into t along the required path, from the investment required at t - 1: the target,
        # or the faster growth the baseline investment gives where it already beats the target.
        s_prev = o["required_investment_rate"][t - 1]
        capf = 1.0 - delta[t] + s_prev / o["capital_output_ratio"][t - 1]
        capf_g = 1.0 - delta_g[t] + public_eff[t - 1] / kg
        implied = (1.0 + tfp[t]) * capital_factor(capf, alpha[t], phi[t], capf_g)
        implied = implied * (1.0 + labour[t]) ** (1.0 - alpha[t]) - 1.0
        g_t = np.where(floored, np.maximum(implied, g_star[t]), g_star[t])
        o["path_growth"][t] = g_t
        o["capital_output_ratio"][t] = o["capital_output_ratio"][t - 1] * capf / (1.0 + g_t)
        kg = kg * capf_g / (1.0 + g_t)
        o["public_capital_output_ratio"][t] = kg
        o["grdp_real"][t] = o["grdp_real"][t - 1] * (1.0 + g_t)

        # Investment in t that makes growth into t + 1 hit the target (held at the horizon).
        n = min(t + 1, last)
        g_next = g_star[n]
        capf_g_next = 1.0 - delta_g[n] + public_eff[t] / kg
        cap_star = required_capf(g_next, tfp[n], labour[n], alpha[n], phi[n], capf_g_next)
        s_req = o["capital_output_ratio"][t] * (cap_star - (1.0 - delta[n]))
        floored = (s_req < s_base[t]) if floor else np.zeros(lead, dtype=bool)
        s_req = np.where(floored, s_base[t], s_req)
        o["required_investment_rate"][t] = s_req

        # From the investment gap (less what other sources finance) to lending, capital, deposits.
        y_t = o["grdp_real"][t]
        gap = (s_req - s_base[t]) * y_t
        o["investment_gap_real"][t] = gap
        bpd_gap = gap - others[t] if others is not None else gap
        k_t = kappa[t]
        no_channel = (k_t <= 0.0) & (bpd_gap > 0.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            d_n = np.where(
                k_t > 0.0,
                bpd_gap * price[t] / np.where(k_t > 0.0, k_t, 1.0),
                np.where(bpd_gap > 0.0, np.inf, 0.0),
            )
        o["required_extra_lending"][t] = d_n
        cum_extra = cum_extra + d_n
        credit = c_ref[t] + cum_extra
        o["required_bpd_credit"][t] = credit
        prev_credit = o["required_bpd_credit"][t - 1]
        with np.errstate(divide="ignore", invalid="ignore"):
            o["required_bpd_credit_growth"][t] = credit / prev_credit - 1.0
        need = car_rw[t] * credit
        o["required_equity"][t] = need
        eq_pre = eq * retention[t] - loss[t] * np.maximum(d_n, 0.0)
        o["capital_shortfall"][t] = need - eq_pre
        inj = np.maximum(need - eq_pre, 0.0)
        o["required_capital_injection"][t] = inj
        eq = eq_pre + inj
        o["equity"][t] = eq
        funding = deposits[t] * lendable[t] + other_funding[t] + eq
        o["funding_limit"][t] = funding
        o["required_deposits"][t] = np.maximum(credit - other_funding[t] - eq, 0.0) / lendable[t]
        rim = rim_upper[t] * deposits[t]

        # Why the requirement cannot happen (bit mask, in REASONS order).
        flags = (
            s_req < 0.0,
            s_req >= 1.0,
            s_req > s_cap[t],
            no_channel,
            credit < 0.0,
            (prev_credit > 0.0) & (o["required_bpd_credit_growth"][t] > cg_cap[t]),
            credit > funding * (1.0 + 1e-12),
            inj > inj_cap[t] * (1.0 + 1e-12) + 1e-9,
            credit > rim * (1.0 + 1e-12),
        )
        mask = np.zeros(lead, dtype=np.int16)
        for bit, flag in enumerate(flags):
            mask |= np.where(flag, np.int16(1 << bit), np.int16(0))
        reasons[t] = mask

    def back(a: np.ndarray) -> np.ndarray:
        return np.moveaxis(a, 0, -1)

    s_b = np.minimum(back(np.array(s_base)), back(np.broadcast_to(s_cap, (n_t, *lead))))
    return Requirements(
        target_growth=back(np.array(g_star)),
        baseline_investment_rate=back(np.array(s_base)),
        deposits=back(np.array(deposits)),
        reasons=back(reasons),
        required_tfp_growth=required_tfp_growth(
            inputs, back(np.array(g_star)), s_b, public_effective=back(np.array(public_eff))
        ),
        **{k: back(v) for k, v in o.items()},
    )


def required_tfp_growth(
    inputs: EngineInputs, target_growth: Array, investment_rate: Array, *, public_effective: Array | None = None
) -> Array:
    """TFP growth that reaches the target path at a given investment rate.

    Parameters
    ----------
    inputs : EngineInputs
    target_growth : ndarray (S, P, D, T + 1)
        Growth into each year (index 0 unused).
    investment_rate : ndarray, broadcastable to (S, P, D, T + 1)
        The investment rate of each year along the target path.
    public_effective : ndarray, optional
        theta s_G, the effective public investment rate of each year (the scenario's); needed when
        public capital is productive (phi > 0).

    Returns
    -------
    ndarray (S, P, D, T + 1)
        Index 0 is NaN.

    Notes
    -----
    Along the target path, from ky_0 and kg_0, for t = 1..T::

        capf_t        = 1 - delta_t + s_{t-1} / ky_{t-1}
        capf_G,t      = 1 - delta_G,t + theta s_G,{t-1} / kg_{t-1}
        1 + g_A*_t    = (1 + g*_t) / (capf_t^(alpha_t - phi_t) capf_G,t^phi_t (1 + g_L,t)^(1 - alpha_t))
        ky_t          = ky_{t-1} capf_t / (1 + g*_t),   kg_t = kg_{t-1} capf_G,t / (1 + g*_t)
    """
    shape = inputs.shape()
    lead, n_t = shape[:3], shape[3]
    g_star = np.broadcast_to(_tf(target_growth), (n_t, *lead))
    s = np.broadcast_to(_tf(investment_rate), (n_t, *lead))
    labour, alpha, delta = _tf(inputs.labour_growth), _tf(inputs.capital_share), _tf(inputs.depreciation)
    phi, delta_g = _tf(inputs.public_capital_elasticity), _tf(inputs.public_capital_depreciation)
    eff = np.broadcast_to(_tf(public_effective if public_effective is not None else 0.0), (n_t, *lead))
    ky = np.broadcast_to(np.asarray(inputs.capital_output_ratio_0, dtype=float), lead).copy()
    kg = np.broadcast_to(np.asarray(inputs.public_capital_output_ratio_0, dtype=float), lead).copy()
    out = np.full((n_t, *lead), np.nan)
    for t in range(1, n_t):
        capf = 1.0 - delta[t] + s[t - 1] / ky
        capf_g = 1.0 - delta_g[t] + eff[t - 1] / kg
        denominator = capital_factor(capf, alpha[t], phi[t], capf_g) * (1.0 + labour[t]) ** (1.0 - alpha[t])
        out[t] = (1.0 + g_star[t]) / denominator - 1.0
        ky = ky * capf / (1.0 + g_star[t])
        kg = kg * capf_g / (1.0 + g_star[t])
    return np.moveaxis(out, 0, -1)


def required_public_investment(
    inputs: EngineInputs,
    projection: EngineOutput,
    target_growth: Array,
    *,
    efficiency: Array | float | None = None,
    ceiling: float = 1.0,
    iterations: int = 64,
) -> Array:
    """Extra public investment (share of GRDP, spent) that alone puts growth on the target path.

    Parameters
    ----------
    inputs, projection : the scenario, as for :func:`requirements`.
    target_growth : ndarray, broadcastable to (S, P, D, T + 1)
        Growth into each year; index 1 is the projection's (predetermined).
    efficiency : array or float, optional
        theta of all public investment in this calculation; default the scenario's
        ``public_investment_efficiency`` (1.0 gives the requirement at full efficiency).
    ceiling : float
        The largest extra public investment searched (share of GRDP); above it the answer is NaN.
    iterations : int
        Bisection steps (64 halve the bracket of width ``ceiling`` below the floating-point spacing).

    Returns
    -------
    ndarray (S, P, D, T + 1)
        x_t >= 0, the extra public investment of year t; 0 where the baseline already meets the
        target (the target is a floor), NaN where even ``ceiling`` does not reach it.

    Notes
    -----
    The other levers stay at their scenario values: along the target path (Y*_t, P_t) total investment
    is s_t = s^base_t + (X^BPD_t + X^B_t) / Y*_t + kappa_DI (di_t - di^base_t) + kappa_G (e_t g_t + x_t)
    and public investment s_G,t = s_G^base_t + e_t g_t + x_t, with g_t the scenario's extra public
    capital spending over GRDP, ((G^extra + G^shift) / (P Y*) + g^share). Growth into t + 1 rises
    strictly with x_t::

        1 + g_{t+1}(x) = (1 + g_A) (1 - delta + s_t(x) / ky_t)^(alpha - phi)
                         (1 - delta_G + theta (s_G,t + x) / kg_t)^phi (1 + g_L)^(1 - alpha)

    so x_t is found by bisection for g_{t+1}(x) = g*_{t+1} (held at the horizon), and the path then
    moves on with ky and kg as the model does.
    """
    shape = inputs.shape()
    lead, n_t = shape[:3], shape[3]

    def tf(name: str) -> Array:
        return np.broadcast_to(_tf(getattr(inputs, name)), (n_t, *lead))

    g_star = np.broadcast_to(_tf(target_growth), (n_t, *lead))
    tfp, labour, alpha, delta = tf("tfp_growth"), tf("labour_growth"), tf("capital_share"), tf("depreciation")
    phi, delta_g = tf("public_capital_elasticity"), tf("public_capital_depreciation")
    if efficiency is None:
        theta = tf("public_investment_efficiency")
    else:
        theta = np.broadcast_to(np.moveaxis(np.atleast_1d(np.asarray(efficiency, dtype=float)), -1, 0), (n_t, *lead))
    passthrough = tf("public_investment_passthrough")
    price = np.broadcast_to(_tf(projection.deflator), (n_t, *lead))
    banks = np.broadcast_to(
        _tf(projection.bpd_extra_investment_real) + _tf(projection.other_bank_extra_investment_real), (n_t, *lead)
    )
    direct = tf("direct_investment_passthrough") * (tf("direct_investment_share") - tf("direct_investment_share_base"))
    budgeted = tf("public_investment_extra") + tf("spending_shift_to_capital")
    s_base, s_g_base = tf("investment_rate_base"), tf("public_investment_rate_base")
    execution, extra_share = tf("budget_execution_rate"), tf("public_investment_extra_share")
    ky = np.broadcast_to(np.asarray(inputs.capital_output_ratio_0, dtype=float), lead).copy()
    kg = np.broadcast_to(np.asarray(inputs.public_capital_output_ratio_0, dtype=float), lead).copy()
    y = np.broadcast_to(np.asarray(inputs.grdp_real_0, dtype=float), lead).copy()
    out = np.zeros((n_t, *lead))
    s_total = np.empty((n_t, *lead))
    s_g = np.empty((n_t, *lead))

    def rates(t: int) -> None:  # the scenario's investment rates in t along the target path (Y*_t known)
        executed = execution[t] * (budgeted[t] / (price[t] * y) + extra_share[t]) if t > 0 else 0.0
        s_g[t] = s_g_base[t] + executed
        s_total[t] = s_base[t] + banks[t] / y + direct[t] + passthrough[t] * executed if t > 0 else s_base[t]

    def growth(t: int, n: int, x: Array) -> tuple[Array, Array, Array]:
        capf = 1.0 - delta[n] + (s_total[t] + passthrough[t] * x) / ky
        capf_g = 1.0 - delta_g[n] + theta[t] * (s_g[t] + x) / kg
        gross = (1.0 + tfp[n]) * capital_factor(capf, alpha[n], phi[n], capf_g) * (1.0 + labour[n]) ** (1.0 - alpha[n])
        return gross - 1.0, capf, capf_g

    last = n_t - 1
    x_prev = np.zeros(lead)
    for t in range(0, n_t):
        if t > 0:  # move the path into t with the investment of t - 1
            g_t, capf, capf_g = growth(t - 1, t, np.where(np.isnan(x_prev), ceiling, x_prev))
            ky = ky * capf / (1.0 + g_t)
            kg = kg * capf_g / (1.0 + g_t)
            y = y * (1.0 + g_t)
        rates(t)
        if t == 0:
            continue  # the base year's investment is observed
        n = min(t + 1, last)
        goal = g_star[n]
        base_growth, _, _ = growth(t, n, np.zeros(lead))
        top_growth, _, _ = growth(t, n, np.full(lead, ceiling))
        lo, hi = np.zeros(lead), np.full(lead, ceiling)
        for _ in range(iterations):
            mid = 0.5 * (lo + hi)
            below = growth(t, n, mid)[0] < goal
            lo = np.where(below, mid, lo)
            hi = np.where(below, hi, mid)
        x = np.where(base_growth >= goal, 0.0, hi)
        x = np.where(top_growth < goal, np.nan, x)
        out[t] = x
        x_prev = x
    return np.moveaxis(out, 0, -1)


def reason_labels(mask: NDArray[np.int16]) -> tuple[np.ndarray, np.ndarray]:
    """Turn bit masks into (first reason, all reasons joined by ';') string arrays."""
    flat = np.asarray(mask).reshape(-1)
    first = np.full(flat.shape, "none", dtype=object)
    every = np.full(flat.shape, "", dtype=object)
    for bit in range(len(REASONS) - 1, -1, -1):
        has = (flat >> bit) & 1 == 1
        first[has] = REASONS[bit]
    for i in np.nonzero(flat)[0]:
        every[i] = ";".join(REASONS[b] for b in range(len(REASONS)) if (flat[i] >> b) & 1)
    return first.reshape(np.shape(mask)), every.reshape(np.shape(mask))


# --------------------------------------------------------------------------- maximum growth
@dataclass(frozen=True)
class MaxGrowth:
    """Highest reachable growth, per (scenario, province, draw).

    Attributes
    ----------
    constant : ndarray (S, P, D)
        Highest constant growth from the second projected year to the horizon
        whose requirements are all feasible; NaN where none is.
    binding_reason : ndarray of str (S, P, D)
        The constraint that binds at that growth.
    binding_year : ndarray of int (S, P, D)
        The first year where it binds.
    converged : ndarray of bool; iterations : ndarray of int; residual : ndarray
        Root-finder diagnostics (the margin at the solution).
    by_year : ndarray (S, P, D, T + 1)
        Growth path when the BPD lends the most it can each year (loan growth
        at its ceiling, capital injections at theirs, within its funding and capital) and
        investment is capped at its ceiling.
    bpd_extra_investment : ndarray (S, P, D, T + 1)
        The extra real investment the BPD finances on that path (Rp bn).
    pushed : EngineOutput
        That run (the BPD's levers at their caps), for the financing table.
    """

    constant: Array
    binding_reason: np.ndarray
    binding_year: np.ndarray
    converged: np.ndarray
    iterations: np.ndarray
    residual: Array
    by_year: Array
    bpd_extra_investment: Array
    bracket: tuple[float, float]
    pushed: EngineOutput | None = None


def _cell_view(a: object, shape: tuple[int, ...]) -> Array:
    """Broadcast to (S, P, D, T + 1) and flatten the cells: (N, T + 1)."""
    return np.broadcast_to(np.asarray(a, dtype=float), shape).reshape(-1, shape[-1])


#: Financing of the other sources along a real GRDP path: (grdp_real (N, T + 1), cells) -> real Rp bn (N, T + 1).
OtherFinancing = Callable[[Array, NDArray[np.intp]], Array]


def _margins(
    g: Array,
    cells: NDArray[np.intp],
    flat: Mapping[str, Array],
    years_n: int,
    others: OtherFinancing | None = None,
) -> tuple[Array, NDArray[np.int16], NDArray[np.intp]]:
    """Smallest slack over years and caps, for a constant target g in each cell (vectorised)."""
    sub = {k: v[cells] for k, v in flat.items()}
    n_t = years_n
    target = np.repeat(np.asarray(g, dtype=float)[:, None], n_t, axis=1)
    target[:, 1] = sub["first_growth"][:, 0]
    target[:, 0] = np.nan
    lead = (1, 1, len(cells))

    def as_in(a: Array) -> Array:
        return a.reshape(*lead, n_t)

    inputs = EngineInputs(
        **{k: sub[k][:, 0].reshape(lead) for k in INITIAL_FIELDS},
        **{k: as_in(sub[k]) for k in PATH_FIELDS},
    )
    projection = _ProjectionSlice(
        bpd_credit_reference=as_in(sub["bpd_credit_reference"]),
        bpd_deposits=as_in(sub["bpd_deposits"]),
        deflator=as_in(sub["deflator"]),
        public_investment_effective=as_in(sub["public_investment_effective"]),
    )
    caps = Caps(*(as_in(sub[k]) for k in ("investment_rate_max", "bpd_credit_growth_max", "capital_injection_max")))
    offset = None
    if others is not None:
        # Without the floor the path is the target itself: Y_t = Y_0 prod (1 + g*).
        grdp = sub["grdp_real_0"][:, :1] * np.cumprod(np.where(np.isnan(target), 1.0, 1.0 + target), axis=1)
        offset = as_in(others(grdp, cells))
    req = requirements(inputs, projection, as_in(target), caps, floor=False, other_financing_real=offset)  # type: ignore[arg-type]

    def cells_t(a: Array) -> Array:
        return np.asarray(a).reshape(len(cells), n_t)[:, 1:]

    s_req = cells_t(req.required_investment_rate)
    credit = cells_t(req.required_bpd_credit)
    prev_credit = np.asarray(req.required_bpd_credit).reshape(len(cells), n_t)[:, :-1]
    growth = cells_t(req.required_bpd_credit_growth)
    shortfall = cells_t(req.capital_shortfall)  # strictly rising in g, unlike the injection max(shortfall, 0)
    funding = cells_t(req.funding_limit)
    rim = sub["rim_upper"][:, 1:] * sub["bpd_deposits"][:, 1:]
    inj_cap = sub["capital_injection_max"][:, 1:]
    with np.errstate(invalid="ignore", divide="ignore"):
        slacks = np.stack(
            [
                np.minimum(sub["investment_rate_max"][:, 1:], 1.0) - s_req,  # investment ceiling (and I < Y)
                # loan growth matters only while the required stock stays positive (less lending is not a cap)
                np.where((credit > 0.0) & (prev_credit > 0.0), sub["bpd_credit_growth_max"][:, 1:] - growth, np.inf),
                (funding - credit) / np.abs(funding),
                (inj_cap - shortfall) / np.maximum(inj_cap, 1.0),
                np.where(np.isinf(rim), np.inf, (rim - credit) / rim),
            ]
        )
    slacks = np.where(np.isnan(slacks), -np.inf, slacks)
    kinds = np.array(
        [REASONS.index(k) for k in ("investment_ceiling", "credit_growth_ceiling", "funding", "car", "rim")]
    )
    flat_idx = slacks.reshape(len(kinds), len(cells), -1)
    per_year = flat_idx.min(axis=0)
    worst_kind = flat_idx.argmin(axis=0)
    margin = per_year.min(axis=1)
    year_idx = per_year.argmin(axis=1)
    return margin, kinds[worst_kind[np.arange(len(cells)), year_idx]].astype(np.int16), year_idx + 1


@dataclass(frozen=True)
class _ProjectionSlice:
    bpd_credit_reference: Array
    bpd_deposits: Array
    deflator: Array
    public_investment_effective: Array


def max_growth(
    inputs: EngineInputs,
    projection: EngineOutput,
    caps: Caps,
    years: np.ndarray,
    *,
    bracket: tuple[float, float] = (-0.1, 0.5),
    xtol: float = 1e-12,
    others: OtherFinancing | None = None,
    search: bool = True,
) -> MaxGrowth:
    """Highest reachable growth under the caps and the bank's limits.

    Parameters
    ----------
    inputs, projection : as for :func:`requirements`.
    caps : Caps
    years : ndarray of int, shape (T + 1,)
    bracket : (low, high)
        Search interval for the constant growth rate.
    xtol : float
        Absolute tolerance in growth (the answer is accurate to it).
    others : callable, optional
        The other sources' extra real investment at their maxima along a GRDP path (see
        :func:`growth8.model.financing.other_sources_at_max`): the BPD then finances only the
        rest of the gap, which gives the highest growth with every source at its maximum.
        None: the own BPD alone.
    search : bool
        False skips the root search and returns only the by-year run (the constant growth is NaN,
        its reason ``not_searched``): what the explorer's fast first answer needs.

    Returns
    -------
    MaxGrowth

    Raises
    ------
    ModelError
        When the root finder does not converge in a cell that has a sign
        change, with the cell, the bracket and the residual.

    Notes
    -----
    Every requirement (investment, loan growth, loans against funding,
    capital injections, the optional RIM ceiling) rises with the target, so the smallest slack
    ``m(g) = min_t min_caps (cap - requirement)`` falls with g; the highest
    reachable constant growth is the root of m, found with SciPy's vectorised
    bracketed root finder (Chandrupatla's method,
    ``scipy.optimize.elementwise.find_root``). At the root one cap binds
    exactly; it is reported with the first year it binds. Where m(low) < 0
    even the lowest growth in the bracket is infeasible and the answer is NaN.
    """
    from scipy.optimize.elementwise import find_root

    shape = inputs.shape()
    lead, n_t = shape[:3], shape[3]
    n_cells = int(np.prod(lead))
    # By year: the BPD lends the most it can every year.
    pushed = replace(
        inputs,
        bpd_credit_growth=caps.bpd_credit_growth_max,
        capital_injection=caps.capital_injection_max,
        investment_rate_max=caps.investment_rate_max,
    )
    best = run(pushed)
    if not search:
        return MaxGrowth(
            constant=np.full(lead, np.nan),
            binding_reason=np.full(lead, "not_searched", dtype=object),
            binding_year=np.full(lead, -1),
            converged=np.zeros(lead, dtype=bool),
            iterations=np.zeros(lead, dtype=int),
            residual=np.full(lead, np.nan),
            by_year=best.growth,
            bpd_extra_investment=best.bpd_extra_investment_real,
            bracket=bracket,
            pushed=best,
        )
    flat: dict[str, Array] = {k: _cell_view(getattr(inputs, k), shape) for k in PATH_FIELDS}
    for k in INITIAL_FIELDS:
        flat[k] = np.broadcast_to(np.asarray(getattr(inputs, k), dtype=float), lead).reshape(-1, 1)
    for k in ("bpd_credit_reference", "bpd_deposits", "deflator", "public_investment_effective"):
        flat[k] = _cell_view(getattr(projection, k), shape)
    for k in ("investment_rate_max", "bpd_credit_growth_max", "capital_injection_max"):
        flat[k] = _cell_view(getattr(caps, k), shape)
    flat["first_growth"] = np.broadcast_to(projection.growth[..., 1], lead).reshape(-1, 1)
    cells = np.arange(n_cells)

    lo, hi = bracket
    m_lo, _, _ = _margins(np.full(n_cells, lo), cells, flat, n_t, others)
    m_hi, _, _ = _margins(np.full(n_cells, hi), cells, flat, n_t, others)
    solvable = (m_lo >= 0.0) & (m_hi < 0.0)
    constant = np.full(n_cells, np.nan)
    converged = np.zeros(n_cells, dtype=bool)
    iterations = np.zeros(n_cells, dtype=int)
    residual = np.full(n_cells, np.nan)
    constant[m_hi >= 0.0] = hi  # every cap slack even at the top of the bracket
    converged[m_hi >= 0.0] = True

    idx = cells[solvable]
    if idx.size:

        def f(g: Array, cell: Array) -> Array:
            return _margins(g, cell.astype(np.intp), flat, n_t, others)[0]

        res = find_root(
            f,
            (np.full(idx.size, lo), np.full(idx.size, hi)),
            args=(idx.astype(float),),
            tolerances={"xatol": xtol, "xrtol": 0.0, "fatol": 0.0, "frtol": 0.0},
            maxiter=200,
        )
        # The answer must be feasible: take the bracket end on the feasible side.
        f_left, f_right = res.f_bracket
        x = np.where(f_left >= 0.0, res.bracket[0], np.where(f_right >= 0.0, res.bracket[1], res.x))
        ok = np.asarray(res.success)
        if not ok.all():
            bad = idx[~ok][0]
            raise ModelError.of(
                "error.model.max_growth_diverged",
                cell=int(bad),
                status=int(np.asarray(res.status)[~ok][0]),
                iterations=int(np.asarray(res.nit)[~ok][0]),
                low=lo,
                high=hi,
            )
        constant[idx] = x
        converged[idx] = True
        iterations[idx] = np.asarray(res.nit)
    done = ~np.isnan(constant)
    margin, kind, year_idx = _margins(np.where(done, constant, lo), cells, flat, n_t, others)
    residual[done] = margin[done]
    reason = np.array([REASONS[k] for k in kind], dtype=object)
    reason[~done] = "infeasible_at_bracket_low"
    reason[done & (m_hi >= 0.0)] = "none_within_bracket"
    binding_year = np.where(done, years[np.clip(year_idx, 0, n_t - 1)], -1)
    return MaxGrowth(
        constant=constant.reshape(lead),
        binding_reason=reason.reshape(lead),
        binding_year=binding_year.reshape(lead),
        converged=converged.reshape(lead),
        iterations=iterations.reshape(lead),
        residual=residual.reshape(lead),
        by_year=best.growth,
        bpd_extra_investment=best.bpd_extra_investment_real,
        bracket=bracket,
        pushed=best,
    )


__all__ = [
    "REASONS",
    "Caps",
    "MaxGrowth",
    "Requirements",
    "max_growth",
    "reason_labels",
    "required_capf",
    "required_public_investment",
    "required_tfp_growth",
    "requirements",
    "target_path",
    "target_paths",
]
