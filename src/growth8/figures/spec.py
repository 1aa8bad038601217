"""Chart specs: plain data saying what a chart shows (series, bars, tornado, heatmap), drawn by
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
    style: Literal["solid", "dashed", "dotted", "dashdot"] = "solid"
    color: str | None = None
    width: float = 1.6
    bands: tuple[tuple[tuple[float, ...], tuple[float, ...], str], ...] = ()  # (low, high, label)
    marker: str | None = None


@dataclass(frozen=True)
class Bars:
    """Grouped horizontal bars: categories x groups."""

    categories: tuple[str, ...]
    groups: tuple[tuple[str, tuple[float, ...]], ...]
    reference: float | None = None
    reference_label: str = ""


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
    the cells' values on the colour bar.
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
    vline: float | None = None
    log_y: bool = False


@dataclass(frozen=True)
class Figure:
    """A figure of one or more panels, drawn by :mod:`growth8.figures.draw`."""

    key: str
    title: str
    panels: tuple[ChartPanel, ...]
    ncols: int = 1
    height: float = 3.0  # inches per row of panels
    note: str = ""
