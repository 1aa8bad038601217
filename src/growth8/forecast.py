"""The near-term baseline: what is known at the origin about the next few years of provincial growth.

For province i, origin (as-of year) o and horizon h = 1..H, with national growth n_t and the province's
deviation d_it = g_it - n_t::

    g_hat(i, o + h) = n_hat(o + h) + m_i(h) + rho^h (d_io - mu_i)

- ``n_hat``: the median of each forecaster's latest forecast of national growth for o + h published in the
  twelve months up to the as-of cut-off (data/forecasts.csv: IMF WEO, World Bank, ADB, OECD, Bank Indonesia,
  APBN/KEM-PPKF; a range without a point counts at its midpoint); where none was published, the national mean
  of the last three years (a labelled fallback).
- ``mu_i``: the province's persistent deviation, the random intercept of a statsmodels ``MixedLM`` (REML)
  fitted to the deviations of every province over the last ``window`` years (partial pooling: a province with
  a noisy or short history is shrunk towards the common mean); its standard error is the conditional one.
- ``rho``: how much of this year's gap d - mu survives a year, a pooled AR(1) without intercept fitted by least
  absolute deviations (statsmodels ``QuantReg`` at the median) on the window's gaps outside 2020-2022, clipped
  to [0, 0.95].
- ``m_i(h) = mu_i``, except for resource-led provinces (mining at least :data:`RESOURCE_LED_SHARE` of nominal
  GRDP in the latest bundled BPS figure up to the origin), whose deviation halves every year: a mining boom is
  not a trend.

Only the data in the panel it is given are used: give it ``panel.as_of(o)`` and nothing after o can reach a
forecast (tests/test_forecast.py scrambles later data to check).

Examples
--------
>>> from growth8.data import load_panel
>>> from growth8.forecast import near_term
>>> panel = load_panel()                                    # doctest: +SKIP
>>> f = near_term(panel, origin=2025, horizon=3)           # doctest: +SKIP
>>> f.to_frame().query("province_code == 36")              # doctest: +SKIP
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from growth8.data import Panel

__all__ = [
    "COVID_GAP_YEARS",
    "RESOURCE_LED_SHARE",
    "NearTermError",
    "NearTermForecast",
    "latest_mining_shares",
    "national_forecast",
    "near_term",
]

#: Mining and quarrying share of nominal GRDP from which a province is treated as resource-led.
RESOURCE_LED_SHARE = 0.20
#: Years whose gaps are left out of the persistence estimate (the pandemic and its rebound).
COVID_GAP_YEARS = (2020, 2021, 2022)
#: Years of deviations the mixed model is fitted to.
WINDOW = 6
#: Fewest deviations a province needs in the window to be forecast.
MIN_YEARS = 3
#: Bounds of the gap persistence.
RHO_BOUNDS = (0.0, 0.95)
#: Series the forecast reads.
PROVINCIAL_GROWTH, NATIONAL_GROWTH, MINING_SHARE = "grdp_growth", "gdp_growth", "mining_share"


class NearTermError(ValueError):
    """Why a near-term forecast cannot be made: ``reason`` names the catalogue text
    ``error.forecast.<reason>`` and ``params`` fill it (the calibration turns it into a located problem)."""

    def __init__(self, reason: str, **params: object):
        self.reason, self.params = reason, params
        super().__init__(f"{reason}: {params}")


@dataclass(frozen=True)
class NearTermForecast:
    """Near-term growth forecasts for every province with enough history, immutable.

    Attributes
    ----------
    origin : int
        The last year of data used.
    years : tuple of int
        origin + 1 .. origin + H.
    provinces : tuple of int
        BPS codes forecast.
    growth : ndarray
        (P, H) forecast growth.
    national : ndarray
        (H,) national growth assumed; ``national_source`` says where each comes from.
    persistent, persistent_se : ndarray
        (P,) mu_i and its conditional standard error.
    last_deviation : ndarray
        (P,) d_io.
    persistence : float
        rho.
    resource_led : tuple of bool
    mining_share : ndarray
        (P,) the share used for the rule (NaN: none bundled up to the origin).
    trend : ndarray
        (P,) the province's trend growth, ``national_trend + mu_i`` (``national_trend`` alone for a
        resource-led province): what a steady state would grow at, used for the initial K/Y.
    national_trend : float
        Mean national growth over ``trend_years``, the window's years outside 2020-2022.
    common_deviation : float
        The mixed model's fixed intercept, the deviation every province is shrunk towards.
    """

    origin: int
    years: tuple[int, ...]
    provinces: tuple[int, ...]
    growth: np.ndarray = field(repr=False)
    national: np.ndarray = field(repr=False)
    national_source: tuple[str, ...]
    persistent: np.ndarray = field(repr=False)
    persistent_se: np.ndarray = field(repr=False)
    last_deviation: np.ndarray = field(repr=False)
    persistence: float
    resource_led: tuple[bool, ...]
    mining_share: np.ndarray = field(repr=False)
    trend: np.ndarray = field(repr=False, default_factory=lambda: np.empty(0))
    national_trend: float = math.nan
    common_deviation: float = math.nan
    trend_years: tuple[int, ...] = ()

    def growth_of(self, code: int) -> np.ndarray:
        """(H,) forecast growth of one province (KeyError when it has too little history)."""
        return self.growth[self.provinces.index(int(code))]

    def to_frame(self) -> pd.DataFrame:
        """One row per province and year: forecast and its parts."""
        rows = []
        for i, code in enumerate(self.provinces):
            for h, year in enumerate(self.years, start=1):
                rows.append(
                    {
                        "origin": self.origin,
                        "horizon": h,
                        "year": year,
                        "province_code": code,
                        "growth": float(self.growth[i, h - 1]),
                        "national": float(self.national[h - 1]),
                        "national_source": self.national_source[h - 1],
                        "persistent_deviation": float(self.persistent[i]),
                        "persistent_deviation_se": float(self.persistent_se[i]),
                        "last_deviation": float(self.last_deviation[i]),
                        "persistence": self.persistence,
                        "resource_led": self.resource_led[i],
                        "trend": float(self.trend[i]),
                    }
                )
        return pd.DataFrame(rows)


def national_forecast(panel: Panel, origin: int, year: int) -> tuple[float, str]:
    """National growth expected for ``year`` at ``origin``: the median of the forecasters' latest forecasts.

    Parameters
    ----------
    panel : Panel
        Its ``forecasts`` table; forecasts published after the as-of cut-off (``origin + 1``-03-31) or more
        than a year before it are not used.
    origin, year : int

    Returns
    -------
    (float, str)
        The value (NaN when none) and a description naming the forecasters and publication dates.
    """
    cut, start = panel.release_cutoff(origin), panel.release_cutoff(origin - 1)
    f = panel.forecasts
    d = f.loc[(f["publication_date"] <= cut) & (f["publication_date"] > start) & (f["target_year"] == int(year))]
    if d.empty:
        return math.nan, ""
    latest = d.sort_values(["publication_date", "forecaster"], kind="stable").groupby("forecaster").tail(1)
    latest = latest.sort_values("forecaster", kind="stable")
    who = ", ".join(f"{r.forecaster} {r.publication_date}" for r in latest.itertuples(index=False))
    return float(np.median(latest["value"].to_numpy(dtype=float))), f"median of {len(latest)}: {who}"


def latest_mining_shares(panel: Panel, origin: int | None = None) -> dict[int, float]:
    """Province -> its latest bundled mining share up to ``origin`` (all years when None); none bundled: {}."""
    if MINING_SHARE not in set(panel.series["series_id"]):
        return {}
    shares = panel.wide(MINING_SHARE)
    if origin is not None:
        shares = shares.loc[shares.index <= origin]
    return {int(c): float(shares[c].dropna().iloc[-1]) for c in shares.columns if shares[c].notna().any()}


def _boundary_start(panel: Panel) -> dict[int, int]:
    """Province -> first year on its present boundaries (the boundary-break year), where it changed."""
    out = {}
    for code, year in zip(panel.provinces["province_code"], panel.provinces["boundary_break_year"], strict=True):
        if pd.notna(year):
            out[int(code)] = int(year)
    return out


def near_term(
    panel: Panel,
    origin: int,
    horizon: int = 3,
    *,
    window: int = WINDOW,
    provinces: Sequence[int] | None = None,
) -> NearTermForecast:
    """Forecast provincial growth for ``origin + 1 .. origin + horizon`` from the data up to ``origin``.

    Parameters
    ----------
    panel : Panel
        Data; only observations up to ``origin`` are read (pass ``panel.as_of(origin)`` for real time).
    origin : int
    horizon : int
    window : int
        Years of deviations in the mixed model (default 6).
    provinces : sequence of int, optional
        Provinces to return (default: every province with growth in the origin year and at least one deviation
        in the window on its present boundaries). Provinces with at least three deviations enter the
        estimation; the others get the model's prediction from the deviations they have.

    Returns
    -------
    NearTermForecast

    Raises
    ------
    NearTermError
        A ``ValueError``: fewer than three provinces have enough history, national growth is missing in the
        window, or a requested province has no growth on its present boundaries.

    Notes
    -----
    See the module docstring for the equation. Deviations before a province's boundary break are not used
    for it (its growth on the old boundaries is another province's).
    """
    from statsmodels.regression.mixed_linear_model import MixedLM
    from statsmodels.regression.quantile_regression import QuantReg

    growth = panel.wide(PROVINCIAL_GROWTH)
    growth = growth.loc[growth.index <= origin]
    nat = panel.national.loc[(panel.national["series_id"] == NATIONAL_GROWTH) & (panel.national["year"] <= origin)]
    national = nat.set_index("year")["value"].sort_index()
    years = list(range(origin - window + 1, origin + 1))
    if not all(y in national.index for y in years):
        raise NearTermError("national", first=years[0], last=years[-1])
    deviation = growth.reindex(years).sub(national.reindex(years), axis=0)
    starts = _boundary_start(panel)
    for code, first in starts.items():
        if code in deviation.columns:
            deviation.loc[deviation.index < first, code] = np.nan
    usable = [
        int(c)
        for c in deviation.columns
        if deviation[c].notna().sum() >= MIN_YEARS and origin in growth.index and pd.notna(growth.at[origin, c])
    ]
    if len(usable) < 3:
        raise NearTermError("few_provinces", n=MIN_YEARS, first=years[0], last=years[-1])
    long = deviation[usable].stack().dropna().rename("deviation").reset_index()
    long.columns = ["year", "province_code", "deviation"]
    long = long.sort_values(["province_code", "year"], kind="stable").reset_index(drop=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence chatter of MixedLM on small panels
        fit = MixedLM.from_formula("deviation ~ 1", long, groups=long["province_code"]).fit(reml=True)
    common = float(fit.fe_params["Intercept"])
    sigma_u2, sigma_e2 = float(fit.cov_re.iloc[0, 0]), float(fit.scale)
    common_var = float(fit.bse["Intercept"]) ** 2

    def blup_se(n_i: int) -> float:
        """Conditional s.d. of a random intercept seen n_i times, plus the common mean's variance."""
        cond = sigma_u2 * sigma_e2 / (sigma_e2 + n_i * sigma_u2) if sigma_u2 > 0 else 0.0
        return math.sqrt(cond + common_var)

    mu, se = {}, {}
    for code in usable:
        mu[code] = common + float(fit.random_effects[code].iloc[0])
        se[code] = blup_se(int((long["province_code"] == code).sum()))
    # Provinces with one or two deviations on their present boundaries (the new Papua provinces early on) do
    # not enter the fit; the same model predicts their intercept from what they have (the BLUP,
    # c + lambda (mean - c) with lambda = s_u^2 / (s_u^2 + s_e^2 / n)).
    observed_now = origin in growth.index
    for c in deviation.columns:
        own = deviation[c].dropna()
        if int(c) in mu or own.empty or not observed_now or pd.isna(growth.at[origin, c]):
            continue
        weight = sigma_u2 / (sigma_u2 + sigma_e2 / len(own)) if sigma_u2 > 0 else 0.0
        mu[int(c)] = common + weight * (float(own.mean()) - common)
        se[int(c)] = blup_se(len(own))
    lagged: list[float] = []
    current: list[float] = []
    for code in usable:
        gap = (deviation[code] - mu[code]).dropna()
        for y in gap.index[1:]:
            if y - 1 in gap.index and y not in COVID_GAP_YEARS and y - 1 not in COVID_GAP_YEARS:
                lagged.append(float(gap.at[y - 1]))
                current.append(float(gap.at[y]))
    if len(lagged) >= 5:
        fitted = QuantReg(np.array(current), np.array(lagged)).fit(q=0.5)
        rho = float(np.clip(fitted.params[0], *RHO_BOUNDS))
    else:
        rho = 0.0
    shares = latest_mining_shares(panel, origin)
    wanted = [int(c) for c in provinces] if provinces is not None else [int(c) for c in growth.columns if int(c) in mu]
    missing = [c for c in wanted if c not in mu]
    if missing:
        raise NearTermError("short_history", year=origin, provinces=", ".join(map(str, missing)))
    n_hat, n_src = [], []
    for h in range(1, horizon + 1):
        value, source = national_forecast(panel, origin, origin + h)
        if math.isnan(value):
            value = float(national.loc[origin - 2 : origin].mean())
            source = f"fallback: mean national growth {origin - 2}-{origin} (no forecast published in the year)"
        n_hat.append(value)
        n_src.append(source)
    out = np.empty((len(wanted), horizon))
    share_used = np.full(len(wanted), np.nan)
    led = []
    for i, code in enumerate(wanted):
        share_used[i] = shares.get(code, np.nan)
        resource = bool(share_used[i] >= RESOURCE_LED_SHARE)
        led.append(resource)
        gap = float(deviation.at[origin, code]) - mu[code]
        for h in range(1, horizon + 1):
            m = mu[code] * (0.5**h if resource else 1.0)
            out[i, h - 1] = n_hat[h - 1] + m + rho**h * gap
    calm = [y for y in years if y not in COVID_GAP_YEARS] or years
    national_trend = float(national.reindex(calm).mean())
    trend = np.array([national_trend + (0.0 if led[i] else mu[c]) for i, c in enumerate(wanted)])
    return NearTermForecast(
        origin=int(origin),
        years=tuple(range(origin + 1, origin + horizon + 1)),
        provinces=tuple(wanted),
        growth=out,
        national=np.array(n_hat),
        national_source=tuple(n_src),
        persistent=np.array([mu[c] for c in wanted]),
        persistent_se=np.array([se[c] for c in wanted]),
        last_deviation=np.array([float(deviation.at[origin, c]) for c in wanted]),
        persistence=rho,
        resource_led=tuple(led),
        mining_share=share_used,
        trend=trend,
        national_trend=national_trend,
        common_deviation=common,
        trend_years=tuple(calm),
    )
