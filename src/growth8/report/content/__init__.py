"""Build the report's :class:`~growth8.report.model.Document` from the pipeline's report inputs, by section.

One module per part of the document: :mod:`.summary` (the executive summary's sentences, from
``result.facts()``), :mod:`.charts` (figure specs), :mod:`.tables` (overview, per-year, assumptions and
the workbook's data sheets), :mod:`.provenance` (data sources), :mod:`.methodology` (methodology,
estimation, limitations), :mod:`.cover` (cover, technical information, run record), :mod:`.report` (the
report on one config) and :mod:`.comparison` (several configs side by side). :mod:`.context` holds
what they share.

The content never runs the model and never reads a file: every number is a value of the result
objects (or of the panel they ran on, for history and provenance), selected, compared or formatted;
every word comes from the catalogue (:func:`growth8.i18n.t`).
"""

from growth8.report.content.comparison import build_comparison
from growth8.report.content.context import ALL_CHARTS_UP_TO, chart_provinces
from growth8.report.content.report import build_report

__all__ = ["ALL_CHARTS_UP_TO", "build_comparison", "build_report", "chart_provinces"]
