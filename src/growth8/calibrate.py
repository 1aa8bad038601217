"""Calibration: per-province starting values from the bundled data, each with its source.

The data-derived quantities live here (base-year GRDP, deflator, recent growth
and investment rate, labour growth, the BPD's starting balance sheet). The two
model-derived ones, the steady-state capital-output ratio and the TFP residual,
are pure functions (:func:`steady_state_ky`, :func:`tfp_residual`) that
:mod:`growth8.assemble` applies once the other parameters are resolved.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from growth8.data import BANK_GROUPS, BPD_TYPES
from growth8.errors import ByLang, DataError, Problem, Text, suggestion
from growth8.forecast import NearTermError, NearTermForecast, near_term
from growth8.i18n import Num
from growth8.i18n.provenance import Signed, Source, When

if TYPE_CHECKING:
    from growth8.config import CalibrationSpec
    from growth8.data import Panel


#: data/published.csv keys used by the calibration.
#: National BPD credit growth used to roll a province's BPD loan estimate forward, by year (published.csv). 2023
#: is the year-on-year rate to November and 2025 the year-on-year rate to June, the latest published (an
#: assumption: the second half grows as the year to June did).
KEY_BPD_CREDIT_GROWTH = {
    2023: "bpd_credit_growth_2023_11",
    2024: "bpd_credit_growth_2024",
    2025: "bpd_credit_growth_2025_h1",
}


KEY_BPD_DPK_2020 = "bpd_dpk_2020"


KEY_BPD_CAR = "bpd_car_2023_11"
#: The national public share of investment (LTGM-PC country data, 10-year average).
KEY_PUBLIC_SHARE_OF_INVESTMENT = "ig_i_10yr"


KEY_POP_GROWTH_NATIONAL = "pop_growth_med_2025"


#: Returns to a year of schooling by years already completed: (up to this many years, return). The piecewise
#: Mincerian returns of Psacharopoulos (1994) as used for the Penn World Table human capital index (Feenstra,
#: Inklaar and Timmer, "Human capital in PWT 9.0"; after Caselli 2005): 13.4% for the first four years, 10.1% for
#: the next four, 6.8% beyond eight. docs/model.md, "Human capital".
SCHOOLING_RETURNS: tuple[tuple[float, float], ...] = ((4.0, 0.134), (8.0, 0.101), (math.inf, 0.068))
#: Fewest years of mean schooling a province needs for its trend.
SCHOOLING_MIN_YEARS = 3
#: The source of a value the data do not support (the value is NaN).
NO_SOURCE = Source()


def schooling_return(years: float) -> float:
    """The return to one more year of schooling at ``years`` already completed (:data:`SCHOOLING_RETURNS`)."""
    for upto, rate in SCHOOLING_RETURNS:
        if years < upto:
            return rate
    return SCHOOLING_RETURNS[-1][1]


def human_capital_trend(schooling: pd.Series, start: int | None = None) -> tuple[float, Source]:
    """Growth of human capital per worker implied by the trend in mean years of schooling.

    Parameters
    ----------
    schooling : Series
        Mean years of schooling (RLS, 25+) by year, up to the base year.
    start : int, optional
        First year on the province's present boundaries.

    Returns
    -------
    (float, Source)
        g_h and its source; NaN and an empty source when fewer than :data:`SCHOOLING_MIN_YEARS` years are observed.

    Notes
    -----
    LTGM-HC style, h = exp(phi(S)) with phi piecewise linear (:data:`SCHOOLING_RETURNS`). With dS the
    least-squares trend of S per year and r = phi'(S_last) the return at the last observed level::

        g_h = exp(r * dS) - 1

    held over the projection.
    """
    s = schooling.dropna()
    if start is not None:
        s = s.loc[s.index >= start]
    if len(s) < SCHOOLING_MIN_YEARS:
        return math.nan, NO_SOURCE
    years = s.index.to_numpy(dtype=float)
    slope = float(np.polyfit(years - years.mean(), s.to_numpy(dtype=float), 1)[0])
    level = float(s.iloc[-1])
    rate = schooling_return(level)
    growth = math.expm1(rate * slope)
    source = Source.of(
        "provenance.hc.schooling",
        first=int(years[0]),
        last=int(years[-1]),
        level=Num(level, 2),
        slope=Signed(slope, 3),
        rate=Num(rate, 3),
    )
    return growth, source


#: Methods for the initial capital-output ratio besides a published key or a number.
KY_METHODS = ("steady_state",)


@dataclass(frozen=True)
class ProvinceCalibration:
    """Data-derived starting values of one province (values with their sources)."""

    province_code: int
    province: str
    grdp_real_0: float
    grdp_nominal_0: float
    deflator_0: float
    growth_observed: float
    recent_growth: float
    recent_growth_years: tuple[int, ...]
    investment_rate: float
    investment_rate_years: tuple[int, ...]
    labour_growth: float
    labour_growth_source: Source
    bpd_credit_initial: float
    bpd_credit_source: Source
    all_bank_credit_initial: float = math.nan
    all_bank_credit_source: Source = NO_SOURCE
    other_bank_trend_growth: float = math.nan
    other_bank_trend_source: Source = NO_SOURCE
    other_bank_growth_max: float = math.nan
    other_bank_growth_max_source: Source = NO_SOURCE
    other_bank_depth_max: float = math.nan
    other_bank_depth_max_source: Source = NO_SOURCE
    direct_investment_share: float = math.nan
    direct_investment_share_source: Source = NO_SOURCE
    direct_investment_share_max: float = math.nan
    direct_investment_share_max_source: Source = NO_SOURCE
    labour_growth_by_year: Mapping[int, float] = field(default_factory=dict)
    human_capital_growth: float = 0.0
    human_capital_source: Source = NO_SOURCE


@dataclass(frozen=True)
class Calibration:
    """Data-derived starting values for the selected provinces.

    Attributes
    ----------
    base_year : int
    window : tuple of int
        Calibration window for growth and the investment rate.
    provinces : tuple of ProvinceCalibration
    productive_share, investment_share : float
        BPD loan mix (national, Bank Indonesia SEKI), with ``loan_mix_year``.
    other_bank_productive_share, other_bank_investment_share : float
        The same mix for all the other bank groups together (state, private, foreign, rural).
    public_share_of_investment : float
        The national public share of total investment (LTGM-PC data), for provinces' public investment.
    bpd_loan_to_deposit, bpd_capital_adequacy : float
        National BPD ratios used by the balance-sheet estimates.
    published_ky : float or None
        The national K/Y when the config names a published source.
    bank_figures : mapping
        Parameter -> province code -> (value, source): the own BPDs' figures from
        data/own_bpd.csv, which replace the default (and the estimate) in every config.
    near_term : NearTermForecast or None
        The near-term forecast from the base year for the selected provinces (growth8.forecast), when the
        spec's baseline is ``near_term``.
    national_tfp_growth, national_tfp_source : float, str
        The TFP growth every province's converges to after the near-term years (see
        :func:`_national_tfp_trend`), and how it was computed.
    data_hash : str
    """

    base_year: int
    window: tuple[int, int]
    provinces: tuple[ProvinceCalibration, ...]
    productive_share: float
    investment_share: float
    loan_mix_year: int
    other_bank_productive_share: float
    other_bank_investment_share: float
    public_share_of_investment: float
    bpd_loan_to_deposit: float
    bpd_capital_adequacy: float
    ky_method: str
    published_ky: float | None
    max_investment_rate: float
    max_investment_rate_where: tuple[Source, int]
    data_hash: str
    notes: Mapping[str, str] = field(default_factory=dict)
    bank_figures: Mapping[str, Mapping[int, tuple[float, Source]]] = field(default_factory=dict)
    near_term: NearTermForecast | None = None
    national_tfp_growth: float = math.nan
    national_tfp_source: Source = NO_SOURCE

    def column(self, name: str) -> np.ndarray:
        """Values of one :class:`ProvinceCalibration` field across provinces."""
        return np.array([getattr(p, name) for p in self.provinces], dtype=float)

    def to_frame(self) -> pd.DataFrame:
        """One row per province with every calibrated value and its source."""
        rows = []
        for p in self.provinces:
            row = {k: getattr(p, k) for k in p.__dataclass_fields__}
            row.update({k: str(v) for k, v in row.items() if isinstance(v, Source)})  # sources in English
            row["recent_growth_years"] = " ".join(map(str, p.recent_growth_years))
            row["investment_rate_years"] = " ".join(map(str, p.investment_rate_years))
            rows.append(row)
        return pd.DataFrame(rows)


def _annualised(first: float, last: float, years: int) -> float:
    """Annual growth from ``first`` to ``last`` over ``years``; NaN unless both levels are positive."""
    if not (first > 0 and last > 0 and years > 0):
        return math.nan
    return float((last / first) ** (1.0 / years) - 1.0)


#: Provincial series the calibration reads (each must be in the data folder's series.csv).
PROVINCIAL_SERIES = (
    "grdp_real",
    "grdp_nominal",
    "grdp_growth",
    "pmtb_nominal",
    "credit_all_banks",
    "population",
    "employed_persons",
    "investment_pma",
    "investment_pmdn",
)
#: National series: the credit of every bank group by loan type (Bank Indonesia SEKI).
NATIONAL_SERIES = tuple(f"credit_{g}_{t}" for g in BANK_GROUPS for t in BPD_TYPES)


def _file(panel: Panel, name: str) -> str:
    """The path of one of the panel's data files, as the user gave the folder."""
    return str(Path(panel.data_dir) / name)


