"""Draw the document's figures with matplotlib (Agg), as SVG for vector embedding.

Text in the SVG stays text (``svg.fonttype: none``), drawn in DejaVu Sans by the PDF renderer, so
the chart words are searchable and extractable like the rest of the report. Long titles and labels
wrap; legends drop repeated labels and use fewer columns for long ones. matplotlib is imported
inside the functions.

Tick labels show the decimals they need (12,5% and 15%, never 12% for 12.5%) in the language's number
format, percentages with their sign; the sweep heatmap's and the map's colours diverge from the target.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Sequence
from typing import Any

from growth8.figures.spec import ChartPanel, Choropleth, Figure, Heatmap
from growth8.i18n import number, percent, t

__all__ = ["choropleth_scale", "diverging_scale", "figure_svg", "heatmap_scale", "render", "tick_label", "tick_labels"]

#: Width of a figure in inches (the PDF's text width is about 6.9 in).
WIDTH_IN = 7.2
_STYLE = {"solid": "-", "dashed": "--", "dotted": ":", "dashdot": "-.", "none": "none"}
#: The most decimals a tick label shows.
MAX_DECIMALS = 3
#: Diverging colours of the heatmap and the map: red below the target, white at it, blue above.
HEATMAP_CMAP = "RdBu"
#: A map region without a value.
MISSING_COLOR = "#bfbfbf"
#: The thick outline of a highlighted map region.
OUTLINE_COLOR = "#111111"
OUTLINE_WIDTH = 1.4


def _shown(value: float, kind: str) -> float:
    return 100.0 * value if kind == "pct" else value


def _decimals(shown: float) -> int:
    """The fewest decimals (up to :data:`MAX_DECIMALS`) that print ``shown`` exactly."""
    for d in range(MAX_DECIMALS + 1):
        if abs(round(shown, d) - shown) <= 1e-9 * max(1.0, abs(shown)):
            return d
    return MAX_DECIMALS


def _text(shown: float, decimals: int, kind: str, lang: str) -> str:
    return number(shown, decimals, lang) + ("%" if kind == "pct" else "")


def tick_label(value: float, kind: str, lang: str) -> str:
    """One tick's label with the decimals it needs: 0.125 -> "12,5%" (id) / "12.5%" (en); 0.15 -> "15%"."""
    shown = _shown(value, kind)
    return _text(shown, _decimals(shown), kind, lang)


def tick_labels(values: Sequence[float], kind: str, lang: str) -> list[str]:
    """The labels of one axis's ticks, each with the decimals it needs (10% 12,5% 15%): integers stay
    integers, and no tick loses a decimal it has."""
    return [tick_label(float(v), kind, lang) if math.isfinite(float(v)) else "" for v in values]


def _formatter(kind: str, lang: str) -> Any:
    from matplotlib.ticker import Formatter

    class _Ticks(Formatter):
        def __call__(self, x: float, pos: int | None = None) -> str:
            return tick_label(x, kind, lang)

        def format_ticks(self, values: Sequence[float]) -> list[str]:
            return tick_labels(values, kind, lang)

    return _Ticks()


def diverging_scale(
    values: Sequence[float], center: float | None, min_halfrange: float, quantile: float = 1.0
) -> tuple[float, float]:
    """The centre and half-range of diverging colours.

    Parameters
    ----------
    values : sequence of float
        The values coloured (NaN ignored).
    center : float or None
        Where the colours turn (the target); None: the middle of the values.
    min_halfrange : float
        The narrowest half-range, so that values 0.001 points apart are drawn in nearly the same colour.
    quantile : float
        The half-range reaches a little (10%) past this quantile of the values' distances from the centre:
        1 (the farthest value) for a heatmap; less for a map, whose few outliers take the end colours.

    Returns
    -------
    (float, float)
        The centre and the half-range.
    """
    import numpy as np

    flat = [float(v) for v in values if math.isfinite(v)]
    if center is None:
        center = (min(flat) + max(flat)) / 2.0 if flat else 0.0
    far = float(np.quantile([abs(v - center) for v in flat], quantile)) if flat else 0.0
    return float(center), max(1.1 * far, float(min_halfrange))


