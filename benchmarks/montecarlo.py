"""Benchmark the Monte Carlo and the sweep.

Run by hand::

    python benchmarks/montecarlo.py [--draws 10000] [--jobs 1]

1. 38 provinces x 10,000 draws x 30 years (configs/all_provinces.yaml with the
   horizon moved to 2054, baseline scenario only): wall time, peak resident
   memory, and the memory held for the quantiles.
2. A sweep of 1,000 grid points (10 x 10 x 10 over BPD loan growth, productive
   share and deposit growth) for the 38 provinces.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

import growth8
from growth8.analysis.montecarlo import simulate
from growth8.analysis.sweep import sweep

ROOT = Path(__file__).resolve().parents[1]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports kB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--chunk", type=int, default=1000)
    parser.add_argument("--quantiles", choices=("auto", "exact", "histogram"), default="auto")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "bench.yaml"
        text = (ROOT / "configs" / "all_provinces.yaml").read_text()
        text = text[: text.index("scenarios:")] + "scenarios:\n  baseline: {}\n"
        text = text.replace("horizon: 2045", "horizon: 2054")
        text = text.replace("  draws: 1000\n", f"  draws: 1000\n  quantiles: {args.quantiles}\n")
        config.write_text(text)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            projection = growth8.project(config)
    setup = projection.setup
    print(f"machine: {os.cpu_count()} cores; before: peak RSS {peak_rss_mb():.0f} MB")
    n_p, n_t = len(setup.provinces), len(setup.years) - 1
    simulate(projection, draws=500, seed=1, chunk=args.chunk)  # warm-up
    start = time.perf_counter()
    mc = simulate(projection, draws=args.draws, seed=7, chunk=args.chunk, jobs=args.jobs)
    seconds = time.perf_counter() - start
    print(
        f"Monte Carlo: {len(setup.scenarios)} scenario(s) x {n_p} provinces x {args.draws:,} draws x {n_t} years: "
        f"{seconds:.2f} s ({len(setup.scenarios) * n_p * args.draws * n_t / seconds:,.0f} province-years/s), "
        f"jobs {args.jobs}, chunk {args.chunk}"
    )
    print(
        f"memory: held for quantiles ({mc.quantile_method}) {mc.stored_bytes / 2**20:.0f} MB; "
        f"peak RSS of the process {peak_rss_mb():.0f} MB"
    )
    print(f"probability of 8% in 2029, median over provinces: {np.median(mc.prob_reach_target):.4f}")

    grid = {
        "bpd_credit_growth": list(np.linspace(0.05, 0.5, 10)),
        "productive_share": list(np.linspace(0.2, 0.9, 10)),
        "deposit_growth": list(np.linspace(0.03, 0.3, 10)),
    }
    start = time.perf_counter()
    swept = sweep(projection, grid, scenario="baseline", jobs=args.jobs)
    seconds = time.perf_counter() - start
    points = swept.rows["point"].nunique()
    print(
        f"sweep: {points:,} grid points x {n_p} provinces x {n_t} years: {seconds:.2f} s; "
        f"target reached at {int(swept.rows['reaches_target'].sum())} of {len(swept.rows):,} (point, province) cells"
    )


if __name__ == "__main__":
    main()
