"""An independent, deliberately plain implementation of the model (DESIGN.md 2.1-2.3).

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
        out["binding"].append(binding)

    record(float("nan"), 0.0, -1)
    for t in range(1, n):
        p = {k: v[t] for k, v in paths.items()}
        deposits = deposits * (1 + p["deposit_growth"])
        ldr_cap = p["ldr_max"] * deposits
        rwa_per_loan = p["car_min"] * p["risk_weight"]
        keep = 1 + (1 - p["payout_ratio"]) * p["return_on_equity"]

        # Counterfactual bank: lends at the baseline growth, no injection, no extra losses.
        equity_ref = equity_ref * keep
        ref_path = ref_path * (1 + p["baseline_bpd_credit_growth"])
        new_ref = min(ref_path, ldr_cap, equity_ref / rwa_per_loan)
        net_ref = new_ref - credit_ref
        credit_ref = new_ref

        # Scenario bank: find the largest loan stock the capital supports after losses, by bisection
        # (independent of the closed form the engine uses).
        credit_path = credit_path * (1 + p["bpd_credit_growth"])
        equity_pre = equity * keep + p["capital_injection"]
        loss = p["npl_ratio"] * p["loss_given_default"]
        anchor = credit + net_ref

        def capital_left(c: float, equity_pre: float = equity_pre, loss: float = loss, anchor: float = anchor) -> float:
            return equity_pre - loss * max(c - anchor, 0.0)

        lo, hi = 0.0, max(1.0, equity_pre / rwa_per_loan * 2.0 + anchor * 2.0)
        for _ in range(200):
            mid = 0.5 * (lo + hi)
            if rwa_per_loan * mid <= capital_left(mid):
                lo = mid
            else:
                hi = mid
        car_cap = lo
        feasible = min(credit_path, ldr_cap, car_cap)
        binding = 0
        if feasible < credit_path:
            binding = 1 if ldr_cap <= car_cap else 2
        net = feasible - credit
        equity = capital_left(feasible)
        credit = feasible

        price = price * (1 + p["inflation"])
        kappa = p["productive_share"] * p["investment_share"] * p["additionality"]
        extra = kappa * (net - net_ref) / price

        capf = (1 - p["depreciation"]) + s / ky
        growth = (1 + p["tfp_growth"]) * capf ** p["capital_share"] * (1 + p["labour_growth"]) ** (
            1 - p["capital_share"]
        ) - 1
        ky = ky * capf / (1 + growth)
        y = y * (1 + growth)
        s = p["investment_rate_base"] + extra / y
        record(growth, extra, binding)
    return out
