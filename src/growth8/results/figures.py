"""The charts of a projection and of a target: built once from the result objects, used by ``plot()`` and
by the report (which embeds the same specs). Titles, axis labels and legends come from the catalogue.

History lines come from the panel the projection ran on; the observed investment rate is the
calibration's mean over its window, never recomputed from the data.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from growth8.figures.spec import COLORS, ChartPanel, Figure, Series
from growth8.i18n import percent, period, t

if TYPE_CHECKING:
    from growth8.data import Panel
    from growth8.results.projection import ProjectionResult
    from growth8.results.target import TargetResult
    from growth8.results.uncertainty import UncertaintyResult

#: First year of the observed history drawn before the projection.
HISTORY_FROM = 2011


def history(panel: Panel | None, code: int, series_id: str, first: int = HISTORY_FROM) -> pd.Series:
    """Observed values of one series for one province from ``first`` on (empty when the panel lacks it)."""
    if panel is None or series_id not in set(panel.series["series_id"]):
        return pd.Series(dtype=float)
    wide = panel.wide(series_id)
    if code not in wide.columns:
        return pd.Series(dtype=float)
    s = wide[code].dropna()
    return s[s.index >= first]


def xy(frame: pd.DataFrame, col: str, scale: float = 1.0) -> tuple[tuple[float, ...], tuple[float, ...]]:
    return tuple(float(x) for x in frame["year"]), tuple(float(v) * scale for v in frame[col])


def _width(i: int) -> float:
    return 2.8 - 1.1 * min(i, 1)


def _rows(table: pd.DataFrame, scenario: str, code: int) -> pd.DataFrame:
    return table[(table["scenario"] == scenario) & (table["province_code"] == code)]


def paths_figure(
    projection: ProjectionResult,
    code: int,
    lang: str,
    *,
    target: TargetResult | None = None,
    uncertainty: UncertaintyResult | None = None,
    label_prefix: str = "",
) -> Figure:
    """Real GRDP and growth of every scenario against the province's target path, with history.

    With ``target`` the GRDP panel also draws the GRDP path the target implies; with ``uncertainty``
    the growth panel draws each scenario's Monte Carlo median and its 5-95% and 10-90% bands.
    """
    cfg = projection.setup.config
    scens = projection.setup.scenarios
    base_year = int(projection.years[0])
    name = projection.province_names[projection.setup.provinces.index(code)]
    proj = projection.table()
    level = percent(cfg.province_targets[code].growth, 0, lang)
    observed = t("chart.observed", lang)

    def label(s: str) -> str:
        return label_prefix + cfg.scenario_label(s, lang)

    grdp: list[Series] = []
    hist = history(projection.panel, code, "grdp_real")
    if len(hist):
        grdp.append(
            Series(observed, tuple(map(float, hist.index)), tuple(float(v) * 1e-3 for v in hist), color="#000000")
        )
    for i, s in enumerate(scens):
        x, y = xy(_rows(proj, s, code), "grdp_real", 1e-3)
        grdp.append(Series(label(s), x, y, color=COLORS[i % len(COLORS)], width=_width(i)))
    if target is not None:
        x, y = xy(_rows(target.table(), scens[0], code), "grdp_real", 1e-3)
        grdp.append(Series(t("chart.target_path", lang, target=level), x, y, style="dashed", color="#444444"))
    grdp_panel = ChartPanel(
        t("chart.grdp.title", lang), t("chart.unit.rp_tn_2010", lang), "num", series=tuple(grdp), vline=base_year
    )
    growth: list[Series] = []
    hist = history(projection.panel, code, "grdp_growth")
    if len(hist):
        growth.append(Series(observed, tuple(map(float, hist.index)), tuple(map(float, hist)), color="#000000"))
    quantiles = uncertainty.quantiles() if uncertainty is not None else None
    for i, s in enumerate(scens):
        color = COLORS[i % len(COLORS)]
        if quantiles is not None:
            q = _rows(quantiles, s, code)
            q = q[q["variable"] == "growth"].sort_values("year")
            if len(q):
                bands = (
                    (tuple(map(float, q["p05"])), tuple(map(float, q["p95"])), t("chart.band", lang, low=5, high=95)),
                    (tuple(map(float, q["p10"])), tuple(map(float, q["p90"])), t("chart.band", lang, low=10, high=90)),
                )
                qx = tuple(float(v) for v in q["year"])
                growth.append(
                    Series(
                        t("chart.median", lang, scenario=label(s)),
                        qx,
                        tuple(map(float, q["p50"])),
                        style="dotted",
                        color=color,
                        bands=bands,
                    )
                )
        rows = _rows(proj, s, code)
        x, y = xy(rows[~rows["observed"]], "growth")
        growth.append(Series(label(s), x, y, color=color, width=_width(i)))
    x, y = xy(_rows(proj, scens[0], code), "target_growth")
    growth.append(Series(t("chart.target", lang), x, y, style="dashed", color="#444444"))
    growth_panel = ChartPanel(t("chart.growth.title", lang), "%", "pct", series=tuple(growth), vline=base_year)
    return Figure(
        f"paths_{code}", t("chart.paths.title", lang, province=name), (grdp_panel, growth_panel), ncols=2, height=3.0
    )


def investment_figure(target: TargetResult, code: int, lang: str, *, label_prefix: str = "") -> Figure:
    """The investment rate the target needs against the baseline's and the ICOR view; BPD loans against
    their funding and CAR limits in the last scenario (the push, when there is one)."""
    projection = target.projection
    cfg = target.setup.config
    scens = target.setup.scenarios
    base_year = int(projection.years[0])
    name = projection.province_names[projection.setup.provinces.index(code)]
    cal = target.setup.calibration.provinces[target.setup.provinces.index(code)]

    def label(s: str) -> str:
        return label_prefix + cfg.scenario_label(s, lang)

    rate: list[Series] = []
    years = tuple(float(y) for y in cal.investment_rate_years)
    if years:
        span = period(int(min(years)), int(max(years)))
        rate.append(
            Series(
                t("chart.observed_mean", lang, period=span),
                years,
                tuple(float(cal.investment_rate) for _ in years),
                color="#000000",
                marker="o",
            )
        )
    req = _rows(target.table(), scens[0], code)
    lines: Sequence[tuple[str, str, str, str]] = (
        ("required_investment_rate", t("chart.iy.required", lang), "solid", COLORS[1]),
        ("baseline_investment_rate", t("chart.iy.scenario", lang, scenario=label(scens[0])), "solid", COLORS[0]),
        ("icor_required_investment_rate", t("chart.iy.icor", lang), "dashed", COLORS[2]),
    )
    for col, text, style, color in lines:
        x, y = xy(req, col)
        rate.append(Series(text, x, y, style=style, color=color))  # type: ignore[arg-type]
    rate_panel = ChartPanel(
        t("chart.iy.title", lang), t("report.unit.pct_grdp", lang), "pct", series=tuple(rate), vline=base_year
    )
    last = scens[-1]
    rows = _rows(projection.table(), last, code)
    credit: list[Series] = []
    for col, key, style, color in (
        ("bpd_credit", "chart.credit.planned", "dotted", COLORS[0]),
        ("bpd_credit_feasible", "chart.credit.feasible", "solid", COLORS[0]),
        ("funding_limit", "chart.credit.funding", "dashed", COLORS[1]),
        ("car_limit", "chart.credit.car", "dashdot", COLORS[2]),
    ):
        x, y = xy(rows, col, 1e-3)
        credit.append(Series(t(key, lang), x, y, style=style, color=color))  # type: ignore[arg-type]
    credit_panel = ChartPanel(
        t("chart.credit.title", lang, scenario=label(last)),
        t("chart.unit.rp_tn_current", lang),
        "num",
        series=tuple(credit),
        vline=base_year,
    )
    return Figure(
        f"invest_{code}",
        t("chart.invest.title", lang, province=name, scenario=label(last)),
        (rate_panel, credit_panel),
        ncols=2,
        height=3.0,
    )


def draw(spec: Figure, lang: str) -> object:
    """The matplotlib Figure of a chart spec with its title on top (what ``plot()`` returns; the report
    prints the title as a caption instead)."""
    from growth8.figures.draw import render

    fig = render(spec, lang)
    fig.suptitle(spec.title, fontsize=10, fontweight="bold")
    fig.tight_layout()
    return fig


def province_code(projection: ProjectionResult, province: int | str | None) -> int:
    """The BPS code of ``province`` (a code, name or slug; default: the first province of the result)."""
    codes = projection.setup.provinces
    if province is None:
        return int(codes[0])
    code = projection.panel.province(province) if projection.panel is not None else int(province)
    if code not in codes:
        from growth8.errors import InputError, Problem, suggestion

        raise InputError(
            [
                Problem.of(
                    "option.province_not_in_result",
                    key="province",
                    name=province,
                    hint=suggestion(str(province), projection.province_names),
                )
            ]
        )
    return int(code)
