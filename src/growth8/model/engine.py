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

from growth8.model.solow import capital_factor

Array = NDArray[np.float64]

#: Codes of ``EngineOutput.binding``: the BPD limit that holds its loans below the scenario path.
BINDING_NONE, BINDING_FUNDING, BINDING_CAR, BINDING_RIM = 0, 1, 2, 3
BINDING_LABELS = ("none", "funding", "car", "rim")


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
    other_bank_credit_0 : loans of all other banks for projects in the province, base year, nominal.
    investment_rate_base : baseline investment rate s^base_t (I / Y).
    tfp_growth, labour_growth, capital_share, depreciation : g_A, g_L, alpha,
        delta used for the growth *into* year t (index 0 is not used).
    inflation : growth of the GRDP deflator into year t.
    bpd_credit_growth : scenario growth of the BPD's loan stock into year t.
    baseline_bpd_credit_growth : loan growth implicit in the baseline
        investment rate (the counterfactual the scenario is measured against).
    deposit_growth : growth of the BPD's deposits into year t.
    capital_injection : provincial capital injection paid in year t (Rp bn).
    parent_capital_support : capital paid in by the BPD's bank-group (KUB) parent in year t (Rp bn).
    return_on_equity, payout_ratio : net profit / equity and the share of profit
        paid out as dividends; (1 - payout) * roe * E is retained.
    productive_npl_ratio, npl_ratio, loss_given_default : non-performing shares of the
        productive and of the other (consumer) part of lending above the counterfactual path,
        and the share of a bad loan that is lost; the loss is charged to capital.
    gwm_ratio, plm_ratio : reserve requirement (GWM) and macroprudential liquidity buffer
        (PLM), shares of deposits the bank cannot lend; other_funding : borrowings and other
        non-deposit funding (Rp bn).
    rim_upper : optional policy ceiling on loans / deposits (Bank Indonesia's RIM band's
        upper bound); infinite (the default) means off.
    car_min : minimum capital adequacy ratio; risk_weight : average risk weight of the loan book.
    productive_share, investment_share, additionality, bpd_in_province_share : kappa is
        their product (the last is the share of the BPD's loans used in the province).
    other_bank_credit_growth, baseline_other_bank_credit_growth : scenario and baseline growth
        of other banks' loans; other_bank_credit_to_grdp_max : their ceiling relative to
        nominal GRDP; other_bank_productive_share, other_bank_investment_share,
        other_bank_additionality : their kappa's factors.
    direct_investment_share, direct_investment_share_base : realised PMA + PMDN investment over
        nominal GRDP in the scenario and in the baseline; direct_investment_passthrough : the
        share of extra realised investment that is fixed capital formation in the province.
    public_investment_extra, spending_shift_to_capital : public capital spending above the
        baseline, and spending moved from goods and services to capital (Rp bn, budgeted);
        public_investment_extra_share : extra capital spending as a share of nominal GRDP;
        budget_execution_rate : the share of budgeted extra capital spending that is spent;
        public_investment_passthrough : the share of that spending that is fixed capital formation.
    public_capital_output_ratio_0 : effective (efficiency-adjusted) public capital over GRDP, K_G / Y.
    public_investment_rate_base : public capital spending over GRDP in the baseline (part of s^base).
    public_investment_efficiency : theta, the share of public investment that becomes effective
        public capital (the Infrastructure Efficiency Index of the LTGM-PC).
    public_capital_depreciation, public_capital_elasticity : delta_G and phi, the output elasticity
        of effective public capital (phi = 0: public capital is only part of K, as without it).
    investment_rate_max : optional ceiling on the effective investment rate
        (used by the maximum-growth search); None means no ceiling.
    """

    grdp_real_0: Array = field(metadata=_initial("grdp_real_0", calibration=True, neutral=1.0))
    capital_output_ratio_0: Array = field(metadata=_initial("capital_output_ratio_initial"))
    deflator_0: Array = field(metadata=_initial("deflator_0", calibration=True, neutral=1.0))
    bpd_credit_0: Array = field(metadata=_initial("bpd_credit_initial", neutral=1.0))
    bpd_deposits_0: Array = field(metadata=_initial("bpd_deposits_initial", neutral=1.0))
    bpd_equity_0: Array = field(metadata=_initial("bpd_equity_initial", neutral=1.0))
    other_bank_credit_0: Array = field(metadata=_initial("other_bank_credit_initial", neutral=1.0))
    public_capital_output_ratio_0: Array = field(metadata=_initial("public_capital_output_ratio_initial", neutral=1.0))
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
    parent_capital_support: Array = field(metadata=_path("parent_capital_support", neutral=0.0))
    return_on_equity: Array = field(metadata=_path("return_on_equity", neutral=0.0))
    payout_ratio: Array = field(metadata=_path("payout_ratio", neutral=0.0))
    productive_npl_ratio: Array = field(metadata=_path("productive_npl_ratio", neutral=0.0))
    npl_ratio: Array = field(metadata=_path("npl_ratio", neutral=0.0))
    loss_given_default: Array = field(metadata=_path("loss_given_default", neutral=0.0))
    gwm_ratio: Array = field(metadata=_path("gwm_ratio", neutral=0.0))
    plm_ratio: Array = field(metadata=_path("plm_ratio", neutral=0.0))
    other_funding: Array = field(metadata=_path("other_funding", neutral=0.0))
    rim_upper: Array = field(metadata=_path("rim_upper", neutral=np.inf))
    car_min: Array = field(metadata=_path("car_min", neutral=0.1))
    risk_weight: Array = field(metadata=_path("risk_weight", neutral=1.0))
    productive_share: Array = field(metadata=_path("productive_share", neutral=0.0))
    investment_share: Array = field(metadata=_path("investment_share", neutral=0.0))
    additionality: Array = field(metadata=_path("additionality", neutral=0.0))
    bpd_in_province_share: Array = field(metadata=_path("bpd_in_province_share", neutral=1.0))
    other_bank_credit_growth: Array = field(metadata=_path("other_bank_credit_growth", neutral=0.0))
    baseline_other_bank_credit_growth: Array = field(metadata=_path("baseline_other_bank_credit_growth", neutral=0.0))
    other_bank_credit_to_grdp_max: Array = field(metadata=_path("other_bank_credit_to_grdp_max", neutral=np.inf))
    other_bank_productive_share: Array = field(metadata=_path("other_bank_productive_share", neutral=0.0))
    other_bank_investment_share: Array = field(metadata=_path("other_bank_investment_share", neutral=0.0))
    other_bank_additionality: Array = field(metadata=_path("other_bank_additionality", neutral=0.0))
    direct_investment_share: Array = field(metadata=_path("direct_investment_share", neutral=0.0))
    direct_investment_share_base: Array = field(metadata=_path("direct_investment_share_base", neutral=0.0))
    direct_investment_passthrough: Array = field(metadata=_path("direct_investment_passthrough", neutral=0.0))
    public_investment_extra: Array = field(metadata=_path("public_investment_extra", neutral=0.0))
    public_investment_passthrough: Array = field(metadata=_path("public_investment_passthrough", neutral=0.0))
    public_investment_extra_share: Array = field(metadata=_path("public_investment_extra_share", neutral=0.0))
    spending_shift_to_capital: Array = field(metadata=_path("spending_shift_to_capital", neutral=0.0))
    budget_execution_rate: Array = field(metadata=_path("budget_execution_rate", neutral=1.0))
    public_investment_rate_base: Array = field(metadata=_path("public_investment_rate_base", neutral=0.0))
    public_investment_efficiency: Array = field(metadata=_path("public_investment_efficiency", neutral=1.0))
    public_capital_depreciation: Array = field(metadata=_path("public_capital_depreciation", neutral=0.0))
    public_capital_elasticity: Array = field(metadata=_path("public_capital_elasticity", neutral=0.0))
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
    extra_investment_real : X_t, Rp bn at 2010 prices: the sum of the four sources below.
    bpd_extra_investment_real, other_bank_extra_investment_real, direct_extra_investment_real,
    public_extra_investment_real : the extra fixed investment each source finances.
    deflator : P_t.
    kappa : share of the BPD's extra net lending that becomes fixed capital in the province.
    bpd_credit : scenario loan path (uncapped), nominal.
    bpd_credit_feasible : the path within the funding, capital (and, when set, RIM) limits.
    bpd_credit_reference : the counterfactual (baseline growth, no injection),
        within the limits.
    bpd_deposits, bpd_equity : deposits and equity of the scenario bank.
    funding_limit : the loans deposits, other funding and capital can fund after the GWM and
        PLM; car_limit : the loans the capital supports; rim_limit : rim_upper * D_t (inf: off).
    binding : 0 none, 1 funding, 2 CAR, 3 RIM (see ``BINDING_LABELS``).
    credit_shortfall : bpd_credit - bpd_credit_feasible (>= 0).
    other_bank_credit, other_bank_credit_reference : other banks' loans in the scenario and in
        the baseline, both within the credit-to-GRDP ceiling.
    public_capital_output_ratio : kg_t = K_G / Y (effective public capital).
    public_investment_rate : s_G,t, public capital spending realised over GRDP (baseline plus the
        executed extra); public_investment_effective : theta_t s_G,t, what it adds to K_G.
    public_capital_growth_contribution : growth into t less the growth without the public-capital
        term, (1 + g_t) (1 - capf_G^-phi).
    """

    grdp_real: Array
    growth: Array
    investment_rate: Array
    capital_output_ratio: Array
    extra_investment_real: Array
    bpd_extra_investment_real: Array
    other_bank_extra_investment_real: Array
    direct_extra_investment_real: Array
    public_extra_investment_real: Array
    deflator: Array
    kappa: Array
    bpd_credit: Array
    bpd_credit_feasible: Array
    bpd_credit_reference: Array
    bpd_deposits: Array
    bpd_equity: Array
    funding_limit: Array
    car_limit: Array
    rim_limit: Array
    binding: NDArray[np.int8]
    credit_shortfall: Array
    other_bank_credit: Array
    other_bank_credit_reference: Array
    public_capital_output_ratio: Array
    public_investment_rate: Array
    public_investment_effective: Array
    public_capital_growth_contribution: Array


def _car_cap(equity_pre: Array, car_rw: Array, loss_rate: Array, anchor: Array) -> Array:
    """Largest loan stock C with car_rw * C <= equity_pre - loss_rate * max(C - anchor, 0).

    The left side grows with C and the right side falls, so the root is unique.
    Below ``anchor`` no loss is charged and the cap is ``plain = equity_pre / car_rw``;
    above it the root is ``(equity_pre + loss_rate anchor) / (car_rw + loss_rate)``,
    a weighted mean of ``plain`` and ``anchor``. Both cases are
    ``min(plain, max(anchor, root))``. The funding limit has the same form with
    ``car_rw = 1`` and ``equity_pre`` replaced by all the funds the bank can lend.
    """
    plain = equity_pre / car_rw
    root = loss_rate * anchor
    root += equity_pre
    root /= car_rw + loss_rate
    np.maximum(root, anchor, out=root)
    return np.minimum(plain, root, out=root)


def loss_rate(productive_share: Array, productive_npl: Array, npl: Array, lgd: Array) -> Array:
    """Loss per rupiah of extra lending: lgd (ps npl_productive + (1 - ps) npl)."""
    return lgd * (productive_share * productive_npl + (1.0 - productive_share) * npl)


def lendable_share(gwm: Array, plm: Array) -> Array:
    """Share of deposits a bank can lend after the reserve requirement and the liquidity buffer."""
    return 1.0 - gwm - plm


def run(inputs: EngineInputs, workspace: dict[str, np.ndarray] | None = None) -> EngineOutput:
    """Project GRDP, the BPD's balance sheet and the other financing sources for every cell.

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
    For t = 1..T, with all rates those of year t.

    Solow core (World Bank LTGM form, with the public capital of its LTGM-PC extension)::

        capf      = (1 - delta) + s_{t-1} / ky_{t-1}
        capf_G    = (1 - delta_G) + theta_{t-1} s_G,{t-1} / kg_{t-1}
        1 + g_t   = (1 + g_A) capf^(alpha - phi) capf_G^phi (1 + g_L)^(1 - alpha)
        ky_t      = ky_{t-1} capf / (1 + g_t),   kg_t = kg_{t-1} capf_G / (1 + g_t)
        Y_t       = Y_{t-1} (1 + g_t),           P_t = P_{t-1} (1 + inflation)

    K is all measured capital (PMTB accumulates public and private investment alike) and K_G the
    efficiency-adjusted public capital within it; with phi = 0 the step is the plain LTGM one.
    Public capital spending realised, over GRDP::

        s_G,t = s_G^base_t + e_t ((G^extra_t + G^shift_t) / (P_t Y_t) + g^share_t)

    The own BPD (run twice: the scenario, and a reference at the baseline credit growth with
    no injection or parent support, which the scenario is measured against)::

        D_t      = D_{t-1} (1 + deposit_growth)
        E_pre    = E_{t-1} (1 + (1 - payout) roe) + injection_t + parent_support_t
        Cbar_t   = Cbar_{t-1} (1 + credit_growth)                 # scenario path (levels)
        l        = lgd (ps npl_productive + (1 - ps) npl)         # loss per rupiah of extra loans
        E_t      = E_pre - l max(C_t - C_{t-1} - N^ref_t, 0)
        C_t      = min(Cbar_t, funding cap, CAR cap, rim_upper D_t)

    where the CAR cap is the largest C with car_min rw C <= E_t and the funding cap the
    largest C with C <= D_t (1 - gwm - plm) + other_funding_t + E_t, both after the losses
    the extra lending itself brings. The RIM ceiling is off (infinite) unless a scenario
    sets it.

    Other banks (scenario and baseline paths, each within the depth ceiling)::

        B_t = min(B_{t-1} (1 + g_B), depth Y_t P_t)

    Extra investment, real (kappa_j is the product of source j's pass-through factors)::

        X_t = kappa_BPD (N_t - N^ref_t) / P_t + kappa_B (NB_t - NB^ref_t) / P_t
              + kappa_DI (di_t - di^base_t) Y_t + kappa_G (s_G,t - s_G^base_t) Y_t
        s_t = min(s^base_t + X_t / Y_t, s_max)

    with N the BPD's net lending, NB other banks', di realised PMA + PMDN over nominal GRDP
    and s_G - s_G^base the executed extra public capital spending.

    Examples
    --------
    >>> import numpy as np
    >>> ones = np.ones((1, 1, 1, 3))
    >>> inp = neutral_inputs(
    ...     (1, 1, 1, 3), grdp_real_0=np.array(100.0), capital_output_ratio_0=np.array(3.0),
    ...     deflator_0=np.array(1.5), bpd_credit_0=np.array(10.0),
    ...     bpd_deposits_0=np.array(12.0), bpd_equity_0=np.array(2.0),
    ...     investment_rate_base=0.3 * ones, tfp_growth=0.01 * ones,
    ...     labour_growth=0.01 * ones, capital_share=0.4 * ones,
    ...     depreciation=0.05 * ones, inflation=0.03 * ones,
    ...     bpd_credit_growth=0.05 * ones, baseline_bpd_credit_growth=0.05 * ones,
    ...     deposit_growth=0.05 * ones, return_on_equity=0.1 * ones, payout_ratio=0.5 * ones,
    ...     npl_ratio=0.03 * ones, loss_given_default=0.5 * ones,
    ...     car_min=0.1 * ones, productive_share=0.3 * ones, investment_share=0.4 * ones,
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
    shares = path("productive_share"), path("investment_share"), path("additionality"), path("bpd_in_province_share")
    roe, payout = path("return_on_equity"), path("payout_ratio")
    npl, npl_prod, lgd = path("npl_ratio"), path("productive_npl_ratio"), path("loss_given_default")
    car_min, risk_weight, rim_upper = path("car_min"), path("risk_weight"), path("rim_upper")
    gwm, plm, other_funding = path("gwm_ratio"), path("plm_ratio"), path("other_funding")
    credit_growth, ref_growth = path("bpd_credit_growth"), path("baseline_bpd_credit_growth")
    deposit_growth, inflation = path("deposit_growth"), path("inflation")
    injection, parent = path("capital_injection"), path("parent_capital_support")
    ob_growth, ob_ref_growth = path("other_bank_credit_growth"), path("baseline_other_bank_credit_growth")
    ob_depth = path("other_bank_credit_to_grdp_max")
    ob_shares = (
        path("other_bank_productive_share"),
        path("other_bank_investment_share"),
        path("other_bank_additionality"),
    )
    di_share, di_base, di_pass = (
        path("direct_investment_share"),
        path("direct_investment_share_base"),
        path("direct_investment_passthrough"),
    )
    pub_extra, pub_pass = path("public_investment_extra"), path("public_investment_passthrough")
    pub_share, pub_shift, execution = (
        path("public_investment_extra_share"),
        path("spending_shift_to_capital"),
        path("budget_execution_rate"),
    )
    sg_base, theta = path("public_investment_rate_base"), path("public_investment_efficiency")
    delta_g, phi = path("public_capital_depreciation"), path("public_capital_elasticity")
    s_max = path("investment_rate_max") if inputs.investment_rate_max is not None else None

    def kappa_at(t: int) -> Array:
        return shares[0][t] * shares[1][t] * shares[2][t] * shares[3][t]

    # Base year: the observed state.
    o["grdp_real"][0] = init("grdp_real_0")
    o["growth"][0] = np.nan
    o["investment_rate"][0] = s_base[0]
    o["capital_output_ratio"][0] = init("capital_output_ratio_0")
    for name in (
        "extra_investment_real",
        "bpd_extra_investment_real",
        "other_bank_extra_investment_real",
        "direct_extra_investment_real",
        "public_extra_investment_real",
        "credit_shortfall",
    ):
        o[name][0] = 0.0
    o["deflator"][0] = init("deflator_0")
    for name in ("bpd_credit", "bpd_credit_feasible", "bpd_credit_reference"):
        o[name][0] = init("bpd_credit_0")
    for name in ("other_bank_credit", "other_bank_credit_reference"):
        o[name][0] = init("other_bank_credit_0")
    o["bpd_deposits"][0] = init("bpd_deposits_0")
    o["bpd_equity"][0] = init("bpd_equity_0")
    o["public_capital_output_ratio"][0] = init("public_capital_output_ratio_0")
    o["public_investment_rate"][0] = sg_base[0]
    np.multiply(theta[0], sg_base[0], out=o["public_investment_effective"][0])
    o["public_capital_growth_contribution"][0] = np.nan
    o["kappa"][0] = kappa_at(0)
    dep0, eq0 = o["bpd_deposits"][0], o["bpd_equity"][0]
    o["funding_limit"][0] = dep0 * lendable_share(gwm[0], plm[0]) + other_funding[0] + eq0
    np.divide(eq0, car_min[0] * risk_weight[0], out=o["car_limit"][0])
    np.multiply(rim_upper[0], dep0, out=o["rim_limit"][0])
    c0 = o["bpd_credit"][0]
    binding[0] = _binding_code(c0, o["funding_limit"][0], o["car_limit"][0], o["rim_limit"][0])

    c_ref_bar = o["bpd_credit"][0].copy()
    eq_ref = o["bpd_equity"][0].copy()
    ob_bar, ob_ref_bar = o["other_bank_credit"][0].copy(), o["other_bank_credit"][0].copy()
    for t in range(1, n_t):
        y_prev, ky_prev, s_prev = o["grdp_real"][t - 1], o["capital_output_ratio"][t - 1], o["investment_rate"][t - 1]
        c_prev, c_ref_prev = o["bpd_credit_feasible"][t - 1], o["bpd_credit_reference"][t - 1]

        # --- Solow core: growth into t is set by the investment of t - 1 ---
        capf = s_prev / ky_prev
        capf += 1.0 - delta[t]
        kg_prev = o["public_capital_output_ratio"][t - 1]
        capf_g = o["public_investment_effective"][t - 1] / kg_prev
        capf_g += 1.0 - delta_g[t]
        gross = capital_factor(capf, alpha[t], phi[t], capf_g)
        public = capf_g ** phi[t]
        gross *= (1.0 + tfp[t]) * (1.0 + labour[t]) ** (1.0 - alpha[t])
        np.multiply(ky_prev, capf, out=o["capital_output_ratio"][t])
        o["capital_output_ratio"][t] /= gross
        np.multiply(kg_prev, capf_g, out=o["public_capital_output_ratio"][t])
        o["public_capital_output_ratio"][t] /= gross
        np.subtract(gross, gross / public, out=o["public_capital_growth_contribution"][t])
        y = np.multiply(y_prev, gross, out=o["grdp_real"][t])
        np.subtract(gross, 1.0, out=o["growth"][t])
        p = np.multiply(o["deflator"][t - 1], 1.0 + inflation[t], out=o["deflator"][t])

        # --- the own BPD ---
        retention = 1.0 + (1.0 - payout[t]) * roe[t]
        car_rw = car_min[t] * risk_weight[t]
        loss = loss_rate(shares[0][t], npl_prod[t], npl[t], lgd[t])
        dep = np.multiply(o["bpd_deposits"][t - 1], 1.0 + deposit_growth[t], out=o["bpd_deposits"][t])
        lendable = dep * lendable_share(gwm[t], plm[t])
        lendable += other_funding[t]
        rim_lim = np.multiply(rim_upper[t], dep, out=o["rim_limit"][t])

        # the counterfactual (baseline growth, no injection, no parent support)
        c_ref_bar *= 1.0 + ref_growth[t]
        eq_ref *= retention
        c_ref = np.minimum(c_ref_bar, lendable + eq_ref, out=o["bpd_credit_reference"][t])
        np.minimum(c_ref, eq_ref / car_rw, out=c_ref)
        np.minimum(c_ref, rim_lim, out=c_ref)

        # the scenario
        c_bar = np.multiply(o["bpd_credit"][t - 1], 1.0 + credit_growth[t], out=o["bpd_credit"][t])
        eq_pre = o["bpd_equity"][t - 1] * retention
        eq_pre += injection[t]
        eq_pre += parent[t]
        anchor = c_ref - c_ref_prev  # the counterfactual's net lending N^ref_t ...
        anchor += c_prev  # ... from this bank's stock
        car_lim = o["car_limit"][t]
        car_lim[...] = _car_cap(eq_pre, car_rw, loss, anchor)
        fund_lim = o["funding_limit"][t]
        fund_lim[...] = _car_cap(lendable + eq_pre, np.ones_like(car_rw), loss, anchor)
        c_f = np.minimum(fund_lim, car_lim, out=o["bpd_credit_feasible"][t])
        np.minimum(c_f, rim_lim, out=c_f)
        np.minimum(c_bar, c_f, out=c_f)
        bpd_x = o["bpd_extra_investment_real"][t]
        np.subtract(c_f, anchor, out=bpd_x)  # N_t - N^ref_t, nominal
        losses = np.maximum(bpd_x, 0.0)
        losses *= loss
        np.subtract(eq_pre, losses, out=o["bpd_equity"][t])
        short = np.subtract(c_bar, c_f, out=o["credit_shortfall"][t])
        binding[t] = _binding_code(c_bar, fund_lim, car_lim, rim_lim) * (short > 0.0)
        kappa = np.multiply(shares[0][t], shares[1][t], out=o["kappa"][t])
        kappa *= shares[2][t]
        kappa *= shares[3][t]
        bpd_x *= kappa
        bpd_x /= p

        # --- other banks: growth paths within the credit-to-GRDP ceiling ---
        depth = ob_depth[t] * y * p
        ob_bar *= 1.0 + ob_growth[t]
        ob_ref_bar *= 1.0 + ob_ref_growth[t]
        ob = np.minimum(ob_bar, depth, out=o["other_bank_credit"][t])
        ob_ref = np.minimum(ob_ref_bar, depth, out=o["other_bank_credit_reference"][t])
        ob_x = o["other_bank_extra_investment_real"][t]
        ob_x[...] = (ob - o["other_bank_credit"][t - 1]) - (ob_ref - o["other_bank_credit_reference"][t - 1])
        ob_x *= ob_shares[0][t] * ob_shares[1][t] * ob_shares[2][t]
        ob_x /= p
        ob_bar[...] = ob  # a ceiling that binds holds the stock: growth resumes from it
        ob_ref_bar[...] = ob_ref

        # --- PMA + PMDN and the budget ---
        di_x = np.multiply(di_share[t] - di_base[t], di_pass[t], out=o["direct_extra_investment_real"][t])
        di_x *= y
        extra_rate = (pub_extra[t] + pub_shift[t]) / (y * p)  # full shape: the parameters may not vary by draw
        extra_rate += pub_share[t]
        extra_rate *= execution[t]
        np.add(sg_base[t], extra_rate, out=o["public_investment_rate"][t])
        np.multiply(theta[t], o["public_investment_rate"][t], out=o["public_investment_effective"][t])
        pub_x = np.multiply(extra_rate, pub_pass[t], out=o["public_extra_investment_real"][t])
        pub_x *= y

        extra = np.add(bpd_x, ob_x, out=o["extra_investment_real"][t])
        extra += di_x
        extra += pub_x
        np.divide(extra, y, out=o["investment_rate"][t])
        o["investment_rate"][t] += s_base[t]
        if s_max is not None:
            np.minimum(o["investment_rate"][t], s_max[t], out=o["investment_rate"][t])

    def last(a: np.ndarray) -> np.ndarray:
        return np.moveaxis(a, 0, -1)

    return EngineOutput(**{k: last(v) for k, v in o.items()}, binding=last(binding))


def _binding_code(credit: Array, funding: Array, car: Array, rim: Array) -> NDArray[np.int8]:
    """The tightest of the funding, CAR and RIM limits where the loans exceed it (ties: that order); 0 if none."""
    tightest = np.minimum(np.minimum(funding, car), rim)
    code = np.where(funding <= tightest, BINDING_FUNDING, np.where(car <= tightest, BINDING_CAR, BINDING_RIM))
    return np.where(credit > tightest, code, BINDING_NONE).astype(np.int8)
