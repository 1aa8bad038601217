"""Figure specs: what each chart shows, with titles, axis labels and legends from the catalogue (``chart.*``).

The specs are plain data (:mod:`growth8.report.model`); :mod:`growth8.report.render.charts` draws them.
History lines come from the panel the projection ran on; the observed investment rate from the
calibration (its mean over the calibration window), never recomputed from the data.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from growth8.figures.spec import COLORS
from growth8.i18n import has, period
from growth8.report.content.context import Context
from growth8.report.model import Bars, ChartPanel, Figure, Heatmap, Series, Tornado
from growth8.results.figures import investment_figure, paths_figure, xy

if TYPE_CHECKING:
    pass

#: Sweep table columns that are not levers.
SWEEP_FIXED = frozenset(
    {
        "point",
        "scenario",
        "province_code",
        "province",
        "target_year",
        "target_growth",
        "growth_target_year",
        "mean_growth",
        "extra_investment_share",
        "reaches_target",
    }
)


def province_figures(ctx: Context, code: int) -> list[Figure]:
    """GRDP and growth paths; investment rate and BPD loans against their limits (the charts ``plot()`` draws)."""
    result = ctx.result
    return [
        paths_figure(
            result.projection, code, ctx.lang, target=result, uncertainty=ctx.inputs.uncertainty, label_prefix=ctx.label
        ),
        investment_figure(result, code, ctx.lang, label_prefix=ctx.label),
    ]


def comparison_figure(contexts: Sequence[Context], codes: Sequence[int]) -> Figure:
    """Mean projected growth per province (``codes``: in every config), one bar per (config, scenario)."""
    first = contexts[0]
    groups: list[tuple[str, tuple[float, ...]]] = []
    for ctx in contexts:
        for s in ctx.scenarios:
            groups.append((ctx.scenario_label(s), tuple(ctx.fact(s, c).projection.avg_growth for c in codes)))
    names = tuple(first.names.get(c, str(c)) for c in codes)
    span = period(first.first_year, first.horizon)
    panel = ChartPanel(
        first.t("chart.comparison.panel", period=span),
        "%",
        "pct",
        bars=Bars(names, tuple(groups), reference=first.cfg.target.growth, reference_label=first.t("chart.target")),
    )
    height = min(9.0, max(2.6, 0.14 * len(codes) * max(1, len(groups)) + 1.2))
    return Figure("comparison", first.t("chart.comparison.title", period=span), (panel,), 1, height)


def comparison_growth_figures(contexts: Sequence[Context], codes: Sequence[int]) -> list[Figure]:
    """Per province, projected growth of every (config, scenario) against the target path."""
    figs = []
    for code in codes:
        series: list[Series] = []
        target: Series | None = None
        name = ""
        k = 0
        for ctx in contexts:
            if code not in ctx.names:
                continue
            name = ctx.names[code]
            for s in ctx.scenarios:
                rows = ctx.p(s, code)
                x, y = xy(rows[~rows["observed"]], "growth")
                series.append(Series(ctx.scenario_label(s), x, y, color=COLORS[k % len(COLORS)]))
                k += 1
            if target is None:
                x, y = xy(ctx.r(ctx.base_scenario, code), "target_growth")
                target = Series(ctx.t("chart.target"), x, y, style="dashed", color="#444444")
        if target is not None:
            series.append(target)
        first = contexts[0]
        figs.append(
            Figure(
                f"cmp_{code}",
                first.t("chart.cmp_growth.title", province=name),
                (ChartPanel(first.t("chart.growth.title"), "%", "pct", series=tuple(series)),),
                1,
                2.8,
            )
        )
    return figs


def _kind(ctx: Context, name: str | None) -> str:
    """How a lever's values print: fractions as percentages."""
    if not name:
        return "num"
    pdef = ctx.setup.defaults.get(name)
    return "pct" if pdef is not None and pdef.unit == "fraction" else "num"


