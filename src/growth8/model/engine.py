"""The projection engine: Solow growth core, BPD lending channel, bank balance sheet.

Pure numpy, no I/O, no pandas. Every array is indexed ``[..., t]`` with ``t = 0``
the base year (observed) and ``t = T`` the horizon; leading axes are
``(scenario, province, draw)`` and broadcast, so a parameter that does not vary
by draw can be passed with a draw axis of length 1. The only Python loop runs
over years, because each year's state depends on the previous one.

The equations are those of DESIGN.md sections 2.1-2.3; see :func:`run` (Notes).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

#: Codes of ``EngineOutput.binding``.
BINDING_NONE, BINDING_LDR, BINDING_CAR = 0, 1, 2
BINDING_LABELS = ("none", "ldr", "car")


def _initial(parameter: str, *, calibration: bool = False, neutral: float | None = None) -> dict[str, object]:
    """Field metadata of an initial-state input: the parameter (or calibration column) it comes from."""
    return {
        "kind": "initial",
        "parameter": parameter,
        "calibration": calibration,
        "neutral": neutral,
        "optional": False,
    }


def _path(parameter: str, *, neutral: float | None = None, optional: bool = False) -> dict[str, object]:
    """Field metadata of a per-year input: the parameter it comes from, its neutral value."""
    return {"kind": "path", "parameter": parameter, "calibration": False, "neutral": neutral, "optional": optional}


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
    investment_rate_max : optional ceiling on the effective investment rate
        (used by the maximum-growth search); None means no ceiling.
    """

    grdp_real_0: Array = field(metadata=_initial("grdp_real_0", calibration=True, neutral=1.0))
    capital_output_ratio_0: Array = field(metadata=_initial("capital_output_ratio_initial"))
    deflator_0: Array = field(metadata=_initial("deflator_0", calibration=True, neutral=1.0))
    bpd_credit_0: Array = field(metadata=_initial("bpd_credit_initial", neutral=1.0))
    bpd_deposits_0: Array = field(metadata=_initial("bpd_deposits_initial", neutral=1.0))
    bpd_equity_0: Array = field(metadata=_initial("bpd_equity_initial", neutral=1.0))
    investment_rate_base: Array = field(metadata=_path("investment_rate"))
    tfp_growth: Array = field(metadata=_path("tfp_growth"))
    labour_growth: Array = field(metadata=_path("labour_growth"))
    capital_share: Array = field(metadata=_path("capital_share"))
    depreciation: Array = field(metadata=_path("depreciation"))
    inflation: Array = field(metadata=_path("inflation", neutral=0.0))
    bpd_credit_growth: Array = field(metadata=_path("bpd_credit_growth", neutral=0.0))
    baseline_bpd_credit_growth: Array = field(metadata=_path("baseline_bpd_credit_growth", neutral=0.0))
    deposit_growth: Array = field(metadata=_path("deposit_growth", neutral=0.0))
    capital_injection: Array = field(metadata=_path("capital_injection", neutral=0.0))
    return_on_equity: Array = field(metadata=_path("return_on_equity", neutral=0.0))
    payout_ratio: Array = field(metadata=_path("payout_ratio", neutral=0.0))
    npl_ratio: Array = field(metadata=_path("npl_ratio", neutral=0.0))
    loss_given_default: Array = field(metadata=_path("loss_given_default", neutral=0.0))
    ldr_max: Array = field(metadata=_path("ldr_max", neutral=1.0))
    car_min: Array = field(metadata=_path("car_min", neutral=0.1))
    risk_weight: Array = field(metadata=_path("risk_weight", neutral=1.0))
    productive_share: Array = field(metadata=_path("productive_share", neutral=0.0))
    investment_share: Array = field(metadata=_path("investment_share", neutral=0.0))
    additionality: Array = field(metadata=_path("additionality", neutral=0.0))
    investment_rate_max: Array | None = field(default=None, metadata=_path("investment_rate_max", optional=True))

    # The fields above are the one definition of the engine's inputs: INITIAL_FIELDS, PATH_FIELDS and the
    # parameter maps below are derived from them (and so is every other list of inputs in growth8).

    def shape(self) -> tuple[int, int, int, int]:
        """Return the broadcast shape ``(S, P, D, T + 1)`` of all inputs."""
        init = np.broadcast_shapes(*(np.shape(getattr(self, n)) for n in INITIAL_FIELDS))
        paths = np.broadcast_shapes(
            *(
                np.shape(getattr(self, f.name))
                for f in fields(self)
                if f.name not in INITIAL_FIELDS and getattr(self, f.name) is not None
            )
        )
        if len(paths) != 4:
            raise ValueError(f"path inputs must broadcast to 4 dimensions (S, P, D, T+1), got {paths}")
        full = np.broadcast_shapes((*init, 1), paths)
        return (full[0], full[1], full[2], full[3])


