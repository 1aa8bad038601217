"""The report's document model: sections, paragraphs, tables and figures, independent of any renderer.

A :class:`Document` is plain data. :mod:`growth8.report.content` builds one from
the pipeline's report inputs; :mod:`~growth8.report.render.pdf`, :mod:`~growth8.report.render.xlsx`
and :mod:`~growth8.report.render.markdown` render it. Numbers are stored raw (fractions,
Rp bn) with a column kind; each renderer formats them for its medium and
language. Every word in it comes from the catalogue (:func:`growth8.i18n.t`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

from growth8.figures.spec import Bars, ChartPanel, Choropleth, Figure, Heatmap, Series, Tornado
from growth8.i18n import number, percent, share, t

__all__ = [
    "Bars",
    "ChartPanel",
    "Choropleth",
    "Column",
    "Document",
    "Figure",
    "Heatmap",
    "Paragraph",
    "Section",
    "Series",
    "Table",
    "Tornado",
]

ColumnKind = Literal["text", "int", "year", "pct", "share", "num", "bool"]
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
    kind : {'text', 'int', 'year', 'pct', 'share', 'num', 'bool'}
        How values are formatted: ``pct`` values are fractions shown as percentages; ``share`` too, but
        a positive share too small to show prints ``< 0.01``.
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
        if self.kind == "share":
            return share(float(value), self.decimals, lang).rstrip("%")
        if self.kind == "num":
            return number(float(value), self.decimals, lang)
        if self.kind in ("int", "year"):
            return str(int(value)) if self.kind == "year" else number(float(value), 0, lang)
        if self.kind == "bool":
            return t("report.yes" if bool(value) else "report.no", lang)
        return str(value)


@dataclass(frozen=True)
class Table:
    """A table: raw values in ``data`` and how to show them in ``columns``.

    Parameters
    ----------
    key : str
        Short id (stable, never shown).
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
    sheet : str
        The workbook's sheet name, in the document's language (default: ``key``).
    """

    key: str
    title: str
    columns: tuple[Column, ...]
    data: pd.DataFrame = field(repr=False)
    note: str = ""
    media: frozenset[str] = ALL_MEDIA
    widths: tuple[float, ...] | None = None
    sheet: str = ""

    def rows(self, lang: str) -> list[list[str]]:
        """Every row formatted for print."""
        cols = [(c, self.data[c.key].tolist()) for c in self.columns]
        n = len(self.data)
        return [[c.cell(values[i], lang) for c, values in cols] for i in range(n)]


@dataclass(frozen=True)
class Paragraph:
    """Text; ``style`` is 'body', 'bullet', 'code' or 'note'."""

    text: str
    style: Literal["body", "bullet", "code", "note", "lead", "key"] = "body"


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
        Lines of the cover page (what the report is about; the run's technical details are in
        the last section, "Technical information").
    sections : tuple of Section
    highlights : tuple of Block
        The key messages and the small scenario table on page 1, under the title (what a reader who reads
        one page needs).
    run : dict
        The run record (version, hashes, seed, ...) from :class:`growth8.pipeline.RunInfo`: PDF
        metadata, the workbook's run sheet, the Markdown front matter. Keys are codes.
    """

    title: str
    subtitle: str
    lang: str
    cover: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    run: dict[str, Any] = field(default_factory=dict)
    highlights: tuple[Block, ...] = ()

    def tables(self, medium: str) -> list[Table]:
        """Every table shown in ``medium``, in order."""
        blocks = [*self.highlights, *(b for s in self.sections for b in s.blocks)]
        return [b for b in blocks if isinstance(b, Table) and medium in b.media]

    def figures(self) -> list[Figure]:
        """Every figure, in order (their numbers in the captions: 1, 2, ...)."""
        blocks = [*self.highlights, *(b for s in self.sections for b in s.blocks)]
        return [b for b in blocks if isinstance(b, Figure)]