def tornado_figures(ctx: Context, codes: Sequence[int]) -> list[Figure]:
    """One-at-a-time sensitivity: one panel per province and outcome (never two outcomes in one panel)."""
    if ctx.inputs.sensitivity is None:
        return []
    tornado = ctx.inputs.sensitivity.tornado()
    if tornado.empty:
        return []
    panels = []
    for code in codes:
        d = tornado[tornado["province_code"] == code]
        if d.empty:
            continue
        scen = str(d["scenario"].iloc[0])
        d = d[d["scenario"] == scen]
        goal = ctx.fact(scen, code).projection.target_year
        for outcome in dict.fromkeys(d["outcome"]):
            o = d[d["outcome"] == outcome].sort_values("swing", ascending=True)
            year = goal if outcome == "growth_target_year" else goal - 1
            key = f"chart.outcome.{outcome}"
            label = ctx.t(key, year=year) if has(key) else str(outcome)
            panels.append(
                ChartPanel(
                    ctx.t("chart.tornado.panel", province=ctx.names[code], scenario=ctx.scenario_label(scen))
                    + ": "
                    + label,
                    "%",
                    "pct",
                    tornado=Tornado(
                        tuple(ctx.param_title(str(p)) for p in o["parameter"]),
                        tuple(map(float, o["outcome_low"])),
                        tuple(map(float, o["outcome_high"])),
                        float(o["outcome_base"].iloc[0]),
                        ctx.t("chart.tornado.low"),
                        ctx.t("chart.tornado.high"),
                    ),
                )
            )
    if not panels:
        return []
    ncols = 2 if len(panels) > 1 else 1
    return [Figure("tornado", ctx.t("chart.tornado.title"), tuple(panels), ncols, 2.6)]


def sweep_figures(ctx: Context, codes: Sequence[int]) -> list[Figure]:
    """Heatmaps of growth into the target year over the first two swept levers, per province."""
    sweep = ctx.sweep_table()
    if sweep is None:
        return []
    grid = list(getattr(ctx.inputs.sweep, "grid", None) or {})
    levers = [c for c in grid if c in sweep.columns] or [c for c in sweep.columns if c not in SWEEP_FIXED]
    if sweep.empty or not levers:
        return []
    x_name = levers[0]
    y_name = levers[1] if len(levers) > 1 else None
    panels = []
    goal, level = ctx.cfg.target.by, ctx.cfg.target.growth
    for code in codes:
        d = sweep[sweep["province_code"] == code]
        if d.empty:
            continue
        goal = int(d["target_year"].iloc[0])
        level = float(d["target_growth"].iloc[0])
        keys = [y_name, x_name] if y_name else [x_name]
        best = d.groupby(keys)["growth_target_year"].max()
        xs = tuple(sorted(d[x_name].unique()))
        ys = tuple(sorted(d[y_name].unique())) if y_name else (0.0,)
        values = tuple(tuple(float(best.loc[(yv, xv)] if y_name else best.loc[xv]) for xv in xs) for yv in ys)
        panels.append(
            ChartPanel(
                ctx.t(
                    "chart.sweep.panel",
                    province=ctx.names[code],
                    scenario=ctx.scenario_label(str(d["scenario"].iloc[0])),
                ),
                "",
                "pct",
                heatmap=Heatmap(
                    ctx.param_title(x_name),
                    ctx.param_title(y_name) if y_name else "",
                    tuple(map(float, xs)),
                    tuple(map(float, ys)),
                    values,
                    threshold=level,
                    value_kind="pct",
                    lever_kinds=(_kind(ctx, x_name), _kind(ctx, y_name)),  # type: ignore[arg-type]
                    value_label=ctx.t("chart.sweep.value", year=goal),
                ),
            )
        )
    if not panels:
        return []
    ncols = 2 if len(panels) > 1 else 1
    note = ctx.t("chart.sweep.note", year=goal, target=ctx.pct(level))
    return [Figure("sweep", ctx.t("chart.sweep.title", year=goal), tuple(panels), ncols, 2.8, note=note)]
