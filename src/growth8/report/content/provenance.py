"""Sources of the data: the series the projection ran on, from the panel already loaded (never re-read)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from growth8.data import SERIES_TITLE_COLUMN, series_texts
from growth8.i18n import has, period
from growth8.report.content.context import Context
from growth8.report.content.tables import data_table
from growth8.report.model import PRINT_MEDIA, Column, Table

if TYPE_CHECKING:
    from growth8.data import Panel

#: data/series.csv units -> catalogue keys (a unit not listed prints as the data file gives it).
DATA_UNITS = {
    "Rp bn (current prices)": "report.data_unit.rp_bn_current",
    "Rp bn (2010 prices)": "report.data_unit.rp_bn_2010",
    "thousand Rp (2010 prices)": "report.data_unit.thousand_rp_2010",
    "US$ (current)": "report.data_unit.usd_current",
    "fraction": "unit.fraction",
    "persons": "report.data_unit.persons",
    "years": "report.data_unit.years",
    "ratio": "unit.ratio",
}


def data_unit(unit: str, ctx: Context) -> str:
    """A data series' unit in the document's language."""
    key = DATA_UNITS.get(unit)
    return ctx.t(key) if key and has(key) else unit


def provenance_tables(ctx: Context, panel: Panel) -> tuple[Table, Table]:
    """The printed list of series (code, name, unit, years, provinces, publisher) and the workbook's full one."""
    cat = panel.catalog()
    series = series_texts(panel.series, ctx.lang)
    texts = series.set_index("series_id")
    data = cat.assign(
        title=[str(texts.loc[s, SERIES_TITLE_COLUMN[ctx.lang]]) for s in cat["series_id"]],
        unit=[data_unit(str(u), ctx) for u in cat["unit"]],
        years=[period(a, b) for a, b in zip(cat["first_year"], cat["last_year"], strict=True)],
        publisher=[str(texts.loc[s, "publisher"]) for s in cat["series_id"]],
        n_prov=[int(n) if n else "-" for n in cat["n_provinces"]],
    )
    cols = (
        Column("series_id", ctx.t("report.col.series_id")),
        Column("title", ctx.t("report.col.series_title")),
        Column("unit", ctx.t("report.col.unit")),
        Column("years", ctx.t("report.col.years")),
        Column("n_prov", ctx.t("report.col.n_provinces")),
        Column("publisher", ctx.t("report.col.publisher")),
    )
    printed = Table(
        "provenance",
        ctx.t("report.table.provenance"),
        cols,
        data,
        note=ctx.t("report.table.provenance_note", folder=panel.data_dir.name, hash=panel.data_hash[:12]),
        media=PRINT_MEDIA,
        widths=(1.9, 2.6, 1.3, 0.8, 0.7, 1.3),
    )
    full = series.merge(
        cat[["series_id", "n_provinces", "first_year", "last_year", "n_rows", "sources"]], on="series_id"
    )
    return printed, data_table(ctx.lang, "provenance", full)
