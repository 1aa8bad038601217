"""The summary facts, computed once: what the console, the report's prose and the workbook's summary sheet say.

A fact is a number (or a verdict) with what it is: a value in a named year, a mean over named years, a
maximum, a total over a stated period. Nothing here formats words; :mod:`growth8.i18n` does that, from
the catalogue, in the reader's language.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Tolerance of "reaches the target": growth within 1e-12 of the level counts as reaching it.
REACH_TOL = 1e-12


def reaches(growth: float, target: float) -> bool:
    """Whether ``growth`` reaches ``target`` (within :data:`REACH_TOL`): the one test every count of provinces,
    scenarios or grid points at the target uses."""
    return bool(growth >= target - REACH_TOL)


@dataclass(frozen=True)
class ProjectionFacts:
    """What the projection says for one scenario and province, against the province's own target.

    Attributes
    ----------
    scenario, province_code, province : the cell.
    base_year, horizon : first and last year of the table (the base year is observed).
    target, target_year : the province's target level and the year it is due (clipped to the
        projection years).
    growth_now, investment_rate_now : observed growth and I/Y in the base year.
    avg_growth : arithmetic mean of projected growth over base_year + 1 to horizon.
    reach_year : first projected year whose growth reaches ``target``; None if none does.
    grdp_horizon : real GRDP in the horizon year (Rp bn, 2010 prices).
    n_binding, n_years : projected years in which a BPD limit binds, and projected years.
    binding_limits : the limits that bind (codes ``ldr``/``car``), in the order they first bind.
    first_binding_year : the first year a limit binds (None if never).
    """

    scenario: str
    province_code: int
    province: str
    base_year: int
    horizon: int
    target: float
    target_year: int
    growth_now: float
    investment_rate_now: float
    avg_growth: float
    reach_year: int | None
    grdp_horizon: float
    n_binding: int
    n_years: int
    binding_limits: tuple[str, ...]
    first_binding_year: int | None

    @property
    def reaches(self) -> bool:
        """Whether projected growth reaches the target in some projected year."""
        return self.reach_year is not None


@dataclass(frozen=True)
class TargetFacts:
    """What the target needs for one scenario and province, and whether it can happen.

    Attributes
    ----------
    projection : ProjectionFacts
        The scenario's projection, against the same target.
    required_investment_rate : I/Y needed in ``target_year - 1`` (the investment that sets growth
        in the target year).
    icor : historical ICOR (mean I/Y over mean growth, calibration window).
    icor_investment_rate : ICOR x target growth, for ``target_year - 1``.
    required_bpd_credit, required_deposits : BPD loans and deposits the path needs in ``target_year``
        (Rp bn, nominal).
    required_credit_growth : annual growth of BPD loans from the base year to ``target_year``.
    grdp_nominal_target_year : nominal GRDP in ``target_year`` along the scenario's projection (Rp bn).
    required_credit_to_grdp : required_bpd_credit / grdp_nominal_target_year (how many times GRDP).
    injection_total : required capital injections summed over every projected year (base_year + 1 to
        horizon), Rp bn nominal.
    injection_to_target : the same summed to ``target_year``.
    tfp_required_target_year : TFP growth that would reach the target in ``target_year`` at the
        baseline investment rate.
    tfp_required_mean : its mean over base_year + 1 to horizon.
    n_infeasible, n_years : projected years with an investment gap in which the requirement breaks a limit,
        and projected years.
    first_reason, first_infeasible_year : the first broken limit and its year (``none``/None when
        feasible throughout).
    max_growth, max_reason, max_year : the highest reachable constant growth, the limit that binds at
        it and the year it binds.
    gap_share_mean : mean over projected years with a gap of the share of the investment gap the BPD
        can finance at most.
    gap_share_max : the largest such share in any year; gap_share_max_year its year.
    gap_share_target_year : the share in ``target_year - 1``.
    max_growth_all, max_reason_all, max_year_all : the same with every financing source at its maximum
        (the own BPD, other banks, PMA + PMDN, the budget).
    public_rate, public_budgeted, public_rate_full : the extra public investment that alone would reach
        the target, in ``target_year - 1``: share of GRDP spent, Rp bn budgeted, and the share at full
        efficiency; public_cap : the capital spending the provincial budget allows that year (NaN: not known).
    meets_target : the baseline already meets the target path in every projected year (no gap).
    """

    projection: ProjectionFacts
    required_investment_rate: float
    icor: float
    icor_investment_rate: float
    required_bpd_credit: float
    required_deposits: float
    required_credit_growth: float
    grdp_nominal_target_year: float
    required_credit_to_grdp: float
    injection_total: float
    injection_to_target: float
    tfp_required_target_year: float
    tfp_required_mean: float
    n_infeasible: int
    n_years: int
    first_reason: str
    first_infeasible_year: int | None
    max_growth: float
    max_reason: str
    max_year: int
    gap_share_mean: float
    gap_share_max: float
    gap_share_max_year: int | None
    gap_share_target_year: float
    meets_target: bool
    max_growth_all: float = math.nan
    max_reason_all: str = ""
    max_year_all: int = -1
    public_rate: float = math.nan
    public_budgeted: float = math.nan
    public_rate_full: float = math.nan
    public_cap: float = math.nan

    @property
    def feasible(self) -> bool:
        """Whether the requirement stays within every limit in every projected year."""
        return self.n_infeasible == 0


def projection_facts(
    rows: pd.DataFrame, *, scenario: str, code: int, name: str, target: float, target_year: int
) -> ProjectionFacts:
    """The facts of one scenario and province from its projection.csv rows (base year first)."""
    proj = rows[~rows["observed"].to_numpy(dtype=bool)]
    hit = proj[proj["growth"].to_numpy() >= target - REACH_TOL]
    bind = proj[proj["binding_constraint"] != "none"]
    return ProjectionFacts(
        scenario=scenario,
        province_code=int(code),
        province=name,
        base_year=int(rows["year"].iloc[0]),
        horizon=int(rows["year"].iloc[-1]),
        target=float(target),
        target_year=int(target_year),
        growth_now=float(rows["growth"].iloc[0]),
        investment_rate_now=float(rows["investment_rate"].iloc[0]),
        avg_growth=float(proj["growth"].mean()),
        reach_year=int(hit["year"].iloc[0]) if len(hit) else None,
        grdp_horizon=float(rows["grdp_real"].iloc[-1]),
        n_binding=len(bind),
        n_years=len(proj),
        binding_limits=tuple(dict.fromkeys(str(b) for b in bind["binding_constraint"])),
        first_binding_year=int(bind["year"].iloc[0]) if len(bind) else None,
    )


def target_facts(proj: ProjectionFacts, req: pd.DataFrame, best: pd.Series, grdp_nominal: float) -> TargetFacts:
    """The facts of one scenario and province from its target.csv rows, its max_growth.csv row and its
    nominal GRDP in the target year (projection.csv)."""
    base, goal = proj.base_year, proj.target_year
    rq = req[req["year"] > base]
    at = req[req["year"] == goal - 1].iloc[0]
    stock = req[req["year"] == goal].iloc[0]
    today = req.iloc[0]
    with np.errstate(invalid="ignore", divide="ignore"):
        credit_growth = (stock["required_bpd_credit"] / today["required_bpd_credit"]) ** (1 / max(goal - base, 1)) - 1
    # A year whose baseline already meets the target path needs nothing, so it cannot be infeasible
    # (target.csv still lists the inverse's reasons for such years, e.g. a negative loan stock).
    bad = rq[~rq["feasible"].to_numpy(dtype=bool) & (rq["investment_gap_real"].to_numpy() > 0)]
    share = rq[["year", "bpd_gap_share"]].dropna()
    gap = rq["investment_gap_real"].to_numpy()
    max_row = share.loc[share["bpd_gap_share"].idxmax()] if len(share) else None
    return TargetFacts(
        projection=proj,
        required_investment_rate=float(at["required_investment_rate"]),
        icor=float(today["historical_icor"]),
        icor_investment_rate=float(at["icor_required_investment_rate"]),
        required_bpd_credit=float(stock["required_bpd_credit"]),
        required_deposits=float(stock["required_deposits"]),
        required_credit_growth=float(credit_growth),
        grdp_nominal_target_year=float(grdp_nominal),
        required_credit_to_grdp=float(stock["required_bpd_credit"]) / float(grdp_nominal),
        injection_total=float(rq["required_capital_injection"].sum()),
        injection_to_target=float(rq.loc[rq["year"] <= goal, "required_capital_injection"].sum()),
        tfp_required_target_year=float(req.loc[req["year"] == goal, "required_tfp_growth"].iloc[0]),
        tfp_required_mean=float(rq["required_tfp_growth"].mean()),
        n_infeasible=len(bad),
        n_years=len(rq),
        first_reason=str(bad["binding_reason"].iloc[0]) if len(bad) else "none",
        first_infeasible_year=int(bad["year"].iloc[0]) if len(bad) else None,
        max_growth=float(best["max_constant_growth"]),
        max_reason=str(best["binding_reason"]),
        max_year=int(best["binding_year"]),
        gap_share_mean=float(share["bpd_gap_share"].mean()) if len(share) else math.nan,
        gap_share_max=float(max_row["bpd_gap_share"]) if max_row is not None else math.nan,
        gap_share_max_year=int(max_row["year"]) if max_row is not None else None,
        gap_share_target_year=float(at["bpd_gap_share"]) if not pd.isna(at["bpd_gap_share"]) else math.nan,
        meets_target=bool(np.all(gap[:-1] <= 0)) if len(gap) > 1 else True,
        public_rate=float(at.get("required_public_investment_rate", math.nan)),
        public_budgeted=float(at.get("required_public_investment", math.nan)),
        public_rate_full=float(at.get("required_public_investment_rate_full_efficiency", math.nan)),
        public_cap=float(at.get("public_capital_spending_cap", math.nan)),
        max_growth_all=float(best.get("max_constant_growth_all_sources", math.nan)),
        max_reason_all=str(best.get("binding_reason_all_sources", "")),
        max_year_all=int(best.get("binding_year_all_sources", -1)),
    )
