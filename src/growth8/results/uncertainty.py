"""Results of the uncertainty analyses: Monte Carlo, sensitivity and sweeps."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from growth8.model.engine import Array

if TYPE_CHECKING:
    from growth8.results.projection import ProjectionResult


QUANTILES = (0.05, 0.10, 0.50, 0.90, 0.95)


QUANTILE_NAMES = ("p05", "p10", "p50", "p90", "p95")


@dataclass(frozen=True)
class UncertaintyResult:
    """Monte Carlo results: quantiles of growth and GRDP, and the probability of reaching the target.

    Attributes
    ----------
    projection : ProjectionResult
        The central projection the draws are taken around.
    draws, seed, chunk : int
    growth_quantiles, grdp_quantiles : ndarray (S, P, T + 1, 5)
        p05, p10, p50, p90, p95 over draws.
    growth_mean : ndarray (S, P, T + 1)
    prob_reach_target : ndarray (S, P)
        Share of draws whose growth in the target year reaches the target level.
    prob_reach_target_average : ndarray (S, P)
        Share of draws whose geometric mean growth over ``window`` reaches it.
    window : tuple of int
    stored_bytes : int
        Memory held for the quantiles: growth and GRDP of every draw
        (``exact``), or the histogram counts (``histogram``).
    quantile_method : str
        ``exact`` or ``histogram`` (see UncertaintySpec.quantiles).
    seconds : float
    """

    projection: ProjectionResult = field(repr=False)
    draws: int
    seed: int
    chunk: int
    growth_quantiles: Array = field(repr=False)
    grdp_quantiles: Array = field(repr=False)
    growth_mean: Array = field(repr=False)
    prob_reach_target: Array = field(repr=False)
    prob_reach_target_average: Array = field(repr=False)
    window: tuple[int, int]
    target_year: Array = field(repr=False)
    target_level: Array = field(repr=False)
    stored_bytes: int = 0
    seconds: float = 0.0
    quantile_method: str = "exact"

    def quantiles(self) -> pd.DataFrame:
        """quantiles.csv: scenario, province_code, province, year, variable, p05..p95, mean (unit in 'unit')."""
        setup = self.projection.setup
        rows = []
        for variable, q, unit in (
            ("growth", self.growth_quantiles, "fraction"),
            ("grdp_real", self.grdp_quantiles, "Rp bn, 2010 prices"),
        ):
            for i, scen in enumerate(setup.scenarios):
                for j, (code, name) in enumerate(zip(setup.provinces, self.projection.province_names, strict=True)):
                    for t, year in enumerate(setup.years):
                        row = {
                            "scenario": scen,
                            "province_code": code,
                            "province": name,
                            "year": int(year),
                            "variable": variable,
                            "unit": unit,
                        }
                        row.update({k: q[i, j, t, n] for n, k in enumerate(QUANTILE_NAMES)})
                        rows.append(row)
        frame = pd.DataFrame(rows)
        return frame[frame["year"] > setup.years[0]].reset_index(drop=True)

    def probabilities(self) -> pd.DataFrame:
        """probabilities.csv: probability of reaching the target, per scenario and province."""
        setup = self.projection.setup
        rows = []
        for i, scen in enumerate(setup.scenarios):
            for j, (code, name) in enumerate(zip(setup.provinces, self.projection.province_names, strict=True)):
                rows.append(
                    {
                        "scenario": scen,
                        "province_code": code,
                        "province": name,
                        "target_growth": float(self.target_level[j]),
                        "target_year": int(self.target_year[j]),
                        "prob_reach_target": float(self.prob_reach_target[i, j]),
                        "window": f"{self.window[0]}-{self.window[1]}",
                        "prob_reach_target_average": float(self.prob_reach_target_average[i, j]),
                        "draws": self.draws,
                    }
                )
        return pd.DataFrame(rows)

    def to_frame(self) -> pd.DataFrame:
        """Long form of the quantiles: scenario, province_code, province, year, variable, value, unit (+ quantile)."""
        q = self.quantiles()
        long = q.melt(
            id_vars=["scenario", "province_code", "province", "year", "variable", "unit"],
            value_vars=list(QUANTILE_NAMES),
            var_name="quantile",
            value_name="value",
        )
        return long

    def summary(self, lang: str = "en") -> str:
        """Probabilities of reaching the target, one line per scenario and province."""
        from growth8.i18n import percent

        lines = []
        for _, r in self.probabilities().iterrows():
            if lang == "id":
                lines.append(
                    f"{r['province']} [{r['scenario']}]: peluang mencapai {percent(r['target_growth'], 1, lang)} pada "
                    f"{r['target_year']}: {percent(r['prob_reach_target'], 1, lang)}; rata-rata {r['window']}: "
                    f"{percent(r['prob_reach_target_average'], 1, lang)} ({self.draws} simulasi)."
                )
            else:
                lines.append(
                    f"{r['province']} [{r['scenario']}]: probability of {percent(r['target_growth'], 1, lang)} in "
                    f"{r['target_year']}: {percent(r['prob_reach_target'], 1, lang)}; on average over {r['window']}: "
                    f"{percent(r['prob_reach_target_average'], 1, lang)} ({self.draws} draws)."
                )
        return "\n".join(lines)


@dataclass(frozen=True)
class SensitivityResult:
    """One-at-a-time swings: tornado data per scenario, province and outcome."""

    table: pd.DataFrame

    def tornado(self) -> pd.DataFrame:
        """tornado.csv, ranked by swing within each scenario, province and outcome."""
        return self.table

    def summary(self, lang: str = "en") -> str:
        lines = []
        for (scen, prov, outcome), g in self.table.groupby(["scenario", "province", "outcome"], sort=False):
            top = g.head(3)
            ranked = ", ".join(f"{r.parameter} ({r.swing:.4f})" for r in top.itertuples())
            label = "paling berpengaruh" if lang == "id" else "moves most"
            lines.append(f"{prov} [{scen}] {outcome}: {label}: {ranked}")
        return "\n".join(lines)


@dataclass(frozen=True)
class SweepResult:
    """Projected outcomes over a grid of levers (one scenario)."""

    table: pd.DataFrame
    seconds: float
    grid: Mapping[str, list[float]] = field(default_factory=dict)
    scenario: str = ""

    def summary(self, lang: str = "en") -> str:
        reach = self.table.groupby("province")["reaches_target"].agg(["sum", "count"])
        lines = []
        for prov, r in reach.iterrows():
            if lang == "id":
                lines.append(f"{prov}: target tercapai pada {int(r['sum'])} dari {int(r['count'])} titik grid.")
            else:
                lines.append(f"{prov}: the target is reached at {int(r['sum'])} of {int(r['count'])} grid points.")
        return "\n".join(lines)
