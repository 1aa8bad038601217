"""Prototype of the issue-12 near-term forecast: the script behind docs/design/baseline_forecast.md.

Not part of the package. Reads the project's data/provincial.csv (BPS growth tables to 2024) and two
collected files in ../shared/data (BPS WebAPI provincial growth 2023-2025; dated national forecasts,
whose "BPS (outturn)" rows give national growth 2023-2025). Run from the repository root:

    python docs/design/baseline_forecast_prototype.py
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import statsmodels.api as sm
import statsmodels.formula.api as smf

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data"
#: Mining at least 20% of ADHB in the bundled BPS releases (pdrb_sector_mining_manufacturing_..._news_bps.csv).
RESOURCE_LED = {63, 64, 65, 82, 91, 94}
WINDOW = 6  # years of deviations in the mixed model
COVID_GAPS = (2020, 2021, 2022)  # years left out of the persistence estimate
HORIZON = 3


def provincial_growth() -> pd.DataFrame:
    p = pd.read_csv(ROOT / "data" / "provincial.csv")
    g = p[p.series_id == "grdp_growth"].pivot(index="year", columns="province_code", values="value")
    w = pd.read_csv(SHARED / "pdrb_growth_percapita_province_2023_2025_bps_webapi.csv")
    for r in w.itertuples():  # the newer BPS vintage replaces the older one
        g.loc[r.year, r.bps_code // 100] = r.real_growth_adhk2010_pct / 100
    return g.sort_index()


def national_growth(forecasts: pd.DataFrame) -> pd.Series:
    n = pd.read_csv(ROOT / "data" / "national.csv")
    nat = n[n.series_id == "gdp_growth"].set_index("year")["value"].copy()
    outturn = forecasts[forecasts.forecaster == "BPS (outturn)"]
    for r in outturn.itertuples():
        nat.loc[r.target_year] = r.value / 100
    return nat.sort_index()


def national_forecast(forecasts: pd.DataFrame, origin: int, year: int) -> float:
    """Median of each forecaster's latest forecast for ``year`` published in the 12 months to origin+1-03-31."""
    cut, start = f"{origin + 1}-03-31", f"{origin}-03-31"
    d = forecasts[(forecasts.date <= cut) & (forecasts.date > start) & (forecasts.target_year == year)]
    if d.empty:
        return float("nan")
    return float(np.median(d.sort_values("date").groupby("forecaster").tail(1).value)) / 100


def forecast(g: pd.DataFrame, nat: pd.Series, fc: pd.DataFrame, origin: int) -> tuple[dict, float]:
    gg, nn = g.loc[:origin], nat.loc[:origin]
    dev = gg.sub(nn, axis=0)
    win = dev.loc[origin - WINDOW + 1 : origin]
    codes = [c for c in win.columns if win[c].notna().sum() >= 3 and pd.notna(gg.at[origin, c])]
    long = win[codes].stack().dropna().rename("d").reset_index()
    fit = smf.mixedlm("d ~ 1", long, groups=long["province_code"]).fit(reml=True)
    mu = {c: fit.fe_params["Intercept"] + fit.random_effects[c].iloc[0] for c in codes}
    x: list[float] = []
    y: list[float] = []
    for c in codes:
        gap = (win[c] - mu[c]).dropna()
        gap = gap[~gap.index.isin(COVID_GAPS)]
        x += list(gap.values[:-1])
        y += list(gap.values[1:])
    rho = float(np.clip(sm.RLM(np.array(y), np.array(x), M=sm.robust.norms.HuberT()).fit().params[0], 0, 0.95))
    out = {}
    for h in range(1, HORIZON + 1):
        n_hat = national_forecast(fc, origin, origin + h)
        if np.isnan(n_hat):  # no forecast published in the year: the national mean of the last three years
            n_hat = float(nn.loc[origin - 2 : origin].mean())
        for c in codes:
            m = mu[c] * (0.5**h if c in RESOURCE_LED else 1.0)
            out[(c, h)] = n_hat + m + rho**h * (dev.at[origin, c] - mu[c])
    return out, rho


def main() -> None:
    warnings.filterwarnings("ignore")
    fc = pd.read_csv(SHARED / "national_gdp_forecasts_vintages_indonesia_2021_2031.csv")
    fc["date"] = fc.publication_date.apply(lambda s: s if len(s) == 10 else s + "-28")  # month-only dates
    nat = national_growth(fc)
    fc = fc[(fc.variable == "real_gdp_growth") & ~fc.forecaster.str.startswith("BPS")]
    g = provincial_growth()
    rows, rhos = [], []
    for o in range(2013, 2025):
        out, rho = forecast(g, nat, fc, o)
        rhos.append(round(rho, 2))
        for (c, h), v in out.items():
            t = o + h
            if t in g.index and pd.notna(g.at[t, c]):
                a = g.at[t, c]
                rows.append(
                    {"h": h, "t": t, "new": v - a, "last": g.at[o, c] - a, "mean": g.loc[o - 2 : o, c].mean() - a}
                )
    r = pd.DataFrame(rows)
    print("rho by origin 2013-2024:", rhos)
    for h in range(1, HORIZON + 1):
        for outside in (False, True):
            d = r[(r.h == h) & ~(r.t.isin([2020, 2021]) & outside)]
            cells = [
                f"{m}: {100 * d[m].abs().mean():.2f} / {100 * np.sqrt((d[m] ** 2).mean()):.2f} / "
                f"{100 * d[m].abs().median():.2f}"
                for m in ("new", "last", "mean")
            ]
            print(f"h={h} {'outside 2020-21' if outside else 'all'} n={len(d)}  " + "  ".join(cells))


if __name__ == "__main__":
    main()
