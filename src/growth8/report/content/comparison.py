"""Scenarios and provinces of one or more configs side by side (``growth8 compare``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from growth8.i18n import check_lang, t
from growth8.report.content import charts, cover, methodology, summary, tables
from growth8.report.content.context import Context, chart_provinces, join
from growth8.report.model import Block, Document, Paragraph, Section
from growth8.results.projection import PROJECTION_COLUMNS

if TYPE_CHECKING:
    from growth8.pipeline import ReportInputs


def build_comparison(inputs: Sequence[ReportInputs], lang: str = "en") -> Document:
    """Scenarios and provinces of one or more configs side by side.

    Parameters
    ----------
    inputs : sequence of growth8.pipeline.ReportInputs
        One per config; a single config with several scenarios works too. Scenario labels carry the
        config's name (``banten:``) when there are several.
    lang : {'id', 'en'}

    Returns
    -------
    Document
    """
    check_lang(lang)
    if not inputs:
        raise ValueError("build_comparison needs the report inputs of at least one config")
    many = len(inputs) > 1
    contexts = [Context(i, lang, label=f"{i.config.name}:" if many else "") for i in inputs]
    first = contexts[0]

    names = list(dict.fromkeys(n for c in contexts for n in c.names.values()))
    scenario_titles = [c.scenario_title(s) for c in contexts for s in c.scenarios]
    cover_rows = (
        (t("report.cover.provinces", lang), join(names, lang) if len(names) <= 8 else str(len(names))),
        (t("report.cover.scenarios", lang), "; ".join(scenario_titles)),
        (t("report.cover.configs", lang), ", ".join(c.cfg.name for c in contexts)),
        (t("report.cover.date", lang), cover.date_text(first.run.created, lang)),
    )

    blocks: list[Block] = []
    for ctx in contexts:
        for code in chart_provinces(ctx.result):
            for s in ctx.scenarios:
                blocks.append(Paragraph(summary.scenario_sentence(ctx, s, code), "bullet"))
    blocks.append(tables.overview_table(contexts, key="comparison"))
    sections = [Section(t("report.section.comparison", lang), tuple(blocks), new_page=True)]

    codes_all = list(dict.fromkeys(c for ctx in contexts for c in chart_provinces(ctx.result)))
    shared = [c for c in codes_all if all(c in ctx.names for ctx in contexts)]
    figs: list[Block] = []
    if shared:
        figs.append(charts.comparison_figure(contexts, shared))
    figs += charts.comparison_growth_figures(contexts, codes_all)
    sections.append(Section(t("report.section.charts", lang), tuple(figs), new_page=True))
    limits = methodology.limitation_blocks(Context(inputs[0], lang))  # the first config's, without its label
    sections.append(Section(t("report.section.limits", lang), tuple(limits), level=1))
    runs = [c.run for c in contexts]
    sections.append(cover.technical_section(first, runs))
    data: list[Block] = []
    for ctx in contexts:
        units = tables.contract_units("projection", list(PROJECTION_COLUMNS))
        sheet = t("xlsx.sheet.config_projection", lang, name=ctx.cfg.name)[:31] if many else None
        data.append(tables.data_table(lang, f"{ctx.label}projection", ctx.proj, units, sheet=sheet))
    sections.append(Section(t("report.section.data", lang), tuple(data), level=2))
    return Document(
        title=" | ".join(c.title() for c in contexts),
        subtitle=t("report.comparison.subtitle", lang),
        lang=lang,
        cover=cover_rows,
        sections=tuple(sections),
        run=cover.run_record(first, runs),
    )
