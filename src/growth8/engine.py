"""The projection engine: Solow growth core, BPD lending channel, bank balance sheet.

Pure numpy, no I/O, no pandas. Every array is indexed ``[..., t]`` with ``t = 0``
the base year (observed) and ``t = T`` the horizon; leading axes are
``(scenario, province, draw)`` and broadcast, so a parameter that does not vary
by draw can be passed with a draw axis of length 1. The only Python loop runs
over years, because each year's state depends on the previous one.

The equations are those of DESIGN.md sections 2.1-2.3; see :func:`run` (Notes).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

#: Codes of ``EngineOutput.binding``.
BINDING_NONE, BINDING_LDR, BINDING_CAR = 0, 1, 2
BINDING_LABELS = ("none", "ldr", "car")


@dataclass(frozen=True)
class EngineInputs:
    """Inputs of :func:`run`, as arrays.

    Initial-state arrays broadcast to ``(S, P, D)``; path arrays broadcast to
    ``(S, P, D, T + 1)`` where index 0 is the base year. Rates are fractions;
    money is Rp billion (real: constant 2010 prices; bank figures: nominal).

    Attributes
    ----------
    grdp_real_0 : real GRDP in the base year, Y_0.
    capital_output_ratio_0 : K_0 / Y_0.
    deflator_0 : GRDP deflator in the base year, nominal / real (ratio, 2010 = 1).
    bpd_credit_0, bpd_deposits_0, bpd_equity_0 : the BPD's loans, third-party
        funds and (core) capital in the base year, nominal.
    investment_rate_base : baseline investment rate s^base_t (I / Y).
    tfp_growth, labour_growth, capital_share, depreciation : g_A, g_L, alpha,
        delta used for the growth *into* year t (index 0 is not used).
    inflation : growth of the GRDP deflator into year t.
    bpd_credit_growth : scenario growth of the BPD's loan stock into year t.
    baseline_bpd_credit_growth : loan growth implicit in the baseline
        investment rate (the counterfactual the scenario is measured against).
    deposit_growth : growth of the BPD's deposits into year t.
    capital_injection : provincial capital injection paid in year t (Rp bn).
    return_on_equity, payout_ratio : net profit / equity and the share of profit
        paid out as dividends; (1 - payout) * roe * E is retained.
    npl_ratio, loss_given_default : their product is the loss rate charged on
        lending above the counterfactual path.
    ldr_max : loan-to-deposit ceiling; car_min : minimum capital adequacy ratio;
    risk_weight : average risk weight of the loan book.
    productive_share, investment_share, additionality : kappa is their product.
    """

    grdp_real_0: Array
    capital_output_ratio_0: Array
    deflator_0: Array
    bpd_credit_0: Array
    bpd_deposits_0: Array
    bpd_equity_0: Array
    investment_rate_base: Array
    tfp_growth: Array
    labour_growth: Array
    capital_share: Array
    depreciation: Array
    inflation: Array
    bpd_credit_growth: Array
    baseline_bpd_credit_growth: Array
    deposit_growth: Array
    capital_injection: Array
    return_on_equity: Array
    payout_ratio: Array
    npl_ratio: Array
    loss_given_default: Array
    ldr_max: Array
    car_min: Array
    risk_weight: Array
    productive_share: Array
    investment_share: Array
    additionality: Array

    INITIAL = (
        "grdp_real_0",
        "capital_output_ratio_0",
        "deflator_0",
        "bpd_credit_0",
        "bpd_deposits_0",
        "bpd_equity_0",
    )

    def shape(self) -> tuple[int, int, int, int]:
        """Return the broadcast shape ``(S, P, D, T + 1)`` of all inputs."""
        init = np.broadcast_shapes(*(np.shape(getattr(self, n)) for n in self.INITIAL))
        paths = np.broadcast_shapes(
            *(np.shape(getattr(self, f.name)) for f in fields(self) if f.name not in self.INITIAL)
        )
        if len(paths) != 4:
            raise ValueError(f"path inputs must broadcast to 4 dimensions (S, P, D, T+1), got {paths}")
        full = np.broadcast_shapes(init + (1,), paths)
        return full  # type: ignore[return-value]


@dataclass(frozen=True)
class EngineOutput:
    """Paths computed by :func:`run`, each of shape ``(S, P, D, T + 1)``.

    Attributes
    ----------
    grdp_real : Y_t, Rp bn at 2010 prices.
    growth : g_t, growth from t-1 to t (index 0 is NaN: the observed base-year
        growth is not an engine output).
    investment_rate : effective s_t = s^base_t + X_t / Y_t.
    capital_output_ratio : ky_t = K_t / Y_t.
    extra_investment_real : X_t, Rp bn at 2010 prices.
    deflator : P_t.
    kappa : share of extra net lending that becomes fixed capital.
    bpd_credit : scenario loan path (uncapped), nominal.
    bpd_credit_feasible : the path within the LDR and CAR limits.
    bpd_credit_reference : the counterfactual (baseline growth, no injection),
        within the limits.
    bpd_deposits, bpd_equity : deposits and equity of the scenario bank.
    ldr_limit : ldr_max * D_t; car_limit : lending the capital supports.
    binding : 0 none, 1 LDR, 2 CAR (see ``BINDING_LABELS``).
    credit_shortfall : bpd_credit - bpd_credit_feasible (>= 0).
    """

    grdp_real: Array
    growth: Array
    investment_rate: Array
    capital_output_ratio: Array
    extra_investment_real: Array
    deflator: Array
    kappa: Array
    bpd_credit: Array
    bpd_credit_feasible: Array
    bpd_credit_reference: Array
    bpd_deposits: Array
    bpd_equity: Array
    ldr_limit: Array
    car_limit: Array
    binding: NDArray[np.int8]
    credit_shortfall: Array


def _car_cap(equity_pre: Array, car_rw: Array, loss_rate: Array, anchor: Array) -> Array:
    """Largest loan stock C with car_rw * C <= equity_pre - loss_rate * max(C - anchor, 0).

    The left side grows with C and the right side falls, so the root is unique:
    below ``anchor`` no loss is charged and the cap is ``equity_pre / car_rw``.
    """
    plain = equity_pre / car_rw
    with_losses = (equity_pre + loss_rate * anchor) / (car_rw + loss_rate)
    return np.where(plain <= anchor, plain, with_losses)


def run(inputs: EngineInputs) -> EngineOutput:
    """Project GRDP and the BPD's balance sheet for every (scenario, province, draw).

    Parameters
    ----------
    inputs : EngineInputs
        Initial state and parameter paths; see :class:`EngineInputs`.

    Returns
    -------
    EngineOutput
        Paths of shape ``(S, P, D, T + 1)``.

    Notes
    -----
    For t = 1..T, with all rates those of year t:

    Bank (run twice: the scenario, and a reference at the baseline credit growth
    with no capital injection, which the scenario is measured against)::

        D_t      = D_{t-1} (1 + deposit_growth)
        E_pre    = E_{t-1} (1 + (1 - payout) roe) + injection_t
        Cbar_t   = Cbar_{t-1} (1 + credit_growth)            # scenario path
        C_t      = min(Cbar_t, ldr_max D_t, CAR cap)          # feasible
        E_t      = E_pre - npl lgd max(C_t - C_{t-1} - N^ref_t, 0)

    where the CAR cap is the largest C with car_min rw C <= E_t (losses
    included), so the CAR floor holds after losses.

    Lending channel::

        N_t = C_t - C_{t-1};   X_t = kappa (N_t - N^ref_t) / P_t
        kappa = productive_share investment_share additionality
        P_t = P_{t-1} (1 + inflation)

    Solow core (World Bank LTGM form)::

        capf      = (1 - delta) + s_{t-1} / ky_{t-1}
        1 + g_t   = (1 + g_A) capf^alpha (1 + g_L)^(1 - alpha)
        ky_t      = ky_{t-1} capf / (1 + g_t)
        Y_t       = Y_{t-1} (1 + g_t)
        s_t       = s^base_t + X_t / Y_t

    Examples
    --------
    >>> import numpy as np
    >>> ones = np.ones((1, 1, 1, 3))
    >>> inp = EngineInputs(
    ...     grdp_real_0=np.array(100.0), capital_output_ratio_0=np.array(3.0),
    ...     deflator_0=np.array(1.5), bpd_credit_0=np.array(10.0),
    ...     bpd_deposits_0=np.array(12.0), bpd_equity_0=np.array(2.0),
    ...     investment_rate_base=0.3 * ones, tfp_growth=0.01 * ones,
    ...     labour_growth=0.01 * ones, capital_share=0.4 * ones,
    ...     depreciation=0.05 * ones, inflation=0.03 * ones,
    ...     bpd_credit_growth=0.05 * ones, baseline_bpd_credit_growth=0.05 * ones,
    ...     deposit_growth=0.05 * ones, capital_injection=0 * ones,
    ...     return_on_equity=0.1 * ones, payout_ratio=0.5 * ones,
    ...     npl_ratio=0.03 * ones, loss_given_default=0.5 * ones,
    ...     ldr_max=0.94 * ones, car_min=0.1 * ones, risk_weight=ones,
    ...     productive_share=0.3 * ones, investment_share=0.4 * ones,
    ...     additionality=0.5 * ones)
    >>> out = run(inp)
    >>> round(float(out.growth[0, 0, 0, 1]), 6)
    0.046853
    """
    shape = inputs.shape()
    lead, n_t = shape[:3], shape[3]
    f64 = np.float64

    def path(name: str) -> Array:
        return np.asarray(getattr(inputs, name), dtype=f64)

    def init(name: str) -> Array:
        return np.broadcast_to(np.asarray(getattr(inputs, name), dtype=f64), lead)

    # Time-first outputs so that each year's slice is contiguous.
    out = {
        name: np.empty((n_t, *lead), dtype=f64)
        for name in (
            "grdp_real growth investment_rate capital_output_ratio extra_investment_real "
            "deflator kappa bpd_credit bpd_credit_feasible bpd_credit_reference "
            "bpd_deposits bpd_equity ldr_limit car_limit credit_shortfall"
        ).split()
    }
    binding = np.zeros((n_t, *lead), dtype=np.int8)

    s_base = path("investment_rate_base")
    alpha = path("capital_share")
    one_minus_delta = 1.0 - path("depreciation")
    # Terms that do not depend on the state, vectorised over all years at once.
    productivity = (1.0 + path("tfp_growth")) * (1.0 + path("labour_growth")) ** (1.0 - alpha)
    kappa = path("productive_share") * path("investment_share") * path("additionality")
    retention = 1.0 + (1.0 - path("payout_ratio")) * path("return_on_equity")
    loss_rate = path("npl_ratio") * path("loss_given_default")
    car_rw = path("car_min") * path("risk_weight")
    ldr_max = path("ldr_max")
    credit_gross = 1.0 + path("bpd_credit_growth")
    ref_gross = 1.0 + path("baseline_bpd_credit_growth")
    deposit_gross = 1.0 + path("deposit_growth")
    inflation_gross = 1.0 + path("inflation")
    injection = path("capital_injection")

    # Base year: observed state.
    y = init("grdp_real_0").copy()
    ky = init("capital_output_ratio_0").copy()
    p = init("deflator_0").copy()
    c_bar = init("bpd_credit_0").copy()
    c_f = c_bar.copy()
    c_ref = c_bar.copy()
    dep = init("bpd_deposits_0").copy()
    eq = init("bpd_equity_0").copy()
    eq_ref = eq.copy()
    s = np.broadcast_to(s_base[..., 0], lead).copy()

    out["grdp_real"][0] = y
    out["growth"][0] = np.nan
    out["investment_rate"][0] = s
    out["capital_output_ratio"][0] = ky
    out["extra_investment_real"][0] = 0.0
    out["deflator"][0] = p
    out["kappa"][0] = kappa[..., 0]
    out["bpd_credit"][0] = c_bar
    out["bpd_credit_feasible"][0] = c_f
    out["bpd_credit_reference"][0] = c_ref
    out["bpd_deposits"][0] = dep
    out["bpd_equity"][0] = eq
    ldr_lim = ldr_max[..., 0] * dep
    car_lim = eq / car_rw[..., 0]
    out["ldr_limit"][0] = ldr_lim
    out["car_limit"][0] = car_lim
    out["credit_shortfall"][0] = 0.0
    over_ldr = c_f > ldr_lim
    over_car = c_f > car_lim
    binding[0] = np.where(
        over_ldr | over_car,
        np.where(ldr_lim <= car_lim, BINDING_LDR, BINDING_CAR),
        BINDING_NONE,
    )

    for t in range(1, n_t):
        # --- bank: reference path first (baseline growth, no injection) ---
        dep = dep * deposit_gross[..., t]
        ldr_lim = ldr_max[..., t] * dep
        c_ref_prev = c_ref
        eq_ref_pre = eq_ref * retention[..., t]
        c_ref = np.minimum(np.minimum(c_ref_prev * ref_gross[..., t], ldr_lim), eq_ref_pre / car_rw[..., t])
        eq_ref = eq_ref_pre
        n_ref = c_ref - c_ref_prev

        # --- bank: scenario path ---
        c_prev = c_f
        c_bar = c_bar * credit_gross[..., t]
        eq_pre = eq * retention[..., t] + injection[..., t]
        anchor = c_prev + n_ref
        car_lim = _car_cap(eq_pre, car_rw[..., t], loss_rate[..., t], anchor)
        cap = np.minimum(ldr_lim, car_lim)
        c_f = np.minimum(c_bar, cap)
        eq = eq_pre - loss_rate[..., t] * np.maximum(c_f - anchor, 0.0)
        short = c_bar - c_f
        binding[t] = np.where(short > 0.0, np.where(ldr_lim <= car_lim, BINDING_LDR, BINDING_CAR), BINDING_NONE)

        # --- lending channel ---
        p = p * inflation_gross[..., t]
        extra = kappa[..., t] * ((c_f - c_prev) - n_ref) / p

        # --- Solow core ---
        capf = one_minus_delta[..., t] + s / ky
        gross = productivity[..., t] * capf ** alpha[..., t]
        ky = ky * capf / gross
        y = y * gross
        s = s_base[..., t] + extra / y

        o = out
        o["grdp_real"][t] = y
        o["growth"][t] = gross - 1.0
        o["investment_rate"][t] = s
        o["capital_output_ratio"][t] = ky
        o["extra_investment_real"][t] = extra
        o["deflator"][t] = p
        o["kappa"][t] = kappa[..., t]
        o["bpd_credit"][t] = c_bar
        o["bpd_credit_feasible"][t] = c_f
        o["bpd_credit_reference"][t] = c_ref
        o["bpd_deposits"][t] = dep
        o["bpd_equity"][t] = eq
        o["ldr_limit"][t] = ldr_lim
        o["car_limit"][t] = car_lim
        o["credit_shortfall"][t] = short

    def last(a: np.ndarray) -> np.ndarray:
        return np.moveaxis(a, 0, -1)

    return EngineOutput(**{k: last(v) for k, v in out.items()}, binding=last(binding))