def data_problems(panel: Panel, spec: CalibrationSpec | None = None) -> list[Problem]:
    """What the calibration needs that the data folder lacks: series, published keys (with the file of each).

    A data folder of the user's (``--data``) may leave out a series or a key the bundled data has; the
    message names the folder's file that lacks it, before any value is computed.
    """
    problems: list[Problem] = []
    listed = set(panel.series["series_id"])
    for sid in (*PROVINCIAL_SERIES, *NATIONAL_SERIES):
        if sid not in listed:
            scope = "provincial.csv" if sid in PROVINCIAL_SERIES else "national.csv"
            problems.append(
                Problem.of(
                    "error.calibrate.series_missing",
                    file=_file(panel, "series.csv"),
                    key=sid,
                    name=repr(sid),
                    folder=str(panel.data_dir),
                    rows=scope,
                )
            )
    keys = set(panel.published["key"])
    needed = [KEY_BPD_DPK_2020, KEY_BPD_CAR, KEY_POP_GROWTH_NATIONAL, KEY_PUBLIC_SHARE_OF_INVESTMENT]
    needed += list(KEY_BPD_CREDIT_GROWTH.values())
    method = spec.capital_output_ratio if spec is not None else None
    if isinstance(method, str) and method not in KY_METHODS:
        needed.append(method)
    for key in needed:
        if key not in keys:
            problems.append(
                Problem.of(
                    "error.calibrate.published_missing",
                    file=_file(panel, "published.csv"),
                    key="calibration.capital_output_ratio" if key == method else key,
                    name=repr(key),
                    hint=suggestion(key, keys) if key == method else "",
                )
            )
    return problems


