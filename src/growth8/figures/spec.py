"""Chart specs: plain data saying what a chart shows (series, bars, tornado, heatmap, map), drawn by
:mod:`growth8.figures.draw`. Results build them for ``plot()`` and the report embeds the same ones."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: Scenario colours, in scenario order.
COLORS = ("#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000", "#2e75b6")


@dataclass(frozen=True)
class Series:
    """One line of a chart panel, with optional quantile bands."""

    label: str
    x: tuple[float, ...]
    y: tuple[float, ...]
    style: Literal["solid", "dashed", "dotted", "dashdot", "none"] = "solid"  # none: markers only
    color: str | None = None
    width: float = 1.6
    bands: tuple[tuple[tuple[float, ...], tuple[float, ...], str], ...] = ()  # (low, high, label) over ``x``
    marker: str | None = None
    marker_size: float = 3.0
    band_fill: bool = True  # False: the bands drawn as their edges only (a second scenario's fan over the first's)


@dataclass(frozen=True)
class Bars:
    """Grouped horizontal bars: categories x groups."""

    categories: tuple[str, ...]
    groups: tuple[tuple[str, tuple[float, ...]], ...]
    reference: float | None = None
    reference_label: str = ""
    highlight: tuple[str, ...] = ()  # categories drawn in the highlight colour (one group only)
    highlight_label: str = ""  # legend entry of the highlighted bars
    other_label: str = ""  # legend entry of the other bars (with ``highlight``)
    limits: tuple[float, float] | None = None  # the value axis spans this; a longer bar is cut there, its value printed


@dataclass(frozen=True)
class Tornado:
    """Sensitivity bars around a base outcome."""

    parameters: tuple[str, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]
    base: float
    low_label: str = ""
    high_label: str = ""


@dataclass(frozen=True)
class Heatmap:
    """A grid of outcomes over two levers (rows: ``y``, columns: ``x``).

    Cells at or above ``threshold`` are marked (where the target is reached); ``value_label`` names
    the cells' values on the colour bar and says what the colours mean. The colours diverge from
    ``center`` (default ``threshold``: the target), white there, red below and blue above, over limits
    symmetric around it and at least ``min_halfrange`` wide (see :func:`growth8.figures.draw.heatmap_scale`),
    so that a tiny spread of values is never drawn from one extreme colour to the other.
    """

    x_label: str
    y_label: str
    x: tuple[float, ...]
    y: tuple[float, ...]
    values: tuple[tuple[float, ...], ...]
    threshold: float | None = None
    value_kind: Literal["pct", "num"] = "pct"
    value_label: str = ""
    lever_kinds: tuple[Literal["pct", "num"], Literal["pct", "num"]] = ("pct", "pct")
    center: float | None = None
    min_halfrange: float = 0.005  # in the values' units: half a percentage point for growth


#: A ring of a map region's outline: (longitude, latitude) positions, the last equal to the first.
Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Choropleth:
    """A map of one value per region (a province), coloured around a centre.

    ``shapes[i]`` is the outline of ``regions[i]`` (the outer rings of its polygons, in longitude and latitude,
    drawn unprojected) and ``values[i]`` its value; NaN is no data, drawn grey and named ``missing_label`` in the
    legend. The colours diverge from ``center`` (the target) as the heatmap's do, red below and blue above, over
    limits symmetric around it that reach a little past the ``scale_quantile`` of the values' distances from it
    (values farther out take the end colours, and the colour bar's arrows say so) and are at least
    ``min_halfrange`` wide (see :func:`growth8.figures.draw.diverging_scale`). ``highlight``ed regions are drawn
    with a thick outline and labelled with their value; ``value_label`` names the colour bar.
    """

    regions: tuple[str, ...]
    shapes: tuple[tuple[Ring, ...], ...]
    values: tuple[float, ...]
    highlight: tuple[str, ...] = ()
    value_kind: Literal["pct", "num"] = "pct"
    center: float | None = None
    value_label: str = ""
    highlight_label: str = ""  # legend entry of the thick outline
    missing_label: str = ""  # legend entry of the grey regions (shown when a value is NaN)
    min_halfrange: float = 0.005  # in the values' units: half a percentage point for growth
    scale_quantile: float = 0.9  # one outlier (a mining boom, a smelter's first year) does not wash out the rest


@dataclass(frozen=True)
class StackedBars:
    """Vertical bars over ``x`` stacked by component (positive parts upwards, negative downwards from zero),
    with their total as a line of markers: a growth decomposition."""

    x: tuple[float, ...]
    layers: tuple[tuple[str, tuple[float, ...]], ...]  # (label, values over ``x``), bottom first
    total: tuple[float, ...] = ()
    total_label: str = ""
    colors: tuple[str, ...] = ()  # one per layer; default the scenario colours


@dataclass(frozen=True)
class ChartPanel:
    """One subplot."""

    title: str
    y_label: str
    y_kind: Literal["pct", "num"] = "num"
    x_label: str = ""
    series: tuple[Series, ...] = ()
    bars: Bars | None = None
    tornado: Tornado | None = None
    heatmap: Heatmap | None = None
    choropleth: Choropleth | None = None
    vline: float | None = None
    log_y: bool = False
    y_max: float | None = None  # the axis stops here; a series above it is marked at the top
    above_label: str = ""  # legend entry of that mark
    stacked: StackedBars | None = None


@dataclass(frozen=True)
class Figure:
    """A figure of one or more panels, drawn by :mod:`growth8.figures.draw`."""

    key: str
    title: str
    panels: tuple[ChartPanel, ...]
    ncols: int = 1
    height: float = 3.0  # inches per row of panels
    note: str = ""
    message: str = ""  # what the chart shows, built from the numbers (the caption's headline)
    source: str = (
        ""  # the sources, printed under the chart after "Sumber:" ("BPS (PDRB ADHK 2010), OJK; proyeksi growth8")
    )