def heatmap_scale(h: Heatmap) -> tuple[float, float]:
    """The centre and half-range of a heatmap's colours.

    The centre is ``h.center``, else the target (``h.threshold``), else the middle of the values; the
    half-range reaches a little past the value farthest from the centre and is at least
    ``h.min_halfrange``, so that values 0.001 points apart are drawn in nearly the same colour.
    """
    center = h.center if h.center is not None else h.threshold
    return diverging_scale([v for row in h.values for v in row], center, h.min_halfrange)


def choropleth_scale(c: Choropleth) -> tuple[float, float]:
    """The centre and half-range of a map's colours: the centre is ``c.center`` (the target), else the middle of
    the values; the half-range reaches a little past the ``c.scale_quantile`` of the distances from it."""
    return diverging_scale(c.values, c.center, c.min_halfrange, c.scale_quantile)


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=max(width, 12))) if len(text) > width else text


def _legend(ax: Any, width_in: float, **kwargs: Any) -> None:
    """A legend without repeated labels, in as many columns as the longest label allows."""
    handles, labels = ax.get_legend_handles_labels()
    seen: dict[str, Any] = {}
    for h, label in zip(handles, labels, strict=True):
        seen.setdefault(label, h)
    if not seen:
        return
    longest = max(len(label) for label in seen)
    per_col = 0.55 + 0.05 * longest  # inches a legend column needs at 6.5 pt (handle + text)
    ncol = max(1, min(len(seen), int(width_in // per_col), 4))
    ax.legend(list(seen.values()), list(seen), fontsize=6.5, frameon=False, ncol=ncol, **kwargs)


def _draw_panel(ax: Any, panel: ChartPanel, lang: str, width_in: float = WIDTH_IN) -> None:
    # the title starts at the axes, right of the tick labels: a tornado's long labels leave it less room
    room = width_in - (1.6 if panel.tornado is not None else 0.4)
    ax.set_title(_wrap(panel.title, int(room * 15)), fontsize=8.5, loc="left")
    ax.tick_params(labelsize=7)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if panel.bars is not None:
        _draw_bars(ax, panel, lang, width_in)
        return
    if panel.tornado is not None:
        _draw_tornado(ax, panel, lang)
        return
    if panel.heatmap is not None:
        _draw_heatmap(ax, panel, lang)
        return
    if panel.stacked is not None:
        _draw_stacked(ax, panel, lang, width_in)
        return
    if panel.choropleth is not None:
        _draw_choropleth(ax, panel, lang, width_in)
        return
    for s in panel.series:
        for k, (lo, hi, label) in enumerate(s.bands):
            # the first scenario's band filled lightly, the others' as dashed edges in their colour: two
            # scenarios' fans never blend into one colour
            if s.band_fill:
                ax.fill_between(s.x, lo, hi, color=s.color, alpha=0.16 + 0.08 * k, linewidth=0, label=label)
                for edge in (lo, hi):
                    ax.plot(s.x, edge, color=s.color, linewidth=0.5, alpha=0.6)
            else:
                ax.plot(s.x, lo, color=s.color, linewidth=0.9, linestyle=(0, (3, 2)), label=label)
                ax.plot(s.x, hi, color=s.color, linewidth=0.9, linestyle=(0, (3, 2)))
        ax.plot(
            s.x,
            s.y,
            linestyle=_STYLE[s.style],
            color=s.color,
            linewidth=s.width,
            label=s.label,
            marker=s.marker,
            markersize=s.marker_size,
            zorder=3 if s.style == "none" else 2,
        )
    _finish_time_axes(ax, panel, lang, width_in)


def _finish_time_axes(ax: Any, panel: ChartPanel, lang: str, width_in: float) -> None:
    """What every chart over years ends with: the base-year line, the axis cap, the y-axis format and label,
    the grid, whole years on x and the legend below."""
    if panel.vline is not None:
        ax.axvline(panel.vline, color="#999999", linewidth=0.6, linestyle=":")
    if panel.y_max is not None:
        _clip_top(ax, panel, lang)
    ax.yaxis.set_major_formatter(_formatter(panel.y_kind, lang))
    ax.set_ylabel(panel.y_label, fontsize=7)
    ax.grid(axis="y", color="#dddddd", linewidth=0.5)
    ax.xaxis.get_major_locator().set_params(integer=True)
    _legend(ax, width_in, loc="upper center", bbox_to_anchor=(0.5, -0.1))


def _clip_top(ax: Any, panel: ChartPanel, lang: str) -> None:
    """Stop the y-axis at ``panel.y_max``; mark each series above it at the top, with its highest value and year."""
    assert panel.y_max is not None
    bottom, _ = ax.get_ylim()
    ax.set_ylim(bottom, panel.y_max)
    label = panel.above_label
    for s in panel.series:
        above = [(y, x) for x, y in zip(s.x, s.y, strict=True) if math.isfinite(y) and y > panel.y_max]
        if not above:
            continue
        peak, year = max(above)
        first = min(x for _, x in above)
        ax.plot([first], [panel.y_max], marker="^", color=s.color, markersize=5, clip_on=False, label=label, zorder=4)
        value = percent(peak, 1, lang) if panel.y_kind == "pct" else number(peak, 1, lang)
        text = t("chart.above_value", lang, value=value, year=int(year))
        ax.annotate(
            text,
            (first, panel.y_max),
            xytext=(4, -9),
            textcoords="offset points",
            fontsize=6,
            color=s.color,
            annotation_clip=False,
        )


def _draw_bars(ax: Any, panel: ChartPanel, lang: str, width_in: float = WIDTH_IN) -> None:
    import numpy as np

    bars = panel.bars
    assert bars is not None
    n_cat, n_grp = len(bars.categories), len(bars.groups)
    height = 0.8 / max(n_grp, 1)
    y = np.arange(n_cat)
    colors = ("#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000", "#2e75b6")
    lo, hi = bars.limits if bars.limits is not None else (-math.inf, math.inf)
    if bars.highlight and n_grp == 1:
        values = bars.groups[0][1]
        marked = [c in bars.highlight for c in bars.categories]
        for flag, color, label in ((False, "#9dc3e6", bars.other_label), (True, "#c55a11", bars.highlight_label)):
            idx = [i for i, m in enumerate(marked) if m == flag]
            ax.barh(y[idx], np.clip([values[i] for i in idx], lo, hi), height=0.7, color=color, label=label)
        _mark_cut_bars(ax, y, values, lo, hi, panel.y_kind, lang)
    else:
        for k, (label, values) in enumerate(bars.groups):
            at = y - 0.4 + height * (k + 0.5)
            ax.barh(at, np.clip(values, lo, hi), height=height, label=label, color=colors[k % len(colors)])
            _mark_cut_bars(ax, at, values, lo, hi, panel.y_kind, lang)
    if bars.limits is not None:
        ax.set_xlim(lo, hi)
    ax.set_yticks(y, bars.categories, fontsize=7 if n_cat <= 20 else 5.5)
    if bars.highlight:
        for tick, cat in zip(ax.get_yticklabels(), bars.categories, strict=True):
            if cat in bars.highlight:
                tick.set_fontweight("bold")
    ax.invert_yaxis()
    if bars.reference is not None:
        ax.axvline(bars.reference, color="#444444", linestyle="--", linewidth=1, label=bars.reference_label)
    ax.xaxis.set_major_formatter(_formatter(panel.y_kind, lang))
    ax.set_xlabel(panel.y_label, fontsize=7)
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    ax.set_title("", loc="left")  # the figure's caption says what the bars are
    _legend(ax, width_in, loc="lower center", bbox_to_anchor=(0.5, 1.02))


def _draw_stacked(ax: Any, panel: ChartPanel, lang: str, width_in: float = WIDTH_IN) -> None:
    """Stacked vertical bars: each layer's positive values on the positive stack, negative on the negative one."""
    import numpy as np

    from growth8.figures.spec import COLORS

    st = panel.stacked
    assert st is not None
    x = np.asarray(st.x, dtype=float)
    up, down = np.zeros_like(x), np.zeros_like(x)
    colors = st.colors or COLORS
    for k, (label, values) in enumerate(st.layers):
        v = np.nan_to_num(np.asarray(values, dtype=float))
        base = np.where(v >= 0.0, up, down)
        ax.bar(x, v, bottom=base, width=0.72, color=colors[k % len(colors)], label=label, linewidth=0)
        up, down = up + np.maximum(v, 0.0), down + np.minimum(v, 0.0)
    if st.total:
        ax.plot(x, st.total, color="#111111", linestyle="none", marker="o", markersize=2.6, label=st.total_label)
    ax.axhline(0.0, color="#666666", linewidth=0.5)
    _finish_time_axes(ax, panel, lang, width_in)


def _value_text(value: float, kind: str, lang: str) -> str:
    """A value printed on a chart: a percentage or a number with two decimals."""
    return percent(value, 2, lang) if kind == "pct" else number(value, 2, lang)


def _mark_cut_bars(ax: Any, at: Any, values: Sequence[float], lo: float, hi: float, kind: str, lang: str) -> None:
    """Print the value of each bar cut at the axis's end (``lo`` or ``hi``) inside the bar, at that end (``at``: the
    bars' positions)."""
    for y, v in zip(at, values, strict=True):
        if math.isfinite(v) and not lo <= v <= hi:
            edge, dx, align = (hi, -2, "right") if v > hi else (lo, 2, "left")
            ax.annotate(
                _value_text(v, kind, lang),
                (edge, y),
                xytext=(dx, 0),
                textcoords="offset points",
                ha=align,
                va="center",
                fontsize=5.5,
                fontweight="bold",
                color="#111111",
            )


def _draw_tornado(ax: Any, panel: ChartPanel, lang: str) -> None:
    import numpy as np

    t = panel.tornado
    assert t is not None
    y = np.arange(len(t.parameters))
    low = np.array(t.low) - t.base
    high = np.array(t.high) - t.base
    ax.barh(y, low, left=t.base, color="#2e75b6", label=t.low_label)
    ax.barh(y, high, left=t.base, color="#c55a11", label=t.high_label)
    ax.axvline(t.base, color="#444444", linewidth=0.8)
    ax.set_yticks(y, [_wrap(p, 30) for p in t.parameters], fontsize=6.5)
    ax.xaxis.set_major_formatter(_formatter(panel.y_kind, lang))
    ax.set_xlabel(panel.y_label, fontsize=7)
    ax.legend(fontsize=6.5, frameon=False, loc="lower right")


def _draw_heatmap(ax: Any, panel: ChartPanel, lang: str) -> None:
    import numpy as np
    from matplotlib.colors import CenteredNorm

    h = panel.heatmap
    assert h is not None
    values = np.array(h.values, dtype=float)
    center, halfrange = heatmap_scale(h)
    norm = CenteredNorm(vcenter=center, halfrange=halfrange)
    image = ax.imshow(values, origin="lower", aspect="auto", cmap=HEATMAP_CMAP, norm=norm)
    ax.set_xticks(range(len(h.x)), tick_labels(h.x, h.lever_kinds[0], lang), fontsize=6.5)
    ax.set_yticks(range(len(h.y)), tick_labels(h.y, h.lever_kinds[1], lang), fontsize=6.5)
    ax.set_xlabel(_wrap(h.x_label, 45), fontsize=7)
    ax.set_ylabel(_wrap(h.y_label, 30), fontsize=7)
    scale = 100.0 if h.value_kind == "pct" else 1.0
    if values.size <= 80:
        for (r, c), v in np.ndenumerate(values):
            reached = h.threshold is not None and v >= h.threshold - 1e-12
            dark = abs(float(norm(v)) - 0.5) > 0.33  # a deep red or blue cell: white text
            ax.text(
                c,
                r,
                number(scale * v, 2, lang) + ("*" if reached else ""),  # the differences are small: two decimals
                ha="center",
                va="center",
                fontsize=6,
                fontweight="bold" if reached else "normal",
                color="white" if dark else "#111111",
            )
    bar = ax.figure.colorbar(image, ax=ax, fraction=0.05, pad=0.02)
    if h.value_label:
        bar.set_label(_wrap(h.value_label, 34), fontsize=6)
    bar.ax.axhline(center, color="#222222", linewidth=1.0)  # the target, where the colours turn
    bar.ax.yaxis.set_major_formatter(_formatter(h.value_kind, lang))
    bar.ax.tick_params(labelsize=6)


def _draw_choropleth(ax: Any, panel: ChartPanel, lang: str, width_in: float = WIDTH_IN) -> None:
    """Each region filled in its value's colour (grey without one), the highlighted ones outlined and labelled with
    their values; a horizontal colour bar at the lower right, the legend at the upper right."""
    import matplotlib
    from matplotlib.cm import ScalarMappable
    from matplotlib.collections import PolyCollection
    from matplotlib.colors import CenteredNorm
    from matplotlib.patches import Patch

    c = panel.choropleth
    assert c is not None
    center, halfrange = choropleth_scale(c)
    norm = CenteredNorm(vcenter=center, halfrange=halfrange)
    cmap = matplotlib.colormaps[HEATMAP_CMAP]
    rings: list[Any] = []
    faces: list[Any] = []
    for shape, value in zip(c.shapes, c.values, strict=True):
        face = cmap(norm(value)) if math.isfinite(value) else MISSING_COLOR
        rings += shape
        faces += [face] * len(shape)
    ax.add_collection(PolyCollection(rings, facecolors=faces, edgecolors="white", linewidths=0.3, zorder=1))
    marked = [k for k, region in enumerate(c.regions) if region in c.highlight]
    outlines = [ring for k in marked for ring in c.shapes[k]]
    if outlines:
        ax.add_collection(
            PolyCollection(outlines, facecolors="none", edgecolors=OUTLINE_COLOR, linewidths=OUTLINE_WIDTH, zorder=2)
        )
    points = [xy for shape in c.shapes for ring in shape for xy in ring]
    if points:
        xs, ys = [x for x, _ in points], [y for _, y in points]
        west, east, south, north = min(xs), max(xs), min(ys), max(ys)
        # room below the southern coasts for the colour bar
        ax.set_xlim(west - 0.5, east + 0.5)
        ax.set_ylim(south - 0.22 * (north - south), north + 0.5)
        _label_regions(ax, c, marked, (west, east, south, north), lang)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    ax.set_title("", loc="left")  # the figure's caption says what the map shows
    finite = [v for v in c.values if math.isfinite(v)]
    low, high = min(finite, default=center), max(finite, default=center)
    below, above = low < center - halfrange, high > center + halfrange  # values beyond the colours: arrows
    extend = "both" if below and above else "min" if below else "max" if above else "neither"
    cax = ax.inset_axes((0.6, 0.05, 0.36, 0.035))
    bar = ax.figure.colorbar(ScalarMappable(norm=norm, cmap=cmap), cax=cax, orientation="horizontal", extend=extend)
    bar.solids.set_rasterized(False)  # a vector drawing, like the rest of the report (matplotlib rasterizes it)
    bar.ax.axvline(center, color="#222222", linewidth=1.0)  # the target, where the colours turn
    bar.ax.xaxis.set_major_formatter(_formatter(c.value_kind, lang))
    bar.ax.tick_params(labelsize=6)
    if c.value_label:
        bar.ax.set_title(_wrap(c.value_label, int(0.36 * width_in * 17)), fontsize=6, loc="left")
    handles = []
    if outlines:
        handles.append(
            Patch(facecolor="none", edgecolor=OUTLINE_COLOR, linewidth=OUTLINE_WIDTH, label=c.highlight_label)
        )
    if len(finite) < len(c.values):
        handles.append(Patch(facecolor=MISSING_COLOR, edgecolor="white", label=c.missing_label))
    handles = [h for h in handles if h.get_label()]
    if handles:
        ax.legend(handles=handles, fontsize=6.5, frameon=False, loc="upper right")


#: Estimated size of a region label (6.5 pt bold DejaVu Sans): the width of a character and the height of a line,
#: in points, and how far (points) a label sits from its region.
LABEL_CHAR_PT, LABEL_LINE_PT, LABEL_OFFSET_PT = 4.0, 8.5, 24.0


def _label_regions(
    ax: Any, c: Choropleth, marked: Sequence[int], bounds: tuple[float, float, float, float], lang: str
) -> None:
    """Name each highlighted region and its value beside it, away from the map's middle, with a leader line.

    A label that would overlap one already placed moves a line further from the middle (down in the south, up in
    the north) until it is clear, and every label stays inside the map's frame; the labels' sizes are estimated
    from the figure's size (:data:`LABEL_CHAR_PT`), not measured.
    """
    west, east, south, north = bounds
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    width_in, height_in = ax.figure.get_size_inches()
    per_deg = 0.9 * 72.0 * min(width_in / (x1 - x0), height_in / (y1 - y0))  # points per degree on the map
    middle = ((west + east) / 2.0, (south + north) / 2.0)
    placed: list[tuple[float, float, float, float]] = []
    anchors = []
    for k in marked:
        ring = max(c.shapes[k], key=len)  # the main island's outline
        x = sum(p[0] for p in ring[:-1]) / max(len(ring) - 1, 1)
        y = sum(p[1] for p in ring[:-1]) / max(len(ring) - 1, 1)
        anchors.append((abs(y - middle[1]), x, y, k))
    for _, x, y, k in sorted(anchors):  # those nearest the middle first: they have the least room
        dx, dy = x - middle[0], y - middle[1]
        size = math.hypot(dx, dy)
        dx, dy = (dx / size, dy / size) if size > 0 else (0.0, -1.0)
        value = c.values[k]
        text = f"{c.regions[k]} {_value_text(value, c.value_kind, lang)}" if math.isfinite(value) else c.regions[k]
        w, h = len(text) * LABEL_CHAR_PT / per_deg, LABEL_LINE_PT / per_deg
        tx, ty = x + dx * LABEL_OFFSET_PT / per_deg, y + dy * LABEL_OFFSET_PT / per_deg
        left = tx - w if dx < -0.3 else (tx if dx > 0.3 else tx - w / 2.0)
        left = min(max(left, x0), x1 - w)  # inside the map's frame
        ty = min(max(ty, y0 + h / 2.0), y1 - h / 2.0)
        step = -h if dy <= 0 else h
        for _ in range(len(marked) + 1):
            box = (left, ty - h / 2.0, left + w, ty + h / 2.0)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                break
            ty += step
        placed.append((left, ty - h / 2.0, left + w, ty + h / 2.0))
        ax.annotate(
            text,
            (x, y),
            xytext=(left + w / 2.0, ty),
            textcoords="data",
            ha="center",
            va="center",
            fontsize=6.5,
            fontweight="bold",
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
            arrowprops={"arrowstyle": "-", "color": OUTLINE_COLOR, "linewidth": 0.6, "shrinkA": 1, "shrinkB": 0},
            zorder=4,
        )


def figure_size(fig_spec: Figure) -> tuple[float, float]:
    """The figure's width and height in inches: :data:`WIDTH_IN` wide, ``fig_spec.height`` per row of panels."""
    n = len(fig_spec.panels)
    ncols = min(fig_spec.ncols, n)
    return WIDTH_IN, fig_spec.height * ((n + ncols - 1) // ncols)


def render(fig_spec: Figure, lang: str) -> Any:
    """A matplotlib Figure for ``fig_spec`` (caller closes it)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    n = len(fig_spec.panels)
    ncols = min(fig_spec.ncols, n)
    nrows = (n + ncols - 1) // ncols
    fig, axes = plt.subplots(nrows, ncols, figsize=figure_size(fig_spec), squeeze=False)
    for k, panel in enumerate(fig_spec.panels):
        _draw_panel(axes[k // ncols][k % ncols], panel, lang, WIDTH_IN / ncols)
    for k in range(n, nrows * ncols):
        axes[k // ncols][k % ncols].set_visible(False)
    fig.tight_layout(pad=0.6, w_pad=1.5)
    # tight_layout leaves a placeholder layout engine, and savefig then draws the whole figure once more before
    # it writes it (a quarter of a chart's time); the layout is done, so the figure has none.
    fig.set_layout_engine(None)
    return fig


def figure_svg(fig_spec: Figure, lang: str) -> bytes:
    """The figure as SVG bytes (text kept as text, drawn in DejaVu Sans by the PDF renderer)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "growth8", "font.family": "DejaVu Sans"}):
        fig = render(fig_spec, lang)
        buf = io.BytesIO()
        fig.savefig(buf, format="svg", metadata={"Date": None})
        plt.close(fig)
    return buf.getvalue()
