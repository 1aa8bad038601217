"""Chart points (issue 13): tick labels, the sweep heatmap's colours, one fan per scenario, the investment
ceiling, messages and source lines, plan targets, and the peer comparison."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import growth8
from growth8 import pipeline
from growth8.figures.draw import heatmap_scale, render, tick_label, tick_labels
from growth8.figures.spec import ChartPanel, Figure, Heatmap, Series
from growth8.i18n import percent, t
from growth8.report import build
from growth8.report.content import charts
from growth8.report.content.context import Context
from growth8.results.figures import investment_figure, paths_figure
from helpers import CONFIGS

BANTEN, BENGKULU = 36, 17
#: The peer comparison's figures: every province's growth in the base year, as bars and as a map.
PEER_KEYS = {"peers", "peers_map"}


@pytest.fixture(scope="module")
def inputs(panel) -> pipeline.ReportInputs:
    """The default config with a small Monte Carlo, sensitivity and the lever sweep."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", growth8.errors.Growth8Warning)  # type: ignore[attr-defined]
        return pipeline.report_inputs(
            CONFIGS / "default.yaml", panel=panel, command=("growth8", "test"), draws=50, seed=7, estimation=False
        )


# ------------------------------------------------------------------ 1. tick labels
@pytest.mark.parametrize(
    ("value", "kind", "id_text", "en_text"),
    [
        (0.125, "pct", "12,5%", "12.5%"),
        (0.15, "pct", "15%", "15%"),
        (0.1, "pct", "10%", "10%"),
        (0.0, "pct", "0%", "0%"),
        (-0.025, "pct", "-2,5%", "-2.5%"),
        (0.0649, "pct", "6,49%", "6.49%"),
        (2500.0, "num", "2.500", "2,500"),
        (7.5, "num", "7,5", "7.5"),
        (40.0, "num", "40", "40"),
    ],
)
def test_tick_labels_show_the_decimals_they_need(value: float, kind: str, id_text: str, en_text: str) -> None:
    assert tick_label(value, kind, "id") == id_text
    assert tick_label(value, kind, "en") == en_text


def test_an_axis_of_quarter_points_prints_its_decimals() -> None:
    ticks = [0.10, 0.125, 0.15, 0.175]
    assert tick_labels(ticks, "pct", "id") == ["10%", "12,5%", "15%", "17,5%"]
    assert tick_labels(ticks, "pct", "en") == ["10%", "12.5%", "15%", "17.5%"]
    import matplotlib.pyplot as plt

    spec = Figure("t", "t", (ChartPanel("p", "", "pct", series=(Series("s", (0.0, 1.0), (0.10, 0.175)),)),))
    fig = render(spec, "id")
    try:
        from matplotlib.ticker import MultipleLocator

        ax = fig.axes[0]
        ax.yaxis.set_major_locator(MultipleLocator(0.025))  # ticks every 2.5 points, with the chart's formatter
        fig.canvas.draw()
        labels = [x.get_text() for x in ax.get_yticklabels()]
        assert "12,5%" in labels and "15%" in labels and "12%" not in labels
    finally:
        plt.close(fig)


# ------------------------------------------------------------------ 2. heatmap colours around the target
def test_heatmap_colours_are_centred_on_the_target_and_a_tiny_spread_stays_one_colour() -> None:
    import matplotlib.pyplot as plt

    values = ((0.05470, 0.05471), (0.05472, 0.05473))  # a 0.003-point spread, all below an 8% target
    h = Heatmap("x", "y", (0.1, 0.2), (0.3, 0.5), values, threshold=0.08)
    center, half = heatmap_scale(h)
    assert center == 0.08
    assert center - half <= 0.0547 and center + half >= 0.08 + (0.08 - 0.0547)  # symmetric around the target
    fig = render(Figure("h", "h", (ChartPanel("p", "", heatmap=h),)), "en")
    try:
        image = fig.axes[0].images[0]
        assert image.norm.vcenter == pytest.approx(0.08)
        shades = [float(image.norm(v)) for row in values for v in row]
        assert max(shades) - min(shades) < 0.01  # not drawn from one extreme colour to the other
        assert image.get_cmap().name == "RdBu"
    finally:
        plt.close(fig)
    # the half-range never shrinks to the spread when the values sit on the target
    near = Heatmap("x", "y", (0.1,), (0.3,), ((0.0800, 0.0801),), threshold=0.08)
    assert heatmap_scale(near)[1] >= 0.005


