"""The report on one config: cover, summary, charts, tables, appendix, technical information, data sheets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from growth8.errors import SoftBoundWarning
from growth8.report.content import charts, cover, glossary, keymessages, methodology, provenance, summary, tables
from growth8.report.content.context import ALL_CHARTS_UP_TO, Context, chart_provinces
from growth8.report.model import Block, Document, Paragraph, Section
from growth8.results.financing import FINANCING_COLUMNS
from growth8.results.projection import PROJECTION_COLUMNS
from growth8.results.target import TARGET_COLUMNS

if TYPE_CHECKING:
    from growth8.pipeline import ReportInputs

#: max_growth.csv columns that are fractions.
MAX_GROWTH_FRACTIONS = (
    "max_constant_growth",
    "max_growth_mean_by_year",
    "projected_growth_mean",
    "target_growth",
    "max_constant_growth_all_sources",
)


def data_sections(ctx: Context, extra: list[Block]) -> Section:
    """The workbook's data sheets (not printed): every table in full, headers and units in the document's language.

    Parameters
    ----------
    ctx : Context
    extra : list of Block
        Further data tables built elsewhere (the full list of data sources), placed after the assumptions.

    Returns
    -------
    Section
        One :func:`~growth8.report.content.tables.data_table` per sheet: projection, requirements, maximum
        growth, financing, sources of growth, assumptions, then the estimation, Monte Carlo, sensitivity and
        sweep tables the report inputs hold.
    """
    from growth8.i18n import has, unit_key
    from growth8.model.solow import GROWTH_SOURCES

    source_columns = [f"{k}_contribution" for k in GROWTH_SOURCES]
    lang = ctx.lang
    fractions = tables.fraction_units
    blocks: list[Block] = [
        tables.data_table(lang, "projection", ctx.proj, tables.contract_units("projection", list(PROJECTION_COLUMNS))),
        tables.data_table(lang, "requirements", ctx.req, tables.contract_units("requirements", list(TARGET_COLUMNS))),
        tables.data_table(lang, "max_growth", ctx.max_growth, fractions(MAX_GROWTH_FRACTIONS)),
        tables.data_table(
            lang,
            "financing",
            ctx.result.financing_table(),
            tables.contract_units("financing", list(FINANCING_COLUMNS)),
        ),
        tables.data_table(
            lang,
            "decomposition",
            ctx.result.projection.growth_decomposition(),
            {"growth": "unit.growth_fraction", **{c: "unit.source_contribution" for c in source_columns}},
        ),
        tables.data_table(lang, "assumptions", tables.assumptions_data(ctx)),
        *extra,
    ]
    inputs = ctx.inputs
    if inputs.estimation is not None:
        blocks.append(tables.data_table(lang, "estimation_detail", inputs.estimation.to_frame()))
    if inputs.uncertainty is not None:
        blocks.append(tables.data_table(lang, "quantiles", inputs.uncertainty.quantiles()))
        prob = inputs.uncertainty.probabilities()
        units = fractions(["target_growth", "prob_reach_target", "prob_reach_target_average"])
        blocks.append(tables.data_table(lang, "prob_reach", prob, units))
    if inputs.sensitivity is not None:
        # both outcomes (growth in the target year, the investment rate needed) are fractions
        units = fractions(["outcome_low", "outcome_high", "outcome_base", "swing"])
        blocks.append(tables.data_table(lang, "tornado", inputs.sensitivity.tornado(), units))
    sweep = ctx.sweep_table()
    if sweep is not None:
        # the levers take their parameter's unit and, where the catalogue has no header, its title
        units = fractions(["target_growth", "growth_target_year", "mean_growth", "extra_investment_share"])
        labels: dict[str, str] = {}
        for lever in sweep.columns:
            pdef = ctx.setup.defaults.get(str(lever))
            if pdef is None or lever in units:
                continue
            if has(unit_key(pdef.unit)):
                units[str(lever)] = unit_key(pdef.unit)
            if tables.column_label_key("sweep", str(lever)) is None:
                labels[str(lever)] = ctx.param_title(str(lever))
        blocks.append(tables.data_table(lang, "sweep", sweep, units, labels=labels))
    return Section(ctx.t("report.section.data"), tuple(blocks), level=2)


def build_report(inputs: ReportInputs, *, max_chart_provinces: int = 4, focus: Sequence[int] = ()) -> Document:
    """The report on one config's results, as a renderer-independent document.

    Parameters
    ----------
    inputs : growth8.pipeline.ReportInputs
        From :func:`growth8.pipeline.report_inputs`: the target result (with its projection and the
        panel it ran on), and optionally the estimation, Monte Carlo, sensitivity and sweep results, the
        run record and the language.
    max_chart_provinces : int
        Provinces charted when the config has more than six.
    focus : sequence of int
        BPS codes of provinces the report is about (``growth8 report --focus``): they get the key messages,
        the summary's paragraphs, the charts and the per-year tables; the others stay in the summary table
        and the workbook. Default: every province when there are at most six, else the largest few.

    Returns
    -------
    Document
    """
    ctx = Context(inputs, inputs.lang)
    focus = tuple(int(c) for c in focus)
    codes = focus or chart_provinces(ctx.result, max_chart_provinces)

    # executive summary
    many = len(ctx.provinces) > ALL_CHARTS_UP_TO
    blocks = summary.summary_blocks(ctx, codes, focus)
    blocks.append(tables.overview_table([ctx], scenarios=ctx.scenarios[:1] if many else None))
    sections = [Section(ctx.t("report.section.summary"), tuple(blocks), new_page=True)]

    # charts (for many provinces, each charted province's paragraphs open its charts)
    sections.append(Section(ctx.t("report.section.charts"), (), new_page=True))
    for i, code in enumerate(codes):
        text = summary.province_blocks(ctx, code) if many and code not in focus else []
        figures = charts.province_figures(ctx, code)
        sections.append(Section(ctx.names[code], (*text, *figures), level=2, new_page=i > 0))
    sections.append(
        Section(ctx.t("report.section.scenarios"), (charts.comparison_figure([ctx], ctx.provinces),), level=2)
    )
    # every province's growth in the base year, the charted provinces marked: a bar chart and a map
    peer_figures = (charts.peers_figure(ctx, highlight=codes), charts.peers_map_figure(ctx, highlight=codes))
    peers = tuple(f for f in peer_figures if f is not None)
    if peers:
        sections.append(Section(ctx.t("report.section.peers"), peers, level=2, new_page=True))
    tornado = charts.tornado_figures(ctx, codes)
    if tornado:
        sections.append(Section(ctx.t("report.section.sensitivity"), tuple(tornado), level=2, new_page=True))
    sweep = charts.sweep_figures(ctx, codes)
    if sweep:
        sections.append(Section(ctx.t("report.section.sweep"), tuple(sweep), level=2))

    # tables
    sections.append(Section(ctx.t("report.section.tables"), (), new_page=True))
    for code in codes:
        per_year: list[Block] = [tables.projection_table(ctx, s, code) for s in ctx.scenarios]
        per_year += [tables.requirements_table(ctx, s, code) for s in ctx.scenarios]
        per_year += [tables.financing_table(ctx, s, code) for s in ctx.scenarios]
        per_year += [tables.decomposition_table(ctx, s, code) for s in ctx.scenarios]
        sections.append(Section(ctx.names[code], tuple(per_year), level=2))
    sections.append(
        Section(ctx.t("report.section.assumptions"), (tables.assumptions_table(ctx),), level=2, new_page=True)
    )
    full_provenance: list[Block] = []
    if ctx.panel is not None:
        printed, full = provenance.provenance_tables(ctx, ctx.panel)
        sections.append(Section(ctx.t("report.section.provenance"), (printed,), level=2, new_page=True))
        full_provenance.append(full)

    # appendix
    sections.append(Section(ctx.t("report.section.method"), tuple(methodology.method_blocks(ctx)), new_page=True))
    if inputs.estimation is not None:
        est = methodology.estimation_blocks(ctx, inputs.estimation)
        sections.append(Section(ctx.t("report.section.estimation"), tuple(est), level=2))
    sections.append(Section(ctx.t("report.section.limits"), tuple(methodology.limitation_blocks(ctx)), level=2))
    soft = [w for w in inputs.warnings if isinstance(w, SoftBoundWarning)]
    if soft:
        notes: list[Block] = [Paragraph(ctx.t("report.warnings.lead"))]
        notes += [Paragraph(w.render(ctx.lang), "bullet") for w in soft]
        sections.append(Section(ctx.t("report.section.warnings"), tuple(notes), level=2))
    sections += glossary.glossary_sections(ctx)
    sections.append(cover.technical_section(ctx))
    sections.append(data_sections(ctx, full_provenance))
    return Document(
        title=ctx.title(),
        subtitle=ctx.t("report.subtitle"),
        lang=ctx.lang,
        cover=cover.cover_rows(ctx),
        sections=tuple(sections),
        run=cover.run_record(ctx),
        highlights=tuple(keymessages.key_blocks(ctx, codes, focus)),
    )
