"""The charts of a projection and of a target: built once from the result objects, used by ``plot()`` and
by the report (which embeds the same specs). Titles, axis labels and legends come from the catalogue.

History lines come from the panel the projection ran on; the observed investment rate is the
calibration's mean over its window, never recomputed from the data.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import pandas as pd

from growth8.figures.spec import COLORS, ChartPanel, Figure, Series, StackedBars
from growth8.i18n import date_text, number, percent, period, rupiah, t

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


def source_line(lang: str, data: Sequence[str], model: Sequence[str], credits: Sequence[str] = ()) -> str:
    """The sources of a chart, ``BPS (PDRB ADHK 2010), OJK; proyeksi growth8`` (catalogue keys
    ``chart.source.*``: ``data`` the publishers, ``model`` what growth8 computed from them, ``credits`` what
    else the chart draws on, each its own part: a map's outlines and their licence); the report prints it
    after "Sumber:" (``report.figure.source``)."""
    parts = [
        ", ".join(t(f"chart.source.{k}", lang) for k in data),
        ", ".join(t(f"chart.source.{k}", lang) for k in model),
        *(t(f"chart.source.{k}", lang) for k in credits),
    ]
    return "; ".join(p for p in parts if p)


def plan_period(text: str) -> str:
    """A plan's years as the reports print them: ``2025-2029`` -> ``2025–2029``."""
    first, _, last = str(text).partition("-")
    return period(int(first), int(last)) if first.isdigit() and last.isdigit() else str(text)


def plan_sources(panel: Panel | None, code: int) -> list[str]:
    """The ``chart.source.*`` keys of the plans :func:`plan_target_series` draws for ``code``."""
    if panel is None:
        return []
    national, own = panel.plan_targets(None, "rpjmn"), panel.plan_targets(code, "rpjmd")
    return [k for k, d in (("rpjmn", national), ("rpjmd", own)) if len(d)]


def plan_target_series(panel: Panel | None, code: int, name: str, lang: str) -> list[Series]:
    """Markers of the planned growth the data hold (``growth_targets.csv``): the national RPJMN path and the
    province's RPJMD targets, each labelled with its plan; none where the data have no target."""
    if panel is None:
        return []
    out: list[Series] = []
    for frame, key, marker, color in (
        (panel.plan_targets(None, "rpjmn"), "chart.plan.rpjmn", "D", "#7f6000"),
        (panel.plan_targets(code, "rpjmd"), "chart.plan.rpjmd", "s", "#c00000"),
    ):
        for per, rows in frame.groupby("period", sort=True):
            label = t(key, lang, period=plan_period(str(per)), province=name)
            x = tuple(float(v) for v in rows["target_year"])
            y = tuple(float(v) for v in rows["value"])
            out.append(Series(label, x, y, style="none", color=color, marker=marker, marker_size=4.5))
    return out


def growth_message(
    name: str, target: float, horizon: int, reach: Sequence[tuple[str, int | None, float]], lang: str
) -> str:
    """What a province's growth chart says: the first scenario to reach ``target`` and when, else that growth
    stays below it to ``horizon`` (with the highest projected growth). ``reach``: (scenario label, first year at
    the target or None, highest projected growth) per scenario."""
    level = percent(target, 0, lang)
    reached = [(year, label) for label, year, _ in reach if year is not None]
    if reached:
        year, label = min(reached)
        return t("chart.msg.paths.reach", lang, province=name, target=level, year=year, scenario=label)
    best, label = max((g, label) for label, _, g in reach)
    return t(
        "chart.msg.paths.below",
        lang,
        province=name,
        target=level,
        horizon=horizon,
        best=percent(best, 1, lang),
        scenario=label,
    )


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
    the growth panel draws one 10-90% Monte Carlo band per scenario in the scenario's colour, named in the
    legend: the first scenario's filled lightly, the others' as dashed edges (so that the fans never blend).
    The growth panel marks the RPJMN and RPJMD targets the data hold.
    """
    cfg = projection.setup.config
    scens = projection.setup.scenarios
    base_year = int(projection.years[0])
    horizon = int(projection.years[-1])
    name = projection.province_names[projection.setup.provinces.index(code)]
    proj = projection.table()
    goal = cfg.province_targets[code].growth
    level = percent(goal, 0, lang)
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
    reach: list[tuple[str, int | None, float]] = []
    for i, s in enumerate(scens):
        color = COLORS[i % len(COLORS)]
        rows = _rows(proj, s, code)
        x, y = xy(rows[~rows["observed"]], "growth")
        bands: tuple[tuple[tuple[float, ...], tuple[float, ...], str], ...] = ()
        if quantiles is not None:
            q = _rows(quantiles, s, code)
            q = q[q["variable"] == "growth"].set_index("year").reindex([int(v) for v in x])
            if len(q) and q["p10"].notna().all():
                band = t("chart.band", lang, scenario=label(s), low=10, high=90)
                bands = ((tuple(map(float, q["p10"])), tuple(map(float, q["p90"])), band),)
        growth.append(Series(label(s), x, y, color=color, width=_width(i), bands=bands, band_fill=i == 0))
        reach.append((label(s), projection.facts()[(s, code)].reach_year, max(y) if y else float("nan")))
    x, y = xy(_rows(proj, scens[0], code), "target_growth")
    growth.append(Series(t("chart.target_level", lang, target=level), x, y, style="dashed", color="#444444"))
    plans = plan_target_series(projection.panel, code, name, lang)
    growth.extend(plans)
    growth_panel = ChartPanel(
        t("chart.growth.title", lang), t("chart.unit.growth", lang), "pct", series=tuple(growth), vline=base_year
    )
    model = ["projection", *(["montecarlo"] if quantiles is not None else [])]
    data = ["bps_grdp", *plan_sources(projection.panel, code)]
    return Figure(
        f"paths_{code}",
        t("chart.paths.title", lang, province=name),
        (grdp_panel, growth_panel),
        ncols=2,
        height=3.2,
        message=growth_message(name, goal, horizon, reach, lang),
        source=source_line(lang, data, model),
    )


def investment_ceiling(target: TargetResult, code: int, scenario: str) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The investment-rate ceiling the target solver uses (``investment_rate_max``, at most 100% of GRDP: the
    inverse's ``investment_ceiling`` reason), per year of the target table."""
    setup = target.setup
    cap = setup.values["investment_rate_max"][setup.scenarios.index(scenario), setup.provinces.index(code)]
    years = [int(v) for v in setup.years]
    rows = _rows(target.table(), scenario, code)
    x = tuple(float(v) for v in rows["year"])
    return x, tuple(min(float(cap[years.index(int(v))]), 1.0) for v in x)


def axis_top(values: Sequence[float], context: Sequence[float], room: float = 1.25) -> float | None:
    """Where a y-axis of shares should stop: None when every value fits within ``room`` times the highest of
    ``context`` (the ceiling, the observed and baseline rates), else that, rounded up to the next 10 points."""
    finite = [v for v in values if math.isfinite(v)]
    ref = [v for v in context if math.isfinite(v)]
    if not finite or not ref:
        return None
    top = room * max(ref)
    return None if max(finite) <= top else math.ceil(top * 10.0 - 1e-9) / 10.0


def investment_figure(target: TargetResult, code: int, lang: str, *, label_prefix: str = "") -> Figure:
    """The investment rate the target needs against the baseline's, the ICOR view and the plausible ceiling
    (``investment_rate_max``); BPD loans against their funding and CAR limits in the last scenario (the push,
    when there is one). The rate axis stops a little above the ceiling; a requirement above it is marked."""
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
    cx, cy = investment_ceiling(target, code, scens[0])
    ceiling_text = percent(max(cy), 1, lang)
    if len(set(cy)) > 1:  # a ceiling set by year in the config
        ceiling_text = t("chart.iy.ceiling_range", lang, low=percent(min(cy), 1, lang), high=ceiling_text)
    rate.append(Series(t("chart.iy.ceiling", lang, value=ceiling_text), cx, cy, style="dashdot", color="#c00000"))
    needed = rate[1 if years else 0].y
    context = [v for s in rate if s.y is not needed for v in s.y]
    top = axis_top([v for s in rate for v in s.y], context)
    rate_panel = ChartPanel(
        t("chart.iy.title", lang),
        t("report.unit.pct_grdp", lang),
        "pct",
        series=tuple(rate),
        vline=base_year,
        y_max=top,
        above_label=t("chart.above_axis", lang) if top is not None else "",
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
        height=3.2,
        message=investment_message(target, code, lang, needed, cx, cy),
        source=source_line(lang, ["bps_pmtb", "ojk"], ["projection", "target"]),
    )


def investment_message(
    target: TargetResult,
    code: int,
    lang: str,
    needed: Sequence[float],
    years: Sequence[float],
    ceiling: Sequence[float],
) -> str:
    """What the investment chart says: the rate the target needs in the year before the target year, and
    from when it is above the ceiling (or that it stays within it; or that the baseline already suffices)."""
    scen = target.setup.scenarios[0]
    f = target.facts()[(scen, code)]
    p = f.projection
    level = percent(p.target, 0, lang)
    if f.meets_target:
        return t("chart.msg.invest.met", lang, province=p.province, target=level)
    above = [int(x) for x, v, c in zip(years, needed, ceiling, strict=True) if math.isfinite(v) and v > c]
    values = dict(zip((int(x) for x in years), ceiling, strict=True))
    year = p.target_year - 1
    common = {
        "province": p.province,
        "target": level,
        "rate": percent(f.required_investment_rate, 1, lang),
        "year": year,
        "ceiling": percent(values.get(year, max(ceiling)), 1, lang),
    }
    if above:
        return t("chart.msg.invest.above", lang, first=min(above), **common)
    return t("chart.msg.invest.within", lang, **common)


#: Colours of the sources of growth (growth8.model.solow.GROWTH_SOURCES order).
SOURCE_COLORS = ("#1f4e79", "#9dc3e6", "#548235", "#a9d18e", "#c55a11")


def period_means(frame: pd.DataFrame, columns: Sequence[str], periods: Sequence[tuple[int, int]]) -> pd.DataFrame:
    """Means of ``columns`` over each (first, last) year range of ``periods`` (rows indexed by the range)."""
    rows = {p: frame[(frame["year"] >= p[0]) & (frame["year"] <= p[1])][list(columns)].mean() for p in periods}
    return pd.DataFrame(rows).T


def decomposition_periods(decomposition: pd.DataFrame, target_year: int) -> list[tuple[int, int]]:
    """The year ranges a decomposition is summarised over: the observed years, the years to the target
    year, and the years after it to the horizon (empty ranges dropped)."""
    observed = decomposition.loc[decomposition["observed"], "year"]
    projected = decomposition.loc[~decomposition["observed"], "year"]
    out = []
    if len(observed):
        out.append((int(observed.min()), int(observed.max())))
    if len(projected):
        first, last = int(projected.min()), int(projected.max())
        out.append((first, min(target_year, last)))
        if target_year < last:
            out.append((target_year + 1, last))
    return out


def decomposition_figure(projection: ProjectionResult, code: int, lang: str, scenario: str | None = None) -> Figure:
    """Sources of growth of one province and scenario (default the first): stacked contributions of
    private capital, public capital, labour, human capital and TFP by year, observed and projected, with
    the growth they add up to (:meth:`ProjectionResult.growth_decomposition`)."""
    from growth8.model.solow import GROWTH_SOURCES

    scenario = scenario or projection.setup.scenarios[0]
    name = projection.province_names[projection.setup.provinces.index(code)]
    table = _rows(projection.growth_decomposition(), scenario, code)
    x = tuple(float(v) for v in table["year"])
    layers = tuple(  # in percentage points
        (t(f"chart.decomp.{k}", lang), tuple(100.0 * float(v) for v in table[f"{k}_contribution"]))
        for k in GROWTH_SOURCES
    )
    total = tuple(100.0 * float(v) for v in table["growth"])
    stacked = StackedBars(x, layers, total, t("chart.decomp.total", lang), SOURCE_COLORS)
    observed = table[table["observed"]]
    panel = ChartPanel(
        t("chart.decomp.panel", lang, scenario=projection.setup.config.scenario_label(scenario, lang)),
        t("chart.unit.growth_points", lang),
        "num",
        stacked=stacked,
        vline=float(observed["year"].max()) + 0.5 if len(observed) else None,
    )
    target_year = projection.target_year(code)
    periods = decomposition_periods(table, target_year)
    first_projected = int(table.loc[~table["observed"], "year"].min())
    first, last = next(p for p in periods if p[0] == first_projected)  # the years to the target year
    row = period_means(table, ["growth", *(f"{k}_contribution" for k in GROWTH_SOURCES)], [(first, last)]).iloc[0]
    share = row["tfp_contribution"] / row["growth"] if row["growth"] else float("nan")

    def pp(value: float) -> str:
        return number(100.0 * value, 1, lang) + " " + t("unit.pp", lang)

    message = t(
        "chart.msg.decomp",
        lang,
        province=name,
        years=period(first, last),
        growth=percent(float(row["growth"]), 1, lang),
        capital=pp(float(row["capital_contribution"] + row["public_capital_contribution"])),
        tfp=pp(float(row["tfp_contribution"])),
        share=percent(float(share), 0, lang),
    )
    data = ["bps_pmtb", "bps_labour"]
    return Figure(
        f"decomposition_{code}",
        t("chart.decomp.title", lang, province=name),
        (panel,),
        1,
        3.0,
        note=t("chart.decomp.note", lang, years=period(*periods[0]) if len(observed) else ""),
        message=message,
        source=source_line(lang, data, ["projection"]),
    )


#: The panels of :func:`bank_indicators_figure`: (holder, panel key, indicator codes, y kind, scale).
BANK_PANELS: tuple[tuple[str, str, tuple[str, ...], Literal["pct", "num"], float], ...] = (
    ("bpd", "bpd_amounts", ("credit", "deposits", "core_capital"), "num", 1e-3),
    ("bpd", "bpd_ratios", ("ldr", "car", "npl"), "pct", 1.0),
    ("sector", "sector_amounts", ("credit", "deposits"), "num", 1e-3),
)


def latest_bank_indicators(indicators: pd.DataFrame) -> pd.DataFrame:
    """The latest dated value of each holder and indicator (every release of that date where they conflict)."""
    if indicators.empty:
        return indicators
    last = indicators.groupby(["holder", "indicator"])["date"].transform("max")
    return indicators[indicators["date"] == last].reset_index(drop=True)


def _lower_first(text: str) -> str:
    """``Modal inti`` -> ``modal inti`` inside a sentence; ``LDR`` stays."""
    return text[:1].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


def bank_indicators_figure(panel: Panel, code: int, name: str, bank: str | None, lang: str) -> Figure | None:
    """The own BPD's loans, deposits and core capital, its LDR, CAR and NPL, and the province's bank loans and
    deposits, at the dates they were published (:meth:`growth8.data.Panel.bank_indicators`); releases that
    conflict with another are drawn as crosses. None when the data hold none."""
    frame = panel.bank_indicators(code, bank)
    if frame.empty:
        return None
    own = bank is not None and (frame["holder"] == "bpd").any()  # else the province's banks only
    bank = bank or t("chart.bank.no_bpd", lang)
    panels = []
    for holder, key, codes, kind, scale in BANK_PANELS:
        rows = frame[(frame["holder"] == holder) & frame["indicator"].isin(codes)]
        series: list[Series] = []
        for k, indicator in enumerate(codes):
            d = rows[rows["indicator"] == indicator]
            if d.empty:
                continue
            color = COLORS[k % len(COLORS)]
            label = t(f"chart.bank.{indicator}", lang)
            clean = d[~d["flag"].fillna("").str.contains("conflict")]
            if len(clean):
                x, y = tuple(map(float, clean["date"])), tuple(float(v) * scale for v in clean["value"])
                series.append(Series(label, x, y, style="dotted", color=color, width=0.8, marker="o"))
            odd = d[d["flag"].fillna("").str.contains("conflict")]
            if len(odd):
                x, y = tuple(map(float, odd["date"])), tuple(float(v) * scale for v in odd["value"])
                series.append(Series(label, x, y, style="none", color=color, marker="x", marker_size=5))
                series.append(Series(t("chart.bank.conflict", lang), x, y, style="none", color="#444444", marker="x"))
        if series:
            unit = t("chart.unit.rp_tn_current", lang) if kind == "num" else "%"
            title = t(f"chart.bank.{key}", lang, bank=bank, province=name)
            panels.append(ChartPanel(title, unit, kind, series=tuple(series)))
    latest = latest_bank_indicators(frame)
    parts: dict[str, list[str]] = {"bpd": [], "sector": []}
    for holder, indicator in (("bpd", "ldr"), ("bpd", "npl"), ("bpd", "core_capital"), ("sector", "credit")):
        row = latest[(latest["holder"] == holder) & (latest["indicator"] == indicator)]
        if row.empty:
            continue
        value = float(row["value"].iloc[0])
        shown = percent(value, 1, lang) if indicator in ("ldr", "npl", "car") else rupiah(value, lang)
        words = _lower_first(t(f"chart.bank.{indicator}", lang))
        date = date_text(str(row["as_of"].iloc[0]), lang)
        parts[holder].append(t("chart.msg.bank.item", lang, indicator=words, value=shown, date=date))
    items = {holder: "; ".join(found) for holder, found in parts.items()}
    if items["bpd"] and items["sector"]:
        message = t("chart.msg.bank.both", lang, bank=bank, province=name, items=items["bpd"], sector=items["sector"])
    elif items["bpd"]:
        message = t("chart.msg.bank", lang, bank=bank, items=items["bpd"])
    else:
        message = t("chart.msg.bank_sector", lang, province=name, items=items["sector"]) if items["sector"] else ""
    return Figure(
        f"bank_{code}",
        t("chart.bank.title" if own else "chart.bank.title_sector", lang, bank=bank, province=name),
        tuple(panels),
        ncols=min(3, len(panels)),
        height=2.8,
        note=t("chart.bank.note", lang),
        message=message,
        source=source_line(lang, ["ojk_facts"], []),
    )


def draw(spec: Figure, lang: str) -> object:
    """The matplotlib Figure of a chart spec with its title on top (what ``plot()`` returns; the report
    prints the title as a caption instead)."""
    from growth8.figures.draw import render

    fig = render(spec, lang)
    fig.suptitle(spec.message or spec.title, fontsize=10, fontweight="bold")
    if spec.source:
        fig.tight_layout(rect=(0.0, 0.04, 1.0, 1.0))
        line = t("report.figure.source", lang, source=spec.source)
        fig.text(0.01, 0.01, line, fontsize=6.5, color="#555555", ha="left", va="bottom")
    else:
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