def _ratio(numerator: float, denominator: float) -> float:
    """``numerator / denominator``, NaN when the denominator is zero or missing (never a ZeroDivisionError)."""
    if not (math.isfinite(denominator) and denominator != 0):
        return math.nan
    return float(numerator / denominator)


def _wide_or_empty(panel: Panel, series_id: str) -> pd.DataFrame:
    """``panel.wide(series_id)``, or an empty table when the data folder does not have the series (an analyst's
    folder written before it was bundled): the calibration then takes its labelled fallback."""
    if series_id not in set(panel.series["series_id"]):
        return pd.DataFrame()
    return panel.wide(series_id)


def default_base_year(panel: Panel, provinces: tuple[int, ...]) -> int:
    """Last year in which real GRDP is observed for every selected province."""
    if "grdp_real" not in set(panel.series["series_id"]):
        raise DataError(data_problems(panel))
    real = panel.wide("grdp_real")
    cols = [c for c in provinces if c in real.columns]
    complete = real[cols].dropna() if cols else real.iloc[0:0]
    if not cols or complete.empty:
        raise DataError([Problem.of("error.calibrate.no_real_grdp", file=_file(panel, "provincial.csv"))])
    return int(complete.index.max())


def calibrate(
    panel: Panel, provinces: tuple[int, ...], spec: CalibrationSpec, base_year: int | None = None
) -> Calibration:
    """Compute every data-derived starting value for ``provinces``.

    Parameters
    ----------
    panel : Panel
        The bundled data (growth8.data.load_panel).
    provinces : tuple of int
        BPS codes.
    spec : CalibrationSpec
        Window, capital-output-ratio method and labour-growth method.
    base_year : int, optional
        Defaults to the last year with real GRDP for every province.

    Returns
    -------
    Calibration

    Raises
    ------
    DataError
        When a needed observation is missing, naming the series, province and years.
    """
    lacking = data_problems(panel, spec)
    if lacking:
        raise DataError(lacking)
    base = base_year if base_year is not None else default_base_year(panel, provinces)
    w0, w1 = spec.window
    problems: list[Problem] = []
    provincial_csv = _file(panel, "provincial.csv")
    real = panel.wide("grdp_real")
    nominal = panel.wide("grdp_nominal")
    growth = panel.wide("grdp_growth")
    pmtb = panel.wide("pmtb_nominal")
    credit = panel.wide("credit_all_banks")
    pop = panel.wide("population")
    employed = panel.wide("employed_persons")
    working_age = _wide_or_empty(panel, "population_15_64") if spec.labour_growth == "working_age" else pd.DataFrame()
    schooling = _wide_or_empty(panel, "schooling_years") if spec.human_capital == "schooling" else pd.DataFrame()
    schooling = schooling.loc[schooling.index <= base] if len(schooling) else schooling
    ptable = panel.provinces.set_index("province_code")

    def obs(frame: pd.DataFrame, code: int, year: int) -> float:
        if code in frame.columns and year in frame.index:
            v = frame.at[year, code]
            return float(v) if pd.notna(v) else math.nan
        return math.nan

    def missing(series: str, code: int, years: Any) -> None:
        problems.append(
            Problem.of(
                "error.calibrate.missing",
                file=provincial_csv,
                key=series,
                series=series,
                province=ByLang(en=panel.province_name(code, "en"), id=panel.province_name(code, "id")),
                code=code,
                years=years,
            )
        )

    def national(series: str, year: int) -> float:
        """A national value the calibration divides by or sums: missing or negative is a problem."""
        value = panel.national_value(series, year)
        if not (math.isfinite(value) and value >= 0):
            problems.append(
                Problem.of(
                    "error.calibrate.national_missing",
                    file=_file(panel, "national.csv"),
                    key=series,
                    series=series,
                    year=year,
                    value=value,
                )
            )
            return math.nan
        return value

    def published(key: str) -> float:
        """A published value the calibration divides by: it must be a positive number."""
        value = panel.published_value(key)
        if not (math.isfinite(value) and value > 0):
            problems.append(
                Problem.of(
                    "error.calibrate.published_positive", file=_file(panel, "published.csv"), key=key, value=value
                )
            )
            return math.nan
        return value

    # National BPD loan mix and ratios (Bank Indonesia SEKI by bank group; OJK).
    mix_years = [y for y in range(base, 1989, -1) if not math.isnan(panel.national_value("credit_bpd_consumption", y))]
    mix_year = mix_years[0] if mix_years else base
    if not mix_years:  # one message, not one per bank group and loan type
        raise DataError(
            [
                Problem.of(
                    "error.calibrate.no_loan_mix",
                    file=_file(panel, "national.csv"),
                    key="credit_bpd_consumption",
                    year=base,
                )
            ]
        )
    bpd = {t: national(f"credit_bpd_{t}", mix_year) for t in BPD_TYPES}
    productive = bpd["working_capital"] + bpd["investment"]
    productive_share = _ratio(productive, sum(bpd.values()))
    investment_share = _ratio(bpd["investment"], productive)
    all_groups = sum(national(f"credit_{g}_{t}", mix_year) for g in BANK_GROUPS for t in BPD_TYPES)
    bpd_share_of_credit = _ratio(sum(bpd.values()), all_groups)
    others = {t: sum(national(f"credit_{g}_{t}", mix_year) for g in BANK_GROUPS if g != "bpd") for t in BPD_TYPES}
    other_productive = others["working_capital"] + others["investment"]
    other_productive_share = _ratio(other_productive, sum(others.values()))
    other_investment_share = _ratio(others["investment"], other_productive)
    bpd_credit_2020 = sum(national(f"credit_bpd_{t}", 2020) for t in BPD_TYPES)
    bpd_ldr = _ratio(bpd_credit_2020, published(KEY_BPD_DPK_2020))
    bpd_car = published(KEY_BPD_CAR)
    for name, share in (("productive_share", productive_share), ("bpd_share_of_credit", bpd_share_of_credit)):
        if math.isnan(share) and not any(p.code == "error.calibrate.national_missing" for p in problems):
            problems.append(
                Problem.of("error.calibrate.national_zero", file=_file(panel, "national.csv"), key=name, year=mix_year)
            )

    published_ky: float | None = None
    ky_method = spec.capital_output_ratio
    if isinstance(ky_method, str) and ky_method not in KY_METHODS:
        published_ky = panel.published_value(ky_method)
    elif not isinstance(ky_method, str):
        published_ky = float(ky_method)
        ky_method = "number"

    national_pop_growth = panel.published_value(KEY_POP_GROWTH_NATIONAL)
    shares = (pmtb / nominal.where(nominal > 0)).loc[[y for y in pmtb.index if w0 <= y <= w1]].stack()
    if shares.empty:
        problems.append(Problem.of("error.calibrate.no_pmtb_shares", file=provincial_csv, first=w0, last=w1))
        max_share, max_where = math.nan, (NO_SOURCE, 0)
    else:
        (max_year, max_code) = shares.idxmax()
        max_share = float(shares.max())
        max_where = (
            Source.literal(panel.province_name(int(max_code), "en"), panel.province_name(int(max_code), "id")),
            int(max_year),
        )
    out: list[ProvinceCalibration] = []
    for code in provinces:
        name = panel.province_name(code, "en")
        parent = ptable.at[code, "parent_code"] if "parent_code" in ptable.columns else None
        parent = int(parent) if parent is not None and pd.notna(parent) else None
        y0 = obs(real, code, base)
        n0 = obs(nominal, code, base)
        g_obs = obs(growth, code, base)
        if math.isnan(y0):
            missing("grdp_real", code, str(base))
        if math.isnan(n0):
            missing("grdp_nominal", code, str(base))
        g_years = tuple(y for y in range(w0, w1 + 1) if not math.isnan(obs(growth, code, y)))
        if not g_years:
            missing("grdp_growth", code, f"{w0}-{w1}")
        s_years = tuple(
            y for y in range(w0, w1 + 1) if not math.isnan(obs(pmtb, code, y)) and not math.isnan(obs(nominal, code, y))
        )
        if not s_years:
            has_pmtb = any(not math.isnan(obs(pmtb, code, y)) for y in range(w0, w1 + 1))
            missing("grdp_nominal" if has_pmtb else "pmtb_nominal", code, f"{w0}-{w1}")
        g_mean = float(np.mean([obs(growth, code, y) for y in g_years])) if g_years else math.nan
        s_mean = (
            float(np.mean([_ratio(obs(pmtb, code, y), obs(nominal, code, y)) for y in s_years]))
            if s_years
            else math.nan
        )

        # Labour growth.
        l0, l1 = spec.labour_window
        lab, lab_src = math.nan, NO_SOURCE
        lab_by_year: dict[int, float] = {}
        if spec.labour_growth == "working_age":
            for who in (code, parent):
                if who is None or who not in working_age.columns:
                    continue
                col = working_age[who].dropna()
                lab_by_year = {
                    int(y): float(col.at[y] / col.at[y - 1] - 1.0) for y in col.index if y > base and y - 1 in col.index
                }
                if lab_by_year:
                    first, last = min(lab_by_year), max(lab_by_year)
                    shown = [lab_by_year[y] for y in range(first, min(first + 5, last + 1))]
                    lab = float(np.mean(shown))
                    where: Source | str = ""
                    if who != code:
                        where = Source.of(
                            "provenance.labour.of_parent", place=Source.of("provenance.place.parent", code=who)
                        )
                    elif code in ptable.index and pd.notna(ptable.at[code, "boundary_break_year"]):
                        where = Source.of("provenance.labour.old_boundaries")
                    lab_src = Source.of(
                        "provenance.labour.working_age",
                        first=first,
                        last=last,
                        mean_first=first,
                        mean_last=min(first + 4, last),
                        mean=Num(lab, 4),
                        where=where,
                    )
                    break
        if spec.labour_growth == "national":
            lab, lab_src = national_pop_growth, Source.of("provenance.labour.national")
        elif math.isnan(lab):  # population, employment, or working age without a projection as of the base year
            series, frame = (
                ("employed_persons", employed) if spec.labour_growth == "employment" else ("population", pop)
            )
            for who in (code, parent):
                if who is None:
                    continue
                a, b = obs(frame, who, l0), obs(frame, who, l1)
                if a > 0 and b > 0 and l1 > l0:  # NaN (missing) compares False
                    lab = _annualised(a, b, l1 - l0)
                    lab_src = Source.of(
                        "provenance.labour.annualised",
                        series=Source.of(f"provenance.labour.series.{series}"),
                        first=l0,
                        last=l1,
                        where=Source.of(
                            "provenance.labour.in_parent", place=Source.of("provenance.place.parent", code=who)
                        )
                        if who != code
                        else "",
                    )
                    if spec.labour_growth == "working_age":
                        lab_src = Source.of("provenance.labour.fallback", year=base, source=lab_src)
                    break
            if math.isnan(lab):
                missing(series, code, Text("error.calibrate.years_and", first=l0, last=l1))

        # BPD loans in the province: all-bank credit x BPD share, rolled forward.
        credit_src = NO_SOURCE
        c_years = (
            [y for y in credit.index if y <= base and not math.isnan(obs(credit, code, y))]
            if code in credit.columns
            else []
        )
        c0, c_year = math.nan, None
        all0, credit_who, credit_scale = math.nan, code, 1.0
        if c_years:
            c_year = int(max(c_years))
            all0, credit_who, credit_scale = obs(credit, code, c_year), code, 1.0
            c0 = all0 * bpd_share_of_credit
            credit_src = Source.of(
                "provenance.bpd_credit.share", year=c_year, mix_year=mix_year, share=Num(bpd_share_of_credit, 4)
            )
        elif parent is not None and parent in credit.columns:
            p_years = [y for y in credit.index if y <= base and not math.isnan(obs(credit, parent, y))]
            parents = ptable["parent_code"]
            siblings = [
                int(c) for c in ptable.index if c == parent or (pd.notna(parents[c]) and int(parents[c]) == parent)
            ]
            share_year = base
            nom = {s: obs(nominal, s, share_year) for s in siblings}
            if p_years and all(v > 0 for v in nom.values()):
                c_year = int(max(p_years))
                share = nom[code] / sum(nom.values())
                all0, credit_who, credit_scale = obs(credit, parent, c_year) * share, parent, share
                c0 = all0 * bpd_share_of_credit
                credit_src = Source.of(
                    "provenance.bpd_credit.parent",
                    parent=parent,
                    year=c_year,
                    share=Num(bpd_share_of_credit, 4),
                    share_year=share_year,
                    grdp_share=Num(share, 4),
                )
        if c_year is None:
            missing("credit_all_banks", code, Text("error.calibrate.any_year_to", last=base))
        else:
            for y in range(c_year + 1, base + 1):
                key = KEY_BPD_CREDIT_GROWTH.get(y)
                if key is None:
                    problems.append(
                        Problem.of("error.calibrate.no_bpd_growth", file=_file(panel, "published.csv"), year=y)
                    )
                    break
                c0 *= 1.0 + panel.published_value(key)
            if c_year < base:
                used = ", ".join(KEY_BPD_CREDIT_GROWTH.get(y, "?") for y in range(c_year + 1, base + 1))
                credit_src = Source.of("provenance.bpd_credit.rolled", source=credit_src, base=base, keys=used)
        # Human capital per worker (mean years of schooling).
        hc, hc_src = 0.0, Source.of("provenance.hc.none")
        if spec.human_capital == "schooling":
            start = ptable.at[code, "boundary_break_year"] if code in ptable.index else None
            start = int(start) if start is not None and pd.notna(start) else None
            hc, hc_src = (
                human_capital_trend(schooling[code], start) if code in schooling.columns else (math.nan, NO_SOURCE)
            )
            if math.isnan(hc):
                hc, hc_src = 0.0, Source.of("provenance.hc.fallback", years=SCHOOLING_MIN_YEARS, base=base)
        sources = _source_calibration(panel, code, credit_who, credit_scale, all0, c_year, base, (w0, w1), n0)
        out.append(
            ProvinceCalibration(
                province_code=int(code),
                province=name,
                grdp_real_0=y0,
                grdp_nominal_0=n0,
                deflator_0=_ratio(n0, y0),
                growth_observed=g_obs,
                recent_growth=g_mean,
                recent_growth_years=g_years,
                investment_rate=s_mean,
                investment_rate_years=s_years,
                labour_growth=lab,
                labour_growth_source=lab_src,
                labour_growth_by_year=lab_by_year,
                human_capital_growth=hc,
                human_capital_source=hc_src,
                bpd_credit_initial=c0,
                bpd_credit_source=credit_src,
                **sources,
            )
        )
    near, national_tfp = None, (math.nan, NO_SOURCE)
    if spec.baseline == "near_term":
        try:
            near = near_term(panel, base, spec.near_term_years, provinces=provinces)
        except NearTermError as exc:
            why = Text(f"error.forecast.{exc.reason}", **exc.params)
            problems.append(
                Problem.of("error.calibrate.near_term", file=provincial_csv, key="grdp_growth", year=base, why=why)
            )
        else:
            national_tfp = _national_tfp_trend(panel, spec, base, near, working_age, schooling, national_pop_growth)
    if problems:
        raise DataError(problems)
    return Calibration(
        base_year=base,
        window=(w0, w1),
        provinces=tuple(out),
        productive_share=float(productive_share),
        investment_share=float(investment_share),
        loan_mix_year=int(mix_year),
        public_share_of_investment=float(panel.published_value(KEY_PUBLIC_SHARE_OF_INVESTMENT)),
        other_bank_productive_share=float(other_productive_share),
        other_bank_investment_share=float(other_investment_share),
        bpd_loan_to_deposit=float(bpd_ldr),
        bpd_capital_adequacy=float(bpd_car),
        ky_method=str(ky_method),
        published_ky=published_ky,
        max_investment_rate=max_share,
        max_investment_rate_where=max_where,
        data_hash=panel.data_hash,
        notes={"bpd_share_of_credit": f"{bpd_share_of_credit:.6f}"},
        bank_figures=own_bpd_figures(panel, provinces),
        near_term=near,
        national_tfp_growth=national_tfp[0],
        national_tfp_source=national_tfp[1],
    )


