"""The methodology appendix, the estimation results and the limitations, generated from what was run.

The calibration window, the capital-output-ratio method, the labour-growth method, the ICOR window and
the target path are read from the config (``cfg.calibration``, ``cfg.target``) and the calibration
(``setup.calibration``), so the text says what this run did.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pandas as pd

from growth8.i18n import has, period
from growth8.report.content.context import Context, join
from growth8.report.model import Block, Column, Paragraph, Table

if TYPE_CHECKING:
    from growth8.estimation import EstimationResult

#: The model's equations (notation, not words: the same in every language).
EQUATIONS = """capf_t    = (1 - delta) + s_t / ky_t                      K_{t+1} / K_t
capf_G,t  = (1 - delta_G) + theta s_G,t / kg_t               K_G,{t+1} / K_G,t (LTGM-PC)
1 + g_t   = (1 + g_A) capf_t^(alpha - phi) capf_G,t^phi (1 + g_L)^(1 - alpha)
ky_{t+1}  = ky_t capf_t / (1 + g_t),   kg_{t+1} = kg_t capf_G,t / (1 + g_t),   Y_{t+1} = Y_t (1 + g_t)
N_t       = C_t - C_{t-1};   X_t = kappa (N_t - N_t^base) / P_t + X_t^OB + X_t^PMA+PMDN + X_t^APBD+APBN
s_t       = s_t^base + X_t / Y_t;   kappa = productive_share x investment_share x additionality x in-province share
C_t <= D_t (1 - gwm - plm) + other_funding_t + E_t;   C_t <= E_t / (car_min x risk_weight)
capf*_t   = ((1 + g*_t) / ((1 + g_A)(1 + g_L)^(1 - alpha) capf_G^phi))^(1/(alpha - phi))
s*_t      = max( ky_t (capf*_t - (1 - delta)), s_t^base )
s_ICOR    = ICOR x g*"""

#: National K/Y estimates quoted in the limitations (data/published.csv keys), lowest and highest.
KY_RANGE_KEYS = ("ky_fad", "ky_pwt110")


def _years_of(ctx: Context, field: str) -> list[int]:
    """Every year any province's calibrated mean of ``field`` was taken over."""
    return sorted({int(y) for p in ctx.calibration.provinces for y in getattr(p, field)})


def icor_window(ctx: Context) -> str:
    """The years the historical ICOR (mean I/Y over mean growth) was taken over, across provinces."""
    return ctx.window_of(_years_of(ctx, "investment_rate_years") + _years_of(ctx, "recent_growth_years"))


def _ky_sentence(ctx: Context, window: str) -> str:
    spec = ctx.cfg.calibration
    cal = ctx.calibration
    if "capital_output_ratio_initial" in spec.estimated:
        return ctx.t("report.method.ky.estimated")
    if cal.ky_method == "steady_state" and cal.near_term is not None:
        return ctx.t("report.method.ky.steady_state_trend")
    if cal.ky_method == "steady_state":
        return ctx.t("report.method.ky.steady_state", window=window)
    if cal.ky_method == "number":
        return ctx.t("report.method.ky.number", value=ctx.num(cal.published_ky or math.nan, 2))
    return ctx.t("report.method.ky.published", key=cal.ky_method, value=ctx.num(cal.published_ky or math.nan, 2))


def _labour_sentence(ctx: Context) -> str:
    spec = ctx.cfg.calibration
    key = f"report.method.labour.{spec.labour_growth}"
    return ctx.t(key, window=period(*spec.labour_window)) if has(key) else ""


def _target_sentence(ctx: Context) -> str:
    spec = ctx.cfg.target
    growth = ctx.pct(spec.growth)
    if spec.path == "constant":
        start = spec.start if spec.start is not None else ctx.first_year + 1
        return ctx.t("report.method.target.constant", growth=growth, start=start, horizon=ctx.horizon)
    if spec.path == "average":
        lo, hi = spec.window if spec.window is not None else (ctx.first_year, ctx.horizon)
        return ctx.t("report.method.target.average", growth=growth, window=period(lo, hi))
    return ctx.t(
        "report.method.target.ramp", first_year=ctx.first_year, growth=growth, year=spec.by, horizon=ctx.horizon
    )


def _tfp_sentence(ctx: Context, window: str) -> str:
    cal = ctx.calibration
    if "tfp_growth" in ctx.cfg.calibration.estimated:
        return ctx.t("report.method.tfp.estimated")
    if cal.near_term is not None:
        return ctx.t(
            "report.method.tfp.near_term",
            years=period(cal.near_term.years[0], cal.near_term.years[-1]),
            national=ctx.pct(cal.national_tfp_growth),
            half_life=ctx.num(ctx.cfg.calibration.convergence_half_life, 0),
        )
    return ctx.t("report.method.tfp.residual", window=window)


