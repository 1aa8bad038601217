"""The report's document model: sections, paragraphs, tables and figures, independent of any renderer.

A :class:`Document` is plain data. :mod:`growth8.report.content` builds one from
result objects; :mod:`~growth8.report.pdf`, :mod:`~growth8.report.xlsx` and
:mod:`~growth8.report.markdown` render it. Numbers are stored raw (fractions,
Rp bn) with a column kind; each renderer formats them for its medium and
language.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

from growth8.i18n import number, percent

ColumnKind = Literal["text", "int", "year", "pct", "num", "bool"]
Medium = Literal["pdf", "md", "xlsx"]
ALL_MEDIA: frozenset[str] = frozenset({"pdf", "md", "xlsx"})
PRINT_MEDIA: frozenset[str] = frozenset({"pdf", "md"})


@dataclass(frozen=True)
class Column:
    """One table column.

    Parameters
    ----------
    key : str
        Column name in the table's frame.
    label : str
        Header, in the document's language.
    unit : str
        Unit shown with the header ("%", "Rp bn, 2010 prices", ...); empty for none.
    kind : {'text', 'int', 'year', 'pct', 'num', 'bool'}
        How values are formatted: ``pct`` values are fractions shown as percentages.
    decimals : int
    """

    key: str
    label: str
    unit: str = ""
    kind: ColumnKind = "text"
    decimals: int = 1

    def header(self, sep: str = " ") -> str:
        """Label with its unit: ``Growth (%)``."""
        return f"{self.label}{sep}({self.unit})" if self.unit else self.label

    def cell(self, value: Any, lang: str) -> str:
        """One value formatted for print in ``lang``."""
        if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
            return "-"
        if self.kind == "pct":
            return percent(float(value), self.decimals, lang).rstrip("%")
        if self.kind == "num":
            return number(float(value), self.decimals, lang)
        if self.kind in ("int", "year"):
            return str(int(value)) if self.kind == "year" else number(float(value), 0, lang)
        if self.kind == "bool":
            yes, no = ("ya", "tidak") if lang == "id" else ("yes", "no")
            return yes if bool(value) else no
        return str(value)


@dataclass(frozen=True)
class Table:
    """A table: raw values in ``data`` and how to show them in ``columns``.

    Parameters
    ----------
    key : str
        Short id; the workbook's sheet name.
    title : str
    columns : tuple of Column
    data : DataFrame
        Holds at least every ``Column.key``.
    note : str
        Shown under the table.
    media : frozenset of str
        Renderers that show it: print tables are selections, data tables (xlsx
        only) hold every row.
    widths : tuple of float, optional
        Relative column widths for print.
    """

    key: str
    title: str
    columns: tuple[Column, ...]
    data: pd.DataFrame = field(repr=False)
    note: str = ""
    media: frozenset[str] = ALL_MEDIA
    widths: tuple[float, ...] | None = None

    def rows(self, lang: str) -> list[list[str]]:
        """Every row formatted for print."""
        cols = [(c, self.data[c.key].tolist()) for c in self.columns]
        n = len(self.data)
        return [[c.cell(values[i], lang) for c, values in cols] for i in range(n)]


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
    low_label: str = "low"
    high_label: str = "high"


@dataclass(frozen=True)
class Heatmap:
    """A grid of outcomes over two levers (rows: ``y``, columns: ``x``).

    Cells at or above ``threshold`` are marked (where the target is reached).
    """

    x_label: str
    y_label: str
    x: tuple[float, ...]
    y: tuple[float, ...]
    values: tuple[tuple[float, ...], ...]
    threshold: float | None = None
    value_kind: Literal["pct", "num"] = "pct"
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
    """A figure of one or more panels, drawn by :mod:`growth8.report.charts`."""

    key: str
    title: str
    panels: tuple[ChartPanel, ...]
    ncols: int = 1
    height: float = 3.0  # inches per row of panels
    note: str = ""


@dataclass(frozen=True)
class Paragraph:
    """Text; ``style`` is 'body', 'bullet', 'code' or 'note'."""

    text: str
    style: Literal["body", "bullet", "code", "note", "lead"] = "body"


Block = Paragraph | Table | Figure


@dataclass(frozen=True)
class Section:
    """A heading and its blocks; ``level`` 1 or 2. ``new_page`` starts it on a new page in print."""

    title: str
    blocks: tuple[Block, ...]
    level: int = 1
    new_page: bool = False


@dataclass(frozen=True)
class Document:
    """A whole report.

    Attributes
    ----------
    title, subtitle : str
    lang : str
    cover : tuple of (label, value)
        Lines of the cover page.
    sections : tuple of Section
    run : dict
        The run record (version, hashes, seed, ...): PDF metadata, the workbook's
        'run' sheet, the Markdown front matter.
    """

    title: str
    subtitle: str
    lang: str
    cover: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    run: dict[str, Any] = field(default_factory=dict)

    def tables(self, medium: str) -> list[Table]:
        """Every table shown in ``medium``, in order."""
        return [b for s in self.sections for b in s.blocks if isinstance(b, Table) and medium in b.media]

    def figures(self) -> list[Figure]:
        """Every figure, in order."""
        return [b for s in self.sections for b in s.blocks if isinstance(b, Figure)]
