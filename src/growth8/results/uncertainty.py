"""Results of the uncertainty analyses: Monte Carlo, sensitivity and sweeps."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from growth8.i18n import number, percent, t
from growth8.model.engine import Array
from growth8.summary import Summary

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
                    for k, year in enumerate(setup.years):
                        row = {
                            "scenario": scen,
                            "province_code": code,
                            "province": name,
                            "year": int(year),
                            "variable": variable,
                            "unit": unit,
                        }
                        row.update({name_q: q[i, j, k, n] for n, name_q in enumerate(QUANTILE_NAMES)})
                        rows.append(row)
        frame = pd.DataFrame(rows)
        return frame[frame["year"] > setup.years[0]].reset_index(drop=True)

    def plot(self, province: int | str | None = None, lang: str = "en") -> Any:
        """Growth against the target with each scenario's median and 5-95% and 10-90% bands (the report's fan
        chart). Returns a matplotlib Figure."""
        from growth8.results.figures import draw, paths_figure, province_code

        code = province_code(self.projection, province)
        return draw(paths_figure(self.projection, code, lang, uncertainty=self), lang)

    def table(self) -> pd.DataFrame:
        """quantiles.csv (the same as :meth:`quantiles`)."""
        return self.quantiles()

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

    def summary(self, lang: str = "en") -> Summary:
        """Probabilities of reaching the target, one line per scenario and province."""
        cfg = self.projection.setup.config
        lines = []
        for _, r in self.probabilities().iterrows():
            lines.append(
                t(
                    "summary.mc.line",
                    lang,
                    province=r["province"],
                    scenario=cfg.scenario_title(r["scenario"], lang),
                    target=percent(r["target_growth"], 1, lang),
                    year=r["target_year"],
                    prob=percent(r["prob_reach_target"], 1, lang),
                    window=r["window"],
                    prob_avg=percent(r["prob_reach_target_average"], 1, lang),
                )
            )
        title = t("summary.mc.title", lang, draws=number(self.draws, 0, lang), seed=self.seed)
        return Summary(title=title, lines=tuple(lines))


@dataclass(frozen=True)
class SensitivityResult:
    """One-at-a-time swings: tornado data per scenario, province and outcome.

    Attributes
    ----------
    rows : DataFrame
        tornado.csv (see :meth:`table`).
    """

    rows: pd.DataFrame

    def table(self) -> pd.DataFrame:
        """tornado.csv, ranked by swing within each scenario, province and outcome."""
        return self.rows.copy()

    def tornado(self) -> pd.DataFrame:
        """tornado.csv (the same as :meth:`table`)."""
        return self.table()

    def to_frame(self) -> pd.DataFrame:
        """Long form: scenario, province_code, province, outcome, parameter, case (low/base/high), value."""
        ids = ["scenario", "province_code", "province", "outcome", "parameter"]
        long = self.rows.melt(
            id_vars=ids, value_vars=["outcome_low", "outcome_base", "outcome_high"], var_name="case", value_name="value"
        )
        long["case"] = long["case"].str.removeprefix("outcome_")
        return long

    def summary(self, lang: str = "en") -> Summary:
        """The three assumptions that move each outcome most, per scenario and province."""
        lines = []
        for (scen, prov, outcome), g in self.rows.groupby(["scenario", "province", "outcome"], sort=False):
            ranked = ", ".join(f"{r.parameter} ({number(r.swing, 4, lang)})" for r in g.head(3).itertuples())
            outcome_words = t(f"summary.sens.outcome.{outcome}", lang)
            lines.append(
                t("summary.sens.line", lang, province=prov, scenario=scen, outcome=outcome_words, ranked=ranked)
            )
        return Summary(title=t("summary.sens.title", lang), lines=tuple(lines))


@dataclass(frozen=True)
class SweepResult:
    """Projected outcomes over a grid of levers (one scenario)."""

    rows: pd.DataFrame
    seconds: float
    grid: Mapping[str, list[float]] = field(default_factory=dict)
    scenario: str = ""

    def table(self) -> pd.DataFrame:
        """sweep.csv: one row per grid point and province."""
        return self.rows.copy()

    def to_frame(self) -> pd.DataFrame:
        """Long form: point, scenario, province_code, province, the levers, variable, value."""
        ids = ["point", "scenario", "province_code", "province", *self.grid]
        outcomes = [c for c in self.rows.columns if c not in ids]
        return self.rows.melt(id_vars=ids, value_vars=outcomes, var_name="variable", value_name="value")

    def summary(self, lang: str = "en") -> Summary:
        """How many grid points reach the target, per province."""
        reach = self.rows.groupby("province", sort=False)["reaches_target"].agg(["sum", "count"])
        lines = [
            t("summary.sweep.line", lang, province=prov, n=int(r["sum"]), total=int(r["count"]))
            for prov, r in reach.iterrows()
        ]
        points = int(self.rows["point"].nunique()) if len(self.rows) else 0
        return Summary(title=t("summary.sweep.title", lang, scenario=self.scenario, points=points), lines=tuple(lines))
