"""An honest backtest: rolling-origin forecasts of provincial real growth against naive benchmarks.

At each origin year o every model sees the data as they were known then,
``panel.as_of(o)`` (years up to o, releases published by o + 1 March; see
:meth:`growth8.data.Panel.as_of`), and its growth 1..h years ahead is compared with
the latest BPS figure for those years (DESIGN.md section 2.5). The models:

- ``baseline``: the near-term forecast the projection's baseline reproduces
  (:func:`growth8.forecast.near_term`: dated national forecasts, the province's
  persistent deviation with partial pooling, mean reversion of the gap, and of booms
  in resource-led provinces). It is the same function the calibration calls.
- ``baseline_window_mean``: the earlier calibrated baseline, the engine with a
  steady-state K/Y and a TFP residual on the window's mean growth. Provincial PMTB
  exists only for 2022-2024, so its investment rate is the national gross capital
  formation share (WDI; it includes inventories), a labelled proxy. With a
  steady-state start its forecast is the window mean at every horizon whatever s is
  (K grows with Y and the residual closes the gap): it coincides with ``naive_mean``
  (tested), a property of that calibration, not a bug.
- ``baseline_ky_pwt110``: as ``baseline_window_mean`` but from the national published
  K/Y (PWT 11.0, 6.72; a recent vintage, so strictly not available at early origins).
- ``naive_last``, ``naive_mean``: last year's growth, and the mean of the window.

Every model forecasts the same provinces at an origin: those the near-term model can
forecast (three years of growth on their present boundaries in its six-year window)
that also have the k window years for the naive mean.

Examples
--------
>>> import growth8
>>> bt = growth8.backtest()                       # doctest: +SKIP
>>> print(bt.summary())                           # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from growth8.config.parameters import numeric_default
from growth8.errors import InputError, Problem
from growth8.model.engine import neutral_inputs, run
from growth8.model.solow import steady_state_ky, tfp_residual
from growth8.summary import Summary

if TYPE_CHECKING:
    from growth8.data import Panel

__all__ = ["MODELS", "BacktestResult", "backtest", "error_table"]

COVID_YEARS: tuple[int, ...] = (2020, 2021)
#: Models of the backtest and what each forecasts.
MODELS: dict[str, str] = {
    "baseline": (
        "near-term forecast (growth8.forecast.near_term): median of dated national forecasts + the province's "
        "pooled persistent deviation + a mean-reverting gap, as the projection's baseline"
    ),
    "baseline_window_mean": (
        "the earlier calibrated engine: steady-state ky0, TFP residual on the window mean growth, "
        "national WDI gross capital formation share (proxy) as s"
    ),
    "baseline_ky_pwt110": "engine as baseline_window_mean but ky0 = national K/Y PWT 11.0 (published.csv ky_pwt110)",
    "naive_last": "growth of the origin year, held",
    "naive_mean": "mean growth of the window (the last k years up to the origin), held",
}
#: Province groups the errors are also reported by (``group`` column of the error table by group).
GROUPS = ("island_group", "resource_led")
NATIONAL_S = "gross_capital_formation_share"
PUBLISHED_KY = "ky_pwt110"


def _engine_growth(
    ky0: np.ndarray, s: np.ndarray, ga: np.ndarray, gl: np.ndarray, alpha: float, delta: float, h: int
) -> np.ndarray:
    """Growth paths (P, h) from :func:`growth8.model.engine.run` with the bank channel switched off."""
    n_p = len(ky0)
    ones = np.ones((1, n_p, 1, h + 1))

    def path(v: np.ndarray | float) -> np.ndarray:
        return np.asarray(v, dtype=float).reshape(1, -1, 1, 1) * ones

    inputs = neutral_inputs(
        (1, n_p, 1, h + 1),
        capital_output_ratio_0=ky0.reshape(1, -1, 1),
        investment_rate_base=path(s),
        tfp_growth=path(ga),
        labour_growth=path(gl),
        capital_share=alpha * ones,
        depreciation=delta * ones,
    )
    return run(inputs).growth[0, :, 0, 1:]


def _labour_growth_at(pop: pd.DataFrame, codes: Sequence[int], origin: int, span: int = 5) -> np.ndarray:
    """Annualised population growth over the last ``span`` years observed up to ``origin``."""
    years = [y for y in pop.index if y <= origin]
    out = np.full(len(codes), np.nan)
    if len(years) < 2:
        return out
    last = max(years)
    first = max(min(years), last - span)
    for i, c in enumerate(codes):
        if c in pop.columns and pd.notna(pop.at[first, c]) and pd.notna(pop.at[last, c]):
            out[i] = (pop.at[last, c] / pop.at[first, c]) ** (1.0 / (last - first)) - 1.0
    return out


def forecasts_at(panel: Panel, origin: int, horizon: int, window: int = 3) -> pd.DataFrame:
    """Forecasts of every model made at one origin, using the data known then only.

    Parameters
    ----------
    panel : Panel
        All the data; each model sees ``panel.as_of(origin)``.
    origin : int
        Last year of data the forecaster may use.
    horizon : int
        Longest horizon (years ahead).
    window : int
        Window length k of the naive mean and of the window-mean baseline.

    Returns
    -------
    DataFrame
        ``model, origin, horizon, province_code, year, forecast``; no actuals
        (see :func:`backtest`).

    Notes
    -----
    For each province with growth in all k window years on one set of boundaries::

        g_bar = mean(g_{o-k+1..o}),  s = national GCF share mean over the window
        ky0 = s / (g_bar + delta)  (baseline_window_mean) or ky_pwt110,
        g_A = tfp_residual(g_bar, s, ky0, alpha, delta, g_L)

    and the engine runs h years from o; ``baseline`` is
    :func:`growth8.forecast.near_term` at o.
    """
    from growth8.forecast import NearTermError, near_term

    known = panel.as_of(origin)
    growth = known.wide("grdp_growth")
    pop = known.wide("population")
    nat = known.national.loc[known.national["series_id"] == NATIONAL_S].set_index("year")["value"]
    years = list(range(origin - window + 1, origin + 1))
    breaks = {
        int(c): int(y)
        for c, y in zip(panel.provinces["province_code"], panel.provinces["boundary_break_year"], strict=True)
        if pd.notna(y)
    }
    empty = pd.DataFrame(columns=["model", "origin", "horizon", "province_code", "year", "forecast"])
    try:
        near = near_term(known, origin, horizon)
    except NearTermError:  # too little history at this origin: no model forecasts it
        return empty
    codes = []
    for c in growth.columns:
        b = breaks.get(int(c))
        if b is not None and years[0] < b <= origin + horizon:
            continue  # window or target straddles the boundary break
        if int(c) in near.provinces and all(y in growth.index and pd.notna(growth.at[y, c]) for y in years):
            codes.append(int(c))
    if not codes or not all(y in nat.index for y in years):
        return empty
    g_win = growth.loc[years, codes].to_numpy(dtype=float)
    g_bar = g_win.mean(axis=0)
    g_last = g_win[-1]
    s = np.full(len(codes), float(nat.loc[years].mean()))
    alpha, delta = numeric_default("capital_share"), numeric_default("depreciation")
    gl = _labour_growth_at(pop, codes, origin)
    gl = np.where(np.isnan(gl), 0.0, gl)
    paths = {"baseline": near.growth[[near.provinces.index(c) for c in codes]]}
    for name, ky0 in (
        ("baseline_window_mean", steady_state_ky(s, g_bar, delta)),
        ("baseline_ky_pwt110", np.full(len(codes), known.published_value(PUBLISHED_KY))),
    ):
        ga = tfp_residual(g_bar, s, ky0, alpha, delta, gl)
        paths[name] = _engine_growth(ky0, s, ga, gl, alpha, delta, horizon)
    paths["naive_last"] = np.repeat(g_last[:, None], horizon, axis=1)
    paths["naive_mean"] = np.repeat(g_bar[:, None], horizon, axis=1)
    rows = []
    for name in MODELS:
        for i, c in enumerate(codes):
            for h in range(1, horizon + 1):
                rows.append(
                    {
                        "model": name,
                        "origin": origin,
                        "horizon": h,
                        "province_code": c,
                        "year": origin + h,
                        "forecast": float(paths[name][i, h - 1]),
                    }
                )
    return pd.DataFrame(rows)


def error_table(forecasts: pd.DataFrame, by: Sequence[str] = ("model", "horizon")) -> pd.DataFrame:
    """MAE, median absolute error and RMSE of ``forecast - actual``, grouped.

    Parameters
    ----------
    forecasts : DataFrame
        With ``forecast`` and ``actual`` (and the ``by`` columns).
    by : sequence of str

    Returns
    -------
    DataFrame
        ``by`` columns, ``n``, ``mae``, ``median_ae``, ``rmse`` (fractions).
    """
    d = forecasts.dropna(subset=["actual"]).assign(_e=lambda f: f["forecast"] - f["actual"])
    g = d.groupby(list(by), sort=True)["_e"]
    out = pd.DataFrame(
        {
            "n": g.size(),
            "mae": g.apply(lambda e: float(np.mean(np.abs(e)))),
            "median_ae": g.apply(lambda e: float(np.median(np.abs(e)))),
            "rmse": g.apply(lambda e: float(np.sqrt(np.mean(e**2)))),
        }
    )
    return out.reset_index()


@dataclass(frozen=True)
class BacktestResult:
    """Rolling-origin forecasts with actuals and their errors, immutable.

    Attributes
    ----------
    forecasts : DataFrame
        ``backtest.csv``: model, origin, horizon, province_code, year,
        forecast, actual, error, covid_target.
    horizons : tuple of int
        Horizons reported.
    window : int
    origins : tuple of int
    """

    forecasts: pd.DataFrame = field(repr=False)
    horizons: tuple[int, ...]
    window: int
    origins: tuple[int, ...]
    data_hash: str = ""

    def table(self) -> pd.DataFrame:
        """backtest_errors.csv: MAE, median AE and RMSE per model and horizon, all targets and outside COVID."""
        return self.error_summary()

    def to_frame(self) -> pd.DataFrame:
        """The forecasts (a copy): one row per model, origin, horizon and province."""
        return self.forecasts.copy()

    def errors(self, exclude_covid: bool = False, by: Sequence[str] = ("model", "horizon")) -> pd.DataFrame:
        """Error statistics; ``exclude_covid`` drops 2020-2021 targets."""
        d = self.forecasts.loc[self.forecasts["horizon"].isin(self.horizons)]
        if exclude_covid:
            d = d.loc[~d["covid_target"]]
        return error_table(d, by)

    def error_summary(self) -> pd.DataFrame:
        """Errors by model and horizon, with and without COVID targets (``targets`` column)."""
        a = self.errors(False).assign(targets="all")
        b = self.errors(True).assign(targets="excluding 2020-2021")
        return pd.concat([a, b], ignore_index=True)

    def errors_by_group(self) -> pd.DataFrame:
        """backtest_errors_by_group.csv: errors by model, horizon and province group, with and without COVID.

        Columns ``grouping`` (island_group or resource_led), ``group`` (its value), ``targets``, then as
        :meth:`errors`.
        """
        frames = []
        for grouping in GROUPS:
            for targets, ex in (("all", False), ("excluding 2020-2021", True)):
                table = self.errors(ex, by=("model", "horizon", grouping)).rename(columns={grouping: "group"})
                frames.append(table.assign(grouping=grouping, targets=targets))
        out = pd.concat(frames, ignore_index=True)
        out["group"] = out["group"].astype(str)
        return out[["grouping", "group", "targets", "model", "horizon", "n", "mae", "median_ae", "rmse"]]

    def scorecard(self) -> pd.DataFrame:
        """Whether the baseline beats each naive benchmark, per horizon, statistic and target set.

        Returns
        -------
        DataFrame
            ``targets, horizon, statistic, baseline, naive_last, naive_mean, beats_last, beats_mean``
            (errors as fractions; beats: strictly smaller).
        """
        rows = []
        for r in self.error_summary().groupby(["targets", "horizon"], sort=True):
            (targets, horizon), d = r
            by_model = d.set_index("model")
            for stat in ("mae", "rmse", "median_ae"):
                base, last, mean = (float(by_model.at[m, stat]) for m in ("baseline", "naive_last", "naive_mean"))
                rows.append(
                    {
                        "targets": targets,
                        "horizon": int(horizon),
                        "statistic": stat,
                        "baseline": base,
                        "naive_last": last,
                        "naive_mean": mean,
                        "beats_last": base < last,
                        "beats_mean": base < mean,
                    }
                )
        return pd.DataFrame(rows)

    def summary(self, lang: str = "en") -> Summary:
        """A text table of MAE / median AE / RMSE (percentage points) per model and horizon."""
        from growth8.i18n import number, t

        w = 78
        model, h, n, mae, medae, rmse = t("bt.cols", lang).split(";")
        lines = [
            "=" * w,
            t("bt.heading", lang).center(w),
            "=" * w,
            t(
                "bt.setup",
                lang,
                first=self.origins[0],
                last=self.origins[-1],
                window=self.window,
                horizons=", ".join(map(str, self.horizons)),
            ),
        ]
        for label, ex in ((t("bt.all", lang), False), (t("bt.ex_covid", lang), True)):
            table = self.errors(ex)
            lines += ["-" * w, label, f"{model:<22}{h:>3}{n:>6}{mae:>9}{medae:>9}{rmse:>9}"]
            for r in table.itertuples(index=False):
                lines.append(
                    f"{r.model:<22}{r.horizon:>3}{r.n:>6}{number(100 * r.mae, 2, lang):>9}"
                    f"{number(100 * r.median_ae, 2, lang):>9}{number(100 * r.rmse, 2, lang):>9}"
                )
        lines += ["-" * w, t("bt.note1", lang), t("bt.note2", lang), "=" * w]
        return Summary(title=t("bt.title", lang), lines=tuple(lines), preformatted=True)

    def __str__(self) -> str:
        return self.summary().as_text()


def backtest(
    panel: Panel | None = None,
    *,
    horizons: Sequence[int] = (1, 2, 3),
    window: int = 3,
    origins: Sequence[int] | None = None,
) -> BacktestResult:
    """Rolling-origin backtest of the calibrated baseline and naive benchmarks.

    Parameters
    ----------
    panel : Panel, optional
        Default :func:`growth8.data.load_panel`.
    horizons : sequence of int
        Years ahead to report (default 1, 2 and 3); every horizon up to the
        largest is computed.
    window : int
        Calibration window length k (default 3, as the default 2022-2024 window).
    origins : sequence of int, optional
        Default: every year from the first with k years of growth to the year
        before the last observed growth.

    Returns
    -------
    BacktestResult

    Raises
    ------
    InputError
        A horizon below 1, a window below 1, or no forecast possible.

    Notes
    -----
    The error of a forecast of year o + h made at origin o is
    e = forecast - actual, with the actual the BPS growth of o + h. Over a set
    of forecasts::

        MAE = mean |e|,  MedAE = median |e|,  RMSE = sqrt(mean e^2)

    COVID targets (2020, 2021) are reported with and without; origins whose
    window contains them are kept.
    """
    from growth8.data import load_panel

    problems = []
    hs = tuple(sorted({int(h) for h in horizons}))
    if not hs or hs[0] < 1:
        problems.append(Problem.of("error.analysis.horizons", key="horizons", horizons=list(horizons)))
    if window < 1:
        problems.append(Problem.of("error.analysis.window", key="window", window=window))
    if problems:
        raise InputError(problems)
    panel = load_panel() if panel is None else panel
    growth = panel.wide("grdp_growth")
    first, last = int(growth.index.min()), int(growth.index.max())
    orig = tuple(origins) if origins is not None else tuple(range(first + window - 1, last))
    frames = [forecasts_at(panel, o, max(hs), window) for o in orig]
    frames = [f for f in frames if len(f)]
    if not frames:
        raise InputError([Problem.of("error.analysis.no_forecast", origins=list(orig), window=window)])
    fc = pd.concat(frames, ignore_index=True)
    actual = growth.stack().rename("actual").reset_index()
    fc = fc.merge(actual, on=["year", "province_code"], how="left")
    fc["error"] = fc["forecast"] - fc["actual"]
    fc["covid_target"] = fc["year"].isin(COVID_YEARS)
    island = dict(zip(panel.provinces["province_code"].astype(int), panel.provinces["island_group"], strict=True))
    fc["island_group"] = fc["province_code"].map(island)
    fc["resource_led"] = fc["province_code"].isin(resource_led_now(panel))
    fc = fc.sort_values(["model", "origin", "horizon", "province_code"]).reset_index(drop=True)
    fc = fc[
        [
            "model",
            "origin",
            "horizon",
            "province_code",
            "year",
            "forecast",
            "actual",
            "error",
            "covid_target",
            "island_group",
            "resource_led",
        ]
    ]
    return BacktestResult(forecasts=fc, horizons=hs, window=window, origins=orig, data_hash=panel.data_hash)


def resource_led_now(panel: Panel) -> set[int]:
    """Provinces resource-led by the latest bundled mining share (a label for grouping errors, after the fact)."""
    from growth8.forecast import RESOURCE_LED_SHARE, latest_mining_shares

    return {code for code, share in latest_mining_shares(panel).items() if share >= RESOURCE_LED_SHARE}
