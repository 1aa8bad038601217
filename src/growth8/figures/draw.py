"""Draw the document's figures with matplotlib (Agg), as SVG for vector embedding.

Text in the SVG stays text (``svg.fonttype: none``), drawn in DejaVu Sans by the PDF renderer, so
the chart words are searchable and extractable like the rest of the report. Long titles and labels
wrap; legends drop repeated labels and use fewer columns for long ones. matplotlib is imported
inside the functions.
"""

from __future__ import annotations

import io
import textwrap
from typing import Any

from growth8.figures.spec import ChartPanel, Figure
from growth8.i18n import number

__all__ = ["figure_svg", "render"]

#: Width of a figure in inches (the PDF's text width is about 6.9 in).
WIDTH_IN = 7.2
_STYLE = {"solid": "-", "dashed": "--", "dotted": ":", "dashdot": "-."}


def _formatter(kind: str, lang: str) -> Any:
    from matplotlib.ticker import FuncFormatter

    if kind == "pct":
        return FuncFormatter(lambda v, _pos: number(100 * v, 0 if abs(v) >= 0.1 or v == 0 else 1, lang))
    return FuncFormatter(lambda v, _pos: number(v, 0 if abs(v) >= 10 or v == 0 else 1, lang))


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
    for s in panel.series:
        for k, (lo, hi, label) in enumerate(s.bands):
            ax.fill_between(s.x, lo, hi, color=s.color, alpha=0.15 + 0.1 * k, linewidth=0, label=label)
        ax.plot(
            s.x, s.y, _STYLE[s.style], color=s.color, linewidth=s.width, label=s.label, marker=s.marker, markersize=3
        )
    if panel.vline is not None:
        ax.axvline(panel.vline, color="#999999", linewidth=0.6, linestyle=":")
    ax.yaxis.set_major_formatter(_formatter(panel.y_kind, lang))
    ax.set_ylabel(panel.y_label, fontsize=7)
    ax.grid(axis="y", color="#dddddd", linewidth=0.5)
    ax.xaxis.get_major_locator().set_params(integer=True)
    _legend(ax, width_in, loc="upper center", bbox_to_anchor=(0.5, -0.1))


def _draw_bars(ax: Any, panel: ChartPanel, lang: str, width_in: float = WIDTH_IN) -> None:
    import numpy as np

    bars = panel.bars
    assert bars is not None
    n_cat, n_grp = len(bars.categories), len(bars.groups)
    height = 0.8 / max(n_grp, 1)
    y = np.arange(n_cat)
    colors = ("#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000", "#2e75b6")
    for k, (label, values) in enumerate(bars.groups):
        ax.barh(y - 0.4 + height * (k + 0.5), values, height=height, label=label, color=colors[k % len(colors)])
    ax.set_yticks(y, bars.categories, fontsize=7)
    ax.invert_yaxis()
    if bars.reference is not None:
        ax.axvline(bars.reference, color="#444444", linestyle="--", linewidth=1, label=bars.reference_label)
    ax.xaxis.set_major_formatter(_formatter(panel.y_kind, lang))
    ax.set_xlabel(panel.y_label, fontsize=7)
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    ax.set_title("", loc="left")  # the figure's caption says what the bars are
    _legend(ax, width_in, loc="lower center", bbox_to_anchor=(0.5, 1.02))


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
    from matplotlib.ticker import FuncFormatter

    h = panel.heatmap
    assert h is not None
    values = np.array(h.values, dtype=float)
    image = ax.imshow(values, origin="lower", aspect="auto", cmap="YlGnBu")
    fmt_x = _formatter(h.lever_kinds[0], lang)
    fmt_y = _formatter(h.lever_kinds[1], lang)
    ax.set_xticks(range(len(h.x)), [fmt_x(v, None) for v in h.x], fontsize=6.5)
    ax.set_yticks(range(len(h.y)), [fmt_y(v, None) for v in h.y], fontsize=6.5)
    ax.set_xlabel(_wrap(h.x_label, 45), fontsize=7)
    ax.set_ylabel(_wrap(h.y_label, 30), fontsize=7)
    scale = 100.0 if h.value_kind == "pct" else 1.0
    cell = FuncFormatter(lambda v, _pos: number(scale * v, 2, lang))  # the differences are small: two decimals
    lo, hi = float(np.nanmin(values)), float(np.nanmax(values))
    if values.size <= 80:
        for (r, c), v in np.ndenumerate(values):
            reached = h.threshold is not None and v >= h.threshold - 1e-12
            dark = hi > lo and (v - lo) / (hi - lo) > 0.6
            ax.text(
                c,
                r,
                cell(v, None) + ("*" if reached else ""),
                ha="center",
                va="center",
                fontsize=6,
                fontweight="bold" if reached else "normal",
                color="white" if dark else "#111111",
            )
    bar = ax.figure.colorbar(image, ax=ax, fraction=0.05, pad=0.02)
    if h.value_label:
        bar.set_label(h.value_label, fontsize=6.5)
    fine = scale * (hi - lo) < 0.05  # a narrow range needs a third decimal to tell the ticks apart
    bar.ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: number(scale * v, 3 if fine else 2, lang)))
    bar.ax.tick_params(labelsize=6)


def render(fig_spec: Figure, lang: str) -> Any:
    """A matplotlib Figure for ``fig_spec`` (caller closes it)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    n = len(fig_spec.panels)
    ncols = min(fig_spec.ncols, n)
    nrows = (n + ncols - 1) // ncols
    fig, axes = plt.subplots(nrows, ncols, figsize=(WIDTH_IN, fig_spec.height * nrows), squeeze=False)
    for k, panel in enumerate(fig_spec.panels):
        _draw_panel(axes[k // ncols][k % ncols], panel, lang, WIDTH_IN / ncols)
    for k in range(n, nrows * ncols):
        axes[k // ncols][k % ncols].set_visible(False)
    fig.tight_layout(pad=0.6, w_pad=1.5)
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