#: The initial-state fields of EngineInputs (shape (S, P, D)), in declaration order.
INITIAL_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(EngineInputs) if f.metadata["kind"] == "initial")

#: The path (per-year) fields of EngineInputs (shape (S, P, D, T + 1)), without the optional investment ceiling.
PATH_FIELDS: tuple[str, ...] = tuple(
    f.name for f in fields(EngineInputs) if f.metadata["kind"] == "path" and not f.metadata["optional"]
)

#: configs/defaults.yaml parameter -> the EngineInputs field it fills (initial-state parameters).
INITIAL_PARAMETERS: dict[str, str] = {
    f.metadata["parameter"]: f.name
    for f in fields(EngineInputs)
    if f.metadata["kind"] == "initial" and not f.metadata["calibration"]
}

#: Calibration column -> the EngineInputs field it fills (base-year observations).
CALIBRATED_INITIAL: dict[str, str] = {
    f.metadata["parameter"]: f.name for f in fields(EngineInputs) if f.metadata["calibration"]
}

#: configs/defaults.yaml parameter -> the EngineInputs field it fills (per-year parameters).
PATH_PARAMETERS: dict[str, str] = {
    f.metadata["parameter"]: f.name for f in fields(EngineInputs) if f.name in PATH_FIELDS
}