def test_sweep_heatmap_spec_is_centred_on_the_config_target(inputs) -> None:
    ctx = Context(inputs, "id")
    (fig,) = charts.sweep_figures(ctx, ctx.provinces)
    for panel in fig.panels:
        assert panel.heatmap is not None
        assert panel.heatmap.center == ctx.cfg.target.growth == 0.08
        assert "merah" in panel.heatmap.value_label and "8%" in panel.heatmap.value_label
    assert fig.message and fig.source


# ------------------------------------------------------------------ 3. one fan per scenario
@pytest.mark.parametrize("lang", ["id", "en"])
def test_one_band_per_scenario_in_its_colour_named_in_the_legend(inputs, lang: str) -> None:
    res = inputs.target
    fig = paths_figure(res.projection, BANTEN, lang, target=res, uncertainty=inputs.uncertainty)
    growth = fig.panels[1]
    banded = [s for s in growth.series if s.bands]
    assert len(banded) == len(res.setup.scenarios) == 2
    assert all(len(s.bands) == 1 for s in banded)
    assert len({s.color for s in banded}) == 2
    for s, scen in zip(banded, res.setup.scenarios, strict=True):
        name = res.setup.config.scenario_label(scen, lang)
        assert s.label == name
        assert s.bands[0][2] == t("chart.band", lang, scenario=name, low=10, high=90)
        assert len(s.bands[0][0]) == len(s.x)
    if lang == "id":
        assert banded[0].bands[0][2] == "Skenario dasar: rentang 10–90%"
    assert not any("median" in s.label for s in growth.series)


# ------------------------------------------------------------------ 4. the investment ceiling
def test_investment_chart_draws_the_ceiling_and_clips_its_axis(inputs) -> None:
    res = inputs.target
    fig = investment_figure(res, BANTEN, "id")
    rate = fig.panels[0]
    cap = res.setup.calibration.max_investment_rate  # the calibrated investment_rate_max
    ceiling = [s for s in rate.series if s.label.startswith("Batas atas rasio investasi")]
    assert len(ceiling) == 1
    assert ceiling[0].y == pytest.approx([min(cap, 1.0)] * len(ceiling[0].y))
    values = res.setup.values["investment_rate_max"][0, res.setup.provinces.index(BANTEN)]
    assert ceiling[0].y == pytest.approx(np.minimum(values, 1.0)[-len(ceiling[0].y) :])
    assert percent(cap, 1, "id") in ceiling[0].label
    required = max(res.table().query("province_code == @BANTEN and scenario == 'baseline'")["required_investment_rate"])
    assert required > 1.0  # the requirement passes 100% of GRDP ...
    assert rate.y_max is not None and cap < rate.y_max < required  # ... and the axis stops above the ceiling
    assert rate.above_label
    assert "batas atas" in fig.message


# ------------------------------------------------------------------ 5. messages and sources
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_report_figure_has_a_message_and_a_source(inputs, lang: str) -> None:
    import dataclasses

    doc = build(dataclasses.replace(inputs, lang=lang))
    figs = doc.figures()
    assert len(figs) >= 5
    for fig in figs:
        assert fig.message, fig.key
        if fig.key.startswith("bank_"):  # published bank figures only, nothing growth8 computed
            assert fig.source == t("chart.source.ojk_facts", lang), fig.key
        elif fig.key in PEER_KEYS:  # published data only, nothing growth8 computed
            assert fig.source.startswith(t("chart.source.bps_grdp", lang)) and "growth8" not in fig.source, fig.key
        else:
            assert fig.source and "growth8" in fig.source, fig.key
    assert {f.key for f in figs} >= PEER_KEYS | {"bank_36", "bank_17", "decomposition_36", "decomposition_17"}
    paths = {f.key: f for f in figs}["paths_36"]
    assert paths.source.startswith("BPS (PDRB ADHK 2010)" if lang == "id" else "BPS (GRDP")
    facts = [inputs.target.projection.facts()[(s, BANTEN)] for s in inputs.target.setup.scenarios]
    if all(f.reach_year is None for f in facts):  # the message is built from the numbers
        expected = (
            "Pertumbuhan Banten tetap di bawah 8% hingga 2045"
            if lang == "id"
            else "Banten's growth stays below 8% to 2045"
        )
        assert paths.message.startswith(expected)


