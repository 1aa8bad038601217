"""Benchmark the target solver.

Run by hand::

    python benchmarks/target.py

1. Closed-form requirements for 38 provinces x 1,000 parameter draws x 30
   years (SYNTHETIC random parameters, as in benchmarks/engine.py).
2. The highest reachable constant growth for the 38 provinces of
   configs/all_provinces.yaml (real data), both scenarios.
"""

from __future__ import annotations

import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]

from growth8.model.engine import run  # noqa: E402
from growth8.model.inverse import Caps, max_growth, requirements  # noqa: E402
from growth8.model.synthetic import synthetic_inputs  # noqa: E402


def best_of(func, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    p, d, t = 38, 1000, 30
    inputs = synthetic_inputs(np.random.default_rng(0), s=1, p=p, d=d, t=t)
    projection = run(inputs)
    shape = (1, p, d, t + 1)
    caps = Caps(np.full(shape, 0.66), np.full(shape, 0.25), np.full(shape, 1e6))
    target = np.full((1, 1, 1, t + 1), 0.08)
    target = np.broadcast_to(target, shape).copy()
    target[..., 1] = projection.growth[..., 1]
    requirements(inputs, projection, target, caps)  # warm-up
    seconds = best_of(lambda: requirements(inputs, projection, target, caps))
    cells = p * d * t
    print(
        f"requirements: {p} provinces x {d} draws x {t} years: {seconds * 1e3:.1f} ms "
        f"({cells / seconds:,.0f} province-years/s)"
    )

    import growth8

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = growth8.project(ROOT / "configs" / "all_provinces.yaml")
    setup = res.setup
    inputs = setup.engine_inputs()
    caps = Caps(
        *(
            setup.values[k][:, :, None, :]
            for k in ("investment_rate_max", "bpd_credit_growth_max", "capital_injection_max")
        )
    )
    found = max_growth(inputs, res.output, caps, setup.years)
    seconds = best_of(lambda: max_growth(inputs, res.output, caps, setup.years), repeat=3)
    n = found.constant.size
    print(
        f"max reachable growth: {n} (scenario, province) cells, {len(setup.years) - 1} years: {seconds:.2f} s; "
        f"iterations median {int(np.median(found.iterations))}, max {int(found.iterations.max())}; "
        f"all converged: {bool(found.converged.all())}"
    )


if __name__ == "__main__":
    main()
