"""Estimation from the bundled panel: the credit-growth link, capital stock, TFP and ICORs.

What the model otherwise assumes, fitted on data and shown with its uncertainty
(DESIGN.md section 2.5):

- :func:`fit_credit_growth`: a two-way fixed-effects regression of provincial
  real GRDP growth on lagged real bank-credit growth, standard errors clustered
  by province (alternatives: Driscoll-Kraay, heteroskedasticity-robust), on the
  sample built by :func:`credit_sample`.
- :func:`capital_stock`: each province's capital stock by the perpetual-inventory
  method over the years with PMTB (2022-2024), and TFP growth as the
  growth-accounting residual.
- :func:`icor_table`: historical incremental capital-output ratios.
- :func:`estimated_parameters`: per-province values of growth8 parameters the
  estimates support, with sources, for ``calibration: {estimated: [...]}``.
- :func:`estimate`: all of the above as one immutable :class:`EstimationResult`.

statsmodels is imported inside the functions, so importing this module is cheap.

Examples
--------
>>> import growth8
>>> res = growth8.estimate()                        # doctest: +SKIP
>>> print(res.summary())                          # doctest: +SKIP
>>> res.credit.coef, res.credit.se                # doctest: +SKIP
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from growth8.config.parameters import ESTIMATED_PARAMETERS
from growth8.errors import InputError, ModelError, Problem
from growth8.i18n import Num
from growth8.i18n.provenance import Source
from growth8.model.solow import steady_state_ky
from growth8.summary import Summary

if TYPE_CHECKING:
    from growth8.data import Panel

__all__ = [
    "COVID_YEARS",
    "CreditElasticity",
    "EstimationResult",
    "capital_stock",
    "credit_sample",
    "estimate",
    "estimated_parameters",
    "fit_credit_growth",
    "icor_table",
    "kappa_equivalent",
]

#: Years of the COVID-19 shock (kept by default; ``exclude_covid`` drops them as dependent years).
COVID_YEARS: tuple[int, ...] = (2020, 2021)
#: Column names of the estimation sample (``estimation_sample.csv``).
DEPENDENT = "grdp_growth"
REGRESSOR_FMT = "real_credit_growth_lag{lag}"
CREDIT_SERIES = "credit_all_banks"
#: Default window of the capital-stock and ICOR tables: the years with provincial PMTB.
PMTB_WINDOW: tuple[int, int] = (2022, 2024)
#: Covariance estimators of :func:`fit_credit_growth`.
COV_TYPES = ("cluster", "driscoll-kraay", "hc1")
#: Parameters :func:`estimated_parameters` can return.


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------
def _flagged(panel: Panel, series_id: str, flag: str) -> pd.DataFrame:
    """Boolean table (year x province) of the cells of a series carrying ``flag``."""
    d = panel.provincial.loc[panel.provincial["series_id"] == series_id]
    has = d["flag"].astype(str).str.split(";").map(lambda codes: flag in codes).astype(bool)
    out = d.assign(_has=has.to_numpy()).pivot(index="year", columns="province_code", values="_has")
    return out.fillna(False).astype(bool)


def _break_years(panel: Panel) -> dict[int, int]:
    """Province code -> first year on new boundaries (the ``break`` year)."""
    p = panel.provinces
    out = {}
    for code, year in zip(p["province_code"], p["boundary_break_year"], strict=True):
        if pd.notna(year):
            out[int(code)] = int(year)
    return out


def _parameter_value(name: str) -> float:
    from growth8.config.parameters import load_defaults

    value = load_defaults()[name].value
    if not isinstance(value, float):  # pragma: no cover - defaults file changed
        raise ModelError(f"the default of {name!r} is not a number ({value!r}); pass it explicitly")
    return value


# --------------------------------------------------------------------------
# 1. Credit-growth link
# --------------------------------------------------------------------------
def credit_sample(panel: Panel, lag: int = 1, exclude_covid: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Build the panel on which growth is regressed on lagged real credit growth.

    Parameters
    ----------
    panel : Panel
        The bundled data.
    lag : int
        Years between credit growth and GRDP growth (1 or 2).
    exclude_covid : bool
    parameters : dict
        The estimated values for a config's provinces (set by :func:`growth8.pipeline.estimate`):
        base_year, provinces, each estimable parameter's values and sources, TFP standard errors.
        Drop dependent years 2020 and 2021 (:data:`COVID_YEARS`).

    Returns
    -------
    sample : DataFrame
        Columns ``province_code``, ``year``, ``grdp_growth`` (dependent, fraction)
        and ``real_credit_growth_lag{lag}`` (regressor, fraction), plus the
        ``real_credit_to_grdp`` ratio C/(P Y) of the regressor's year (used by
        :func:`kappa_equivalent`); sorted by province and year.
    exclusions : DataFrame
        One row per reason with the number of province-years it removed
        (``reason``, a :class:`~growth8.i18n.provenance.Source`; ``rows``), in the order applied.

    Raises
    ------
    InputError
        If ``lag`` is not 1 or 2.

    Notes
    -----
    Real credit is nominal credit deflated by the province's GRDP deflator,
    ``P_t = grdp_nominal_t / grdp_real_t`` (2010 = 1), and its growth is::

        gc_t = (C_t / P_t) / (C_{t-1} / P_{t-1}) - 1

    The observation of province i in year t pairs ``grdp_growth_{i,t}`` with
    ``gc_{i,t-lag}``. Removed, in order: credit growth touching a zero/missing
    credit value (BI leaves a province out until it reports separately) or a
    missing deflator; credit growth of a year flagged ``reclassification_jump``
    (the credit rise was above 40%: a reclassification, not lending); dependent
    years on new boundaries (the Papua split: 91 and 94 from 2023; credit exists
    only for the old boundaries, up to 2022); optionally the COVID years.
    """
    if lag not in (1, 2):
        raise InputError([Problem.of("error.estimate.lag", key="lag", lag=lag)])
    growth = panel.wide("grdp_growth")
    real = panel.wide("grdp_real")
    nominal = panel.wide("grdp_nominal")
    credit = panel.wide(CREDIT_SERIES)
    codes = sorted(set(credit.columns))
    years = list(range(int(credit.index.min()), int(growth.index.max()) + 1))
    deflator = (nominal / real).reindex(index=years, columns=codes)
    real_credit = credit.reindex(index=years, columns=codes) / deflator
    gc = real_credit / real_credit.shift(1) - 1.0
    jump = _flagged(panel, CREDIT_SERIES, "reclassification_jump").reindex(index=years, columns=codes)
    jump = jump.fillna(False).astype(bool)
    ratio = credit.reindex(index=years, columns=codes) / nominal.reindex(index=years, columns=codes)
    regressor = REGRESSOR_FMT.format(lag=lag)
    frame = pd.DataFrame(
        {
            "grdp_growth": growth.reindex(index=years, columns=codes).stack(future_stack=True),
            regressor: gc.shift(lag).stack(future_stack=True),
            "_jump": jump.shift(lag).fillna(False).astype(bool).stack(future_stack=True),
            "real_credit_to_grdp": ratio.shift(lag).stack(future_stack=True),
        }
    )
    frame.index.names = ["year", "province_code"]
    frame = frame.reset_index()[["province_code", "year", "grdp_growth", regressor, "_jump", "real_credit_to_grdp"]]
    frame = frame.loc[frame["grdp_growth"].notna()]
    steps: list[tuple[Source, pd.Series]] = [
        (Source.of("est.excluded.no_credit_growth", lag=lag), frame[regressor].isna()),
        (Source.of("est.excluded.reclassification", lag=lag), frame["_jump"]),
    ]
    breaks = _break_years(panel)
    on_new = frame.apply(lambda r: int(r["year"]) >= breaks.get(int(r["province_code"]), 10**6), axis=1)
    steps.append((Source.of("est.excluded.new_boundaries"), on_new.astype(bool)))
    if exclude_covid:
        steps.append(
            (
                Source.of("est.excluded.covid", first=COVID_YEARS[0], last=COVID_YEARS[-1]),
                frame["year"].isin(COVID_YEARS),
            )
        )
    rows = []
    keep = pd.Series(True, index=frame.index)
    for reason, drop in steps:
        hit = keep & drop.astype(bool)
        rows.append({"reason": reason, "rows": int(hit.sum())})
        keep &= ~drop.astype(bool)
    sample = frame.loc[keep].drop(columns="_jump").sort_values(["province_code", "year"]).reset_index(drop=True)
    sample["province_code"] = sample["province_code"].astype("int64")
    sample["year"] = sample["year"].astype("int64")
    return sample, pd.DataFrame(rows, columns=["reason", "rows"])


