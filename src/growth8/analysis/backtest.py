"""An honest backtest: rolling-origin forecasts of provincial real growth against naive benchmarks.

At each origin year o the baseline is calibrated with data up to o only, run
through :func:`growth8.model.engine.run`, and its growth 1..h years ahead compared with
what BPS later reported, next to naive benchmarks (DESIGN.md section 2.5).

Design, and why (the data allow no more):

- Provincial PMTB exists only for 2022-2024, so a baseline "as calibrated at
  origin o" cannot use a provincial investment rate before 2022 without using
  the future. The ``baseline`` model uses the national gross capital formation
  share (WDI, available at o; it includes inventories) as a labelled proxy.
- With the default steady-state initialisation, ky0 = s / (g + delta), the
  calibrated baseline's growth forecast is the calibration-window mean growth at
  every horizon, whatever s is: K grows with Y from the start and the TFP
  residual closes the gap. The ``baseline`` model therefore coincides with
  ``naive_mean`` (tested); that is a property of the calibration, not a bug.
- ``baseline_ky_pwt110`` starts from the national published K/Y (PWT 11.0,
  6.72; a recent vintage, so strictly not available at early origins). Its first
  year still equals the window mean (the TFP residual is set there); later years
  drift as K/Y moves towards its steady state.

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
        "engine, calibrated at the origin: steady-state ky0, TFP residual on the window mean growth, "
        "national WDI gross capital formation share (proxy) as s"
    ),
    "baseline_ky_pwt110": "engine as baseline but ky0 = national K/Y PWT 11.0 (published.csv ky_pwt110)",
    "naive_last": "growth of the origin year, held",
    "naive_mean": "mean growth of the window (the last k years up to the origin), held",
}
NATIONAL_S = "gross_capital_formation_share"
PUBLISHED_KY = "ky_pwt110"


def _parameter(name: str) -> float:
    from growth8.config.parameters import load_defaults

    value = load_defaults()[name].value
    assert isinstance(value, (int, float)), f"{name} has no numeric default"
    return float(value)


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
    """Forecasts of every model made at one origin, using data up to ``origin`` only.

    Parameters
    ----------
    panel : Panel
    origin : int
        Last year of data the forecaster may use.
    horizon : int
        Longest horizon (years ahead).
    window : int
        Calibration window length k (years of growth up to the origin).

    Returns
    -------
    DataFrame
        ``model, origin, horizon, province_code, year, forecast``; no actuals
        (see :func:`backtest`).

    Notes
    -----
    Every series is cut at ``origin`` before anything is computed, so later
    data cannot reach a forecast. For each province with growth in all k window
    years on one set of boundaries::

        g_bar = mean(g_{o-k+1..o}),  s = national GCF share mean over the window
        ky0 = s / (g_bar + delta)  (baseline) or ky_pwt110,
        g_A = tfp_residual(g_bar, s, ky0, alpha, delta, g_L)

    and the engine runs h years from o.
    """
    growth = panel.wide("grdp_growth")
    growth = growth.loc[growth.index <= origin]
    pop = panel.wide("population")
    pop = pop.loc[pop.index <= origin]
    nat = panel.national.loc[(panel.national["series_id"] == NATIONAL_S) & (panel.national["year"] <= origin)]
    nat = nat.set_index("year")["value"]
    years = list(range(origin - window + 1, origin + 1))
    breaks = {
        int(c): int(y)
        for c, y in zip(panel.provinces["province_code"], panel.provinces["boundary_break_year"], strict=True)
        if pd.notna(y)
    }
    codes = []
    for c in growth.columns:
        b = breaks.get(int(c))
        if b is not None and years[0] < b <= origin + horizon:
            continue  # window or target straddles the boundary break
        if all(y in growth.index and pd.notna(growth.at[y, c]) for y in years):
            codes.append(int(c))
    if not codes or not all(y in nat.index for y in years):
        return pd.DataFrame(columns=["model", "origin", "horizon", "province_code", "year", "forecast"])
    g_win = growth.loc[years, codes].to_numpy(dtype=float)
    g_bar = g_win.mean(axis=0)
    g_last = g_win[-1]
    s = np.full(len(codes), float(nat.loc[years].mean()))
    alpha, delta = _parameter("capital_share"), _parameter("depreciation")
    gl = _labour_growth_at(pop, codes, origin)
    gl = np.where(np.isnan(gl), 0.0, gl)
    paths = {}
    for name, ky0 in (
        ("baseline", steady_state_ky(s, g_bar, delta)),
        ("baseline_ky_pwt110", np.full(len(codes), panel.published_value(PUBLISHED_KY))),
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
    horizons: Sequence[int] = (1, 3),
    window: int = 3,
    origins: Sequence[int] | None = None,
) -> BacktestResult:
    """Rolling-origin backtest of the calibrated baseline and naive benchmarks.

    Parameters
    ----------
    panel : Panel, optional
        Default :func:`growth8.data.load_panel`.
    horizons : sequence of int
        Years ahead to report (default 1 and 3); every horizon up to the
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
    fc = fc.sort_values(["model", "origin", "horizon", "province_code"]).reset_index(drop=True)
    fc = fc[["model", "origin", "horizon", "province_code", "year", "forecast", "actual", "error", "covid_target"]]
    return BacktestResult(forecasts=fc, horizons=hs, window=window, origins=orig, data_hash=panel.data_hash)