# ------------------------------------------------------------------ 6. plan targets
def test_plan_targets_are_marked_where_the_data_hold_them(inputs) -> None:
    res = inputs.target
    banten = paths_figure(res.projection, BANTEN, "id").panels[1]
    bengkulu = paths_figure(res.projection, BENGKULU, "id").panels[1]
    rpjmn = [s for s in banten.series if s.label == "Target nasional RPJMN 2025–2029"]
    assert len(rpjmn) == 1 and rpjmn[0].style == "none" and rpjmn[0].marker
    assert dict(zip(rpjmn[0].x, rpjmn[0].y, strict=True)) == {
        2025: 0.053,
        2026: 0.063,
        2027: 0.075,
        2028: 0.077,
        2029: 0.08,
    }
    rpjmd = [s for s in banten.series if "RPJMD" in s.label]
    assert len(rpjmd) == 1 and rpjmd[0].label == "Target RPJMD Banten 2025–2029"
    assert (rpjmd[0].x, rpjmd[0].y) == ((2025.0,), (0.052,))
    assert not [s for s in bengkulu.series if "RPJMD" in s.label]  # no RPJMD target in the data: none drawn
    assert [s for s in bengkulu.series if "RPJMN" in s.label]


# ------------------------------------------------------------------ 7. Indonesian chart words
def test_indonesian_chart_words_come_from_the_catalogue(inputs) -> None:
    res = inputs.target
    for fig in (
        paths_figure(res.projection, BANTEN, "id", uncertainty=inputs.uncertainty),
        investment_figure(res, BANTEN, "id"),
    ):
        words = [fig.title, fig.message, fig.source] + [p.title for p in fig.panels] + [p.y_label for p in fig.panels]
        words += [s.label for p in fig.panels for s in p.series] + [
            b[2] for p in fig.panels for s in p.series for b in s.bands
        ]
        text = " ".join(words)
        for english in ("Observed", "range", "target path", "Source", "ceiling", "growth8 projection", "trillion"):
            assert english not in text, english


# ------------------------------------------------------------------ peer comparison
def test_peers_figure_sorts_every_province_and_highlights_the_configs(inputs, panel) -> None:
    ctx = Context(inputs, "id")
    fig = charts.peers_figure(ctx)
    assert fig is not None and fig.source and fig.message
    bars = fig.panels[0].bars
    assert bars is not None
    values = bars.groups[0][1]
    growth = panel.wide("grdp_growth").loc[ctx.base_year].dropna()
    assert len(values) == len(growth) and list(values) == sorted(values, reverse=True)
    assert sorted(values) == sorted(float(v) for v in growth)
    assert set(bars.highlight) == {"Banten", "Bengkulu"}
    assert bars.reference == 0.08
    assert fig.source == "BPS (PDRB ADHK 2010), Bappenas (RPJMN)"  # the target line is the RPJMN's
    # the axis spans the bulk of the values; the 34% and -22% outliers are cut at its ends, their values printed
    assert bars.limits is not None
    low, high = bars.limits
    assert low < 0 and high > bars.reference
    cut = [v for v in values if not low <= v <= high]
    assert 0 < len(cut) <= 4
    import matplotlib.pyplot as plt

    drawn = render(fig, "id")
    try:
        ax = drawn.axes[0]
        assert ax.get_xlim() == pytest.approx(bars.limits)
        printed = {a.get_text() for a in ax.texts}
        assert {percent(v, 2, "id") for v in cut} <= printed
    finally:
        plt.close(drawn)


def test_equal_growth_shares_a_rank_and_says_so(inputs, panel) -> None:
    ctx = Context(inputs, "id")
    fig = charts.peers_figure(ctx)
    assert fig is not None
    growth = panel.wide("grdp_growth").loc[ctx.base_year].dropna()
    for code, name in ((BANTEN, "Banten"), (BENGKULU, "Bengkulu")):
        rank = 1 + int((growth > growth[code]).sum())
        tied = [panel.province_name(int(c)) for c in growth.index if growth[c] == growth[code] and c != code]
        words = f"{name} {percent(float(growth[code]), 2, 'id')} (peringkat {rank}"
        assert words + (f", sama dengan {tied[0]})" if len(tied) == 1 else ")") in fig.message
    synthetic = charts.PeerGrowth(2025, (1, 2, 3), ("A", "B", "C"), (0.06, 0.05, 0.05), ("C",), 0.08, "", ())
    assert [synthetic.rank(k) for k in range(3)] == [1, 2, 2] and synthetic.tied(2) == ["B"]


def test_peers_highlight_the_provinces_asked_for(inputs) -> None:
    ctx = Context(inputs, "en")
    fig = charts.peers_figure(ctx, highlight=[BANTEN])
    assert fig is not None and fig.panels[0].bars is not None
    assert fig.panels[0].bars.highlight == ("Banten",)
    assert "Bengkulu" not in fig.message
