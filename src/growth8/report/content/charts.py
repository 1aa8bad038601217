"""Figure specs: what each chart shows, with titles, axis labels and legends from the catalogue (``chart.*``).

The specs are plain data (:mod:`growth8.report.model`); :mod:`growth8.report.render.charts` draws them.
History lines come from the panel the projection ran on; the observed investment rate from the
calibration (its mean over the calibration window), never recomputed from the data.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from growth8.figures.spec import COLORS
from growth8.i18n import has, period
from growth8.report.content.context import Context, join
from growth8.report.model import Bars, ChartPanel, Choropleth, Figure, Heatmap, Series, Tornado
from growth8.results.facts import reaches
from growth8.results.figures import (
    bank_indicators_figure,
    decomposition_figure,
    growth_message,
    investment_figure,
    paths_figure,
    plan_period,
    plan_sources,
    plan_target_series,
    source_line,
    xy,
)

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
    """GRDP and growth paths; investment rate and BPD loans against their limits (the charts ``plot()`` draws);
    the sources of growth of the first scenario; the bank indicators over time."""
    result = ctx.result
    return [
        paths_figure(
            result.projection, code, ctx.lang, target=result, uncertainty=ctx.inputs.uncertainty, label_prefix=ctx.label
        ),
        investment_figure(result, code, ctx.lang, label_prefix=ctx.label),
        decomposition_figure(result.projection, code, ctx.lang),
        *([bank] if (bank := bank_figure(ctx, code)) is not None else []),
    ]


def bank_figure(ctx: Context, code: int) -> Figure | None:
    """The own BPD's and the province's bank indicators over time (None without a panel or facts)."""
    if ctx.panel is None:
        return None
    return bank_indicators_figure(ctx.panel, code, ctx.names[code], ctx.panel.own_bank(code), ctx.lang)


def comparison_figure(contexts: Sequence[Context], codes: Sequence[int]) -> Figure:
    """Mean projected growth per province (``codes``: in every config), one bar per (config, scenario)."""
    first = contexts[0]
    groups: list[tuple[str, tuple[float, ...]]] = []
    for ctx in contexts:
        for s in ctx.scenarios:
            groups.append((ctx.scenario_label(s), tuple(ctx.fact(s, c).projection.avg_growth for c in codes)))
    names = tuple(first.names.get(c, str(c)) for c in codes)
    span = period(first.first_year, first.horizon)
    goal = first.cfg.target.growth
    panel = ChartPanel(
        first.t("chart.comparison.panel", period=span),
        first.t("chart.unit.growth_short"),
        "pct",
        bars=Bars(
            names,
            tuple(groups),
            reference=goal,
            reference_label=first.t("chart.target_level", target=first.pct(goal, 0)),
        ),
    )
    height = min(9.0, max(2.6, 0.14 * len(codes) * max(1, len(groups)) + 1.2))
    # the message: how many provinces average the target in some scenario, else the highest average
    best_by_code = {c: max(v[k] for _, v in groups) for k, c in enumerate(codes)}
    n = sum(1 for v in best_by_code.values() if reaches(v, goal))
    if n:
        message = first.t("chart.msg.comparison.reach", n=n, total=len(codes), target=first.pct(goal, 0), period=span)
    else:
        value, k, label = max((v[k], k, g) for g, v in groups for k in range(len(codes)))
        message = first.t(
            "chart.msg.comparison.below",
            target=first.pct(goal, 0),
            period=span,
            best=first.pct(value, 1),
            province=names[k],
            scenario=label,
        )
    return Figure(
        "comparison",
        first.t("chart.comparison.title", period=span),
        (panel,),
        1,
        height,
        message=message,
        source=source_line(first.lang, ["bps_grdp"], ["projection"]),
    )


def comparison_growth_figures(contexts: Sequence[Context], codes: Sequence[int]) -> list[Figure]:
    """Per province, projected growth of every (config, scenario) against the target path."""
    figs = []
    for code in codes:
        series: list[Series] = []
        target: Series | None = None
        name = ""
        k = 0
        reach: list[tuple[str, int | None, float]] = []
        goal, horizon = math.nan, 0
        holder: Context | None = None
        for ctx in contexts:
            if code not in ctx.names:
                continue
            name = ctx.names[code]
            holder = holder or ctx
            for s in ctx.scenarios:
                rows = ctx.p(s, code)
                x, y = xy(rows[~rows["observed"]], "growth")
                series.append(Series(ctx.scenario_label(s), x, y, color=COLORS[k % len(COLORS)]))
                f = ctx.fact(s, code).projection
                reach.append((ctx.scenario_label(s), f.reach_year, max(y) if y else math.nan))
                k += 1
            if target is None:
                x, y = xy(ctx.r(ctx.base_scenario, code), "target_growth")
                goal = ctx.fact(ctx.base_scenario, code).projection.target
                horizon = ctx.horizon
                target = Series(
                    ctx.t("chart.target_level", target=ctx.pct(goal, 0)), x, y, style="dashed", color="#444444"
                )
        if target is not None:
            series.append(target)
        first = contexts[0]
        plans = plan_target_series(holder.panel if holder else None, code, name, first.lang)
        series.extend(plans)
        figs.append(
            Figure(
                f"cmp_{code}",
                first.t("chart.cmp_growth.title", province=name),
                (ChartPanel(first.t("chart.growth.title"), first.t("chart.unit.growth"), "pct", series=tuple(series)),),
                1,
                2.8,
                message=growth_message(name, goal, horizon, reach, first.lang) if reach else "",
                source=source_line(
                    first.lang, ["bps_grdp", *plan_sources(holder.panel if holder else None, code)], ["projection"]
                ),
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
    top: dict[str, tuple[float, str]] = {}  # outcome -> the largest swing and its parameter
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
            widest = o.iloc[-1]
            swing = abs(float(widest["outcome_high"]) - float(widest["outcome_low"]))
            if swing > top.get(str(outcome), (-1.0, ""))[0]:
                top[str(outcome)] = (swing, ctx.param_title(str(widest["parameter"])))
            unit = "chart.unit.growth_short" if outcome == "growth_target_year" else "report.unit.pct_grdp"
            panels.append(
                ChartPanel(
                    ctx.t("chart.tornado.panel", province=ctx.names[code], scenario=ctx.scenario_label(scen))
                    + ": "
                    + label,
                    ctx.t(unit),
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

    def inline(title: str) -> str:  # a parameter's title inside a sentence: "rasio modal-output awal (K/Y)"
        return title[:1].lower() + title[1:] if title[1:2].islower() else title

    top = {k: (v, inline(name)) for k, (v, name) in top.items()}
    if "growth_target_year" in top:
        message = ctx.t("chart.msg.tornado.growth", parameter=top["growth_target_year"][1])
    else:
        message = ctx.t("chart.msg.tornado.any", parameter=max(top.values())[1])
    source = source_line(ctx.lang, ["bps_pmtb", "ojk"], ["sensitivity"])
    rows = max(len(p.tornado.parameters) for p in panels if p.tornado is not None)
    height = max(2.6, 0.3 * rows + 0.3)  # room for each parameter's (wrapped) name
    return [
        Figure("tornado", ctx.t("chart.tornado.title"), tuple(panels), ncols, height, message=message, source=source)
    ]


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
    cells: list[float] = []
    reached = 0
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
        flat = [v for row in values for v in row if math.isfinite(v)]
        cells += flat
        reached += sum(1 for v in flat if reaches(v, level))
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
                    value_label=ctx.t("chart.sweep.value", year=goal, target=ctx.pct(level, 0)),
                    center=level,
                ),
            )
        )
    if not panels:
        return []
    ncols = 2 if len(panels) > 1 else 1
    note = ctx.t("chart.sweep.note", year=goal, target=ctx.pct(level))
    target = ctx.pct(level, 0)
    if reached:
        message = ctx.t("chart.msg.sweep.some", n=reached, total=len(cells), target=target, year=goal)
    else:
        low, high = ctx.pct(min(cells), 2), ctx.pct(max(cells), 2)
        message = ctx.t("chart.msg.sweep.none", target=target, year=goal, low=low, high=high)
    return [
        Figure(
            "sweep",
            ctx.t("chart.sweep.title", year=goal),
            tuple(panels),
            ncols,
            2.8,
            note=note,
            message=message,
            source=source_line(ctx.lang, ["bps_pmtb", "ojk"], ["sweep"]),
        )
    ]


@dataclass(frozen=True)
class PeerGrowth:
    """Real GRDP growth of every province in one year, the numbers the peer bar chart and map show.

    Attributes
    ----------
    year : int
    codes, names, growth : tuple
        BPS codes, names in the report's language and growth (fractions), highest growth first (equal growth in
        code order).
    highlight : tuple of str
        The names of the config's provinces.
    goal : float
        The national target the values are read against: the RPJMN's last-year target where the data hold it,
        else the config's.
    reference : str
        The target's legend entry.
    sources : tuple of str
        The ``chart.source.*`` keys of the data.
    """

    year: int
    codes: tuple[int, ...]
    names: tuple[str, ...]
    growth: tuple[float, ...]
    highlight: tuple[str, ...]
    goal: float
    reference: str
    sources: tuple[str, ...]

    def at_target(self) -> list[int]:
        """The positions of the provinces that grew by at least the target."""
        return [k for k, g in enumerate(self.growth) if reaches(g, self.goal)]

    def rank(self, k: int) -> int:
        """The rank of the province at position ``k``: one more than the provinces that grew faster (equal growth,
        equal rank)."""
        return 1 + sum(1 for g in self.growth if g > self.growth[k])

    def tied(self, k: int) -> list[str]:
        """The other provinces that grew exactly as fast as the one at position ``k``."""
        return [
            n for j, (n, g) in enumerate(zip(self.names, self.growth, strict=True)) if g == self.growth[k] and j != k
        ]


def peer_growth(ctx: Context, year: int | None = None, highlight: Sequence[int] | None = None) -> PeerGrowth | None:
    """Every province's real GRDP growth in the base year (or ``year``), sorted, against the national target, the
    provinces ``highlight`` (default: the config's) marked; None without growth data for that year."""
    panel = ctx.panel
    year = int(year if year is not None else ctx.base_year)
    if panel is None or "grdp_growth" not in set(panel.series["series_id"]):
        return None
    wide = panel.wide("grdp_growth")
    if year not in wide.index:
        return None
    row = wide.loc[year].dropna()
    if row.empty:
        return None
    row = row.sort_index().sort_values(ascending=False, kind="stable")  # equal growth in code order
    codes = tuple(int(c) for c in row.index)
    names = tuple(ctx.names.get(c) or panel.province_name(c, ctx.lang) for c in codes)
    marked = set(ctx.provinces if highlight is None else highlight)
    plan = panel.plan_targets(None, "rpjmn")
    if len(plan):
        last = plan.sort_values("target_year").iloc[-1]
        goal = float(last["value"])
        reference = (
            ctx.t("chart.peers.target", target=ctx.pct(goal, 0)) + f" (RPJMN {plan_period(str(last['period']))})"
        )
        sources: tuple[str, ...] = ("bps_grdp", "rpjmn")
    else:
        goal = float(ctx.cfg.target.growth)
        reference = ctx.t("chart.peers.target", target=ctx.pct(goal, 0))
        sources = ("bps_grdp",)
    return PeerGrowth(
        year,
        codes,
        names,
        tuple(float(v) for v in row),
        tuple(n for c, n in zip(codes, names, strict=True) if c in marked),
        goal,
        reference,
        sources,
    )


#: The peer bar chart's axis spans the 5th to the 95th percentile of the values (and zero and the target), two
#: percentage points wider: a mining boom of 34% or a fall of 22% is cut at the edge, its value printed there, so the
#: differences of a point between the other provinces stay visible.
PEER_AXIS_QUANTILE, PEER_AXIS_MARGIN = 0.05, 0.02


def peer_axis_limits(growth: Sequence[float], goal: float) -> tuple[float, float]:
    """The value axis of the peer bar chart: from below zero (or the low percentile) to beyond the target (or the
    high percentile), see :data:`PEER_AXIS_QUANTILE`."""
    import numpy as np

    low, high = np.quantile(np.asarray(growth, dtype=float), [PEER_AXIS_QUANTILE, 1.0 - PEER_AXIS_QUANTILE])
    return min(0.0, float(low)) - PEER_AXIS_MARGIN, max(goal, float(high)) + PEER_AXIS_MARGIN


def peers_figure(ctx: Context, year: int | None = None, highlight: Sequence[int] | None = None) -> Figure | None:
    """Real GRDP growth of every province of the panel in the base year (or ``year``), sorted, the config's
    provinces (or ``highlight``) highlighted, against the national target (see :func:`peer_growth`). None without
    growth data for that year.
    """
    peers = peer_growth(ctx, year, highlight)
    if peers is None:
        return None
    year = peers.year
    bars = Bars(
        peers.names,
        ((ctx.t("chart.peers.panel", year=year), peers.growth),),
        reference=peers.goal,
        reference_label=peers.reference,
        highlight=peers.highlight,
        highlight_label=ctx.t("chart.peers.highlight"),
        other_label=ctx.t("chart.peers.other"),
        limits=peer_axis_limits(peers.growth, peers.goal),
    )
    ranks = []
    for k, name in enumerate(peers.names):
        if name in peers.highlight:
            growth, rank, tied = ctx.pct(peers.growth[k], 2), peers.rank(k), peers.tied(k)
            key = "chart.msg.peers.province_tied" if tied else "chart.msg.peers.province"
            ranks.append(ctx.t(key, province=name, growth=growth, rank=rank, others=join(tied, ctx.lang)))
    message = ctx.t(
        "chart.msg.peers",
        n=len(peers.at_target()),
        total=len(peers.codes),
        target=ctx.pct(peers.goal, 0),
        year=year,
        highlighted="; ".join(ranks),
    )
    chart = ChartPanel(ctx.t("chart.peers.panel", year=year), ctx.t("chart.unit.growth_short"), "pct", bars=bars)
    height = min(9.0, max(3.0, 0.11 * len(peers.codes) + 0.9))  # 38 provinces and the map fit on one page
    return Figure(
        "peers",
        ctx.t("chart.peers.title", year=year),
        (chart,),
        1,
        height,
        message=message,
        source=source_line(ctx.lang, peers.sources, []),
    )


#: The map's message names the provinces at the target when they are at most this many, else counts them.
MAP_NAMED_AT_TARGET = 5


def peers_map_figure(ctx: Context, year: int | None = None, highlight: Sequence[int] | None = None) -> Figure | None:
    """The values of :func:`peers_figure` on a map of the provinces, coloured below and above the national target,
    the config's provinces (or ``highlight``) outlined and labelled. None without growth data for that year or
    without the map's files in the data folder (:meth:`growth8.data.Panel.province_geometry`): then there is
    simply no map.
    """
    peers = peer_growth(ctx, year, highlight)
    panel = ctx.panel
    outlines = panel.province_geometry() if peers is not None and panel is not None else None
    if peers is None or panel is None or not outlines:
        return None
    known = {int(c) for c in panel.provinces["province_code"]}
    codes = [c for c in sorted(outlines) if c in known]  # a province without growth data is drawn grey
    growth = dict(zip(peers.codes, peers.growth, strict=True))
    target, year = ctx.pct(peers.goal, 0), peers.year
    chart = ChartPanel(
        ctx.t("chart.peers.panel", year=year),
        "",
        "pct",
        choropleth=Choropleth(
            tuple(ctx.names.get(c) or panel.province_name(c, ctx.lang) for c in codes),
            tuple(outlines[c] for c in codes),
            tuple(growth.get(c, math.nan) for c in codes),
            highlight=peers.highlight,
            value_kind="pct",
            center=peers.goal,
            value_label=ctx.t("chart.peers.map_value", year=year, target=target),
            highlight_label=ctx.t("chart.peers.highlight"),
            missing_label=ctx.t("chart.peers.missing"),
        ),
    )
    above = peers.at_target()
    lowest = (peers.names[-1], ctx.pct(peers.growth[-1], 2))
    if not above:
        message = ctx.t(
            "chart.msg.peers_map.none",
            target=target,
            year=year,
            best=ctx.pct(peers.growth[0], 2),
            province=peers.names[0],
            low=lowest[1],
            lowest=lowest[0],
        )
    elif len(above) <= MAP_NAMED_AT_TARGET:
        names = join([peers.names[k] for k in above], ctx.lang)
        message = ctx.t(
            "chart.msg.peers_map.few", names=names, target=target, year=year, lowest=lowest[0], low=lowest[1]
        )
    else:
        message = ctx.t(
            "chart.msg.peers_map.many",
            n=len(above),
            total=len(peers.codes),
            target=target,
            year=year,
            lowest=lowest[0],
            low=lowest[1],
        )
    return Figure(
        "peers_map",
        ctx.t("chart.peers_map.title", year=year, target=target),
        (chart,),
        1,
        3.0,
        message=message,
        source=source_line(ctx.lang, peers.sources, [], credits=["map"]),
    )
