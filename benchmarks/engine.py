"""Benchmark the projection engine: province-years per second, and the speed-up over a plain loop.

Run by hand (not part of the tests)::

    python benchmarks/engine.py [--draws 1000] [--years 30] [--repeat 5]

Inputs are SYNTHETIC random parameters of plausible size (tests/test_engine.py),
stored time-first (the engine's fast layout); the timing does not depend on the
values. The plain loop below is the same model written the obvious way, one
cell and one year at a time with Python floats and the closed-form funding and CAR caps
(tests/reference_engine.py, which bisects for the caps, is slower still); it is
timed on a sample of cells and scaled to the full grid.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]

from growth8.model.engine import INITIAL_FIELDS, PATH_FIELDS, run  # noqa: E402
from growth8.model.synthetic import synthetic_inputs  # noqa: E402


def plain_cell(init: dict[str, float], paths: dict[str, list[float]]) -> float:
    """The model for one cell, a plain loop over years (closed-form funding and CAR caps)."""
    y, ky, price = init["grdp_real_0"], init["capital_output_ratio_0"], init["deflator_0"]
    c_bar = c = c_ref_bar = c_ref = init["bpd_credit_0"]
    b = b_ref = init["other_bank_credit_0"]
    b_bar, b_ref_bar = b, b_ref
    dep, eq = init["bpd_deposits_0"], init["bpd_equity_0"]
    eq_ref = eq
    s = paths["investment_rate_base"][0]
    kg = init["public_capital_output_ratio_0"]
    public = paths["public_investment_efficiency"][0] * paths["public_investment_rate_base"][0]

    def cap(funds: float, rw: float, lam: float, anchor: float) -> float:
        return min(funds / rw, max(anchor, (funds + lam * anchor) / (rw + lam)))

    for t in range(1, len(paths["tfp_growth"])):
        p = {k: v[t] for k, v in paths.items()}
        capf = 1 - p["depreciation"] + s / ky
        capf_g = 1 - p["public_capital_depreciation"] + public / kg
        a, phi = p["capital_share"], p["public_capital_elasticity"]
        gross = (1 + p["tfp_growth"]) * capf ** (a - phi) * capf_g**phi * (1 + p["labour_growth"]) ** (1 - a)
        ky = ky * capf / gross
        kg = kg * capf_g / gross
        y *= gross
        price *= 1 + p["inflation"]

        dep *= 1 + p["deposit_growth"]
        lendable = dep * (1 - p["gwm_ratio"] - p["plm_ratio"]) + p["other_funding"]
        rim = p["rim_upper"] * dep
        crw = p["car_min"] * p["risk_weight"]
        keep = 1 + (1 - p["payout_ratio"]) * p["return_on_equity"]
        c_ref_bar *= 1 + p["baseline_bpd_credit_growth"]
        eq_ref *= keep
        new_ref = min(c_ref_bar, lendable + eq_ref, eq_ref / crw, rim)
        anchor = c + new_ref - c_ref
        c_ref = new_ref
        c_bar *= 1 + p["bpd_credit_growth"]
        eq_pre = eq * keep + p["capital_injection"] + p["parent_capital_support"]
        ps = p["productive_share"]
        lam = p["loss_given_default"] * (ps * p["productive_npl_ratio"] + (1 - ps) * p["npl_ratio"])
        c_new = min(c_bar, cap(eq_pre, crw, lam, anchor), cap(lendable + eq_pre, 1.0, lam, anchor), rim)
        eq = eq_pre - lam * max(c_new - anchor, 0.0)
        kappa = ps * p["investment_share"] * p["additionality"] * p["bpd_in_province_share"]
        extra = kappa * (c_new - anchor) / price
        c = c_new

        depth = p["other_bank_credit_to_grdp_max"] * y * price
        b_bar = min(b_bar * (1 + p["other_bank_credit_growth"]), depth)
        b_ref_bar = min(b_ref_bar * (1 + p["baseline_other_bank_credit_growth"]), depth)
        kappa_b = p["other_bank_productive_share"] * p["other_bank_investment_share"] * p["other_bank_additionality"]
        extra += kappa_b * ((b_bar - b) - (b_ref_bar - b_ref)) / price
        b, b_ref = b_bar, b_ref_bar
        extra += (
            p["direct_investment_passthrough"] * (p["direct_investment_share"] - p["direct_investment_share_base"]) * y
        )
        executed = p["budget_execution_rate"] * (
            (p["public_investment_extra"] + p["spending_shift_to_capital"]) / (price * y)
            + p["public_investment_extra_share"]
        )
        extra += p["public_investment_passthrough"] * executed * y
        public = p["public_investment_efficiency"] * (p["public_investment_rate_base"] + executed)
        s = p["investment_rate_base"] + extra / y
    return y


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provinces", type=int, default=38)
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--years", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--loop-cells", type=int, default=200, help="cells timed with the plain loop")
    args = parser.parse_args()

    rng = np.random.default_rng(0)
    inputs = synthetic_inputs(rng, s=1, p=args.provinces, d=args.draws, t=args.years)
    cells = args.provinces * args.draws
    province_years = cells * args.years
    warm = run(inputs)  # warm-up, and the numbers the plain loop must match
    final_grdp = warm.grdp_real[0, :, :, -1].copy()
    del warm
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        run(inputs)
        times.append(time.perf_counter() - start)
    best, median = min(times), float(np.median(times))

    # The memory floor: one pass that reads every input path and writes every output path once (what any
    # engine must at least move through memory), on the same grid in the same run.
    from dataclasses import fields as dc_fields

    from growth8.model.engine import EngineOutput

    n_out = len(dc_fields(EngineOutput))
    shape = inputs.shape()
    outputs = [np.empty((shape[3], *shape[:3])) for _ in range(n_out)]
    floors = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        for k, name in enumerate(PATH_FIELDS):
            src = np.moveaxis(np.asarray(getattr(inputs, name)), -1, 0)
            np.copyto(outputs[k % n_out], src)
        for k in range(len(PATH_FIELDS), n_out):
            outputs[k].fill(0.0)
        floors.append(time.perf_counter() - start)
    floor = min(floors)
    del outputs

    sample = min(args.loop_cells, cells)
    start = time.perf_counter()
    for k in range(sample):
        j, d = divmod(k, args.draws)
        init = {n: float(np.asarray(getattr(inputs, n))[0, j, d]) for n in INITIAL_FIELDS}
        paths = {n: np.asarray(getattr(inputs, n))[0, j, d, :].tolist() for n in PATH_FIELDS}
        y_end = plain_cell(init, paths)
        assert abs(y_end / final_grdp[j, d] - 1) < 1e-10, "plain loop disagrees with the engine"
    loop_per_cell = (time.perf_counter() - start) / sample
    loop_total = loop_per_cell * cells

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}, "
        f"numpy {np.__version__}"
    )
    print(
        f"grid: {args.provinces} provinces x {args.draws} draws x {args.years} years "
        f"= {province_years:,} province-years"
    )
    print(
        f"engine: best of {args.repeat}: {best * 1e3:.1f} ms -> {province_years / best:,.0f} province-years/s "
        f"(median {median * 1e3:.1f} ms -> {province_years / median:,.0f}/s)"
    )
    print(f"plain per-cell loop: {loop_per_cell * 1e3:.3f} ms per cell -> {loop_total:.1f} s for the grid (scaled)")
    print(f"speed-up: {loop_total / best:,.0f}x")
    print(
        f"memory floor (read {len(PATH_FIELDS)} input paths, write {n_out} output paths once): {floor * 1e3:.1f} ms; "
        f"engine / floor = {best / floor:.1f}"
    )


if __name__ == "__main__":
    main()