def method_blocks(ctx: Context) -> list[Block]:
    """The model, its equations, and how this run was calibrated."""
    spec = ctx.cfg.calibration
    window = period(*spec.window)
    near = ctx.calibration.near_term is not None
    calibration = [
        ctx.t(
            "report.method.calibration.near_term" if near else "report.method.calibration",
            window=window,
            base_year=ctx.base_year,
        ),
        _ky_sentence(ctx, window),
        _tfp_sentence(ctx, window),
        _labour_sentence(ctx),
        ctx.t("report.method.human_capital.schooling") if spec.human_capital == "schooling" else "",
        ctx.t("report.method.overrides"),
    ]
    blocks: list[Block] = [
        Paragraph(ctx.t("report.method.intro")),
        Paragraph(EQUATIONS, "code"),
        Paragraph(" ".join(s for s in calibration if s)),
        Paragraph(ctx.t("report.method.icor", window=icor_window(ctx)) + " " + _target_sentence(ctx)),
    ]
    mc = ctx.inputs.uncertainty
    if mc is not None:
        names = join([ctx.param_title(p) for p in ctx.cfg.uncertainty.parameters], ctx.lang)
        blocks.append(
            Paragraph(ctx.t("report.method.montecarlo", draws=ctx.num(mc.draws, 0), seed=mc.seed, parameters=names))
        )
    blocks.append(Paragraph(ctx.t("report.method.no_recompute")))
    return blocks


def _spec_name(ctx: Context, name: str, lag: int) -> str:
    key = f"report.estimation.spec.{name}"
    return ctx.t("report.estimation.spec_row", name=ctx.t(key) if has(key) else name, lag=lag)


def estimation_blocks(ctx: Context, est: EstimationResult) -> list[Block]:
    """The credit-growth regressions and the kappa they imply."""
    recs = []
    for name, fit in (("main", est.credit), *est.alternatives):
        recs.append(
            {
                "spec": _spec_name(ctx, name, fit.lag),
                "coef": fit.coef,
                "se": fit.se,
                "ci": ctx.t("report.estimation.ci", low=ctx.num(fit.ci_low, 3), high=ctx.num(fit.ci_high, 3)),
                "pvalue": fit.pvalue,
                "nobs": fit.nobs,
            }
        )
    cols = (
        Column("spec", ctx.t("report.col.spec")),
        Column("coef", ctx.t("report.col.coef"), "", "num", 3),
        Column("se", ctx.t("report.col.se"), "", "num", 3),
        Column("ci", ctx.t("report.col.ci")),
        Column("pvalue", ctx.t("report.col.pvalue"), "", "num", 3),
        Column("nobs", ctx.t("report.col.nobs"), "", "int"),
    )
    c, k = est.credit, est.kappa
    text = ctx.t(
        "report.estimation.text",
        coef=ctx.num(c.coef, 3),
        se=ctx.num(c.se, 3),
        nobs=c.nobs,
        n_provinces=c.n_provinces,
        period=period(c.years[0], c.years[-1]),
        kappa=ctx.num(k["kappa_equiv"], 2),
        low=ctx.num(k["kappa_equiv_ci_low"], 2),
        high=ctx.num(k["kappa_equiv_ci_high"], 2),
        model_kappa=ctx.num(k["model_kappa"], 3),
    )
    power = ctx.t(
        "est.power.below" if k["model_kappa"] < k["kappa_detectable"] else "est.power.above",
        beta=ctx.num(k["beta_detectable"], 4),
        kappa=ctx.num(k["kappa_detectable"], 2),
        model=ctx.num(k["model_kappa"], 4),
    )
    text = f"{text} {power}"
    table = Table(
        "estimation",
        ctx.t("report.estimation.table"),
        cols,
        pd.DataFrame(recs),
        widths=(2.6, 1, 1, 1.6, 0.8, 0.6),
        sheet=ctx.t("xlsx.sheet.estimation"),
    )
    return [Paragraph(text), table]


def _ky_range(ctx: Context) -> tuple[float, float] | None:
    panel = ctx.panel
    if panel is None:
        return None
    if not set(KY_RANGE_KEYS) <= set(panel.published["key"]):
        return None
    values = sorted(float(panel.published_value(k)) for k in KY_RANGE_KEYS)
    return values[0], values[-1]


def _series_years(ctx: Context, series_id: str) -> tuple[int, int] | None:
    panel = ctx.panel
    if panel is None:
        return None
    cat = panel.catalog().set_index("series_id")
    if series_id not in cat.index:
        return None
    return int(cat.at[series_id, "first_year"]), int(cat.at[series_id, "last_year"])


def limitation_blocks(ctx: Context) -> list[Block]:
    """What the results cannot say: causality, breaks in the data, BPD figures, calibration, scenarios."""
    items = [ctx.t("report.limits.causality")]
    credit, pmtb = _series_years(ctx, "credit_all_banks"), _series_years(ctx, "pmtb_nominal")
    if credit and pmtb:
        items.append(ctx.t("report.limits.data_breaks", credit_last=credit[1], pmtb_period=period(*pmtb)))
    items.append(ctx.t("report.limits.bpd_data", base_year=ctx.base_year))
    window = period(*ctx.cfg.calibration.window)
    ky = _ky_range(ctx)
    near = ctx.calibration.near_term
    if ky is not None and near is not None:
        years = period(near.years[0], near.years[-1])
        items.append(
            ctx.t("report.limits.calibration_near_term", years=years, low=ctx.num(ky[0], 2), high=ctx.num(ky[1], 2))
        )
    elif ky is not None:
        items.append(
            ctx.t("report.limits.calibration_range", window=window, low=ctx.num(ky[0], 2), high=ctx.num(ky[1], 2))
        )
    else:
        items.append(ctx.t("report.limits.calibration", window=window))
    if len(ctx.scenarios) > 1:
        items.append(ctx.t("report.limits.scenarios", base=ctx.scenario_label(ctx.base_scenario)))
    return [Paragraph(text, "bullet") for text in items]
