"""An independent, deliberately plain implementation of the model (DESIGN.md 2.1-2.3 and 2.7).

One province, one draw, one scenario at a time, Python floats and a for-loop over
years: no numpy, no vectorisation. The tests compare growth8.model.engine.run against
it cell by cell; the benchmark uses it as the per-cell baseline.
"""

from __future__ import annotations


def project_cell(init: dict[str, float], paths: dict[str, list[float]]) -> dict[str, list[float]]:
    """Project one (scenario, province, draw) cell.

    ``init`` holds the base-year state; ``paths`` holds one list per parameter,
    index 0 = base year. Returns lists indexed the same way.
    """
    n = len(paths["tfp_growth"])
    y = init["grdp_real_0"]
    ky = init["capital_output_ratio_0"]
    price = init["deflator_0"]
    credit_path = init["bpd_credit_0"]  # scenario path, ignoring limits
    credit = init["bpd_credit_0"]  # feasible
    credit_ref = init["bpd_credit_0"]  # counterfactual: baseline growth, no injection (feasible)
    ref_path = init["bpd_credit_0"]  # counterfactual path, ignoring limits
    deposits = init["bpd_deposits_0"]
    equity = init["bpd_equity_0"]
    equity_ref = init["bpd_equity_0"]
    s = paths["investment_rate_base"][0]

    out: dict[str, list[float]] = {
        k: []
        for k in (
            "grdp_real",
            "growth",
            "investment_rate",
            "capital_output_ratio",
            "bpd_credit",
            "bpd_credit_feasible",
            "bpd_credit_reference",
            "bpd_deposits",
            "bpd_equity",
            "extra_investment_real",
            "public_capital_output_ratio",
            "binding",
        )
    }

    def record(growth: float, extra: float, binding: int) -> None:
        out["grdp_real"].append(y)
        out["growth"].append(growth)
        out["investment_rate"].append(s)
        out["capital_output_ratio"].append(ky)
        out["bpd_credit"].append(credit_path)
        out["bpd_credit_feasible"].append(credit)
        out["bpd_credit_reference"].append(credit_ref)
        out["bpd_deposits"].append(deposits)
        out["bpd_equity"].append(equity)
        out["extra_investment_real"].append(extra)
        out["public_capital_output_ratio"].append(kg)
        out["binding"].append(binding)

    kg = init["public_capital_output_ratio_0"]
    record(float("nan"), 0.0, -1)
    public_effective = paths["public_investment_efficiency"][0] * paths["public_investment_rate_base"][0]
    other = other_ref = init["other_bank_credit_0"]
    other_path = other_ref_path = init["other_bank_credit_0"]
    for t in range(1, n):
        p = {k: v[t] for k, v in paths.items()}

        # Growth into t comes from the investment of t - 1, private (in K) and public (in K_G).
        capf = (1 - p["depreciation"]) + s / ky
        capf_g = (1 - p["public_capital_depreciation"]) + public_effective / kg
        a, phi = p["capital_share"], p["public_capital_elasticity"]
        growth = (1 + p["tfp_growth"]) * capf ** (a - phi) * capf_g**phi * (1 + p["labour_growth"]) ** (1 - a) - 1
        ky = ky * capf / (1 + growth)
        kg = kg * capf_g / (1 + growth)
        y = y * (1 + growth)
        price = price * (1 + p["inflation"])

        deposits = deposits * (1 + p["deposit_growth"])
        lendable = deposits * (1 - p["gwm_ratio"] - p["plm_ratio"]) + p["other_funding"]
        rim_cap = p["rim_upper"] * deposits
        rwa_per_loan = p["car_min"] * p["risk_weight"]
        keep = 1 + (1 - p["payout_ratio"]) * p["return_on_equity"]

        # Counterfactual bank: lends at the baseline growth, no injection, no extra losses.
        equity_ref = equity_ref * keep
        ref_path = ref_path * (1 + p["baseline_bpd_credit_growth"])
        new_ref = min(ref_path, lendable + equity_ref, equity_ref / rwa_per_loan, rim_cap)
        net_ref = new_ref - credit_ref
        credit_ref = new_ref

        # Scenario bank: the largest loan stock the capital, and the funds, support after losses, each by
        # bisection (independent of the closed form the engine uses).
        credit_path = credit_path * (1 + p["bpd_credit_growth"])
        equity_pre = equity * keep + p["capital_injection"] + p["parent_capital_support"]
        ps = p["productive_share"]
        loss = p["loss_given_default"] * (ps * p["productive_npl_ratio"] + (1 - ps) * p["npl_ratio"])
        anchor = credit + net_ref

        def capital_left(c: float, equity_pre: float = equity_pre, loss: float = loss, anchor: float = anchor) -> float:
            return equity_pre - loss * max(c - anchor, 0.0)

        def largest(ok: object, top: float) -> float:
            lo, hi = 0.0, top
            for _ in range(200):
                mid = 0.5 * (lo + hi)
                if ok(mid):  # type: ignore[operator]
                    lo = mid
                else:
                    hi = mid
            return lo

        top = max(1.0, (equity_pre + lendable) / min(rwa_per_loan, 1.0) * 2.0 + anchor * 2.0)
        car_cap = largest(lambda c, rw=rwa_per_loan: rw * c <= capital_left(c), top)
        funding_cap = largest(lambda c, funds=lendable: c <= funds + capital_left(c), top)
        feasible = min(credit_path, funding_cap, car_cap, rim_cap)
        binding = 0
        if feasible < credit_path:
            tight = min(funding_cap, car_cap, rim_cap)
            binding = 1 if funding_cap <= tight else (2 if car_cap <= tight else 3)
        net = feasible - credit
        equity = capital_left(feasible)
        credit = feasible

        kappa = p["productive_share"] * p["investment_share"] * p["additionality"] * p["bpd_in_province_share"]
        extra = kappa * (net - net_ref) / price

        # Other banks, within the credit-to-GRDP ceiling; PMA + PMDN; the budget.
        ceiling = p["other_bank_credit_to_grdp_max"] * y * price
        other_path = min(other_path * (1 + p["other_bank_credit_growth"]), ceiling)
        other_ref_path = min(other_ref_path * (1 + p["baseline_other_bank_credit_growth"]), ceiling)
        kappa_b = p["other_bank_productive_share"] * p["other_bank_investment_share"] * p["other_bank_additionality"]
        extra += kappa_b * ((other_path - other) - (other_ref_path - other_ref)) / price
        other, other_ref = other_path, other_ref_path
        direct = p["direct_investment_share"] - p["direct_investment_share_base"]
        extra += p["direct_investment_passthrough"] * direct * y
        budgeted = (p["public_investment_extra"] + p["spending_shift_to_capital"]) / (price * y)
        executed = p["budget_execution_rate"] * (budgeted + p["public_investment_extra_share"])
        extra += p["public_investment_passthrough"] * executed * y
        public_effective = p["public_investment_efficiency"] * (p["public_investment_rate_base"] + executed)

        s = p["investment_rate_base"] + extra / y
        record(growth, extra, binding)
    return out