def neutral_inputs(shape: tuple[int, int, int, int], **given: object) -> EngineInputs:
    """Inputs of shape ``(S, P, D, T + 1)`` with the bank channel switched off, except the fields ``given``.

    Every field without a neutral value (the growth core: ky_0, s, g_A, g_L, alpha, delta) must be given;
    the others default to the value that makes the BPD block inert (kappa = 0, no injections).
    Used by the backtest and by tests.

    Raises
    ------
    TypeError
        A growth-core field is missing, or a name is not a field.
    """
    unknown = set(given) - {f.name for f in fields(EngineInputs)}
    if unknown:
        raise TypeError(f"not EngineInputs fields: {sorted(unknown)}")
    values: dict[str, object] = {}
    for f in fields(EngineInputs):
        if f.name in given:
            values[f.name] = given[f.name]
        elif f.metadata["optional"]:
            continue
        elif f.metadata["neutral"] is None:
            raise TypeError(f"neutral_inputs needs {f.name}")
        else:
            full = shape[:3] if f.metadata["kind"] == "initial" else shape
            values[f.name] = np.full(full, f.metadata["neutral"])
    return EngineInputs(**values)  # type: ignore[arg-type]


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

    The left side grows with C and the right side falls, so the root is unique.
    Below ``anchor`` no loss is charged and the cap is ``plain = equity_pre / car_rw``;
    above it the root is ``(equity_pre + loss_rate anchor) / (car_rw + loss_rate)``,
    a weighted mean of ``plain`` and ``anchor``. Both cases are
    ``min(plain, max(anchor, root))``.
    """
    plain = equity_pre / car_rw
    root = loss_rate * anchor
    root += equity_pre
    root /= car_rw + loss_rate
    np.maximum(root, anchor, out=root)
    return np.minimum(plain, root, out=root)


def run(inputs: EngineInputs, workspace: dict[str, np.ndarray] | None = None) -> EngineOutput:
    """Project GRDP and the BPD's balance sheet for every (scenario, province, draw).

    Parameters
    ----------
    inputs : EngineInputs
        Initial state and parameter paths; see :class:`EngineInputs`.
    workspace : dict, optional
        Reusable output buffers (filled on first use). The returned arrays are
        views of them, so copy what you keep before the next call with the same
        workspace. Repeated runs (Monte Carlo chunks) then skip the cost of
        fresh memory.

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
        Cbar_t   = Cbar_{t-1} (1 + credit_growth)            # scenario path (levels)
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
    0.036072
    """
    shape = inputs.shape()
    lead, n_t = shape[:3], shape[3]
    f64 = np.float64

    def path(name: str) -> Array:
        # Time first: each year's slice is then contiguous when the caller stored the
        # array time-first (see time_first), and a cheap broadcast otherwise.
        return np.moveaxis(np.asarray(getattr(inputs, name), dtype=f64), -1, 0)

    def init(name: str) -> Array:
        return np.broadcast_to(np.asarray(getattr(inputs, name), dtype=f64), lead)

    names = [f.name for f in fields(EngineOutput) if f.name != "binding"]
    full_shape = (n_t, *lead)
    if workspace is not None and workspace.get("_shape") == full_shape:
        o = {name: workspace[name] for name in names}
        binding = workspace["binding"]
        binding[...] = 0
    else:
        o = {name: np.empty(full_shape, dtype=f64) for name in names}
        binding = np.zeros(full_shape, dtype=np.int8)
        if workspace is not None:
            workspace.clear()
            workspace.update(o)
            workspace["binding"] = binding
            workspace["_shape"] = full_shape  # type: ignore[assignment]

    # Raw paths, time first (views; no copies). Derived terms are formed year by year
    # so that temporaries stay small and in cache.
    s_base = path("investment_rate_base")
    alpha = path("capital_share")
    delta = path("depreciation")
    tfp, labour = path("tfp_growth"), path("labour_growth")
    shares = path("productive_share"), path("investment_share"), path("additionality")
    roe, payout = path("return_on_equity"), path("payout_ratio")
    npl, lgd = path("npl_ratio"), path("loss_given_default")
    car_min, risk_weight, ldr_max = path("car_min"), path("risk_weight"), path("ldr_max")
    credit_growth, ref_growth = path("bpd_credit_growth"), path("baseline_bpd_credit_growth")
    deposit_growth, inflation, injection = path("deposit_growth"), path("inflation"), path("capital_injection")
    s_max = path("investment_rate_max") if inputs.investment_rate_max is not None else None

    def kappa_at(t: int) -> Array:
        return shares[0][t] * shares[1][t] * shares[2][t]

    # Base year: the observed state.
    o["grdp_real"][0] = init("grdp_real_0")
    o["growth"][0] = np.nan
    o["investment_rate"][0] = s_base[0]
    o["capital_output_ratio"][0] = init("capital_output_ratio_0")
    o["extra_investment_real"][0] = 0.0
    o["deflator"][0] = init("deflator_0")
    for name in ("bpd_credit", "bpd_credit_feasible", "bpd_credit_reference"):
        o[name][0] = init("bpd_credit_0")
    o["bpd_deposits"][0] = init("bpd_deposits_0")
    o["bpd_equity"][0] = init("bpd_equity_0")
    o["kappa"][0] = kappa_at(0)
    np.multiply(ldr_max[0], o["bpd_deposits"][0], out=o["ldr_limit"][0])
    np.divide(o["bpd_equity"][0], car_min[0] * risk_weight[0], out=o["car_limit"][0])
    o["credit_shortfall"][0] = 0.0
    c0, ldr0, car0 = o["bpd_credit"][0], o["ldr_limit"][0], o["car_limit"][0]
    binding[0] = np.where((c0 > ldr0) | (c0 > car0), np.where(ldr0 <= car0, BINDING_LDR, BINDING_CAR), BINDING_NONE)

    c_ref_bar = o["bpd_credit"][0].copy()
    eq_ref = o["bpd_equity"][0].copy()
    for t in range(1, n_t):
        y_prev, ky_prev, s_prev = o["grdp_real"][t - 1], o["capital_output_ratio"][t - 1], o["investment_rate"][t - 1]
        c_prev, c_ref_prev = o["bpd_credit_feasible"][t - 1], o["bpd_credit_reference"][t - 1]
        retention = 1.0 + (1.0 - payout[t]) * roe[t]
        car_rw = car_min[t] * risk_weight[t]
        loss_rate = npl[t] * lgd[t]
        dep = np.multiply(o["bpd_deposits"][t - 1], 1.0 + deposit_growth[t], out=o["bpd_deposits"][t])
        ldr_lim = np.multiply(ldr_max[t], dep, out=o["ldr_limit"][t])

        # --- bank: the counterfactual (baseline growth, no injection) ---
        c_ref_bar *= 1.0 + ref_growth[t]
        eq_ref *= retention
        c_ref = np.minimum(c_ref_bar, ldr_lim, out=o["bpd_credit_reference"][t])
        np.minimum(c_ref, eq_ref / car_rw, out=c_ref)

        # --- bank: the scenario ---
        c_bar = np.multiply(o["bpd_credit"][t - 1], 1.0 + credit_growth[t], out=o["bpd_credit"][t])
        eq_pre = o["bpd_equity"][t - 1] * retention
        eq_pre += injection[t]
        anchor = c_ref - c_ref_prev  # the counterfactual's net lending N^ref_t ...
        anchor += c_prev  # ... from this bank's stock
        car_lim = o["car_limit"][t]
        car_lim[...] = _car_cap(eq_pre, car_rw, loss_rate, anchor)
        c_f = np.minimum(ldr_lim, car_lim, out=o["bpd_credit_feasible"][t])
        np.minimum(c_bar, c_f, out=c_f)
        extra = o["extra_investment_real"][t]
        np.subtract(c_f, anchor, out=extra)  # N_t - N^ref_t, nominal
        losses = np.maximum(extra, 0.0)
        losses *= loss_rate
        np.subtract(eq_pre, losses, out=o["bpd_equity"][t])
        short = np.subtract(c_bar, c_f, out=o["credit_shortfall"][t])
        code = np.add(ldr_lim > car_lim, 1, dtype=np.int8)  # 1 = LDR (ties go to LDR), 2 = CAR
        np.multiply(code, short > 0.0, out=binding[t])

        # --- lending channel: X_t = kappa (N_t - N^ref_t) / P_t ---
        p = np.multiply(o["deflator"][t - 1], 1.0 + inflation[t], out=o["deflator"][t])
        kappa = np.multiply(shares[0][t], shares[1][t], out=o["kappa"][t])
        kappa *= shares[2][t]
        extra *= kappa
        extra /= p

        # --- Solow core ---
        capf = s_prev / ky_prev
        capf += 1.0 - delta[t]
        gross = capf ** alpha[t]
        gross *= (1.0 + tfp[t]) * (1.0 + labour[t]) ** (1.0 - alpha[t])
        np.multiply(ky_prev, capf, out=o["capital_output_ratio"][t])
        o["capital_output_ratio"][t] /= gross
        y = np.multiply(y_prev, gross, out=o["grdp_real"][t])
        np.subtract(gross, 1.0, out=o["growth"][t])
        np.divide(extra, y, out=o["investment_rate"][t])
        o["investment_rate"][t] += s_base[t]
        if s_max is not None:
            np.minimum(o["investment_rate"][t], s_max[t], out=o["investment_rate"][t])

    def last(a: np.ndarray) -> np.ndarray:
        return np.moveaxis(a, 0, -1)

    return EngineOutput(**{k: last(v) for k, v in o.items()}, binding=last(binding))
