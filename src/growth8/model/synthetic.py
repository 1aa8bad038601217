"""SYNTHETIC engine inputs for tests and benchmarks: random but plausible cells, and one constant cell.

Nothing here is data: the ranges are chosen so that the funding, CAR and RIM caps bind in some cells. Tests and
benchmarks import these from the package, never from a test module.
"""

from __future__ import annotations

import numpy as np

from growth8.model.engine import INITIAL_FIELDS, PATH_FIELDS, EngineInputs

#: (low, high) of the uniform draw of each engine input in :func:`synthetic_inputs`.
RANGES: dict[str, tuple[float, float]] = {
    "grdp_real_0": (1e4, 1e6),
    "capital_output_ratio_0": (2.0, 6.0),
    "deflator_0": (1.2, 1.8),
    "bpd_credit_0": (1e3, 1e4),
    "bpd_deposits_0": (1e3, 1.4e4),
    "bpd_equity_0": (50.0, 2e3),
    "other_bank_credit_0": (1e4, 3e5),
    "public_capital_output_ratio_0": (0.2, 1.0),
    "investment_rate_base": (0.15, 0.45),
    "tfp_growth": (-0.005, 0.03),
    "labour_growth": (0.0, 0.02),
    "capital_share": (0.3, 0.55),
    "depreciation": (0.03, 0.07),
    "inflation": (0.0, 0.05),
    "bpd_credit_growth": (0.0, 0.35),
    "baseline_bpd_credit_growth": (0.0, 0.1),
    "deposit_growth": (0.0, 0.12),
    "capital_injection": (0.0, 500.0),
    "parent_capital_support": (0.0, 100.0),
    "return_on_equity": (-0.02, 0.15),
    "payout_ratio": (0.0, 0.8),
    "productive_npl_ratio": (0.0, 0.15),
    "npl_ratio": (0.0, 0.1),
    "loss_given_default": (0.2, 0.8),
    "gwm_ratio": (0.0, 0.1),
    "plm_ratio": (0.0, 0.06),
    "other_funding": (0.0, 500.0),
    "rim_upper": (0.8, 1.6),
    "car_min": (0.08, 0.14),
    "risk_weight": (0.5, 1.0),
    "productive_share": (0.1, 0.9),
    "investment_share": (0.2, 0.8),
    "additionality": (0.1, 1.0),
    "bpd_in_province_share": (0.05, 1.0),
    "other_bank_credit_growth": (0.0, 0.3),
    "baseline_other_bank_credit_growth": (0.0, 0.12),
    "other_bank_credit_to_grdp_max": (0.3, 1.5),
    "other_bank_productive_share": (0.5, 0.9),
    "other_bank_investment_share": (0.2, 0.5),
    "other_bank_additionality": (0.1, 1.0),
    "direct_investment_share": (0.0, 0.2),
    "direct_investment_share_base": (0.0, 0.15),
    "direct_investment_passthrough": (0.3, 1.0),
    "public_investment_extra": (0.0, 2000.0),
    "public_investment_passthrough": (0.3, 1.0),
    "public_investment_extra_share": (0.0, 0.02),
    "spending_shift_to_capital": (0.0, 500.0),
    "budget_execution_rate": (0.6, 1.0),
    "public_investment_rate_base": (0.01, 0.06),
    "public_investment_efficiency": (0.4, 1.0),
    "public_capital_depreciation": (0.015, 0.05),
    "public_capital_elasticity": (0.0, 0.2),
}

#: The constant cell of :func:`constant_inputs`.
CONSTANT: dict[str, float] = {
    "grdp_real_0": 1e5,
    "capital_output_ratio_0": 2.0,
    "deflator_0": 1.5,
    "bpd_credit_0": 3e3,
    "bpd_deposits_0": 4e3,
    "bpd_equity_0": 800.0,
    "other_bank_credit_0": 4e4,
    "public_capital_output_ratio_0": 0.4,
    "investment_rate_base": 0.3,
    "tfp_growth": 0.01,
    "labour_growth": 0.012,
    "capital_share": 0.45,
    "depreciation": 0.05,
    "inflation": 0.03,
    "bpd_credit_growth": 0.06,
    "baseline_bpd_credit_growth": 0.06,
    "deposit_growth": 0.07,
    "capital_injection": 0.0,
    "parent_capital_support": 0.0,
    "return_on_equity": 0.1,
    "payout_ratio": 0.5,
    "productive_npl_ratio": 0.09,
    "npl_ratio": 0.03,
    "loss_given_default": 0.45,
    "gwm_ratio": 0.09,
    "plm_ratio": 0.04,
    "other_funding": 0.0,
    "rim_upper": float("inf"),
    "car_min": 0.1,
    "risk_weight": 0.75,
    "productive_share": 0.3,
    "investment_share": 0.4,
    "additionality": 0.5,
    "bpd_in_province_share": 1.0,
    "other_bank_credit_growth": 0.08,
    "baseline_other_bank_credit_growth": 0.08,
    "other_bank_credit_to_grdp_max": float("inf"),
    "other_bank_productive_share": 0.7,
    "other_bank_investment_share": 0.3,
    "other_bank_additionality": 0.5,
    "direct_investment_share": 0.1,
    "direct_investment_share_base": 0.1,
    "direct_investment_passthrough": 1.0,
    "public_investment_extra": 0.0,
    "public_investment_passthrough": 1.0,
    "public_investment_extra_share": 0.0,
    "spending_shift_to_capital": 0.0,
    "budget_execution_rate": 1.0,
    "public_investment_rate_base": 0.03,
    "public_investment_efficiency": 0.8,
    "public_capital_depreciation": 0.025,
    "public_capital_elasticity": 0.0,
}

if set(RANGES) != set(INITIAL_FIELDS) | set(PATH_FIELDS) or set(CONSTANT) != set(RANGES):  # pragma: no cover
    raise ImportError("growth8.model.synthetic does not cover every engine input")


def synthetic_inputs(rng: np.random.Generator, s: int = 2, p: int = 3, d: int = 4, t: int = 12) -> EngineInputs:
    """Random but plausible inputs of shape (s, p, d, t + 1), SYNTHETIC; some cells bind the funding, CAR or RIM cap.

    Path inputs are stored time-first and viewed as (S, P, D, T + 1), the engine's fast layout; capital
    injections are paid in about a fifth of the cells.
    """
    shape = (s, p, d, t + 1)
    values: dict[str, np.ndarray] = {}
    for name in (*INITIAL_FIELDS, *PATH_FIELDS):
        lo, hi = RANGES[name]
        if name in INITIAL_FIELDS:
            values[name] = rng.uniform(lo, hi, size=shape[:3])
        else:
            values[name] = np.moveaxis(rng.uniform(lo, hi, size=(shape[3], *shape[:3])), 0, -1)
    paid = rng.uniform(0.0, 1.0, size=values["capital_injection"].shape) < 0.2
    values["capital_injection"] = np.where(paid, values["capital_injection"], 0.0)
    return EngineInputs(**values)


def constant_inputs(t: int = 200, **over: float) -> EngineInputs:
    """One cell with constant parameters (SYNTHETIC), shape (1, 1, 1, t + 1); ``over`` replaces values."""
    unknown = set(over) - set(CONSTANT)
    if unknown:
        raise TypeError(f"not engine inputs: {sorted(unknown)}")
    vals = {**CONSTANT, **over}
    ones = np.ones((1, 1, 1, t + 1))
    return EngineInputs(**{k: np.array(vals[k]) for k in INITIAL_FIELDS}, **{k: vals[k] * ones for k in PATH_FIELDS})