@dataclass(frozen=True)
class CreditElasticity:
    """One fitted credit-growth regression.

    Attributes
    ----------
    coef, se : float
        Coefficient of the regressor and its standard error.
    ci_low, ci_high : float
        Confidence interval at ``level`` (t distribution with ``df`` degrees of
        freedom for clustered errors, normal otherwise, as statsmodels reports).
    pvalue : float
    nobs, n_provinces : int
    years : tuple of int
        Dependent years in the sample.
    within_r2 : float
        R^2 of the regression after both effects are partialled out.
    dependent, regressor : str
        Column names in the sample.
    entity_effects, time_effects : bool
    cov_type : str
        ``cluster`` (by province), ``driscoll-kraay`` or ``hc1``.
    cov_note : Source
        The small-sample correction applied, in words.
    lag : int
    level : float
    cov : ndarray, shape (1, 1)
        Variance of ``coef`` (kept for Monte Carlo work).
    """

    coef: float
    se: float
    ci_low: float
    ci_high: float
    pvalue: float
    nobs: int
    n_provinces: int
    years: tuple[int, ...]
    within_r2: float
    dependent: str
    regressor: str
    entity_effects: bool
    time_effects: bool
    cov_type: str
    cov_note: Source
    lag: int
    level: float = 0.95
    cov: np.ndarray = field(default_factory=lambda: np.full((1, 1), np.nan), repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The contract of ``estimates.json`` (``credit_elasticity``) plus the extras."""
        return {
            "coef": self.coef,
            "se": self.se,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "nobs": self.nobs,
            "dependent": self.dependent,
            "regressor": self.regressor,
            "entity_effects": self.entity_effects,
            "time_effects": self.time_effects,
            "cov_type": self.cov_type,
            "pvalue": self.pvalue,
            "n_provinces": self.n_provinces,
            "years": [self.years[0], self.years[-1]] if self.years else [],
            "within_r2": self.within_r2,
            "lag": self.lag,
            "level": self.level,
            "cov_note": self.cov_note.text("en"),
        }


def _two_way_dummies(sample: pd.DataFrame) -> pd.DataFrame:
    ent = pd.get_dummies(sample["province_code"].astype(str), prefix="p", drop_first=True, dtype=float)
    tim = pd.get_dummies(sample["year"].astype(str), prefix="y", drop_first=True, dtype=float)
    return pd.concat([ent, tim], axis=1)


def fit_credit_growth(
    sample: pd.DataFrame,
    *,
    cov_type: Literal["cluster", "driscoll-kraay", "hc1"] = "cluster",
    maxlags: int = 1,
    level: float = 0.95,
) -> CreditElasticity:
    """Two-way fixed-effects regression of growth on lagged real credit growth.

    Parameters
    ----------
    sample : DataFrame
        From :func:`credit_sample` (``province_code``, ``year``, the dependent
        ``grdp_growth`` and one ``real_credit_growth_lag*`` column).
    cov_type : {"cluster", "driscoll-kraay", "hc1"}
        Clustered by province (default), Driscoll-Kraay (statsmodels
        ``hac-groupsum``: Newey-West over cross-sectional sums by year, robust to
        correlation across provinces in a year), or White HC1.
    maxlags : int
        Newey-West lags for Driscoll-Kraay.
    level : float
        Confidence level of the interval.

    Returns
    -------
    CreditElasticity

    Raises
    ------
    ModelError
        If the sample is too small to estimate (fewer than 3 provinces, 3 years
        or more parameters than observations).

    Notes
    -----
    The model, for province i and year t, is::

        g_{i,t} = beta gc_{i,t-L} + mu_i + tau_t + e_{i,t}

    estimated by OLS with province and year dummies (statsmodels ``OLS``; one
    dummy of each set dropped, and a constant), which on an unbalanced panel is
    exactly the two-way within estimator (Frisch-Waugh-Lovell). The clustered
    variance is statsmodels' (as Stata's ``vce(cluster)``)::

        V = G/(G-1) (N-1)/(N-K) (X'X)^{-1} [sum_g X_g' e_g e_g' X_g] (X'X)^{-1}

    with G provinces, N observations and K = 1 + (G - 1) + (T - 1) + 1
    parameters. linearmodels' ``PanelOLS(..., cov_type="clustered")`` uses
    N/(N-K) instead, so the variances differ by the factor G/(G-1) (N-1)/N
    (tests pin it). The within R^2 is 1 - SSR / sum(g~^2) where g~ is growth
    with both effects partialled out (linearmodels' ``rsquared``).
    """
    from statsmodels.regression.linear_model import OLS
    from statsmodels.tools.tools import add_constant

    regressors = [c for c in sample.columns if c.startswith("real_credit_growth_lag")]
    if len(regressors) != 1 or DEPENDENT not in sample.columns:
        raise ModelError(f"the sample needs {DEPENDENT!r} and one real_credit_growth_lag* column")
    regressor = regressors[0]
    n, g, t = len(sample), sample["province_code"].nunique(), sample["year"].nunique()
    dummies = _two_way_dummies(sample)
    k = 2 + dummies.shape[1]
    if g < 3 or t < 3 or n <= k + 1:
        raise ModelError.of("error.estimate.sample_too_small", n=n, provinces=g, years=t, k=k)
    y = sample[DEPENDENT].to_numpy(dtype=float)
    x = pd.concat([sample[[regressor]].reset_index(drop=True), dummies.reset_index(drop=True)], axis=1)
    x = add_constant(x, has_constant="add")
    model = OLS(y, x)
    if cov_type == "cluster":
        fit = model.fit(cov_type="cluster", cov_kwds={"groups": sample["province_code"].to_numpy()})
        note = Source.of("est.cov_kind.cluster", df=g - 1)
    elif cov_type == "driscoll-kraay":
        time = pd.factorize(sample["year"], sort=True)[0]
        fit = model.fit(cov_type="hac-groupsum", cov_kwds={"time": time, "maxlags": maxlags})
        note = Source.of("est.cov_kind.driscoll_kraay", lags=maxlags)
    elif cov_type == "hc1":
        fit = model.fit(cov_type="HC1")
        note = Source.of("est.cov_kind.hc1")
    else:
        raise InputError([Problem.of("error.estimate.cov_type", allowed=", ".join(COV_TYPES), cov_type=repr(cov_type))])
    ci = np.asarray(fit.conf_int(alpha=1.0 - level))[1]
    # Within R^2 via Frisch-Waugh-Lovell: partial both effects out of y and x.
    d = np.column_stack([np.ones(n), dummies.to_numpy()])
    y_t = y - d @ np.linalg.lstsq(d, y, rcond=None)[0]
    resid = np.asarray(fit.resid)
    within = 1.0 - float(resid @ resid) / float(y_t @ y_t)
    return CreditElasticity(
        coef=float(fit.params.iloc[1]),
        se=float(fit.bse.iloc[1]),
        ci_low=float(ci[0]),
        ci_high=float(ci[1]),
        pvalue=float(fit.pvalues.iloc[1]),
        nobs=int(fit.nobs),
        n_provinces=int(g),
        years=tuple(sorted(int(v) for v in sample["year"].unique())),
        within_r2=within,
        dependent=DEPENDENT,
        regressor=regressor,
        entity_effects=True,
        time_effects=True,
        cov_type=cov_type,
        cov_note=note,
        lag=int(regressor.removeprefix("real_credit_growth_lag")),
        level=level,
        cov=np.array([[float(fit.cov_params().iloc[1, 1])]]),
    )


def investment_rate_cross_section(panel: Panel, lag: int = 1) -> dict[str, Any]:
    """The only regression with the investment rate the data allow: one cross-section.

    Parameters
    ----------
    panel : Panel
    lag : int
        1 only: provincial PMTB starts in 2022 and credit ends in 2022.

    Returns
    -------
    dict
        ``year`` (the dependent year, 2023), ``nobs``, coefficients and HC1
        standard errors of ``real_credit_growth_lag1`` and ``investment_rate``
        (PMTB / GRDP, current prices, of 2022), and a ``note``.

    Notes
    -----
    Provincial PMTB exists for 2022-2024 and credit for 2002-2022, so with one
    lag the only year with growth, lagged credit growth and a lagged investment
    rate is 2023 (on 2022 data). One year gives one observation per province:
    no province or year effects can be estimated, so this is a cross-section::

        g_{i,2023} = a + b gc_{i,2022} + c s_{i,2022} + e_i

    It shows the association across provinces, nothing about a province over time.
    """
    from statsmodels.regression.linear_model import OLS
    from statsmodels.tools.tools import add_constant

    sample, _ = credit_sample(panel, lag=1)
    year = PMTB_WINDOW[0] + 1
    cs = sample.loc[sample["year"] == year].copy()
    pmtb = panel.wide("pmtb_nominal")
    nominal = panel.wide("grdp_nominal")
    s = (pmtb / nominal).reindex(index=[year - 1]).iloc[0]
    cs["investment_rate"] = cs["province_code"].map(s)
    cs = cs.dropna(subset=["investment_rate"])
    x = add_constant(cs[["real_credit_growth_lag1", "investment_rate"]].to_numpy(dtype=float))
    fit = OLS(cs[DEPENDENT].to_numpy(dtype=float), x).fit(cov_type="HC1")
    return {
        "year": year,
        "nobs": int(fit.nobs),
        "coef_credit": float(fit.params[1]),
        "se_credit": float(fit.bse[1]),
        "coef_investment_rate": float(fit.params[2]),
        "se_investment_rate": float(fit.bse[2]),
        "r2": float(fit.rsquared),
        "note": (
            f"cross-section of {year} growth on {year - 1} real credit growth and {year - 1} investment rate "
            "(PMTB exists only 2022-2024, credit only to 2022): no fixed effects, HC1 errors, association only"
        ),
    }


def minimum_detectable_effect(se: float, df: float, size: float = 0.05, power: float = 0.8) -> float:
    """The smallest true coefficient a two-sided test of size ``size`` detects with probability ``power``.

    Parameters
    ----------
    se : float
        Standard error of the coefficient.
    df : float
        Degrees of freedom of the t reference distribution (clusters - 1 for cluster-robust errors).
    size, power : float
        Test size (0.05) and power (0.8).

    Returns
    -------
    float
        MDE = (t_{1 - size/2, df} + t_{power, df}) se.

    Notes
    -----
    The usual power calculation: a true effect b is detected (|beta_hat / se| > t_{1-size/2}) with
    probability about ``power`` when b / se = t_{1-size/2} + t_{power}. With 34 provinces (df 33), size 5%
    and power 80%, MDE = 2.888 se.
    """
    from scipy import stats

    return float((stats.t.ppf(1.0 - size / 2.0, df) + stats.t.ppf(power, df)) * se)


def kappa_equivalent(coef: float, credit_to_grdp: float, capital_output_ratio: float, capital_share: float) -> float:
    """Translate the growth-on-credit-growth coefficient into the model's kappa.

    Parameters
    ----------
    coef : float
        beta, the coefficient of growth on lagged real credit growth.
    credit_to_grdp : float
        C / (P Y), the stock of credit over nominal GRDP.
    capital_output_ratio : float
        ky = K / Y.
    capital_share : float
        alpha.

    Returns
    -------
    float
        kappa_equiv = beta (Y / C) ky / alpha.

    Notes
    -----
    In the model one real rupiah of extra net lending becomes kappa rupiah of
    extra fixed capital next year, and extra capital raises output by its
    marginal product, alpha Y / K::

        dY = alpha (Y / K) kappa dC_real

    The regression says dY / Y = beta dC / C, i.e. dY = beta (Y / C) dC. Equating
    the two::

        kappa_equiv = beta (Y / C) (K / Y) / alpha = beta ky / (alpha C / Y)

    It assumes the coefficient is causal (it is not, if credit follows expected
    growth: reverse causality biases it up), that all the effect runs through
    fixed capital (credit also finances consumption and working capital), that
    all-bank credit behaves like the BPD's, and the Cobb-Douglas marginal
    product at the given ky.
    """
    return float(coef) * float(capital_output_ratio) / (float(capital_share) * float(credit_to_grdp))


# --------------------------------------------------------------------------
# 2. Capital stock, TFP, ICOR
# --------------------------------------------------------------------------
def _pim_years(panel: Panel, code: int, window: tuple[int, int]) -> list[int]:
    """Years of the window with PMTB, nominal and real GRDP, on the latest boundaries."""
    pmtb, nominal, real = (panel.wide(s) for s in ("pmtb_nominal", "grdp_nominal", "grdp_real"))
    start = max(window[0], _break_years(panel).get(code, window[0]))
    out = []
    for y in range(start, window[1] + 1):
        vals = [f.at[y, code] if (code in f.columns and y in f.index) else np.nan for f in (pmtb, nominal, real)]
        if all(pd.notna(v) for v in vals):
            out.append(y)
    return out


def capital_stock(
    panel: Panel,
    provinces: Iterable[int] | None = None,
    window: tuple[int, int] = PMTB_WINDOW,
    depreciation: float | None = None,
    capital_share: float | None = None,
    labour_growth: Mapping[int, float] | None = None,
) -> pd.DataFrame:
    """Capital stock by the perpetual-inventory method, and TFP growth as the residual.

    Parameters
    ----------
    panel : Panel
    provinces : iterable of int, optional
        BPS codes; default every province with PMTB in the window.
    window : (int, int)
        Years with investment data (default 2022-2024, all PMTB there is).
    depreciation, capital_share : float, optional
        delta and alpha; default the values in configs/defaults.yaml (PWT 11.0).
    labour_growth : mapping of int to float, optional
        g_L per province; default annualised population growth 2015-2020 (the
        pre-split parent for new Papua provinces), as :mod:`growth8.calibrate`.

    Returns
    -------
    DataFrame
        One row per province and year from the first PIM year to the year after
        the last investment year: ``province_code``, ``year``, ``grdp_real``,
        ``deflator``, ``investment_nominal``, ``investment_real`` (I_t, blank in
        the last row), ``capital`` (K_t, start of year, 2010 prices),
        ``capital_output_ratio`` (K_t / Y_t), ``growth`` (g_t, BPS),
        ``labour_growth``, ``tfp_growth`` (g_A,t; blank in the first year),
        ``ky0``, ``ky0_source``.

    Raises
    ------
    ModelError
        If the identities below fail (a bug, never returned silently).

    Notes
    -----
    Real investment is PMTB deflated by the GRDP deflator, I_t = PMTB_t / P_t
    (only current-price PMTB exists). The first PIM year t0 is the first year of
    the window on the province's current boundaries (2023 for the Papua
    provinces). The initial stock is the steady state, as
    :func:`growth8.calibrate.steady_state_ky`::

        K_{t0} = ky0 Y_{t0},   ky0 = s / (g + delta)

    with s the mean PMTB / GRDP and g the mean growth over the PIM years; then::

        K_{t+1} = (1 - delta) K_t + I_t

    TFP growth is the growth-accounting residual with the engine's timing
    (capital in place at the start of year t produces year t's output)::

        1 + g_t = (1 + g_A,t) (K_t / K_{t-1})^alpha (1 + g_L)^(1 - alpha)
    """
    delta = _parameter_value("depreciation") if depreciation is None else float(depreciation)
    alpha = _parameter_value("capital_share") if capital_share is None else float(capital_share)
    pmtb, nominal, real, growth = (panel.wide(s) for s in ("pmtb_nominal", "grdp_nominal", "grdp_real", "grdp_growth"))
    codes = sorted(pmtb.columns) if provinces is None else [panel.province(c) for c in provinces]
    lab = dict(labour_growth) if labour_growth is not None else _population_growth(panel, codes)
    rows: list[dict[str, Any]] = []
    for code in codes:
        years = _pim_years(panel, code, window)
        if not years:
            continue
        s = np.array([pmtb.at[y, code] / nominal.at[y, code] for y in years])
        g = np.array([growth.at[y, code] if y in growth.index else np.nan for y in years], dtype=float)
        ky0 = float(steady_state_ky(np.nanmean(s), np.nanmean(g), delta))
        src = Source.of(
            "provenance.pim.initial",
            s=Num(float(np.nanmean(s)), 4),
            g=Num(float(np.nanmean(g)), 4),
            delta=Num(delta, 4),
            first=years[0],
            last=years[-1],
        )
        cap = ky0 * real.at[years[0], code]
        gl = float(lab.get(code, np.nan))
        prev_cap = np.nan
        for y in [*years, years[-1] + 1]:
            y_real = real.at[y, code] if (y in real.index and pd.notna(real.at[y, code])) else np.nan
            defl = nominal.at[y, code] / y_real if y in years else np.nan
            inv_nom = pmtb.at[y, code] if y in years else np.nan
            inv = inv_nom / defl if y in years else np.nan
            g_t = growth.at[y, code] if y in growth.index else np.nan
            tfp = np.nan
            if y != years[0] and pd.notna(g_t):
                tfp = (1.0 + g_t) / ((cap / prev_cap) ** alpha * (1.0 + gl) ** (1.0 - alpha)) - 1.0
            rows.append(
                {
                    "province_code": int(code),
                    "year": int(y),
                    "grdp_real": y_real,
                    "deflator": defl,
                    "investment_nominal": inv_nom,
                    "investment_real": inv,
                    "capital": cap,
                    "capital_output_ratio": cap / y_real,
                    "growth": g_t,
                    "labour_growth": gl,
                    "tfp_growth": tfp,
                    "ky0": ky0,
                    "ky0_source": src,
                }
            )
            prev_cap = cap
            if y in years:
                cap = (1.0 - delta) * cap + inv
    out = pd.DataFrame(rows)
    _check_pim(out, delta, alpha)
    return out


def _check_pim(table: pd.DataFrame, delta: float, alpha: float) -> None:
    """Refuse to return a capital table that breaks the PIM or growth-accounting identities."""
    for _code, d in table.groupby("province_code"):
        k = d["capital"].to_numpy()
        inv = d["investment_real"].to_numpy()
        if not np.allclose(k[1:], (1.0 - delta) * k[:-1] + inv[:-1], rtol=1e-12, atol=0.0):
            raise ModelError("perpetual-inventory identity K_{t+1} = (1 - delta) K_t + I_t fails")
        g, ga, gl = (d[c].to_numpy() for c in ("growth", "tfp_growth", "labour_growth"))
        ok = ~np.isnan(ga)
        rebuilt = (1.0 + ga[1:]) * (k[1:] / k[:-1]) ** alpha * (1.0 + gl[1:]) ** (1.0 - alpha) - 1.0
        if not np.allclose(rebuilt[ok[1:]], g[1:][ok[1:]], rtol=0.0, atol=1e-12):
            raise ModelError("growth accounting does not add up")


def _population_growth(panel: Panel, codes: Sequence[int], window: tuple[int, int] = (2015, 2020)) -> dict[int, float]:
    """Annualised population growth (the default labour growth), parent province for new ones."""
    pop = panel.wide("population")
    parents = panel.provinces.set_index("province_code")["parent_code"]
    out = {}
    for code in codes:
        for who in (code, parents.get(code)):
            if who is None or pd.isna(who) or int(who) not in pop.columns:
                continue
            a, b = pop.at[window[0], int(who)], pop.at[window[1], int(who)]
            if pd.notna(a) and pd.notna(b):
                out[int(code)] = float((b / a) ** (1.0 / (window[1] - window[0])) - 1.0)
                break
    return out


def icor_table(panel: Panel, window: tuple[int, int] = PMTB_WINDOW) -> pd.DataFrame:
    """Historical incremental capital-output ratios per province and year, and over the window.

    Parameters
    ----------
    panel : Panel
    window : (int, int)
        Years with PMTB (default 2022-2024).

    Returns
    -------
    DataFrame
        ``province_code``, ``year`` (a year, or ``window`` for the window value,
        with ``year`` blank), ``investment_rate``, ``growth``, ``icor`` and
        ``meaningful`` (False when growth <= 0: the ratio then has no sense, and
        ``icor`` is blank).

    Notes
    -----
    ICOR_t = s_t / g_t with s_t = PMTB_t / GRDP_t (current prices) and g_t real
    growth of the same year; the window value is mean(s) / mean(g) over the
    years on the province's current boundaries. The same-year convention is
    BPS's; a lagged one (s_{t-1} / g_t) differs little when s is stable.
    """
    pmtb, nominal, growth = (panel.wide(s) for s in ("pmtb_nominal", "grdp_nominal", "grdp_growth"))
    rows = []
    for code in sorted(pmtb.columns):
        years = _pim_years(panel, code, window)
        if not years:
            continue
        ss, gs = [], []
        for y in years:
            s = float(pmtb.at[y, code] / nominal.at[y, code])
            g = float(growth.at[y, code]) if y in growth.index and pd.notna(growth.at[y, code]) else math.nan
            ss.append(s)
            gs.append(g)
            ok = g > 0
            rows.append(
                {
                    "province_code": int(code),
                    "period": str(y),
                    "investment_rate": s,
                    "growth": g,
                    "icor": s / g if ok else math.nan,
                    "meaningful": bool(ok),
                }
            )
        s_bar, g_bar = float(np.mean(ss)), float(np.nanmean(gs))
        rows.append(
            {
                "province_code": int(code),
                "period": f"{years[0]}-{years[-1]}",
                "investment_rate": s_bar,
                "growth": g_bar,
                "icor": s_bar / g_bar if g_bar > 0 else math.nan,
                "meaningful": bool(g_bar > 0),
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------
# 3. Calibration from estimates
# --------------------------------------------------------------------------
def estimated_parameters(
    panel: Panel,
    provinces: Sequence[int],
    base_year: int,
    *,
    parameters: Sequence[str] = ESTIMATED_PARAMETERS,
    window: tuple[int, int] = PMTB_WINDOW,
    depreciation: float | None = None,
    capital_share: float | None = None,
    labour_growth: Mapping[int, float] | None = None,
) -> dict[str, tuple[np.ndarray, list[Source]]]:
    """Per-province values of growth8 parameters estimated from the data, with sources.

    Pure function of its arguments (no I/O beyond the panel already loaded).

    Parameters
    ----------
    panel : Panel
    provinces : sequence of int
        BPS codes, in the order of the returned arrays.
    base_year : int
        The projection's base year; ``capital_output_ratio_initial`` is K/Y at
        its start. Must lie within the PIM years and the year after them
        (2022-2025 with the bundled data; 2023-2025 for Papua provinces).
    parameters : sequence of str
        Any of :data:`ESTIMATED_PARAMETERS` (default both).
    window : (int, int)
        Investment window of the PIM (default 2022-2024).
    depreciation, capital_share : float, optional
        delta and alpha; pass the config's values so that the estimates are
        consistent with the run (default: configs/defaults.yaml).
    labour_growth : mapping of int to float, optional
        g_L per province (pass the run's calibrated values); default population
        growth 2015-2020.

    Returns
    -------
    dict
        ``{name: (values, sources)}`` with ``values`` a float array of shape
        ``(len(provinces),)`` and ``sources`` a list of :class:`~growth8.i18n.provenance.Source` of the same
        length:

        - ``capital_output_ratio_initial``: K_{base} / Y_{base} from the
          perpetual inventory (:func:`capital_stock`) started at the steady
          state.
        - ``tfp_growth``: mean growth-accounting residual over the PIM years
          after the first (2023-2024; 2024 only for Papua provinces).

    Raises
    ------
    InputError
        An unknown parameter name, or a base year outside the PIM years.
    ModelError
        A province without PMTB in the window.

    Notes
    -----
    Only these two are returned because only they are estimated, not assumed:
    the credit regression measures the total reduced-form association of
    all-bank credit with growth, not the BPD's additionality, so it is a
    cross-check of kappa (:func:`kappa_equivalent`), never a value for it.
    The sampling uncertainty of the credit coefficient and the year-to-year
    spread of the TFP residual are kept in :class:`EstimationResult`
    (``credit.cov``, ``parameter_se``).

    With ``tfp_growth`` and ``capital_output_ratio_initial`` from here, a
    projection need not reproduce the window's mean growth, unlike the
    default calibration (whose TFP residual does so by construction)::

        g_A = mean_t [ (1 + g_t) / ((K_t / K_{t-1})^alpha (1 + g_L)^(1 - alpha)) - 1 ]
    """
    unknown = [p for p in parameters if p not in ESTIMATED_PARAMETERS]
    if unknown:
        estimable = ", ".join(ESTIMATED_PARAMETERS)
        raise InputError(
            [Problem.of("error.estimate.cannot_estimate", name=repr(p), estimable=estimable) for p in unknown]
        )
    codes = [panel.province(c) for c in provinces]
    delta = _parameter_value("depreciation") if depreciation is None else float(depreciation)
    table = capital_stock(panel, codes, window, delta, capital_share, labour_growth)
    out: dict[str, tuple[np.ndarray, list[Source]]] = {}
    ky, ky_src, ga, ga_src = [], [], [], []
    problems: list[Problem] = []
    for code in codes:
        d = table.loc[table["province_code"] == code].set_index("year")
        if d.empty:
            raise ModelError.of("error.estimate.no_pmtb", province=code, first=window[0], last=window[1])
        if base_year not in d.index:
            problems.append(
                Problem.of(
                    "error.estimate.base_year",
                    key="base_year",
                    year=base_year,
                    first=d.index.min(),
                    last=d.index.max(),
                    province=code,
                )
            )
            continue
        row = d.loc[base_year]
        k_over_y = row["capital"] / row["grdp_real"] if pd.notna(row["grdp_real"]) else math.nan
        if math.isnan(k_over_y):  # the year after the data: Y_{base} from the last year and its growth is unknown
            last = d.index.max() - 1
            k_over_y = row["capital"] / d.at[last, "grdp_real"]
            ky_note = Source.of("provenance.pim.ratio_last", base=base_year, last=last)
        else:
            ky_note = Source.of("provenance.pim.ratio", base=base_year)
        ky.append(float(k_over_y))
        ky_src.append(
            Source.of(
                "provenance.pim.ky",
                first=d.index.min(),
                base=base_year,
                delta=Num(delta, 4),
                initial=row["ky0_source"],
                ratio=ky_note,
            )
        )
        resid = d["tfp_growth"].dropna()
        ga.append(float(resid.mean()) if len(resid) else math.nan)
        ga_src.append(
            Source.of(
                "provenance.pim.tfp",
                first=resid.index.min(),
                last=resid.index.max(),
                labour=Num(float(row["labour_growth"]), 4),
            )
            if len(resid)
            else Source.of("provenance.pim.tfp_single")
        )
    if problems:
        raise InputError(problems)
    if "capital_output_ratio_initial" in parameters:
        out["capital_output_ratio_initial"] = (np.array(ky), ky_src)
    if "tfp_growth" in parameters:
        out["tfp_growth"] = (np.array(ga), ga_src)
    return out


# --------------------------------------------------------------------------
# Result
# --------------------------------------------------------------------------
def json_clean(value: Any) -> Any:
    """Plain JSON data: numpy scalars to Python numbers, NaN and infinities to None, sources to English text."""
    if isinstance(value, Source):
        return value.text("en")
    if isinstance(value, (np.floating, np.integer)):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, Mapping):
        return {str(k): json_clean(x) for k, x in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [json_clean(x) for x in value]
    return value


@dataclass(frozen=True)
class EstimationResult:
    """Everything ``growth8 estimate`` fits, immutable.

    Attributes
    ----------
    credit : CreditElasticity
        The main specification (clustered by province).
    alternatives : tuple of CreditElasticity
        Driscoll-Kraay errors, the other lag, and (if kept) without COVID years.
    investment_spec : dict
        :func:`investment_rate_cross_section`.
    kappa : dict
        kappa-equivalent with its interval and the values it was evaluated at.
    sample, exclusions : DataFrame
        The estimation sample (``estimation_sample.csv``) and what was removed.
    capital, icor : DataFrame
        :func:`capital_stock` and :func:`icor_table`.
    parameter_se : dict
        Per-province standard errors of the estimated parameters (tfp_growth:
        standard deviation of the annual residuals / sqrt(n)), for Monte Carlo.
    exclude_covid : bool
    """

    credit: CreditElasticity
    alternatives: tuple[tuple[str, CreditElasticity], ...]
    investment_spec: Mapping[str, Any]
    kappa: Mapping[str, Any]
    sample: pd.DataFrame = field(repr=False)
    exclusions: pd.DataFrame = field(repr=False)
    capital: pd.DataFrame = field(repr=False)
    icor: pd.DataFrame = field(repr=False)
    parameter_se: Mapping[str, Mapping[int, float]] = field(repr=False)
    exclude_covid: bool = False
    data_hash: str = ""
    parameters: Mapping[str, Any] = field(default_factory=dict, repr=False)

    def table(self) -> pd.DataFrame:
        """The regression table: one row per specification (coefficient, standard error, interval, N)."""
        return pd.DataFrame(
            [{"specification": name, **fit.to_dict()} for name, fit in (("main", self.credit), *self.alternatives)]
        )

    def to_frame(self) -> pd.DataFrame:
        """Regression results, one row per specification (long-ish: spec, statistic, value)."""
        rows = []
        for name, fit in (("main", self.credit), *self.alternatives):
            for key, value in fit.to_dict().items():
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    rows.append({"specification": name, "statistic": key, "value": float(value)})
        for key in ("kappa_equiv", "kappa_equiv_ci_low", "kappa_equiv_ci_high"):
            rows.append({"specification": "main", "statistic": key, "value": float(self.kappa[key])})
        return pd.DataFrame(rows)

    def to_json(self) -> dict[str, Any]:
        """The content of ``estimates.json``."""

        return json_clean(
            {
                "credit_elasticity": self.credit.to_dict(),
                "alternatives": {name: fit.to_dict() for name, fit in self.alternatives},
                "investment_rate_cross_section": dict(self.investment_spec),
                "kappa_equivalent": dict(self.kappa),
                "exclusions": self.exclusions.to_dict(orient="records"),
                "exclude_covid": self.exclude_covid,
                "data_hash": self.data_hash,
                **({"parameters": dict(self.parameters)} if self.parameters else {}),
                "notes": [
                    "Reverse causality: banks lend more where they expect growth, so the coefficient is an "
                    "association, not the causal effect of credit on growth.",
                    "Credit is all-bank credit by project location (BI SEKI), nominal, deflated by the GRDP "
                    "deflator; it ends in 2022.",
                ],
            }
        )

    def json_bytes(self) -> bytes:
        """``estimates.json`` as bytes."""
        return (json.dumps(self.to_json(), indent=2) + "\n").encode("utf-8")

    def summary(self, lang: str = "en") -> Summary:
        """A statsmodels-style text table of the regressions, kappa, capital and ICOR (labels in ``lang``)."""
        from growth8.i18n import number, t

        def n(value: float, d: int) -> str:
            return number(value, d, lang)

        c = self.credit
        w = 78
        coef, se, p, low, high = t("est.cols", lang).split(";")
        lines = [
            "=" * w,
            t("est.heading", lang).center(w),
            "=" * w,
            f"{t('est.dep', lang):<18}{c.dependent:<21}{t('est.nobs', lang):<22}{c.nobs:>17}",
            f"{t('est.entity', lang):<18}{t('est.province', lang):<21}{t('est.provinces', lang):<22}"
            f"{c.n_provinces:>17}",
            f"{t('est.time', lang):<18}{t('est.year', lang):<21}{t('est.years', lang):<22}"
            f"{f'{c.years[0]}-{c.years[-1]}':>17}",
            f"{t('est.cov', lang):<18}{c.cov_type:<21}{t('est.r2', lang):<22}{n(c.within_r2, 4):>17}",
            "-" * w,
            f"{'':<28}{coef:>9}{se:>10}{p:>8}{low:>11}{high:>11}",
            "-" * w,
        ]
        for name, fit in (("main", c), *self.alternatives):
            label = fit.regressor if name == "main" else f"  {name}"
            lines.append(
                f"{label:<28}{n(fit.coef, 4):>9}{n(fit.se, 4):>10}{n(fit.pvalue, 3):>8}{n(fit.ci_low, 4):>11}"
                f"{n(fit.ci_high, 4):>11}" + ("" if name == "main" else f"  N={fit.nobs}")
            )
        k = self.kappa
        inv = self.investment_spec
        exclusions = "; ".join(f"{r.reason.text(lang)}: {r.rows}" for r in self.exclusions.itertuples(index=False))
        lines += [
            "=" * w,
            t("est.cov_note", lang, note=c.cov_note.text(lang)),
            t(
                "est.kappa",
                lang,
                value=n(k["kappa_equiv"], 4),
                low=n(k["kappa_equiv_ci_low"], 4),
                high=n(k["kappa_equiv_ci_high"], 4),
                cy=n(k["credit_to_grdp"], 3),
                ky=n(k["capital_output_ratio"], 2),
                alpha=n(k["capital_share"], 3),
                model=n(k["model_kappa"], 4),
            ),
            t(
                "est.cross_section",
                lang,
                year=inv["year"],
                nobs=inv["nobs"],
                coef_credit=n(inv["coef_credit"], 4),
                se_credit=n(inv["se_credit"], 4),
                coef_inv=n(inv["coef_investment_rate"], 4),
                se_inv=n(inv["se_investment_rate"], 4),
            ),
            t("est.exclusions", lang, items=exclusions),
            t("est.covid_dropped" if self.exclude_covid else "est.covid_kept", lang),
            t(
                "est.power.below" if k["model_kappa"] < k["kappa_detectable"] else "est.power.above",
                lang,
                beta=n(k["beta_detectable"], 4),
                kappa=n(k["kappa_detectable"], 2),
                model=n(k["model_kappa"], 4),
            ),
            t("est.reverse", lang),
        ]
        cap = self.capital
        last = cap.loc[cap.groupby("province_code")["year"].transform("max") - 1 == cap["year"]]
        icor = self.icor.loc[self.icor["period"].str.contains("-")]
        lines += [
            "-" * w,
            t(
                "est.capital",
                lang,
                first=int(cap["year"].min()),
                last=int(cap["year"].max()),
                n=cap["province_code"].nunique(),
                ky=n(float(last["capital_output_ratio"].median()), 2),
                tfp=n(float(cap["tfp_growth"].median()), 4),
                period=icor["period"].iloc[0],
                icor=n(float(icor["icor"].median()), 2),
                bad=int((~icor["meaningful"]).sum()),
            ),
            "=" * w,
        ]
        return Summary(title=t("est.title", lang), lines=tuple(lines), preformatted=True)

    def __str__(self) -> str:
        return self.summary().as_text()


def estimate(
    panel: Panel | None = None,
    *,
    lag: int = 1,
    exclude_covid: bool = False,
    window: tuple[int, int] = PMTB_WINDOW,
    level: float = 0.95,
) -> EstimationResult:
    """Fit the credit-growth link, the capital stock, TFP and ICORs on the bundled panel.

    Parameters
    ----------
    panel : Panel, optional
        Default :func:`growth8.data.load_panel`.
    lag : int
        1 or 2: years between credit growth and GRDP growth.
    exclude_covid : bool
        Drop 2020-2021 as dependent years.
    window : (int, int)
        PMTB years for the capital stock and ICORs.
    level : float
        Confidence level.

    Returns
    -------
    EstimationResult

    Raises
    ------
    InputError
        Bad ``lag``.

    Notes
    -----
    Main equation (see :func:`fit_credit_growth`)::

        g_{i,t} = beta gc_{i,t-L} + mu_i + tau_t + e_{i,t}

    and the kappa mapping (see :func:`kappa_equivalent`)::

        kappa_equiv = beta ky / (alpha C / Y)

    evaluated at the median credit-to-GRDP ratio of the sample's last year and
    the median steady-state ky of the PIM.
    """
    from growth8.data import load_panel

    panel = load_panel() if panel is None else panel
    sample, exclusions = credit_sample(panel, lag=lag, exclude_covid=exclude_covid)
    main = fit_credit_growth(sample, level=level)
    alts: list[tuple[str, CreditElasticity]] = [
        ("driscoll_kraay", fit_credit_growth(sample, cov_type="driscoll-kraay", level=level))
    ]
    other = 2 if lag == 1 else 1
    alts.append((f"lag{other}", fit_credit_growth(credit_sample(panel, other, exclude_covid)[0], level=level)))
    if not exclude_covid:
        alts.append(("exclude_covid", fit_credit_growth(credit_sample(panel, lag, True)[0], level=level)))
    capital = capital_stock(panel, window=window)
    alpha = _parameter_value("capital_share")
    ky_med = float(capital.groupby("province_code")["ky0"].first().median())
    last_year = int(sample["year"].max())
    cy = float(sample.loc[sample["year"] == last_year, "real_credit_to_grdp"].median())
    model_kappa = _model_kappa(panel)
    beta_detectable = minimum_detectable_effect(main.se, max(main.n_provinces - 1, 1))
    kappa = {
        "kappa_equiv": kappa_equivalent(main.coef, cy, ky_med, alpha),
        "kappa_equiv_ci_low": kappa_equivalent(main.ci_low, cy, ky_med, alpha),
        "kappa_equiv_ci_high": kappa_equivalent(main.ci_high, cy, ky_med, alpha),
        "credit_to_grdp": cy,
        "credit_to_grdp_year": last_year - lag,
        "capital_output_ratio": ky_med,
        "capital_share": alpha,
        "model_kappa": model_kappa,
        "beta_detectable": beta_detectable,
        "kappa_detectable": kappa_equivalent(beta_detectable, cy, ky_med, alpha),
        "detectable_size": 0.05,
        "detectable_power": 0.8,
        "formula": "kappa_equiv = beta * ky / (alpha * C/Y)",
        "assumes": (
            "beta causal; all the effect through fixed capital in the following year; all-bank credit like BPD "
            "credit; Cobb-Douglas marginal product alpha Y/K at the median steady-state ky"
        ),
    }
    tfp_se: dict[int, float] = {}
    for code, d in capital.groupby("province_code"):
        r = d["tfp_growth"].dropna()
        tfp_se[int(code)] = float(r.std(ddof=1) / math.sqrt(len(r))) if len(r) > 1 else math.nan
    return EstimationResult(
        credit=main,
        alternatives=tuple(alts),
        investment_spec=investment_rate_cross_section(panel),
        kappa=kappa,
        sample=sample,
        exclusions=exclusions,
        capital=capital,
        icor=icor_table(panel, window),
        parameter_se={"tfp_growth": tfp_se},
        exclude_covid=exclude_covid,
        data_hash=panel.data_hash,
    )


def _model_kappa(panel: Panel) -> float:
    """kappa of the default calibration: national BPD loan mix x default additionality."""
    from growth8.data import BPD_TYPES

    years = [y for y in range(2030, 2000, -1) if not math.isnan(panel.national_value("credit_bpd_consumption", y))]
    bpd = {t: panel.national_value(f"credit_bpd_{t}", years[0]) for t in BPD_TYPES}
    productive = bpd["working_capital"] + bpd["investment"]
    return productive / sum(bpd.values()) * (bpd["investment"] / productive) * _parameter_value("additionality")


def estimated_tfp_se(panel: Panel, provinces: Sequence[int], base_year: int) -> dict[int, float]:
    """Standard errors of TFP growth per province from growth8.estimation (for ``sd: estimated``)."""
    from growth8.estimation import estimate

    result = estimate(panel=panel)
    return {int(k): float(v) for k, v in result.parameter_se.get("tfp_growth", {}).items() if int(k) in provinces}