def _national_tfp_trend(
    panel: Panel,
    spec: CalibrationSpec,
    base: int,
    near: NearTermForecast,
    working_age: pd.DataFrame,
    schooling: pd.DataFrame,
    national_pop_growth: float,
) -> tuple[float, Source]:
    """The TFP growth of a balanced national path at the national trend growth.

    Notes
    -----
    On a balanced path K/Y is constant, so 1 + g = (1 + g_A)^(1 / (1 - alpha)) (1 + g_L,eff), hence::

        g_A,nat = ((1 + g_trend) / (1 + g_L,eff,nat))^(1 - alpha) - 1

    with g_trend the national growth over the window's years outside 2020-2022 (growth8.forecast),
    g_L,eff,nat = (1 + g_L,nat)(1 + g_h,nat) - 1, g_L,nat the growth of the population aged 15-64 summed over
    the provinces (SP2020 projection) in the same years, and g_h,nat the mean of every province's
    human-capital growth weighted by its population aged 15-64 in the base year. Without the projection the
    national population growth (UN WPP, published.csv) is used, labelled.
    """
    from growth8.config.parameters import numeric_default

    alpha = numeric_default("capital_share")
    calm = list(near.trend_years)
    if len(working_age) and all(y in working_age.index and y - 1 in working_age.index for y in calm):
        total = working_age.sum(axis=1, min_count=1)
        g_l = float(np.mean([total.at[y] / total.at[y - 1] - 1.0 for y in calm]))
        l_src = Source.of("provenance.tfp.national_labour", first=calm[0], last=calm[-1])
    else:
        g_l, l_src = national_pop_growth, Source.of("provenance.tfp.national_labour_fallback")
    g_h, h_src = 0.0, Source.of("provenance.tfp.national_no_hc")
    if spec.human_capital == "schooling" and len(schooling) and len(working_age):
        weights, growths = [], []
        for code in schooling.columns:
            g, _ = human_capital_trend(schooling[code])
            who = code if code in working_age.columns else None
            if who is not None and not math.isnan(g) and base in working_age.index:
                weights.append(float(working_age.at[base, who]))
                growths.append(g)
        if weights:
            g_h = float(np.average(growths, weights=weights))
            h_src = Source.of("provenance.tfp.national_hc", value=Num(g_h, 4), year=base)
    g_l_eff = (1.0 + g_l) * (1.0 + g_h) - 1.0
    trend = near.national_trend
    tfp = ((1.0 + trend) / (1.0 + g_l_eff)) ** (1.0 - alpha) - 1.0
    source = Source.of(
        "provenance.tfp.national",
        trend=Num(trend, 4),
        labour_eff=Num(g_l_eff, 4),
        alpha=Num(alpha, 4),
        tfp=Num(tfp, 4),
        first=calm[0],
        last=calm[-1],
        labour=Num(g_l, 4),
        labour_source=l_src,
        hc_source=h_src,
    )
    return tfp, source


def own_bpd_figures(panel: Panel, provinces: tuple[int, ...]) -> dict[str, dict[int, tuple[float, Source]]]:
    """The own BPDs' base-year figures (data/own_bpd.csv) for ``provinces``, with their sources."""
    out: dict[str, dict[int, tuple[float, Source]]] = {}
    for row in panel.own_bpd.itertuples(index=False):
        code = int(row.province_code)
        if code not in provinces:
            continue
        source = Source.of(
            "provenance.bank_figure",
            bank=row.bank,
            method=Source.of(f"provenance.method.{row.method}"),
            as_of=When(str(row.as_of)),
            note=Source.literal(str(row.derivation), str(getattr(row, "derivation_id", "") or "")),
        )
        out.setdefault(str(row.parameter), {})[code] = (float(row.value), source)
    return out


#: Years of all-bank credit the highest observed growth is taken over, and the trend's length.
CREDIT_GROWTH_YEARS, CREDIT_TREND_YEARS = 10, 5


def _source_calibration(
    panel: Panel,
    code: int,
    credit_who: int,
    credit_scale: float,
    all_bank_last: float,
    credit_year: int | None,
    base: int,
    window: tuple[int, int],
    nominal_base: float,
) -> dict[str, Any]:
    """Other banks' and PMA + PMDN starting values and ceilings of one province, with their sources.

    ``credit_who`` is the province whose all-bank credit series is used (the province, or its
    pre-split parent with ``credit_scale`` its GRDP share); ``all_bank_last`` the credit in
    ``credit_year``. Every value is NaN with an empty source (:data:`NO_SOURCE`) when the data do not support it.
    """
    out: dict[str, Any] = {}
    rows = panel.provincial[
        (panel.provincial["series_id"] == "credit_all_banks") & (panel.provincial["province_code"] == credit_who)
    ].set_index("year")
    place = (
        Source.of("provenance.place.province")
        if credit_who == code
        else Source.of("provenance.place.parent", code=credit_who)
    )
    if credit_year is not None and len(rows):
        level = rows["value"]
        jump = rows["flag"].str.contains("reclassification_jump")
        first = credit_year - CREDIT_TREND_YEARS
        trend = math.nan
        if first in level.index and not jump.loc[first + 1 : credit_year].any():
            trend = _annualised(float(level[first]), float(level[credit_year]), CREDIT_TREND_YEARS)
        if math.isfinite(trend):  # a zero or missing level gives no trend (NaN), never a division by zero
            out["other_bank_trend_growth"] = trend
            out["other_bank_trend_source"] = Source.of(
                "provenance.other_banks.trend", place=place, first=first, last=credit_year
            )
            grown = all_bank_last * (1.0 + trend) ** (base - credit_year)
            out["all_bank_credit_initial"] = grown
            out["all_bank_credit_source"] = Source.of(
                "provenance.other_banks.credit",
                place=place,
                year=credit_year,
                scale=(
                    Source.of("provenance.other_banks.credit_scale", share=Num(credit_scale, 4))
                    if credit_scale != 1.0
                    else ""
                ),
                rolled=(
                    Source.of("provenance.other_banks.credit_rolled", base=base, trend=Num(trend, 4))
                    if base > credit_year
                    else ""
                ),
            )
        years = [y for y in range(credit_year - CREDIT_GROWTH_YEARS + 1, credit_year + 1) if y - 1 in level.index]
        growths = {
            y: float(level[y] / level[y - 1] - 1.0)
            for y in years
            if y in level.index and level[y - 1] > 0 and not jump.get(y, False)
        }
        if growths:
            best = max(growths, key=lambda y: growths[y])
            out["other_bank_growth_max"] = growths[best]
            out["other_bank_growth_max_source"] = Source.of(
                "provenance.other_banks.growth_max", place=place, first=min(growths), last=max(growths), year=best
            )
        nominal = panel.wide("grdp_nominal")
        if credit_who in nominal.columns:
            ratio = (level / nominal[credit_who].where(nominal[credit_who] > 0)).dropna()
            if len(ratio):
                out["other_bank_depth_max"] = float(ratio.max())
                now = out.get("all_bank_credit_initial", math.nan) / nominal_base
                higher = now > out["other_bank_depth_max"]
                if higher:
                    out["other_bank_depth_max"] = now
                out["other_bank_depth_max_source"] = Source.of(
                    "provenance.other_banks.depth_max",
                    place=place,
                    first=int(ratio.index.min()),
                    last=int(ratio.index.max()),
                    year=int(ratio.idxmax()),
                    higher=Source.of("provenance.other_banks.depth_higher", value=Num(now, 4)) if higher else "",
                )
    realised = panel.wide("investment_pma").add(panel.wide("investment_pmdn"), fill_value=np.nan)
    nominal = panel.wide("grdp_nominal")
    if code in realised.columns and code in nominal.columns:
        shares = (realised[code] / nominal[code]).dropna()
        shares = shares[shares.index <= base]
        w0, w1 = window
        in_window = shares[(shares.index >= w0) & (shares.index <= w1)]
        if len(in_window):
            out["direct_investment_share"] = float(in_window.mean())
            out["direct_investment_share_source"] = Source.of(
                "provenance.direct_investment.mean",
                first=int(in_window.index.min()),
                last=int(in_window.index.max()),
            )
        if len(shares):
            out["direct_investment_share_max"] = float(shares.max())
            out["direct_investment_share_max_source"] = Source.of(
                "provenance.direct_investment.max",
                first=int(shares.index.min()),
                last=int(shares.index.max()),
                year=int(shares.idxmax()),
            )
    return out
